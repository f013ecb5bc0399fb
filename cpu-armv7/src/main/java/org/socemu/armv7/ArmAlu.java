package org.socemu.armv7;

/**
 * Integer semantics shared by A32 and T32 (and by the Cortex-M4): the shifter, add-with-carry,
 * the data-processing operations, saturation and the SIMD media arithmetic. The pseudo-code names
 * of the ARM ARM are kept (Shift_C, AddWithCarry, SignedSatQ, ...). Nothing here allocates.
 */
public final class ArmAlu {
    private ArmAlu() {}

    public static final int LSL = 0, LSR = 1, ASR = 2, ROR = 3;

    /** Data-processing opcodes in their A32 numbering (T32 maps onto these; ORN is T32 only). */
    public static final int AND = 0, EOR = 1, SUB = 2, RSB = 3, ADD = 4, ADC = 5, SBC = 6, RSC = 7,
            TST = 8, TEQ = 9, CMP = 10, CMN = 11, ORR = 12, MOV = 13, BIC = 14, MVN = 15, ORN = 16;

    /** Shift by an immediate as encoded (DecodeImmShift): LSR/ASR #0 mean 32, ROR #0 means RRX. Sets shc. */
    public static int shiftImm(ArmCore s, int v, int type, int imm) {
        switch (type) {
            case LSL:
                if (imm == 0) { s.shc = s.c; return v; }
                s.shc = ((v >>> (32 - imm)) & 1) != 0;
                return v << imm;
            case LSR:
                if (imm == 0) { s.shc = v < 0; return 0; }
                s.shc = ((v >>> (imm - 1)) & 1) != 0;
                return v >>> imm;
            case ASR:
                if (imm == 0) { s.shc = v < 0; return v >> 31; }
                s.shc = ((v >> (imm - 1)) & 1) != 0;
                return v >> imm;
            default:
                if (imm == 0) { // RRX
                    boolean cin = s.c;
                    s.shc = (v & 1) != 0;
                    return (v >>> 1) | (cin ? 0x80000000 : 0);
                }
                s.shc = ((v >>> (imm - 1)) & 1) != 0;
                return Integer.rotateRight(v, imm);
        }
    }

    /** Shift by a register's bottom byte (0-255). Sets shc. */
    public static int shiftReg(ArmCore s, int v, int type, int amt) {
        amt &= 0xff;
        if (amt == 0) { s.shc = s.c; return v; }
        switch (type) {
            case LSL:
                if (amt < 32) { s.shc = ((v >>> (32 - amt)) & 1) != 0; return v << amt; }
                s.shc = amt == 32 && (v & 1) != 0;
                return 0;
            case LSR:
                if (amt < 32) { s.shc = ((v >>> (amt - 1)) & 1) != 0; return v >>> amt; }
                s.shc = amt == 32 && v < 0;
                return 0;
            case ASR:
                if (amt < 32) { s.shc = ((v >> (amt - 1)) & 1) != 0; return v >> amt; }
                s.shc = v < 0;
                return v >> 31;
            default:
                int r = Integer.rotateRight(v, amt & 31);
                s.shc = r < 0;
                return r;
        }
    }

    /** A32 modified immediate (ARMExpandImm_C). Sets shc. */
    public static int armExpandImm(ArmCore s, int imm12) {
        int rot = (imm12 >>> 8) * 2;
        int v = Integer.rotateRight(imm12 & 0xff, rot);
        s.shc = rot == 0 ? s.c : v < 0;
        return v;
    }

    /** T32 modified immediate (ThumbExpandImm_C). Sets shc. */
    public static int thumbExpandImm(ArmCore s, int imm12) {
        int imm8 = imm12 & 0xff;
        if ((imm12 >>> 10) == 0) {
            s.shc = s.c;
            switch ((imm12 >>> 8) & 3) {
                case 0: return imm8;
                case 1: return imm8 | (imm8 << 16);
                case 2: return (imm8 << 8) | (imm8 << 24);
                default: return imm8 | (imm8 << 8) | (imm8 << 16) | (imm8 << 24);
            }
        }
        int v = Integer.rotateRight(0x80 | (imm12 & 0x7f), imm12 >>> 7);
        s.shc = v < 0;
        return v;
    }

    /** AddWithCarry, setting NZCV when {@code setFlags}. */
    public static int addWithCarry(ArmCore s, int a, int b, int carry, boolean setFlags) {
        long ur = (a & 0xffffffffL) + (b & 0xffffffffL) + carry;
        int r = (int) ur;
        if (setFlags) {
            s.n = r < 0;
            s.z = r == 0;
            s.c = (ur >>> 32) != 0;
            s.v = ((a ^ r) & (b ^ r)) < 0;
        }
        return r;
    }

