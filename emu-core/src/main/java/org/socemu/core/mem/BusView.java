package org.socemu.core.mem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What one core sees of the machine: a list of (base, size, target, offset) windows onto shared
 * regions. The i.MX7D's M4 sees TCM and DDR aliases that the A7 sees elsewhere; each has its own
 * view over the same {@link Region} objects.
 *
 * <p>Lookup goes through a 64 KiB-granule table over the 32-bit space (plus a sorted list for
 * addresses beyond 4 GiB), so a TLB miss or an MMIO access costs an array load and a range check.
 * Holes are reported to {@link UnmappedHandler}: they read as zero and ignore writes.
 */
public final class BusView {
    private static final int GRANULE_BITS = 16;

    /** Told about accesses that hit no mapping. */
    public interface UnmappedHandler {
        void unmapped(BusView view, long addr, int size, boolean write, int value);
    }

    private final String name;
    private final Endian endian;
    private final List<Mapping> mappings = new ArrayList<>();
    private final Object[] table = new Object[1 << (32 - GRANULE_BITS)];
    private UnmappedHandler unmapped = (v, a, s, w, val) -> {};

    public BusView(String name, Endian endian) {
        this.name = name;
        this.endian = endian;
    }

    public String name() { return name; }
    public Endian endian() { return endian; }
    public List<Mapping> mappings() { return List.copyOf(mappings); }

    public void setUnmappedHandler(UnmappedHandler h) {
        this.unmapped = h;
    }

    /** Maps {@code target} at guest address {@code base}; the whole region unless size says less. */
    public BusView map(long base, Region target) {
        return map(base, target.size(), target, 0);
    }

    public BusView map(long base, long size, Region target, long offset) {
        if (size <= 0 || offset < 0 || offset + size > target.size())
            throw new IllegalArgumentException(name + ": mapping of " + target.name() + " out of its bounds");
        for (Mapping m : mappings)
            if (base < m.end() && m.base() < base + size)
                throw new IllegalArgumentException(String.format("%s: %s at 0x%x overlaps %s at 0x%x",
                        name, target.name(), base, m.target().name(), m.base()));
        if (target.ram() != null && ((base | offset) & Ram.PAGE_MASK) != 0)
            throw new IllegalArgumentException(name + ": memory " + target.name() + " must be mapped 4 KiB-aligned");
        Mapping nm = new Mapping(base, size, target, offset);
        mappings.add(nm);
        mappings.sort(Comparator.comparingLong(Mapping::base));
        long first = base >>> GRANULE_BITS, last = Math.min(base + size - 1, 0xffffffffL) >>> GRANULE_BITS;
        for (long g = first; g <= last && base < (1L << 32); g++) {
            Object cur = table[(int) g];
            if (cur == null) table[(int) g] = nm;
            else if (cur instanceof Mapping one) table[(int) g] = new Mapping[] {one, nm};
            else {
                Mapping[] arr = (Mapping[]) cur;
                Mapping[] n = java.util.Arrays.copyOf(arr, arr.length + 1);
                n[arr.length] = nm;
                table[(int) g] = n;
            }
        }
        return this;
    }

    /** The mapping that holds {@code addr}, or null for a hole. */
    public Mapping find(long addr) {
        if (addr >= 0 && addr < (1L << 32)) {
            Object e = table[(int) (addr >>> GRANULE_BITS)];
            if (e == null) return null;
            if (e instanceof Mapping m) return m.contains(addr) ? m : null;
            for (Mapping m : (Mapping[]) e) if (m.contains(addr)) return m;
            return null;
        }
        for (Mapping m : mappings) if (m.contains(addr)) return m;
        return null;
    }

    public int read(long addr, int size) {
        Mapping m = find(addr);
        if (m == null || addr + size > m.end()) {
            unmapped.unmapped(this, addr, size, false, 0);
            return 0;
        }
        return m.target().read(addr - m.base() + m.offset(), size);
    }

    public void write(long addr, int size, int value) {
        Mapping m = find(addr);
        if (m == null || addr + size > m.end()) {
            unmapped.unmapped(this, addr, size, true, value);
            return;
        }
        m.target().write(addr - m.base() + m.offset(), size, value);
    }

    /** Side-effect-free read for debuggers and traces. */
    public int peek(long addr, int size) {
        Mapping m = find(addr);
        if (m == null || addr + size > m.end()) return 0;
        return m.target().peek(addr - m.base() + m.offset(), size);
    }

    public long read64(long addr) {
        long a = read(addr, 4) & 0xffffffffL, b = read(addr + 4, 4) & 0xffffffffL;
        return endian == Endian.LITTLE ? (b << 32) | a : (a << 32) | b;
    }

    public void write64(long addr, long value) {
        int lo = (int) value, hi = (int) (value >>> 32);
        write(addr, 4, endian == Endian.LITTLE ? lo : hi);
        write(addr + 4, 4, endian == Endian.LITTLE ? hi : lo);
    }

    /** Copies a byte array into guest memory (loaders): RAM and ROM contents, byte-wise otherwise. */
    public void load(long addr, byte[] data) {
        load(addr, data, 0, data.length);
    }

    public void load(long addr, byte[] data, int from, int len) {
        int done = 0;
        while (done < len) {
            long at = addr + done;
            Mapping m = find(at);
            if (m == null)
                throw new org.socemu.core.UserError(String.format(
                        "image does not fit in memory: address 0x%08x is not mapped in the %s view", at, name));
            int n = (int) Math.min(len - done, m.end() - at);
            Ram ram = m.target().ram();
            if (ram != null) ram.load(at - m.base() + m.offset(), data, from + done, n);
            else for (int i = 0; i < n; i++) m.target().write(at - m.base() + m.offset() + i, 1, data[from + done + i]);
            done += n;
        }
    }

    /** Reads guest memory into a new array, without device side effects. */
    public byte[] dump(long addr, int len) {
        byte[] out = new byte[len];
        for (int i = 0; i < len; ) {
            Mapping m = find(addr + i);
            if (m == null) { out[i++] = 0; continue; }
            int n = (int) Math.min(len - i, m.end() - (addr + i));
            Ram ram = m.target().ram();
            if (ram != null) ram.copyOut(addr + i - m.base() + m.offset(), out, i, n);
            else for (int k = 0; k < n; k++) out[i + k] = (byte) m.target().peek(addr + i + k - m.base() + m.offset(), 1);
            i += n;
        }
        return out;
    }
}
