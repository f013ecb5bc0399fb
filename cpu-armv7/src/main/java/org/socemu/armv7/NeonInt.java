package org.socemu.armv7;

import static org.socemu.armv7.Neon.get;
import static org.socemu.armv7.Neon.oddQ;
import static org.socemu.armv7.Neon.put;
import static org.socemu.armv7.Neon.read;
import static org.socemu.armv7.Neon.regs;
import static org.socemu.armv7.Neon.sat;
import static org.socemu.armv7.Neon.sget;
import static org.socemu.armv7.Neon.vd;
import static org.socemu.armv7.Neon.vm;
import static org.socemu.armv7.Neon.vn;
import static org.socemu.armv7.Neon.write;

/**
 * Advanced SIMD integer arithmetic (ARM ARM A7.4.1-A7.4.5): three registers of the same or of
 * different lengths, two registers and a scalar, shifts by an immediate, and the integer
 * miscellaneous group. Saturating instructions set FPSCR.QC.
 */
final class NeonInt {
    private NeonInt() {}

    // ---- shifts that Java's shift operators do not give for counts of 64 and more ----

    /** Arithmetic shift right by s >= 0 (any size). */
    static long sar(long x, int s) { return x >> Math.min(s, 63); }

    /** Logical shift right by s >= 0 (any size). */
    static long shr(long x, int s) { return s >= 64 ? 0 : x >>> s; }

    /** Shift left by s >= 0 (any size). */
    static long shl(long x, int s) { return s >= 64 ? 0 : x << s; }

    /** Rounding shift right by s >= 1 (x + 2^(s-1)) >> s in unbounded precision, without overflow. */
    static long roundShr(long x, int s, boolean unsigned) {
        return unsigned ? shr(x, s) + (shr(x, s - 1) & 1) : sar(x, s) + (sar(x, s - 1) & 1);
    }

    /** Element value x (of esize bits, extended) shifted left by 0 <= s: true if no significant bit is lost. */
    private static boolean fitsShl(long x, int s, int esize, boolean unsigned) {
        if (s == 0 || x == 0) return true;
        if (s >= esize) return false;
        if (unsigned) return shr(x, esize - s) == 0;
        long top = x >> (esize - 1 - s);
        return top == 0 || top == -1;
    }

    /**
     * Saturating shift left of an extended element x by 0 <= s: the result, or the bound with QC.
     * unsignedOut with a signed x is VQSHLU: negative values saturate to 0.
     */
    private static long satShl(ArmCore c, long x, int s, int esize, boolean unsignedIn, boolean unsignedOut) {
        if (unsignedOut && !unsignedIn && x < 0) {
            c.fpscr |= FpRules.QC;
            return 0;
        }
        if (fitsShl(x, s, esize, unsignedOut)) return shl(x, s);
        c.fpscr |= FpRules.QC;
        if (unsignedOut) return esize == 64 ? -1L : (1L << esize) - 1;
        return x < 0 ? (esize == 64 ? Long.MIN_VALUE : -(1L << (esize - 1))) : (esize == 64 ? Long.MAX_VALUE : (1L << (esize - 1)) - 1);
    }

    private static long polyMul(long a, long b, int bits) {
        long r = 0;
        for (int k = 0; k < bits; k++) if ((b & (1L << k)) != 0) r ^= a << k;
        return r;
    }

    // ---- three registers of the same length ----

