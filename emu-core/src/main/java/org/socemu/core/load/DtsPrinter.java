package org.socemu.core.load;

import java.nio.charset.StandardCharsets;

/**
 * Prints a tree as dts source, guessing each value's type the way `dtc -O dts` does: a list of
 * printable NUL-terminated strings, else 32-bit cells when the length allows, else bytes.
 */
final class DtsPrinter {
    private DtsPrinter() {}

    static String print(Fdt fdt) {
        StringBuilder sb = new StringBuilder("/dts-v1/;\n\n");
        for (Fdt.Reservation r : fdt.reservations())
            sb.append(String.format("/memreserve/ 0x%016x 0x%016x;%n", r.address(), r.size()));
        if (!fdt.reservations().isEmpty()) sb.append('\n');
        node(sb, fdt.root(), 0);
        return sb.toString();
    }

    private static void node(StringBuilder sb, FdtNode n, int depth) {
        String indent = "\t".repeat(depth);
        sb.append(indent).append(n.parent() == null ? "/" : n.name()).append(" {\n");
        for (FdtProperty p : n.properties()) {
            sb.append(indent).append('\t').append(p.name());
            if (p.length() > 0) sb.append(" = ").append(value(p.raw()));
            sb.append(";\n");
        }
        for (FdtNode c : n.children()) {
            sb.append('\n');
            node(sb, c, depth + 1);
        }
        sb.append(indent).append("};\n");
    }

    static String value(byte[] v) {
        if (looksLikeStrings(v)) {
            StringBuilder sb = new StringBuilder();
            int from = 0;
            for (int i = 0; i < v.length; i++)
                if (v[i] == 0) {
                    if (from > 0) sb.append(", ");
                    String s = new String(v, from, i - from, StandardCharsets.UTF_8);
                    sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                    from = i + 1;
                }
            return sb.toString();
        }
        StringBuilder sb = new StringBuilder();
        if (v.length % 4 == 0) {
            sb.append('<');
            for (int i = 0; i < v.length; i += 4)
                sb.append(i == 0 ? "" : " ").append("0x").append(Integer.toHexString(FdtNode.cell(v, i)));
            return sb.append('>').toString();
        }
        sb.append('[');
        for (int i = 0; i < v.length; i++) sb.append(i == 0 ? "" : " ").append(String.format("%02x", v[i] & 0xff));
        return sb.append(']').toString();
    }

    private static boolean looksLikeStrings(byte[] v) {
        if (v.length == 0 || v[0] == 0 || v[v.length - 1] != 0) return false;
        for (int i = 0; i < v.length; i++) {
            int b = v[i] & 0xff;
            if (b == 0) {
                if (i > 0 && v[i - 1] == 0) return false;  // an empty string: more likely cells
            } else if (b < 0x20 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
