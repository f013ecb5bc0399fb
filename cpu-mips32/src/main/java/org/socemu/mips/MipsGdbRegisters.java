package org.socemu.mips;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The 24Kc's registers in GDB's numbering for 32-bit MIPS (the target description in
 * {@code org/socemu/mips/gdb/}: features org.gnu.gdb.mips.cpu, .cp0 and .fpu), 4 bytes each in
 * the core's byte order.
 *
 * <p>GDB's MIPS support refuses a description without the FPU feature, so it is there; the 24Kc
 * has no FPU (Config1.FP = 0), so f0-f31, fcsr and fir read as zero and refuse writes.
 */
final class MipsGdbRegisters {
    static final int STATUS = 32, LO = 33, HI = 34, BADVADDR = 35, CAUSE = 36, PC = 37, FP0 = 38, FCSR = 70, FIR = 71;
    static final int COUNT = 72;
    private static final Set<String> DOCUMENTS = Set.of("target.xml", "mips-cpu.xml", "mips-cp0.xml", "mips-fpu.xml");

    private MipsGdbRegisters() {}

    /** The description document {@code annex}, or null if there is no such document. */
    static String targetXml(String annex) {
        if (!DOCUMENTS.contains(annex)) return null;
        try (InputStream in = MipsGdbRegisters.class.getResourceAsStream("gdb/" + annex)) {
            if (in == null) return null;
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(Mips24k c, int n) {
        if (n < 0 || n >= COUNT) return null;
        int v;
        if (n < 32) v = c.r[n];
        else v = switch (n) {
            case STATUS -> c.cp0.status;
            case LO -> c.lo;
            case HI -> c.hi;
            case BADVADDR -> c.cp0.badVAddr;
            case CAUSE -> c.cp0.cause();
            case PC -> (int) c.pc();
            default -> 0; // FPU registers of a core without an FPU
        };
        return bytes(c, v);
    }

    static boolean write(Mips24k c, int n, byte[] value) {
        if (n < 0 || n >= COUNT || value.length != 4) return false;
        int v = c.mmu.bigEndian()
                ? (value[0] & 0xFF) << 24 | (value[1] & 0xFF) << 16 | (value[2] & 0xFF) << 8 | (value[3] & 0xFF)
                : (value[3] & 0xFF) << 24 | (value[2] & 0xFF) << 16 | (value[1] & 0xFF) << 8 | (value[0] & 0xFF);
        if (n < 32) {
            c.set(n, v);
            return true;
        }
        switch (n) {
            case STATUS -> c.setStatus(v);
            case LO -> c.lo = v;
            case HI -> c.hi = v;
            case BADVADDR -> c.cp0.badVAddr = v; // read-only to software, not to a debugger
            case CAUSE -> c.cp0.write(Cp0.CAUSE, 0, v); // the software-writable bits
            case PC -> c.setPc(v & 0xFFFFFFFFL);
            default -> {
                return false; // no FPU
            }
        }
        return true;
    }

    private static byte[] bytes(Mips24k c, int v) {
        return c.mmu.bigEndian()
                ? new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v}
                : new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }
}
