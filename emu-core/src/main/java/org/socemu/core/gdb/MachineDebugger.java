package org.socemu.core.gdb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.socemu.core.cpu.Cpu;
import org.socemu.core.gdb.GdbTarget.Reason;
import org.socemu.core.gdb.GdbTarget.Stop;
import org.socemu.core.machine.Machine;
import org.socemu.core.machine.Outcome;

/**
 * All-stop execution control of one machine for the GDB connections of its core groups.
 *
 * <p>GDB sees one architecture per connection, so a heterogeneous machine is debugged through one
 * {@link MachineGdbTarget} (and one port) per group of cores of the same type, and all of them
 * share this one machine: every core stops and goes with it. The rules:
 * <ul>
 *   <li>The machine runs while every connected debugger has continued it (a group nobody is
 *       connected to does not hold it back; with nobody connected it runs freely, unless
 *       {@code --wait-gdb} holds it until the first debugger continues).
 *   <li>It stops as a whole for any debugger's event: a breakpoint or watchpoint of its cores,
 *       its Ctrl-C, a new debugger connecting. Only that debugger is told. The others still wait
 *       for their continue to end, and cannot tell: virtual time stands still with the machine.
 *       One that wants to look presses Ctrl-C, and is told at once.
 *   <li>A single step moves one core of the stepping group; every other core stays where it is.
 *   <li>Detaching drops that debugger's breakpoints and watchpoints; the others go on as before.
 *   <li>When the guest ends the run every waiting debugger is told; {@code kill} from any
 *       debugger ends it.
 * </ul>
 * This keeps each GDB's own stops (conditional breakpoints, {@code next} over a call) from
 * stopping the other debuggers' sessions, which would then have to be continued each time.
 *
 * <p>Threads: {@link #serve} runs the machine on the emulation thread; each stub thread hands it
 * requests and waits for its stop. Everything that changes run state happens on the emulation
 * thread; register and memory accesses by the stub threads happen while the machine is stopped,
 * under {@link #lock} so that one debugger's step never races another's reads.
 */
public final class MachineDebugger {
    private final Machine machine;
    private final List<MachineGdbTarget> groups = new ArrayList<>();
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    /** Held by stub threads reading or changing the stopped machine, and by the emulation thread while it steps. */
    final Object lock = new Object();

    /** Guards {@link #running} and {@link #generation}, so that a request either sees a run to stop or is seen before one starts. */
    private final Object runGate = new Object();
    private boolean running;
    private long generation;
    /** {@link #serve} has returned: requests are answered at once (the run is over). */
    private boolean finished;
    /** The outcome of a run that a request stopped (compared by identity). */
    private final Outcome poked = new Outcome(Outcome.Kind.QUIT, "stopped for a debugger request");

    /** Where socemu tells its user what the debuggers wait for (the run command's stderr). */
    private java.util.function.Consumer<String> notices = s -> {};
    private boolean noticedWaiting;

    // ---- emulation-thread state ----
    private boolean freeRun;
    private boolean killed;
    private Outcome ended;
    /** The debug event of the current run or step: the first one wins. */
    private MachineGdbTarget hitGroup;
    private Stop hit;

    /** What a stub thread asks of the emulation thread. */
    private sealed interface Request permits Attach, Detach, Resume, Step, Interrupt, Kill {}

    private record Attach(MachineGdbTarget group, CompletableFuture<Void> done) implements Request {}

    private record Detach(MachineGdbTarget group) implements Request {}

    private record Resume(MachineGdbTarget group) implements Request {}

    private record Step(MachineGdbTarget group, int thread) implements Request {}

    private record Interrupt(MachineGdbTarget group) implements Request {}

    private record Kill() implements Request {}

    public MachineDebugger(Machine machine) {
        this.machine = machine;
    }

