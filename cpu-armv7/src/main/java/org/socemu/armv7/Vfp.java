package org.socemu.armv7;

/**
 * VFPv4 (ARM ARM A7.5, A7.6, A7.8): register transfers, loads and stores, and the scalar
 * single/double data-processing instructions, shared by the A7 (D32) and the M4 (FPv4-SP). The
 * arithmetic is Java's IEEE 754 arithmetic, which is what VFP computes in round-to-nearest; the
 * FPSCR rounding mode is honoured by VCVTR only, flush-to-zero is not modelled, and the cumulative
 * exception flags are not tracked. FPSCR.DN (default NaN) is honoured.
 *
 * <p>The entry points take the instruction in its A32 layout; a T32 VFP instruction is the same
 * word with 1110 in the top nibble, so a Thumb-only core calls them with
 * {@code 0xe0000000 | (insn & 0x0fffffff)}.
 */
public final class Vfp {
    private Vfp() {}

    private static final float DEFAULT_NAN_F = Float.intBitsToFloat(0x7fc00000);
    private static final double DEFAULT_NAN_D = Double.longBitsToDouble(0x7ff8000000000000L);

    // ---- register file ----

    static int sBits(ArmCore c, int n) {
        long v = c.d[n >>> 1];
        return (n & 1) == 0 ? (int) v : (int) (v >>> 32);
    }

    static void setSBits(ArmCore c, int n, int bits) {
        long v = c.d[n >>> 1];
        c.d[n >>> 1] = (n & 1) == 0 ? (v & 0xffffffff00000000L) | (bits & 0xffffffffL) : (v & 0xffffffffL) | ((long) bits << 32);
    }

    static float s(ArmCore c, int n) { return Float.intBitsToFloat(sBits(c, n)); }
    static double dv(ArmCore c, int n) { return Double.longBitsToDouble(c.d[n]); }

    static void setS(ArmCore c, int n, float v) {
        setSBits(c, n, Float.floatToRawIntBits(v));
    }

    static void setD(ArmCore c, int n, double v) {
        c.d[n] = Double.doubleToRawLongBits(v);
    }

    // ---- NaN rules (FPProcessNaNs): the first signalling NaN, quietened, else the first quiet NaN;
    //      an invalid operation on numbers gives the default NaN; FPSCR.DN forces the default NaN. ----

    private static boolean dn(ArmCore c) { return (c.fpscr & (1 << 25)) != 0; }

    private static boolean snan(float x) { return x != x && (Float.floatToRawIntBits(x) & 0x00400000) == 0; }
    private static boolean snan(double x) { return x != x && (Double.doubleToRawLongBits(x) & 0x0008000000000000L) == 0; }

    private static float quietF(float x) { return Float.intBitsToFloat(Float.floatToRawIntBits(x) | 0x00400000); }
    private static double quietD(double x) { return Double.longBitsToDouble(Double.doubleToRawLongBits(x) | 0x0008000000000000L); }

    private static float nanF(ArmCore c, float a, float b, float x) {
        if (dn(c)) return DEFAULT_NAN_F;
        if (snan(a)) return quietF(a);
        if (snan(b)) return quietF(b);
        if (snan(x)) return quietF(x);
        return a != a ? a : b != b ? b : x;
    }

    private static double nanD(ArmCore c, double a, double b, double x) {
        if (dn(c)) return DEFAULT_NAN_D;
        if (snan(a)) return quietD(a);
        if (snan(b)) return quietD(b);
        if (snan(x)) return quietD(x);
        return a != a ? a : b != b ? b : x;
    }

    /** A result computed from non-NaN operands: NaN means an invalid operation. */
    private static float resF(float r) { return r != r ? DEFAULT_NAN_F : r; }
    private static double resD(double r) { return r != r ? DEFAULT_NAN_D : r; }

    private static float negF(float x) { return Float.intBitsToFloat(Float.floatToRawIntBits(x) ^ 0x80000000); }
    private static double negD(double x) { return Double.longBitsToDouble(Double.doubleToRawLongBits(x) ^ 0x8000000000000000L); }

