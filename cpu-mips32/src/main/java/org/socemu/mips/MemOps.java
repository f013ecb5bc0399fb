package org.socemu.mips;

import static org.socemu.mips.Fields.*;

/**
 * The loads and stores that are more than one access: the unaligned word pairs LWL/LWR/SWL/SWR
 * (read-modify-write of the aligned word, byte lanes by endianness) and LL/SC.
 */
final class MemOps {
    private MemOps() {}

    /**
     * Number of bytes of the word at {@code va & ~3} that lie at or above {@code va} in memory order
     * when viewed as a big-endian word: the "left" part's byte offset. Little-endian mirrors it.
     */
    private static int leftOffset(Mips24k c, int va) {
        int b = va & 3;
        return c.mmu.bigEndian() ? b : 3 - b;
    }

    static void lwl(Mips24k c, int i) {
        int va = c.r[rs(i)] + simm(i);
        int word = c.mmu.lw(va & ~3);
        int shift = 8 * leftOffset(c, va);
        int keep = shift == 0 ? 0 : (1 << shift) - 1;
        c.set(rt(i), (word << shift) | (c.r[rt(i)] & keep));
    }

    static void lwr(Mips24k c, int i) {
        int va = c.r[rs(i)] + simm(i);
        int word = c.mmu.lw(va & ~3);
        int shift = 8 * (3 - leftOffset(c, va));
        int keep = shift == 0 ? 0 : ~(-1 >>> shift);
        c.set(rt(i), (word >>> shift) | (c.r[rt(i)] & keep));
    }

    static void swl(Mips24k c, int i) {
        int va = c.r[rs(i)] + simm(i);
        int shift = 8 * leftOffset(c, va);
        int word = c.mmu.lw(va & ~3);
        int keep = shift == 0 ? 0 : ~(-1 >>> shift);
        c.mmu.sw(va & ~3, (c.r[rt(i)] >>> shift) | (word & keep));
    }

    static void swr(Mips24k c, int i) {
        int va = c.r[rs(i)] + simm(i);
        int shift = 8 * (3 - leftOffset(c, va));
        int word = c.mmu.lw(va & ~3);
        int keep = shift == 0 ? 0 : (1 << shift) - 1;
        c.mmu.sw(va & ~3, (c.r[rt(i)] << shift) | (word & keep));
    }

    static void ll(Mips24k c, int i) {
        int va = c.r[rs(i)] + simm(i);
        int v = c.mmu.lw(va);
        c.cp0.lladdr = va >>> 4; // architecturally the physical address; nothing we run reads it
        c.llBit = true;
        c.set(rt(i), v);
    }

    /** SC stores only while the link bit holds; ERET and another core running clear it. */
    static void sc(Mips24k c, int i) {
        int va = c.r[rs(i)] + simm(i);
        if (c.llBit) {
            c.mmu.sw(va, c.r[rt(i)]);
            c.llBit = false;
            c.set(rt(i), 1);
        } else {
            if ((va & 3) != 0) throw c.exc.addressError(va, true);
            c.set(rt(i), 0);
        }
    }
}
