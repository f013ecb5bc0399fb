package org.socemu.core.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Symbols of an image, for traces and the debugger: lookup by name, and address to
 * "symbol+offset". Built once; lookups by address are a binary search over a sorted array.
 */
public final class SymbolTable {
    public static final SymbolTable EMPTY = new SymbolTable(List.of());

    /** How far back {@link #lookup} searches for an enclosing symbol when the nearest one has ended. */
    private static final int ENCLOSING_SCAN = 16;

    private final List<ElfSymbol> all;
    private final Map<String, ElfSymbol> byName = new HashMap<>();
    private final ElfSymbol[] sorted;
    private final long[] addresses;

    public SymbolTable(List<ElfSymbol> symbols) {
        this.all = Collections.unmodifiableList(new ArrayList<>(symbols));
        List<ElfSymbol> placed = new ArrayList<>();
        for (ElfSymbol s : symbols) {
            if (s.name().isEmpty()) continue;
            ElfSymbol old = byName.get(s.name());
            // Static functions of the same name may exist in many files: the global one wins.
            if (old == null || !old.isGlobal() && s.isGlobal()) byName.put(s.name(), s);
            if (usableForAddresses(s)) placed.add(s);
        }
        placed.sort(Comparator.comparingLong(ElfSymbol::address).thenComparingInt(SymbolTable::preference));
        this.sorted = placed.toArray(new ElfSymbol[0]);
        this.addresses = new long[sorted.length];
        for (int i = 0; i < sorted.length; i++) addresses[i] = sorted[i].address();
    }

    /** Section and file symbols and ARM/MIPS mapping symbols ("$a", "$d", "$t") name no place in code. */
    private static boolean usableForAddresses(ElfSymbol s) {
        return s.isPlaced() && s.type() != ElfSymbol.STT_SECTION && s.type() != ElfSymbol.STT_FILE
                && !s.name().startsWith("$");
    }

    /** Among symbols at one address, the last in sort order is the one shown: typed, global, sized. */
    private static int preference(ElfSymbol s) {
        int p = 0;
        if (s.type() == ElfSymbol.STT_FUNC || s.type() == ElfSymbol.STT_OBJECT) p += 4;
        if (s.isGlobal()) p += 2;
        if (s.size() > 0) p += 1;
        return p;
    }

    /** Every symbol, in file order. */
    public List<ElfSymbol> all() {
        return all;
    }

    public int size() {
        return all.size();
    }

    /** The symbol called {@code name} (a global one if several share the name), or null. */
    public ElfSymbol get(String name) {
        return byName.get(name);
    }

    /**
     * The symbol that holds {@code addr}: one whose extent contains it, or the nearest sizeless
     * label (assembly entry points) below it. Null when the address is in no symbol.
     */
    public ElfSymbol lookup(long addr) {
        int i = Arrays.binarySearch(addresses, addr);
        if (i < 0) i = -i - 2;
        else while (i + 1 < addresses.length && addresses[i + 1] == addr) i++;
        if (i < 0) return null;
        ElfSymbol nearest = sorted[i];
        if (nearest.size() == 0 || nearest.contains(addr)) return nearest;
        for (int j = i - 1; j >= 0 && j >= i - ENCLOSING_SCAN; j--)
            if (sorted[j].contains(addr)) return sorted[j];
        return null;
    }

    /** "name" or "name+0x1c" for {@code addr}, or null when no symbol holds it. */
    public String describe(long addr) {
        ElfSymbol s = lookup(addr);
        if (s == null) return null;
        long off = addr - s.address();
        return off == 0 ? s.name() : s.name() + "+0x" + Long.toHexString(off);
    }

    /** {@link #describe}, or the bare address in hex when no symbol holds it (for traces). */
    public String describeOrHex(long addr) {
        String d = describe(addr);
        return d != null ? d : String.format("0x%08x", addr);
    }
}
