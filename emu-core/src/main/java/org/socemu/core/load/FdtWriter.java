package org.socemu.core.load;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a tree in the flattened format, version 17 (last compatible version 16), laid out as dtc
 * does: header, memory reservation map, structure block, strings block. Property names are stored
 * once each in the strings block, and a name that is the tail of one already there ("cells" in
 * "#size-cells") points into it, as dtc does, so a tree dtc wrote comes out byte for byte the same.
 */
final class FdtWriter {
    private static final int HEADER_SIZE = 40;

    private final Fdt fdt;
    private final Block struct = new Block();
    private final Block strings = new Block();
    private final Map<String, Integer> nameOffsets = new LinkedHashMap<>();
    /** The strings block as ISO-8859-1 text (one char per byte), for a fast search of existing names. */
    private final StringBuilder stringsText = new StringBuilder();

    FdtWriter(Fdt fdt) {
        this.fdt = fdt;
    }

    byte[] write(int padding) {
        node(fdt.root());
        struct.u32(FdtReader.FDT_END);

        Block rsv = new Block();
        for (Fdt.Reservation r : fdt.reservations()) rsv.u64(r.address()).u64(r.size());
        rsv.u64(0).u64(0);

        int offRsv = HEADER_SIZE;  // 8-aligned, as the map's 64-bit entries want
        int offStruct = offRsv + rsv.size();
        int offStrings = offStruct + struct.size();
        int totalsize = offStrings + strings.size() + padding;

        Block out = new Block();
        out.u32(Fdt.MAGIC).u32(totalsize).u32(offStruct).u32(offStrings).u32(offRsv)
           .u32(17).u32(16).u32(fdt.bootCpuidPhys()).u32(strings.size()).u32(struct.size());
        out.bytes(rsv.toByteArray());
        out.bytes(struct.toByteArray());
        out.bytes(strings.toByteArray());
        out.bytes(new byte[padding]);
        return out.toByteArray();
    }

    private void node(FdtNode n) {
        struct.u32(FdtReader.FDT_BEGIN_NODE);
        struct.bytes(n.name().getBytes(StandardCharsets.UTF_8)).u8(0).align4();
        for (FdtProperty p : n.properties()) {
            byte[] v = p.raw();
            struct.u32(FdtReader.FDT_PROP).u32(v.length).u32(nameOffset(p.name()));
            struct.bytes(v).align4();
        }
        for (FdtNode c : n.children()) node(c);
        struct.u32(FdtReader.FDT_END_NODE);
    }

    private int nameOffset(String name) {
        return nameOffsets.computeIfAbsent(name, k -> {
            byte[] want = (k + "\0").getBytes(StandardCharsets.UTF_8);
            String wantText = new String(want, StandardCharsets.ISO_8859_1);
            int found = stringsText.indexOf(wantText);
            if (found >= 0) return found;
            int at = strings.size();
            strings.bytes(want);
            stringsText.append(wantText);
            return at;
        });
    }

    /** A growing big-endian byte buffer (not a ByteArrayOutputStream: its every write is synchronized). */
    private static final class Block {
        private byte[] buf = new byte[1024];
        private int count;

        int size() {
            return count;
        }

        private void room(int n) {
            if (count + n > buf.length) buf = Arrays.copyOf(buf, Math.max(2 * buf.length, count + n));
        }

        Block u8(int v) {
            room(1);
            buf[count++] = (byte) v;
            return this;
        }

        Block u32(int v) {
            room(4);
            FdtNode.putCell(buf, count, v);
            count += 4;
            return this;
        }

        Block u64(long v) {
            return u32((int) (v >>> 32)).u32((int) v);
        }

        Block bytes(byte[] b) {
            room(b.length);
            System.arraycopy(b, 0, buf, count, b.length);
            count += b.length;
            return this;
        }

        Block align4() {
            while (count % 4 != 0) u8(0);
            return this;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, count);
        }
    }
}
