package org.socemu.core.gdb;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.socemu.core.cpu.Cpu;
import org.socemu.core.cpu.Debuggable;
import org.socemu.core.machine.Machine;
import org.socemu.core.machine.Outcome;
import org.socemu.core.mem.BusView;
import org.socemu.core.mem.Ram;

/**
 * The GDB view of a machine: the cores of one architecture as threads, all-stop. The machine runs
 * on the emulation thread in {@link #serve}; the stub's thread hands it resume commands and waits
 * for the stop. Memory goes through the selected core's translation and bus view, and reads never
 * trigger device side effects.
 */
public final class MachineGdbTarget implements GdbTarget {
    private final Machine machine;
    private final List<Cpu> cores;
    private final BlockingQueue<Integer> commands = new LinkedBlockingQueue<>();
    private final BlockingQueue<Stop> stops = new LinkedBlockingQueue<>();
    private final Set<Long> breakpoints = new TreeSet<>();
    private final List<long[]> watchpoints = new ArrayList<>();
    private volatile Stop debugStop;
    private volatile boolean interrupted;
    private Outcome ended;
    private static final int KILL = -1, DETACH = -2;
    private volatile boolean freeRun;

    public MachineGdbTarget(Machine machine, List<Cpu> cores) {
        for (Cpu c : cores)
            if (!(c instanceof Debuggable)) throw new org.socemu.core.UserError("core " + c.id() + " (" + c.type() + ") cannot be debugged yet");
        this.machine = machine;
        this.cores = List.copyOf(cores);
        Debuggable.Listener l = new Debuggable.Listener() {
            @Override public void breakpoint(Cpu cpu, long pc) {
                debugStop = new Stop(thread(cpu), Reason.BREAKPOINT, pc);
                machine.stop(new Outcome(Outcome.Kind.QUIT, "breakpoint"));
            }

            @Override public void watchpoint(Cpu cpu, int type, long address) {
                Reason r = type == 2 ? Reason.WATCH_WRITE : type == 3 ? Reason.WATCH_READ : Reason.WATCH_ACCESS;
                debugStop = new Stop(thread(cpu), r, address);
                machine.stop(new Outcome(Outcome.Kind.QUIT, "watchpoint"));
            }
        };
        for (Cpu c : cores) ((Debuggable) c).setDebugListener(l);
    }

    private int thread(Cpu cpu) {
        return cores.indexOf(cpu) + 1;
    }

    private Debuggable core(int thread) {
        return (Debuggable) cores.get(Math.max(1, Math.min(thread, cores.size())) - 1);
    }

    /**
     * Runs on the emulation thread until the guest ends the run or the debugger kills it. With
     * {@code waitForDebugger} the cores stay at reset until a client continues; otherwise the
     * machine runs at once and a client that attaches stops it.
     */
    public Outcome serve(long limitPs, boolean waitForDebugger) {
        freeRun = !waitForDebugger;
        while (true) {
            if (freeRun) {
                debugStop = null;
                interrupted = false;
                Outcome o;
                try {
                    o = machine.run(limitPs);
                } finally {
                    freeRun = false; // a client attached (or a stale breakpoint hit): wait for its commands
                }
                if (debugStop == null && !interrupted) {
                    ended = o;
                    return o;
                }
                continue;
            }
            int cmd;
            try {
                cmd = commands.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(Outcome.Kind.QUIT, "interrupted");
            }
            if (cmd == KILL) return ended != null ? ended : new Outcome(Outcome.Kind.QUIT, "killed by the debugger");
            if (cmd == DETACH) {
                if (ended != null) return ended;
                freeRun = true;
                continue;
            }
            debugStop = null;
            interrupted = false;
            if (cmd > 0) {
                Cpu c = cores.get(cmd - 1);
                machine.scheduler().stepOne(c);
                Stop s = debugStop;
                stops.add(s != null ? s : new Stop(cmd, Reason.STEP, c.pc()));
                continue;
            }
            Outcome o = machine.run(limitPs);
            Stop s = debugStop;
            if (s != null) stops.add(s);
            else if (interrupted) stops.add(new Stop(1, Reason.SIGNAL_INT, 0));
            else {
                ended = o;
                stops.add(new Stop(1, Reason.EXITED, 0));
            }
        }
    }

    @Override
    public void attach() {
        if (!freeRun) return;
        interrupt();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (freeRun && System.nanoTime() < deadline) Thread.onSpinWait();
    }

