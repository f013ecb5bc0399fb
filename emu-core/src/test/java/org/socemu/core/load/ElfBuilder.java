package org.socemu.core.load;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.socemu.core.mem.Endian;

/**
 * Builds small ELF32 executables byte by byte for the loader tests, so that they run without a
 * cross toolchain. Layout: ELF header, program headers, segment contents (each with a section),
 * .symtab, .strtab, .shstrtab, section headers.
 */
final class ElfBuilder {
    private record Seg(long vaddr, long paddr, byte[] bytes, long memsz, int flags, String section) {}

    private record Sym(String name, long value, long size, int type, int bind, int segment) {}

    private final Endian endian;
    private final int machine;
    private int type = ElfFile.ET_EXEC;
    private long entry;
    private final List<Seg> segs = new ArrayList<>();
    private final List<Sym> syms = new ArrayList<>();

    ElfBuilder(Endian endian, int machine) {
        this.endian = endian;
        this.machine = machine;
    }

    ElfBuilder entry(long e) { this.entry = e; return this; }
    ElfBuilder type(int t) { this.type = t; return this; }

    /** Adds a PT_LOAD segment with its own section; returns its index. */
    int segment(long vaddr, long paddr, byte[] bytes, long memsz, int flags, String section) {
        segs.add(new Seg(vaddr, paddr, bytes, memsz, flags, section));
        return segs.size() - 1;
    }

    /** A symbol defined in segment {@code seg}'s section (or SHN_ABS when seg is -1). */
    ElfBuilder symbol(String name, long value, long size, int type, int bind, int seg) {
        syms.add(new Sym(name, value, size, type, bind, seg));
        return this;
    }

    byte[] build() {
        int phoff = 52, phnum = segs.size();
        int off = phoff + 32 * phnum;
        long[] segOff = new long[phnum];
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < phnum; i++) {
            while ((off + body.size()) % 4 != 0) body.write(0);
            segOff[i] = off + body.size();
            body.writeBytes(segs.get(i).bytes);
        }
        // String tables.
        Strtab shstr = new Strtab(), str = new Strtab();
        // Symbol table: null symbol first, then locals before globals as the ABI requires.
        List<Sym> ordered = new ArrayList<>();
        for (Sym s : syms) if (s.bind == ElfSymbol.STB_LOCAL) ordered.add(s);
        int firstGlobal = ordered.size() + 1;
        for (Sym s : syms) if (s.bind != ElfSymbol.STB_LOCAL) ordered.add(s);
        ByteBuffer symtab = buf(16 * (ordered.size() + 1));
        symtab.position(16);
        for (Sym s : ordered) {
            symtab.putInt(str.add(s.name)).putInt((int) s.value).putInt((int) s.size);
            symtab.put((byte) (s.bind << 4 | s.type)).put((byte) 0);
            symtab.putShort((short) (s.segment < 0 ? ElfSymbol.SHN_ABS : s.segment + 1));
        }
        while ((off + body.size()) % 4 != 0) body.write(0);
        long symOff = off + body.size();
        body.writeBytes(symtab.array());
        int symtabName = shstr.add(".symtab"), strtabName = shstr.add(".strtab"), shstrName = shstr.add(".shstrtab");
        int[] segNames = new int[phnum];
        for (int i = 0; i < phnum; i++) segNames[i] = shstr.add(segs.get(i).section);
        long strOff = off + body.size();
        byte[] strBytes = str.bytes();
        body.writeBytes(strBytes);
        long shstrOff = off + body.size();
        byte[] shstrBytes = shstr.bytes();
        body.writeBytes(shstrBytes);
        while ((off + body.size()) % 4 != 0) body.write(0);
        long shoff = off + body.size();
        int shnum = phnum + 4;  // null, one per segment, .symtab, .strtab, .shstrtab

        ByteBuffer sh = buf(40 * shnum);
        sh.position(40);
        for (int i = 0; i < phnum; i++) {
            Seg s = segs.get(i);
            boolean nobits = s.bytes.length == 0;
            section(sh, segNames[i], nobits ? ElfSection.SHT_NOBITS : ElfSection.SHT_PROGBITS, ElfSection.SHF_ALLOC,
                    s.vaddr, segOff[i], nobits ? s.memsz : s.bytes.length, 0, 0, 0);
        }
        section(sh, symtabName, ElfSection.SHT_SYMTAB, 0, 0, symOff, symtab.capacity(), phnum + 2, firstGlobal, 16);
        section(sh, strtabName, ElfSection.SHT_STRTAB, 0, 0, strOff, strBytes.length, 0, 0, 0);
        section(sh, shstrName, ElfSection.SHT_STRTAB, 0, 0, shstrOff, shstrBytes.length, 0, 0, 0);

        ByteBuffer ph = buf(32 * phnum);
        for (int i = 0; i < phnum; i++) {
            Seg s = segs.get(i);
            ph.putInt(ElfSegment.PT_LOAD).putInt((int) segOff[i]).putInt((int) s.vaddr).putInt((int) s.paddr)
              .putInt(s.bytes.length).putInt((int) s.memsz).putInt(s.flags).putInt(4);
        }

        ByteBuffer eh = buf(52);
        eh.put(new byte[] {0x7f, 'E', 'L', 'F', 1, (byte) (endian == Endian.LITTLE ? 1 : 2), 1, 0});
        eh.position(16);
        eh.putShort((short) type).putShort((short) machine).putInt(1).putInt((int) entry)
          .putInt(phnum == 0 ? 0 : phoff).putInt((int) shoff).putInt(0)
          .putShort((short) 52).putShort((short) 32).putShort((short) phnum)
          .putShort((short) 40).putShort((short) shnum).putShort((short) (shnum - 1));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(eh.array());
        out.writeBytes(ph.array());
        out.writeBytes(body.toByteArray());
        out.writeBytes(sh.array());
        return out.toByteArray();
    }

    private static void section(ByteBuffer sh, int name, int type, long flags, long addr, long offset, long size,
                                int link, int info, int entsize) {
        sh.putInt(name).putInt(type).putInt((int) flags).putInt((int) addr).putInt((int) offset).putInt((int) size)
          .putInt(link).putInt(info).putInt(4).putInt(entsize);
    }

    private ByteBuffer buf(int n) {
        return ByteBuffer.allocate(n).order(endian.order);
    }

    /** A string table: offset 0 is the empty string. */
    static final class Strtab {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Strtab() { bytes.write(0); }

        int add(String s) {
            int at = bytes.size();
            bytes.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            bytes.write(0);
            return at;
        }

        byte[] bytes() { return bytes.toByteArray(); }
    }
}
