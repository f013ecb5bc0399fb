package org.socemu.armv7;

/**
 * Advanced SIMD (NEON) for ARMv7-A: the data-processing decode of ARM ARM A7.4 in its A32 encoding
 * (the T32 encodings are the same word with 111U 1111 for 1111 001U, re-encoded by the Thumb
 * coprocessor hook), the bitwise, permute and immediate groups, and the lane helpers the other
 * groups share. Integer arithmetic is in {@link NeonInt}, floating point in {@link NeonFp}, element
 * and structure loads and stores in {@link NeonLoadStore}.
 *
 * <p>Registers: {@code c.d[0..31]}; a Q register is two consecutive D registers, and an instruction
 * that names a Q register with an odd D number is UNDEFINED. Operands are read before the result is
 * written, so overlapping source and destination registers behave as the ARM ARM's pseudocode.
 */
final class Neon {
    private Neon() {}

    // ---- fields ----

    static int vd(int i) { return ((i >>> 18) & 0x10) | ((i >>> 12) & 15); }
    static int vn(int i) { return ((i >>> 3) & 0x10) | ((i >>> 16) & 15); }
    static int vm(int i) { return ((i >>> 1) & 0x10) | (i & 15); }

    /** Q (bit 6) selects 128-bit operation: two consecutive D registers. */
    static int regs(int i) { return (i & 0x40) != 0 ? 2 : 1; }

    static boolean unsigned(int i) { return (i & (1 << 24)) != 0; }

    /** True (and the instruction UNDEFINED) if a Q operation names an odd D register. */
    static boolean oddQ(ArmCore c, int i, int... regs) {
        if ((i & 0x40) == 0) return false;
        for (int r : regs) if ((r & 1) != 0) { c.undefined(i); return true; }
        return false;
    }

    static final int CPACR_ASEDIS = 1 << 31;

    /** CPACR, FPEXC.EN, and CPACR.ASEDIS for the Advanced SIMD-only encodings. */
    static boolean check(ArmCore c, int i) {
        if (c.fpEnabled() && (((CortexA7) c).cp15().cpacr & CPACR_ASEDIS) == 0) return true;
        c.undefined(i);
        return false;
    }

    // ---- lanes: a vector is read into words (1 or 2), worked on, and written back ----

    static long[] read(ArmCore c, int reg, int regs) {
        return regs == 1 ? new long[] {c.d[reg]} : new long[] {c.d[reg], c.d[reg + 1]};
    }

    static void write(ArmCore c, int reg, long[] w) {
        for (int k = 0; k < w.length; k++) c.d[reg + k] = w[k];
    }

    /** Element e of esize bits, zero-extended (a 64-bit element as it is). */
    static long get(long[] w, int e, int esize) {
        if (esize == 64) return w[e];
        int per = 64 / esize;
        return (w[e / per] >>> ((e % per) * esize)) & ((1L << esize) - 1);
    }

    /** Element e of esize bits, sign-extended. */
    static long sget(long[] w, int e, int esize) {
        if (esize == 64) return w[e];
        int per = 64 / esize;
        return (w[e / per] << (64 - (e % per + 1) * esize)) >> (64 - esize);
    }

    static long get(long[] w, int e, int esize, boolean unsigned) {
        return unsigned ? get(w, e, esize) : sget(w, e, esize);
    }

    static void put(long[] w, int e, int esize, long v) {
        if (esize == 64) {
            w[e] = v;
            return;
        }
        int per = 64 / esize, sh = (e % per) * esize;
        long mask = ((1L << esize) - 1) << sh;
        w[e / per] = (w[e / per] & ~mask) | ((v << sh) & mask);
    }

    /** SatQ of a value exact in a long to esize bits (esize <= 32, or 64 for values already in range); QC on saturation. */
    static long sat(ArmCore c, long v, int esize, boolean unsigned) {
        long lo, hi;
        if (unsigned) {
            lo = 0;
            hi = esize == 64 ? Long.MAX_VALUE : (1L << esize) - 1;
        } else {
            lo = esize == 64 ? Long.MIN_VALUE : -(1L << (esize - 1));
            hi = esize == 64 ? Long.MAX_VALUE : (1L << (esize - 1)) - 1;
        }
        if (v < lo) { c.fpscr |= FpRules.QC; return lo; }
        if (v > hi) { c.fpscr |= FpRules.QC; return hi; }
        return v;
    }

