package org.socemu.core.load;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socemu.core.UserError;
import org.socemu.core.mem.BusView;
import org.socemu.core.mem.Endian;
import org.socemu.core.mem.Ram;

@Timeout(20)
class ElfFileTest {
    static final byte[] TEXT = {0x3c, 0x08, (byte) 0x80, 0x06, 0x25, 0x08, 0x00, 0x10, 0x01, 0x00, 0x00, 0x08, 0, 0, 0, 0};
    static final byte[] DATA = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    /** A MIPS vmlinux in miniature: text and data+bss in KSEG0, loaded at physical 0x60000. */
    static byte[] mipsKernel() {
        ElfBuilder b = new ElfBuilder(Endian.BIG, ElfFile.EM_MIPS).entry(0x80060000L);
        int text = b.segment(0x80060000L, 0x80060000L, TEXT, TEXT.length, ElfSegment.PF_R | ElfSegment.PF_X, ".text");
        int data = b.segment(0x80061000L, 0x80061000L, DATA, 0x3000, ElfSegment.PF_R | ElfSegment.PF_W, ".data");
        b.symbol("kernel_entry", 0x80060000L, 8, ElfSymbol.STT_FUNC, ElfSymbol.STB_GLOBAL, text);
        b.symbol("helper", 0x80060008L, 8, ElfSymbol.STT_FUNC, ElfSymbol.STB_LOCAL, text);
        b.symbol("jiffies", 0x80061004L, 4, ElfSymbol.STT_OBJECT, ElfSymbol.STB_GLOBAL, data);
        b.symbol("__bss_start", 0x80061010L, 0, ElfSymbol.STT_NOTYPE, ElfSymbol.STB_GLOBAL, data);
        b.symbol("_end", 0x80064000L, 0, ElfSymbol.STT_NOTYPE, ElfSymbol.STB_GLOBAL, data);
        b.symbol("$d", 0x80061000L, 0, ElfSymbol.STT_NOTYPE, ElfSymbol.STB_LOCAL, data);
        b.symbol("CONST", 0x1234, 0, ElfSymbol.STT_NOTYPE, ElfSymbol.STB_GLOBAL, -1);
        return b.build();
    }

    static BusView view(Endian e, Ram ram) {
        return new BusView("system", e).map(0, ram);
    }

    @Test
    void parsesBigEndianMipsHeaderSegmentsAndSections() {
        ElfFile elf = ElfFile.parse("vmlinux", mipsKernel());
        assertEquals(Endian.BIG, elf.endian());
        assertEquals(ElfFile.EM_MIPS, elf.machine());
        assertEquals(ElfFile.ET_EXEC, elf.type());
        assertEquals(0x80060000L, elf.entry());
        List<ElfSegment> load = elf.loadSegments();
        assertEquals(2, load.size());
        ElfSegment d = load.get(1);
        assertEquals(0x80061000L, d.vaddr());
        assertEquals(0x80061000L, d.paddr());
        assertEquals(DATA.length, d.filesz());
        assertEquals(0x3000, d.memsz());
        assertEquals("RW-", d.flagString());
        assertEquals("R-X", load.get(0).flagString());
        assertArrayEquals(DATA, Arrays.copyOfRange(mipsKernel(), (int) d.offset(), (int) d.offset() + DATA.length));
        assertNotNull(elf.section(".symtab"));
        assertNotNull(elf.section(".data"));
        assertNull(elf.section(".nothere"));
        assertArrayEquals(TEXT, elf.sectionData(elf.section(".text")));
    }

    @Test
    void parsesLittleEndianArm() {
        ElfBuilder b = new ElfBuilder(Endian.LITTLE, ElfFile.EM_ARM).entry(0x80008000L);
        int t = b.segment(0xC0008000L, 0x80008000L, TEXT, TEXT.length, 5, ".text");
        b.symbol("thumb_fn", 0xC0008005L, 4, ElfSymbol.STT_FUNC, ElfSymbol.STB_GLOBAL, t);
        b.symbol("arm_data", 0xC0008001L, 1, ElfSymbol.STT_OBJECT, ElfSymbol.STB_GLOBAL, t);
        ElfFile elf = ElfFile.parse("zephyr.elf", b.build());
        assertEquals(Endian.LITTLE, elf.endian());
        assertEquals(ElfFile.EM_ARM, elf.machine());
        assertEquals(0x80008000L, elf.entry());
        ElfSegment s = elf.loadSegments().get(0);
        assertEquals(0xC0008000L, s.vaddr());
        assertEquals(0x80008000L, s.paddr());
        // The Thumb bit is part of the value but not of the address; data symbols keep bit 0.
        ElfSymbol fn = elf.symbols().get("thumb_fn");
        assertEquals(0xC0008005L, fn.value());
        assertEquals(0xC0008004L, fn.address());
        assertEquals("thumb_fn+0x2", elf.symbols().describe(0xC0008006L));
        assertEquals(0xC0008001L, elf.symbols().get("arm_data").address());
    }