    /**
     * One data-processing operation on operands already shifted (logical ops take their carry
     * from shc). Returns the result; compare/test ops return it too but callers must not write it.
     */
    public static int dataProc(ArmCore s, int op, boolean setFlags, int a, int b) {
        int r;
        switch (op) {
            case AND: case TST: r = a & b; break;
            case EOR: case TEQ: r = a ^ b; break;
            case ORR: r = a | b; break;
            case ORN: r = a | ~b; break;
            case MOV: r = b; break;
            case BIC: r = a & ~b; break;
            case MVN: r = ~b; break;
            case SUB: case CMP: return addWithCarry(s, a, ~b, 1, setFlags);
            case RSB: return addWithCarry(s, b, ~a, 1, setFlags);
            case ADD: case CMN: return addWithCarry(s, a, b, 0, setFlags);
            case ADC: return addWithCarry(s, a, b, s.c ? 1 : 0, setFlags);
            case SBC: return addWithCarry(s, a, ~b, s.c ? 1 : 0, setFlags);
            case RSC: return addWithCarry(s, b, ~a, s.c ? 1 : 0, setFlags);
            default: throw new IllegalArgumentException("data-processing op " + op);
        }
        if (setFlags) {
            s.n = r < 0;
            s.z = r == 0;
            s.c = s.shc;
        }
        return r;
    }

    /** True for TST/TEQ/CMP/CMN, which only set flags. */
    public static boolean isTest(int op) {
        return op >= TST && op <= CMN;
    }

    // ---- saturation ----

    /** SignedSatQ to {@code bits} (1..32); sets Q on saturation. */
    public static int signedSat(ArmCore s, long v, int bits) {
        long max = (1L << (bits - 1)) - 1, min = -(1L << (bits - 1));
        if (v > max) { s.q = true; return (int) max; }
        if (v < min) { s.q = true; return (int) min; }
        return (int) v;
    }

    /** UnsignedSatQ to {@code bits} (0..31); sets Q on saturation. */
    public static int unsignedSat(ArmCore s, long v, int bits) {
        long max = (1L << bits) - 1;
        if (v > max) { s.q = true; return (int) max; }
        if (v < 0) { s.q = true; return 0; }
        return (int) v;
    }

    /** Saturation without touching Q (the parallel QADD8 family). */
    static int satNoQ(long v, int bits, boolean unsigned) {
        long max = unsigned ? (1L << bits) - 1 : (1L << (bits - 1)) - 1;
        long min = unsigned ? 0 : -(1L << (bits - 1));
        return (int) Math.max(min, Math.min(max, v));
    }

    public static int qadd(ArmCore s, int a, int b) { return signedSat(s, (long) a + b, 32); }
    public static int qsub(ArmCore s, int a, int b) { return signedSat(s, (long) a - b, 32); }

    // ---- SIMD add/subtract (ADD16, ASX, SAX, SUB16, ADD8, SUB8) ----

    /** Parallel kinds: 1 = S (signed, sets GE), 2 = Q (signed saturating), 3 = SH (signed halving),
     *  5 = U (unsigned, sets GE), 6 = UQ, 7 = UH; ops: 0 ADD16, 1 ASX, 2 SAX, 3 SUB16, 4 ADD8, 7 SUB8. */
    public static int parallel(ArmCore s, int kind, int op, int a, int b) {
        boolean uns = kind >= 5;
        int mode = kind & 3; // 1 plain, 2 saturating, 3 halving
        int res = 0, geBits = 0;
        if (op == 4 || op == 7) {
            for (int i = 0; i < 4; i++) {
                int x = lane(a, i * 8, 8, uns), y = lane(b, i * 8, 8, uns);
                int r = op == 4 ? x + y : x - y;
                if (ge(r, op == 4, uns, 8)) geBits |= 1 << i;
                res |= (finish(r, mode, 8, uns) & 0xff) << (i * 8);
            }
            if (mode == 1) s.ge = geBits;
            return res;
        }
        int alo = lane(a, 0, 16, uns), ahi = lane(a, 16, 16, uns), blo = lane(b, 0, 16, uns), bhi = lane(b, 16, 16, uns);
        int lo, hi;
        boolean loAdd, hiAdd;
        switch (op) {
            case 0: lo = alo + blo; hi = ahi + bhi; loAdd = true; hiAdd = true; break;
            case 1: lo = alo - bhi; hi = ahi + blo; loAdd = false; hiAdd = true; break;  // ASX
            case 2: lo = alo + bhi; hi = ahi - blo; loAdd = true; hiAdd = false; break;  // SAX
            case 3: lo = alo - blo; hi = ahi - bhi; loAdd = false; hiAdd = false; break;
            default: throw new IllegalArgumentException("parallel op " + op);
        }
        if (mode == 1) s.ge = (ge(lo, loAdd, uns, 16) ? 3 : 0) | (ge(hi, hiAdd, uns, 16) ? 0xc : 0);
        return (finish(lo, mode, 16, uns) & 0xffff) | (finish(hi, mode, 16, uns) << 16);
    }