    // ---- data processing: the decode of A7.4 ----

    /** Advanced SIMD data processing (1111 001U in A32). */
    static void dataProcessing(ArmCore c, int i) {
        if (!check(c, i)) return;
        int a = (i >>> 19) & 0x1f, b = (i >>> 8) & 15, cc = (i >>> 4) & 15;
        if ((a & 0x10) == 0) {
            threeSame(c, i);
        } else if ((cc & 1) != 0) {
            if ((a & 0x17) == 0x10 && (cc & 8) == 0) modifiedImmediate(c, i);
            else NeonInt.shiftImmediate(c, i);
        } else if ((a & 0x16) != 0x16) {
            if ((cc & 5) == 0) NeonInt.threeDifferent(c, i);
            else if ((cc & 5) == 4) scalar(c, i);
            else c.undefined(i);
        } else if (!unsigned(i)) {
            vext(c, i);
        } else if ((b & 8) == 0) {
            twoMisc(c, i);
        } else if ((b & 12) == 8) {
            vtbl(c, i);
        } else if (b == 12 && (cc & 8) == 0) {
            dupScalar(c, i);
        } else {
            c.undefined(i);
        }
    }

    /** Three registers of the same length (A7.4.1): A = bits 11:8, B = bit 4. */
    private static void threeSame(ArmCore c, int i) {
        if (oddQ(c, i, vd(i), vn(i), vm(i))) return;
        int a = (i >>> 8) & 15;
        if (a == 1 && (i & 0x10) != 0) { bitwise(c, i); return; }
        if (a >= 13 || (a == 12 && (i & 0x10) != 0)) { NeonFp.threeSame(c, i); return; }
        NeonInt.threeSame(c, i);
    }

    /** Two registers and a scalar (A7.4.3): floating point when bit 8 (F) is set in the non-long forms. */
    private static void scalar(ArmCore c, int i) {
        int a = (i >>> 8) & 15;
        boolean fp = (a & 1) != 0 && (a == 1 || a == 5 || a == 9);
        if (fp) NeonFp.scalar(c, i);
        else NeonInt.scalar(c, i);
    }

    /** Two registers, miscellaneous (A7.4.5): A = bits 17:16, B = bits 10:6. */
    private static void twoMisc(ArmCore c, int i) {
        int a = (i >>> 16) & 3, b = (i >>> 6) & 0x1f;
        if (a == 2 && b <= 7) { permute(c, i); return; }
        if ((a == 1 && (b & 0x10) != 0) || (a == 3 && (b & 0x10) != 0) || (a == 2 && (b & 0x1b) == 0x18)) {
            NeonFp.twoMisc(c, i);
            return;
        }
        if (a == 0 && b <= 5) { reverse(c, i); return; }
        NeonInt.twoMisc(c, i);
    }

    // ---- bitwise (three registers, A = 0001, B = 1) ----

    private static void bitwise(ArmCore c, int i) {
        int d = vd(i), n = vn(i), m = vm(i), op = ((i >>> 22) & 4) | ((i >>> 20) & 3);
        for (int k = 0; k < regs(i); k++) {
            long a = c.d[n + k], b = c.d[m + k], dst = c.d[d + k], r;
            switch (op) {
                case 0: r = a & b; break;                  // VAND
                case 1: r = a & ~b; break;                 // VBIC
                case 2: r = a | b; break;                  // VORR (VMOV)
                case 3: r = a | ~b; break;                 // VORN
                case 4: r = a ^ b; break;                  // VEOR
                case 5: r = (a & dst) | (b & ~dst); break; // VBSL
                case 6: r = (a & b) | (dst & ~b); break;   // VBIT
                default: r = (dst & b) | (a & ~b); break;  // VBIF
            }
            c.d[d + k] = r;
        }
    }

    // ---- one register and a modified immediate (A7.4.6) ----

