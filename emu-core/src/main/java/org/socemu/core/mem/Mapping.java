package org.socemu.core.mem;

/** One window of a bus view: guest addresses [base, base+size) reach {@code target} at {@code offset}. */
public record Mapping(long base, long size, Region target, long offset) {
    public boolean contains(long addr) {
        return addr - base >= 0 && addr - base < size;
    }

    public long end() {
        return base + size;
    }
}
