package org.socemu.armv7;

/**
 * VFPv4 (ARM ARM A7.5, A7.6, A7.8): register transfers, loads and stores, and the scalar
 * single/double data-processing instructions, shared by the A7 (D32) and the M4 (FPv4-SP). The
 * arithmetic follows the FPSCR exactly (rounding mode, flush-to-zero, default NaN, cumulative
 * exception flags): see {@link FpRules}.
 *
 * <p>The entry points take the instruction in its A32 layout; a T32 VFP instruction is the same
 * word with 1110 in the top nibble, so a Thumb-only core calls them with
 * {@code 0xe0000000 | (insn & 0x0fffffff)}.
 */
public final class Vfp {
    private Vfp() {}

    // ---- register file ----

    static int sBits(ArmCore c, int n) {
        long v = c.d[n >>> 1];
        return (n & 1) == 0 ? (int) v : (int) (v >>> 32);
    }

    static void setSBits(ArmCore c, int n, int bits) {
        long v = c.d[n >>> 1];
        c.d[n >>> 1] = (n & 1) == 0 ? (v & 0xffffffff00000000L) | (bits & 0xffffffffL) : (v & 0xffffffffL) | ((long) bits << 32);
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

    /**
     * The cp10/cp11 coprocessor space of an A32-layout word (cond 1110 for T32): the decode of
     * ARM ARM A7.5-A7.9, for callers that have no decode table of their own.
     */
    public static void coprocessor(ArmCore c, int i) {
        if ((i & 0x0fe00e00) == 0x0c400a00) transfer64(c, i);
        else if ((i & 0x0e000e00) == 0x0c000a00) loadStore(c, i);
        else if ((i & 0x0f000e10) == 0x0e000a10) transfer(c, i);
        else if ((i & 0x0f000e10) == 0x0e000a00) dataProcessing(c, i);
        else c.undefined(i);
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
        int regs = dbl ? words / 2 : words; // an odd count with doubles is FLDMX/FSTMX: the same transfer
        if (regs == 0 || first + regs > 32 || (dbl && regs > 16)) { c.undefined(i); return; }
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
            int opc = (i >>> 21) & 7;
            if (opc == 7) { // VMRS / VMSR
                vmrsVmsr(c, i, rt, toCore);
                return;
            }
            if (!check(c, i)) return;
            if (opc != 0) { c.undefined(i); return; }
            int sn = vn(i, false);
            if (toCore) c.r[rt] = sBits(c, sn);
            else setSBits(c, sn, c.r[rt]);
            return;
        }
        if (!check(c, i)) return;
        if (!toCore && (i & (1 << 23)) != 0) { // VDUP (core): B bit 22, E bit 5, Q bit 21
            int be = ((i >>> 21) & 2) | ((i >>> 5) & 1); // 00 = 32 bits, 01 = 16, 10 = 8
            int v = c.r[rt];
            long rep;
            if (be == 2) rep = (v & 0xffL) * 0x0101010101010101L;
            else if (be == 1) rep = (v & 0xffffL) * 0x0001000100010001L;
            else if (be == 0) rep = (v & 0xffffffffL) * 0x0000000100000001L;
            else { c.undefined(i); return; }
            int dn = vn(i, true);
            boolean q = (i & (1 << 21)) != 0;
            if (q && (dn & 1) != 0) { c.undefined(i); return; }
            c.d[dn] = rep;
            if (q) c.d[dn + 1] = rep;
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
            if (size == 32 && unsigned) { c.undefined(i); return; }
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
                c.fpscr = c.r[rt] & FpRules.writable(c);
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
        if (toCore && rt == rt2) { c.undefined(i); return; } // UNPREDICTABLE
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
            if (sm == 31) { c.undefined(i); return; }
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

    private static int negS(int x) { return x ^ 0x80000000; }
    private static long negD(long x) { return x ^ Long.MIN_VALUE; }

    /** VMLA ... VDIV, VFMA, and the "other" group (VMOV, VABS, VNEG, VSQRT, VCMP, VCVT). */
    public static void dataProcessing(ArmCore c, int i) {
        if (!check(c, i)) return;
        // no short vectors on this FPU: a non-zero Len or Stride makes VFP data processing UNDEFINED
        if ((c.fpscr & (FpRules.LEN | FpRules.STRIDE)) != 0) { c.undefined(i); return; }
        boolean dbl = (i & 0x100) != 0;
        int opc1 = ((i >>> 20) & 0xb), op = (i >>> 6) & 1;
        if (opc1 == 0xb) {
            other(c, i, dbl);
            return;
        }
        int d = vd(i, dbl), n = vn(i, dbl), m = vm(i, dbl), mode = c.fpscr;
        if (dbl) {
            long a = c.d[n], b = c.d[m], acc = c.d[d], r;
            switch (opc1 * 2 + op) {
                case 0: r = FpRules.add64(c, mode, acc, FpRules.mul64(c, mode, a, b)); break;             // VMLA (two roundings)
                case 1: r = FpRules.add64(c, mode, acc, negD(FpRules.mul64(c, mode, a, b))); break;       // VMLS
                case 2: r = FpRules.add64(c, mode, negD(acc), FpRules.mul64(c, mode, a, b)); break;       // VNMLS
                case 3: r = FpRules.add64(c, mode, negD(acc), negD(FpRules.mul64(c, mode, a, b))); break; // VNMLA
                case 4: r = FpRules.mul64(c, mode, a, b); break;                                          // VMUL
                case 5: r = negD(FpRules.mul64(c, mode, a, b)); break;                                    // VNMUL
                case 6: r = FpRules.add64(c, mode, a, b); break;                                          // VADD
                case 7: r = FpRules.sub64(c, mode, a, b); break;                                          // VSUB
                case 16: r = FpRules.div64(c, mode, a, b); break;                                         // VDIV
                case 18: r = FpRules.mulAdd64(c, mode, negD(acc), a, b); break;                           // VFNMS
                case 19: r = FpRules.mulAdd64(c, mode, negD(acc), negD(a), b); break;                     // VFNMA
                case 20: r = FpRules.mulAdd64(c, mode, acc, a, b); break;                                 // VFMA
                case 21: r = FpRules.mulAdd64(c, mode, acc, negD(a), b); break;                           // VFMS
                default: c.undefined(i); return;
            }
            c.d[d] = r;
        } else {
            int a = sBits(c, n), b = sBits(c, m), acc = sBits(c, d), r;
            switch (opc1 * 2 + op) {
                case 0: r = FpRules.add32(c, mode, acc, FpRules.mul32(c, mode, a, b)); break;
                case 1: r = FpRules.add32(c, mode, acc, negS(FpRules.mul32(c, mode, a, b))); break;
                case 2: r = FpRules.add32(c, mode, negS(acc), FpRules.mul32(c, mode, a, b)); break;
                case 3: r = FpRules.add32(c, mode, negS(acc), negS(FpRules.mul32(c, mode, a, b))); break;
                case 4: r = FpRules.mul32(c, mode, a, b); break;
                case 5: r = negS(FpRules.mul32(c, mode, a, b)); break;
                case 6: r = FpRules.add32(c, mode, a, b); break;
                case 7: r = FpRules.sub32(c, mode, a, b); break;
                case 16: r = FpRules.div32(c, mode, a, b); break;
                case 18: r = FpRules.mulAdd32(c, mode, negS(acc), a, b); break;
                case 19: r = FpRules.mulAdd32(c, mode, negS(acc), negS(a), b); break;
                case 20: r = FpRules.mulAdd32(c, mode, acc, a, b); break;
                case 21: r = FpRules.mulAdd32(c, mode, acc, negS(a), b); break;
                default: c.undefined(i); return;
            }
            setSBits(c, d, r);
        }
    }

    /** The "other" data-processing instructions: opc2 in bits 19:16, opc3 in bits 7:6. */
    private static void other(ArmCore c, int i, boolean dbl) {
        int opc2 = (i >>> 16) & 15, opc3 = (i >>> 6) & 3;
        int d = vd(i, dbl), m = vm(i, dbl), mode = c.fpscr;
        if ((opc3 & 1) == 0) { // VMOV (immediate): VFPExpandImm
            if ((i & 0xa0) != 0) { c.undefined(i); return; } // bits 7 and 5 are (0): UNPREDICTABLE, UNDEFINED here
            int imm8 = ((i >>> 12) & 0xf0) | (i & 0xf);
            int sign = imm8 >>> 7, b6 = (imm8 >>> 6) & 1, low = imm8 & 0x3f;
            if (dbl) c.d[d] = ((long) sign << 63) | ((long) (b6 ^ 1) << 62) | ((b6 != 0 ? 0xffL : 0) << 54) | ((long) low << 48);
            else setSBits(c, d, (sign << 31) | ((b6 ^ 1) << 30) | ((b6 != 0 ? 0x1f : 0) << 25) | (low << 19));
            return;
        }
        switch (opc2) {
            case 0: // VMOV (register) / VABS: bit operations, no flags, NaNs untouched
                if (dbl) c.d[d] = opc3 == 1 ? c.d[m] : c.d[m] & Long.MAX_VALUE;
                else setSBits(c, d, opc3 == 1 ? sBits(c, m) : sBits(c, m) & 0x7fffffff);
                return;
            case 1: // VNEG / VSQRT
                if (opc3 == 1) {
                    if (dbl) c.d[d] = negD(c.d[m]);
                    else setSBits(c, d, negS(sBits(c, m)));
                } else if (dbl) {
                    c.d[d] = FpRules.sqrt64(c, mode, c.d[m]);
                } else {
                    setSBits(c, d, FpRules.sqrt32(c, mode, sBits(c, m)));
                }
                return;
            case 2: case 3: { // VCVTB/VCVTT: half (bottom or top of Sx, bit 7) <-> single
                if (dbl) break; // half <-> double is ARMv8
                boolean top = (i & 0x80) != 0;
                if (opc2 == 3) {
                    int h = FpRules.f32ToF16(c, mode, sBits(c, m));
                    int old = sBits(c, d);
                    setSBits(c, d, top ? (old & 0xffff) | (h << 16) : (old & 0xffff0000) | h);
                } else {
                    int src = sBits(c, m);
                    setSBits(c, d, FpRules.f16ToF32(c, mode, top ? src >>> 16 : src & 0xffff));
                }
                return;
            }
            case 4: case 5: { // VCMP, VCMPE (bit 7), with zero when opc2 = 5
                if (opc2 == 5 && (i & 0x2f) != 0) break; // Vm is (0): UNPREDICTABLE, UNDEFINED here
                boolean e = (i & 0x80) != 0;
                int nzcv = dbl ? FpRules.compare64(c, mode, c.d[d], opc2 == 5 ? 0 : c.d[m], e)
                        : FpRules.compare32(c, mode, sBits(c, d), opc2 == 5 ? 0 : sBits(c, m), e);
                c.fpscr = (c.fpscr & 0x0fffffff) | nzcv;
                return;
            }
            case 7: // VCVT between double and single
                if (opc3 != 3) break;
                if (dbl) setSBits(c, vd(i, false), FpRules.f64ToF32(c, mode, c.d[m]));
                else c.d[vd(i, true)] = FpRules.f32ToF64(c, mode, sBits(c, m));
                return;
            case 8: { // VCVT integer -> floating point (bit 7: signed), rounded per FPSCR
                int v = sBits(c, vm(i, false));
                long x = (i & 0x80) != 0 ? v : v & 0xffffffffL;
                if (dbl) c.d[d] = FpRules.fromFixed(c, mode, FpRules.F64, x, 0);
                else setSBits(c, d, (int) FpRules.fromFixed(c, mode, FpRules.F32, x, 0));
                return;
            }
            case 10: case 11: case 14: case 15: { // VCVT between floating point and fixed point, in place
                boolean toFixed = opc2 >= 14, unsigned = (opc2 & 1) != 0;
                int size = (i & 0x80) != 0 ? 32 : 16;
                int fbits = size - (((i & 15) << 1) | ((i >>> 5) & 1));
                if (fbits < 0) break; // UNPREDICTABLE
                if (toFixed) {
                    long r = dbl ? FpRules.toFixed(c, mode, FpRules.F64, c.d[d], fbits, unsigned, true, size)
                            : FpRules.toFixed(c, mode, FpRules.F32, sBits(c, d), fbits, unsigned, true, size);
                    if (dbl) c.d[d] = r;
                    else setSBits(c, d, (int) r);
                } else { // FixedToFP with round_to_nearest: the FPSCR rounding mode does not apply
                    long raw = dbl ? c.d[d] : sBits(c, d);
                    long x = size == 16 ? (unsigned ? raw & 0xffff : (short) raw) : (unsigned ? raw & 0xffffffffL : (int) raw);
                    int nearest = mode & ~(3 << FpRules.RMODE_SHIFT);
                    if (dbl) c.d[d] = FpRules.fromFixed(c, nearest, FpRules.F64, x, fbits);
                    else setSBits(c, d, (int) FpRules.fromFixed(c, nearest, FpRules.F32, x, fbits));
                }
                return;
            }
            case 12: case 13: { // VCVT (bit 7 = 1: toward zero) / VCVTR (FPSCR rounding) floating point -> integer
                boolean unsigned = opc2 == 12, roundZero = (i & 0x80) != 0;
                long r = dbl ? FpRules.toFixed(c, mode, FpRules.F64, c.d[m], 0, unsigned, roundZero, 32)
                        : FpRules.toFixed(c, mode, FpRules.F32, sBits(c, m), 0, unsigned, roundZero, 32);
                setSBits(c, vd(i, false), (int) r);
                return;
            }
            default:
                break;
        }
        c.undefined(i);
    }
}