    /** A = bits 11:8, B = bit 4, U = bit 24, size = bits 21:20. */
    static void threeSame(ArmCore c, int i) {
        int a = (i >>> 8) & 15, b = (i >>> 4) & 1, size = (i >>> 20) & 3, esize = 8 << size, regs = regs(i);
        boolean u = Neon.unsigned(i);
        int d = vd(i), n = vn(i), m = vm(i);
        switch (a) {
            case 8: // VADD/VSUB, VTST/VCEQ: word-parallel fast paths (glibc's string functions)
                if (b == 0) addSub(c, d, n, m, regs, esize, u);
                else if (size == 3) c.undefined(i);
                else testOrEqual(c, d, n, m, regs, esize, u);
                return;
            case 10: case 11:
                if (a == 10 || b == 1) { pairwise(c, i, a, b, u, size); return; }
                break;
            default:
                break;
        }
        // size 11 exists only for the saturating add/subtract and the shifts
        boolean sixtyFour = a == 0 && b == 1 || a == 2 && b == 1 || a == 4 || a == 5;
        if (size == 3 && !sixtyFour) { c.undefined(i); return; }
        if (a == 9 && b == 1 && u && size != 0) { c.undefined(i); return; } // polynomial VMUL: 8 bits only
        if (a == 11 && (size == 0 || size == 3)) { c.undefined(i); return; } // VQDMULH/VQRDMULH: 16 and 32
        if (a == 12) { c.undefined(i); return; }
        long[] x = read(c, n, regs), y = read(c, m, regs), acc = read(c, d, regs), r = new long[regs];
        int elements = 64 / esize * regs;
        for (int e = 0; e < elements; e++) {
            long p = get(x, e, esize, u), q = get(y, e, esize, u), v;
            switch (a) {
                case 0: v = b == 0 ? (p + q) >> 1 : qadd(c, p, q, esize, u); break;       // VHADD / VQADD
                case 1: v = (p + q + 1) >> 1; break;                                       // VRHADD
                case 2: v = b == 0 ? (p - q) >> 1 : qsub(c, p, q, esize, u); break;       // VHSUB / VQSUB
                case 3: v = (b == 0 ? gt(p, q, esize, u) : ge(p, q, esize, u)) ? -1 : 0; break; // VCGT / VCGE
                case 4: case 5: // VSHL, VQSHL, VRSHL, VQRSHL: Vm shifted by the signed low byte of Vn's element
                    v = shiftByRegister(c, q, (byte) p, esize, u, b == 1, a == 5);
                    break;
                case 6: v = b == 0 ? Math.max(p, q) : Math.min(p, q); break;              // VMAX / VMIN
                case 7: v = Math.abs(p - q); if (b == 1) v += get(acc, e, esize); break;   // VABD / VABA
                case 9:
                    if (b == 0) { // VMLA / VMLS
                        long prod = p * q;
                        v = u ? get(acc, e, esize) - prod : get(acc, e, esize) + prod;
                    } else {
                        v = u ? polyMul(p, q, 8) : p * q; // VMUL polynomial / integer
                    }
                    break;
                case 11: { // VQDMULH / VQRDMULH: (2*p*q [+ 2^(esize-1)]) >> esize, saturated
                    long prod = sget(x, e, esize) * sget(y, e, esize);
                    v = sat(c, u ? (prod + (1L << (esize - 2))) >> (esize - 1) : prod >> (esize - 1), esize, false);
                    break;
                }
                default: c.undefined(i); return;
            }
            put(r, e, esize, v);
        }
        write(c, d, r);
    }

    private static boolean gt(long p, long q, int esize, boolean u) { return esize == 64 && u ? Long.compareUnsigned(p, q) > 0 : p > q; }
    private static boolean ge(long p, long q, int esize, boolean u) { return esize == 64 && u ? Long.compareUnsigned(p, q) >= 0 : p >= q; }

