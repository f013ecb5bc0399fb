package org.socemu.core.time;

/**
 * Something that happens at an absolute virtual time. Devices keep their Event objects and
 * reschedule them, so a running timer allocates nothing.
 */
public abstract class Event {
    final String name;
    long deadline = -1;
    long seq;
    int heapIndex = -1;

    protected Event(String name) {
        this.name = name;
    }

    /** Runs on the emulation thread when virtual time reaches the deadline. */
    protected abstract void fire(long now);

    public final boolean isScheduled() {
        return heapIndex >= 0;
    }

    public final long deadline() {
        return deadline;
    }

    public String name() {
        return name;
    }

    /** An event from a lambda. */
    public static Event of(String name, java.util.function.LongConsumer action) {
        return new Event(name) {
            @Override protected void fire(long now) { action.accept(now); }
        };
    }
}
