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
 * General Purpose Timer, i.MX7 ("v2", Linux timer-imx-gpt.c {@code fsl,imx7d-gpt}; i.MX7D RM
 * chapter "General Purpose Timer"). The counter is computed from virtual time when read; the
 * three output compares and the rollover are events scheduled for the exact time the counter
 * reaches them, so a running timer costs nothing between its interrupts. Input capture has no
 * input pins here: ICR1/ICR2 read 0.
 */
public final class ImxGpt extends MmioDevice {
    static final int CR_EN = 1, CR_ENMOD = 1 << 1, CR_FRR = 1 << 9, CR_EN_24M = 1 << 10, CR_SWR = 1 << 15;
    static final int CLKSRC_SHIFT = 6;
    static final int CLK_NONE = 0, CLK_IPG = 1, CLK_PER = 2, CLK_EXT = 3, CLK_32K = 4, CLK_OSC24M = 5;
    static final int SR_OF1 = 1, SR_ROV = 1 << 5, SR_ALL = 0x3F;
    static final long WRAP = 1L << 32;

    private final IrqLine irq;
    private final Clock clock;
    private final long ipgHz, perHz;
    private final Register cr, pr, sr, ir;
    private final Register[] ocr = new Register[3];
    private final Event[] compare = new Event[3];
    private final Event rollover;

    // The counter: cnt0 at source tick src0 (of frequency f), advancing one count per div ticks.
    private long cnt0;
    private long src0;
    private Frequency f;
    private long div = 1;
    private long maxTicks;

    public ImxGpt(String name, IrqLine irq, Clock clock, long ipgHz, long perHz) {
        super(name, 0x10000);
        this.irq = irq;
        this.clock = clock;
        this.ipgHz = ipgHz;
        this.perHz = perHz;
        cr = regs.word(0x00, "GPT_CR").onWrite(this::crWritten); // SWR (bit 15) is seen by the hook, never kept
        pr = regs.word(0x04, "GPT_PR").mask(0xFFFF).onWrite((o, n) -> reconfigure());
        sr = regs.word(0x08, "GPT_SR").mask(SR_ALL).writeOneToClear(SR_ALL).onWrite(v -> updateIrq());
        ir = regs.word(0x0C, "GPT_IR").mask(SR_ALL).onWrite(v -> updateIrq());
        for (int k = 0; k < 3; k++) {
            int ch = k;
            ocr[k] = regs.word(0x10 + 4 * k, "GPT_OCR" + (k + 1)).reset(-1).onWrite(v -> ocrWritten(ch));
            compare[k] = Event.of(name + ".compare" + (k + 1), now -> compareMatched(ch));
        }
        regs.word(0x1C, "GPT_ICR1").readOnly();
        regs.word(0x20, "GPT_ICR2").readOnly();
        regs.word(0x24, "GPT_CNT").readOnly().onRead(() -> (int) count(clock.now()));
        rollover = Event.of(name + ".rollover", now -> rolledOver());
        reconfigure();
    }

    // ---------------------------------------------------------------- clock selection

    private boolean running() {
        return cr.isSet(CR_EN) && f != null;
    }

    private long sourceHz() {
        int src = (cr.value() >>> CLKSRC_SHIFT) & 7;
        switch (src) {
            case CLK_IPG: return ipgHz;
            case CLK_PER: return perHz;
            case CLK_32K: return 32768;
            case CLK_OSC24M: return cr.isSet(CR_EN_24M) ? 24_000_000 : 0;
            default: return 0; // no clock, or an external pin that nothing drives
        }
    }

    private long divider() {
        long d = (pr.value() & 0xFFF) + 1;
        if (((cr.value() >>> CLKSRC_SHIFT) & 7) == CLK_OSC24M) d *= ((pr.value() >>> 12) & 0xF) + 1;
        return d;
    }

    /** Folds the count so far into cnt0 and restarts timing with the current configuration. */
    private void reconfigure() {
        long now = clock.now();
        cnt0 = count(now);
        long hz = sourceHz();
        f = hz > 0 ? new Frequency(hz) : null;
        div = divider();
        if (f != null) {
            src0 = f.ticksAt(now);
            maxTicks = f.ticksAt(Long.MAX_VALUE / 4);
        }
        reschedule();
    }

    // ---------------------------------------------------------------- the counter

    /** Counts made since cnt0. */
    private long steps(long now) {
        if (!running()) return 0;
        return (f.ticksAt(now) - src0) / div;
    }

