package org.socemu.periph.ar9331;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.socemu.core.UserError;
import org.socemu.core.load.ElfFile;
import org.socemu.core.load.Fdt;
import org.socemu.core.load.FdtNode;
import org.socemu.core.machine.BootImages;
import org.socemu.core.machine.Machine;
import org.socemu.core.machine.MachineBuilder;
import org.socemu.core.machine.Registry;
import org.socemu.core.mem.BusView;

@Timeout(30)
class Ar9331BootTest {
    @TempDir Path dir;

    /** A small board DTB, made with emu-core's FDT writer. */
    static byte[] minimalDtb() {
        Fdt fdt = new Fdt("test");
        fdt.root().setString("model", "socemu test board");
        fdt.root().setU32("#address-cells", 1).setU32("#size-cells", 1); // as ar9331.dtsi
        fdt.nodeOrCreate("/memory@0").setString("device_type", "memory");
        return fdt.toBytes();
    }

    static final byte[] FDT = minimalDtb();

    private Machine boot(byte[] elf, byte[] dtb) throws Exception {
        return boot(elf, dtb, null, null);
    }

    private Machine boot(byte[] elf, byte[] dtb, String append, byte[] initrd) throws Exception {
        BootImages images = new BootImages();
        images.append = append;
        if (initrd != null) {
            images.initrd = dir.resolve("initrd.cpio");
            Files.write(images.initrd, initrd);
        }
        images.kernel = dir.resolve("vmlinux");
        Files.write(images.kernel, elf);
        if (dtb != null) {
            images.dtb = dir.resolve("board.dtb");
            Files.write(images.dtb, dtb);
        }
        Registry r = Registry.load();
        r.register(new FakeMipsCore.Type());
        Machine m = new MachineBuilder(r).build(r.machine("ar9331-dpt-module"), images);
        m.powerOn();
        return m;
    }

    @Test
    void kernelLoadsAtPhysicalAndEntersWithUhi() throws Exception {
        byte[] code = {0x3C, 0x08, (byte) 0x80, 0x00, 0x25, 0x08, 0x00, 0x10};
        Machine m = boot(TestElf.build(0x80060400L, 0x80060000L, code, 0x2000, null), FDT);
        BusView bus = m.systemView();
        assertEquals(0x3C088000, bus.read(0x60000, 4));
        assertEquals(0x25080010, bus.read(0x60004, 4));
        assertEquals(0, bus.read(0x61FFC, 4), "bss zeroed");
        FakeMipsCore cpu = (FakeMipsCore) m.cpus().get(0);
        assertEquals(0x80060400L, cpu.pc());
        assertEquals(-2, (int) cpu.register(4), "a0 = -2: UHI");
        long a1 = cpu.register(5);
        assertEquals(0x81000000L, a1, "DTB in KSEG0 above the kernel");
        assertEquals(0xD00DFEED, bus.read(a1 & 0x1FFFFFFFL, 4));
        assertEquals(0, cpu.register(6));
        assertEquals(0, cpu.register(7));
    }

    @Test
    void appendAndInitrdGoIntoChosen() throws Exception {
        byte[] rd = new byte[3 << 20];
        rd[0] = 0x30;
        rd[rd.length - 1] = 0x21;
        Machine m = boot(TestElf.build(0x80060000L, 0x80060000L, new byte[16], 0x10, null), FDT,
                "console=ttyATH0,115200 rdinit=/bin/sh", rd);
        BusView bus = m.systemView();
        long dtb = m.cpus().get(0).register(5) & 0x1FFFFFFFL;
        assertEquals(0x01300000L, dtb, "DTB right after the 3 MiB initrd at 16 MiB, 1 MiB aligned");
        int size = bus.read(dtb + 4, 4);
        Fdt fdt = Fdt.parse("placed", bus.dump(dtb, size));
        FdtNode chosen = fdt.requireNode("/chosen");
        assertEquals("console=ttyATH0,115200 rdinit=/bin/sh", chosen.string("bootargs"));
        assertEquals(0x01000000L, chosen.u32("linux,initrd-start") & 0xFFFFFFFFL);
        assertEquals(0x01000000L + rd.length, chosen.u32("linux,initrd-end") & 0xFFFFFFFFL);
        assertEquals(0x30, bus.read(0x01000000L, 1));
        assertEquals(0x21, bus.read(0x01000000L + rd.length - 1, 1));
        assertEquals("socemu test board", fdt.root().string("model"), "the rest of the DTB is kept");
    }

    @Test
    void bootAgainAfterAReset() throws Exception {
        Machine m = boot(TestElf.build(0x80001000L, 0x80001000L, new byte[] {1, 2, 3, 4}, 4, null), FDT);
        m.systemView().write(0x1000, 4, 0);
        m.doReset();
        assertEquals(0x01020304, m.systemView().read(0x1000, 4), "the boot protocol reloads the kernel");
        assertEquals(0x80001000L, m.cpus().get(0).pc());
    }

    @Test
    void appendedDtbNeedsNoDtbFile() throws Exception {
        byte[] elf = TestElf.build(0x80001000L, 0x80001000L, new byte[] {1, 2, 3, 4}, 4, FDT);
        assertTrue(Ar9331Boot.hasAppendedDtb(ElfFile.parse("t", elf)));
        Machine m = boot(elf, null);
        assertEquals(0, m.cpus().get(0).register(5), "no DTB placed: the kernel uses its own");
        assertFalse(Ar9331Boot.hasAppendedDtb(ElfFile.parse("t",
                TestElf.build(0x80001000L, 0x80001000L, new byte[4], 4, new byte[16]))), "an empty section does not count");
    }

    @Test
    void badImagesAreUserErrors() {
        assertThrows(UserError.class, () -> boot(new byte[] {0x7F, 'E', 'L', 'F'}, FDT));
        byte[] le = TestElf.build(0x80001000L, 0x80001000L, new byte[4], 4, null);
        le[5] = 1; // little-endian
        assertThrows(UserError.class, () -> boot(le, FDT));
        assertThrows(UserError.class, () -> boot(TestElf.build(0x80001000L, 0x80001000L, new byte[4], 4, null), new byte[64]));
    }
}
