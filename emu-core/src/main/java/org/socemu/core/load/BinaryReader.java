package org.socemu.core.load;

import java.nio.charset.StandardCharsets;
import org.socemu.core.UserError;
import org.socemu.core.mem.Endian;

/**
 * Bounds-checked reads of an image file's bytes, for the header parsers. Every read names the
 * structure it reads, so a truncated or corrupt file gives a one-line {@link UserError} such as
 * "vmlinux: truncated program header 3: needs bytes 0x1f4..0x214, the file has 0x200"
 * instead of an index exception.
 */
public final class BinaryReader {
    private final String name;
    private final byte[] data;
    private final Endian endian;

    public BinaryReader(String name, byte[] data, Endian endian) {
        this.name = name;
        this.data = data;
        this.endian = endian;
    }

    /** The same bytes read in another byte order. */
    public BinaryReader withEndian(Endian e) {
        return e == endian ? this : new BinaryReader(name, data, e);
    }

    public String name() { return name; }
    public Endian endian() { return endian; }
    public int length() { return data.length; }

    /** The file's bytes, shared, not copied: callers must not change them. */
    public byte[] data() { return data; }

    /** A {@link UserError} naming the file: "name: message". */
    public UserError error(String message) {
        return new UserError(name + ": " + message);
    }

    /** Checks that [offset, offset+len) lies in the file. */
    public void require(long offset, long len, String what) {
        if (offset < 0 || len < 0 || offset + len > data.length)
            throw error(String.format("truncated %s: needs bytes 0x%x..0x%x, the file has 0x%x", what,
                    offset, offset + len, data.length));
    }

    public int u8(long offset, String what) {
        require(offset, 1, what);
        return data[(int) offset] & 0xff;
    }

    public int u16(long offset, String what) {
        require(offset, 2, what);
        int o = (int) offset, a = data[o] & 0xff, b = data[o + 1] & 0xff;
        return endian == Endian.LITTLE ? a | b << 8 : a << 8 | b;
    }

    /** A 32-bit word as an int (callers that need the unsigned value use {@link #u32}). */
    public int i32(long offset, String what) {
        require(offset, 4, what);
        return (int) endian.i32.get(data, (int) offset);
    }

    /** A 32-bit word, unsigned. */
    public long u32(long offset, String what) {
        return i32(offset, what) & 0xffffffffL;
    }

    public long u64(long offset, String what) {
        require(offset, 8, what);
        return (long) endian.i64.get(data, (int) offset);
    }

    public byte[] bytes(long offset, long len, String what) {
        require(offset, len, what);
        byte[] out = new byte[(int) len];
        System.arraycopy(data, (int) offset, out, 0, (int) len);
        return out;
    }

    /**
     * The NUL-terminated string at {@code offset}, which must end before {@code limit}
     * (the end of its string table).
     */
    public String cstring(long offset, long limit, String what) {
        long end = Math.min(limit, data.length);
        if (offset < 0 || offset >= end)
            throw error(String.format("%s: string offset 0x%x is outside its table (ends at 0x%x)", what, offset, end));
        int o = (int) offset, e = o;
        while (e < end && data[e] != 0) e++;
        if (e == end) throw error(String.format("%s: string at 0x%x is not NUL-terminated", what, offset));
        return new String(data, o, e - o, StandardCharsets.UTF_8);
    }

    /** A fixed-size, NUL-padded text field (uImage name): up to the first NUL. */
    public String fixedString(long offset, int size, String what) {
        require(offset, size, what);
        int o = (int) offset, e = o;
        while (e < o + size && data[e] != 0) e++;
        return new String(data, o, e - o, StandardCharsets.UTF_8);
    }
}