    @Override
    public void detach() {
        breakpoints.clear();
        watchpoints.clear();
        for (Cpu c : cores) {
            ((Debuggable) c).setBreakpoints(Set.of());
            ((Debuggable) c).setWatchpoints(List.of());
        }
        commands.add(DETACH);
    }

    @Override
    public List<String> threadNames() {
        return cores.stream().map(Cpu::id).toList();
    }

    @Override
    public String targetXml(String annex) {
        return core(1).gdbTargetXml(annex);
    }

    @Override
    public int registerCount() {
        return core(1).gdbRegisterCount();
    }

    @Override
    public byte[] readRegister(int thread, int n) {
        return core(thread).gdbReadRegister(n);
    }

    @Override
    public boolean writeRegister(int thread, int n, byte[] value) {
        return core(thread).gdbWriteRegister(n, value);
    }

    @Override
    public byte[] readMemory(int thread, long addr, int len) {
        Debuggable d = core(thread);
        byte[] out = new byte[len];
        int done = 0;
        while (done < len) {
            long va = addr + done;
            long pa = d.debugTranslate(va);
            if (pa < 0) return done == 0 ? null : java.util.Arrays.copyOf(out, done);
            int n = (int) Math.min(len - done, Ram.PAGE_SIZE - (va & Ram.PAGE_MASK));
            BusView v = d.view();
            if (v.find(pa) == null) return done == 0 ? null : java.util.Arrays.copyOf(out, done);
            System.arraycopy(v.dump(pa, n), 0, out, done, n);
            done += n;
        }
        return out;
    }

    @Override
    public boolean writeMemory(int thread, long addr, byte[] data) {
        Debuggable d = core(thread);
        int done = 0;
        while (done < data.length) {
            long va = addr + done;
            long pa = d.debugTranslate(va);
            if (pa < 0 || d.view().find(pa) == null) return false;
            int n = (int) Math.min(data.length - done, Ram.PAGE_SIZE - (va & Ram.PAGE_MASK));
            d.view().load(pa, data, done, n);
            done += n;
        }
        return true;
    }

    @Override
    public boolean insertPoint(int type, long addr, int kind) {
        if (type <= 1) {
            breakpoints.add(addr);
            for (Cpu c : cores) ((Debuggable) c).setBreakpoints(Set.copyOf(breakpoints));
        } else {
            watchpoints.add(new long[] {addr, Math.max(1, kind), type});
            for (Cpu c : cores) ((Debuggable) c).setWatchpoints(List.copyOf(watchpoints));
        }
        return true;
    }

    @Override
    public boolean removePoint(int type, long addr, int kind) {
        boolean removed;
        if (type <= 1) {
            removed = breakpoints.remove(addr);
            for (Cpu c : cores) ((Debuggable) c).setBreakpoints(Set.copyOf(breakpoints));
        } else {
            removed = watchpoints.removeIf(w -> w[0] == addr && w[2] == type);
            for (Cpu c : cores) ((Debuggable) c).setWatchpoints(List.copyOf(watchpoints));
        }
        return removed;
    }

    @Override
    public Stop resume(int stepThread) {
        if (ended != null) return new Stop(1, Reason.EXITED, 0);
        commands.add(stepThread);
        try {
            return stops.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Stop(1, Reason.SIGNAL_INT, 0);
        }
    }

    @Override
    public void interrupt() {
        interrupted = true;
        machine.scheduler().post(() -> machine.stop(new Outcome(Outcome.Kind.QUIT, "interrupted by the debugger")));
        machine.scheduler().wake();
    }

    @Override
    public String monitor(String command) {
        String[] w = command.trim().split("\\s+");
        switch (w[0]) {
            case "reset":
                machine.doReset();
                return "machine reset";
            case "info":
                if (w.length > 1 && w[1].equals("cores")) {
                    StringBuilder sb = new StringBuilder();
                    for (Cpu c : machine.cpus())
                        sb.append(String.format("%-6s %-12s pc=0x%08x %s%n", c.id(), c.type(), c.pc(),
                                !c.isRunnable() ? "off/held" : c.isWaiting() ? "waiting (WFI)" : "running"));
                    return sb.toString();
                }
                break;
            case "trace":
                if (w.length == 3 && w[1].equals("unimp")) {
                    machine.unimp().setTrace(w[2].equals("on") ? System.err : null);
                    return "unimp trace " + (w[2].equals("on") ? "on" : "off");
                }
                break;
            default:
                break;
        }
        return "commands: reset | info cores | trace unimp on|off";
    }

    @Override
    public void kill() {
        commands.add(KILL);
    }
}
