package org.socemu.periph.ar9331;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.socemu.core.UserError;

/**
 * TEMPORARY: the minimal ELF32 big-endian MIPS reader the AR9331 boot protocol needs (PT_LOAD
 * segments, the entry point, one section's bytes). It stands in for emu-core's
 * org.socemu.core.load.ElfFile, which is being written in another branch; at merge, replace the
 * uses in {@link Ar9331Boot} with ElfFile and delete this class.
 */
final class TemporaryElfReader {
    static final int EM_MIPS = 8;
    static final int PT_LOAD = 1;

    /** One PT_LOAD segment. */
    record Segment(long vaddr, long paddr, byte[] data, long memsz) {}

    private final String what;
    private final ByteBuffer buf;
    final long entry;
    final List<Segment> segments = new ArrayList<>();

    TemporaryElfReader(byte[] image, String what) {
        this.what = what;
        this.buf = ByteBuffer.wrap(image).order(ByteOrder.BIG_ENDIAN);
        if (image.length < 52 || image[0] != 0x7F || image[1] != 'E' || image[2] != 'L' || image[3] != 'F')
            throw new UserError(what + ": not an ELF file");
        if (image[4] != 1 || image[5] != 2)
            throw new UserError(what + ": not a 32-bit big-endian ELF (the AR9331 runs big-endian MIPS32)");
        if ((buf.getShort(18) & 0xFFFF) != EM_MIPS) throw new UserError(what + ": not a MIPS ELF");
        entry = u32(24);
        long phoff = u32(28);
        int phentsize = u16(42), phnum = u16(44);
        for (int i = 0; i < phnum; i++) {
            long ph = phoff + (long) i * phentsize;
            check(ph, 32);
            if (u32(ph) != PT_LOAD) continue;
            long off = u32(ph + 4), vaddr = u32(ph + 8), paddr = u32(ph + 12), filesz = u32(ph + 16), memsz = u32(ph + 20);
            check(off, filesz);
            if (memsz < filesz) throw new UserError(what + ": segment with memsz < filesz");
            byte[] data = new byte[(int) filesz];
            System.arraycopy(image, (int) off, data, 0, (int) filesz);
            segments.add(new Segment(vaddr, paddr, data, memsz));
        }
        if (segments.isEmpty()) throw new UserError(what + ": no loadable segment");
    }

    /** The file bytes of section {@code name}, or null if there is no such section (or no section table). */
    byte[] section(String name) {
        long shoff = u32(32);
        int shentsize = u16(46), shnum = u16(48), shstrndx = u16(50);
        if (shoff == 0 || shnum == 0 || shstrndx >= shnum) return null;
        long strtab = u32(shoff + (long) shstrndx * shentsize + 16);
        for (int i = 0; i < shnum; i++) {
            long sh = shoff + (long) i * shentsize;
            check(sh, 40);
            if (name.equals(cString(strtab + u32(sh)))) {
                long off = u32(sh + 16), size = u32(sh + 20);
                if (u32(sh + 4) == 8 /* SHT_NOBITS */) return new byte[0];
                check(off, size);
                byte[] out = new byte[(int) size];
                buf.get((int) off, out);
                return out;
            }
        }
        return null;
    }

    private String cString(long at) {
        int start = (int) at, end = start;
        while (end < buf.limit() && buf.get(end) != 0) end++;
        byte[] b = new byte[end - start];
        buf.get(start, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private long u32(long at) {
        check(at, 4);
        return buf.getInt((int) at) & 0xFFFFFFFFL;
    }

    private int u16(long at) {
        check(at, 2);
        return buf.getShort((int) at) & 0xFFFF;
    }

    private void check(long at, long len) {
        if (at < 0 || len < 0 || at + len > buf.limit()) throw new UserError(what + ": truncated or malformed ELF");
    }
}
