package org.socemu.mips;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.socemu.core.mem.BusView;
import org.socemu.core.mem.Mapping;
import org.socemu.core.mem.Ram;
import org.socemu.core.mem.Region;

/**
 * Decoded blocks keyed by physical address: a direct-mapped front array for the common hit and a
 * map behind it. A RAM page that holds decoded code is watched ({@link Ram#watch}); a store, DMA
 * or load into it reaches {@link #codeWritten}, which drops that page's blocks. Code fetched from a
 * device (flash behind a controller) is decoded every time and never cached.
 */
final class BlockCache implements Ram.CodeListener {
    static final int MAX_LENGTH = 64;
    private static final int SLOTS = 1 << 14;

    private final BusView view;
    private final Block[] slots = new Block[SLOTS];
    private Map<Long, Block> all = new HashMap<>();
    private final Map<Ram, Map<Integer, List<Block>>> byPage = new IdentityHashMap<>();
    private long decoded;

    BlockCache(BusView view) {
        this.view = view;
    }

    long decodedBlocks() {
        return decoded;
    }

    /** The block at physical address {@code pa}, decoding it on a miss. */
    Block get(long pa) {
        int s = slot(pa);
        Block b = slots[s];
        if (b != null && b.phys == pa) return b;
        b = all.get(pa);
        if (b == null) {
            b = decode(pa);
            if (b.ram == null) return b;
        }
        slots[s] = b;
        return b;
    }

    private Block decode(long pa) {
        decoded++;
        Mapping m = view.find(pa);
        if (m == null) return decodeHole(pa);
        Region target = m.target();
        long off = pa - m.base() + m.offset();
        int room = (int) Math.min((Ram.PAGE_SIZE - (pa & 0xFFF)) >>> 2, (m.end() - pa) >>> 2);
        int max = Math.min(room, MAX_LENGTH);
        if (max == 0) return decodeHole(pa); // a word straddling the end of a mapping
        int[] raw = new int[max];
        Op[] ops = new Op[max];
        int n = 0;
        while (n < max) {
            int w = target.read(off + 4L * n, 4);
            Op op = Decoder.decode(w);
            raw[n] = w;
            ops[n++] = op;
            if (op.branch) {
                if (n < max) {
                    raw[n] = target.read(off + 4L * n, 4);
                    ops[n] = Decoder.decode(raw[n]);
                    n++;
                }
                break;
            }
            if (op.endsBlock) break;
        }
        raw = Arrays.copyOf(raw, n);
        ops = Arrays.copyOf(ops, n);
        Ram ram = target.ram();
        if (ram == null || (pa & ~0xFFFL) < m.base() || (pa | 0xFFF) >= m.end()) return new Block(pa, raw, ops, n, null, 0);
        int page = (int) (off >>> Ram.PAGE_BITS);
        Block b = new Block(pa, raw, ops, n, ram, page);
        all.put(pa, b);
        byPage.computeIfAbsent(ram, r -> new HashMap<>()).computeIfAbsent(page, p -> new ArrayList<>()).add(b);
        ram.watch(page);
        return b;
    }

    /** Fetch from an unmapped address with bus errors off: one word as the bus reads it (zero, logged). */
    private Block decodeHole(long pa) {
        int w = view.read(pa, 4);
        return new Block(pa, new int[] {w}, new Op[] {Decoder.decode(w)}, 1, null, 0);
    }

    @Override
    public void codeWritten(Ram ram, int pageIndex) {
        Map<Integer, List<Block>> pages = byPage.get(ram);
        if (pages == null) return;
        List<Block> blocks = pages.remove(pageIndex);
        if (blocks == null) return;
        for (Block b : blocks) drop(b);
    }

    private void drop(Block b) {
        if (all.get(b.phys) == b) all.remove(b.phys);
        int s = slot(b.phys);
        if (slots[s] == b) slots[s] = null;
    }

    private static int slot(long pa) {
        return (int) (pa >>> 2) & (SLOTS - 1);
    }

    /** Drops the blocks decoded from the page holding physical address {@code pa} (I-cache hit ops, SYNCI). */
    void invalidatePhys(long pa) {
        Mapping m = view.find(pa);
        if (m == null || m.target().ram() == null) return;
        codeWritten(m.target().ram(), (int) ((pa - m.base() + m.offset()) >>> Ram.PAGE_BITS));
    }

    /** Drops every decoded block (I-cache index ops). */
    void flush() {
        if (all.isEmpty()) return;
        // Index-type I-cache loops flush once per cache line: keep each flush proportional to what is cached.
        if (all.size() < SLOTS / 8) {
            for (Block b : all.values()) {
                int s = slot(b.phys);
                if (slots[s] == b) slots[s] = null;
            }
        } else {
            Arrays.fill(slots, null);
        }
        all = new HashMap<>();
        byPage.clear();
    }
}
