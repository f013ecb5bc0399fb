package org.socemu.armv7;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.socemu.core.mem.Ram;

/**
 * Decoded instructions, kept per physical 4 KiB page. A page that holds decoded code is watched in
 * its {@link Ram}; any store to it (this core's, another core's, DMA) reaches {@link #codeWritten}
 * and drops the page's decoded handlers, which are decoded again on their next execution.
 */
final class CodeCache implements Ram.CodeListener {
    /** The decoded handlers of one physical page: A32 by word, T32 by halfword. */
    static final class Page {
        final Ram ram;
        final int index;
        final A32Op[] arm = new A32Op[Ram.PAGE_SIZE / 4];
        final ThumbOp[] thumb = new ThumbOp[Ram.PAGE_SIZE / 2];

        Page(Ram ram, int index) {
            this.ram = ram;
            this.index = index;
        }

        /** Called on a decode miss: the page must be (again) watched before its code is trusted. */
        void watch() {
            ram.watch(index);
        }
    }

    private final Map<Ram, Map<Integer, Page>> pages = new HashMap<>();

    Page page(Ram ram, int index) {
        Map<Integer, Page> m = pages.computeIfAbsent(ram, k -> new HashMap<>());
        Page p = m.get(index);
        if (p == null) {
            p = new Page(ram, index);
            m.put(index, p);
        }
        return p;
    }

    @Override
    public void codeWritten(Ram ram, int pageIndex) {
        Map<Integer, Page> m = pages.get(ram);
        Page p = m == null ? null : m.get(pageIndex);
        if (p != null) {
            Arrays.fill(p.arm, null);
            Arrays.fill(p.thumb, null);
        }
    }

    void clear() {
        for (Map<Integer, Page> m : pages.values())
            for (Page p : m.values()) {
                Arrays.fill(p.arm, null);
                Arrays.fill(p.thumb, null);
            }
    }
}
