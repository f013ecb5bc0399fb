package org.socemu.mips;

/**
 * The 24Kc joint TLB: {@code n} dual entries, each mapping an even/odd pair of pages of
 * PageMask-given size for one ASID (or all, with G). TLBP/TLBR/TLBWI/TLBWR move entries to and from
 * CP0's EntryHi/EntryLo0/EntryLo1/PageMask/Index. A lookup here only happens on a soft-TLB miss.
 */
final class Tlb {
    /** EntryLo fields. */
    static final int LO_G = 1, LO_V = 2, LO_D = 4;

    final int[] vpn2;     // EntryHi bits 31:13 (already masked by the entry's PageMask)
    final int[] asid;
    final int[] mask;     // PageMask bits 28:13
    final int[] lo0, lo1; // EntryLo0/1 as written, G folded into both
    final boolean[] global;

    Tlb(int entries) {
        vpn2 = new int[entries];
        asid = new int[entries];
        mask = new int[entries];
        lo0 = new int[entries];
        lo1 = new int[entries];
        global = new boolean[entries];
        reset();
    }

    int size() {
        return vpn2.length;
    }

    /**
     * Makes every entry unmatchable. Real hardware leaves the TLB undefined at reset and software
     * initialises it; we give each entry a distinct kseg0 VPN2 so no two ever match the same address.
     */
    void reset() {
        for (int i = 0; i < vpn2.length; i++) {
            vpn2[i] = 0x80000000 + (i << 13);
            asid[i] = 0;
            mask[i] = 0;
            lo0[i] = lo1[i] = 0;
            global[i] = false;
        }
    }

    /** The index of the entry that maps {@code va} for {@code currentAsid}, or -1. */
    int find(int va, int currentAsid) {
        for (int i = 0; i < vpn2.length; i++) {
            int m = ~(mask[i] | 0x1FFF);
            if ((va & m) == (vpn2[i] & m) && (global[i] || asid[i] == currentAsid)) return i;
        }
        return -1;
    }

    /** The EntryLo that maps {@code va} in entry {@code i} (even or odd page). */
    int loFor(int i, int va) {
        int pageSize = ((mask[i] | 0x1FFF) + 1) >>> 1;
        return (va & pageSize) == 0 ? lo0[i] : lo1[i];
    }

    /** Size in bytes of the pages of entry {@code i}. */
    int pageSize(int i) {
        return ((mask[i] | 0x1FFF) + 1) >>> 1;
    }

    /** Physical address of {@code va} through EntryLo {@code lo} of entry {@code i}. */
    long physical(int i, int lo, int va) {
        long size = pageSize(i);
        long base = ((long) (lo >>> 6) & 0xFFFFF) << 12;
        return (base & ~(size - 1)) | (va & (size - 1));
    }

    // ---- the TLB instructions ----

    void probe(Cp0 cp0) {
        int hit = find(cp0.entryHi & 0xFFFFE000, cp0.asid());
        // TLBP compares VPN2 under each entry's own mask, which find() does with the EntryHi address.
        cp0.index = hit < 0 ? 0x80000000 | (cp0.index & 0x7FFFFFFF) : hit;
    }

    void read(Cp0 cp0, int i) {
        i %= vpn2.length;
        cp0.pageMask = mask[i];
        cp0.entryHi = (vpn2[i] & ~mask[i]) | asid[i];
        cp0.entryLo0 = lo0[i];
        cp0.entryLo1 = lo1[i];
    }

    void write(Cp0 cp0, int i) {
        i %= vpn2.length;
        mask[i] = cp0.pageMask;
        vpn2[i] = cp0.entryHi & ~(mask[i] | 0x1FFF);
        asid[i] = cp0.asid();
        global[i] = (cp0.entryLo0 & cp0.entryLo1 & LO_G) != 0;
        int g = global[i] ? LO_G : 0;
        lo0[i] = (cp0.entryLo0 & ~LO_G) | g;
        lo1[i] = (cp0.entryLo1 & ~LO_G) | g;
    }
}