    /**
     * The machine's cores grouped by core type, in the order the machine lists them: what
     * {@code --gdb} serves by default (the first group) and by type.
     */
    public static Map<String, List<Cpu>> coreGroups(List<Cpu> cores) {
        Map<String, List<Cpu>> g = new LinkedHashMap<>();
        for (Cpu c : cores) g.computeIfAbsent(c.type(), t -> new ArrayList<>()).add(c);
        return g;
    }

    /** A GDB target for one group of cores (one architecture); call before {@link #serve}. */
    public MachineGdbTarget group(List<Cpu> cores) {
        checkFree(cores);
        MachineGdbTarget t = new MachineGdbTarget(this, machine, cores);
        groups.add(t);
        return t;
    }

    /** Takes a target made by MachineGdbTarget's public constructor as this debugger's only group. */
    void adopt(MachineGdbTarget t) {
        checkFree(t.cores());
        groups.add(t);
    }

    private void checkFree(List<Cpu> cores) {
        for (MachineGdbTarget g : groups)
            for (Cpu c : cores)
                if (g.cores().contains(c)) throw new IllegalArgumentException("core " + c.id() + " is in two debugger groups");
    }

    /** Messages for the user, such as "a debugger continued; the machine waits for another". */
    public void setNotices(java.util.function.Consumer<String> notices) {
        this.notices = notices;
    }

    // ---- called by the groups' stub threads ----

    /** Queues a request for the emulation thread; false when the run is over (nobody will carry it out). */
    private boolean submit(Request r) {
        synchronized (runGate) {
            if (finished) return false;
            requests.add(r);
            if (running) {
                long runOfRequest = generation;
                machine.scheduler().post(() -> {
                    // a post that outlived its run is dropped, not taken as a stop of the next one
                    if (runOfRequest == currentGeneration()) machine.stop(poked);
                });
            }
            return true;
        }
    }

    private long currentGeneration() {
        synchronized (runGate) {
            return generation;
        }
    }

