package org.socemu.core.load;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.socemu.core.UserError;
import org.socemu.core.mem.BusView;
import org.socemu.core.mem.Endian;
import org.socemu.core.mem.Ram;
import org.socemu.core.mem.Region;
import org.socemu.core.mem.Rom;

@Timeout(10)
class RawImageTest {
    @TempDir Path dir;

    /** A stand-in for an MMIO device: loaders must refuse to write into it. */
    static final class FakeDevice implements Region {
        int writes;
        @Override public String name() { return "uart1"; }
        @Override public long size() { return 0x1000; }
        @Override public int read(long offset, int size) { return 0; }
        @Override public void write(long offset, int size, int value) { writes++; }
    }

    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (i * 7 + 3);
        return b;
    }

    @Test
    void loadsAFileAtAnAddressAcrossPages() throws Exception {
        Ram ram = new Ram("ddr", 1 << 20, Endian.LITTLE);
        BusView v = new BusView("system", Endian.LITTLE).map(0x80000000L, ram);
        byte[] img = pattern(10000);
        Path f = dir.resolve("barebox.bin");
        Files.write(f, img);
        AddressRange r = RawImage.load(v, 0x80000ffcL, f);
        assertEquals(new AddressRange(0x80000ffcL, 10000), r);
        assertArrayEquals(img, v.dump(0x80000ffcL, 10000));
    }

    @Test
    void imageThatDoesNotFitIsRejectedWhole() {
        Ram ram = new Ram("ddr", 0x10000, Endian.LITTLE);
        BusView v = new BusView("system", Endian.LITTLE).map(0, ram);
        UserError e = assertThrows(UserError.class, () -> RawImage.load(v, 0xf000, "u-boot.bin", pattern(0x2000)));
        assertEquals("u-boot.bin: image of 0x2000 bytes at 0x0000f000..0x00011000 does not fit in memory: "
                + "0x00010000 is not mapped in the system view", e.getMessage());
        assertEquals(0, ram.allocatedPages(), "nothing written");
    }

    @Test
    void devicesAreNotMemory() {
        FakeDevice dev = new FakeDevice();
        Ram ram = new Ram("ddr", 0x10000, Endian.LITTLE);
        BusView v = new BusView("system", Endian.LITTLE).map(0, ram).map(0x10000, dev);
        UserError e = assertThrows(UserError.class, () -> RawImage.load(v, 0xff00, "x.bin", pattern(0x200)));
        assertEquals("x.bin: image of 0x200 bytes at 0x0000ff00..0x00010100 does not fit in memory: 0x00010000 is device uart1, not memory",
                e.getMessage());
        assertEquals(0, dev.writes);
    }

    @Test
    void spansAdjacentMemoriesAndRom() {
        Ram a = new Ram("a", 0x1000, Endian.BIG);
        Rom rom = new Rom("rom", 0x1000, Endian.BIG);
        BusView v = new BusView("system", Endian.BIG).map(0, a).map(0x1000, rom);
        byte[] img = pattern(0x1800);
        RawImage.load(v, 0x400, "boot.bin", img);
        assertArrayEquals(img, v.dump(0x400, img.length));
        v.write(0x1400, 4, 0);  // the guest still cannot write the ROM
        assertArrayEquals(img, v.dump(0x400, img.length));
    }

    @Test
    void emptyImage() {
        BusView v = new BusView("system", Endian.BIG).map(0, new Ram("r", 0x1000, Endian.BIG));
        assertEquals("e.bin: the image is empty", assertThrows(UserError.class, () -> RawImage.load(v, 0, "e.bin", new byte[0])).getMessage());
    }

    @Test
    void fillsAFlashBackingStore() {
        Ram flash = new Ram("flash", 0x4000, Endian.BIG);
        RawImage.fill(flash, 0x1000, "fw.bin", pattern(0x100));
        byte[] out = new byte[0x100];
        flash.copyOut(0x1000, out, 0, 0x100);
        assertArrayEquals(pattern(0x100), out);
        assertEquals("big.bin: image of 0x4001 bytes does not fit in flash (0x4000 bytes) at offset 0x0",
                assertThrows(UserError.class, () -> RawImage.fill(flash, 0, "big.bin", new byte[0x4001])).getMessage());
    }

    @Test
    void fileErrorsAreOneLine() throws Exception {
        BusView v = new BusView("system", Endian.BIG).map(0, new Ram("r", 0x1000, Endian.BIG));
        Path missing = dir.resolve("nothere.bin");
        assertEquals(missing + ": no such file", assertThrows(UserError.class, () -> RawImage.load(v, 0, missing)).getMessage());
        assertEquals(dir + ": is a directory, not an image file",
                assertThrows(UserError.class, () -> ImageFile.read(dir)).getMessage());
    }
}
