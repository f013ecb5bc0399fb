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

/**
 * Watchdog timer (i.MX7D RM chapter "Watchdog Timer"; Linux imx2_wdt.c). 16-bit registers.
 * Timeout (WCR.WT + 1) × 0.5 s from enabling or from the last service sequence 0x5555, 0xAAAA in
 * WSR; the pre-timeout interrupt fires WICR.WICT × 0.5 s earlier. A timeout, a software reset
 * (WCR.SRS written 0) or WDOG_B asserted (WCR.WDA written 0; the SabreSD routes WDOG_B to the
 * PMIC reset) reset the machine; WRSR tells the next boot why.
 *
 * <p>Not modelled: the power-down counter that WMCR.PDE enables (it would assert WDOG_B 16 s
 * after reset unless software clears PDE; a firmware-less boot has nobody to clear it).
 */
public final class ImxWdog extends MmioDevice {
    static final int WCR_WDZST = 1, WCR_WDBG = 1 << 1, WCR_WDE = 1 << 2, WCR_WDT = 1 << 3, WCR_SRS = 1 << 4,
            WCR_WDA = 1 << 5, WCR_SRE = 1 << 6, WCR_WDW = 1 << 7;
    /** Bits that, once written 1, stay 1 until reset. */
    static final int WCR_ONCE = WCR_WDZST | WCR_WDBG | WCR_WDE | WCR_WDT;
    static final int WRSR_SFTW = 1, WRSR_TOUT = 1 << 1, WRSR_POR = 1 << 4;
    static final int WICR_WIE = 1 << 15, WICR_WTIS = 1 << 14;
    static final long HALF_SECOND = Clock.PS_PER_S / 2;

    private final IrqLine irq;
    private final Clock clock;
    private final Consumer<String> resetMachine;
    private final Register wcr, wrsr, wicr;
    private final Event timeout, pretimeout;
    private int serviceStep;
    private int nextResetCause = WRSR_POR;

    public ImxWdog(String name, IrqLine irq, Clock clock, Consumer<String> resetMachine) {
        super(name, 0x10000);
        this.irq = irq;
        this.clock = clock;
        this.resetMachine = resetMachine;
        this.timeout = Event.of(name + ".timeout", now -> expired());
        this.pretimeout = Event.of(name + ".pretimeout", now -> preTimeout());
        wcr = regs.half(0x00, "WCR").reset(WCR_WDA | WCR_SRS).onWrite(this::wcrWritten);
        regs.half(0x02, "WSR").onWriteRaw(this::service);
        wrsr = regs.half(0x04, "WRSR").readOnly();
        wicr = regs.half(0x06, "WICR").reset(0x0004).mask(WICR_WIE | 0xFF).writeOneToClear(WICR_WTIS)
                .onWrite(this::wicrWritten);
        regs.half(0x08, "WMCR").reset(1).mask(1);
        wrsr.set(WRSR_POR);
    }

    private int onceBits(int old, int val) {
        return (val & ~WCR_ONCE) | ((old | val) & WCR_ONCE);
    }

    private void wcrWritten(int old, int val) {
        val = onceBits(old, val);
        wcr.set(val);
        if ((val & WCR_SRS) == 0) {
            wcr.setBits(WCR_SRS); // the request is taken; the bit reads 1 again
            machineReset(WRSR_SFTW, "watchdog software reset (WCR.SRS)");
            return;
        }
        if ((old & WCR_WDA) != 0 && (val & WCR_WDA) == 0) {
            machineReset(WRSR_SFTW, "WDOG_B asserted (WCR.WDA)");
            return;
        }
        if ((old & WCR_WDE) == 0 && (val & WCR_WDE) != 0) reload();
    }

    private void wicrWritten(int old, int val) {
        // WIE is write-once
        if ((old & WICR_WIE) != 0) wicr.setBits(WICR_WIE);
        updateIrq();
    }

    /** WSR: 0x5555 then 0xAAAA reloads the counter. */
    private void service(int v) {
        if (v == 0x5555) serviceStep = 1;
        else if (v == 0xAAAA && serviceStep == 1) {
            serviceStep = 0;
            if (wcr.isSet(WCR_WDE)) reload();
        } else serviceStep = 0;
    }

    private long timeoutPs() {
        return ((wcr.value() >>> 8) + 1L) * HALF_SECOND;
    }

    private void reload() {
        long now = clock.now();
        clock.schedule(timeout, now + timeoutPs());
        long early = (wicr.value() & 0xFF) * HALF_SECOND;
        if (early < timeoutPs()) clock.schedule(pretimeout, now + timeoutPs() - early);
        else clock.cancel(pretimeout);
    }

    private void preTimeout() {
        if (wicr.isSet(WICR_WIE)) {
            wicr.setBits(WICR_WTIS);
            updateIrq();
        }
    }

    private void expired() {
        machineReset(WRSR_TOUT, "watchdog timeout");
    }

    private void machineReset(int cause, String why) {
        clock.cancel(timeout);
        clock.cancel(pretimeout);
        nextResetCause = cause;
        resetMachine.accept(name() + ": " + why);
    }

    private void updateIrq() {
        irq.set(wicr.isSet(WICR_WIE | WICR_WTIS));
    }

    @Override
    protected boolean peekSafe(Register r) {
        return true;
    }

    @Override
    public void reset() {
        super.reset();
        clock.cancel(timeout);
        clock.cancel(pretimeout);
        serviceStep = 0;
        wrsr.set(nextResetCause);
        nextResetCause = WRSR_POR;
        updateIrq();
    }

    /** "imx-wdog": one irq (pre-timeout). */
    public static final class Type implements DeviceType {
        @Override public String type() { return "imx-wdog"; }

        @Override
        public Device create(DeviceContext ctx) {
            return new ImxWdog(ctx.name(), ctx.irq(0), ctx.clock(), why -> ctx.machine().requestReset(why));
        }
    }
}
