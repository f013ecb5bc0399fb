package org.socemu.imx7;

import org.socemu.core.time.Event;
import org.socemu.core.time.Scheduler;

/** Moves a core-less scheduler's virtual time forward, firing the device events that fall due. */
final class TestTime {
    private TestTime() {}

    static void advance(Scheduler s, long ps) {
        long until = s.now() + ps;
        Event stop = Event.of("test.stop", now -> {});
        s.schedule(stop, until);
        s.run(until);
    }
}
