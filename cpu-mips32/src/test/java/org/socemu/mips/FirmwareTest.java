package org.socemu.mips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.socemu.core.mem.Endian;
import org.socemu.core.time.Clock;

/**
 * The bare-metal self-test (src/test/firmware/selftest: TLB refill, syscall, Count/Compare
 * interrupt, reporting over the test device), built at test time with mips-linux-gnu-gcc for both
 * byte orders into target/, and run from the reset state with the PC at its entry point.
 */
@Timeout(120)
class FirmwareTest {
    private static final Path SOURCES = Paths.get("src", "test", "firmware", "selftest");

    static Path build(Endian endian) throws IOException {
        Toolchain.assumeGcc();
        Path dir = Toolchain.workDir("selftest-" + endian.name().toLowerCase());
        Path elf = dir.resolve("selftest.elf");
        Toolchain.run(dir, Toolchain.PREFIX + "gcc", endian == Endian.BIG ? "-EB" : "-EL", "-march=24kc",
                "-mno-abicalls", "-fno-pic", "-G0", "-msoft-float", "-O2", "-ffreestanding", "-nostdlib",
                "-fno-builtin", "-Wall", "-static", "-no-pie", "-Wl,-Ttext=0x80010000", "-Wl,-e,_start", "-o", elf.toString(),
                SOURCES.resolve("start.S").toAbsolutePath().toString(),
                SOURCES.resolve("selftest.c").toAbsolutePath().toString());
        return elf;
    }

    @ParameterizedTest
    @EnumSource(Endian.class)
    void selfTestPasses(Endian endian) throws IOException {
        Path elf = build(endian);
        Bare m = new Bare(endian);
        m.cpu.reset();
        m.cpu.setPc(Elf32.load(Files.readAllBytes(elf), m.view));
        int code = m.runToExit(Clock.PS_PER_S);
        String out = m.dev.out.toString();
        assertTrue(out.endsWith("PASS\n"), () -> "firmware said: " + out);
        assertEquals(0, code, out);
    }
}
