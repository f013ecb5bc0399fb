package org.socemu.imx7;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.socemu.core.irq.IrqLine;
import org.socemu.core.time.Clock;
import org.socemu.core.time.Scheduler;

class GpioI2cTest {
    IrqLine low = new IrqLine("gpio.lo"), high = new IrqLine("gpio.hi");

    @Test
    void outputsReadBackThroughPsrAndInputsFollowThePads() {
        ImxGpio g = new ImxGpio("gpio1", low, high);
        g.write(0x04, 4, 0x0000000F); // pins 0..3 out
        g.write(0x00, 4, 0x00000005);
        assertEquals(0x5, g.read(0x08, 4));
        g.input("20").raise();
        assertEquals(0x5 | 1 << 20, g.read(0x08, 4));
        g.input("2").raise(); // output pin: the pad is driven by DR
        assertEquals(0, g.read(0x08, 4) & 4 & ~g.read(0x00, 4));
    }

    @Test
    void risingEdgeInterruptOnTheUpperHalfLine() {
        ImxGpio g = new ImxGpio("gpio1", low, high);
        g.write(0x10, 4, ImxGpio.RISING << 2 * (20 - 16)); // ICR2: pin 20 rising
        g.write(0x18, 4, -1); // clear ISR
        g.write(0x14, 4, 1 << 20);
        g.input("20").raise();
        assertTrue(high.isHigh());
        assertFalse(low.isHigh());
        g.write(0x18, 4, 1 << 20);
        assertFalse(high.isHigh(), "w1c");
        g.input("20").lower();
        assertFalse(high.isHigh(), "falling edge ignored");
    }

    @Test
    void bothEdgesWithEdgeSelAndLevelReassertsAfterClear() {
        ImxGpio g = new ImxGpio("gpio2", low, high);
        g.write(0x1C, 4, 1 << 3);
        g.write(0x14, 4, 1 << 3 | 1 << 4);
        g.write(0x18, 4, -1);
        g.input("3").raise();
        assertTrue(low.isHigh());
        g.write(0x18, 4, 1 << 3);
        g.input("3").lower();
        assertTrue(low.isHigh(), "falling edge too");
        g.write(0x18, 4, 1 << 3);
        g.write(0x0C, 4, ImxGpio.HIGH_LEVEL << 8); // pin 4 high level
        g.input("4").raise();
        g.write(0x18, 4, 1 << 4);
        assertTrue(low.isHigh(), "level still high: ISR set again");
        g.input("4").lower();
        g.write(0x18, 4, 1 << 4);
        assertFalse(low.isHigh());
    }

    @Test
    void i2cAddressWithNoDeviceIsNotAcknowledged() {
        Scheduler clock = new Scheduler();
        IrqLine irq = new IrqLine("i2c1");
        ImxI2c i2c = new ImxI2c("i2c1", irq, clock, 24_000_000);
        assertEquals(ImxI2c.I2SR_ICF | ImxI2c.I2SR_RXAK, i2c.read(0x0C, 2));
        i2c.write(0x04, 2, 0x2A); // IFDR: /2560... ~9.4 kHz? (whatever the driver picks)
        i2c.write(0x08, 2, ImxI2c.I2CR_IEN);
        i2c.write(0x0C, 2, 0);
        assertEquals(0, i2c.read(0x0C, 2) & ImxI2c.I2SR_IBB, "bus free");
        // i2c_imx_start: MSTA | MTX | IIEN, the bus becomes busy
        i2c.write(0x08, 2, ImxI2c.I2CR_IEN | ImxI2c.I2CR_IIEN | ImxI2c.I2CR_MSTA | ImxI2c.I2CR_MTX);
        assertEquals(ImxI2c.I2SR_IBB, i2c.read(0x0C, 2) & ImxI2c.I2SR_IBB);
        i2c.write(0x10, 2, 0x50 << 1); // address byte
        assertFalse(irq.isHigh());
        TestTime.advance(clock, 9 * i2c.bitTime() + Clock.PS_PER_NS);
        assertTrue(irq.isHigh());
        int sr = i2c.read(0x0C, 2);
        assertEquals(ImxI2c.I2SR_IIF, sr & ImxI2c.I2SR_IIF);
        assertEquals(ImxI2c.I2SR_RXAK, sr & ImxI2c.I2SR_RXAK, "no ACK");
        assertEquals(0, sr & ImxI2c.I2SR_IAL, "no arbitration loss");
        i2c.write(0x0C, 2, sr & ~ImxI2c.I2SR_IIF); // clear IIF by writing 0
        assertFalse(irq.isHigh());
        i2c.write(0x08, 2, ImxI2c.I2CR_IEN | ImxI2c.I2CR_IIEN); // STOP
        assertEquals(0, i2c.read(0x0C, 2) & ImxI2c.I2SR_IBB, "bus free after STOP");
    }
}
