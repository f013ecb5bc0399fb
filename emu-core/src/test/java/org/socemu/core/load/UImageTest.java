package org.socemu.core.load;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socemu.core.UserError;
import org.socemu.core.mem.BusView;
import org.socemu.core.mem.Endian;
import org.socemu.core.mem.Ram;

@Timeout(10)
class UImageTest {
    /** What `mkimage -A arch -O linux -T type -C comp -a load -e entry -n name -d payload` writes. */
    static byte[] uImage(int arch, int type, int comp, long load, long entry, String name, byte[] payload) {
        ByteBuffer h = ByteBuffer.allocate(UImage.HEADER_SIZE + payload.length);  // big-endian
        h.putInt(UImage.MAGIC).putInt(0).putInt(1700000000).putInt(payload.length).putInt((int) load)
         .putInt((int) entry).putInt((int) UImage.crc32(payload, 0, payload.length));
        h.put((byte) UImage.OS_LINUX).put((byte) arch).put((byte) type).put((byte) comp);
        h.put(Arrays.copyOf(name.getBytes(StandardCharsets.US_ASCII), 32));
        h.put(payload);
        byte[] b = h.array();
        int hcrc = (int) UImage.crc32(b, 0, UImage.HEADER_SIZE);
        ByteBuffer.wrap(b).putInt(4, hcrc);
        return b;
    }

    static byte[] kernel() {
        byte[] p = new byte[5000];
        for (int i = 0; i < p.length; i++) p[i] = (byte) (i ^ (i >> 8));
        return p;
    }

    @Test
    void parsesHeaderFields() {
        UImage u = UImage.parse("uImage", uImage(UImage.ARCH_MIPS, UImage.TYPE_KERNEL, 0, 0x80060000L, 0x80060400L,
                "MIPS OpenWrt Linux-6.1", kernel()));
        assertEquals(0x80060000L, u.loadAddress());
        assertEquals(0x80060400L, u.entry());
        assertEquals(5000, u.size());
        assertEquals(1700000000L, u.time());
        assertEquals("MIPS OpenWrt Linux-6.1", u.imageName());
        assertEquals("linux", u.osName());
        assertEquals("mips", u.archName());
        assertEquals("kernel", u.typeName());
        assertEquals("none", u.compressionName());
        assertEquals("uImage 'MIPS OpenWrt Linux-6.1' linux/mips kernel, none, load 0x80060000, entry 0x80060400, 5000 bytes",
                u.toString());
        assertArrayEquals(kernel(), u.payload());
        u.requireArch(UImage.ARCH_MIPS, "ar9331-dpt-module");
        assertEquals("uImage: uImage is for mips but machine imx7d-sdb is arm",
                assertThrows(UserError.class, () -> u.requireArch(UImage.ARCH_ARM, "imx7d-sdb")).getMessage());
    }

    @Test
    void loadsPayloadAtTranslatedLoadAddress() {
        byte[] img = uImage(UImage.ARCH_MIPS, UImage.TYPE_KERNEL, 0, 0x80060000L, 0x80060000L, "k", kernel());
        UImage u = UImage.parse("uImage", img);
        Ram ram = new Ram("ddr", 1 << 20, Endian.BIG);
        BusView v = new BusView("system", Endian.BIG).map(0, ram);
        assertEquals(new AddressRange(0x60000, 5000), u.load(v, ElfFile.MIPS_KSEG_TO_PHYSICAL));
        assertArrayEquals(kernel(), v.dump(0x60000, 5000));
    }

    @Test
    void compressedPayloadsAreRefused() {
        UImage u = UImage.parse("openwrt-uImage", uImage(UImage.ARCH_MIPS, UImage.TYPE_KERNEL, 3, 0x80060000L,
                0x80060000L, "k", kernel()));
        assertEquals("lzma", u.compressionName());
        UserError e = assertThrows(UserError.class, u::payload);
        assertEquals("openwrt-uImage: uImage payload is lzma-compressed; only uncompressed images (mkimage -C none) "
                + "can be loaded: boot the kernel's ELF (vmlinux) or an uncompressed image instead", e.getMessage());
        BusView v = new BusView("system", Endian.BIG).map(0, new Ram("ddr", 1 << 20, Endian.BIG));
        assertThrows(UserError.class, () -> u.load(v, ElfFile.MIPS_KSEG_TO_PHYSICAL));
        assertEquals("unknown (99)", UImage.parse("x", uImage(99, 99, 99, 0, 0, "", new byte[4])).compressionName());
    }

