package org.socemu.core.mem;

/**
 * Something that answers bus accesses: RAM, ROM or an MMIO device. Offsets are relative to the
 * region's start. Sizes are 1, 2 or 4 bytes; values are the numeric value of the access (the
 * bus's byte order is applied by memory regions, devices see register values).
 */
public interface Region {
    String name();

    long size();

    int read(long offset, int size);

    void write(long offset, int size, int value);

    /**
     * Reads without side effects (debugger, traces). Devices whose reads clear state override this;
     * memory is side-effect free already.
     */
    default int peek(long offset, int size) {
        return read(offset, size);
    }

    /** The RAM behind this region, if its pages may be read directly by a core's soft TLB. */
    default Ram ram() {
        return null;
    }

    /** True when stores may also go straight to {@link #ram()}'s pages (false for ROM). */
    default boolean directWrite() {
        return ram() != null;
    }
}
