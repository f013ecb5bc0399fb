package org.socemu.periph.ar9331;

import static org.junit.jupiter.api.Assertions.*;
import static org.socemu.periph.ar9331.Watchdog.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socemu.core.irq.IrqLine;
import org.socemu.core.time.Clock;
import org.socemu.core.time.Event;
import org.socemu.core.time.Scheduler;

@Timeout(10)
class WatchdogTest {
    static final long AHB = 200_000_000L; // 5 ns per count

    private final Scheduler clock = new Scheduler();
    private final IrqLine gpi = new IrqLine("misc:4");
    private int resets;
    private final Watchdog wdt = Bus.attach(new Watchdog("wdt", clock, () -> AHB, gpi, null, () -> resets++));

    /** Advances virtual time to {@code ps} (a no-op event there, since no core runs in this test). */
    private void runUntil(long ps) {
        clock.schedule(Event.of("test-tick", t -> {}), ps);
        clock.run(ps);
        assertEquals(ps, clock.now());
    }

    @Test
    void timerCountsDownAtTheAhbClock() {
        wdt.write(WDOG_TIMER, 4, 1000);
        runUntil(2 * Clock.PS_PER_US); // 400 counts
        assertEquals(600, wdt.read(WDOG_TIMER, 4));
        runUntil(10 * Clock.PS_PER_US);
        assertEquals(0, wdt.read(WDOG_TIMER, 4), "stops at zero");
        assertEquals(0, resets, "action none does nothing");
    }

    @Test
    void fullChipResetAtExpiryAndLastResetFlag() {
        wdt.write(WDOG_TIMER, 4, 200); // 1 us
        wdt.write(WDOG_CTRL, 4, ACTION_FCR);
        runUntil(999_000);
        assertEquals(0, resets, "not before the count reaches zero");
        runUntil(1_001_000);
        assertEquals(1, resets);
        wdt.reset(); // what the machine does on the reset request
        assertEquals(LAST_RESET, wdt.read(WDOG_CTRL, 4), "bit 31 tells software the watchdog reset the chip");
        assertEquals(LAST_RESET >>> 16, wdt.read(WDOG_CTRL, 2), "barebox probes with a 16-bit big-endian read");
        wdt.reset();
        assertEquals(0, wdt.read(WDOG_CTRL, 4), "only the reset it caused");
    }

    @Test
    void keepaliveReloadsAndDisarmStops() {
        wdt.write(WDOG_TIMER, 4, 200);
        wdt.write(WDOG_CTRL, 4, ACTION_FCR);
        runUntil(800_000);
        wdt.write(WDOG_TIMER, 4, 200); // keepalive
        runUntil(1_500_000);
        assertEquals(0, resets);
        wdt.write(WDOG_TIMER, 4, 0xFFFFFFFF); // barebox disarm
        wdt.write(WDOG_CTRL, 4, ACTION_NONE);
        runUntil(100 * Clock.PS_PER_US);
        assertEquals(0, resets);
    }

    @Test
    void gpiActionRaisesTheMiscInputUntilRewritten() {
        wdt.write(WDOG_TIMER, 4, 20);
        wdt.write(WDOG_CTRL, 4, ACTION_GPI);
        runUntil(Clock.PS_PER_US);
        assertTrue(gpi.isHigh());
        assertEquals(0, resets);
        wdt.write(WDOG_TIMER, 4, 1000);
        assertFalse(gpi.isHigh());
    }

    @Test
    void nmiWithoutAWiredInputIsOnlyLogged() {
        wdt.write(WDOG_TIMER, 4, 20);
        wdt.write(WDOG_CTRL, 4, ACTION_NMI);
        runUntil(Clock.PS_PER_US);
        assertFalse(gpi.isHigh());
        assertEquals(0, resets);
    }

    @Test
    void ctrlKeepsOnlyTheActionBits() {
        wdt.write(WDOG_CTRL, 4, 0x7FFFFFF0);
        assertEquals(0, wdt.read(WDOG_CTRL, 4));
    }
}
