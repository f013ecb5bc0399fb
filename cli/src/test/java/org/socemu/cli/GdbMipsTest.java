package org.socemu.cli;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.socemu.core.cpu.Cpu;
import org.socemu.core.gdb.GdbTarget;
import org.socemu.core.gdb.MachineGdbTarget;
import org.socemu.core.machine.BootImages;
import org.socemu.core.machine.Machine;
import org.socemu.core.machine.MachineBuilder;
import org.socemu.core.machine.Registry;
import org.socemu.mips.Mips24k;

/**
 * The GDB stub on the AR9331's MIPS core, driven by the real gdb-multiarch in batch mode against
 * {@code socemu run ar9331-dpt-module --gdb 0 --wait-gdb} in a child JVM (the stub prints the
 * port it got). The guest is a bare-metal C program (src/test/resources/gdb/target.c) built here
 * with mips-linux-gnu-gcc. Interrupting a running guest: gdb runs a plain {@code continue} and the
 * test sends gdb SIGINT, as a user's Ctrl-C does; gdb then sends the stub its 0x03 (then `kill`).
 *
 * <p>The last test drives {@link MachineGdbTarget} directly (no gdb needed) for what gdb itself
 * hides: resuming from a breakpoint without removing it, and breakpoints in delay slots.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GdbMipsTest {
    private static final String GCC = "mips-linux-gnu-gcc", GDB = GdbTool.GDB, MACHINE = "ar9331-dpt-module";

    @TempDir
    static Path dir;
    static Path elf, dtb;

    @BeforeAll
    static void buildGuest() throws Exception {
        assumeTrue(GdbTool.runs(GCC, "--version"), GCC + " missing (Debian package gcc-mips-linux-gnu)");
        elf = GdbTool.compile(dir, "target.c", List.of(GCC, "-EB", "-march=24kc", "-nostdlib", "-ffreestanding", "-mno-abicalls",
                "-fno-pic", "-G0", "-static", "-O1", "-g", "-Wl,-Ttext=0x80010000", "-Wl,-e,_start", "-Wl,--build-id=none"));
        dtb = GdbTool.emptyDtb(dir);
    }

    @Test
    void breakStepPrintWatchAndDetach() throws Exception {
        assumeTrue(GdbTool.runs(GDB, "--version"), GDB + " missing (Debian package gdb-multiarch)");
        long bump = symbol("bump");
        GdbTool.Emu emu = GdbTool.startEmulator(dir, MACHINE, "--kernel", elf.toString(), "--dtb", dtb.toString());
        try {
            String out = GdbTool.gdb(dir, elf, GdbTool.port(emu.process()), -1,
                    "info registers pc",
                    "break bump",
                    "continue",
                    "print counter",
                    "stepi",
                    "info registers pc",
                    "next",
                    "print/x $pc",
                    "print calls",
                    "delete",
                    "watch counter",
                    "continue",
                    "continue",
                    "delete",
                    "rwatch calls",
                    "continue",
                    "delete",
                    "detach");
            // reset state: the boot protocol's entry point
            assertTrue(out.contains(String.format("pc: 0x%08x", symbol("_start"))), out);
            assertTrue(out.contains(String.format("Breakpoint 1 at 0x%08x", bump)), out);
            assertTrue(Pattern.compile("Breakpoint 1, bump \\(by=2\\) at .*target\\.c:\\d+").matcher(out).find(), out);
            assertTrue(out.contains("$1 = 0"), "counter before the first bump: " + out);
            assertTrue(out.contains(String.format("pc: 0x%08x", bump + 4)), "stepi moves one instruction: " + out);
            assertTrue(out.contains("$3 = 0"), "calls, still in the first bump: " + out);
            // the watchpoint sees each bump add 2
            Matcher w = Pattern.compile("Hardware watchpoint 2: counter\\s+Old value = (-?\\d+)\\s+New value = (-?\\d+)").matcher(out);
            assertTrue(w.find(), out);
            assertEquals(0, Integer.parseInt(w.group(1)), out);
            assertEquals(2, Integer.parseInt(w.group(2)), out);
            assertTrue(w.find(), "second hit: " + out);
            assertEquals(2, Integer.parseInt(w.group(1)), out);
            assertEquals(4, Integer.parseInt(w.group(2)), out);
            // a read watchpoint stops on the load of `calls` in bump
            assertTrue(Pattern.compile("Hardware read watchpoint 3: calls\\s+Value = \\d+").matcher(out).find(), out);
            assertTrue(out.contains("[Inferior 1 (Remote target) detached]"), out);
            assertFalse(out.contains("Remote connection closed"), out);
            // detached: the guest runs on by itself (the process is still alive)
            assertTrue(emu.process().isAlive(), "the machine runs on after detach");
        } finally {
            GdbTool.stop(emu.process());
        }
        assertTrue(Files.readString(emu.console()).contains("gdb target ready"), "the guest's UART output");
    }

    @Test
    void interruptARunningGuest() throws Exception {
        assumeTrue(GdbTool.runs(GDB, "--version"), GDB + " missing (Debian package gdb-multiarch)");
        GdbTool.Emu emu = GdbTool.startEmulator(dir, MACHINE, "--kernel", elf.toString(), "--dtb", dtb.toString());
        try {
            String out = GdbTool.gdb(dir, elf, GdbTool.port(emu.process()), 3000,
                    "continue",
                    "print calls",
                    "print counter",
                    "print counter == 2 * calls || counter == 2 * calls + 2",
                    "info registers pc",
                    "kill");
            assertTrue(out.contains("Program received signal SIGINT, Interrupt."), out);
            Matcher calls = Pattern.compile("\\$1 = (\\d+)").matcher(out);
            assertTrue(calls.find(), out);
            assertTrue(Long.parseLong(calls.group(1)) > 1000, "the guest ran before the interrupt: " + out);
            assertTrue(out.contains("$3 = 1"), "counter and calls agree: " + out);
            Matcher pc = Pattern.compile("pc: 0x([0-9a-f]{8})").matcher(out);
            assertTrue(pc.find(), out);
            long at = Long.parseLong(pc.group(1), 16);
            assertTrue(at >= symbol("bump") && at < symbol("_start"), "stopped in bump or main: " + out);
            assertTrue(out.contains("[Inferior 1 (Remote target) killed]"), out);
            assertTrue(emu.process().waitFor(30, TimeUnit.SECONDS), "kill ends the emulator");
        } finally {
            GdbTool.stop(emu.process());
        }
    }

    /**
     * Without gdb: a core stopped at a breakpoint continues past it with the breakpoint still
     * inserted, steps move branch and delay slot together, a breakpoint in a delay slot
     * stops the core at its branch, watchpoints stop after the store (also through kseg1), and
     * memory reads translate through the JTLB without side effects.
     */
    @Test
    void breakpointsResumeAndDelaySlots() throws Exception {
        Registry registry = Registry.load();
        BootImages images = new BootImages();
        images.kernel = elf;
        images.dtb = dtb;
        Machine m = new MachineBuilder(registry).build(registry.machine(MACHINE), images);
        try {
            m.powerOn();
            Cpu cpu = m.cpus().get(0);
            MachineGdbTarget target = new MachineGdbTarget(m, List.of(cpu));
            CompletableFuture<?> emu = CompletableFuture.runAsync(() -> target.serve(Long.MAX_VALUE, true));
            long bump = symbol("bump"), main = symbol("main");
            long jal = findJalTo(bump, main), slot = jal + 4;

            target.insertPoint(0, bump, 4);
            GdbTarget.Stop s = resume(target, 0);
            assertEquals(GdbTarget.Reason.BREAKPOINT, s.reason());
            assertEquals(bump, s.address());
            int counter0 = readWord(target, symbol("counter"));
            // continue with the breakpoint still there: the core executes it and stops on the next call
            s = resume(target, 0);
            assertEquals(GdbTarget.Reason.BREAKPOINT, s.reason());
            assertEquals(bump, cpu.pc());
            assertEquals(counter0 + 2, readWord(target, symbol("counter")));
            target.removePoint(0, bump, 4);

            // a breakpoint in the jal's delay slot stops before the jal
            target.insertPoint(0, slot, 4);
            s = resume(target, 0);
            assertEquals(GdbTarget.Reason.BREAKPOINT, s.reason());
            assertEquals(jal, s.address());
            assertEquals(jal, cpu.pc());
            // one step runs the jal and its slot: the core never rests between them
            s = resume(target, 1);
            assertEquals(GdbTarget.Reason.STEP, s.reason());
            assertEquals(bump, cpu.pc());
            assertEquals(2, cpu.register(4), "the slot (li a0,2) ran");
            assertEquals(jal + 8, cpu.register(31), "the jal linked");
            target.removePoint(0, slot, 4);

            // a write watchpoint stops after the store
            long counter = symbol("counter");
            target.insertPoint(2, counter, 4);
            int before = readWord(target, counter);
            s = resume(target, 0);
            assertEquals(GdbTarget.Reason.WATCH_WRITE, s.reason());
            assertEquals(counter, s.address());
            assertEquals(before + 2, readWord(target, counter));
            target.removePoint(2, counter, 4);

            // kseg1 shows the same memory: a watchpoint on the uncached alias catches the cached store
            long uncached = counter + 0x20000000L;
            target.insertPoint(2, uncached, 4);
            s = resume(target, 0);
            assertEquals(GdbTarget.Reason.WATCH_WRITE, s.reason());
            assertEquals(uncached, s.address(), "reported at the address asked for");
            assertEquals(before + 4, readWord(target, counter));
            target.removePoint(2, uncached, 4);

            // the debugger reads mapped segments through the JTLB, without faults
            long counterPage = (counter & 0x1FFFFFFFL) & ~0xFFFL;
            ((Mips24k) cpu).writeTlb(0, 0xC0000000, (int) (counterPage >>> 12 << 6) | 0x7 /* D V G */, 0x1 /* G, invalid */, 0);
            long mapped = 0xC0000000L | (counter & 0xFFF);
            assertEquals(readWord(target, counter), readWord(target, mapped));
            assertNull(target.readMemory(1, mapped + 0x1000, 4), "the entry's odd page is invalid");
            assertNull(target.readMemory(1, 0xE0000000L, 4), "no entry maps kseg3 there");
            assertEquals(0, ((Mips24k) cpu).cp0(8, 0), "BadVAddr untouched: no exception was taken");
            target.kill();
            emu.get(30, TimeUnit.SECONDS);
        } finally {
            m.close();
        }
    }

    // ---- helpers ----

    /** {@link GdbTarget#resume} with a time limit: a stop that never comes is a failure, not a hang. */
    private static GdbTarget.Stop resume(MachineGdbTarget target, int stepThread) throws Exception {
        CompletableFuture<GdbTarget.Stop> stop = CompletableFuture.supplyAsync(() -> target.resume(stepThread));
        try {
            return stop.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            target.interrupt();
            throw new AssertionError("the core did not stop within 30 s");
        }
    }

    /** The address of the {@code jal bump} in main (the loop's call). */
    private static long findJalTo(long bump, long main) throws IOException {
        GdbTool.Result d = GdbTool.exec(List.of("mips-linux-gnu-objdump", "-d", elf.toString()), 30, -1);
        Matcher m = Pattern.compile("(?m)^([0-9a-f]{8}):\\s+[0-9a-f]{8}\\s+jal\\s+" + Long.toHexString(bump)).matcher(d.out());
        while (m.find()) {
            long at = Long.parseLong(m.group(1), 16);
            if (at >= main) return at;
        }
        throw new AssertionError("no jal to bump in main:\n" + d.out());
    }

    private static int readWord(GdbTarget t, long addr) {
        byte[] b = t.readMemory(1, addr, 4);
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    private static long symbol(String name) {
        return GdbTool.symbol(elf, name);
    }

}
