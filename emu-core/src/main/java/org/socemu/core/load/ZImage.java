package org.socemu.core.load;

import java.nio.file.Path;
import java.util.Arrays;
import org.socemu.core.UserError;
import org.socemu.core.mem.BusView;
import org.socemu.core.mem.Endian;

/**
 * An ARM Linux zImage: the self-decompressing kernel (arch/arm/boot/compressed/head.S). Its header
 * words are little-endian whatever the kernel's byte order (a BE8 kernel stores them byte-swapped
 * so that they read the same):
 * <pre>
 *   0x24  magic          0x016F2818
 *   0x28  start          address the zImage is linked to run at; 0 = position independent
 *   0x2C  end            start + size of the zImage (without an appended DTB)
 *   0x30  endianness     0x04030201 read little-endian for a little-endian kernel, 0x01020304 for BE8
 *   0x34  magic2         0x45454545 when an extension table follows (newer kernels)
 *   0x38  table offset   offset of the tag table: {size in words, tag, data...}, ended by size 0
 * </pre>
 * The table's KRNL_SIZE tag (0x5a534c4b) gives the offset of the word holding the decompressed
 * kernel's size, the kernel's bss size and, in Linux 5.x/6.x, TEXT_OFFSET and the decompressor's
 * malloc size: what a loader needs to keep the DTB and initrd out of the decompressed kernel's way.
 * A DTB may be appended after {@code end} (CONFIG_ARM_APPENDED_DTB).
 */
public final class ZImage {
    public static final int MAGIC = 0x016F2818;
    private static final int OFF_MAGIC = 0x24, OFF_START = 0x28, OFF_END = 0x2C, OFF_ENDIAN = 0x30;
    private static final int OFF_MAGIC2 = 0x34, OFF_TABLE = 0x38;
    private static final int ENDIAN_LITTLE = 0x04030201, ENDIAN_BIG = 0x01020304;
    private static final int MAGIC2 = 0x45454545;
    /** Tag of the extension table entry giving the decompressed kernel's size and its bss size. */
    private static final int TAG_KRNL_SIZE = 0x5a534c4b;

    private final String name;
    private final byte[] data;
    private final long start;
    private final long end;
    private final Endian endian;
    private long decompressedSize = -1;
    private long bssSize = -1;
    private long textOffset = -1;
    private long mallocSize = -1;

    private ZImage(BinaryReader in) {
        this.name = in.name();
        this.data = in.data();
        in.require(0, OFF_ENDIAN + 4, "zImage header");
        int magic = in.i32(OFF_MAGIC, "zImage header");
        if (magic != MAGIC)
            throw in.error(String.format("not an ARM zImage (magic at 0x24 is 0x%08x, expected 0x%08x)", magic, MAGIC));
        this.start = in.u32(OFF_START, "zImage header");
        this.end = in.u32(OFF_END, "zImage header");
        int flag = in.i32(OFF_ENDIAN, "zImage header");
        if (flag == ENDIAN_LITTLE) endian = Endian.LITTLE;
        else if (flag == ENDIAN_BIG) endian = Endian.BIG;
        else throw in.error(String.format("bad zImage endianness flag 0x%08x at 0x30 (expected 0x%08x or 0x%08x)",
                    flag, ENDIAN_LITTLE, ENDIAN_BIG));
        if (end <= start)
            throw in.error(String.format("bad zImage header: end 0x%08x is not above start 0x%08x", end, start));
        if (end - start > data.length)
            throw in.error(String.format("truncated zImage: the header says 0x%x bytes, the file has 0x%x", end - start, data.length));
        readExtensionTable(in);
    }

    public static ZImage read(Path file) {
        return parse(ImageFile.nameOf(file), ImageFile.read(file));
    }

    public static ZImage parse(String name, byte[] data) {
        return new ZImage(new BinaryReader(name, data, Endian.LITTLE));
    }

    /** True when {@code data} carries the zImage magic (to tell a zImage from an ELF or a raw Image). */
    public static boolean isZImage(byte[] data) {
        return data.length >= OFF_MAGIC + 4 && (data[OFF_MAGIC] & 0xff | (data[OFF_MAGIC + 1] & 0xff) << 8
                | (data[OFF_MAGIC + 2] & 0xff) << 16 | (data[OFF_MAGIC + 3] & 0xff) << 24) == MAGIC;
    }

