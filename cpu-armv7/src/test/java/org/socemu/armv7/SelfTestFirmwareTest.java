package org.socemu.armv7;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socemu.core.load.ElfFile;

/**
 * The bare-metal self-test (src/test/firmware/selftest), built at test time with Debian's
 * gcc-arm-none-eabi: it turns the MMU on and takes and returns from every exception type,
 * checking the banked LR, SPSR, and fault status and address registers; it reports in RAM.
 */
@Timeout(120)
class SelfTestFirmwareTest {
    private static final Path SOURCES = Paths.get("src", "test", "firmware", "selftest");
    private static final String GCC = "arm-none-eabi-gcc";
    private static final long OUT = 0x00F00000L;

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            if (Files.isExecutable(Paths.get(dir, tool))) return true;
        return false;
    }

    static Path build() throws IOException, InterruptedException {
        assumeTrue(onPath(GCC), GCC + " not installed (Debian gcc-arm-none-eabi)");
        Path dir = Paths.get("target", "a7-selftest").toAbsolutePath();
        Files.createDirectories(dir);
        Path elf = dir.resolve("selftest.elf");
        Process p = new ProcessBuilder(GCC, "-march=armv7-a", "-marm", "-O2", "-ffreestanding", "-nostdlib",
                "-fno-builtin", "-Wall", "-T", SOURCES.resolve("link.ld").toAbsolutePath().toString(),
                "-o", elf.toString(), SOURCES.resolve("start.S").toAbsolutePath().toString(),
                SOURCES.resolve("selftest.c").toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "gcc failed:\n" + log);
        return elf;
    }

    @Test
    void selfTestPasses() throws Exception {
        Path elf = build();
        TestBoard b = new TestBoard();
        ElfFile f = ElfFile.read(elf);
        f.load(b.view, ElfFile.AddressKind.PHYSICAL, a -> a);
        // The generic timers' outputs straight to the core's pins: physical -> IRQ, virtual -> FIQ.
        b.cpu.timer().physicalIrq().addListener(high -> b.cpu.input("irq").set(high));
        b.cpu.timer().virtualIrq().addListener(high -> b.cpu.input("fiq").set(high));
        b.cpu.reset();
        b.cpu.setPc((int) f.entry());
        b.scheduler.run(50_000_000_000L); // 50 ms of virtual time: the test needs well under 1
        StringBuilder out = new StringBuilder();
        for (long a = OUT; ; a++) {
            int c = b.view.read(a, 1) & 0xff;
            if (c == 0) break;
            out.append((char) c);
        }
        String text = out.toString();
        assertTrue(text.endsWith("PASS\n"), () -> "self-test said:\n" + text);
    }
}
