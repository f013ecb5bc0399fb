package org.socemu.mips;

import org.socemu.core.mem.Ram;

/**
 * A run of decoded instructions starting at physical address {@link #phys}: straight-line code up
 * to and including a branch's delay slot, an op that ends blocks, the end of the 4 KiB page, or
 * {@link BlockCache#MAX_LENGTH} instructions.
 */
final class Block {
    final long phys;
    final int[] raw;
    final Op[] ops;
    final int length;
    /** The RAM page the code came from (null for code fetched from a device, which is never cached). */
    final Ram ram;
    final int page;

    Block(long phys, int[] raw, Op[] ops, int length, Ram ram, int page) {
        this.phys = phys;
        this.raw = raw;
        this.ops = ops;
        this.length = length;
        this.ram = ram;
        this.page = page;
    }
}