    static float add(ArmCore c, float a, float b) { return a != a || b != b ? nanF(c, a, b, 0f) : resF(a + b); }
    static float sub(ArmCore c, float a, float b) { return a != a || b != b ? nanF(c, a, b, 0f) : resF(a - b); }
    static float mul(ArmCore c, float a, float b) { return a != a || b != b ? nanF(c, a, b, 0f) : resF(a * b); }
    static float div(ArmCore c, float a, float b) { return a != a || b != b ? nanF(c, a, b, 0f) : resF(a / b); }
    static float fma(ArmCore c, float acc, float a, float b) {
        return acc != acc || a != a || b != b ? nanF(c, acc, a, b) : resF(Math.fma(a, b, acc));
    }

    static double add(ArmCore c, double a, double b) { return a != a || b != b ? nanD(c, a, b, 0d) : resD(a + b); }
    static double sub(ArmCore c, double a, double b) { return a != a || b != b ? nanD(c, a, b, 0d) : resD(a - b); }
    static double mul(ArmCore c, double a, double b) { return a != a || b != b ? nanD(c, a, b, 0d) : resD(a * b); }
    static double div(ArmCore c, double a, double b) { return a != a || b != b ? nanD(c, a, b, 0d) : resD(a / b); }
    static double fma(ArmCore c, double acc, double a, double b) {
        return acc != acc || a != a || b != b ? nanD(c, acc, a, b) : resD(Math.fma(a, b, acc));
    }

    /** Vd, Vn, Vm as register numbers: single = Vx:bit, double = bit:Vx. */
    private static int vd(int i, boolean dbl) { return dbl ? ((i >>> 18) & 0x10) | ((i >>> 12) & 15) : (((i >>> 12) & 15) << 1) | ((i >>> 22) & 1); }
    private static int vn(int i, boolean dbl) { return dbl ? ((i >>> 3) & 0x10) | ((i >>> 16) & 15) : (((i >>> 16) & 15) << 1) | ((i >>> 7) & 1); }
    private static int vm(int i, boolean dbl) { return dbl ? ((i >>> 1) & 0x10) | (i & 15) : ((i & 15) << 1) | ((i >>> 5) & 1); }

    private static boolean check(ArmCore c, int i) {
        if (c.fpEnabled()) return true;
        c.undefined(i);
        return false;
    }

    // ---- loads and stores ----

    /** VLDR, VSTR, VLDM, VSTM (and VPUSH/VPOP): P, U, W, L in bits 24, 23, 21, 20. */
    public static void loadStore(ArmCore c, int i) {
        if (!check(c, i)) return;
        boolean dbl = (i & 0x100) != 0, load = (i & (1 << 20)) != 0;
        boolean p = (i & (1 << 24)) != 0, u = (i & (1 << 23)) != 0, w = (i & (1 << 21)) != 0;
        int rn = (i >>> 16) & 15, imm8 = i & 0xff;
        int base = rn == 15 ? c.r[15] & ~3 : c.r[rn];
        int first = vd(i, dbl);
        if (p && !w) { // VLDR/VSTR
            int addr = u ? base + imm8 * 4 : base - imm8 * 4;
            transferOne(c, addr, first, dbl, load);
            return;
        }
        if (p == u) { c.undefined(i); return; } // not a VLDM/VSTM form
        int words = imm8;
        int addr = p ? base - words * 4 : base;
        int regs = dbl ? words / 2 : words;
        if (regs == 0 || first + regs > (dbl ? 32 : 64)) { c.undefined(i); return; }
        for (int k = 0; k < regs; k++) {
            transferOne(c, addr, first + k, dbl, load);
            addr += dbl ? 8 : 4;
        }
        if (w) c.r[rn] = u ? base + words * 4 : base - words * 4;
    }

