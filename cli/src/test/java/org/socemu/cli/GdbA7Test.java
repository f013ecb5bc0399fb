package org.socemu.cli;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GDB stub on the i.MX7D's Cortex-A7s, driven by the real gdb-multiarch in batch mode against
 * {@code socemu run imx7d-sdb --kernel target.elf --gdb 0 --wait-gdb} in a child JVM. The guest is
 * a bare-metal C program (src/test/resources/gdb/target_arm.c, A32 with one Thumb-2 function)
 * built here with arm-none-eabi-gcc, loaded by the imx-linux boot protocol as an ELF and started
 * on a7.0 (a7.1 stays off).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GdbA7Test {
    private static final String MACHINE = "imx7d-sdb";

    @TempDir
    static Path dir;
    static Path elf, dtb;

    @BeforeAll
    static void buildGuest() throws Exception {
        elf = GdbTool.armGuest(dir);
        dtb = GdbTool.emptyDtb(dir);
    }

    private static GdbTool.Emu start() throws Exception {
        return GdbTool.startEmulator(dir, MACHINE, "--kernel", elf.toString(), "--dtb", dtb.toString());
    }

    @Test
    void breakStepPrintWatchAndDetach() throws Exception {
        assumeTrue(GdbTool.runs(GdbTool.GDB, "--version"), "gdb-multiarch missing (Debian package gdb-multiarch)");
        long bump = symbol("bump");
        GdbTool.Emu emu = start();
        try {
            String out = GdbTool.gdb(dir, elf, GdbTool.port(emu.process()), -1,
                    "info registers pc",
                    "info threads",
                    "break bump",
                    "continue",
                    "print counter",
                    "stepi",
                    "info registers pc",
                    "print calls",
                    "print/x $sctlr",
                    "info registers d0",
                    "delete",
                    "watch counter",
                    "continue",
                    "continue",
                    "delete",
                    "rwatch calls",
                    "continue",
                    "delete",
                    "detach");
            assertTrue(out.contains(String.format("pc             0x%x", symbol("_start"))), "reset at the ELF entry: " + out);
            assertTrue(Pattern.compile("Thread 1 \\(Thread 1\\.1 \"a7\\.0\"\\)|\"a7\\.0\"").matcher(out).find(), "threads named after the cores: " + out);
            assertTrue(out.contains(String.format("Breakpoint 1 at 0x%x", bump)) || out.contains(String.format("Breakpoint 1 at 0x%x", bump + 4)), out);
            assertTrue(Pattern.compile("Breakpoint 1, (0x[0-9a-f]+ in )?bump \\(by=(by@entry=)?2\\) at .*target_arm\\.c:\\d+").matcher(out).find(), out);
            assertTrue(out.contains("$1 = 0"), "counter before the first bump: " + out);
            Matcher pcs = Pattern.compile("pc\\s+0x([0-9a-f]+)").matcher(out);
            assertTrue(pcs.find() && pcs.find(), out);
            long afterStep = Long.parseLong(pcs.group(1), 16);
            assertTrue(afterStep > bump && afterStep <= bump + 12, "stepi moves one instruction: " + out);
            assertTrue(out.contains("$3 = 0x"), "a CP15 register from the system feature: " + out);
            Matcher w = Pattern.compile("Hardware watchpoint 2: counter\\s+Old value = (-?\\d+)\\s+New value = (-?\\d+)").matcher(out);
            assertTrue(w.find(), out);
            assertEquals(Integer.parseInt(w.group(1)) + 2, Integer.parseInt(w.group(2)), out);
            assertTrue(w.find(), "second hit: " + out);
            assertEquals(Integer.parseInt(w.group(1)) + 2, Integer.parseInt(w.group(2)), out);
            assertTrue(Pattern.compile("Hardware read watchpoint 3: calls\\s+Value = \\d+").matcher(out).find(), out);
            assertTrue(out.contains("[Inferior 1 (Remote target) detached]"), out);
            assertTrue(emu.process().isAlive(), "the machine runs on after detach");
        } finally {
            GdbTool.stop(emu.process());
        }
        assertTrue(Files.readString(emu.console()).contains("gdb target ready"), "the guest's UART output");
    }

    @Test
    void thumbBreakpointsBankedRegistersAndFinish() throws Exception {
        assumeTrue(GdbTool.runs(GdbTool.GDB, "--version"), "gdb-multiarch missing (Debian package gdb-multiarch)");
        long bump = symbol("bump"), tbump = symbol("tbump") & ~1L; // a Thumb function's symbol has bit 0 set
        GdbTool.Emu emu = start();
        try {
            String out = GdbTool.gdb(dir, elf, GdbTool.port(emu.process()), -1,
                    "break tbump",
                    "break bump",
                    "set debug remote 1",
                    "continue",
                    "set debug remote 0",
                    "delete 2",
                    "continue",
                    "print/x $cpsr & 0x20",
                    "stepi",
                    "print/x $pc",
                    "print $sp == $sp_svc",
                    "info registers banked",
                    "x/2i $pc",
                    "finish",
                    "print tcalls",
                    "kill");
            // GDB inserts an ARM breakpoint (kind 4) and a Thumb-2 one (kind 3: tbump starts with a 32-bit movw)
            assertTrue(out.contains(String.format("$Z0,%x,4#", bump)), out);
            assertTrue(Pattern.compile(String.format("\\$Z0,%x,[23]#", tbump)).matcher(out).find(), out);
            assertTrue(Pattern.compile("Breakpoint 1, tbump \\(by=(by@entry=)?1\\)").matcher(out).find(), out);
            assertTrue(out.contains("$1 = 0x20"), "stopped in Thumb state: " + out);
            assertTrue(out.contains(String.format("$2 = 0x%x", tbump + 4)), "stepi over the 32-bit movw: " + out);
            assertTrue(out.contains("$3 = 1"), "SVC mode: sp is sp_svc: " + out);
            assertTrue(Pattern.compile("(?m)^spsr_irq\\s+0x").matcher(out).find() && out.contains("r8_fiq"), out);
            assertTrue(Pattern.compile("=> 0x[0-9a-f]+ <tbump\\+4>:\\s+movt\\s+r3").matcher(out).find(), "Thumb disassembly from guest memory: " + out);
            assertTrue(out.contains("Value returned is $4 = 3"), "finish back into ARM code: " + out);
            assertTrue(out.contains("$5 = 1"), out);
            assertTrue(emu.process().waitFor(30, TimeUnit.SECONDS), "kill ends the emulator");
        } finally {
            GdbTool.stop(emu.process());
        }
    }

    @Test
    void interruptARunningGuest() throws Exception {
        assumeTrue(GdbTool.runs(GdbTool.GDB, "--version"), "gdb-multiarch missing (Debian package gdb-multiarch)");
        GdbTool.Emu emu = start();
        try {
            String out = GdbTool.gdb(dir, elf, GdbTool.port(emu.process()), 3000,
                    "continue",
                    "print calls",
                    "print counter == 2 * calls || counter == 2 * calls + 2",
                    "kill");
            assertTrue(out.contains("received signal SIGINT, Interrupt."), out);
            Matcher calls = Pattern.compile("\\$1 = (\\d+)").matcher(out);
            assertTrue(calls.find(), out);
            assertTrue(Long.parseLong(calls.group(1)) > 1000, "the guest ran before the interrupt: " + out);
            assertTrue(out.contains("$2 = 1"), "counter and calls agree: " + out);
            assertTrue(out.contains("[Inferior 1 (Remote target) killed]"), out);
            assertTrue(emu.process().waitFor(30, TimeUnit.SECONDS), "kill ends the emulator");
        } finally {
            GdbTool.stop(emu.process());
        }
    }

    private static long symbol(String name) {
        return GdbTool.symbol(elf, name);
    }
}
