package org.socemu.imx7;

import org.socemu.core.dev.Device;
import org.socemu.core.dev.MmioDevice;
import org.socemu.core.dev.Register;
import org.socemu.core.irq.IrqLine;
import org.socemu.core.irq.IrqSink;
import org.socemu.core.machine.DeviceContext;
import org.socemu.core.machine.DeviceType;

/**
 * GPIO bank (i.MX7D RM chapter "GPIO"; Linux gpio-mxc.c). 32 pins; inputs "0".."31" are the pad
 * levels a board drives. PSR reads the pad: the output latch for output pins, the input level
 * otherwise. Interrupt conditions per pin from ICR1/ICR2 (low level, high level, rising, falling)
 * or both edges with EDGE_SEL; ISR is write-1-to-clear (a level condition that still holds sets
 * it again). Two interrupt outputs as imx7s.dtsi wires them: pins 0..15 and pins 16..31.
 */
public final class ImxGpio extends MmioDevice implements IrqSink {
    static final int LOW_LEVEL = 0, HIGH_LEVEL = 1, RISING = 2, FALLING = 3;

    private final IrqLine irqLow, irqHigh;
    private final IrqLine[] pins = new IrqLine[32];
    private final Register dr, gdir, icr1, icr2, imr, isr, edgeSel;
    private int padIn;

    public ImxGpio(String name, IrqLine irqLow, IrqLine irqHigh) {
        super(name, 0x10000);
        this.irqLow = irqLow;
        this.irqHigh = irqHigh;
        dr = regs.word(0x00, "GPIO_DR");
        gdir = regs.word(0x04, "GPIO_GDIR");
        dr.onWrite((o, n) -> padsChanged(pad(o, gdir.value())));
        gdir.onWrite((o, n) -> padsChanged(pad(dr.value(), o)));
        regs.word(0x08, "GPIO_PSR").readOnly().onRead(this::psr);
        icr1 = regs.word(0x0C, "GPIO_ICR1").onWrite(v -> levelConditions());
        icr2 = regs.word(0x10, "GPIO_ICR2").onWrite(v -> levelConditions());
        imr = regs.word(0x14, "GPIO_IMR").onWrite(v -> update());
        isr = regs.word(0x18, "GPIO_ISR").writeOneToClear(-1).onWrite(v -> levelConditions());
        edgeSel = regs.word(0x1C, "GPIO_EDGE_SEL").onWrite(v -> levelConditions());
        for (int i = 0; i < 32; i++) {
            int pin = i;
            pins[i] = new IrqLine(name + ".pin" + i, high -> {
                int old = psr();
                padIn = high ? padIn | 1 << pin : padIn & ~(1 << pin);
                padsChanged(old);
            });
        }
    }

    @Override
    public IrqLine input(String pin) {
        int n;
        try {
            n = Integer.parseInt(pin);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("no pin " + pin);
        }
        if (n < 0 || n > 31) throw new IllegalArgumentException("no pin " + pin + " (0..31)");
        return pins[n];
    }

    private int pad(int data, int dir) {
        return (data & dir) | (padIn & ~dir);
    }

    private int psr() {
        return pad(dr.value(), gdir.value());
    }

    private int condition(int pin) {
        int icr = pin < 16 ? icr1.value() : icr2.value();
        return (icr >>> (2 * (pin & 15))) & 3;
    }

    /** Pads changed from {@code old}: edges latch into ISR, levels are re-evaluated. */
    private void padsChanged(int old) {
        int now = psr();
        int rose = ~old & now, fell = old & ~now;
        int hits = 0;
        for (int pin = 0; pin < 32; pin++) {
            int bit = 1 << pin;
            if ((edgeSel.value() & bit) != 0) {
                if (((rose | fell) & bit) != 0) hits |= bit;
                continue;
            }
            int c = condition(pin);
            if ((c == RISING && (rose & bit) != 0) || (c == FALLING && (fell & bit) != 0)) hits |= bit;
        }
        isr.setBits(hits);
        levelConditions();
    }

    /** Level conditions that hold set their ISR bit (again, after a clear). */
    private void levelConditions() {
        int now = psr();
        int hits = 0;
        for (int pin = 0; pin < 32; pin++) {
            int bit = 1 << pin;
            if ((edgeSel.value() & bit) != 0) continue;
            int c = condition(pin);
            if ((c == HIGH_LEVEL && (now & bit) != 0) || (c == LOW_LEVEL && (now & bit) == 0)) hits |= bit;
        }
        // as on hardware, ISR records conditions whatever IMR says (after reset, ICR = 0 means
        // "low level", so every low pin shows in ISR; IMR keeps them from interrupting)
        isr.setBits(hits);
        update();
    }

    private void update() {
        int pending = isr.value() & imr.value();
        irqLow.set((pending & 0xFFFF) != 0);
        if (irqHigh != null) irqHigh.set((pending & 0xFFFF0000) != 0);
        else irqLow.set(pending != 0);
    }

    @Override
    protected boolean peekSafe(Register r) {
        return true;
    }

    @Override
    public void reset() {
        super.reset();
        update();
    }

    /** "imx-gpio": irqs [pins 0-15, pins 16-31] (one irq: both halves on it); inputs "0".."31". */
    public static final class Type implements DeviceType {
        @Override public String type() { return "imx-gpio"; }

        @Override
        public Device create(DeviceContext ctx) {
            return new ImxGpio(ctx.name(), ctx.irq(0), ctx.irqCount() > 1 ? ctx.irq(1) : null);
        }
    }
}
