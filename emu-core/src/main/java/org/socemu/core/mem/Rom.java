package org.socemu.core.mem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-only memory: a RAM whose stores from the bus are ignored (and logged once). Loaders fill
 * it through {@link #ram()}. Flash that is read memory-mapped is modelled by its controller.
 */
public final class Rom implements Region {
    private static final Logger log = LoggerFactory.getLogger(Rom.class);
    private final Ram backing;
    private boolean warned;

    public Rom(String name, long size, Endian endian) {
        this.backing = new Ram(name, size, endian);
    }

    @Override public String name() { return backing.name(); }
    @Override public long size() { return backing.size(); }

    @Override
    public int read(long offset, int size) {
        return backing.read(offset, size);
    }

    @Override
    public void write(long offset, int size, int value) {
        if (!warned) {
            warned = true;
            log.debug("{}: write to ROM at offset 0x{} ignored", name(), Long.toHexString(offset));
        }
    }

    @Override public Ram ram() { return backing; }
    @Override public boolean directWrite() { return false; }

    /** The backing store, for loaders. Cores may map it for reading only. */
    public Ram contents() {
        return backing;
    }
}
