package org.socemu.core.gdb;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socemu.core.cpu.Cpu;
import org.socemu.core.cpu.CpuType;
import org.socemu.core.cpu.Debuggable;
import org.socemu.core.gdb.GdbTarget.Reason;
import org.socemu.core.gdb.GdbTarget.Stop;
import org.socemu.core.irq.IrqLine;
import org.socemu.core.machine.BootImages;
import org.socemu.core.machine.BootProtocol;
import org.socemu.core.machine.CoreContext;
import org.socemu.core.machine.Machine;
import org.socemu.core.machine.MachineBuilder;
import org.socemu.core.machine.MachineDescription;
import org.socemu.core.machine.Outcome;
import org.socemu.core.machine.Registry;
import org.socemu.core.mem.BusView;
import org.socemu.core.time.Clock;
import org.socemu.core.time.Frequency;

/**
 * All-stop across the debugger groups of a heterogeneous machine: two cores of type "arch-a" and
 * one of "arch-b", each running a loop of 64 four-byte "instructions" at 0x1000 that stops at
 * breakpoints, debugged through two targets of one {@link MachineDebugger}, as two GDB
 * connections would.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MachineDebuggerTest {
    /** A debuggable core whose program counter walks 0x1000..0x10fc in a loop. */
    static final class LoopCpu implements Cpu, Debuggable {
        @Override public void setTrace(org.socemu.core.machine.Trace trace) {}

        final String id, type;
        final BusView view;
        final Frequency f = new Frequency(100_000_000);
        volatile long retired;
        long pc = 0x1000;
        boolean exit;
        Set<Long> breakpoints = Set.of();
        long resumeAt = -1;
        Listener listener;

        LoopCpu(CoreContext ctx, String type) {
            this.id = ctx.id();
            this.type = type;
            this.view = ctx.view();
        }

        @Override public long run(long budget) {
            exit = false;
            long n = 0;
            long skip = resumeAt;
            resumeAt = -1;
            while (n < budget && !exit) {
                if (breakpoints.contains(pc) && pc != skip) {
                    resumeAt = pc;
                    listener.breakpoint(this, pc);
                    return n;
                }
                skip = -1;
                pc = pc == 0x10fc ? 0x1000 : pc + 4;
                retired++;
                n++;
            }
            return n;
        }

        @Override public String id() { return id; }
        @Override public String type() { return type; }
        @Override public Frequency frequency() { return f; }
        @Override public long retired() { return retired; }
        @Override public boolean isWaiting() { return false; }
        @Override public boolean isRunnable() { return true; }
        @Override public void requestExit() { exit = true; }
        @Override public void reset() { pc = 0x1000; }
        @Override public void clearExclusive() {}
        @Override public long pc() { return pc; }
        @Override public void setPc(long v) { pc = v; }
        @Override public long register(int n) { return n == 15 ? pc : 0; }
        @Override public void setRegister(int n, long v) {}
        @Override public String describeState() { return id + " pc " + Long.toHexString(pc); }
        @Override public IrqLine input(String pin) { throw new IllegalArgumentException(pin); }

        @Override public String gdbTargetXml(String annex) { return annex.equals("target.xml") ? "<target/>" : null; }
        @Override public int gdbRegisterCount() { return 1; }
        @Override public byte[] gdbReadRegister(int n) { return n == 0 ? new byte[] {(byte) pc, (byte) (pc >> 8), 0, 0} : null; }
        @Override public boolean gdbWriteRegister(int n, byte[] value) { return false; }
        @Override public long debugTranslate(long va) { return va; }
        @Override public BusView view() { return view; }
        @Override public void setBreakpoints(Set<Long> addresses) { breakpoints = Set.copyOf(addresses); }
        @Override public void setWatchpoints(List<long[]> w) {}
        @Override public void setDebugListener(Listener l) { listener = l; }
    }

    private static final String BOARD = """
            { "name": "two-arch", "description": "two core types", "endian": "little", "boot": "none",
              "cores": [ { "id": "a.0", "type": "arch-a", "hz": 100000000 },
                         { "id": "b", "type": "arch-b", "hz": 100000000 },
                         { "id": "a.1", "type": "arch-a", "hz": 100000000 } ],
              "memory": [ { "name": "ram", "base": "0x0", "size": "1M", "main": true } ],
              "devices": [] }
            """;

    private final Machine machine;
    private final MachineDebugger debugger;
    private final MachineGdbTarget a, b;
    private final LoopCpu a0, a1, b0;
    private CompletableFuture<Outcome> emulation;

    MachineDebuggerTest() {
        Registry r = new Registry();
        for (String t : List.of("arch-a", "arch-b"))
            r.register(new CpuType() {
                @Override public String type() { return t; }
                @Override public Cpu create(CoreContext ctx) { return new LoopCpu(ctx, t); }
            });
        r.register(new BootProtocol() {
            @Override public String name() { return "none"; }
            @Override public Set<String> options() { return Set.of(); }
            @Override public void boot(Machine m, BootImages images) {}
        });
        MachineDescription d = MachineDescription.read(new ByteArrayInputStream(BOARD.getBytes(StandardCharsets.UTF_8)), "two-arch");
        machine = new MachineBuilder(r).build(d, new BootImages());
        Map<String, List<Cpu>> groups = MachineDebugger.coreGroups(machine.cpus());
        debugger = new MachineDebugger(machine);
        a = debugger.group(groups.get("arch-a"));
        b = debugger.group(groups.get("arch-b"));
        a0 = (LoopCpu) machine.cpu("a.0");
        a1 = (LoopCpu) machine.cpu("a.1");
        b0 = (LoopCpu) machine.cpu("b");
    }

    private void serve(boolean waitForDebugger, long limitPs) {
        emulation = CompletableFuture.supplyAsync(() -> debugger.serve(limitPs, waitForDebugger));
    }

    @AfterEach
    void end() throws Exception {
        if (emulation == null) return;
        a.kill();
        emulation.get(10, TimeUnit.SECONDS);
    }

    private static CompletableFuture<Stop> resume(MachineGdbTarget t, int step) {
        return CompletableFuture.supplyAsync(() -> t.resume(step));
    }

    private static Stop get(CompletableFuture<Stop> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    /** The cores' retired counts, to see whether the machine moves. */
    private List<Long> counts() {
        return List.of(a0.retired, a1.retired, b0.retired);
    }

    private List<Long> settled() throws InterruptedException {
        List<Long> c = counts();
        Thread.sleep(150);
        assertEquals(c, counts(), "the machine stands still");
        return c;
    }

    @Test
    void groupsAreTheCoreTypesInMachineOrder() {
        assertEquals(List.of("arch-a", "arch-b"), List.copyOf(MachineDebugger.coreGroups(machine.cpus()).keySet()));
        assertEquals(List.of("a.0", "a.1"), a.threadNames());
        assertEquals(List.of("b"), b.threadNames());
        assertThrows(IllegalArgumentException.class, () -> debugger.group(List.of(a0)), "a core in two groups");
    }

    @Test
    void theMachineRunsOnceEveryConnectedDebuggerContinued() throws Exception {
        serve(true, Long.MAX_VALUE);
        a.attach();
        b.attach();
        CompletableFuture<Stop> stopA = resume(a, 0);
        settled();
        assertFalse(stopA.isDone(), "b holds the machine");
        assertEquals(List.of(0L, 0L, 0L), counts());
        CompletableFuture<Stop> stopB = resume(b, 0);
        Thread.sleep(150);
        assertTrue(b0.retired > 0 && a0.retired > 0 && a1.retired > 0, "every core runs: " + counts());
        b.interrupt();
        assertEquals(Reason.SIGNAL_INT, get(stopB).reason());
        settled();
        assertFalse(stopA.isDone(), "a is not told of b's stop");
        a.interrupt();
        assertEquals(Reason.SIGNAL_INT, get(stopA).reason());
    }

    @Test
    void aBreakpointStopsEveryCoreAndTellsOnlyItsDebugger() throws Exception {
        serve(true, Long.MAX_VALUE);
        a.attach();
        b.attach();
        assertTrue(a.insertPoint(0, 0x1080, 4));
        CompletableFuture<Stop> stopB = resume(b, 0);
        Stop s = get(resume(a, 0));
        assertEquals(Reason.BREAKPOINT, s.reason());
        assertEquals(0x1080, s.address());
        assertEquals(0x1080, machine.cpus().get(s.thread() == 1 ? 0 : 2).pc(), "the thread that hit it");
        List<Long> frozen = settled();
        assertFalse(stopB.isDone(), "b still waits; the machine stands still all the same");
        // a steps its second core: only that core moves
        s = get(resume(a, 2));
        assertEquals(Reason.STEP, s.reason());
        assertEquals(List.of(frozen.get(0), frozen.get(1) + 1, frozen.get(2)), counts());
        // b looks, at once
        b.interrupt();
        assertEquals(Reason.SIGNAL_INT, get(stopB).reason());
        // a continues without its breakpoint: the machine goes once b continues too
        assertTrue(a.removePoint(0, 0x1080, 4));
        CompletableFuture<Stop> again = resume(a, 0);
        settled();
        stopB = resume(b, 0);
        Thread.sleep(150);
        assertTrue(b0.retired > frozen.get(2) && a0.retired > frozen.get(0), "every core ran: " + counts());
        a.interrupt();
        assertEquals(Reason.SIGNAL_INT, get(again).reason());
        b.interrupt();
        assertEquals(Reason.SIGNAL_INT, get(stopB).reason());
    }

    @Test
    void detachingDropsBreakpointsAndReleasesTheMachine() throws Exception {
        serve(true, Long.MAX_VALUE);
        a.attach();
        b.attach();
        a.insertPoint(0, 0x1040, 4);
        a.detach();
        CompletableFuture<Stop> stopB = resume(b, 0);
        Thread.sleep(200);
        assertFalse(stopB.isDone(), "a's breakpoint went with it");
        assertTrue(a0.retired > 0x100, "a's cores run with the machine");
        b.interrupt();
        assertEquals(Reason.SIGNAL_INT, get(stopB).reason());
        assertTrue(a0.breakpoints.isEmpty());
    }

    @Test
    void aDebuggerThatConnectsStopsAFreelyRunningMachine() throws Exception {
        serve(false, Long.MAX_VALUE);
        Thread.sleep(100);
        assertTrue(a0.retired > 0, "no debugger: the machine runs");
        b.attach();
        settled();
        b.detach();
        long before = a0.retired;
        Thread.sleep(150);
        assertTrue(a0.retired > before, "the last debugger gone, it runs freely again");
    }

    @Test
    void theEndOfTheRunReachesEveryWaitingDebugger() throws Exception {
        serve(true, 2 * Clock.PS_PER_MS);
        CompletableFuture<Stop> stopA = resume(a, 0), stopB = resume(b, 0);
        assertEquals(Reason.EXITED, get(stopA).reason());
        assertEquals(Reason.EXITED, get(stopB).reason());
        assertEquals(Reason.EXITED, get(resume(a, 1)).reason(), "nothing to step any more");
        a.detach();
        b.detach();
        assertEquals(Outcome.Kind.TIMEOUT, emulation.get(10, TimeUnit.SECONDS).kind());
        assertEquals(Reason.EXITED, get(resume(b, 0)).reason(), "served no more: answered at once");
    }

    @Test
    void killFromEitherDebuggerEndsTheRun() throws Exception {
        serve(true, Long.MAX_VALUE);
        a.attach();
        CompletableFuture<Stop> stopA = resume(a, 0);
        b.attach();
        b.kill();
        assertEquals(Outcome.Kind.QUIT, emulation.get(10, TimeUnit.SECONDS).kind());
        assertEquals(Reason.EXITED, get(stopA).reason(), "a waiting debugger is not left hanging");
    }
}