    private static void transferOne(ArmCore c, int addr, int reg, boolean dbl, boolean load) {
        if (dbl) {
            if (load) {
                long lo = c.ld32Aligned(addr) & 0xffffffffL, hi = c.ld32Aligned(addr + 4) & 0xffffffffL;
                c.d[reg] = lo | (hi << 32);
            } else {
                c.st32Aligned(addr, (int) c.d[reg]);
                c.st32Aligned(addr + 4, (int) (c.d[reg] >>> 32));
            }
        } else if (load) {
            setSBits(c, reg, c.ld32Aligned(addr));
        } else {
            c.st32Aligned(addr, sBits(c, reg));
        }
    }

    // ---- transfers between core and FP registers ----

    /** VMOV core<->single, VMRS, VMSR, VMOV core<->scalar, VDUP (core). */
    public static void transfer(ArmCore c, int i) {
        int rt = (i >>> 12) & 15;
        boolean toCore = (i & (1 << 20)) != 0;
        if ((i & 0x100) == 0) {
            if ((i & 0x00e00000) == 0x00e00000) { // VMRS / VMSR
                vmrsVmsr(c, i, rt, toCore);
                return;
            }
            if ((i & 0x00e00000) != 0 || !check(c, i)) {
                if (c.fpEnabled()) c.undefined(i);
                return;
            }
            int sn = vn(i, false);
            if (toCore) c.r[rt] = sBits(c, sn);
            else setSBits(c, sn, c.r[rt]);
            return;
        }
        if (!check(c, i)) return;
        if (!toCore && (i & (1 << 23)) != 0) { // VDUP (core): B bit 22, E bit 5, Q bit 21
            int size = ((i >>> 21) & 2) | ((i >>> 5) & 1); // b:e -> 00 = 32, 01 = 16, 10 = 8
            int v = c.r[rt];
            long rep;
            if (size == 2) rep = (v & 0xffL) * 0x0101010101010101L;
            else if (size == 1) rep = (v & 0xffffL) * 0x0001000100010001L;
            else rep = (v & 0xffffffffL) * 0x0000000100000001L;
            int dn = vn(i, true);
            if ((i & (1 << 21)) != 0 && (dn & 1) != 0) { c.undefined(i); return; }
            c.d[dn] = rep;
            if ((i & (1 << 21)) != 0) c.d[dn + 1] = rep;
            return;
        }
        // VMOV scalar: opc1 (bits 22:21), opc2 (bits 6:5) give the lane and size
        int dreg = vn(i, true);
        int opc = ((i >>> 19) & 0xc) | ((i >>> 5) & 3);
        int size, index;
        if ((opc & 8) != 0) { size = 8; index = opc & 7; }
        else if ((opc & 1) != 0) { size = 16; index = (opc >>> 1) & 3; }
        else if ((opc & 2) == 0) { size = 32; index = (opc >>> 2) & 1; }
        else { c.undefined(i); return; }
        int shift = size * index;
        long mask = size == 32 ? 0xffffffffL : (1L << size) - 1;
        if (toCore) {
            long v = (c.d[dreg] >>> shift) & mask;
            boolean unsigned = (i & (1 << 23)) != 0;
            c.r[rt] = size == 32 ? (int) v : unsigned ? (int) v : size == 8 ? (byte) v : (short) v;
        } else {
            c.d[dreg] = (c.d[dreg] & ~(mask << shift)) | ((c.r[rt] & mask) << shift);
        }
    }

    private static void vmrsVmsr(ArmCore c, int i, int rt, boolean toCore) {
        int reg = (i >>> 16) & 15;
        if (reg == 1) { // FPSCR
            if (!check(c, i)) return;
            if (toCore) {
                if (rt == 15) c.setNzcv(c.fpscr);
                else c.r[rt] = c.fpscr;
            } else {
                c.fpscr = c.r[rt] & 0xf7c09f9f;
            }
            return;
        }
        if (toCore) {
            long v = c.fpSystemRead(reg);
            if (v < 0 || rt == 15) c.undefined(i);
            else c.r[rt] = (int) v;
        } else if (!c.fpSystemWrite(reg, c.r[rt])) {
            c.undefined(i);
        }
    }

