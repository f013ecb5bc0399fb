package org.socemu.periph.ar9331;

import org.socemu.core.dev.Device;
import org.socemu.core.dev.MmioDevice;
import org.socemu.core.dev.Register;
import org.socemu.core.irq.IrqLine;
import org.socemu.core.irq.IrqSink;
import org.socemu.core.machine.DeviceContext;
import org.socemu.core.machine.DeviceType;

/**
 * The AR9331's MISC interrupt controller (qca,ar7240-misc-intc at 0x18060010, in the reset block),
 * chained to CPU interrupt IP6. Inputs (as ar9331.dtsi wires them): 0 general timer, 1 error,
 * 2 GPIO, 3 UART, 4 watchdog, 5 performance counter, 6 OHCI, 7 DMA, 8-10 timers 2-4, 12 switch.
 *
 * <p>Sources are levels. STATUS latches every asserted source; a write stores the written value
 * (irq-ath79-misc acks with STATUS = STATUS & ~BIT(n), which is not write-1-to-clear), after which
 * a source that is still asserted sets its bit again. The output is (STATUS & ENABLE) != 0.
 */
public final class MiscInterruptController extends MmioDevice implements IrqSink {
    static final int MISC_INT_STATUS = 0x0, MISC_INT_ENABLE = 0x4;
    static final int INPUTS = 32;

    private final IrqLine out;
    private final Register status;
    private final Register enable;
    private final IrqLine[] inputs = new IrqLine[INPUTS];
    private int levels;

    public MiscInterruptController(String name, IrqLine out) {
        super(name, 0x8);
        this.out = out;
        status = regs.word(MISC_INT_STATUS, "MISC_INT_STATUS").onWrite(v -> update());
        enable = regs.word(MISC_INT_ENABLE, "MISC_INT_ENABLE").onWrite(v -> update());
        for (int i = 0; i < INPUTS; i++) {
            final int bit = 1 << i;
            inputs[i] = new IrqLine(name + ":" + i, high -> sourceChanged(bit, high));
        }
    }

    @Override
    public IrqLine input(String pin) {
        int n;
        try {
            n = Integer.parseInt(pin);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("misc interrupt inputs are 0.." + (INPUTS - 1) + ", not " + pin);
        }
        if (n < 0 || n >= INPUTS) throw new IllegalArgumentException("misc interrupt inputs are 0.." + (INPUTS - 1));
        return inputs[n];
    }

    private void sourceChanged(int bit, boolean high) {
        levels = high ? levels | bit : levels & ~bit;
        update();
    }

    /** Re-latches asserted sources and drives the cascade output. */
    private void update() {
        status.setBits(levels);
        out.set((status.value() & enable.value()) != 0);
    }

    @Override
    public void reset() {
        super.reset();
        update();
    }

    /** "ar9331-misc-intc": irq[0] is the cascade output (CPU pin 6). */
    public static final class Type implements DeviceType {
        @Override public String type() { return "ar9331-misc-intc"; }
        @Override public Device create(DeviceContext ctx) { return new MiscInterruptController(ctx.name(), ctx.irq(0)); }
    }
}
