package org.socemu.core.time;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.socemu.core.cpu.Cpu;

/**
 * Deterministic round-robin execution of every core on one host thread, in virtual time.
 *
 * <p>Each round runs every runnable, non-waiting core up to the slice end: now + quantum, or the
 * next event's deadline if that is sooner. Then time advances to the slice end and due events fire.
 * When every core waits for an interrupt, time jumps straight to the next event (idle skip). The
 * same inputs give the same run, instruction for instruction.
 *
 * <p>Other threads (console input, the debugger) talk to the machine only through {@link #post},
 * whose tasks run between slices.
 */
public final class Scheduler implements Clock {
    /** Why {@link #run} returned. */
    public enum Stop { NONE, REQUESTED, DEADLOCK, LIMIT }

    private final EventQueue events = new EventQueue();
    private final List<Cpu> cpus = new ArrayList<>();
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final ReentrantLock inboxLock = new ReentrantLock();
    private final Condition inboxSignal = inboxLock.newCondition();

    private long quantum = 10 * PS_PER_US;
    private long now;
    private long sliceEnd;
    private volatile Cpu current;
    private long currentStart;
    private long currentBase;
    private Cpu lastRan;
    private volatile boolean stopRequested;
    private boolean realtime;
    private long realtimeOriginNanos;
    private long realtimeOriginPs;
    private boolean waitForInput;
    private long rounds;

    public void addCpu(Cpu cpu) {
        cpus.add(cpu);
    }

    public List<Cpu> cpus() {
        return cpus;
    }

    /** Slice length in ps (default 10 µs). Shorter is closer coupling between cores, longer is faster. */
    public void setQuantum(long ps) {
        if (ps <= 0) throw new IllegalArgumentException("quantum must be positive");
        this.quantum = ps;
    }

    public long quantum() { return quantum; }

    /** Paces virtual time to the host clock (interactive use); off by default. */
    public void setRealtime(boolean on) {
        this.realtime = on;
    }

    /**
     * When every core waits and no event is pending, block for input from other threads (an
     * interactive console) instead of reporting a deadlock.
     */
    public void setWaitForInput(boolean on) {
        this.waitForInput = on;
    }

    /** The core being executed, or null between slices. */
    public Cpu current() {
        return current;
    }

    @Override
    public long now() {
        Cpu c = current;
        if (c == null) return now;
        return currentStart + c.frequency().timeOfTick(c.retired() - currentBase);
    }

    @Override
    public void schedule(Event e, long when) {
        events.schedule(e, when);
        if (when < sliceEnd) {
            // Keep device timing tight: the slice ends where the new event is due.
            sliceEnd = Math.max(when, now);
            Cpu c = current;
            if (c != null && now() >= sliceEnd) c.requestExit();
        }
    }

    @Override
    public void cancel(Event e) {
        events.cancel(e);
    }

    public long nextDeadline() {
        return events.nextDeadline();
    }

    /** Runs {@code task} on the emulation thread between slices (thread-safe). */
    public void post(Runnable task) {
        inbox.add(task);
        inboxLock.lock();
        try {
            inboxSignal.signalAll();
        } finally {
            inboxLock.unlock();
        }
        Cpu c = current;
        if (c != null) c.requestExit();
    }

    /** Stops {@link #run} at the end of the current instruction block (emulation thread or not). */
    public void requestStop() {
        stopRequested = true;
        Cpu c = current;
        if (c != null) c.requestExit();
    }

    public long rounds() {
        return rounds;
    }

