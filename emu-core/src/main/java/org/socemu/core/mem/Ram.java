package org.socemu.core.mem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sparse RAM: 4 KiB host pages allocated on first write; reads of an untouched page give zero and
 * allocate nothing, so a 1 GiB board that boots in 60 MiB uses 60 MiB.
 *
 * <p>Cores map allocated pages straight into their soft TLBs ({@link #pageForRead},
 * {@link #pageForWrite}). Pages that hold decoded guest code are "watched": a core must not give
 * itself a direct write mapping of a watched page, so every store to it comes through
 * {@link #write}, which tells the {@link CodeListener}s to drop their decoded blocks.
 */
public final class Ram implements Region {
    public static final int PAGE_BITS = 12;
    public static final int PAGE_SIZE = 1 << PAGE_BITS;
    public static final int PAGE_MASK = PAGE_SIZE - 1;

    /** Told when a page holding decoded code is written, and when a page becomes watched. */
    public interface CodeListener {
        /** A store (or DMA, or loader) changed page {@code pageIndex}, which held decoded code. */
        void codeWritten(Ram ram, int pageIndex);

        /** Page {@code pageIndex} now holds code: drop any direct write mapping of it. */
        default void pageWatched(Ram ram, int pageIndex) {}
    }

    private final String name;
    private final long size;
    private final Endian endian;
    private final byte[][] pages;
    private final boolean[] watched;
    private final List<CodeListener> listeners = new ArrayList<>();
    private int allocated;

    public Ram(String name, long size, Endian endian) {
        if (size <= 0 || (size & PAGE_MASK) != 0 || (size >> PAGE_BITS) > Integer.MAX_VALUE)
            throw new IllegalArgumentException("RAM size must be a positive multiple of 4 KiB: " + size);
        this.name = name;
        this.size = size;
        this.endian = endian;
        int n = (int) (size >> PAGE_BITS);
        this.pages = new byte[n][];
        this.watched = new boolean[n];
    }

    @Override public String name() { return name; }
    @Override public long size() { return size; }
    @Override public Ram ram() { return this; }
    public Endian endian() { return endian; }

    /** Host pages allocated so far (the memory the guest really used). */
    public int allocatedPages() { return allocated; }

    /** The host page for reading, or null if never written (reads as zero). */
    public byte[] pageForRead(int pageIndex) {
        return pages[pageIndex];
    }

    /** The host page for writing, allocated if needed. Callers must respect {@link #isWatched}. */
    public byte[] pageForWrite(int pageIndex) {
        byte[] p = pages[pageIndex];
        if (p == null) {
            p = new byte[PAGE_SIZE];
            pages[pageIndex] = p;
            allocated++;
        }
        return p;
    }

    public boolean isWatched(int pageIndex) {
        return watched[pageIndex];
    }

    /** Marks a page as holding decoded code: stores to it must take the slow path from now on. */
    public void watch(int pageIndex) {
        if (watched[pageIndex]) return;
        watched[pageIndex] = true;
        for (CodeListener l : listeners) l.pageWatched(this, pageIndex);
    }

    public void addCodeListener(CodeListener l) {
        listeners.add(l);
    }

    private void written(int pageIndex) {
        if (watched[pageIndex]) {
            watched[pageIndex] = false;
            for (CodeListener l : listeners) l.codeWritten(this, pageIndex);
        }
    }

    @Override
    public int read(long offset, int size) {
        byte[] p = pages[(int) (offset >>> PAGE_BITS)];
        if (p == null) return 0;
        int o = (int) offset & PAGE_MASK;
        if (o + size > PAGE_SIZE) return readSplit(offset, size);
        return switch (size) {
            case 1 -> p[o] & 0xff;
            case 2 -> ((short) endian.i16.get(p, o)) & 0xffff;
            case 4 -> (int) endian.i32.get(p, o);
            default -> throw new IllegalArgumentException("access size " + size);
        };
    }

    @Override
    public void write(long offset, int size, int value) {
        int pi = (int) (offset >>> PAGE_BITS);
        int o = (int) offset & PAGE_MASK;
        if (o + size > PAGE_SIZE) {
            writeSplit(offset, size, value);
            return;
        }
        byte[] p = pageForWrite(pi);
        switch (size) {
            case 1 -> p[o] = (byte) value;
            case 2 -> endian.i16.set(p, o, (short) value);
            case 4 -> endian.i32.set(p, o, value);
            default -> throw new IllegalArgumentException("access size " + size);
        }
        written(pi);
    }

    public long read64(long offset) {
        long a = read(offset, 4) & 0xffffffffL, b = read(offset + 4, 4) & 0xffffffffL;
        return endian == Endian.LITTLE ? (b << 32) | a : (a << 32) | b;
    }

    public void write64(long offset, long value) {
        int lo = (int) value, hi = (int) (value >>> 32);
        write(offset, 4, endian == Endian.LITTLE ? lo : hi);
        write(offset + 4, 4, endian == Endian.LITTLE ? hi : lo);
    }

    private int readSplit(long offset, int size) {
        int v = 0;
        for (int i = 0; i < size; i++) {
            int b = read(offset + i, 1);
            v |= endian == Endian.LITTLE ? b << (8 * i) : b << (8 * (size - 1 - i));
        }
        return v;
    }

    private void writeSplit(long offset, int size, int value) {
        for (int i = 0; i < size; i++) {
            int shift = endian == Endian.LITTLE ? 8 * i : 8 * (size - 1 - i);
            write(offset + i, 1, value >>> shift);
        }
    }

    /** Copies bytes in (loaders, DMA). */
    public void load(long offset, byte[] data, int from, int len) {
        if (offset < 0 || offset + len > size) throw new IndexOutOfBoundsException("load past end of " + name);
        int done = 0;
        while (done < len) {
            long at = offset + done;
            int pi = (int) (at >>> PAGE_BITS);
            int o = (int) at & PAGE_MASK;
            int n = Math.min(PAGE_SIZE - o, len - done);
            System.arraycopy(data, from + done, pageForWrite(pi), o, n);
            written(pi);
            done += n;
        }
    }

    /** Copies bytes out (debugger, DMA). Untouched pages read as zero. */
    public void copyOut(long offset, byte[] dst, int from, int len) {
        int done = 0;
        while (done < len) {
            long at = offset + done;
            int pi = (int) (at >>> PAGE_BITS);
            int o = (int) at & PAGE_MASK;
            int n = Math.min(PAGE_SIZE - o, len - done);
            byte[] p = pages[pi];
            if (p == null) Arrays.fill(dst, from + done, from + done + n, (byte) 0);
            else System.arraycopy(p, o, dst, from + done, n);
            done += n;
        }
    }

    /** Drops every page (power-on reset of volatile memory). */
    public void clear() {
        for (int i = 0; i < pages.length; i++) {
            if (pages[i] != null) written(i);
            pages[i] = null;
        }
        allocated = 0;
    }
}
