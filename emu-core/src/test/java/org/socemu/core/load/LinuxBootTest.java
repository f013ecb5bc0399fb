package org.socemu.core.load;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socemu.core.UserError;
import org.socemu.core.mem.Endian;

@Timeout(10)
class LinuxBootTest {
    static Fdt board(int addressCells, int sizeCells) {
        Fdt fdt = new Fdt("board.dtb");
        if (addressCells > 0) fdt.root().setU32("#address-cells", addressCells);
        if (sizeCells > 0) fdt.root().setU32("#size-cells", sizeCells);
        fdt.root().addChild("soc");
        return fdt;
    }

    @Test
    void chosenIsCreatedAndFilled() {
        Fdt fdt = board(1, 1);
        LinuxBoot.patchChosen(fdt, "console=ttyATH0,115200", 0x01000000L, 0x01234567L, "serial0:115200n8");
        FdtNode chosen = fdt.requireNode("/chosen");
        assertEquals("console=ttyATH0,115200", chosen.string("bootargs"));
        assertEquals("serial0:115200n8", chosen.string("stdout-path"));
        assertEquals(0x01000000, chosen.u32("linux,initrd-start"), "one cell with #address-cells = 1");
        assertEquals(0x01234567, chosen.u32("linux,initrd-end"));
    }

    @Test
    void initrdUsesTwoCellsWhenTheRootDoes() {
        Fdt fdt = board(2, 2);
        LinuxBoot.patchChosen(fdt, null, 0x88000000L, 0x88100000L, null);
        FdtNode chosen = fdt.requireNode("/chosen");
        assertEquals(0x88000000L, chosen.u64("linux,initrd-start"));
        assertEquals(0x88100000L, chosen.u64("linux,initrd-end"));
        assertFalse(chosen.has("bootargs"));
        assertFalse(chosen.has("stdout-path"));
    }

    @Test
    void initrdAbove4GiBWidensToTwoCells() {
        Fdt fdt = board(1, 1);
        LinuxBoot.patchChosen(fdt, null, 0x1_0000_0000L, 0x1_0010_0000L, null);
        assertEquals(0x1_0000_0000L, fdt.requireNode("/chosen").u64("linux,initrd-start"));
    }

    @Test
    void nullsKeepTheDtbsValuesButStaleInitrdGoes() {
        Fdt fdt = board(1, 1);
        fdt.nodeOrCreate("/chosen").setString("bootargs", "from dtb").setString("stdout-path", "/soc/uart")
           .setU32("linux,initrd-start", 1).setU32("linux,initrd-end", 2);
        LinuxBoot.patchChosen(fdt, null, null, null, null);
        FdtNode chosen = fdt.requireNode("/chosen");
        assertEquals("from dtb", chosen.string("bootargs"));
        assertEquals("/soc/uart", chosen.string("stdout-path"));
        assertFalse(chosen.has("linux,initrd-start"));
        assertFalse(chosen.has("linux,initrd-end"));
        assertThrows(IllegalArgumentException.class, () -> LinuxBoot.patchChosen(fdt, null, 1L, null, null));
        assertThrows(IllegalArgumentException.class, () -> LinuxBoot.patchChosen(fdt, null, 2L, 1L, null));
    }

    @Test
    void memoryReplacesTheDtbsBanks() {
        Fdt fdt = board(1, 1);
        fdt.root().addChild("memory@80000000").setString("device_type", "memory").setU32s("reg", 0x80000000, 0x80000000)
           .setString("label", "kept");
        fdt.root().addChild("memory@100000000").setString("device_type", "memory").setU32s("reg", 0, 0x1000);
        FdtNode mem = LinuxBoot.setMemory(fdt, 0x80000000L, 0x40000000L, 1, 1);
        assertEquals("/memory@80000000", mem.path());
        assertArrayEquals(new int[] {0x80000000, 0x40000000}, mem.u32Array("reg"));
        assertEquals("kept", mem.string("label"), "the first bank's other properties stay");
        assertNull(fdt.node("/memory@100000000"));
        assertEquals(1, fdt.root().children().stream().filter(c -> c.baseName().equals("memory")).count());
    }

    @Test
    void memoryFollowsTheRootsCells() {
        Fdt fdt = board(2, 2);
        FdtNode mem = LinuxBoot.setMemory(fdt, 0x0L, 0x4000000L, 1, 1);  // the root's 2/2 wins
        assertEquals("/memory@0", mem.path());
        assertArrayEquals(new int[] {0, 0, 0, 0x4000000}, mem.u32Array("reg"));
        assertEquals("memory", mem.string("device_type"));
    }

    @Test
    void memoryCellsDefaultToTheCallersWhenTheRootHasNone() {
        Fdt fdt = board(0, 0);
        LinuxBoot.setMemory(fdt, 0x0L, 0x2000000L, 1, 1);
        assertEquals(1, fdt.root().u32("#address-cells"));
        assertEquals(1, fdt.root().u32("#size-cells"));
        assertArrayEquals(new int[] {0, 0x2000000}, fdt.requireNode("/memory").u32Array("reg"));
        // And the result survives the round trip.
        assertTrue(fdt.contentEquals(Fdt.parse("x", fdt.toBytes())));
    }

    @Test
    void memoryThatDoesNotFitTheCells() {
        Fdt fdt = board(1, 1);
        UserError e = assertThrows(UserError.class, () -> LinuxBoot.setMemory(fdt, 0x80000000L, 0x1_0000_0000L, 1, 1));
        assertEquals("board.dtb: /memory@80000000: 0x100000000 does not fit in 1 cell of property 'reg'", e.getMessage());
    }

    @Test
    void mipsAppendedDtb() {
        Fdt dt = new Fdt("builtin");
        dt.root().setString("model", "DPT-Module");
        byte[] blob = Arrays.copyOf(dt.toBytes(), 0x400);  // the section is larger than the DTB
        ElfBuilder b = new ElfBuilder(Endian.BIG, ElfFile.EM_MIPS).entry(0x80060000L);
        b.segment(0x80060000L, 0x80060000L, new byte[16], 16, 5, ".text");
        b.segment(0x80400000L, 0x80400000L, blob, blob.length, 6, ".appended_dtb");
        Fdt found = LinuxBoot.appendedDtb(ElfFile.parse("vmlinux", b.build()));
        assertNotNull(found);
        assertEquals("DPT-Module", found.root().string("model"));
        assertEquals("vmlinux (.appended_dtb)", found.name());

        ElfBuilder empty = new ElfBuilder(Endian.BIG, ElfFile.EM_MIPS).entry(0x80060000L);
        empty.segment(0x80400000L, 0x80400000L, new byte[0x400], 0x400, 6, ".appended_dtb");
        assertNull(LinuxBoot.appendedDtb(ElfFile.parse("vmlinux", empty.build())), "a zeroed section holds no DTB");
        assertNull(LinuxBoot.appendedDtb(ElfFile.parse("vmlinux", ElfFileTest.mipsKernel())), "no section");
    }

    @Test
    void psciNode() {
        Fdt fdt = board(1, 1);
        fdt.root().addChild("psci").setString("method", "hvc").setU32("stale", 1);
        FdtNode psci = LinuxBoot.addPsci(fdt, "smc");
        assertEquals(List.of("arm,psci-1.0", "arm,psci-0.2", "arm,psci"), psci.strings("compatible"));
        assertEquals("smc", psci.string("method"));
        assertEquals(0x84000003, psci.u32("cpu_on"));
        assertFalse(psci.has("stale"));
        assertEquals(1, fdt.findCompatible("arm,psci-0.2").size());
    }
}