    @Test
    void loadsSegmentsThroughKsegTranslationAndZeroesBss() {
        Ram ram = new Ram("ddr", 64 << 20, Endian.BIG);
        BusView v = view(Endian.BIG, ram);
        byte[] junk = new byte[0x4000];
        Arrays.fill(junk, (byte) 0xA5);
        v.load(0x60000, junk);  // stale memory: the bss must come out zero
        ElfFile elf = ElfFile.parse("vmlinux", mipsKernel());
        List<AddressRange> where = elf.load(v, ElfFile.MIPS_KSEG_TO_PHYSICAL);
        assertEquals(List.of(new AddressRange(0x60000, TEXT.length), new AddressRange(0x61000, 0x3000)), where);
        assertArrayEquals(TEXT, v.dump(0x60000, TEXT.length));
        assertArrayEquals(DATA, v.dump(0x61000, DATA.length));
        assertArrayEquals(new byte[0x3000 - DATA.length], v.dump(0x61000 + DATA.length, 0x3000 - DATA.length));
        assertEquals(0xA5, v.peek(0x60000 + TEXT.length, 1), "bytes between segments are not touched");
        assertEquals(0x3c088006, v.read(0x60000, 4), "big-endian words as the file has them");
    }

    @Test
    void bssOnUntouchedRamAllocatesNoPages() {
        ElfBuilder b = new ElfBuilder(Endian.BIG, ElfFile.EM_MIPS).entry(0x80100000L);
        b.segment(0x80100000L, 0x80100000L, TEXT, 16L << 20, 7, ".text");
        Ram ram = new Ram("ddr", 64 << 20, Endian.BIG);
        ElfFile.parse("big-bss", b.build()).load(view(Endian.BIG, ram), ElfFile.MIPS_KSEG_TO_PHYSICAL);
        assertEquals(1, ram.allocatedPages(), "16 MiB of bss must not allocate 4096 pages");
        assertArrayEquals(TEXT, ram.ram().pageForRead(0x100) == null ? null : Arrays.copyOf(ram.pageForRead(0x100), 16));
    }

    @Test
    void loadsByVirtualAddressWhenAsked() {
        ElfBuilder b = new ElfBuilder(Endian.LITTLE, ElfFile.EM_ARM).entry(0x1000);
        b.segment(0x2000, 0x9000, DATA, DATA.length, 6, ".data");
        Ram ram = new Ram("sram", 0x10000, Endian.LITTLE);
        BusView v = view(Endian.LITTLE, ram);
        ElfFile elf = ElfFile.parse("m4.elf", b.build());
        assertEquals(List.of(new AddressRange(0x2000, DATA.length)),
                elf.load(v, ElfFile.AddressKind.VIRTUAL, LongUnaryOperator.identity()));
        assertArrayEquals(DATA, v.dump(0x2000, DATA.length));
        elf.load(v, LongUnaryOperator.identity());
        assertArrayEquals(DATA, v.dump(0x9000, DATA.length), "physical by default");
    }

    @Test
    void ksegTranslation() {
        LongUnaryOperator t = ElfFile.MIPS_KSEG_TO_PHYSICAL;
        assertEquals(0x00060000L, t.applyAsLong(0x80060000L));
        assertEquals(0x1FC00000L, t.applyAsLong(0xBFC00000L));
        assertEquals(0x00400000L, t.applyAsLong(0x00400000L), "KUSEG is left alone");
        assertEquals(0xC0000000L, t.applyAsLong(0xC0000000L), "KSEG2 is left alone");
    }

