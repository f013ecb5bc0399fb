package org.socemu.core.load;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.socemu.core.mem.Endian;

/**
 * Parses the flattened device tree format (Devicetree Specification 5.2-5.5): the header, the
 * memory reservation map, the structure block (tokens) and the strings block. Every offset is
 * checked against its block, so a corrupt blob is a UserError, never an index exception.
 */
final class FdtReader {
    static final int FDT_BEGIN_NODE = 1, FDT_END_NODE = 2, FDT_PROP = 3, FDT_NOP = 4, FDT_END = 9;
    /** Deeper than any real tree; stops a corrupt blob from recursing without end. */
    private static final int MAX_DEPTH = 64;

    private final BinaryReader in;

    FdtReader(String name, byte[] blob) {
        this.in = new BinaryReader(name, blob, Endian.BIG);
    }

    Fdt read() {
        if (in.length() < 4 || in.i32(0, "header") != Fdt.MAGIC)
            throw in.error(String.format("not a device tree blob (bad magic %s, expected 0xd00dfeed)",
                    in.length() < 4 ? "(" + in.length() + " bytes)" : String.format("0x%08x", in.i32(0, "header"))));
        in.require(0, 28, "FDT header");
        long totalsize = in.u32(4, "FDT header");
        long offStruct = in.u32(8, "FDT header");
        long offStrings = in.u32(12, "FDT header");
        long offRsv = in.u32(16, "FDT header");
        long version = in.u32(20, "FDT header");
        long lastComp = in.u32(24, "FDT header");
        if (version < 16) throw in.error("device tree version " + version + " is too old (16 or 17 expected)");
        if (lastComp > 17) throw in.error("device tree needs a reader of version " + lastComp + " (this one reads 17)");
        int header = version >= 17 ? 40 : 36;
        in.require(0, header, "FDT header");
        if (totalsize > in.length())
            throw in.error(String.format("truncated device tree: totalsize is 0x%x, the blob has 0x%x", totalsize, in.length()));
        long sizeStrings = in.u32(32, "FDT header");
        long sizeStruct = version >= 17 ? in.u32(36, "FDT header") : totalsize - offStruct;
        checkBlock("structure block", offStruct, sizeStruct, header, totalsize);
        checkBlock("strings block", offStrings, sizeStrings, header, totalsize);
        checkBlock("memory reservation map", offRsv, 16, header, totalsize);

        Fdt fdt = new Fdt(in.name());
        fdt.setBootCpuidPhys(in.i32(28, "FDT header"));
        readReservations(fdt, offRsv, totalsize);
        new Structure(fdt, offStruct, offStruct + sizeStruct, offStrings, offStrings + sizeStrings).parse();
        return fdt;
    }

    private void checkBlock(String what, long off, long size, int header, long totalsize) {
        if (off + size > totalsize || size > 0 && off < header)
            throw in.error(String.format("%s at 0x%x..0x%x lies outside the blob (totalsize 0x%x) or in its header",
                    what, off, off + size, totalsize));
    }

    private void readReservations(Fdt fdt, long at, long limit) {
        for (;; at += 16) {
            if (at + 16 > limit) throw in.error("memory reservation map is not terminated");
            long addr = in.u64(at, "memory reservation map"), size = in.u64(at + 8, "memory reservation map");
            if (addr == 0 && size == 0) return;
            fdt.reservations().add(new Fdt.Reservation(addr, size));
        }
    }

    /** The structure block walk: a cursor over tokens, strictly within [pos, end). */
    private final class Structure {
        private final Fdt fdt;
        private final long end;
        private final long strings;
        private final long stringsEnd;
        /** Property names by strings-block offset: a tree names a few hundred properties thousands of times. */
        private final Map<Long, String> names = new HashMap<>();
        private long pos;

        Structure(Fdt fdt, long start, long end, long strings, long stringsEnd) {
            this.fdt = fdt;
            this.pos = start;
            this.end = end;
            this.strings = strings;
            this.stringsEnd = stringsEnd;
        }

        private int token() {
            if (pos + 4 > end) throw in.error("structure block ends without FDT_END");
            int t = in.i32(pos, "structure block");
            pos += 4;
            return t;
        }

        void parse() {
            int t;
            while ((t = token()) == FDT_NOP) { }
            if (t != FDT_BEGIN_NODE) throw in.error(String.format("structure block starts with token 0x%x, not the root node", t));
            String rootName = nodeName();
            if (!rootName.isEmpty()) throw in.error("root node has name '" + rootName + "', expected none");
            body(fdt.root(), 1);
            while ((t = token()) == FDT_NOP) { }
            if (t != FDT_END) throw in.error(String.format("token 0x%x after the root node, expected FDT_END", t));
        }

        private String nodeName() {
            String n = in.cstring(pos, end, "node name at 0x" + Long.toHexString(pos));
            pos = align4(pos + n.getBytes(StandardCharsets.UTF_8).length + 1);
            return n;
        }

        /** Reads a node's properties and children up to its FDT_END_NODE. */
        private void body(FdtNode node, int depth) {
            if (depth > MAX_DEPTH) throw in.error("device tree nested deeper than " + MAX_DEPTH + " levels");
            for (;;) {
                long at = pos;
                int t = token();
                switch (t) {
                    case FDT_NOP -> { }
                    case FDT_END_NODE -> { return; }
                    case FDT_PROP -> property(node);
                    case FDT_BEGIN_NODE -> {
                        String n = nodeName();
                        if (n.isEmpty() || n.indexOf('/') >= 0) throw in.error(node.path() + ": bad child node name '" + n + "'");
                        FdtNode child = new FdtNode(n);
                        node.addParsedChild(child);
                        body(child, depth + 1);
                    }
                    default -> throw in.error(String.format("%s: bad token 0x%x at offset 0x%x", node.path(), t, at));
                }
            }
        }

        private void property(FdtNode node) {
            if (pos + 8 > end) throw in.error(node.path() + ": property header runs past the structure block");
            long len = in.u32(pos, "property"), nameoff = in.u32(pos + 4, "property");
            pos += 8;
            if (len > end - pos) throw in.error(String.format("%s: property of 0x%x bytes runs past the structure block", node.path(), len));
            if (nameoff >= stringsEnd - strings)
                throw in.error(String.format("%s: property name offset 0x%x is outside the strings block (0x%x bytes)",
                        node.path(), nameoff, stringsEnd - strings));
            String name = names.get(nameoff);
            if (name == null) {
                name = in.cstring(strings + nameoff, stringsEnd, node.path() + ": property name");
                names.put(nameoff, name);
            }
            if (name.isEmpty()) throw in.error(node.path() + ": property with an empty name");
            node.addParsed(name, in.bytes(pos, len, "property " + name));
            pos = align4(pos + len);
        }
    }

    static long align4(long v) {
        return (v + 3) & ~3L;
    }
}
