package org.socemu.core.load;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socemu.core.UserError;
import org.socemu.core.mem.BusView;
import org.socemu.core.mem.Endian;
import org.socemu.core.mem.Ram;

@Timeout(10)
class ZImageTest {
    static void le32(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    /** A zImage-shaped file: NOPs, the header, an extension table, and a "piggy" size word. */
    static byte[] zImage(int size, boolean bigEndianKernel, boolean table) {
        byte[] b = new byte[size];
        for (int i = 0; i < 0x24; i += 4) le32(b, i, 0xe1a00000);  // mov r0, r0
        le32(b, 0x24, ZImage.MAGIC);
        le32(b, 0x28, 0);
        le32(b, 0x2c, size);
        // The flag is stored in the kernel's own byte order.
        b[0x30] = bigEndianKernel ? (byte) 4 : 1;
        b[0x31] = bigEndianKernel ? (byte) 3 : 2;
        b[0x32] = bigEndianKernel ? (byte) 2 : 3;
        b[0x33] = bigEndianKernel ? (byte) 1 : 4;
        if (table) {
            le32(b, 0x34, 0x45454545);
            le32(b, 0x38, 0x100);
            le32(b, 0x100, 6);            // size in words of the tag (Linux 6.1 layout)
            le32(b, 0x104, 0x5a534c4b);   // KRNL_SIZE
            le32(b, 0x108, size - 4);     // where the decompressed size is stored
            le32(b, 0x10c, 0x2a000);      // bss size
            le32(b, 0x110, 0x8000);       // TEXT_OFFSET
            le32(b, 0x114, 0x10000);      // malloc size
            le32(b, 0x118, 0);            // end of the table
            le32(b, size - 4, 0x00a1b2c0);
        }
        return b;
    }

    @Test
    void parsesHeaderAndSize() {
        ZImage z = ZImage.parse("zImage", zImage(0x2000, false, false));
        assertEquals(Endian.LITTLE, z.endian());
        assertEquals(0, z.start());
        assertEquals(0x2000, z.end());
        assertEquals(0x2000, z.size());
        assertTrue(z.positionIndependent());
        assertEquals(-1, z.decompressedSize(), "no extension table: unknown");
        assertEquals(-1, z.bssSize());
        assertNull(z.appendedDtb());
        z.requireEndian(Endian.LITTLE, "imx7d-sdb");
    }

    @Test
    void extensionTableGivesDecompressedAndBssSizes() {
        ZImage z = ZImage.parse("zImage", zImage(0x2000, false, true));
        assertEquals(0x00a1b2c0L, z.decompressedSize());
        assertEquals(0x2a000, z.bssSize());
        assertEquals(0x8000, z.textOffset());
        assertEquals(0x10000, z.mallocSize());
    }

    @Test
    void olderFourWordTableHasNoTextOffset() {
        byte[] b = zImage(0x2000, false, true);
        le32(b, 0x100, 4);
        le32(b, 0x110, 0);
        ZImage z = ZImage.parse("zImage", b);
        assertEquals(0x00a1b2c0L, z.decompressedSize());
        assertEquals(-1, z.textOffset());
        assertEquals(-1, z.mallocSize());
    }

    @Test
    void bigEndianKernelIsDetectedAndRejectedOnALittleEndianBoard() {
        ZImage z = ZImage.parse("zImage-be", zImage(0x1000, true, false));
        assertEquals(Endian.BIG, z.endian());
        assertEquals("zImage-be: zImage holds a big-endian (BE8) kernel but machine imx7d-sdb is little-endian",
                assertThrows(UserError.class, () -> z.requireEndian(Endian.LITTLE, "imx7d-sdb")).getMessage());
    }

    @Test
    void loadsWholeFileWithAppendedDtb() {
        Fdt dt = new Fdt("a.dtb");
        dt.root().setString("model", "appended");
        byte[] dtb = dt.toBytes();
        byte[] z = zImage(0x1000, false, false);
        byte[] file = Arrays.copyOf(z, z.length + dtb.length);
        System.arraycopy(dtb, 0, file, z.length, dtb.length);
        ZImage img = ZImage.parse("zImage", file);
        assertEquals(0x1000, img.size());
        assertEquals("appended", Fdt.parse("appended", img.appendedDtb()).root().string("model"));
        Ram ram = new Ram("ddr", 1 << 20, Endian.LITTLE);
        BusView v = new BusView("system", Endian.LITTLE).map(0x80000000L, ram);
        assertEquals(new AddressRange(0x80008000L, file.length), img.load(v, 0x80008000L));
        assertArrayEquals(file, v.dump(0x80008000L, file.length));
    }

    @Test
    void linkedAtAFixedAddressLoadsOnlyThere() {
        byte[] b = zImage(0x1000, false, false);
        le32(b, 0x28, 0x80008000);
        le32(b, 0x2c, 0x80009000);
        ZImage z = ZImage.parse("zImage", b);
        assertFalse(z.positionIndependent());
        assertEquals(0x1000, z.size());
        BusView v = new BusView("system", Endian.LITTLE).map(0x80000000L, new Ram("ddr", 1 << 20, Endian.LITTLE));
        assertEquals("zImage: zImage is linked to run at 0x80008000, not at 0x80010000",
                assertThrows(UserError.class, () -> z.load(v, 0x80010000L)).getMessage());
        z.load(v, 0x80008000L);
    }

    @Test
    void malformed() {
        assertEquals("vmlinux: not an ARM zImage (magic at 0x24 is 0x00000000, expected 0x016f2818)",
                assertThrows(UserError.class, () -> ZImage.parse("vmlinux", new byte[0x100])).getMessage());
        assertEquals("short: truncated zImage header: needs bytes 0x0..0x34, the file has 0x20",
                assertThrows(UserError.class, () -> ZImage.parse("short", new byte[0x20])).getMessage());
        byte[] cut = Arrays.copyOf(zImage(0x2000, false, false), 0x1800);
        assertEquals("cut: truncated zImage: the header says 0x2000 bytes, the file has 0x1800",
                assertThrows(UserError.class, () -> ZImage.parse("cut", cut)).getMessage());
        byte[] flag = zImage(0x1000, false, false);
        le32(flag, 0x30, 0x12345678);
        assertTrue(assertThrows(UserError.class, () -> ZImage.parse("f", flag)).getMessage()
                .startsWith("f: bad zImage endianness flag 0x12345678"));
        byte[] backwards = zImage(0x1000, false, false);
        le32(backwards, 0x28, 0x2000);
        assertTrue(assertThrows(UserError.class, () -> ZImage.parse("b", backwards)).getMessage().contains("not above start"));
        assertFalse(ZImage.isZImage(new byte[0x10]));
        assertTrue(ZImage.isZImage(zImage(0x100, false, false)));
    }

    @Test
    void corruptExtensionTableIsTreatedAsAbsent() {
        byte[] b = zImage(0x2000, false, true);
        le32(b, 0x38, 0x7fffff00);  // table offset beyond the file
        assertEquals(-1, ZImage.parse("z", b).decompressedSize());
        byte[] c = zImage(0x2000, false, true);
        le32(c, 0x108, 0x7fffff00);  // size pointer beyond the file
        ZImage z = ZImage.parse("z", c);
        assertEquals(-1, z.decompressedSize());
        assertEquals(0x2a000, z.bssSize());
    }

    /** A zImage whose payload (with a decoy magic before it, as the decompressor's code has) is {@code packed}. */
    static byte[] withPayload(byte[] packed, int unpackedSize) {
        byte[] b = zImage(0x400 + packed.length + 4, false, true);
        byte[] decoy = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 1, 2, 3};
        System.arraycopy(decoy, 0, b, 0x200, decoy.length);
        System.arraycopy(packed, 0, b, 0x400, packed.length);
        le32(b, b.length - 4, unpackedSize);
        return b;
    }