    private static int lane(int v, int shift, int bits, boolean uns) {
        int x = v << (32 - shift - bits);
        return uns ? x >>> (32 - bits) : x >> (32 - bits);
    }

    private static boolean ge(int r, boolean add, boolean uns, int bits) {
        if (!uns) return r >= 0;
        return add ? r >= (1 << bits) : r >= 0;
    }

    private static int finish(int r, int mode, int bits, boolean uns) {
        if (mode == 2) return satNoQ(r, bits, uns);
        if (mode == 3) return r >> 1;
        return r;
    }

    /** SEL: byte-wise choice by GE. */
    public static int sel(ArmCore s, int a, int b) {
        int r = 0;
        for (int i = 0; i < 4; i++) r |= (((s.ge >>> i) & 1) != 0 ? a : b) & (0xff << (8 * i));
        return r;
    }

    /** USAD8: sum of absolute byte differences. */
    public static int usad8(int a, int b) {
        int sum = 0;
        for (int i = 0; i < 32; i += 8) sum += Math.abs(((a >>> i) & 0xff) - ((b >>> i) & 0xff));
        return sum;
    }

    // ---- bits ----

    public static int rbit(int v) { return Integer.reverse(v); }
    public static int rev(int v) { return Integer.reverseBytes(v); }
    public static int rev16(int v) { return ((v >>> 8) & 0x00ff00ff) | ((v << 8) & 0xff00ff00); }
    public static int revsh(int v) { return (short) (((v & 0xff) << 8) | ((v >>> 8) & 0xff)); }

    /** Extend-and-add (SXTAB/UXTAH/...): {@code rot} in bits (0, 8, 16, 24). */
    public static int extend(int v, int rot, int bytes, boolean signed) {
        int x = Integer.rotateRight(v, rot);
        if (bytes == 1) return signed ? (byte) x : x & 0xff;
        return signed ? (short) x : x & 0xffff;
    }

    /** SXTB16/UXTB16 with accumulate: two byte lanes to two halfword lanes. */
    public static int extend16(int acc, int v, int rot, boolean signed) {
        int x = Integer.rotateRight(v, rot);
        int lo = signed ? (byte) x : x & 0xff;
        int hi = signed ? (byte) (x >>> 16) : (x >>> 16) & 0xff;
        return ((acc + lo) & 0xffff) | (((acc >>> 16) + hi) << 16);
    }

    public static int ubfx(int v, int lsb, int widthMinus1) {
        int w = widthMinus1 + 1;
        return w == 32 ? v : (v >>> lsb) & ((1 << w) - 1);
    }

    public static int sbfx(int v, int lsb, int widthMinus1) {
        int w = widthMinus1 + 1;
        return (v << (32 - lsb - w)) >> (32 - w);
    }

    /** BFI/BFC: bits lsb..msb of {@code dst} from the low bits of {@code src}. */
    public static int bfi(int dst, int src, int lsb, int msb) {
        if (msb < lsb) return dst; // unpredictable: leave unchanged
        int w = msb - lsb + 1;
        int mask = (w == 32 ? -1 : (1 << w) - 1) << lsb;
        return (dst & ~mask) | ((src << lsb) & mask);
    }

    /** SDIV/UDIV: division by zero gives zero (Cortex-A7 has no divide trap in A-profile). */
    public static int sdiv(int a, int b) {
        if (b == 0) return 0;
        if (a == Integer.MIN_VALUE && b == -1) return Integer.MIN_VALUE;
        return a / b;
    }

    public static int udiv(int a, int b) {
        return b == 0 ? 0 : Integer.divideUnsigned(a, b);
    }

    /** Signed 16x16 lane select for SMULxy and friends. */
    public static int half(int v, boolean top) {
        return top ? v >> 16 : (short) v;
    }
}
