package org.socemu.mips;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.socemu.core.mem.BusView;

/** Just enough of an ELF32 reader for test programs: load PT_LOAD segments at their physical addresses. */
final class Elf32 {
    private Elf32() {}

    /** Loads {@code elf} into {@code view} and returns the entry point. */
    static long load(byte[] elf, BusView view) {
        if (elf.length < 52 || elf[0] != 0x7F || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F' || elf[4] != 1)
            throw new IllegalArgumentException("not an ELF32 file");
        ByteBuffer b = ByteBuffer.wrap(elf).order(elf[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        long entry = b.getInt(24) & 0xFFFFFFFFL;
        int phoff = b.getInt(28), phentsize = b.getShort(42) & 0xFFFF, phnum = b.getShort(44) & 0xFFFF;
        for (int i = 0; i < phnum; i++) {
            int ph = phoff + i * phentsize;
            if (b.getInt(ph) != 1) continue; // PT_LOAD
            int offset = b.getInt(ph + 4), filesz = b.getInt(ph + 16);
            long paddr = b.getInt(ph + 12) & 0xFFFFFFFFL;
            view.load(paddr & 0x1FFFFFFFL, elf, offset, filesz);
        }
        return entry;
    }
}