    /** Blocks until the machine is stopped for this group's new client (at most a few seconds). */
    void attach(MachineGdbTarget g) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!submit(new Attach(g, done))) return;
        try {
            done.get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // the emulation thread is not serving (yet or any more): the client sees a stopped machine anyway
        }
    }

    void detach(MachineGdbTarget g) {
        submit(new Detach(g));
    }

    /** Asks for a continue (or a step of one thread); false when the run is over. */
    boolean resume(MachineGdbTarget g, int stepThread) {
        return submit(stepThread > 0 ? new Step(g, stepThread) : new Resume(g));
    }

    void interrupt(MachineGdbTarget g) {
        submit(new Interrupt(g));
    }

    void kill() {
        submit(new Kill());
    }

    /** From a core's debug listener, on the emulation thread: a breakpoint or watchpoint of {@code g} hit. */
    void hit(MachineGdbTarget g, Stop stop) {
        if (hit != null) return;
        hitGroup = g;
        hit = stop;
        machine.stop(new Outcome(Outcome.Kind.QUIT, stop.reason().name().toLowerCase()));
    }

    // ---- the emulation thread ----

    /**
     * Runs on the emulation thread until the guest ends the run (with no debugger connected) or a
     * debugger kills it. With {@code waitForDebugger} the cores stay where they are until a
     * debugger continues; otherwise the machine runs at once and a debugger that connects stops it.
     */
    public Outcome serve(long limitPs, boolean waitForDebugger) {
        freeRun = !waitForDebugger;
        try {
            while (true) {
                Request r;
                while ((r = requests.poll()) != null) handle(r);
                if (killed) return ended != null ? ended : new Outcome(Outcome.Kind.QUIT, "killed by the debugger");
                if (ended != null && freeRun) return ended;
                if (ended == null && (freeRun || everyConnectedDebuggerContinued())) {
                    noticedWaiting = false;
                    runOnce(limitPs);
                    continue;
                }
                noticeWaiting();
                try {
                    handle(requests.take());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Outcome(Outcome.Kind.QUIT, "interrupted");
                }
            }
        } finally {
            finish();
        }
    }

    private boolean everyConnectedDebuggerContinued() {
        boolean any = false;
        for (MachineGdbTarget g : groups) {
            if (!g.attached) continue;
            if (!g.resumed) return false;
            any = true;
        }
        return any;
    }

    /** Says once per stop which debuggers hold the machine while another one has continued it. */
    private void noticeWaiting() {
        if (noticedWaiting || ended != null || groups.stream().noneMatch(g -> g.resumed)) return;
        List<String> holding = groups.stream().filter(g -> g.attached && !g.resumed)
                .map(g -> String.join(", ", g.threadNames())).toList();
        if (holding.isEmpty()) return;
        noticedWaiting = true;
        notices.accept("the machine waits for the debugger of cores " + String.join("; ", holding) + " to continue");
    }

    /** One machine run, until the guest ends it, a debug event, or a request. */
    private void runOnce(long limitPs) {
        synchronized (runGate) {
            if (!requests.isEmpty()) return; // handle it first
            running = true;
            generation++;
        }
        hit = null;
        hitGroup = null;
        Outcome o;
        try {
            o = machine.run(limitPs);
        } finally {
            synchronized (runGate) {
                running = false;
            }
        }
        if (hit != null) {
            if (hitGroup.resumed) tell(hitGroup, hit);
            return; // (a stale hit while running freely: nobody to tell)
        }
        if (o == poked) return; // the requests that stopped it are waiting
        ended = o;
        for (MachineGdbTarget g : groups) if (g.resumed) tell(g, exited()); // the run is over
    }

    private void handle(Request r) {
        if (r instanceof Attach a) {
            a.group().attached = true; // and not resumed: the machine stays stopped for it
            freeRun = false;
            a.done().complete(null);
        } else if (r instanceof Detach d) {
            MachineGdbTarget g = d.group();
            g.attached = false;
            g.resumed = false;
            synchronized (lock) {
                g.dropPoints();
            }
            if (groups.stream().noneMatch(x -> x.attached)) freeRun = true;
        } else if (r instanceof Resume c) {
            if (ended != null) {
                c.group().stops.add(exited());
            } else {
                c.group().attached = true; // whoever continues is connected (API users need not attach first)
                freeRun = false;
                c.group().resumed = true;
            }
        } else if (r instanceof Step s) {
            step(s.group(), s.thread());
        } else if (r instanceof Interrupt i) {
            if (i.group().resumed) tell(i.group(), new Stop(1, Reason.SIGNAL_INT, 0));
        } else if (r instanceof Kill) {
            killed = true;
        }
    }

    private void step(MachineGdbTarget g, int thread) {
        if (ended != null) {
            g.stops.add(exited());
            return;
        }
        Cpu c = g.cores().get(Math.max(1, Math.min(thread, g.cores().size())) - 1);
        hit = null;
        synchronized (lock) {
            machine.scheduler().stepOne(c);
        }
        g.stops.add(hit != null && hitGroup == g ? hit : new Stop(thread, Reason.STEP, c.pc()));
        hit = null;
    }

    /** Ends {@code g}'s wait: its continue stopped, and why. */
    private void tell(MachineGdbTarget g, Stop why) {
        g.resumed = false;
        g.stops.add(why);
    }

    private static Stop exited() {
        return new Stop(1, Reason.EXITED, 0);
    }

    /** The run is over: nobody may wait for a stop or an attach that never comes. */
    private void finish() {
        if (ended == null) ended = new Outcome(Outcome.Kind.QUIT, "killed by the debugger");
        synchronized (runGate) {
            finished = true;
        }
        for (MachineGdbTarget g : groups) {
            if (g.resumed) g.stops.add(exited());
            g.resumed = false;
        }
        Request r;
        while ((r = requests.poll()) != null) {
            if (r instanceof Attach a) a.done().complete(null);
            else if (r instanceof Resume c) c.group().stops.add(exited());
            else if (r instanceof Step s) s.group().stops.add(exited());
        }
    }
}
