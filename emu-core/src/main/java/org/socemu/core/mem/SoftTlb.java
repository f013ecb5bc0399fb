package org.socemu.core.mem;

import java.util.Arrays;

/**
 * A core's software TLB: a direct-mapped cache from virtual 4 KiB page to the host byte[] page
 * that holds it, separately for reads, writes and instruction fetch. Cores fill it from their MMU
 * walk and check it inline on every load, store and fetch:
 *
 * <pre>
 *   int i = (va >>> 12) &amp; SoftTlb.MASK;
 *   if (tlb.readTag[i] == (va &gt;&gt;&gt; 12)) value = (int) I32.get(tlb.readPage[i], va &amp; 0xfff);
 *   else value = slowLoad(va);
 * </pre>
 *
 * Tags hold the virtual page number; {@link #INVALID} can never match a 20-bit page number. Only
 * RAM (and ROM for reads and fetch) enters the TLB; MMIO always takes the slow path. A core keeps
 * one SoftTlb per translation regime it needs (for instance user and kernel), and flushes it on
 * TLB maintenance, context changes, and when {@link Ram} says a page became code-watched.
 */
public final class SoftTlb implements Ram.CodeListener {
    public static final int BITS = 10;
    public static final int SIZE = 1 << BITS;
    public static final int MASK = SIZE - 1;
    public static final int INVALID = -1;

    public final int[] readTag = new int[SIZE];
    public final byte[][] readPage = new byte[SIZE][];
    public final int[] writeTag = new int[SIZE];
    public final byte[][] writePage = new byte[SIZE][];
    public final int[] execTag = new int[SIZE];
    public final byte[][] execPage = new byte[SIZE][];
    /** Physical origin of each write entry, so code-watching a page can drop its write mappings. */
    private final Ram[] writeRam = new Ram[SIZE];
    private final int[] writeRamPage = new int[SIZE];
    /** Physical address of each exec entry's page (decoded-block caches key on it). */
    public final long[] execPhys = new long[SIZE];

    /**
     * log2 of the largest translation granule (page, section, block) cached since the last full
     * flush: a by-address invalidation must drop every cached 4 KiB piece of the mapping that
     * contains the address, and this says how far around it to look.
     */
    private int largestMapping = 12;

    public SoftTlb() {
        flush();
    }

    /** Tells the TLB that the entry about to be filled comes from a mapping of 2^bits bytes. */
    public void noteMapping(int bits) {
        if (bits > largestMapping) largestMapping = bits;
    }

    /**
     * Drops every cached piece of the translation that maps virtual address {@code va} (an
     * invalidate-by-MVA): one entry when only small pages were cached, the aligned block around
     * {@code va} otherwise, everything when that block is as large as the TLB.
     */
    public void flushVirtual(int va) {
        int bits = largestMapping - 12;
        if (bits >= BITS) {
            flush();
            return;
        }
        int pages = 1 << bits, first = (va >>> 12) & -pages;
        for (int k = 0; k < pages; k++) flushPage(first + k);
    }

    public void flush() {
        largestMapping = 12;
        Arrays.fill(readTag, INVALID);
        Arrays.fill(writeTag, INVALID);
        Arrays.fill(execTag, INVALID);
        Arrays.fill(readPage, null);
        Arrays.fill(writePage, null);
        Arrays.fill(execPage, null);
        Arrays.fill(writeRam, null);
    }

    /** Drops every mapping of virtual page {@code vpn}. */
    public void flushPage(int vpn) {
        int i = vpn & MASK;
        if (readTag[i] == vpn) { readTag[i] = INVALID; readPage[i] = null; }
        if (writeTag[i] == vpn) { writeTag[i] = INVALID; writePage[i] = null; writeRam[i] = null; }
        if (execTag[i] == vpn) { execTag[i] = INVALID; execPage[i] = null; }
    }

    public void fillRead(int vpn, byte[] page) {
        int i = vpn & MASK;
        readTag[i] = vpn;
        readPage[i] = page;
    }

    /** Maps a page for stores; refused (returns false) for a page that holds decoded code. */
    public boolean fillWrite(int vpn, Ram ram, int ramPage) {
        if (ram.isWatched(ramPage)) return false;
        int i = vpn & MASK;
        writeTag[i] = vpn;
        writePage[i] = ram.pageForWrite(ramPage);
        writeRam[i] = ram;
        writeRamPage[i] = ramPage;
        return true;
    }

    public void fillExec(int vpn, byte[] page, long physPage) {
        int i = vpn & MASK;
        execTag[i] = vpn;
        execPage[i] = page;
        execPhys[i] = physPage;
    }

    @Override
    public void pageWatched(Ram ram, int pageIndex) {
        for (int i = 0; i < SIZE; i++)
            if (writeRam[i] == ram && writeRamPage[i] == pageIndex) {
                writeTag[i] = INVALID;
                writePage[i] = null;
                writeRam[i] = null;
            }
    }

    @Override
    public void codeWritten(Ram ram, int pageIndex) {
        // Decoded blocks are the core's business; the TLB has nothing to drop here.
    }
}