    private static long qadd(ArmCore c, long p, long q, int esize, boolean u) {
        if (esize < 64) return sat(c, p + q, esize, u);
        long r = p + q;
        if (u ? Long.compareUnsigned(r, p) < 0 : ((p ^ r) & (q ^ r)) < 0) {
            c.fpscr |= FpRules.QC;
            return u ? -1L : p < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }

    private static long qsub(ArmCore c, long p, long q, int esize, boolean u) {
        if (esize < 64) return sat(c, p - q, esize, u);
        long r = p - q;
        if (u ? Long.compareUnsigned(p, q) < 0 : ((p ^ q) & (p ^ r)) < 0) {
            c.fpscr |= FpRules.QC;
            return u ? 0 : p < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }

    /** VSHL/VQSHL/VRSHL/VQRSHL (register): left for a positive count, right (rounded if asked) for a negative one. */
    private static long shiftByRegister(ArmCore c, long x, int shift, int esize, boolean u, boolean saturate, boolean rounding) {
        if (shift >= 0) return saturate ? satShl(c, x, shift, esize, u, u) : shl(x, shift);
        int s = -shift;
        if (rounding) return roundShr(x, s, u);
        return u ? shr(x, s) : sar(x, s);
    }

    /** VADD/VSUB (integer): lane-parallel on whole words. */
    private static void addSub(ArmCore c, int d, int n, int m, int regs, int esize, boolean sub) {
        for (int k = 0; k < regs; k++) {
            long a = c.d[n + k], b = c.d[m + k], r = 0;
            if (esize == 64) r = sub ? a - b : a + b;
            else {
                long mask = (1L << esize) - 1;
                for (int sh = 0; sh < 64; sh += esize) {
                    long x = (a >>> sh) & mask, y = (b >>> sh) & mask;
                    r |= ((sub ? x - y : x + y) & mask) << sh;
                }
            }
            c.d[d + k] = r;
        }
    }

    /** VTST (lanes with common bits) and VCEQ (equal lanes): all ones or zeros per lane. */
    private static void testOrEqual(ArmCore c, int d, int n, int m, int regs, int esize, boolean eq) {
        long mask = (1L << esize) - 1;
        for (int k = 0; k < regs; k++) {
            long a = c.d[n + k], b = c.d[m + k], r = 0;
            for (int sh = 0; sh < 64; sh += esize) {
                long x = (a >>> sh) & mask, y = (b >>> sh) & mask;
                if (eq ? x == y : (x & y) != 0) r |= mask << sh;
            }
            c.d[d + k] = r;
        }
    }

    /** VPMAX/VPMIN (A = 1010, B = op) and VPADD (A = 1011, B = 1, U = 0), D registers only. */
    private static void pairwise(ArmCore c, int i, int a, int b, boolean u, int size) {
        if ((i & 0x40) != 0 || size == 3 || (a == 11 && u)) { c.undefined(i); return; }
        int esize = 8 << size, half = 32 / esize;
        long[] x = {c.d[vn(i)]}, y = {c.d[vm(i)]}, r = new long[1];
        for (int e = 0; e < 2 * half; e++) {
            long[] src = e < half ? x : y;
            int at = 2 * (e % half);
            long p = get(src, at, esize, u), q = get(src, at + 1, esize, u), v;
            if (a == 11) v = p + q;
            else v = b == 0 ? Math.max(p, q) : Math.min(p, q);
            put(r, e, esize, v);
        }
        c.d[vd(i)] = r[0];
    }

    // ---- three registers of different lengths (A7.4.2) ----

    /** A = bits 11:8; size = bits 21:20 is the narrow element size. */
    static void threeDifferent(ArmCore c, int i) {
        int a = (i >>> 8) & 15, size = (i >>> 20) & 3, esize = 8 << size, wide = 2 * esize;
        boolean u = Neon.unsigned(i);
        int d = vd(i), n = vn(i), m = vm(i);
        int elements = 64 / esize;
        boolean narrowing = a == 4 || a == 6;
        boolean wideN = a == 1 || a == 3 || narrowing;
        if ((!narrowing && (d & 1) != 0) || (wideN && (n & 1) != 0) || (narrowing && (m & 1) != 0)) { c.undefined(i); return; }
        if (a == 15 || ((a == 9 || a == 11 || a == 13) && (u || size == 0)) || (a == 14 && (u || size != 0))) { c.undefined(i); return; }
        long[] x = read(c, n, wideN ? 2 : 1), y = read(c, m, narrowing ? 2 : 1), acc = read(c, d, narrowing ? 1 : 2);
        long[] r = new long[narrowing ? 1 : 2];
        for (int e = 0; e < elements; e++) {
            long v;
            switch (a) {
                case 0: case 1: case 2: case 3: { // VADDL, VADDW, VSUBL, VSUBW
                    long p = wideN ? get(x, e, wide, u) : get(x, e, esize, u), q = get(y, e, esize, u);
                    v = a < 2 ? p + q : p - q;
                    break;
                }
                case 4: case 6: { // VADDHN/VRADDHN, VSUBHN/VRSUBHN: the high half of the wide sum or difference
                    long p = get(x, e, wide), q = get(y, e, wide);
                    long s = a == 4 ? p + q : p - q;
                    if (u) s += 1L << (esize - 1);
                    v = shr(s, esize);
                    break;
                }
                case 5: case 7: { // VABAL, VABDL
                    v = Math.abs(get(x, e, esize, u) - get(y, e, esize, u));
                    if (a == 5) v += get(acc, e, wide);
                    break;
                }
                case 8: case 10: { // VMLAL, VMLSL
                    long prod = get(x, e, esize, u) * get(y, e, esize, u);
                    v = a == 8 ? get(acc, e, wide) + prod : get(acc, e, wide) - prod;
                    break;
                }
                case 9: case 11: // VQDMLAL, VQDMLSL
                    v = doublingAccumulate(c, get(acc, e, wide, false), sget(x, e, esize), sget(y, e, esize), esize, a == 11);
                    break;
                case 12: v = get(x, e, esize, u) * get(y, e, esize, u); break;    // VMULL (integer)
                case 13: v = doublingProduct(c, sget(x, e, esize), sget(y, e, esize), esize); break; // VQDMULL
                default: v = polyMul(get(x, e, 8), get(y, e, 8), 8); break;    // VMULL.P8
            }
            put(r, e, narrowing ? esize : wide, v);
        }
        write(c, d, r);
    }

    /** SatQ(2 * p * q) at twice the element size (only -2^(esize-1) squared saturates). */
    private static long doublingProduct(ArmCore c, long p, long q, int esize) {
        long prod = p * q;
        if (esize == 32 && prod == 1L << 62) {
            c.fpscr |= FpRules.QC;
            return Long.MAX_VALUE;
        }
        return sat(c, 2 * prod, 2 * esize, false);
    }

    /** VQDMLAL/VQDMLSL: SatQ(acc +/- SatQ(2 * p * q)). */
    private static long doublingAccumulate(ArmCore c, long acc, long p, long q, int esize, boolean subtract) {
        long prod = doublingProduct(c, p, q, esize);
        if (esize == 16) return sat(c, subtract ? acc - prod : acc + prod, 32, false);
        return subtract ? qsub(c, acc, prod, 64, false) : qadd(c, acc, prod, 64, false);
    }

    // ---- two registers and a scalar (A7.4.3), integer forms ----

    /** The scalar: size 01: Dm<2:0>[M:Vm<3>]; size 10: Dm<3:0>[M]. */
    static long scalarValue(ArmCore c, int i, int esize, boolean unsigned) {
        int vm = i & 15, m5 = (i >>> 5) & 1;
        long[] w = {c.d[esize == 16 ? vm & 7 : vm]};
        int index = esize == 16 ? (m5 << 1) | (vm >>> 3) : m5;
        return Neon.get(w, index, esize, unsigned);
    }

    static void scalar(ArmCore c, int i) {
        int a = (i >>> 8) & 15, size = (i >>> 20) & 3, esize = 8 << size, wide = 2 * esize;
        boolean qBit = (i & (1 << 24)) != 0; // the Q of the non-long forms is in U's place
        int d = vd(i), n = vn(i);
        if (size == 0 || size == 3) { c.undefined(i); return; }
        boolean isLong = a == 2 || a == 3 || a == 6 || a == 7 || a == 10 || a == 11;
        if (isLong) {
            boolean u = qBit;
            if ((d & 1) != 0 || ((a == 3 || a == 7 || a == 11) && u)) { c.undefined(i); return; }
            long s = scalarValue(c, i, esize, u);
            long[] x = read(c, n, 1), acc = read(c, d, 2), r = new long[2];
            for (int e = 0; e < 64 / esize; e++) {
                long p = get(x, e, esize, u), v;
                switch (a) {
                    case 2: v = get(acc, e, wide) + p * s; break;  // VMLAL
                    case 6: v = get(acc, e, wide) - p * s; break;  // VMLSL
                    case 3: case 7: v = doublingAccumulate(c, get(acc, e, wide, false), p, s, esize, a == 7); break; // VQDMLAL/VQDMLSL
                    case 10: v = p * s; break;                      // VMULL
                    default: v = doublingProduct(c, p, s, esize); break; // VQDMULL
                }
                put(r, e, wide, v);
            }
            write(c, d, r);
            return;
        }
        int regs = qBit ? 2 : 1;
        if (regs == 2 && ((d | n) & 1) != 0) { c.undefined(i); return; }
        long s = scalarValue(c, i, esize, false);
        long[] x = read(c, n, regs), acc = read(c, d, regs), r = new long[regs];
        for (int e = 0; e < 64 / esize * regs; e++) {
            long p = sget(x, e, esize), v;
            switch (a) {
                case 0: v = get(acc, e, esize) + p * s; break; // VMLA
                case 4: v = get(acc, e, esize) - p * s; break; // VMLS
                case 8: v = p * s; break;                       // VMUL
                case 12: v = sat(c, (p * s) >> (esize - 1), esize, false); break;                         // VQDMULH
                case 13: v = sat(c, (p * s + (1L << (esize - 2))) >> (esize - 1), esize, false); break;   // VQRDMULH
                default: c.undefined(i); return;
            }
            put(r, e, esize, v);
        }
        write(c, d, r);
    }

    // ---- two registers and a shift amount (A7.4.4) ----

    /** A = bits 11:8, L = bit 7, B = bit 6; the element size and shift come from L:imm6. */
    static void shiftImmediate(ArmCore c, int i) {
        int a = (i >>> 8) & 15, imm6 = (i >>> 16) & 0x3f;
        boolean l = (i & 0x80) != 0, bBit = (i & 0x40) != 0, u = Neon.unsigned(i);
        int esize = l ? 64 : imm6 >= 32 ? 32 : imm6 >= 16 ? 16 : 8;
        if (a >= 14) { // VCVT between floating point and fixed point
            NeonFp.convertFixed(c, i);
            return;
        }
        if (a >= 8) { // narrowing and lengthening forms: L = 0, size from imm6
            if (l || a > 10) { c.undefined(i); return; }
            if (a == 10) {
                if (bBit) { c.undefined(i); return; }
                shiftLeftLong(c, i, esize, imm6 - esize, u);
                return;
            }
            narrow(c, i, a, esize, 2 * esize - imm6, u, bBit);
            return;
        }
        int d = vd(i), m = vm(i), regs = regs(i);
        if (oddQ(c, i, d, m)) return;
        int right = l ? 64 - imm6 : 2 * esize - imm6; // 1..esize
        int left = l ? imm6 : imm6 - esize;           // 0..esize-1
        long[] x = read(c, m, regs), acc = read(c, d, regs), r = new long[regs];
        int elements = 64 / esize * regs;
        for (int e = 0; e < elements; e++) {
            long v;
            switch (a) {
                case 0: case 1: case 2: case 3: { // VSHR, VSRA, VRSHR, VRSRA
                    long p = get(x, e, esize, u);
                    v = a >= 2 ? roundShr(p, right, u) : u ? shr(p, right) : sar(p, right);
                    if ((a & 1) != 0) v += get(acc, e, esize);
                    break;
                }
                case 4: { // VSRI: shift right and insert
                    if (!u) { c.undefined(i); return; }
                    long mask = shr(esize == 64 ? -1L : (1L << esize) - 1, right);
                    v = (get(acc, e, esize) & ~mask) | shr(get(x, e, esize), right);
                    break;
                }
                case 5: { // VSHL (immediate), VSLI: shift left and insert
                    long shifted = get(x, e, esize) << left;
                    if (u) {
                        long mask = (esize == 64 ? -1L : (1L << esize) - 1) << left;
                        v = (get(acc, e, esize) & ~mask) | (shifted & mask);
                    } else {
                        v = shifted;
                    }
                    break;
                }
                case 6: // VQSHLU: signed in, unsigned out
                    if (!u) { c.undefined(i); return; }
                    v = satShl(c, sget(x, e, esize), left, esize, false, true);
                    break;
                default: // 7: VQSHL (immediate)
                    v = satShl(c, get(x, e, esize, u), left, esize, u, u);
                    break;
            }
            put(r, e, esize, v);
        }
        Neon.write(c, d, r);
    }

    /** VSHRN, VRSHRN, VQSHRN, VQRSHRN, VQSHRUN, VQRSHRUN: Qm shifted right, narrowed to Dd. */
    private static void narrow(ArmCore c, int i, int a, int esize, int shift, boolean u, boolean round) {
        int d = vd(i), m = vm(i), wide = 2 * esize;
        if ((m & 1) != 0 || esize == 64) { c.undefined(i); return; }
        // A = 1000: U = 0 VSHRN/VRSHRN (the low half: signedness does not matter), U = 1 VQSHRUN/VQRSHRUN
        // (signed in, unsigned out); A = 1001: VQSHRN/VQRSHRN, U the signedness of both
        boolean saturate = a == 9 || u, unsignedIn = a == 9 && u, unsignedOut = u;
        long[] x = read(c, m, 2), r = new long[1];
        for (int e = 0; e < 64 / esize; e++) {
            long p = get(x, e, wide, unsignedIn);
            long v = round ? roundShr(p, shift, unsignedIn) : unsignedIn ? shr(p, shift) : sar(p, shift);
            if (saturate) v = sat(c, v, esize, unsignedOut);
            put(r, e, esize, v);
        }
        c.d[d] = r[0];
    }

    /** VSHLL (immediate, shift < esize) and VMOVL (shift 0): Dm lengthened to Qd. */
    private static void shiftLeftLong(ArmCore c, int i, int esize, int shift, boolean u) {
        int d = vd(i), m = vm(i);
        if ((d & 1) != 0 || esize == 64) { c.undefined(i); return; }
        long[] x = read(c, m, 1), r = new long[2];
        for (int e = 0; e < 64 / esize; e++) put(r, e, 2 * esize, get(x, e, esize, u) << shift);
        write(c, d, r);
    }

    // ---- two registers, miscellaneous (A7.4.5), integer forms ----

    /** A = bits 17:16, B = bits 10:6, size = bits 19:18. */
    static void twoMisc(ArmCore c, int i) {
        int a = (i >>> 16) & 3, b = (i >>> 6) & 0x1f, size = (i >>> 18) & 3, esize = 8 << size;
        int d = vd(i), m = vm(i), regs = regs(i);
        if (a == 2) { narrowOrLong(c, i, b, size); return; }
        if (a != 0 && a != 1) { c.undefined(i); return; }
        if (oddQ(c, i, d, m)) return;
        if (size == 3) { c.undefined(i); return; }
        long[] x = read(c, m, regs), acc = read(c, d, regs), r = new long[regs];
        int elements = 64 / esize * regs;
        if (a == 0 && ((b & 0x1c) == 0x08 || (b & 0x1c) == 0x18)) { // VPADDL, VPADAL: B = 010xx / 110xx, bit 7 = U
            boolean u = (i & 0x80) != 0, accumulate = (b & 0x10) != 0;
            if (esize == 64) { c.undefined(i); return; }
            for (int e = 0; e < elements / 2; e++) {
                long v = get(x, 2 * e, esize, u) + get(x, 2 * e + 1, esize, u);
                if (accumulate) v += get(acc, e, 2 * esize);
                put(r, e, 2 * esize, v);
            }
            write(c, d, r);
            return;
        }
        for (int e = 0; e < elements; e++) {
            long p = sget(x, e, esize), v;
            if (a == 0) {
                switch (b >>> 1) {
                    case 8: v = Long.numberOfLeadingZeros(p < 0 ? ~p : p) - (64 - esize) - 1; break; // VCLS
                    case 9: v = Long.numberOfLeadingZeros(get(x, e, esize)) - (64 - esize); break;   // VCLZ
                    case 10: if (size != 0) { c.undefined(i); return; } v = Long.bitCount(get(x, e, 8)); break; // VCNT
                    case 11: if (size != 0) { c.undefined(i); return; } v = ~p; break;                           // VMVN
                    case 14: v = sat(c, Math.abs(p), esize, false); break;                                      // VQABS
                    case 15: v = sat(c, -p, esize, false); break;                                               // VQNEG
                    default: c.undefined(i); return;
                }
            } else {
                switch ((b >>> 1) & 7) { // B = F:op:Q
                    case 0: v = p > 0 ? -1 : 0; break;  // VCGT #0
                    case 1: v = p >= 0 ? -1 : 0; break; // VCGE #0
                    case 2: v = p == 0 ? -1 : 0; break; // VCEQ #0
                    case 3: v = p <= 0 ? -1 : 0; break; // VCLE #0
                    case 4: v = p < 0 ? -1 : 0; break;  // VCLT #0
                    case 6: v = Math.abs(p); break;     // VABS
                    case 7: v = -p; break;              // VNEG
                    default: c.undefined(i); return;
                }
            }
            put(r, e, esize, v);
        }
        write(c, d, r);
    }

    /** A = 10: VMOVN, VQMOVUN, VQMOVN (Qm to Dd) and VSHLL by the element size (Dm to Qd). */
    private static void narrowOrLong(ArmCore c, int i, int b, int size) {
        int d = vd(i), m = vm(i), esize = 8 << size, wide = 2 * esize;
        if (size == 3) { c.undefined(i); return; }
        if (b == 12) { // VSHLL (maximum shift)
            if ((d & 1) != 0) { c.undefined(i); return; }
            long[] x = read(c, m, 1), r = new long[2];
            for (int e = 0; e < 64 / esize; e++) put(r, e, wide, get(x, e, esize) << esize);
            write(c, d, r);
            return;
        }
        if (b < 8 || b > 11 || (m & 1) != 0) { c.undefined(i); return; }
        int op = b & 3; // 00 VMOVN, 01 VQMOVUN, 10 VQMOVN.S, 11 VQMOVN.U
        long[] x = read(c, m, 2), r = new long[1];
        for (int e = 0; e < 64 / esize; e++) {
            long v;
            switch (op) {
                case 0: v = get(x, e, wide); break;
                case 1: v = sat(c, sget(x, e, wide), esize, true); break;
                case 2: v = sat(c, sget(x, e, wide), esize, false); break;
                default: { // an unsigned 64-bit source may be beyond Long.MAX_VALUE: it saturates all the same
                    long raw = get(x, e, wide);
                    v = sat(c, raw < 0 ? Long.MAX_VALUE : raw, esize, true);
                    break;
                }
            }
            put(r, e, esize, v);
        }
        c.d[d] = r[0];
    }
}
