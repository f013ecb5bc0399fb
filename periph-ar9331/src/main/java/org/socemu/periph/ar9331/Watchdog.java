package org.socemu.periph.ar9331;

import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * AR9331 watchdog (qca,ar7130-wdt at 0x18060008, in the reset block; ath79_wdt). WDOG_TIMER counts
 * down at the AHB clock from the value last written; when it reaches zero, WDOG_CTRL's action is
 * taken: none, a general-purpose interrupt (misc 4), an NMI, or a full-chip reset. WDOG_CTRL bit 31
 * tells software after a reset that the watchdog caused it.
 *
 * <p>The count is computed from virtual time when read, and the expiry is one scheduled event, so
 * a running watchdog costs nothing per instruction.
 */
public final class Watchdog extends MmioDevice {
    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);

    static final int WDOG_CTRL = 0x0, WDOG_TIMER = 0x4;
    static final int ACTION_MASK = 0x3;
    static final int ACTION_NONE = 0, ACTION_GPI = 1, ACTION_NMI = 2, ACTION_FCR = 3;
    static final int LAST_RESET = 1 << 31;

    private final Clock clock;
    private final LongSupplier rateHz;
    private final IrqLine gpi;
    private final IrqLine nmi;
    private final Runnable fullChipReset;
    private final Register ctrl;
    private final Event expiry = Event.of("wdt-expiry", this::expired);

    private long loaded;      // WDOG_TIMER value last written
    private long loadedAt;    // virtual time of that write (ps)
    private Frequency rate;   // AHB clock at that write
    private boolean causedReset;

    /**
     * @param rateHz the AHB clock the counter runs at, read when the counter is loaded
     * @param nmi may be null when the core has no NMI input (the NMI action is then only logged)
     */
    public Watchdog(String name, Clock clock, LongSupplier rateHz, IrqLine gpi, IrqLine nmi, Runnable fullChipReset) {
        super(name, 0x8);
        this.clock = clock;
        this.rateHz = rateHz;
        this.gpi = gpi;
        this.nmi = nmi;
        this.fullChipReset = fullChipReset;
        ctrl = regs.word(WDOG_CTRL, "WDOG_CTRL").mask(ACTION_MASK).onWrite(v -> rearm());
        regs.word(WDOG_TIMER, "WDOG_TIMER").onRead(this::remaining).onWrite(this::load);
        rate = new Frequency(Math.max(1, rateHz.getAsLong()));
    }

    /** Software wrote WDOG_TIMER: the count restarts from the written value. */
    private void load(int value) {
        loaded = value & 0xFFFFFFFFL;
        loadedAt = clock.now();
        rate = new Frequency(Math.max(1, rateHz.getAsLong()));
        rearm();
    }

    /** The count now: the loaded value less the AHB cycles since, stopping at zero. */
    int remaining() {
        long elapsed = rate.ticksAt(clock.now() - loadedAt);
        return (int) Math.max(0, loaded - elapsed);
    }

    /** A write to either register: any raised output drops, the expiry is scheduled anew. */
    private void rearm() {
        gpi.lower();
        if (nmi != null) nmi.lower();
        if ((ctrl.value() & ACTION_MASK) == ACTION_NONE) {
            clock.cancel(expiry);
            return;
        }
        long when = loadedAt + rate.timeOfTick(loaded);
        clock.schedule(expiry, Math.max(when, clock.now()));
    }

    private void expired(long now) {
        switch (ctrl.value() & ACTION_MASK) {
            case ACTION_GPI:
                gpi.raise();
                break;
            case ACTION_NMI:
                if (nmi != null) nmi.raise();
                else log.warn("{}: watchdog NMI, but the core has no NMI input wired", name());
                break;
            case ACTION_FCR:
                causedReset = true;
                fullChipReset.run();
                break;
            default:
                break;
        }
    }

    /** True when an expiry would do something (interrupt, NMI or chip reset). */
    public boolean armed() {
        return (ctrl.value() & ACTION_MASK) != ACTION_NONE;
    }

    @Override
    public void reset() {
        clock.cancel(expiry);
        super.reset();
        gpi.lower();
        if (nmi != null) nmi.lower();
        loaded = 0;
        loadedAt = clock.now();
        // The "last reset was the watchdog" flag survives the reset it caused, and only that one.
        if (causedReset) ctrl.set(LAST_RESET);
        causedReset = false;
    }

    /**
     * "ar9331-wdt": irq[0] the GPI interrupt (misc 4), optional irq[1] the core's NMI input.
     * Props: "clock", the PLL device whose AHB clock drives the counter ("pll" by default; absent
     * PLL means prop "hz", default 200 MHz).
     */
    public static final class Type implements DeviceType {
        @Override public String type() { return "ar9331-wdt"; }

        @Override public Device create(DeviceContext ctx) {
            LongSupplier rate = ahbRate(ctx);
            IrqLine nmi = ctx.irqCount() > 1 ? ctx.irq(1) : null;
            return new Watchdog(ctx.name(), ctx.clock(), rate, ctx.irq(0), nmi,
                    () -> ctx.machine().requestReset(ctx.name() + ": watchdog full-chip reset"));
        }
    }

    /** The AHB clock of the PLL named by prop "clock", or the fixed prop "hz". */
    static LongSupplier ahbRate(DeviceContext ctx) {
        String pll = ctx.props().string("clock", null);
        if (pll != null) {
            Pll p = ctx.machine().component(pll, Pll.class);
            return p::ahbHz;
        }
        long hz = ctx.props().number("hz", 200_000_000L);
        return () -> hz;
    }
}
