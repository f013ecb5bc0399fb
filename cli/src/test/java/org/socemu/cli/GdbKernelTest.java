package org.socemu.cli;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.socemu.core.machine.DefaultImages;

/**
 * The README's kernel debugging workflows, on real kernels: symbols from a System.map (or a
 * guest's /proc/kallsyms) through tools/symbols-elf, and a vmlinux with DWARF. On the AR9331,
 * the kernel the images scripts build (its System.map, then its vmlinux); on the i.MX7D,
 * Debian's armmp kernel, whose package holds no symbols: they come from the running guest's
 * /proc/kallsyms. Skipped without the images, except under CI (CI=true), where they were fetched.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class GdbKernelTest {
    private static final Path TOOL = Path.of(System.getProperty("user.dir")).getParent().resolve("tools/symbols-elf");

    @TempDir
    Path dir;

    private static void assumeImages(Path... files) {
        boolean present = true;
        for (Path f : files) present &= Files.isRegularFile(f);
        if (!present && "true".equals(System.getenv("CI"))) fail("CI without the images in " + DefaultImages.cacheDir());
        assumeTrue(present, "images not in " + DefaultImages.cacheDir() + " (images/get --all)");
        assumeTrue(GdbTool.runs(GdbTool.GDB, "--version"), "gdb-multiarch missing (Debian package gdb-multiarch)");
    }

    /** tools/symbols-elf ARCH MAP OUT: the ELF of the map's symbols. */
    private Path symbolsElf(String arch, Path map) throws IOException {
        assumeTrue(Files.isExecutable(TOOL), TOOL + " not found");
        Path out = dir.resolve(map.getFileName() + ".elf");
        GdbTool.Result r = GdbTool.exec(List.of(TOOL.toString(), arch, map.toString(), out.toString()), 60, -1);
        assertEquals(0, r.code(), r.out());
        return out;
    }

    @Test
    void ar9331KernelFromItsSystemMapThenItsVmlinux() throws Exception {
        Path images = DefaultImages.cacheDir().resolve("ar9331");
        Path vmlinux = images.resolve("vmlinux"), dtb = images.resolve("ar9331_dpt_module-socemu.dtb");
        assumeImages(vmlinux, dtb);
        assumeTrue(GdbTool.runs("mips-linux-gnu-nm", "--version"), "mips-linux-gnu binutils missing");
        // a System.map is `nm -n vmlinux`, as the kernel build writes it
        GdbTool.Result nm = GdbTool.exec(List.of("mips-linux-gnu-nm", "-n", vmlinux.toString()), 60, -1);
        assertEquals(0, nm.code());
        Path map = Files.writeString(dir.resolve("System.map"), nm.out());
        Path syms = symbolsElf("mips", map);
        GdbTool.Emu emu = GdbTool.startEmulator(dir, "ar9331-dpt-module", "--kernel", vmlinux.toString(), "--dtb", dtb.toString());
        try {
            String out = GdbTool.gdb(dir, null, List.of("symbol-file " + syms), GdbTool.port(emu.process()), -1,
                    "break start_kernel",
                    "continue",
                    "bt 1",
                    "print *(unsigned int *) &jiffies",
                    "delete",
                    "symbol-file " + vmlinux,
                    "info symbol $pc",
                    "print/x &init_task",
                    "detach");
            // GDB breaks after the prologue of a function it has no line information for
            assertTrue(Pattern.compile("Breakpoint 1, 0x[0-9a-f]+ in start_kernel \\(\\)").matcher(out).find(), out);
            assertTrue(Pattern.compile("#0 +0x[0-9a-f]+ in start_kernel \\(\\)").matcher(out).find(), "the pc named from the map: " + out);
            assertTrue(Pattern.compile("\\$1 = \\d+").matcher(out).find(), "a variable read through its address: " + out);
            // the vmlinux's own symbol table (this build has no DWARF: CONFIG_DEBUG_INFO is off)
            assertTrue(Pattern.compile("start_kernel \\+ \\d+ in section \\.init\\.text").matcher(out).find(), out);
            assertTrue(out.contains(String.format("$2 = 0x%x", symbol(nm.out(), "init_task"))), out);
            assertTrue(out.contains("[Inferior 1 (Remote target) detached]"), out);
        } finally {
            GdbTool.stop(emu.process());
        }
    }

    @Test
    void debianKernelOnTheImx7dWithSymbolsFromKallsyms() throws Exception {
        Path cache = DefaultImages.cacheDir();
        Path zImage = cache.resolve("debian-armhf/linux-image-armmp/zImage");
        Path dtb = cache.resolve("debian-armhf/linux-image-armmp/dtbs/imx7d-sdb.dtb");
        Path initrd = cache.resolve("initramfs-armhf/initramfs.cpio.gz");
        assumeImages(zImage, dtb, initrd);
        GdbTool.Emu emu = GdbTool.startRun(dir, List.of("imx7d-sdb", "--kernel", zImage.toString(), "--dtb", dtb.toString(),
                "--initrd", initrd.toString(), "--append", "console=ttymxc0,115200", "--gdb", "0"));
        Console console = new Console(emu);
        try {
            int port = GdbTool.port(emu.process());
            console.expect("socemu:/# ", 240);
            // the guest's own symbol table (Debian's kernel has no KALLSYMS_ALL: functions only)
            console.send("grep -m1 -w ksys_sync /proc/kallsyms");
            console.expect("[0-9a-f]{8} [tT] ksys_sync", 240);
            // as the README does it: the whole console log, boot messages, prompts and all
            Path map = Files.copy(emu.console(), dir.resolve("console.log"));
            Path syms = symbolsElf("arm", map);
            // the shell runs sync(2) while GDB waits at its breakpoint
            CompletableFuture<Void> sync = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(4000);
                    console.send("sync");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            String out = GdbTool.gdb(dir, null, List.of("symbol-file " + syms), port, -1,
                    "info threads",
                    "break ksys_sync",
                    "continue",
                    "bt 1",
                    "x/2i $pc",
                    "print/x $sctlr & 1",
                    "delete",
                    "detach");
            sync.get(30, TimeUnit.SECONDS);
            assertTrue(Pattern.compile("hit Breakpoint 1, 0x[0-9a-f]+ in ksys_sync \\(\\)").matcher(out).find(), out);
            assertTrue(out.contains("\"a7.0\"") && out.contains("\"a7.1\""), "both A7s run Linux: " + out);
            assertTrue(Pattern.compile("=> 0x[0-9a-f]+ <ksys_sync\\+\\d+>:\\s+\\S+").matcher(out).find(), "kernel code read through the MMU: " + out);
            assertTrue(out.contains("$1 = 0x1"), "the MMU is on: " + out);
            assertTrue(out.contains("[Inferior 1 (Remote target) detached]"), out);
            // detached, the guest goes on
            console.send("echo done-$((40+2))");
            console.expect("done-42", 120);
        } finally {
            GdbTool.stop(emu.process());
        }
    }

    /** A symbol's address in `nm` output. */
    private static long symbol(String nm, String name) {
        Matcher m = Pattern.compile("(?m)^([0-9a-f]+) \\S " + Pattern.quote(name) + "$").matcher(nm);
        assertTrue(m.find(), name);
        return Long.parseUnsignedLong(m.group(1), 16) & 0xffffffffL; // a 64-bit nm sign-extends kseg addresses
    }

    /** The guest console of a child `socemu run`: its stdout file, and its stdin. */
    private static final class Console {
        private final GdbTool.Emu emu;
        private final OutputStream in;

        Console(GdbTool.Emu emu) {
            this.emu = emu;
            this.in = emu.process().getOutputStream();
        }

        void send(String line) throws IOException {
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        /** Waits up to {@code seconds} for a console line matching {@code regex}; returns the match. */
        String expect(String regex, int seconds) throws Exception {
            Pattern p = Pattern.compile(regex);
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < deadline) {
                Matcher m = p.matcher(Files.readString(emu.console(), StandardCharsets.ISO_8859_1));
                if (m.find()) return m.group();
                if (!emu.process().isAlive()) break;
                Thread.sleep(200);
            }
            fail("no '" + regex + "' on the console; it ends with:\n" + tail(Files.readString(emu.console(), StandardCharsets.ISO_8859_1)));
            return null;
        }

        private static String tail(String s) {
            return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
        }
    }
}