    /** VMOV between two core registers and two singles (sz = 0) or one double (sz = 1). */
    public static void transfer64(ArmCore c, int i) {
        if (!check(c, i)) return;
        int rt = (i >>> 12) & 15, rt2 = (i >>> 16) & 15;
        boolean toCore = (i & (1 << 20)) != 0;
        if ((i & 0x100) != 0) {
            int dm = vm(i, true);
            if (toCore) {
                c.r[rt] = (int) c.d[dm];
                c.r[rt2] = (int) (c.d[dm] >>> 32);
            } else {
                c.d[dm] = (c.r[rt] & 0xffffffffL) | ((long) c.r[rt2] << 32);
            }
        } else {
            int sm = vm(i, false);
            if (sm == 63) { c.undefined(i); return; }
            if (toCore) {
                c.r[rt] = sBits(c, sm);
                c.r[rt2] = sBits(c, sm + 1);
            } else {
                setSBits(c, sm, c.r[rt]);
                setSBits(c, sm + 1, c.r[rt2]);
            }
        }
    }

    // ---- data processing ----

    /** VMLA ... VDIV, VFMA, and the "other" group (VMOV, VABS, VNEG, VSQRT, VCMP, VCVT). */
    public static void dataProcessing(ArmCore c, int i) {
        if (!check(c, i)) return;
        boolean dbl = (i & 0x100) != 0;
        int opc1 = ((i >>> 20) & 0xb), op = (i >>> 6) & 1;
        if (opc1 == 0xb) {
            other(c, i, dbl);
            return;
        }
        int d = vd(i, dbl), n = vn(i, dbl), m = vm(i, dbl);
        if (dbl) {
            double a = dv(c, n), b = dv(c, m), acc = dv(c, d), r;
            switch (opc1 * 2 + op) {
                case 0: r = add(c, acc, mul(c, a, b)); break;                 // VMLA (not fused: two roundings)
                case 1: r = add(c, acc, negD(mul(c, a, b))); break;           // VMLS
                case 2: r = add(c, negD(acc), mul(c, a, b)); break;           // VNMLS
                case 3: r = add(c, negD(acc), negD(mul(c, a, b))); break;     // VNMLA
                case 4: r = mul(c, a, b); break;                              // VMUL
                case 5: r = negD(mul(c, a, b)); break;                        // VNMUL
                case 6: r = add(c, a, b); break;                              // VADD
                case 7: r = sub(c, a, b); break;                              // VSUB
                case 16: r = div(c, a, b); break;                             // VDIV
                case 18: r = fma(c, negD(acc), a, b); break;                  // VFNMS
                case 19: r = fma(c, negD(acc), negD(a), b); break;            // VFNMA
                case 20: r = fma(c, acc, a, b); break;                        // VFMA
                case 21: r = fma(c, acc, negD(a), b); break;                  // VFMS
                default: c.undefined(i); return;
            }
            setD(c, d, r);
        } else {
            float a = s(c, n), b = s(c, m), acc = s(c, d), r;
            switch (opc1 * 2 + op) {
                case 0: r = add(c, acc, mul(c, a, b)); break;
                case 1: r = add(c, acc, negF(mul(c, a, b))); break;
                case 2: r = add(c, negF(acc), mul(c, a, b)); break;
                case 3: r = add(c, negF(acc), negF(mul(c, a, b))); break;
                case 4: r = mul(c, a, b); break;
                case 5: r = negF(mul(c, a, b)); break;
                case 6: r = add(c, a, b); break;
                case 7: r = sub(c, a, b); break;
                case 16: r = div(c, a, b); break;
                case 18: r = fma(c, negF(acc), a, b); break;
                case 19: r = fma(c, negF(acc), negF(a), b); break;
                case 20: r = fma(c, acc, a, b); break;
                case 21: r = fma(c, acc, negF(a), b); break;
                default: c.undefined(i); return;
            }
            setS(c, d, r);
        }
    }

