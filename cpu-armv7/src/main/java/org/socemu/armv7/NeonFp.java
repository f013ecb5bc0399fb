package org.socemu.armv7;

import static org.socemu.armv7.Neon.oddQ;
import static org.socemu.armv7.Neon.regs;
import static org.socemu.armv7.Neon.vd;
import static org.socemu.armv7.Neon.vm;
import static org.socemu.armv7.Neon.vn;

/**
 * Advanced SIMD single-precision floating point: every operation uses the standard FPSCR value
 * (default NaN, flush-to-zero, round to nearest; see {@link FpRules#standard}) and records its
 * exceptions in the FPSCR's cumulative flags.
 */
final class NeonFp {
    private NeonFp() {}

    private static int lane(ArmCore c, int reg, int e) {
        return (int) (c.d[reg + (e >> 1)] >>> (32 * (e & 1)));
    }

    private static long pack(int lo, int hi) {
        return (lo & 0xffffffffL) | ((long) hi << 32);
    }

    private static final int ONES = -1;

    // ---- three registers of the same length: A = bits 11:8 of 1100 (B = 1) ... 1111 ----

    static void threeSame(ArmCore c, int i) {
        int a = (i >>> 8) & 15, b = (i >>> 4) & 1, op = (i >>> 21) & 1;
        boolean u = Neon.unsigned(i);
        if ((i & (1 << 20)) != 0) { c.undefined(i); return; } // sz = 1: no half precision in ARMv7
        int kind = (a << 3) | (b << 2) | ((u ? 1 : 0) << 1) | op;
        boolean pairwise = (a == 13 && b == 0 && u && op == 0) || (a == 15 && b == 0 && u);
        if (pairwise) {
            if ((i & 0x40) != 0) { c.undefined(i); return; }
            pairwise(c, i, a == 13 ? 0 : op + 1);
            return;
        }
        int d = vd(i), n = vn(i), m = vm(i), mode = FpRules.standard(c.fpscr);
        int elements = 2 * regs(i);
        int[] r = new int[elements];
        for (int e = 0; e < elements; e++) {
            int x = lane(c, n, e), y = lane(c, m, e), acc = lane(c, d, e), v;
            switch (kind) {
                case (12 << 3) | 4: v = FpRules.mulAdd32(c, mode, acc, x, y); break;                    // VFMA
                case (12 << 3) | 5: v = FpRules.mulAdd32(c, mode, acc, x ^ 0x80000000, y); break;       // VFMS
                case (13 << 3): v = FpRules.add32(c, mode, x, y); break;                                  // VADD
                case (13 << 3) | 1: v = FpRules.sub32(c, mode, x, y); break;                              // VSUB
                case (13 << 3) | 3: v = FpRules.sub32(c, mode, x, y) & 0x7fffffff; break;                 // VABD
                case (13 << 3) | 4: v = FpRules.add32(c, mode, acc, FpRules.mul32(c, mode, x, y)); break; // VMLA
                case (13 << 3) | 5: v = FpRules.add32(c, mode, acc, FpRules.mul32(c, mode, x, y) ^ 0x80000000); break; // VMLS
                case (13 << 3) | 6: v = FpRules.mul32(c, mode, x, y); break;                              // VMUL
                case (14 << 3): v = FpRules.compareEq32(c, mode, x, y) ? ONES : 0; break;                 // VCEQ
                case (14 << 3) | 2: v = FpRules.compareGe32(c, mode, x, y) ? ONES : 0; break;             // VCGE
                case (14 << 3) | 3: v = FpRules.compareGt32(c, mode, x, y) ? ONES : 0; break;             // VCGT
                case (14 << 3) | 6: v = FpRules.compareGe32(c, mode, x & 0x7fffffff, y & 0x7fffffff) ? ONES : 0; break; // VACGE
                case (14 << 3) | 7: v = FpRules.compareGt32(c, mode, x & 0x7fffffff, y & 0x7fffffff) ? ONES : 0; break; // VACGT
                case (15 << 3): v = FpRules.max32(c, mode, x, y); break;                                  // VMAX
                case (15 << 3) | 1: v = FpRules.min32(c, mode, x, y); break;                              // VMIN
                case (15 << 3) | 4: v = FpRules.recipStep32(c, mode, x, y); break;                        // VRECPS
                case (15 << 3) | 5: v = FpRules.rsqrtStep32(c, mode, x, y); break;                        // VRSQRTS
                default: c.undefined(i); return;
            }
            r[e] = v;
        }
        for (int k = 0; k < elements / 2; k++) c.d[d + k] = pack(r[2 * k], r[2 * k + 1]);
    }

    /** VPADD (kind 0), VPMAX (1), VPMIN (2): pairs of Dn, then pairs of Dm. */
    private static void pairwise(ArmCore c, int i, int kind) {
        int mode = FpRules.standard(c.fpscr);
        int[] r = new int[2];
        int[] src = {vn(i), vm(i)};
        for (int e = 0; e < 2; e++) {
            int x = lane(c, src[e], 0), y = lane(c, src[e], 1);
            r[e] = kind == 0 ? FpRules.add32(c, mode, x, y) : kind == 1 ? FpRules.max32(c, mode, x, y) : FpRules.min32(c, mode, x, y);
        }
        c.d[vd(i)] = pack(r[0], r[1]);
    }

    // ---- two registers and a scalar: VMLA, VMLS, VMUL (A = 0001, 0101, 1001) ----

