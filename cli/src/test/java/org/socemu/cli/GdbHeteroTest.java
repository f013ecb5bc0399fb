package org.socemu.cli;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

/**
 * Two real gdb-multiarch sessions on one heterogeneous machine, one per core type: {@code socemu
 * run --machine-file a7-and-mips.json --gdb a7=0 --gdb mips-24kc=0 --wait-gdb}. The A7 runs the
 * bare-metal C guest of GdbA7Test; the MIPS core runs the NOPs of its empty boot memory. Each
 * debugger sees only its own cores; the machine stops and goes as a whole.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GdbHeteroTest {

    @TempDir
    static Path dir;
    static Path elf, board;

    @BeforeAll
    static void buildGuest() throws Exception {
        elf = GdbTool.armGuest(dir);
        board = GdbTool.resource(dir, "a7-and-mips.json");
    }

    /** "a7 cortex-a7 pc=0x... insns=N running" lines of `monitor info cores`: core -> [pc, insns], in order of appearance. */
    private static List<long[]> cores(String out, String core) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(core) + "\\s+\\S+\\s+pc=0x([0-9a-f]+) insns=(\\d+)").matcher(out);
        List<long[]> seen = new java.util.ArrayList<>();
        while (m.find()) seen.add(new long[] {Long.parseLong(m.group(1), 16), Long.parseLong(m.group(2))});
        return seen;
    }

    @Test
    void onePortPerCoreTypeAndTheMachineStopsAndGoesAsAWhole() throws Exception {
        assumeTrue(GdbTool.runs(GdbTool.GDB, "--version"), "gdb-multiarch missing (Debian package gdb-multiarch)");
        GdbTool.Emu emu = GdbTool.startRun(dir, List.of("--machine-file", board.toString(), "--kernel", elf.toString(),
                "--gdb", "a7=0", "--gdb", "mips-24kc=0", "--wait-gdb"));
        StringBuffer stderr = new StringBuffer();
        try {
            List<Integer> ports = GdbTool.ports(emu.process(), 2, stderr);
            // The A7's debugger: a breakpoint, a step, then a continue it interrupts after 6 s.
            CompletableFuture<String> a7 = CompletableFuture.supplyAsync(() -> call(() -> GdbTool.gdb(dir, elf, List.of(),
                    ports.get(0), 6000,
                    "info threads",
                    "break bump",
                    "continue",
                    "print counter == 2 * calls",
                    "monitor info cores",
                    "stepi",
                    "monitor info cores",
                    "delete",
                    "continue",
                    "print calls",
                    "monitor info cores",
                    "shell sleep 1",
                    "monitor info cores",
                    "print calls",
                    "detach")));
            // The MIPS core's debugger: continues at once, and interrupts after 10 s.
            String mips = GdbTool.gdb(dir, null, List.of("set endian little"), ports.get(1), 10_000,
                    "info threads",
                    "print $pc",
                    "continue",
                    "print $pc",
                    "detach");
            String a = a7.get(60, TimeUnit.SECONDS);

            // each debugger sees its own cores only
            assertTrue(a.contains("\"a7\"") && !a.contains("\"mips\""), a);
            assertTrue(mips.contains("Thread 1 \"mips\"") && !mips.contains("\"a7\""), mips);
            assertTrue(Pattern.compile("Breakpoint 1, bump \\(by=(by@entry=)?2\\)").matcher(a).find(), a);
            assertTrue(a.contains("$1 = 1"), "the guest's variables, read at the breakpoint: " + a);
            List<long[]> a7s = cores(a, "a7"), mipss = cores(a, "mips");
            assertEquals(4, a7s.size(), a);
            // the A7's step moves the A7 by one instruction, and nothing else
            assertEquals(a7s.get(0)[1] + 1, a7s.get(1)[1], a);
            assertEquals(mipss.get(0)[1], mipss.get(1)[1], "the MIPS core stays put during the A7's step: " + a);
            // while the A7's debugger continued, the MIPS core ran along (its debugger had continued too)
            assertTrue(mipss.get(2)[1] > mipss.get(1)[1] + 1000, "the MIPS ran with the machine: " + a);
            assertTrue(a7s.get(2)[1] > a7s.get(1)[1] + 1000, a);
            // stopped by the A7's Ctrl-C, the whole machine stays stopped while that debugger looks,
            // although the MIPS debugger still waits in its continue
            assertArrayEquals(a7s.get(2), a7s.get(3), a);
            assertArrayEquals(mipss.get(2), mipss.get(3), "the MIPS core is stopped too: " + a);
            assertTrue(a.contains("Program received signal SIGINT"), a);
            Matcher calls = Pattern.compile("\\$2 = (\\d+)\\s[\\s\\S]*\\$3 = (\\d+)").matcher(a);
            assertTrue(calls.find(), a);
            assertEquals(calls.group(1), calls.group(2), "the guest did not move: " + a);
            assertTrue(a.contains("[Inferior 1 (Remote target) detached]"), a);
            // the MIPS debugger was never stopped by the A7's events; its own Ctrl-C stops it
            // once the A7 debugger has gone and the machine ran on for it alone
            assertFalse(mips.contains("Breakpoint"), mips);
            assertTrue(mips.contains("Program received signal SIGINT"), mips);
            Matcher pcs = Pattern.compile("\\$\\d+ = \\(void \\(\\*\\)\\(\\)\\) 0x([0-9a-f]+)").matcher(mips);
            for (int k = 0; k < 2; k++) {
                assertTrue(pcs.find(), mips);
                long pc = Long.parseLong(pcs.group(1), 16);
                assertTrue(pc >= 0xbfc00000L && pc < 0xbfc10000L, "in the MIPS boot memory: " + mips);
            }
            assertTrue(mips.contains("[Inferior 1 (Remote target) detached]"), mips);
            assertTrue(stderr.toString().contains("the machine waits for the debugger of cores"), stderr.toString());
        } finally {
            GdbTool.stop(emu.process());
        }
    }

    @Test
    void aCoreTypeTheMachineLacksIsAOneLineError() throws Exception {
        CliTest.Run r = CliTest.run("run", "--machine-file", board.toString(), "--kernel", elf.toString(), "--gdb", "m4=0");
        CliTest.assertOneLineError(r, "has no m4 cores (core types: cortex-a7, mips-24kc)");
        r = CliTest.run("run", "--machine-file", board.toString(), "--kernel", elf.toString(), "--gdb", "0", "--gdb", "cortex-a7=0");
        CliTest.assertOneLineError(r, "the cortex-a7 cores are given two ports");
    }

    private interface Call {
        String get() throws Exception;
    }

    private static String call(Call c) {
        try {
            return c.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