    private static void other(ArmCore c, int i, boolean dbl) {
        int opc2 = (i >>> 16) & 15, opc3 = (i >>> 6) & 3;
        int d = vd(i, dbl), m = vm(i, dbl);
        if ((opc3 & 1) == 0) { // VMOV (immediate): VFPExpandImm
            int imm8 = ((i >>> 12) & 0xf0) | (i & 0xf);
            int sign = imm8 >>> 7, b6 = (imm8 >>> 6) & 1, low = imm8 & 0x3f;
            if (dbl) c.d[d] = ((long) sign << 63) | ((long) (b6 ^ 1) << 62) | ((b6 != 0 ? 0xffL : 0) << 54) | ((long) low << 48);
            else setSBits(c, d, (sign << 31) | ((b6 ^ 1) << 30) | ((b6 != 0 ? 0x1f : 0) << 25) | (low << 19));
            return;
        }
        switch (opc2) {
            case 0: // VMOV (register) / VABS
                if (dbl) c.d[d] = opc3 == 1 ? c.d[m] : c.d[m] & ~(1L << 63);
                else setSBits(c, d, opc3 == 1 ? sBits(c, m) : sBits(c, m) & 0x7fffffff);
                return;
            case 1: // VNEG / VSQRT
                if (opc3 == 1) {
                    if (dbl) c.d[d] = c.d[m] ^ (1L << 63);
                    else setSBits(c, d, sBits(c, m) ^ 0x80000000);
                } else if (dbl) {
                    double x = dv(c, m);
                    setD(c, d, x != x ? nanD(c, x, 0d, 0d) : resD(Math.sqrt(x)));
                } else {
                    float x = s(c, m);
                    setS(c, d, x != x ? nanF(c, x, 0f, 0f) : resF((float) Math.sqrt(x)));
                }
                return;
            case 4: case 5: { // VCMP, VCMPE (with zero when opc2 = 5)
                double a = dbl ? dv(c, d) : s(c, d);
                double b = opc2 == 5 ? 0.0 : dbl ? dv(c, m) : s(c, m);
                int nzcv;
                if (Double.isNaN(a) || Double.isNaN(b)) nzcv = 0x3;
                else if (a == b) nzcv = 0x6;
                else if (a < b) nzcv = 0x8;
                else nzcv = 0x2;
                c.fpscr = (c.fpscr & 0x0fffffff) | (nzcv << 28);
                return;
            }
            case 7: // VCVT between double and single
                if (opc3 != 3) break;
                if (dbl) {
                    double x = dv(c, m);
                    setS(c, vd(i, false), x != x ? (dn(c) ? DEFAULT_NAN_F : (float) quietD(x)) : (float) x);
                } else {
                    float x = s(c, m);
                    setD(c, vd(i, true), x != x ? (dn(c) ? DEFAULT_NAN_D : (double) quietF(x)) : (double) x);
                }
                return;
            case 8: { // VCVT integer -> floating point (op = bit 7: signed)
                int v = sBits(c, vm(i, false));
                double x = (i & 0x80) != 0 ? v : (v & 0xffffffffL);
                if (dbl) setD(c, d, x);
                else setS(c, d, (float) x);
                return;
            }
            case 12: case 13: { // VCVT/VCVTR floating point -> integer (opc2 bit 0: signed)
                double x = dbl ? dv(c, m) : s(c, m);
                if ((i & 0x80) == 0) x = round(x, (c.fpscr >>> 22) & 3); // VCVTR: FPSCR rounding
                int res;
                if (Double.isNaN(x)) res = 0;
                else if (opc2 == 13) res = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, (long) x));
                else res = (int) Math.min(0xffffffffL, x < 0 ? 0 : (long) x);
                setSBits(c, vd(i, false), res);
                return;
            }
            default:
                break;
        }
        c.undefined(i); // half-precision and fixed-point conversions are not implemented
    }

    /** Rounds to an integral value per FPSCR.RMode: nearest-even, +inf, -inf, zero. */
    private static double round(double x, int rmode) {
        switch (rmode) {
            case 0: return Math.rint(x);
            case 1: return Math.ceil(x);
            case 2: return Math.floor(x);
            default: return x < 0 ? Math.ceil(x) : Math.floor(x);
        }
    }
}
