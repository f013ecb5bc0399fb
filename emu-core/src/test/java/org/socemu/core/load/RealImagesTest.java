package org.socemu.core.load;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.socemu.core.UserError;
import org.socemu.core.mem.BusView;
import org.socemu.core.mem.Endian;
import org.socemu.core.mem.Ram;

/**
 * The loaders on the real images the project boots (Debian's armmp zImage and i.MX7D DTBs), from
 * the image cache ${SOCEMU_IMAGES:-~/.cache/socemu/images} filled by images/get. Skipped when the
 * images have not been fetched.
 */
@Timeout(120)
class RealImagesTest {
    static Path cache() {
        String env = System.getenv("SOCEMU_IMAGES");
        return env != null && !env.isEmpty() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "socemu", "images");
    }

    static Path armmp(String file) {
        Path p = cache().resolve("debian-armhf/linux-image-armmp").resolve(file);
        assumeTrue(Files.exists(p), p + " not fetched; skipping");
        return p;
    }

    @TempDir Path dir;

    /** Debian's busybox-static (armhf): a stripped ELF32 ARM executable, checked against readelf. */
    @Test
    void debianBusyboxElfMatchesReadelf() throws Exception {
        Path file = cache().resolve("debian-armhf/busybox-static/busybox");
        assumeTrue(Files.exists(file), file + " not fetched; skipping");
        ExternalTool.assumeOnPath("arm-linux-gnueabihf-readelf");
        ElfFile elf = ElfFile.read(file);
        elf.requireMachine(ElfFile.EM_ARM, Endian.LITTLE, "imx7d-sdb");
        assertEquals(0, elf.symbols().size(), "stripped");

        String headers = ExternalTool.run(dir, "arm-linux-gnueabihf-readelf", "-hlW", file.toString());
        Matcher entry = Pattern.compile("Entry point address:\\s+0x([0-9a-f]+)").matcher(headers);
        assertTrue(entry.find());
        assertEquals(Long.parseLong(entry.group(1), 16), elf.entry());
        // "  LOAD  0x000000 0x00010000 0x00010000 0x134088 0x134088 R E 0x1000"
        Pattern row = Pattern.compile(
                "^\\s+(LOAD)\\s+0x(\\p{XDigit}+) 0x(\\p{XDigit}+) 0x(\\p{XDigit}+) 0x(\\p{XDigit}+) 0x(\\p{XDigit}+) (...) 0x(\\p{XDigit}+)$",
                Pattern.MULTILINE);
        Matcher m = row.matcher(headers);
        List<ElfSegment> load = elf.loadSegments();
        int i = 0;
        while (m.find()) {
            ElfSegment s = load.get(i++);
            assertEquals(Long.parseLong(m.group(2), 16), s.offset());
            assertEquals(Long.parseLong(m.group(3), 16), s.vaddr());
            assertEquals(Long.parseLong(m.group(4), 16), s.paddr());
            assertEquals(Long.parseLong(m.group(5), 16), s.filesz());
            assertEquals(Long.parseLong(m.group(6), 16), s.memsz());
            assertEquals(m.group(7).replace(' ', '-').replace('E', 'X'), s.flagString());
        }
        assertEquals(load.size(), i, headers);
        assertTrue(i >= 2);

        String sections = ExternalTool.run(dir, "arm-linux-gnueabihf-readelf", "-SW", file.toString());
        for (ElfSection sec : elf.sections())
            if (!sec.name().isEmpty()) assertTrue(sections.contains(" " + sec.name() + " "), sec.name());

        Ram ram = new Ram("ddr", 64 << 20, Endian.LITTLE);
        BusView v = new BusView("a7", Endian.LITTLE).map(0, ram);
        List<AddressRange> where = elf.load(v, LongUnaryOperator.identity());
        assertEquals(load.size(), where.size());
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(Arrays.copyOfRange(bytes, 0, 0x100), v.dump(load.get(0).paddr(), 0x100));
    }

    @Test
    void debianArmmpZImage() {
        Path file = armmp("zImage");
        ZImage z = ZImage.read(file);
        assertEquals(Endian.LITTLE, z.endian());
        assertTrue(z.positionIndependent());
        assertEquals(Files.exists(file) ? file.toFile().length() : -1, z.size(), "no appended DTB");
        assertNull(z.appendedDtb());
        assertTrue(z.decompressedSize() > 2 * z.size() && z.decompressedSize() < 64 << 20,
                "decompressed size " + z.decompressedSize());
        assertTrue(z.bssSize() > 0 && z.bssSize() < 16 << 20, "bss " + z.bssSize());
        assertTrue(z.textOffset() >= 0x8000 && (z.textOffset() & 0xfff) == 0, "TEXT_OFFSET " + z.textOffset());
        z.requireEndian(Endian.LITTLE, "imx7d-sdb");
        assertThrows(UserError.class, () -> ElfFile.read(file), "a zImage is not an ELF");
        assertThrows(UserError.class, () -> UImage.read(file), "nor a uImage");

        Ram ddr = new Ram("ddr", 1L << 30, Endian.LITTLE);
        BusView v = new BusView("a7", Endian.LITTLE).map(0x80000000L, ddr);
        AddressRange r = z.load(v, 0x80008000L);
        assertEquals(z.size(), r.size());
        assertEquals(ZImage.MAGIC, v.read(0x80008024L, 4));

        byte[] image = z.unpack();
        assertNotNull(image, "Debian's XZ zImage unpacks on the host");
        assertEquals(z.decompressedSize(), image.length);
        // The ARM Image starts in head.S; its magic words sit at 0x24 like a zImage's (0x016F2818 is zImage only).
        assertNotEquals(ZImage.MAGIC, (image[0x24] & 0xff) | (image[0x25] & 0xff) << 8 | (image[0x26] & 0xff) << 16 | (image[0x27] & 0xff) << 24);
    }

    /** The AR9331 kernel built by images/ar9331 (a big-endian MIPS vmlinux), checked against nm. */
    @Test
    void ar9331Vmlinux() throws Exception {
        Path file = cache().resolve("ar9331/vmlinux");
        assumeTrue(Files.exists(file), file + " not built; skipping");
        ElfFile elf = ElfFile.read(file);
        elf.requireMachine(ElfFile.EM_MIPS, Endian.BIG, "ar9331-dpt-module");
        UserError wrong = assertThrows(UserError.class, () -> elf.requireMachine(ElfFile.EM_MIPS, Endian.LITTLE, "malta-le"));
        assertEquals(file + ": ELF is big-endian MIPS but machine malta-le is little-endian", wrong.getMessage());
        SymbolTable st = elf.symbols();
        assertEquals("kernel_entry", st.describe(elf.entry()));
        assertEquals("start_kernel+0x8", st.describe(st.get("start_kernel").address() + 8));

        if (ExternalTool.onPath("mips-linux-gnu-nm")) {
            int checked = 0;
            for (String line : ExternalTool.lines(ExternalTool.run(dir, "mips-linux-gnu-nm", file.toString()))) {
                String[] f = line.trim().split("\\s+");
                // Global symbols only: a local name (a static function) may exist in many files.
                if (f.length != 3 || !Character.isUpperCase(f[1].charAt(0)) || f[1].equals("U")) continue;
                ElfSymbol sym = st.get(f[2]);
                assertNotNull(sym, f[2]);
                assertEquals(Long.parseUnsignedLong(f[0], 16) & 0xffffffffL, sym.address(), f[2]);
                checked++;
            }
            assertTrue(checked > 1000, checked + " global symbols");
        }

        Ram ram = new Ram("ddr", 64 << 20, Endian.BIG);
        BusView v = new BusView("system", Endian.BIG).map(0, ram);
        List<AddressRange> where = elf.load(v, ElfFile.MIPS_KSEG_TO_PHYSICAL);
        long end = ElfFile.MIPS_KSEG_TO_PHYSICAL.applyAsLong(st.get("_end").address());
        assertTrue(where.stream().anyMatch(r -> r.end() >= end), "bss up to _end loaded: " + where);
        byte[] bytes = Files.readAllBytes(file);
        ElfSegment first = elf.loadSegments().get(0);
        assertArrayEquals(Arrays.copyOfRange(bytes, (int) first.offset(), (int) first.offset() + 0x1000),
                v.dump(ElfFile.MIPS_KSEG_TO_PHYSICAL.applyAsLong(first.paddr()), 0x1000));
    }

    /** Every DTB in the AR9331 image cache is written back byte for byte. */
    @Test
    void ar9331Dtbs() throws Exception {
        Path d = cache().resolve("ar9331");
        assumeTrue(Files.isDirectory(d), d + " not built; skipping");
        List<Path> files;
        try (Stream<Path> s = Files.walk(d, 2)) {
            files = s.filter(p -> p.toString().endsWith(".dtb")).sorted().toList();
        }
        assumeTrue(!files.isEmpty(), "no AR9331 DTBs built yet");
        for (Path f : files) {
            byte[] original = Files.readAllBytes(f);
            Fdt fdt = Fdt.parse(f.toString(), original);
            assertEquals(1, fdt.findCompatible("qca,ar9330-uart").size(), f.toString());
            assertEquals(1, fdt.findCompatible("mips,mips24Kc").size(), f.toString());
            assertArrayEquals(original, fdt.toBytes(), f.toString());
        }
    }

    @Test
    void imx7dSdbDtb() throws Exception {
        Fdt fdt = Fdt.read(armmp("dtbs/imx7d-sdb.dtb"));
        assertTrue(fdt.root().isCompatible("fsl,imx7d-sdb"), fdt.root().strings("compatible").toString());
        assertTrue(fdt.root().isCompatible("fsl,imx7d"));
        assertEquals(1, fdt.root().addressCells());
        FdtNode mem = fdt.requireNode("/memory");
        assertEquals("memory", mem.string("device_type"));
        assertArrayEquals(new long[] {0x80000000L, 0x80000000L}, mem.reg("reg", 1, 1), "the stock DT says 2 GiB");
        FdtNode uart1 = fdt.node("serial0");
        assertNotNull(uart1, "alias serial0");
        assertTrue(uart1.isCompatible("fsl,imx7d-uart"));
        assertEquals("30860000", uart1.unitAddress());
        assertNotNull(fdt.requireNode("/chosen").string("stdout-path"));
        assertEquals(2, fdt.findCompatible("arm,cortex-a7").size(), "two A7 cores");
        FdtNode gic = fdt.findCompatible("arm,cortex-a7-gic").get(0);
        assertSame(gic, fdt.byPhandle(gic.phandle()));

        // The fix-ups a firmware-less boot makes, then the round trip.
        LinuxBoot.setMemory(fdt, 0x80000000L, 0x40000000L, 1, 1);
        LinuxBoot.patchChosen(fdt, "console=ttymxc0,115200 earlycon rdinit=/init", 0x88000000L, 0x88400000L, null);
        LinuxBoot.addPsci(fdt, "smc");
        Fdt back = Fdt.parse("fixed", fdt.toBytes());
        assertTrue(fdt.contentEquals(back));
        assertArrayEquals(new long[] {0x80000000L, 0x40000000L}, back.requireNode("/memory").reg("reg", 1, 1));
        assertEquals(1, back.root().children().stream().filter(c -> c.baseName().equals("memory")).count());
    }

    @Test
    void everyImx7dDtbIsWrittenBackByteForByte() throws Exception {
        Path dtbs = armmp("dtbs");
        List<Path> files;
        try (Stream<Path> s = Files.list(dtbs)) {
            files = s.filter(p -> p.toString().endsWith(".dtb")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        boolean dtc = ExternalTool.onPath("dtc");
        for (Path f : files) {
            byte[] original = Files.readAllBytes(f);
            Fdt fdt = Fdt.parse(f.getFileName().toString(), original);
            byte[] ours = fdt.toBytes();
            assertTrue(fdt.contentEquals(Fdt.parse("again", ours)), f.toString());
            assertArrayEquals(original, ours, "byte for byte what dtc wrote: " + f);
            if (dtc) {
                Path mine = dir.resolve("ours.dtb");
                Files.write(mine, ours);
                assertEquals(ExternalTool.run(dir, "dtc", "-q", "-I", "dtb", "-O", "dts", f.toString()),
                        ExternalTool.run(dir, "dtc", "-q", "-I", "dtb", "-O", "dts", mine.toString()), f.toString());
            }
        }
    }
}
