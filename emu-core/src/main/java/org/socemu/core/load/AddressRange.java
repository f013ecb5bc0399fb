package org.socemu.core.load;

/**
 * A span of guest addresses [start, start+size): where a loader put something, or a window of
 * RAM in which a boot protocol may place an image.
 */
public record AddressRange(long start, long size) {
    public AddressRange {
        if (size < 0) throw new IllegalArgumentException("negative size " + size);
    }

    public long end() {
        return start + size;
    }

    public boolean contains(long addr) {
        return addr >= start && addr - start < size;
    }

    public boolean contains(AddressRange r) {
        return r.start >= start && r.end() <= end();
    }

    public boolean overlaps(AddressRange r) {
        return size > 0 && r.size > 0 && start < r.end() && r.start < end();
    }

    @Override
    public String toString() {
        return String.format("0x%08x..0x%08x", start, end());
    }
}