    /** VMOV, VMVN, VORR, VBIC (immediate): AdvSIMDExpandImm of op, cmode, imm8. */
    private static void modifiedImmediate(ArmCore c, int i) {
        int imm8 = ((i >>> 17) & 0x80) | ((i >>> 12) & 0x70) | (i & 15);
        int cmode = (i >>> 8) & 15, op = (i >>> 5) & 1;
        int d = vd(i);
        if (oddQ(c, i, d)) return;
        if (cmode == 15 && op == 1) { c.undefined(i); return; }
        long imm = expand(op, cmode, imm8);
        boolean orr = (cmode & 1) != 0 && cmode < 12;
        for (int k = 0; k < regs(i); k++) {
            if (orr) c.d[d + k] = op == 0 ? c.d[d + k] | imm : c.d[d + k] & ~imm; // VORR / VBIC
            else c.d[d + k] = op == 1 && cmode != 14 ? ~imm : imm;                    // VMOV / VMVN
        }
    }

    private static long expand(int op, int cmode, int imm8) {
        long b = imm8 & 0xffL;
        switch (cmode >>> 1) {
            case 0: return b * 0x0000000100000001L;
            case 1: return (b << 8) * 0x0000000100000001L;
            case 2: return (b << 16) * 0x0000000100000001L;
            case 3: return (b << 24) * 0x0000000100000001L;
            case 4: return b * 0x0001000100010001L;
            case 5: return (b << 8) * 0x0001000100010001L;
            case 6: return ((cmode & 1) == 0 ? (b << 8) | 0xff : (b << 16) | 0xffff) * 0x0000000100000001L;
            default:
                if ((cmode & 1) == 0 && op == 0) return b * 0x0101010101010101L;
                if ((cmode & 1) == 0) { // each bit of imm8 becomes a byte of ones or zeros
                    long r = 0;
                    for (int k = 0; k < 8; k++) if ((imm8 & (1 << k)) != 0) r |= 0xffL << (8 * k);
                    return r;
                }
                // a single-precision constant, as VFPExpandImm, in both words
                long f = ((b & 0x80) << 24) | (((b & 0x40) != 0 ? 0x3e000000L : 0x40000000L)) | ((b & 0x3f) << 19);
                return f * 0x0000000100000001L;
        }
    }

    // ---- VEXT, VTBL/VTBX, VDUP (scalar) ----

    /** VEXT: bytes imm4 upwards of Vm:Vn. */
    private static void vext(ArmCore c, int i) {
        int d = vd(i), n = vn(i), m = vm(i), imm4 = (i >>> 8) & 15, regs = regs(i);
        if (oddQ(c, i, d, n, m)) return;
        if (regs == 1 && imm4 >= 8) { c.undefined(i); return; }
        long[] lo = read(c, n, regs), hi = read(c, m, regs), r = new long[regs];
        int bytes = 8 * regs;
        for (int k = 0; k < bytes; k++) {
            int src = imm4 + k;
            long v = src < bytes ? get(lo, src, 8) : get(hi, src - bytes, 8);
            put(r, k, 8, v);
        }
        write(c, d, r);
    }

    /** VTBL (out-of-range index: 0) and VTBX (out-of-range index: Vd unchanged); the table is 1-4 D registers from Vn. */
    private static void vtbl(ArmCore c, int i) {
        int d = vd(i), n = vn(i), m = vm(i), length = ((i >>> 8) & 3) + 1;
        boolean extension = (i & 0x40) != 0;
        if (n + length > 32) { c.undefined(i); return; }
        long[] table = new long[length];
        for (int k = 0; k < length; k++) table[k] = c.d[n + k];
        long index = c.d[m], old = c.d[d], r = 0;
        for (int k = 0; k < 8; k++) {
            int x = (int) (index >>> (8 * k)) & 0xff;
            long v = x < 8 * length ? get(table, x, 8) : extension ? (old >>> (8 * k)) & 0xff : 0;
            r |= v << (8 * k);
        }
        c.d[d] = r;
    }

