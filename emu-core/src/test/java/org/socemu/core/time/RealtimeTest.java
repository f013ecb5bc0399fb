package org.socemu.core.time;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * --realtime: virtual time may not run ahead of the host clock (interactive use), while without it
 * idle time is skipped. The bounds are generous: this checks the behaviour, not a speed.
 */
@Timeout(30)
class RealtimeTest {
    static final long MS = Clock.PS_PER_S / 1000;

    static final class Tick extends Event {
        long firedAt = -1;

        Tick() {
            super("tick");
        }

        @Override
        protected void fire(long now) {
            firedAt = now;
        }
    }

    private static long wallMillisToReach(boolean realtime, long virtualMs) {
        Scheduler s = new Scheduler();
        s.setRealtime(realtime);
        Tick t = new Tick();
        s.schedule(t, virtualMs * MS);
        long t0 = System.nanoTime();
        s.run(virtualMs * MS + 1);
        assertEquals(virtualMs * MS, t.firedAt, "the event fired at its virtual time");
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void pacedIdleTimeTakesHostTime() {
        long wall = wallMillisToReach(true, 400);
        assertTrue(wall >= 350 && wall < 5_000, "400 ms of idle virtual time took " + wall + " ms of host time");
    }

    @Test
    void unpacedIdleTimeIsSkipped() {
        long wall = wallMillisToReach(false, 60_000);
        assertTrue(wall < 2_000, "a minute of idle virtual time took " + wall + " ms");
    }

    @Test
    void inputWakesAPacedMachineAtOnce() throws Exception {
        Scheduler s = new Scheduler();
        s.setRealtime(true);
        Tick far = new Tick();
        s.schedule(far, 20_000 * MS);
        long[] ranAt = {-1};
        Thread poster = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
            }
            s.post(() -> {
                ranAt[0] = System.nanoTime();
                s.requestStop();
            });
        });
        long t0 = System.nanoTime();
        poster.start();
        assertEquals(Scheduler.Stop.REQUESTED, s.run(20_000 * MS + 1));
        poster.join();
        long wall = (ranAt[0] - t0) / 1_000_000;
        assertTrue(wall >= 150 && wall < 5_000, "posted input ran after " + wall + " ms, while pacing toward 20 s");
        assertEquals(-1, far.firedAt);
    }
}
