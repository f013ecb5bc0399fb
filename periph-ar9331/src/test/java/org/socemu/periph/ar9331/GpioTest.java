package org.socemu.periph.ar9331;

import static org.junit.jupiter.api.Assertions.*;
import static org.socemu.periph.ar9331.Gpio.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socemu.core.irq.IrqLine;

@Timeout(10)
class GpioTest {
    private final IrqLine irq = new IrqLine("misc:2");
    private final Gpio gpio = Bus.attach(new Gpio("gpio", irq, 0));

    @Test
    void outputsDriveInAndSetClearWork() {
        gpio.write(OE, 4, 1 << 27);
        gpio.write(SET, 4, 1 << 27);
        assertEquals(1 << 27, gpio.read(OUT, 4));
        assertEquals(1 << 27, gpio.read(IN, 4));
        assertTrue(gpio.pin(27));
        gpio.write(CLEAR, 4, 1 << 27);
        assertEquals(0, gpio.read(IN, 4));
        gpio.write(OUT, 4, 1 << 5); // not an output: IN shows the external level
        assertEquals(0, gpio.read(IN, 4) & (1 << 5));
        gpio.setInput(11, true);
        assertEquals(1 << 11, gpio.read(IN, 4));
        assertEquals(0, gpio.read(SET, 4));
    }

    @Test
    void levelInterruptFollowsThePin() {
        gpio.write(INT_TYPE, 4, 1 << 11);     // level
        gpio.write(INT_POLARITY, 4, 1 << 11); // high
        gpio.write(INT_ENABLE, 4, 1 << 11);
        gpio.write(INT_MASK, 4, 1 << 11);
        assertFalse(irq.isHigh());
        gpio.setInput(11, true);
        assertTrue(irq.isHigh());
        assertEquals(1 << 11, gpio.read(INT_PENDING, 4));
        assertTrue(irq.isHigh(), "a level stays pending while it holds");
        gpio.setInput(11, false);
        assertFalse(irq.isHigh());
    }

    @Test
    void edgeInterruptLatchesUntilPendingIsRead() {
        gpio.write(INT_POLARITY, 4, 1 << 18); // rising, edge (INT_TYPE 0)
        gpio.write(INT_ENABLE, 4, 1 << 18);
        gpio.write(INT_MASK, 4, 1 << 18);
        gpio.setInput(18, true);
        gpio.setInput(18, false);
        assertTrue(irq.isHigh(), "the edge was latched");
        assertEquals(1 << 18, gpio.read(INT_PENDING, 4));
        assertFalse(irq.isHigh());
        assertEquals(0, gpio.read(INT_PENDING, 4));
        gpio.setInput(18, true);
        gpio.write(INT_MASK, 4, 0);
        assertFalse(irq.isHigh(), "masked");
    }

    @Test
    void functionRegisterHoldsWhatIsWritten() {
        gpio.write(FUNCTION_1, 4, gpio.read(FUNCTION_1, 4) | 0x8002);
        assertEquals(0x8002, gpio.read(FUNCTION_1, 4));
    }
}
