package org.socemu.core.load;

import org.socemu.core.UserError;
import org.socemu.core.mem.BusView;
import org.socemu.core.mem.Mapping;
import org.socemu.core.mem.Ram;

/**
 * How loaders write into a bus view: they first check that the whole destination is memory (RAM
 * or ROM contents, not a device and not a hole), so that an image that does not fit gives one
 * clear error naming the file, before anything is written.
 */
public final class GuestMemory {
    private static final byte[] ZEROS = new byte[Ram.PAGE_SIZE];

    private GuestMemory() {}

    /**
     * Checks that [addr, addr+len) is memory in {@code view}; otherwise a {@link UserError} such
     * as "vmlinux: segment 1 at 0x04000000..0x04001000 does not fit in memory: 0x04000000 is not
     * mapped in the system view".
     */
    public static void requireMemory(BusView view, long addr, long len, String file, String what) {
        if (addr < 0 || len < 0 || addr + len < addr)
            throw new UserError(String.format("%s: %s of 0x%x bytes at 0x%x is outside the address space", file, what, len, addr));
        AddressRange want = new AddressRange(addr, len);
        long at = addr;
        while (at < addr + len) {
            Mapping m = view.find(at);
            if (m == null)
                throw new UserError(String.format("%s: %s at %s does not fit in memory: 0x%08x is not mapped in the %s view",
                        file, what, want, at, view.name()));
            if (m.target().ram() == null)
                throw new UserError(String.format("%s: %s at %s does not fit in memory: 0x%08x is device %s, not memory",
                        file, what, want, at, m.target().name()));
            at = m.end();
        }
    }

    /** Copies {@code data[from..from+len)} to guest address {@code addr} after {@link #requireMemory}. */
    public static AddressRange copy(BusView view, long addr, byte[] data, int from, int len, String file, String what) {
        requireMemory(view, addr, len, file, what);
        view.load(addr, data, from, len);
        return new AddressRange(addr, len);
    }

    /**
     * Zeroes [addr, addr+len) (a segment's bss). Pages of RAM that were never written already read
     * as zero and are left unallocated, so a large bss costs no host memory.
     */
    public static void zero(BusView view, long addr, long len, String file, String what) {
        requireMemory(view, addr, len, file, what);
        long at = addr, end = addr + len;
        while (at < end) {
            Mapping m = view.find(at);
            Ram ram = m.target().ram();
            long off = at - m.base() + m.offset();
            int inPage = (int) Math.min(Ram.PAGE_SIZE - (off & Ram.PAGE_MASK), Math.min(end, m.end()) - at);
            if (ram.pageForRead((int) (off >>> Ram.PAGE_BITS)) != null) ram.load(off, ZEROS, 0, inPage);
            at += inPage;
        }
    }
}
