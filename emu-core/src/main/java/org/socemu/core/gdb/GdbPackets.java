package org.socemu.core.gdb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Encoding helpers of the GDB remote serial protocol: hex, checksums, binary escapes. */
final class GdbPackets {
    private GdbPackets() {}

    static int checksum(byte[] data, int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i++) sum += data[i] & 0xff;
        return sum & 0xff;
    }

    /** $payload#xx with '#', '$', '}' and '*' escaped. */
    static byte[] frame(String payload) {
        byte[] p = payload.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(p.length + 4);
        out.write('$');
        int sum = 0;
        for (byte b : p) {
            int c = b & 0xff;
            if (c == '#' || c == '$' || c == '}' || c == '*') {
                out.write('}');
                sum += '}';
                c ^= 0x20;
            }
            out.write(c);
            sum += c;
        }
        out.write('#');
        String cs = String.format("%02x", sum & 0xff);
        out.write(cs.charAt(0));
        out.write(cs.charAt(1));
        return out.toByteArray();
    }

    static String hex(byte[] data) {
        StringBuilder sb = new StringBuilder(data.length * 2);
        for (byte b : data) sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        return sb.toString();
    }

    static String hex(String s) {
        return hex(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses hex digits; throws IllegalArgumentException on anything else. */
    static byte[] unhex(String s) {
        if ((s.length() & 1) != 0) throw new IllegalArgumentException("odd hex length");
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16), lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) throw new IllegalArgumentException("not hex");
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    static long parseHex(String s) {
        if (s.isEmpty() || s.length() > 16) throw new IllegalArgumentException("bad number");
        return Long.parseUnsignedLong(s, 16);
    }

    /** Undoes the binary escaping of X packets ('}' then the byte xor 0x20). */
    static byte[] unescape(byte[] data, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            int c = data[i] & 0xff;
            if (c == '}' && i + 1 < to) c = (data[++i] & 0xff) ^ 0x20;
            out.write(c);
        }
        return out.toByteArray();
    }
}
