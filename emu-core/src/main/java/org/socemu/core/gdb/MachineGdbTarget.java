package org.socemu.core.gdb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.socemu.core.UserError;
import org.socemu.core.cpu.Cpu;
import org.socemu.core.cpu.Debuggable;
import org.socemu.core.machine.Machine;
import org.socemu.core.machine.Outcome;
import org.socemu.core.mem.BusView;
import org.socemu.core.mem.Ram;

/**
 * The GDB view of one group of a machine's cores (one architecture): the cores as threads,
 * their registers, memory through the selected core's translation and bus view (reads never
 * trigger device side effects), and their breakpoints. Execution is all-stop across every group
 * of the machine and belongs to the {@link MachineDebugger} the group was made by.
 */
public final class MachineGdbTarget implements GdbTarget {
    private final MachineDebugger debugger;
    private final Machine machine;
    private final List<Cpu> cores;
    /** Stops for this group's client, given by the emulation thread. */
    final BlockingQueue<Stop> stops = new LinkedBlockingQueue<>();
    /** Emulation-thread state: a client is connected; it waits for the machine to stop. */
    boolean attached, resumed;
    private final Set<Long> breakpoints = new TreeSet<>();
    private final List<long[]> watchpoints = new ArrayList<>();

    /** The only group of a machine: the cores of one architecture (the machine is run by {@link #serve}). */
    public MachineGdbTarget(Machine machine, List<Cpu> cores) {
        this(new MachineDebugger(machine), machine, cores);
        debugger.adopt(this);
    }

    /** A group of {@code debugger}'s machine (see {@link MachineDebugger#group}). */
    MachineGdbTarget(MachineDebugger debugger, Machine machine, List<Cpu> cores) {
        if (cores.isEmpty()) throw new IllegalArgumentException("a debugger group needs a core");
        for (Cpu c : cores)
            if (!(c instanceof Debuggable)) throw new UserError("core " + c.id() + " (" + c.type() + ") cannot be debugged yet");
        this.debugger = debugger;
        this.machine = machine;
        this.cores = List.copyOf(cores);
        Debuggable.Listener l = new Debuggable.Listener() {
            @Override public void breakpoint(Cpu cpu, long pc) {
                debugger.hit(MachineGdbTarget.this, new Stop(thread(cpu), Reason.BREAKPOINT, pc));
            }

            @Override public void watchpoint(Cpu cpu, int type, long address) {
                Reason r = type == 2 ? Reason.WATCH_WRITE : type == 3 ? Reason.WATCH_READ : Reason.WATCH_ACCESS;
                debugger.hit(MachineGdbTarget.this, new Stop(thread(cpu), r, address));
            }
        };
        for (Cpu c : cores) ((Debuggable) c).setDebugListener(l);
    }

    /**
     * Runs the machine on the emulation thread (see {@link MachineDebugger#serve}); for a target
     * made with the public constructor, which is then the machine's only group.
     */
    public Outcome serve(long limitPs, boolean waitForDebugger) {
        return debugger.serve(limitPs, waitForDebugger);
    }

    List<Cpu> cores() {
        return cores;
    }

    private int thread(Cpu cpu) {
        return cores.indexOf(cpu) + 1;
    }

    private Debuggable core(int thread) {
        return (Debuggable) cores.get(Math.max(1, Math.min(thread, cores.size())) - 1);
    }

    // ---- execution: the debugger's ----

    @Override
    public void attach() {
        debugger.attach(this);
    }

    @Override
    public void detach() {
        debugger.detach(this);
    }

    @Override
    public Stop resume(int stepThread) {
        if (!debugger.resume(this, stepThread)) return new Stop(1, Reason.EXITED, 0);
        try {
            return stops.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Stop(1, Reason.SIGNAL_INT, 0);
        }
    }

    @Override
    public void interrupt() {
        debugger.interrupt(this);
    }

    @Override
    public void kill() {
        debugger.kill();
    }

    /** On the emulation thread, when this group's client has gone: its breakpoints go with it. */
    void dropPoints() {
        breakpoints.clear();
        watchpoints.clear();
        for (Cpu c : cores) {
            ((Debuggable) c).setBreakpoints(Set.of());
            ((Debuggable) c).setWatchpoints(List.of());
        }
    }

    // ---- the stopped machine ----

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
        synchronized (debugger.lock) {
            return core(thread).gdbReadRegister(n);
        }
    }

    @Override
    public boolean writeRegister(int thread, int n, byte[] value) {
        synchronized (debugger.lock) {
            return core(thread).gdbWriteRegister(n, value);
        }
    }

    @Override
    public byte[] readMemory(int thread, long addr, int len) {
        synchronized (debugger.lock) {
            Debuggable d = core(thread);
            byte[] out = new byte[len];
            int done = 0;
            while (done < len) {
                long va = addr + done;
                long pa = d.debugTranslate(va);
                if (pa < 0) return done == 0 ? null : Arrays.copyOf(out, done);
                int n = (int) Math.min(len - done, Ram.PAGE_SIZE - (va & Ram.PAGE_MASK));
                BusView v = d.view();
                if (v.find(pa) == null) return done == 0 ? null : Arrays.copyOf(out, done);
                System.arraycopy(v.dump(pa, n), 0, out, done, n);
                done += n;
            }
            return out;
        }
    }

    @Override
    public boolean writeMemory(int thread, long addr, byte[] data) {
        synchronized (debugger.lock) {
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
    }

    @Override
    public boolean insertPoint(int type, long addr, int kind) {
        synchronized (debugger.lock) {
            if (type <= 1) {
                breakpoints.add(addr);
                for (Cpu c : cores) ((Debuggable) c).setBreakpoints(Set.copyOf(breakpoints));
            } else {
                watchpoints.add(new long[] {addr, Math.max(1, kind), type});
                for (Cpu c : cores) ((Debuggable) c).setWatchpoints(List.copyOf(watchpoints));
            }
            return true;
        }
    }

    @Override
    public boolean removePoint(int type, long addr, int kind) {
        synchronized (debugger.lock) {
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
    }

    @Override
    public String monitor(String command) {
        String[] w = command.trim().split("\\s+");
        switch (w[0]) {
            case "reset":
                synchronized (debugger.lock) {
                    machine.doReset();
                }
                return "machine reset";
            case "info":
                if (w.length > 1 && w[1].equals("cores")) {
                    StringBuilder sb = new StringBuilder();
                    for (Cpu c : machine.cpus())
                        sb.append(String.format("%-6s %-12s pc=0x%08x insns=%d %s%n", c.id(), c.type(), c.pc(), c.retired(),
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
}