    @Test
    void symbolLookupByNameAndAddress() {
        SymbolTable st = ElfFile.parse("vmlinux", mipsKernel()).symbols();
        assertEquals(0x80061004L, st.get("jiffies").value());
        assertEquals(4, st.get("jiffies").size());
        assertEquals(ElfSymbol.STT_OBJECT, st.get("jiffies").type());
        assertEquals(ElfSymbol.STT_FUNC, st.get("helper").type());
        assertEquals(ElfSymbol.STB_LOCAL, st.get("helper").bind());
        assertNull(st.get("nothere"));
        assertEquals("kernel_entry", st.describe(0x80060000L));
        assertEquals("kernel_entry+0x4", st.describe(0x80060004L));
        assertEquals("helper+0x7", st.describe(0x8006000FL));
        assertEquals("jiffies+0x3", st.describe(0x80061007L));
        // After jiffies ends, the nearest sizeless label is __bss_start.
        assertEquals("__bss_start+0x10", st.describe(0x80061020L));
        assertNull(st.describe(0x80000000L), "below every symbol");
        assertEquals("0x80000000", st.describeOrHex(0x80000000L));
        // Mapping symbols ($d) and absolute symbols never name an address.
        assertNotEquals("$d", st.describe(0x80061000L));
        assertNull(st.describe(0x1234));
        assertEquals(0x1234, st.get("CONST").value());
    }

    @Test
    void globalWinsOverLocalOfTheSameName() {
        ElfBuilder b = new ElfBuilder(Endian.LITTLE, ElfFile.EM_ARM).entry(0);
        int t = b.segment(0x1000, 0x1000, TEXT, TEXT.length, 5, ".text");
        b.symbol("dup", 0x1000, 4, ElfSymbol.STT_FUNC, ElfSymbol.STB_LOCAL, t);
        b.symbol("dup", 0x1008, 4, ElfSymbol.STT_FUNC, ElfSymbol.STB_GLOBAL, t);
        assertEquals(0x1008, ElfFile.parse("a.elf", b.build()).symbols().get("dup").value());
    }

    @Test
    void requireMachineNamesFileEndiannessAndMachine() {
        ElfBuilder le = new ElfBuilder(Endian.LITTLE, ElfFile.EM_MIPS).entry(0x80060000L);
        le.segment(0x80060000L, 0x80060000L, TEXT, 16, 5, ".text");
        ElfFile elf = ElfFile.parse("vmlinux", le.build());
        UserError e = assertThrows(UserError.class,
                () -> elf.requireMachine(ElfFile.EM_MIPS, Endian.BIG, "ar9331-dpt-module"));
        assertEquals("vmlinux: ELF is little-endian MIPS but machine ar9331-dpt-module is big-endian", e.getMessage());
        e = assertThrows(UserError.class, () -> elf.requireMachine(ElfFile.EM_ARM, Endian.LITTLE, "imx7d-sdb"));
        assertEquals("vmlinux: ELF is little-endian MIPS but machine imx7d-sdb is little-endian ARM", e.getMessage());
        elf.requireMachine(ElfFile.EM_MIPS, Endian.LITTLE, "malta-le");  // matches: no error
        ElfFile.parse("vmlinux", mipsKernel()).requireMachine(ElfFile.EM_MIPS, Endian.BIG, "ar9331-dpt-module");
    }

    @Test
    void badMagicAndWrongClass() {
        assertEquals("Image: not an ELF file (bad magic: 00 00 a0 e1, expected 7f 45 4c 46)",
                assertThrows(UserError.class, () -> ElfFile.parse("Image", new byte[] {0, 0, (byte) 0xa0, (byte) 0xe1, 0})).getMessage());
        assertEquals("empty: not an ELF file (bad magic: 0 bytes, expected 7f 45 4c 46)",
                assertThrows(UserError.class, () -> ElfFile.parse("empty", new byte[0])).getMessage());
        byte[] elf64 = mipsKernel();
        elf64[4] = 2;
        assertTrue(assertThrows(UserError.class, () -> ElfFile.parse("vmlinux64", elf64)).getMessage()
                .startsWith("vmlinux64: is a 64-bit ELF"));
        byte[] badData = mipsKernel();
        badData[5] = 3;
        assertEquals("x: invalid ELF data encoding 3", assertThrows(UserError.class, () -> ElfFile.parse("x", badData)).getMessage());
    }

    @Test
    void truncatedHeader() {
        byte[] elf = Arrays.copyOf(mipsKernel(), 40);
        assertEquals("vmlinux: truncated ELF header: needs bytes 0x0..0x34, the file has 0x28",
                assertThrows(UserError.class, () -> ElfFile.parse("vmlinux", elf)).getMessage());
    }