    /**
     * The optional table. Being optional, a table we cannot make sense of is treated as absent:
     * {@link #decompressedSize()} then says "unknown" rather than guess.
     */
    private void readExtensionTable(BinaryReader in) {
        if (data.length < OFF_TABLE + 4 || in.i32(OFF_MAGIC2, "zImage header") != MAGIC2) return;
        long at = in.u32(OFF_TABLE, "zImage header");
        for (int tags = 0; tags < 64 && at + 8 <= data.length; tags++) {
            long words = in.u32(at, "zImage tag");
            if (words == 0 || at + words * 4 > data.length) return;
            if (in.i32(at + 4, "zImage tag") == TAG_KRNL_SIZE && words >= 4) {
                long sizePtr = in.u32(at + 8, "zImage tag");
                if (sizePtr + 4 <= data.length) decompressedSize = in.u32(sizePtr, "zImage kernel size");
                bssSize = in.u32(at + 12, "zImage tag");
                if (words >= 5) textOffset = in.u32(at + 16, "zImage tag");
                if (words >= 6) mallocSize = in.u32(at + 20, "zImage tag");
                return;
            }
            at += words * 4;
        }
    }

    public String name() { return name; }

    /** Byte order of the kernel inside (BIG for a BE8 kernel). */
    public Endian endian() { return endian; }

    /** The link address, or 0 for the usual position-independent zImage. */
    public long start() { return start; }

    public long end() { return end; }

    public boolean positionIndependent() { return start == 0; }

    /** The zImage's own size (end - start), without an appended DTB. */
    public long size() { return end - start; }

    /** Size of the decompressed kernel from the extension table, or -1 if the image does not say. */
    public long decompressedSize() { return decompressedSize; }

    /** Size of the decompressed kernel's bss from the extension table, or -1 if the image does not say. */
    public long bssSize() { return bssSize; }

    /** The kernel's TEXT_OFFSET (where it decompresses, from the start of RAM), or -1 if the image does not say. */
    public long textOffset() { return textOffset; }

    /** The decompressor's heap size, or -1 if the image does not say. */
    public long mallocSize() { return mallocSize; }

    /** The DTB appended after the zImage (CONFIG_ARM_APPENDED_DTB), or null. */
    public byte[] appendedDtb() {
        int at = (int) size();
        if (data.length < at + 8 || !Fdt.isFdt(Arrays.copyOfRange(data, at, at + 4))) return null;
        return Arrays.copyOfRange(data, at, data.length);
    }

    /**
     * The decompressed kernel (the Image the zImage's decompressor would write at TEXT_OFFSET), for
     * a loader that unpacks on the host instead of running the decompressor in the guest: the
     * payload is found by its container magic and decoded; XZ (with the ARM BCJ filter, as Linux's
     * xz_wrap.sh makes it) and gzip are understood. Returns null when the payload uses another
     * compressor (LZO, LZ4, LZMA, zstd) or cannot be decoded to the size the image announces:
     * then the caller runs the decompressor as a bootloader would.
     */
    public byte[] unpack() {
        int limit = (int) Math.min(size(), data.length);
        for (int at = 0; at + 6 <= limit; at++) {
            byte[] out = null;
            if (matches(at, XZ_MAGIC)) out = decode(at, true);
            else if (matches(at, GZIP_MAGIC)) out = decode(at, false);
            if (out != null && (decompressedSize < 0 || out.length == decompressedSize)) return out;
        }
        return null;
    }

    private static final byte[] XZ_MAGIC = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};
    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b, 8};

    private boolean matches(int at, byte[] magic) {
        if (at + magic.length > data.length) return false;
        for (int k = 0; k < magic.length; k++) if (data[at + k] != magic[k]) return false;
        return true;
    }

    /** One XZ or gzip stream from {@code at}; null if it does not decode. */
    private byte[] decode(int at, boolean xz) {
        var in = new java.io.ByteArrayInputStream(data, at, data.length - at);
        try (java.io.InputStream s = xz ? new org.tukaani.xz.SingleXZInputStream(in) : new java.util.zip.GZIPInputStream(in)) {
            return s.readAllBytes();
        } catch (java.io.IOException | RuntimeException e) {
            return null; // a magic-like byte sequence inside the decompressor's code, or a damaged payload
        }
    }

    /** Checks the kernel's byte order against the machine's, e.g. a BE8 kernel on a little-endian board. */
    public void requireEndian(Endian e, String machineName) {
        if (endian != e)
            throw new UserError(String.format("%s: zImage holds a %s kernel but machine %s is %s", name,
                    endian == Endian.BIG ? "big-endian (BE8)" : "little-endian", machineName,
                    e == Endian.BIG ? "big-endian" : "little-endian"));
    }

    /**
     * Copies the whole file (with any appended DTB) to {@code addr}. A zImage linked to a fixed
     * address (start != 0) only runs there.
     */
    public AddressRange load(BusView view, long addr) {
        if (!positionIndependent() && addr != start)
            throw new UserError(String.format("%s: zImage is linked to run at 0x%08x, not at 0x%08x", name, start, addr));
        return RawImage.load(view, addr, name, data);
    }
}
