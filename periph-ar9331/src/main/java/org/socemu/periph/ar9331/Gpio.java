package org.socemu.periph.ar9331;

import org.socemu.core.dev.Device;
import org.socemu.core.dev.MmioDevice;
import org.socemu.core.dev.Register;
import org.socemu.core.irq.IrqLine;
import org.socemu.core.machine.DeviceContext;
import org.socemu.core.machine.DeviceType;

/**
 * AR9331 GPIO block (qca,ar7100-gpio at 0x18040000, 30 lines; Linux gpio-ath79). A pin drives OUT
 * while its OE bit is set and reads its external level otherwise; external levels come from the
 * board (prop "inputs": keys released read 0) or {@link #setInput}.
 *
 * <p>Interrupts (misc 2): a pin with INT_ENABLE set is pending while its level equals INT_POLARITY
 * (INT_TYPE = 1, level) or once that edge was seen (INT_TYPE = 0, edge). Linux's handler reads
 * INT_PENDING and writes no acknowledge, so a latched edge is cleared by that read.
 */
public final class Gpio extends MmioDevice {
    static final int OE = 0x00, IN = 0x04, OUT = 0x08, SET = 0x0C, CLEAR = 0x10, INT_ENABLE = 0x14,
            INT_TYPE = 0x18, INT_POLARITY = 0x1C, INT_PENDING = 0x20, INT_MASK = 0x24, FUNCTION_1 = 0x28,
            FUNCTION_2 = 0x30;
    static final int PINS = 30;
    static final int PIN_MASK = (1 << PINS) - 1;

    private final IrqLine irq;
    private final Register oe, out, intEnable, intType, intPolarity, intMask;
    private final int defaultInputs;
    private int inputs;
    private int edgeLatched;
    private int lastLevels;

    public Gpio(String name, IrqLine irq, int inputs) {
        super(name, 0x100);
        this.irq = irq;
        this.defaultInputs = inputs & PIN_MASK;
        this.inputs = defaultInputs;
        oe = regs.word(OE, "GPIO_OE").mask(PIN_MASK).onWrite(v -> pinsChanged());
        regs.word(IN, "GPIO_IN").readOnly().onRead(this::levels);
        out = regs.word(OUT, "GPIO_OUT").mask(PIN_MASK).onWrite(v -> pinsChanged());
        regs.word(SET, "GPIO_SET").onRead(() -> 0).onWriteRaw(v -> {
            out.setBits(v & PIN_MASK);
            pinsChanged();
        });
        regs.word(CLEAR, "GPIO_CLEAR").onRead(() -> 0).onWriteRaw(v -> {
            out.clearBits(v & PIN_MASK);
            pinsChanged();
        });
        intEnable = regs.word(INT_ENABLE, "GPIO_INT_ENABLE").mask(PIN_MASK).onWrite(v -> updateIrq());
        intType = regs.word(INT_TYPE, "GPIO_INT_TYPE").mask(PIN_MASK).onWrite(v -> updateIrq());
        intPolarity = regs.word(INT_POLARITY, "GPIO_INT_POLARITY").mask(PIN_MASK).onWrite(v -> updateIrq());
        regs.word(INT_PENDING, "GPIO_INT_PENDING").readOnly().onRead(this::readPending);
        intMask = regs.word(INT_MASK, "GPIO_INT_MASK").mask(PIN_MASK).onWrite(v -> updateIrq());
        regs.word(FUNCTION_1, "GPIO_FUNCTION_1");
        regs.word(FUNCTION_2, "GPIO_FUNCTION_2");
        lastLevels = levels();
    }

    /** Pin levels: driven pins show OUT, the others their external level. */
    int levels() {
        int o = oe.value();
        return (out.value() & o) | (inputs & ~o & PIN_MASK);
    }

    /** Drives an input pin from outside (a key, a test). */
    public void setInput(int pin, boolean high) {
        inputs = high ? inputs | (1 << pin) : inputs & ~(1 << pin);
        pinsChanged();
    }

    /** The level LEDs and other outputs see. */
    public boolean pin(int pin) {
        return (levels() >>> pin & 1) != 0;
    }

    private void pinsChanged() {
        int now = levels();
        int rising = now & ~lastLevels, falling = ~now & lastLevels;
        int pol = intPolarity.value();
        edgeLatched |= ((rising & pol) | (falling & ~pol)) & ~intType.value() & intEnable.value();
        lastLevels = now;
        updateIrq();
    }

    private int pending() {
        int levelMatch = ~(levels() ^ intPolarity.value()) & intType.value();
        return (levelMatch | edgeLatched) & intEnable.value() & PIN_MASK;
    }

    private int readPending() {
        int p = pending();
        edgeLatched = 0;
        updateIrq();
        return p;
    }

    private void updateIrq() {
        irq.set((pending() & intMask.value()) != 0);
    }

    @Override
    public void reset() {
        super.reset();
        inputs = defaultInputs;
        edgeLatched = 0;
        lastLevels = levels();
        updateIrq();
    }

    @Override
    protected boolean peekSafe(Register r) {
        return r.offset() != INT_PENDING;
    }

    /** "ar9331-gpio": irq[0] to misc 2; prop "inputs" = external pin levels (default all low). */
    public static final class Type implements DeviceType {
        @Override public String type() { return "ar9331-gpio"; }
        @Override public Device create(DeviceContext ctx) {
            return new Gpio(ctx.name(), ctx.irq(0), (int) ctx.props().number("inputs", 0));
        }
    }
}