    long count(long now) {
        return advance(cnt0, steps(now));
    }

    private long top() {
        return ocr[0].value() & 0xFFFFFFFFL;
    }

    private boolean restartMode() {
        return !cr.isSet(CR_FRR);
    }

    /** Where the counter is {@code n} counts after {@code c}. */
    private long advance(long c, long n) {
        if (!restartMode()) return (c + n) & 0xFFFFFFFFL;
        long period = top() + 1;
        if (c > top()) {
            long toWrap = WRAP - c;
            if (n < toWrap) return c + n;
            n -= toWrap;
            c = 0;
        }
        return (c + n) % period; // c <= top: counts 0..top, then restarts
    }

    /** Counts from {@code c} until the counter next equals {@code x}, or -1 if it never does. */
    private long countsUntil(long c, long x) {
        if (!restartMode()) {
            long d = (x - c) & 0xFFFFFFFFL;
            return d == 0 ? WRAP : d;
        }
        long top = top();
        if (c <= top) {
            if (x > top) return -1;
            long d = Math.floorMod(x - c, top + 1);
            return d == 0 ? top + 1 : d;
        }
        if (x > c) return x - c;
        return x <= top ? WRAP - c + x : -1;
    }

    private void scheduleAfter(Event e, long counts, long now) {
        clock.cancel(e);
        if (counts < 0 || !running()) return;
        long tick = src0 + (steps(now) + counts) * div;
        if (tick > maxTicks || tick < 0) return; // beyond any run's horizon
        clock.schedule(e, f.timeOfTick(tick));
    }

    private void reschedule() {
        long now = clock.now();
        long c = count(now);
        for (int k = 0; k < 3; k++) scheduleAfter(compare[k], countsUntil(c, ocr[k].value() & 0xFFFFFFFFL), now);
        boolean canWrap = !restartMode() || c > top();
        scheduleAfter(rollover, canWrap ? WRAP - c : -1, now);
    }

    // ---------------------------------------------------------------- register behaviour

    private void crWritten(int old, int val) {
        if ((val & CR_SWR) != 0) {
            softwareReset();
            return;
        }
        long now = clock.now();
        boolean enabling = (old & CR_EN) == 0 && (val & CR_EN) != 0;
        if (enabling && (val & CR_ENMOD) != 0) {
            // ENMOD: enabling starts again from zero
            f = null;
            cnt0 = 0;
        } else {
            // fold with the old configuration: the counter kept counting until now
            cr.set(old);
            cnt0 = count(now);
            cr.set(val);
        }
        f = null; // count(now) inside reconfigure must not advance again
        reconfigure();
    }

    /** CR.SWR: every register except CR's EN/ENMOD/STOPEN/DOZEEN/WAITEN/DBGEN returns to reset. */
    private void softwareReset() {
        int keep = cr.value() & 0x3F;
        regs.reset();
        cr.set(keep);
        cnt0 = 0;
        f = null;
        reconfigure();
        updateIrq();
    }

    private void ocrWritten(int channel) {
        if (channel == 0 && restartMode()) {
            // A write to OCR1 in restart mode resets the counter.
            f = null;
            cnt0 = 0;
        } else {
            cnt0 = count(clock.now());
            f = null;
        }
        reconfigure();
    }

    private void compareMatched(int channel) {
        sr.setBits(SR_OF1 << channel);
        updateIrq();
        reschedule();
    }

    private void rolledOver() {
        sr.setBits(SR_ROV);
        updateIrq();
        reschedule();
    }

    private void updateIrq() {
        irq.set((sr.value() & ir.value() & SR_ALL) != 0);
    }

    @Override
    protected boolean peekSafe(Register r) {
        return true;
    }

    @Override
    public void reset() {
        super.reset();
        for (Event e : compare) clock.cancel(e);
        clock.cancel(rollover);
        cnt0 = 0;
        f = null;
        reconfigure();
        updateIrq();
    }

    /** "imx-gpt": props "ipg-hz" (CLKSRC 1, default 66 MHz), "per-hz" (CLKSRC 2, the GPT root clock, default 24 MHz). */
    public static final class Type implements DeviceType {
        @Override public String type() { return "imx-gpt"; }

        @Override
        public Device create(DeviceContext ctx) {
            return new ImxGpt(ctx.name(), ctx.irq(0), ctx.clock(), ctx.props().number("ipg-hz", 66_000_000),
                    ctx.props().number("per-hz", 24_000_000));
        }
    }
}
