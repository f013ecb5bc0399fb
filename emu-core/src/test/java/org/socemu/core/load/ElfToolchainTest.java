package org.socemu.core.load;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.socemu.core.mem.BusView;
import org.socemu.core.mem.Endian;
import org.socemu.core.mem.Ram;

/**
 * ELF files made by Debian's cross toolchains, checked against binutils' own view of them
 * (nm, readelf). Skipped when the toolchain is not installed.
 */
@Timeout(120)
class ElfToolchainTest {
    static final String C_SOURCE = """
            int counter = 0x11223344;
            char buffer[20000];
            __attribute__((noinline)) static int twice(int x) { return x * 2; }
            void __start(void) {
                counter = twice(counter);
                buffer[100] = 1;
                for (;;) ;
            }
            """;

    @TempDir Path dir;

    @Test
    void mipsBigEndianKernelStyleElf() throws Exception {
        ExternalTool.assumeOnPath("mips-linux-gnu-gcc");
        ExternalTool.assumeOnPath("mips-linux-gnu-nm");
        Files.writeString(dir.resolve("k.c"), C_SOURCE);
        ExternalTool.run(dir, "mips-linux-gnu-gcc", "-EB", "-march=mips32r2", "-O1", "-fno-pic", "-mno-abicalls",
                "-nostdlib", "-static", "-Wl,-Ttext=0x80060000", "-Wl,--build-id=none", "-o", "k.elf", "k.c");
        ElfFile elf = ElfFile.read(dir.resolve("k.elf"));
        assertEquals(Endian.BIG, elf.endian());
        assertEquals(ElfFile.EM_MIPS, elf.machine());
        elf.requireMachine(ElfFile.EM_MIPS, Endian.BIG, "ar9331-dpt-module");
        checkSymbolsAgainstNm(elf, ExternalTool.run(dir, "mips-linux-gnu-nm", "k.elf"));
        assertEquals(elf.symbols().get("__start").value(), elf.entry());
        assertEquals("twice", elf.symbols().describe(elf.symbols().get("twice").address()));

        Ram ram = new Ram("ddr", 64 << 20, Endian.BIG);
        BusView v = new BusView("system", Endian.BIG).map(0, ram);
        List<AddressRange> where = elf.load(v, ElfFile.MIPS_KSEG_TO_PHYSICAL);
        assertFalse(where.isEmpty());
        long counter = ElfFile.MIPS_KSEG_TO_PHYSICAL.applyAsLong(elf.symbols().get("counter").address());
        assertEquals(0x11223344, v.read(counter, 4));
        long buffer = ElfFile.MIPS_KSEG_TO_PHYSICAL.applyAsLong(elf.symbols().get("buffer").address());
        assertTrue(where.stream().anyMatch(r -> r.contains(buffer + 19999)), "bss covered by a loaded range: " + where);
    }

    @Test
    void armThumbFirmwareElf() throws Exception {
        ExternalTool.assumeOnPath("arm-none-eabi-gcc");
        ExternalTool.assumeOnPath("arm-none-eabi-nm");
        Files.writeString(dir.resolve("fw.c"), C_SOURCE);
        ExternalTool.run(dir, "arm-none-eabi-gcc", "-mcpu=cortex-m4", "-mthumb", "-O1", "-nostdlib", "-static",
                "-Wl,-Ttext=0x1fff8000", "-Wl,-Tdata=0x20000000", "-Wl,-e,__start", "-o", "fw.elf", "fw.c");
        ElfFile elf = ElfFile.read(dir.resolve("fw.elf"));
        assertEquals(Endian.LITTLE, elf.endian());
        elf.requireMachine(ElfFile.EM_ARM, Endian.LITTLE, "imx7d-sdb");
        checkSymbolsAgainstNm(elf, ExternalTool.run(dir, "arm-none-eabi-nm", "fw.elf"));
        ElfSymbol start = elf.symbols().get("__start");
        assertEquals(1, start.value() & 1, "Thumb function values have bit 0 set");
        assertEquals(start.value() - 1, start.address());
        assertEquals("__start+0x2", elf.symbols().describe(start.address() + 2));

        Ram tcm = new Ram("tcm", 0x10000, Endian.LITTLE);
        BusView v = new BusView("m4", Endian.LITTLE).map(0x1fff8000L, tcm);
        elf.load(v, LongUnaryOperator.identity());
        assertEquals(0x11223344, v.read(elf.symbols().get("counter").address(), 4));
    }

    /**
     * Every symbol nm lists with an address must be in our table at that address (nm prints ARM
     * Thumb functions without their Thumb bit, and MIPS addresses sign-extended to 64 bits).
     */
    private static void checkSymbolsAgainstNm(ElfFile elf, String nm) {
        int checked = 0;
        for (String line : ExternalTool.lines(nm)) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 3) continue;  // undefined symbols have no address
            ElfSymbol s = elf.symbols().get(f[2]);
            assertNotNull(s, "nm lists " + f[2]);
            assertEquals(Long.parseUnsignedLong(f[0], 16) & 0xffffffffL, s.address(), f[2]);
            checked++;
        }
        assertTrue(checked >= 4, "nm listed " + checked + " symbols:\n" + nm);
    }
}