    /**
     * Runs until {@link #requestStop}, until virtual time reaches {@code limit}, or until every
     * core waits with nothing left that could wake it.
     */
    public Stop run(long limit) {
        stopRequested = false;
        if (realtime) {
            realtimeOriginNanos = System.nanoTime();
            realtimeOriginPs = now;
        }
        while (true) {
            drainInbox();
            fireDue();
            if (stopRequested) return Stop.REQUESTED;
            if (now >= limit) return Stop.LIMIT;
            sliceEnd = Math.min(Math.min(now + quantum, events.nextDeadline()), limit);
            boolean ran = false;
            long reached = now;
            for (int i = 0; i < cpus.size() && !stopRequested; i++) {
                Cpu cpu = cpus.get(i);
                if (!cpu.isRunnable() || cpu.isWaiting()) continue;
                ran = true;
                reached = Math.max(reached, runSlice(cpu));
            }
            if (stopRequested) {
                // A stop asked mid-slice: time moves to where the cores got, so the instructions
                // they executed count (a guest that resets itself over and over still ages).
                now = Math.min(Math.max(now, reached), Math.max(now, sliceEnd));
                return Stop.REQUESTED;
            }
            if (ran) {
                now = Math.max(now, sliceEnd);
            } else {
                long next = events.nextDeadline();
                if (next == Long.MAX_VALUE && inbox.isEmpty()) {
                    if (!waitForInput) return Stop.DEADLOCK;
                    awaitInput(Long.MAX_VALUE);
                    continue;
                }
                long target = Math.min(Math.max(now, next), limit);
                now = realtime ? idleUntil(target) : target;
            }
            rounds++;
            if (realtime) pace();
        }
    }

    /** Runs one core up to the slice end; returns the virtual time it reached. */
    private long runSlice(Cpu cpu) {
        if (lastRan != null && lastRan != cpu) cpu.clearExclusive();
        lastRan = cpu;
        current = cpu;
        currentStart = now;
        currentBase = cpu.retired();
        long span = sliceEnd - now;
        long budget = Math.max(1, cpu.frequency().ticksAt(span));
        try {
            cpu.run(budget);
            return now();
        } finally {
            current = null;
        }
    }

    /**
     * Executes exactly one instruction of {@code cpu} while the other cores stay where they are
     * (debugger single-step). Virtual time advances by that instruction.
     */
    public void stepOne(Cpu cpu) {
        sliceEnd = now + 1;
        current = cpu;
        currentStart = now;
        currentBase = cpu.retired();
        try {
            cpu.run(1);
            now = now();
        } finally {
            current = null;
        }
        if (lastRan != cpu) cpu.clearExclusive();
        lastRan = cpu;
        fireDue();
    }

    private void fireDue() {
        Event e;
        while ((e = events.pollDue(now)) != null) e.fire(now);
    }

    private void drainInbox() {
        Runnable r;
        while ((r = inbox.poll()) != null) r.run();
    }

    /**
     * Every core idle under --realtime: waits until the host clock reaches {@code target} or input
     * arrives, and returns the virtual time reached, so that input is delivered at the moment it
     * came rather than at the next deadline (which, with a tickless guest, can be seconds away).
     */
    private long idleUntil(long target) {
        long host = hostPs();
        if (host < target) {
            awaitInput((target - host) / PS_PER_NS);
            host = hostPs();
        }
        return Math.max(now, Math.min(target, host));
    }

    /** Virtual time that corresponds to the host clock under --realtime. */
    private long hostPs() {
        return realtimeOriginPs + (System.nanoTime() - realtimeOriginNanos) * PS_PER_NS;
    }

    private void pace() {
        long aheadPs = (now - realtimeOriginPs) - (System.nanoTime() - realtimeOriginNanos) * PS_PER_NS;
        if (aheadPs > PS_PER_MS) awaitInput(aheadPs / PS_PER_NS);
    }

    private void awaitInput(long nanos) {
        inboxLock.lock();
        try {
            if (inbox.isEmpty() && !stopRequested) {
                if (nanos == Long.MAX_VALUE) inboxSignal.await();
                else inboxSignal.awaitNanos(nanos);
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            stopRequested = true;
        } finally {
            inboxLock.unlock();
        }
    }

    /** Wakes a blocked {@link #run} (another thread asked to stop). */
    public void wake() {
        inboxLock.lock();
        try {
            inboxSignal.signalAll();
        } finally {
            inboxLock.unlock();
        }
    }

    /** Resets virtual time to zero and drops every pending event (a machine power cycle). */
    public void resetTime() {
        Event e;
        while ((e = events.pollDue(Long.MAX_VALUE)) != null) { /* dropped */ }
        now = 0;
        lastRan = null;
    }

    public static long nanosToPs(long nanos) {
        return TimeUnit.NANOSECONDS.toNanos(nanos) * PS_PER_NS;
    }
}
