package org.socemu.core.time;

/**
 * Virtual time, in picoseconds since power-on. Everything that needs the time asks this; nothing
 * reads the host clock (except the scheduler in --realtime mode, to pace itself).
 */
public interface Clock {
    long PS_PER_NS = 1_000L;
    long PS_PER_US = 1_000_000L;
    long PS_PER_MS = 1_000_000_000L;
    long PS_PER_S = 1_000_000_000_000L;

    /** Now, exact to the instruction of the core that is running. */
    long now();

    /** Schedules {@code e} at absolute time {@code when} (rescheduling it if it was pending). */
    void schedule(Event e, long when);

    void cancel(Event e);
}
