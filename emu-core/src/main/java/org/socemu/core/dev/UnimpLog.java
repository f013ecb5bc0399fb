package org.socemu.core.dev;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accesses to registers nobody modelled and to bus holes, once per (device, offset, direction).
 * Recorded always; printed to stderr when tracing is on (`--trace unimp`), like QEMU's -d unimp.
 */
public final class UnimpLog {
    private static final Logger log = LoggerFactory.getLogger(UnimpLog.class);

    /** One distinct unmodelled access. */
    public record Entry(String where, long offset, boolean write, int size, int firstValue, long firstPc) {
        @Override
        public String toString() {
            return String.format("%s: unimplemented %s of %d bytes at offset 0x%x%s (pc 0x%08x)", where,
                    write ? "write" : "read", size, offset, write ? String.format(" value 0x%x", firstValue) : "", firstPc);
        }
    }

    private final Map<String, Entry> seen = new LinkedHashMap<>();
    private LongSupplier pc = () -> 0;
    private PrintStream trace;

    public void setPcSource(LongSupplier pc) {
        this.pc = pc;
    }

    /** Starts or stops printing new entries to {@code out} (null stops). */
    public void setTrace(PrintStream out) {
        this.trace = out;
    }

    public boolean tracing() {
        return trace != null;
    }

    public void record(String where, long offset, boolean write, int size, int value) {
        String key = where + (write ? ":w:" : ":r:") + offset;
        if (seen.containsKey(key)) return;
        Entry e = new Entry(where, offset, write, size, value, pc.getAsLong());
        seen.put(key, e);
        log.debug("{}", e);
        PrintStream t = trace;
        if (t != null) t.println("socemu: " + e);
    }

    public java.util.Collection<Entry> entries() {
        return java.util.List.copyOf(seen.values());
    }
}
