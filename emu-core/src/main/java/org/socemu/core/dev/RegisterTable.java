package org.socemu.core.dev;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A device's registers in one place, declared as the manual's register table lists them. */
public final class RegisterTable {
    private final Map<Integer, Register> byOffset = new HashMap<>();
    private final List<Register> all = new ArrayList<>();

    public Register word(int offset, String name) {
        return add(offset, name, 4);
    }

    public Register half(int offset, String name) {
        return add(offset, name, 2);
    }

    public Register bytes(int offset, String name) {
        return add(offset, name, 1);
    }

    /** {@code count} word registers at {@code offset + i * stride}, named {@code name + i}. */
    public Register[] words(int offset, int stride, int count, String name) {
        Register[] out = new Register[count];
        for (int i = 0; i < count; i++) out[i] = word(offset + i * stride, name + i);
        return out;
    }

    private Register add(int offset, String name, int width) {
        if (offset % width != 0) throw new IllegalArgumentException(name + ": misaligned register offset");
        for (int i = 0; i < width; i++)
            if (find(offset + i) != null) throw new IllegalArgumentException(name + ": overlaps " + find(offset + i).name);
        Register r = new Register(offset, name, width);
        byOffset.put(offset, r);
        all.add(r);
        return r;
    }

    /** The register whose bytes include {@code offset}, or null. */
    public Register find(int offset) {
        Register r = byOffset.get(offset);
        if (r != null) return r;
        r = byOffset.get(offset & ~1);
        if (r != null && r.width > offset - r.offset) return r;
        r = byOffset.get(offset & ~3);
        if (r != null && r.width > offset - r.offset) return r;
        return null;
    }

    public Register get(String name) {
        for (Register r : all) if (r.name.equals(name)) return r;
        throw new IllegalArgumentException("no register " + name);
    }

    public List<Register> all() {
        return List.copyOf(all);
    }

    public void reset() {
        for (Register r : all) r.doReset();
    }
}