    @Test
    void headerAndDataCrcsAreChecked() {
        byte[] img = uImage(UImage.ARCH_ARM, UImage.TYPE_KERNEL, 0, 0x80008000L, 0x80008000L, "k", kernel());
        byte[] badHeader = img.clone();
        badHeader[20] ^= 1;  // entry point
        assertTrue(assertThrows(UserError.class, () -> UImage.parse("u", badHeader)).getMessage()
                .startsWith("u: uImage header CRC mismatch"));
        byte[] badData = img.clone();
        badData[UImage.HEADER_SIZE + 100] ^= 0x40;
        assertTrue(assertThrows(UserError.class, () -> UImage.parse("u", badData)).getMessage()
                .startsWith("u: uImage data CRC mismatch"));
    }

    @Test
    void truncatedAndWrongMagic() {
        byte[] img = uImage(UImage.ARCH_ARM, UImage.TYPE_KERNEL, 0, 0, 0, "k", kernel());
        assertEquals("u: truncated uImage header: needs bytes 0x0..0x40, the file has 0x20",
                assertThrows(UserError.class, () -> UImage.parse("u", Arrays.copyOf(img, 32))).getMessage());
        assertEquals(String.format("u: truncated uImage payload: needs bytes 0x40..0x%x, the file has 0x%x", 64 + 5000, 64 + 4000),
                assertThrows(UserError.class, () -> UImage.parse("u", Arrays.copyOf(img, 64 + 4000))).getMessage());
        byte[] arm = new byte[64];
        arm[0] = (byte) 0xe1;
        arm[1] = (byte) 0xa0;
        assertEquals("zImage: not a U-Boot uImage (magic 0xe1a00000, expected 0x27051956)",
                assertThrows(UserError.class, () -> UImage.parse("zImage", arm)).getMessage());
        assertFalse(UImage.isUImage(arm));
        assertTrue(UImage.isUImage(img));
    }

    @Test
    void everyTruncationIsAUserError() {
        byte[] img = uImage(UImage.ARCH_ARM, UImage.TYPE_KERNEL, 0, 0, 0, "k", kernel());
        for (int len = 0; len < img.length; len++) {
            byte[] cut = Arrays.copyOf(img, len);
            assertTrue(assertThrows(UserError.class, () -> UImage.parse("u", cut)).getMessage().startsWith("u: "));
        }
    }

    @Test
    void multiFileImageParts() {
        byte[] kernel = {1, 2, 3, 4, 5};
        byte[] ramdisk = {9, 8, 7};
        ByteBuffer p = ByteBuffer.allocate(12 + 8 + 4);
        p.putInt(5).putInt(3).putInt(0);
        p.put(kernel).put(new byte[3]).put(ramdisk).put(new byte[1]);
        UImage u = UImage.parse("multi", uImage(UImage.ARCH_ARM, UImage.TYPE_MULTI, 0, 0, 0, "m", p.array()));
        List<byte[]> parts = u.parts();
        assertEquals(2, parts.size());
        assertArrayEquals(kernel, parts.get(0));
        assertArrayEquals(ramdisk, parts.get(1));
        UImage single = UImage.parse("k", uImage(UImage.ARCH_ARM, UImage.TYPE_KERNEL, 0, 0, 0, "k", kernel));
        assertEquals("k: uImage is a kernel image, not a multi-file image", assertThrows(UserError.class, single::parts).getMessage());
        // A size list that claims more than the payload holds.
        ByteBuffer bad = ByteBuffer.allocate(12);
        bad.putInt(100).putInt(0).putInt(0);
        UImage b = UImage.parse("bad", uImage(UImage.ARCH_ARM, UImage.TYPE_MULTI, 0, 0, 0, "m", bad.array()));
        assertTrue(assertThrows(UserError.class, b::parts).getMessage().startsWith("bad: truncated multi-file image 0"));
    }
}
