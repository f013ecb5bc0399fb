package org.socemu.imx7;

import org.socemu.core.dev.Device;
import org.socemu.core.dev.MmioDevice;
import org.socemu.core.dev.Register;
import org.socemu.core.irq.IrqLine;
import org.socemu.core.machine.DeviceContext;
import org.socemu.core.machine.DeviceType;
import org.socemu.core.time.Clock;
import org.socemu.core.time.Event;
import org.socemu.core.time.Frequency;

/**
 * The system counter (SYS_CTR) that feeds the A7s' generic timers: three 64 KiB frames mapped
 * together, read frame (+0x00000, 0x306A0000), compare frame (+0x10000) and control frame
 * (+0x20000, 0x306C0000). It counts at CNTFID0 = 8 MHz while CNTCR.EN is set; the count is
 * computed from virtual time. {@link #count} is the value a generic timer's CNTPCT follows.
 */
public final class SystemCounter extends MmioDevice {
    static final int READ = 0x00000, COMPARE = 0x10000, CONTROL = 0x20000;
    static final int CNTCR_EN = 1, CNTCR_HDBG = 1 << 1, CNTCR_FCR0 = 1 << 8, CNTCR_FCR1 = 1 << 9;
    static final int CMPCR_EN = 1, CMPCR_IMASK = 1 << 1, CMPCR_ISTAT = 1 << 2;
    public static final long BASE_HZ = 8_000_000;

    private final Clock clock;
    private final IrqLine irq;
    private final boolean startRunning;
    private final Frequency freq = new Frequency(BASE_HZ);
    private final Register cntcr, cmpcr, cmpcv0, cmpcv1;
    private final Event compareEvent;
    private long cv0;
    private long tick0;

    /** @param irq the compare interrupt, or null when it is not wired */
    public SystemCounter(String name, Clock clock, IrqLine irq, boolean startRunning) {
        super(name, 0x30000);
        this.clock = clock;
        this.irq = irq;
        this.startRunning = startRunning;
        this.compareEvent = Event.of(name + ".compare", now -> updateCompare());
        regs.word(READ + 0x08, "CNTCV0_RD").readOnly().onRead(() -> (int) count());
        regs.word(READ + 0x0C, "CNTCV1_RD").readOnly().onRead(() -> (int) (count() >>> 32));
        cmpcv0 = regs.word(COMPARE + 0x20, "CMPCV0").onWrite(v -> updateCompare());
        cmpcv1 = regs.word(COMPARE + 0x24, "CMPCV1").onWrite(v -> updateCompare());
        cmpcr = regs.word(COMPARE + 0x2C, "CMPCR").mask(CMPCR_EN | CMPCR_IMASK).onWrite(v -> updateCompare());
        cntcr = regs.word(CONTROL + 0x00, "CNTCR").mask(CNTCR_EN | CNTCR_HDBG | CNTCR_FCR0 | CNTCR_FCR1)
                .onWrite(this::cntcrWritten);
        regs.word(CONTROL + 0x04, "CNTSR").readOnly().onRead(() -> cntcr.value() & (CNTCR_FCR0 | CNTCR_FCR1));
        regs.word(CONTROL + 0x08, "CNTCV0").onRead(() -> (int) count()).onWriteRaw(v -> setCount((count() & ~0xFFFFFFFFL) | (v & 0xFFFFFFFFL)));
        regs.word(CONTROL + 0x0C, "CNTCV1").onRead(() -> (int) (count() >>> 32)).onWriteRaw(v -> setCount((count() & 0xFFFFFFFFL) | ((long) v << 32)));
        regs.word(CONTROL + 0x20, "CNTFID0").readOnly().reset((int) BASE_HZ);
        regs.word(CONTROL + 0x24, "CNTFID1").readOnly(); // end of the frequency table
        resetState();
    }

    private void resetState() {
        cv0 = 0;
        if (startRunning) cntcr.set(CNTCR_EN | CNTCR_FCR0);
        tick0 = freq.ticksAt(clock.now());
    }

    public boolean enabled() {
        return cntcr.isSet(CNTCR_EN);
    }

    /** The 64-bit count now (frozen while CNTCR.EN is clear). */
    public long count() {
        if (!enabled()) return cv0;
        return cv0 + freq.ticksAt(clock.now()) - tick0;
    }

    private void setCount(long v) {
        cv0 = v;
        tick0 = freq.ticksAt(clock.now());
        updateCompare();
    }

    private void cntcrWritten(int old, int val) {
        // freeze or restart at the count reached so far
        cntcr.set(old);
        long c = count();
        cntcr.set(val);
        setCount(c);
    }

    private long compareValue() {
        return (cmpcv0.value() & 0xFFFFFFFFL) | ((long) cmpcv1.value() << 32);
    }

    private void updateCompare() {
        boolean fired = cmpcr.isSet(CMPCR_EN) && Long.compareUnsigned(count(), compareValue()) >= 0;
        cmpcr.set(fired ? cmpcr.value() | CMPCR_ISTAT : cmpcr.value() & ~CMPCR_ISTAT);
        if (irq != null) irq.set(fired && !cmpcr.isSet(CMPCR_IMASK));
        clock.cancel(compareEvent);
        if (!fired && cmpcr.isSet(CMPCR_EN) && enabled()) {
            long ticks = tick0 + (compareValue() - cv0);
            if (ticks > 0 && ticks < freq.ticksAt(Long.MAX_VALUE / 4)) clock.schedule(compareEvent, freq.timeOfTick(ticks));
        }
    }

    @Override
    protected boolean peekSafe(Register r) {
        return true;
    }

    @Override
    public void reset() {
        super.reset();
        clock.cancel(compareEvent);
        resetState();
        if (irq != null) irq.set(false);
    }

    /** "imx7-sysctr": props "running" (the counter starts enabled, as firmware leaves it). Optional irq: compare. */
    public static final class Type implements DeviceType {
        @Override public String type() { return "imx7-sysctr"; }

        @Override
        public Device create(DeviceContext ctx) {
            return new SystemCounter(ctx.name(), ctx.clock(), ctx.irqCount() > 0 ? ctx.irq(0) : null,
                    ctx.props().bool("running", false));
        }
    }
}