    static void scalar(ArmCore c, int i) {
        int a = (i >>> 8) & 15, size = (i >>> 20) & 3;
        int regs = (i & (1 << 24)) != 0 ? 2 : 1, d = vd(i), n = vn(i);
        if (size != 2 || (regs == 2 && ((d | n) & 1) != 0)) { c.undefined(i); return; }
        int s = lane(c, i & 15, (i >>> 5) & 1), mode = FpRules.standard(c.fpscr);
        int[] r = new int[2 * regs];
        for (int e = 0; e < r.length; e++) {
            int x = lane(c, n, e), acc = lane(c, d, e);
            int p = FpRules.mul32(c, mode, x, s);
            r[e] = a == 9 ? p : FpRules.add32(c, mode, acc, a == 1 ? p : p ^ 0x80000000);
        }
        for (int k = 0; k < regs; k++) c.d[d + k] = pack(r[2 * k], r[2 * k + 1]);
    }

    // ---- two registers, miscellaneous ----

    /** A = 01 with F (compare with zero, VABS, VNEG), A = 10 (VCVT half), A = 11 (estimates, VCVT integer). */
    static void twoMisc(ArmCore c, int i) {
        int a = (i >>> 16) & 3, b = (i >>> 6) & 0x1f, size = (i >>> 18) & 3;
        int d = vd(i), m = vm(i), mode = FpRules.standard(c.fpscr);
        if (a == 2) { convertHalf(c, i, b == 24, size); return; }
        if (size != 2) { c.undefined(i); return; }
        if (oddQ(c, i, d, m)) return;
        int elements = 2 * regs(i);
        int[] r = new int[elements];
        for (int e = 0; e < elements; e++) {
            int x = lane(c, m, e), v;
            if (a == 1) {
                switch ((b >>> 1) & 7) {
                    case 0: v = FpRules.compareGt32(c, mode, x, 0) ? ONES : 0; break; // VCGT #0
                    case 1: v = FpRules.compareGe32(c, mode, x, 0) ? ONES : 0; break; // VCGE #0
                    case 2: v = FpRules.compareEq32(c, mode, x, 0) ? ONES : 0; break; // VCEQ #0
                    case 3: v = FpRules.compareGe32(c, mode, 0, x) ? ONES : 0; break; // VCLE #0
                    case 4: v = FpRules.compareGt32(c, mode, 0, x) ? ONES : 0; break; // VCLT #0
                    case 6: v = x & 0x7fffffff; break;                               // VABS
                    case 7: v = x ^ 0x80000000; break;                               // VNEG
                    default: c.undefined(i); return;
                }
            } else if ((b & 0x1a) == 0x10) { // VRECPE (bit 8: floating point, else unsigned integer)
                v = (b & 4) != 0 ? FpRules.recipEstimate32(c, mode, x) : FpRules.recipEstimateU32(x);
            } else if ((b & 0x1a) == 0x12) { // VRSQRTE
                v = (b & 4) != 0 ? FpRules.rsqrtEstimate32(c, mode, x) : FpRules.rsqrtEstimateU32(x);
            } else if ((b & 0x18) == 0x18) { // VCVT between single and 32-bit integer: op = bits 8:7
                int op = (b >>> 1) & 3;
                boolean unsigned = (op & 1) != 0;
                if (op >= 2) v = (int) FpRules.toFixed(c, mode, FpRules.F32, x, 0, unsigned, true, 32);
                else v = (int) FpRules.fromFixed(c, mode, FpRules.F32, unsigned ? x & 0xffffffffL : x, 0);
            } else {
                c.undefined(i);
                return;
            }
            r[e] = v;
        }
        for (int k = 0; k < elements / 2; k++) c.d[d + k] = pack(r[2 * k], r[2 * k + 1]);
    }

    /** VCVT.F16.F32 Dd, Qm and VCVT.F32.F16 Qd, Dm (size 01). */
    private static void convertHalf(ArmCore c, int i, boolean toHalf, int size) {
        int d = vd(i), m = vm(i), mode = FpRules.standard(c.fpscr);
        if (size != 1 || (i & 0x40) != 0 || (toHalf ? (m & 1) : (d & 1)) != 0) { c.undefined(i); return; }
        if (toHalf) {
            long r = 0;
            for (int e = 0; e < 4; e++) r |= (long) (FpRules.f32ToF16(c, mode, lane(c, m, e)) & 0xffff) << (16 * e);
            c.d[d] = r;
        } else {
            long src = c.d[m];
            int[] r = new int[4];
            for (int e = 0; e < 4; e++) r[e] = FpRules.f16ToF32(c, mode, (int) (src >>> (16 * e)) & 0xffff);
            c.d[d] = pack(r[0], r[1]);
            c.d[d + 1] = pack(r[2], r[3]);
        }
    }

    // ---- VCVT between floating point and fixed point (two registers and a shift, A = 111x) ----

    /** op = bit 8 (1: to fixed), U = bit 24, fraction bits = 64 - imm6 (imm6 = 1xxxxx). */
    static void convertFixed(ArmCore c, int i) {
        int imm6 = (i >>> 16) & 0x3f, d = vd(i), m = vm(i);
        if ((i & 0x80) != 0 || imm6 < 32) { c.undefined(i); return; }
        if (oddQ(c, i, d, m)) return;
        boolean toFixed = (i & 0x100) != 0, unsigned = Neon.unsigned(i);
        int fbits = 64 - imm6, mode = FpRules.standard(c.fpscr), elements = 2 * regs(i);
        int[] r = new int[elements];
        for (int e = 0; e < elements; e++) {
            int x = lane(c, m, e);
            r[e] = toFixed ? (int) FpRules.toFixed(c, mode, FpRules.F32, x, fbits, unsigned, true, 32)
                    : (int) FpRules.fromFixed(c, mode, FpRules.F32, unsigned ? x & 0xffffffffL : x, fbits);
        }
        for (int k = 0; k < elements / 2; k++) c.d[d + k] = pack(r[2 * k], r[2 * k + 1]);
    }
}
