package org.socemu.core;

import java.util.Locale;

/** Parses the sizes and addresses users and machine files write: "64M", "1G", "0x80000000", "32K". */
public final class Sizes {
    private Sizes() {}

    public static long parse(String text) {
        if (text == null || text.isBlank()) throw new UserError("empty size or address");
        String s = text.trim().toUpperCase(Locale.ROOT).replace("_", "");
        long mul = 1;
        if (s.endsWith("IB")) s = s.substring(0, s.length() - 2);
        else if (s.endsWith("B") && !s.startsWith("0X")) s = s.substring(0, s.length() - 1);
        char last = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
        if (!s.startsWith("0X")) {
            switch (last) {
                case 'K' -> mul = 1L << 10;
                case 'M' -> mul = 1L << 20;
                case 'G' -> mul = 1L << 30;
                default -> mul = 1;
            }
            if (mul != 1) s = s.substring(0, s.length() - 1);
        }
        try {
            long v = s.startsWith("0X") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
            if (v < 0) throw new NumberFormatException();
            return Math.multiplyExact(v, mul);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UserError("not a size or address: '" + text + "'");
        }
    }

    public static String hex(long v) {
        return String.format("0x%08x", v);
    }
}