    @Test
    void segmentPastEndOfFile() {
        byte[] full = mipsKernel();
        ElfFile ok = ElfFile.parse("vmlinux", full);
        ElfSegment text = ok.loadSegments().get(0);
        // Make the text segment claim more file bytes than the file has.
        byte[] bad = full.clone();
        int filesz = 52 + 16;
        putBe32(bad, filesz, full.length);
        putBe32(bad, filesz + 4, full.length + 16);
        UserError e = assertThrows(UserError.class, () -> ElfFile.parse("vmlinux", bad));
        assertEquals(String.format("vmlinux: segment 0 extends past the end of the file: bytes 0x%x..0x%x, the file has 0x%x",
                text.offset(), text.offset() + full.length, full.length), e.getMessage());
    }

    @Test
    void fileSizeLargerThanMemorySize() {
        byte[] bad = mipsKernel();
        putBe32(bad, 52 + 20, 4);  // memsz 4 < filesz 16
        assertTrue(assertThrows(UserError.class, () -> ElfFile.parse("vmlinux", bad)).getMessage()
                .startsWith("vmlinux: segment 0 has more file bytes (0x10) than memory bytes (0x4)"));
    }

    @Test
    void everyTruncationIsAUserError() {
        byte[] full = mipsKernel();
        for (int len = 0; len < full.length; len++) {
            byte[] cut = Arrays.copyOf(full, len);
            try {
                ElfFile.parse("cut", cut);
            } catch (UserError expected) {
                assertTrue(expected.getMessage().startsWith("cut: "), expected.getMessage());
                continue;
            }
            fail("a file cut to " + len + " of " + full.length + " bytes parsed without error");
        }
    }

    @Test
    void corruptedFilesGiveUserErrorsNeverCrashes() {
        byte[] full = mipsKernel();
        Random rnd = new Random(42);
        int parsed = 0, rejected = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] bad = full.clone();
            int flips = 1 + rnd.nextInt(4);
            for (int k = 0; k < flips; k++) bad[rnd.nextInt(Math.min(bad.length, 400))] = (byte) rnd.nextInt(256);
            try {
                ElfFile elf = ElfFile.parse("fuzz", bad);
                Ram ram = new Ram("ddr", 1 << 20, Endian.BIG);
                elf.load(view(elf.endian(), ram), ElfFile.MIPS_KSEG_TO_PHYSICAL);
                elf.symbols().describe(0x80060004L);
                parsed++;
            } catch (UserError e) {
                assertTrue(e.getMessage().startsWith("fuzz: "), e.getMessage());
                rejected++;
            }
        }
        assertTrue(parsed > 0 && rejected > 0, parsed + " parsed, " + rejected + " rejected");
    }

    @Test
    void segmentOutsideMemoryIsRejectedBeforeAnythingIsWritten() {
        Ram ram = new Ram("ddr", 0x62000, Endian.BIG);  // ends inside the data segment's bss
        BusView v = view(Endian.BIG, ram);
        ElfFile elf = ElfFile.parse("vmlinux", mipsKernel());
        UserError e = assertThrows(UserError.class, () -> elf.load(v, ElfFile.MIPS_KSEG_TO_PHYSICAL));
        assertEquals("vmlinux: segment 1 at 0x00061000..0x00064000 does not fit in memory: 0x00062000 is not mapped in the system view",
                e.getMessage());
        assertEquals(0, ram.allocatedPages(), "the text segment must not have been written");
    }

    @Test
    void relocatableObjectsAreNotLoaded() {
        ElfBuilder b = new ElfBuilder(Endian.BIG, ElfFile.EM_MIPS).type(ElfFile.ET_REL);
        b.segment(0, 0, TEXT, 16, 5, ".text");
        ElfFile elf = ElfFile.parse("start.o", b.build());
        UserError e = assertThrows(UserError.class,
                () -> elf.load(view(Endian.BIG, new Ram("r", 0x1000, Endian.BIG)), LongUnaryOperator.identity()));
        assertEquals("start.o: ELF is a relocatable object (ET_REL), not an executable; link it first", e.getMessage());
    }

    @Test
    void badSymbolNameOffset() {
        byte[] elf = mipsKernel();
        ElfFile ok = ElfFile.parse("vmlinux", elf);
        ElfSection symtab = ok.section(".symtab");
        putBe32(elf, (int) symtab.offset() + 16, 0x7fff0000);  // symbol 1's name offset
        UserError e = assertThrows(UserError.class, () -> ElfFile.parse("vmlinux", elf));
        assertTrue(e.getMessage().startsWith("vmlinux: name of symbol 1: string offset"), e.getMessage());
    }

    static void putBe32(byte[] b, int at, long v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