    /** VDUP (scalar): imm4 selects size and lane. */
    private static void dupScalar(ArmCore c, int i) {
        int imm4 = (i >>> 16) & 15, m = vm(i), d = vd(i);
        if (oddQ(c, i, d)) return;
        long v = c.d[m], rep;
        if ((imm4 & 1) != 0) rep = ((v >>> (8 * (imm4 >>> 1))) & 0xff) * 0x0101010101010101L;
        else if ((imm4 & 2) != 0) rep = ((v >>> (16 * (imm4 >>> 2))) & 0xffff) * 0x0001000100010001L;
        else if ((imm4 & 4) != 0) rep = ((v >>> (32 * (imm4 >>> 3))) & 0xffffffffL) * 0x0000000100000001L;
        else { c.undefined(i); return; }
        for (int k = 0; k < regs(i); k++) c.d[d + k] = rep;
    }

    // ---- two registers miscellaneous: reversals and permutations ----

    /** VREV64, VREV32, VREV16 (op = bits 8:7): reverse the elements within each 64/32/16-bit container. */
    private static void reverse(ArmCore c, int i) {
        int size = (i >>> 18) & 3, op = (i >>> 7) & 3, d = vd(i), m = vm(i);
        if (op + size >= 3) { c.undefined(i); return; }
        if (oddQ(c, i, d, m)) return;
        int esize = 8 << size, container = 64 >>> op, per = container / esize;
        long[] src = read(c, m, regs(i)), r = new long[regs(i)];
        int elements = 64 / esize * regs(i);
        for (int e = 0; e < elements; e++) {
            int base = e - e % per;
            put(r, base + per - 1 - e % per, esize, get(src, e, esize));
        }
        write(c, d, r);
    }

    /** VSWP, VTRN, VUZP, VZIP (B = bits 10:7 of 0000..0011): Vd and Vm both written. */
    private static void permute(ArmCore c, int i) {
        int size = (i >>> 18) & 3, op = (i >>> 7) & 3, d = vd(i), m = vm(i), regs = regs(i);
        if (oddQ(c, i, d, m)) return;
        int esize = 8 << size;
        long[] x = read(c, d, regs), y = read(c, m, regs), rx = new long[regs], ry = new long[regs];
        int elements = 64 / esize * regs;
        switch (op) {
            case 0: // VSWP
                if (size != 0) { c.undefined(i); return; }
                write(c, d, y);
                write(c, m, x);
                return;
            case 1: // VTRN: the odd elements of Vd swap with the even elements of Vm
                if (size == 3) { c.undefined(i); return; }
                for (int e = 0; e < elements; e += 2) {
                    put(rx, e, esize, get(x, e, esize));
                    put(rx, e + 1, esize, get(y, e, esize));
                    put(ry, e, esize, get(x, e + 1, esize));
                    put(ry, e + 1, esize, get(y, e + 1, esize));
                }
                break;
            case 2: // VUZP: even elements of Vd:Vm to Vd, odd ones to Vm
                if (size == 3 || (regs == 1 && size == 2)) { c.undefined(i); return; }
                for (int e = 0; e < elements; e++) {
                    int lo = 2 * e, hi = 2 * e + 1;
                    put(rx, e, esize, lo < elements ? get(x, lo, esize) : get(y, lo - elements, esize));
                    put(ry, e, esize, hi < elements ? get(x, hi, esize) : get(y, hi - elements, esize));
                }
                break;
            default: // VZIP: interleave Vd and Vm, the low half to Vd
                if (size == 3 || (regs == 1 && size == 2)) { c.undefined(i); return; }
                for (int e = 0; e < elements; e++) {
                    long[] dst = 2 * e < elements ? rx : ry;
                    int at = 2 * e % elements;
                    put(dst, at, esize, get(x, e, esize));
                    put(dst, at + 1, esize, get(y, e, esize));
                }
                break;
        }
        write(c, d, rx);
        write(c, m, ry);
    }

    // ---- loads and stores ----

    /** Advanced SIMD element or structure load/store (1111 0100 in A32). */
    static void loadStore(ArmCore c, int i) {
        if (!check(c, i)) return;
        NeonLoadStore.exec(c, i);
    }
}
