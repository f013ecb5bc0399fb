package org.socemu.imx7;

import java.util.function.Consumer;
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
 * Secure Non-Volatile Storage (i.MX7D RM chapter "SNVS"; Linux rtc-snvs.c, snvs_pwrkey.c,
 * syscon-poweroff). The low-power secure real-time counter (47 bits at 32768 Hz) runs in virtual
 * time while LPCR.SRTC_ENV is set; the time alarm (LPTAR, in seconds) is an event. Setting both
 * LPCR.DP_EN and LPCR.TOP turns the system off. The power button sets LPSR.SPO and HPSR.BTN.
 *
 * <p>Interrupt outputs in order: the RTC (alarm), the security violation line (never raised),
 * the power key. Security monitor, zeroizable master key and tamper detection are not modelled.
 */
public final class Snvs extends MmioDevice {
    static final int LPCR_SRTC_ENV = 1, LPCR_LPTA_EN = 1 << 1, LPCR_LPWUI_EN = 1 << 3, LPCR_DP_EN = 1 << 5,
            LPCR_TOP = 1 << 6;
    static final int LPSR_LPTA = 1, LPSR_SPO = 1 << 18;
    static final int HPSR_BTN = 1 << 6;
    static final long RTC_HZ = 32768;

    private final Clock clock;
    private final IrqLine rtcIrq, keyIrq;
    private final Consumer<String> powerOff;
    private final Frequency rtcFreq = new Frequency(RTC_HZ);
    private final long initialCount;
    private final Register lpcr, lpsr, lptar;
    private final Event alarm;
    private long count0;
    private long tick0;
    private boolean keyDown;

    /** @param initialSeconds the RTC's value at power-on (deterministic: given, not the host's clock) */
    public Snvs(String name, Clock clock, IrqLine rtcIrq, IrqLine keyIrq, Consumer<String> powerOff, long initialSeconds) {
        super(name, 0x10000);
        this.clock = clock;
        this.rtcIrq = rtcIrq;
        this.keyIrq = keyIrq;
        this.powerOff = powerOff;
        this.initialCount = initialSeconds << 15;
        this.alarm = Event.of(name + ".alarm", now -> checkAlarm());
        // High-power domain
        regs.word(0x00, "HPLR");
        regs.word(0x04, "HPCOMR");
        regs.word(0x08, "HPCR");
        regs.word(0x0C, "HPSICR");
        regs.word(0x10, "HPSVCR");
        regs.word(0x14, "HPSR").onRead(() -> keyDown ? HPSR_BTN : 0).readOnly();
        regs.word(0x18, "HPSVSR").writeOneToClear(-1);
        // Low-power domain
        regs.word(0x34, "LPLR");
        lpcr = regs.word(0x38, "LPCR").onWrite(this::lpcrWritten);
        regs.word(0x3C, "LPMKCR");
        regs.word(0x40, "LPSVCR");
        regs.word(0x48, "LPTDCR");
        lpsr = regs.word(0x4C, "LPSR").writeOneToClear(-1).onWrite(v -> updateIrqs());
        regs.word(0x50, "LPSRTCMR").mask(0x7FFF).onRead(() -> (int) (count() >>> 32))
                .onWriteRaw(v -> setCount((count() & 0xFFFFFFFFL) | ((long) (v & 0x7FFF) << 32)));
        regs.word(0x54, "LPSRTCLR").onRead(() -> (int) count())
                .onWriteRaw(v -> setCount((count() & ~0xFFFFFFFFL) | (v & 0xFFFFFFFFL)));
        lptar = regs.word(0x58, "LPTAR").onWrite(v -> scheduleAlarm());
        regs.word(0x64, "LPPGDR");
        for (int i = 0; i < 4; i++) regs.word(0x90 + 4 * i, "LPGPR" + i);
        resetCounter();
    }

    private void resetCounter() {
        count0 = initialCount;
        tick0 = rtcFreq.ticksAt(clock.now());
    }

    private boolean running() {
        return lpcr.isSet(LPCR_SRTC_ENV);
    }

    /** The 47-bit secure RTC counter. */
    long count() {
        long c = running() ? count0 + rtcFreq.ticksAt(clock.now()) - tick0 : count0;
        return c & ((1L << 47) - 1);
    }

    private void setCount(long c) {
        count0 = c;
        tick0 = rtcFreq.ticksAt(clock.now());
        scheduleAlarm();
    }

    private void lpcrWritten(int old, int val) {
        if ((old & LPCR_SRTC_ENV) != (val & LPCR_SRTC_ENV)) {
            lpcr.set(old);
            long c = count();
            lpcr.set(val);
            setCount(c);
        }
        if ((val & (LPCR_DP_EN | LPCR_TOP)) == (LPCR_DP_EN | LPCR_TOP)) powerOff.accept(name() + ": LPCR DP_EN|TOP");
        scheduleAlarm();
        updateIrqs();
    }

    private void scheduleAlarm() {
        clock.cancel(alarm);
        if (!running() || !lpcr.isSet(LPCR_LPTA_EN)) return;
        long target = (lptar.value() & 0xFFFFFFFFL) << 15;
        long c = count();
        if (target <= c) {
            checkAlarm();
            return;
        }
        clock.schedule(alarm, rtcFreq.timeOfTick(tick0 + target - count0));
    }

    private void checkAlarm() {
        if (running() && lpcr.isSet(LPCR_LPTA_EN) && (count() >>> 15) >= (lptar.value() & 0xFFFFFFFFL))
            lpsr.setBits(LPSR_LPTA);
        updateIrqs();
    }

    /** The power button, as a board (or a test, or the user) presses and releases it. */
    public void powerKey(boolean down) {
        keyDown = down;
        if (down) lpsr.setBits(LPSR_SPO);
        updateIrqs();
    }

    private void updateIrqs() {
        if (rtcIrq != null) rtcIrq.set(lpsr.isSet(LPSR_LPTA) && lpcr.isSet(LPCR_LPTA_EN));
        if (keyIrq != null) keyIrq.set(lpsr.isSet(LPSR_SPO));
    }

    @Override
    protected boolean peekSafe(Register r) {
        return true;
    }

    @Override
    public void reset() {
        super.reset();
        clock.cancel(alarm);
        keyDown = false;
        resetCounter();
        updateIrqs();
    }

    /** "imx7-snvs": irqs [rtc, security, power key]; props "rtc-seconds" (RTC at power-on, default 0). */
    public static final class Type implements DeviceType {
        @Override public String type() { return "imx7-snvs"; }

        @Override
        public Device create(DeviceContext ctx) {
            return new Snvs(ctx.name(), ctx.clock(), ctx.irqCount() > 0 ? ctx.irq(0) : null,
                    ctx.irqCount() > 2 ? ctx.irq(2) : null, why -> ctx.machine().powerOff(why),
                    ctx.props().number("rtc-seconds", 0));
        }
    }
}