    static byte[] kernel() {
        byte[] k = new byte[100_000];
        for (int i = 0; i < k.length; i++) k[i] = (byte) (i * 7 + (i >>> 9));
        return k;
    }

    @Test
    void unpacksAnXzPayloadWithTheArmBcjFilter() throws Exception {
        byte[] k = kernel();
        var out = new java.io.ByteArrayOutputStream();
        var filters = new org.tukaani.xz.FilterOptions[] {new org.tukaani.xz.ARMOptions(), new org.tukaani.xz.LZMA2Options()};
        try (var xz = new org.tukaani.xz.XZOutputStream(out, filters, org.tukaani.xz.XZ.CHECK_CRC32)) {
            xz.write(k);
        }
        assertArrayEquals(k, ZImage.parse("z", withPayload(out.toByteArray(), k.length)).unpack());
    }

    @Test
    void unpacksAGzipPayload() throws Exception {
        byte[] k = kernel();
        var out = new java.io.ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(k);
        }
        assertArrayEquals(k, ZImage.parse("z", withPayload(out.toByteArray(), k.length)).unpack());
    }

    @Test
    void unknownOrDamagedPayloadIsLeftToTheDecompressor() throws Exception {
        assertNull(ZImage.parse("z", zImage(0x1000, false, true)).unpack(), "no payload we know");
        byte[] k = kernel();
        var out = new java.io.ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(k);
        }
        byte[] packed = out.toByteArray();
        packed[packed.length / 2] ^= 0x55;
        assertNull(ZImage.parse("z", withPayload(packed, k.length)).unpack(), "a damaged payload");
    }
}
