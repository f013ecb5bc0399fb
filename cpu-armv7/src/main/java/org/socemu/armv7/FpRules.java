package org.socemu.armv7;

import java.math.BigInteger;

/**
 * The floating-point rules of ARMv7 in one place, shared by VFP and Advanced SIMD: the ARM ARM
 * pseudocode library (A2.7, "Floating-point data types and arithmetic" and its functions FPUnpack,
 * FPProcessNaN, FPProcessNaNs, FPRound, FPAdd ... FPToFixed, FPRecipEstimate) written out over bit
 * patterns. Singles are {@code int} bits, doubles {@code long} bits, halves the low 16 bits of an int.
 *
 * <p>Every operation takes {@code mode}, the FPSCR value that controls it: {@code c.fpscr} for VFP,
 * {@link #standard} of it for Advanced SIMD (default NaN, flush-to-zero, round to nearest). The
 * cumulative exception flags go to {@code c.fpscr} in both cases (FPProcessException); this core
 * traps none of them, as the Cortex-A7 does not.
 *
 * <p>How exactness is obtained from Java's round-to-nearest arithmetic: a single-precision result
 * is computed in double precision, where it is exact (products) or carries an exactly computable
 * error (sums by TwoSum, quotients and square roots by a fused multiply-add remainder), so the sign
 * of that error decides every rounding mode and the inexact/underflow flags. Double-precision
 * operations do the same where the error term is representable, and fall back to exact integer
 * arithmetic ({@link BigInteger}) near the ends of the range and for the fused multiply-add.
 */
final class FpRules {
    private FpRules() {}

    // ---- FPSCR (ARM ARM B4.1.58) ----

    static final int N = 1 << 31, Z = 1 << 30, C = 1 << 29, V = 1 << 28;
    /** Cumulative saturation (Advanced SIMD). */
    static final int QC = 1 << 27;
    static final int AHP = 1 << 26, DN = 1 << 25, FZ = 1 << 24;
    static final int RMODE_SHIFT = 22;
    static final int RN = 0, RP = 1, RM = 2, RZ = 3;
    static final int STRIDE = 3 << 20, LEN = 7 << 16;
    /** Cumulative exception flags: input denormal, inexact, underflow, overflow, divide by zero, invalid. */
    static final int IDC = 1 << 7, IXC = 1 << 4, UFC = 1 << 3, OFC = 1 << 2, DZC = 1 << 1, IOC = 1;
    /**
     * The bits a VMSR can set: the Cortex-A7 traps no floating-point exception, so the trap enables
     * (IDE, IXE, UFE, OFE, DZE, IOE) read as zero; Len and Stride are kept (ARMv7 lets them be
     * written even without short-vector support, and VFP data processing is then UNDEFINED).
     */
    static final int WRITABLE = N | Z | C | V | QC | AHP | DN | FZ | (3 << RMODE_SHIFT) | STRIDE | LEN
            | IDC | IXC | UFC | OFC | DZC | IOC;

    /** The VMSR mask of a core: the M profile's FPSCR has no QC, Len or Stride (ARMv7-M B3.2.22). */
    static int writable(ArmCore c) {
        return c instanceof CortexA7 ? WRITABLE : WRITABLE & ~(QC | LEN | STRIDE);
    }

    /** StandardFPSCRValue(): what Advanced SIMD computes with (AHP from the FPSCR, DN, FZ, nearest). */
    static int standard(int fpscr) {
        return (fpscr & AHP) | DN | FZ;
    }

    private static int rmode(int mode) {
        return (mode >>> RMODE_SHIFT) & 3;
    }

    // ---- formats ----

    static final int F16 = 0, F32 = 1, F64 = 2;
    private static final int[] FRAC_BITS = {10, 23, 52};
    private static final int[] EXP_BITS = {5, 8, 11};
    private static final int[] EMIN = {-14, -126, -1022};

    static final int DEFAULT_NAN32 = 0x7fc00000;
    static final long DEFAULT_NAN64 = 0x7ff8000000000000L;
    static final int INF32 = 0x7f800000;
    static final long INF64 = 0x7ff0000000000000L;

    static boolean isNaN32(int a) { return (a & 0x7fffffff) > INF32; }
    static boolean isNaN64(long a) { return (a & Long.MAX_VALUE) > INF64; }
    static boolean isSNaN32(int a) { return isNaN32(a) && (a & 0x00400000) == 0; }
    static boolean isSNaN64(long a) { return isNaN64(a) && (a & 0x0008000000000000L) == 0; }
    private static boolean isInf32(int a) { return (a & 0x7fffffff) == INF32; }
    private static boolean isInf64(long a) { return (a & Long.MAX_VALUE) == INF64; }
    private static boolean isZero32(int a) { return (a & 0x7fffffff) == 0; }
    private static boolean isZero64(long a) { return (a & Long.MAX_VALUE) == 0; }

    // ---- FPUnpack: flush-to-zero of denormal inputs ----

    /** A denormal single input under FZ is a zero of the same sign, and sets IDC. */
    static int flush32(ArmCore c, int mode, int a) {
        if ((mode & FZ) != 0 && (a & 0x7f800000) == 0 && (a & 0x007fffff) != 0) {
            c.fpscr |= IDC;
            return a & 0x80000000;
        }
        return a;
    }

    static long flush64(ArmCore c, int mode, long a) {
        if ((mode & FZ) != 0 && (a & INF64) == 0 && (a & 0x000fffffffffffffL) != 0) {
            c.fpscr |= IDC;
            return a & Long.MIN_VALUE;
        }
        return a;
    }

    // ---- NaN handling (FPProcessNaN, FPProcessNaNs, FPProcessNaNs3) ----

    /** A NaN operand becomes the result: quietened (IOC if it was signalling), or the default NaN under DN. */
    static int processNaN32(ArmCore c, int mode, int a) {
        if ((a & 0x00400000) == 0) c.fpscr |= IOC;
        return (mode & DN) != 0 ? DEFAULT_NAN32 : a | 0x00400000;
    }

    static long processNaN64(ArmCore c, int mode, long a) {
        if ((a & 0x0008000000000000L) == 0) c.fpscr |= IOC;
        return (mode & DN) != 0 ? DEFAULT_NAN64 : a | 0x0008000000000000L;
    }

    /** At least one operand is a NaN: the first signalling one, else the first quiet one. */
    private static int processNaNs32(ArmCore c, int mode, int a, int b) {
        if (isSNaN32(a)) return processNaN32(c, mode, a);
        if (isSNaN32(b)) return processNaN32(c, mode, b);
        return processNaN32(c, mode, isNaN32(a) ? a : b);
    }

    private static long processNaNs64(ArmCore c, int mode, long a, long b) {
        if (isSNaN64(a)) return processNaN64(c, mode, a);
        if (isSNaN64(b)) return processNaN64(c, mode, b);
        return processNaN64(c, mode, isNaN64(a) ? a : b);
    }

    private static int processNaNs32(ArmCore c, int mode, int a, int b, int x) {
        if (isSNaN32(a)) return processNaN32(c, mode, a);
        if (isSNaN32(b)) return processNaN32(c, mode, b);
        if (isSNaN32(x)) return processNaN32(c, mode, x);
        return processNaN32(c, mode, isNaN32(a) ? a : isNaN32(b) ? b : x);
    }

    private static long processNaNs64(ArmCore c, int mode, long a, long b, long x) {
        if (isSNaN64(a)) return processNaN64(c, mode, a);
        if (isSNaN64(b)) return processNaN64(c, mode, b);
        if (isSNaN64(x)) return processNaN64(c, mode, x);
        return processNaN64(c, mode, isNaN64(a) ? a : isNaN64(b) ? b : x);
    }

    private static int invalid32(ArmCore c) {
        c.fpscr |= IOC;
        return DEFAULT_NAN32;
    }

    private static long invalid64(ArmCore c) {
        c.fpscr |= IOC;
        return DEFAULT_NAN64;
    }

    /** The sign of an exact zero sum of non-zero or opposite-signed operands: negative only when rounding to -inf. */
    private static boolean zeroSumNegative(int mode) {
        return rmode(mode) == RM;
    }

    // ---- FPRound ----

    /**
     * FPRound of the real number (mant + sticky * epsilon) * 2^exp, mant > 0 (sticky: the value lies
     * strictly between mant and mant + 1 units), to format {@code fmt}: flush-to-zero of tiny results
     * (not for halves), underflow detected before rounding, the rounding mode of {@code mode},
     * overflow to infinity or the largest number, the alternative half-precision format under AHP,
     * and the flags UFC, OFC, IXC (IOC for an AHP overflow).
     */
    static long round(ArmCore c, int mode, int fmt, boolean neg, long mant, int exp, boolean sticky) {
        // Put the leading one at bit 61: at least 9 bits below any format's rounding point, so the
        // sticky part can be kept as the lowest bit.
        int shift = Long.numberOfLeadingZeros(mant) - 2;
        if (shift >= 0) {
            mant <<= shift;
        } else {
            sticky |= (mant & ((1L << -shift) - 1)) != 0;
            mant >>>= -shift;
        }
        exp -= shift;
        if (sticky) mant |= 1;

        int fracBits = FRAC_BITS[fmt], emin = EMIN[fmt];
        int width = 1 + EXP_BITS[fmt] + fracBits;
        long signBit = neg ? 1L << (width - 1) : 0;
        int exponent = exp + 61; // the value is in [2^exponent, 2^(exponent+1))
        if (fmt != F16 && (mode & FZ) != 0 && exponent < emin) {
            c.fpscr |= UFC; // flush-to-zero: no inexact
            return signBit;
        }
        int biased = Math.max(exponent - emin + 1, 0);
        int lsb = (biased > 0 ? exponent : emin) - fracBits; // weight of the result's last mantissa bit
        int drop = lsb - exp;
        long intMant;
        int half; // the dropped part against half a unit: <0, 0, >0
        boolean inexact;
        if (drop >= 63) {
            intMant = 0;
            half = -1;
            inexact = true;
        } else {
            intMant = mant >>> drop;
            long rest = mant & ((1L << drop) - 1);
            half = Long.compare(rest, 1L << (drop - 1));
            inexact = rest != 0;
        }
        if (biased == 0 && inexact) c.fpscr |= UFC; // tininess before rounding
        int rm = rmode(mode);
        boolean up;
        switch (rm) {
            case RN: up = half > 0 || (half == 0 && (intMant & 1) != 0); break;
            case RP: up = inexact && !neg; break;
            case RM: up = inexact && neg; break;
            default: up = false; break;
        }
        if (up) {
            intMant++;
            if (intMant == 1L << fracBits) biased = 1;                     // denormal rounded up to normal
            if (intMant == 1L << (fracBits + 1)) { biased++; intMant >>>= 1; } // to the next binade
        }
        long result;
        int maxExp = (1 << EXP_BITS[fmt]) - 1;
        if (fmt != F16 || (mode & AHP) == 0) {
            if (biased >= maxExp) {
                boolean toInf = rm == RN || (rm == RP && !neg) || (rm == RM && neg);
                long inf = (long) maxExp << fracBits;
                result = signBit | (toInf ? inf : inf - 1);
                c.fpscr |= OFC;
                inexact = true;
            } else {
                result = signBit | ((long) biased << fracBits) | (intMant & ((1L << fracBits) - 1));
            }
        } else if (biased > maxExp) { // alternative half precision has no infinity: saturate, invalid
            result = signBit | 0x7fff;
            c.fpscr |= IOC;
            inexact = false;
        } else {
            result = signBit | ((long) biased << fracBits) | (intMant & ((1L << fracBits) - 1));
        }
        if (inexact) c.fpscr |= IXC;
        return result;
    }

    /**
     * FPRound of s + e, where s is a non-zero finite double and e the exact error of s (only its sign
     * matters: |e| is below half an ulp of s).
     */
    private static long roundDouble(ArmCore c, int mode, int fmt, double s, double err) {
        long bits = Double.doubleToRawLongBits(s);
        boolean neg = bits < 0;
        int be = (int) (bits >>> 52) & 0x7ff;
        long mant = bits & 0x000fffffffffffffL;
        int exp;
        if (be == 0) {
            exp = -1074;
        } else {
            mant |= 1L << 52;
            exp = be - 1075;
        }
        if (err == 0) return round(c, mode, fmt, neg, mant, exp, false);
        // The exact value lies within a quarter unit of s, on the side of the error: above it in
        // magnitude (4m + epsilon) or below it (4m - 1 + epsilon).
        boolean larger = (err > 0) != neg;
        return round(c, mode, fmt, neg, larger ? mant << 2 : (mant << 2) - 1, exp - 2, true);
    }

    /** The error of s = a + b (Knuth's TwoSum): a + b == s + err exactly, if s did not overflow. */
    private static double twoSumError(double a, double b, double s) {
        double bv = s - a;
        double av = s - bv;
        return (a - av) + (b - bv);
    }

    private static float f(int bits) { return Float.intBitsToFloat(bits); }
    private static double d(long bits) { return Double.longBitsToDouble(bits); }

    // ---- single precision arithmetic ----

    /** FPAdd (FPSub is FPAdd of the negated second operand, NaNs included: the ARM ARM negates after NaN checks, see {@link #sub32}). */
    static int add32(ArmCore c, int mode, int a, int b) {
        a = flush32(c, mode, a);
        b = flush32(c, mode, b);
        if (isNaN32(a) || isNaN32(b)) return processNaNs32(c, mode, a, b);
        boolean infA = isInf32(a), infB = isInf32(b);
        if (infA || infB) {
            if (infA && infB && (a ^ b) < 0) return invalid32(c);
            return infA ? a : b;
        }
        if (isZero32(a) && isZero32(b) && (a ^ b) >= 0) return a;
        double x = f(a), y = f(b), s = x + y;
        if (s == 0) return zeroSumNegative(mode) ? 0x80000000 : 0;
        return (int) roundDouble(c, mode, F32, s, twoSumError(x, y, s));
    }

    /** FPSub: NaN operands are chosen before the second operand's sign is flipped. */
    static int sub32(ArmCore c, int mode, int a, int b) {
        a = flush32(c, mode, a);
        b = flush32(c, mode, b);
        if (isNaN32(a) || isNaN32(b)) return processNaNs32(c, mode, a, b);
        return add32(c, mode, a, b ^ 0x80000000);
    }

    static int mul32(ArmCore c, int mode, int a, int b) {
        a = flush32(c, mode, a);
        b = flush32(c, mode, b);
        if (isNaN32(a) || isNaN32(b)) return processNaNs32(c, mode, a, b);
        int sign = (a ^ b) & 0x80000000;
        boolean infA = isInf32(a), infB = isInf32(b), zeroA = isZero32(a), zeroB = isZero32(b);
        if ((infA && zeroB) || (zeroA && infB)) return invalid32(c);
        if (infA || infB) return sign | INF32;
        if (zeroA || zeroB) return sign;
        return (int) roundDouble(c, mode, F32, (double) f(a) * f(b), 0); // exact in double
    }

    static int div32(ArmCore c, int mode, int a, int b) {
        a = flush32(c, mode, a);
        b = flush32(c, mode, b);
        if (isNaN32(a) || isNaN32(b)) return processNaNs32(c, mode, a, b);
        int sign = (a ^ b) & 0x80000000;
        boolean infA = isInf32(a), infB = isInf32(b), zeroA = isZero32(a), zeroB = isZero32(b);
        if ((infA && infB) || (zeroA && zeroB)) return invalid32(c);
        if (infA || zeroB) {
            if (!infA) c.fpscr |= DZC;
            return sign | INF32;
        }
        if (zeroA || infB) return sign;
        double x = f(a), y = f(b), q = x / y;
        double rem = Math.fma(-q, y, x); // x - q*y, exact: its sign and y's give the error's
        return (int) roundDouble(c, mode, F32, q, rem == 0 ? 0 : (rem > 0) == (y > 0) ? 1 : -1);
    }

    static int sqrt32(ArmCore c, int mode, int a) {
        a = flush32(c, mode, a);
        if (isNaN32(a)) return processNaN32(c, mode, a);
        if (isZero32(a)) return a;
        if (a < 0) return invalid32(c);
        if (isInf32(a)) return a;
        double x = f(a), r = Math.sqrt(x);
        return (int) roundDouble(c, mode, F32, r, Math.fma(-r, r, x));
    }

    /** FPMulAdd(addend, op1, op2): addend + op1 * op2 with a single rounding. */
    static int mulAdd32(ArmCore c, int mode, int addend, int a, int b) {
        addend = flush32(c, mode, addend);
        a = flush32(c, mode, a);
        b = flush32(c, mode, b);
        boolean infA = isInf32(a), infB = isInf32(b), zeroA = isZero32(a), zeroB = isZero32(b);
        if (isNaN32(addend) || isNaN32(a) || isNaN32(b)) {
            // a quiet NaN addend does not hide the invalid operation 0 * inf
            if (!isSNaN32(addend) && !isSNaN32(a) && !isSNaN32(b) && isNaN32(addend) && ((infA && zeroB) || (zeroA && infB)))
                return invalid32(c);
            return processNaNs32(c, mode, addend, a, b);
        }
        int signP = (a ^ b) & 0x80000000;
        boolean infP = infA || infB, zeroP = zeroA || zeroB, infX = isInf32(addend);
        if ((infA && zeroB) || (zeroA && infB) || (infX && infP && (addend & 0x80000000) != signP)) return invalid32(c);
        if (infX) return addend;
        if (infP) return signP | INF32;
        if (isZero32(addend) && zeroP && (addend & 0x80000000) == signP) return addend;
        double p = (double) f(a) * f(b), x = f(addend), s = p + x; // the product is exact
        if (s == 0) return zeroSumNegative(mode) ? 0x80000000 : 0;
        return (int) roundDouble(c, mode, F32, s, twoSumError(p, x, s));
    }

    // ---- double precision arithmetic ----

    /** Below this magnitude the fast paths' error terms could underflow: the exact path decides. */
    private static final double TINY = 0x1p-900;

    static long add64(ArmCore c, int mode, long a, long b) {
        a = flush64(c, mode, a);
        b = flush64(c, mode, b);
        if (isNaN64(a) || isNaN64(b)) return processNaNs64(c, mode, a, b);
        boolean infA = isInf64(a), infB = isInf64(b);
        if (infA || infB) {
            if (infA && infB && (a ^ b) < 0) return invalid64(c);
            return infA ? a : b;
        }
        if (isZero64(a) && isZero64(b) && (a ^ b) >= 0) return a;
        double x = d(a), y = d(b), s = x + y;
        if (s == 0) return zeroSumNegative(mode) ? Long.MIN_VALUE : 0;
        if (Double.isFinite(s)) return roundDouble(c, mode, F64, s, twoSumError(x, y, s));
        int e = Math.min(exponent(a), exponent(b)); // overflowed: add exactly
        return roundExact(c, mode, F64, mantissa(a).shiftLeft(exponent(a) - e).add(mantissa(b).shiftLeft(exponent(b) - e)), e, false);
    }

    static long sub64(ArmCore c, int mode, long a, long b) {
        a = flush64(c, mode, a);
        b = flush64(c, mode, b);
        if (isNaN64(a) || isNaN64(b)) return processNaNs64(c, mode, a, b);
        return add64(c, mode, a, b ^ Long.MIN_VALUE);
    }

    static long mul64(ArmCore c, int mode, long a, long b) {
        a = flush64(c, mode, a);
        b = flush64(c, mode, b);
        if (isNaN64(a) || isNaN64(b)) return processNaNs64(c, mode, a, b);
        long sign = (a ^ b) & Long.MIN_VALUE;
        boolean infA = isInf64(a), infB = isInf64(b), zeroA = isZero64(a), zeroB = isZero64(b);
        if ((infA && zeroB) || (zeroA && infB)) return invalid64(c);
        if (infA || infB) return sign | INF64;
        if (zeroA || zeroB) return sign;
        double x = d(a), y = d(b), p = x * y;
        if (Double.isFinite(p) && Math.abs(p) >= TINY) return roundDouble(c, mode, F64, p, Math.fma(x, y, -p));
        return roundExact(c, mode, F64, mantissa(a).multiply(mantissa(b)), exponent(a) + exponent(b), false);
    }

    static long div64(ArmCore c, int mode, long a, long b) {
        a = flush64(c, mode, a);
        b = flush64(c, mode, b);
        if (isNaN64(a) || isNaN64(b)) return processNaNs64(c, mode, a, b);
        long sign = (a ^ b) & Long.MIN_VALUE;
        boolean infA = isInf64(a), infB = isInf64(b), zeroA = isZero64(a), zeroB = isZero64(b);
        if ((infA && infB) || (zeroA && zeroB)) return invalid64(c);
        if (infA || zeroB) {
            if (!infA) c.fpscr |= DZC;
            return sign | INF64;
        }
        if (zeroA || infB) return sign;
        double x = d(a), y = d(b), q = x / y;
        if (Double.isFinite(q) && Math.abs(q) >= TINY && Math.abs(x) >= TINY && Math.abs(y) >= TINY) {
            double rem = Math.fma(-q, y, x);
            return roundDouble(c, mode, F64, q, rem == 0 ? 0 : (rem > 0) == (y > 0) ? 1 : -1);
        }
        BigInteger ma = mantissa(a), mb = mantissa(b);
        int k = Math.max(0, 66 + mb.bitLength() - ma.bitLength()); // at least 64 quotient bits
        BigInteger[] qr = ma.shiftLeft(k).divideAndRemainder(mb);
        return roundExact(c, mode, F64, qr[0], exponent(a) - exponent(b) - k, qr[1].signum() != 0);
    }

    static long sqrt64(ArmCore c, int mode, long a) {
        a = flush64(c, mode, a);
        if (isNaN64(a)) return processNaN64(c, mode, a);
        if (isZero64(a)) return a;
        if (a < 0) return invalid64(c);
        if (isInf64(a)) return a;
        double x = d(a), r = Math.sqrt(x);
        if (x >= TINY) return roundDouble(c, mode, F64, r, Math.fma(-r, r, x));
        BigInteger m = mantissa(a);
        int e = exponent(a);
        int k = 130 - m.bitLength(); // at least 65 root bits
        if (((e - k) & 1) != 0) k++;
        BigInteger scaled = m.shiftLeft(k), root = scaled.sqrt();
        return roundExact(c, mode, F64, root, (e - k) / 2, !root.multiply(root).equals(scaled));
    }

    static long mulAdd64(ArmCore c, int mode, long addend, long a, long b) {
        addend = flush64(c, mode, addend);
        a = flush64(c, mode, a);
        b = flush64(c, mode, b);
        boolean infA = isInf64(a), infB = isInf64(b), zeroA = isZero64(a), zeroB = isZero64(b);
        if (isNaN64(addend) || isNaN64(a) || isNaN64(b)) {
            if (!isSNaN64(addend) && !isSNaN64(a) && !isSNaN64(b) && isNaN64(addend) && ((infA && zeroB) || (zeroA && infB)))
                return invalid64(c);
            return processNaNs64(c, mode, addend, a, b);
        }
        long signP = (a ^ b) & Long.MIN_VALUE;
        boolean infP = infA || infB, zeroP = zeroA || zeroB, infX = isInf64(addend);
        if ((infA && zeroB) || (zeroA && infB) || (infX && infP && (addend & Long.MIN_VALUE) != signP)) return invalid64(c);
        if (infX) return addend;
        if (infP) return signP | INF64;
        if (isZero64(addend) && zeroP && (addend & Long.MIN_VALUE) == signP) return addend;
        // exact: product and addend aligned on the smaller exponent
        BigInteger p = zeroP ? BigInteger.ZERO : mantissa(a).multiply(mantissa(b));
        int ep = zeroP ? Integer.MAX_VALUE : exponent(a) + exponent(b);
        BigInteger x = isZero64(addend) ? BigInteger.ZERO : mantissa(addend);
        int ex = isZero64(addend) ? Integer.MAX_VALUE : exponent(addend);
        int e = Math.min(ep, ex);
        BigInteger sum = (zeroP ? BigInteger.ZERO : p.shiftLeft(ep - e)).add(x.signum() == 0 ? x : x.shiftLeft(ex - e));
        if (sum.signum() == 0) return zeroSumNegative(mode) ? Long.MIN_VALUE : 0;
        return roundExact(c, mode, F64, sum, e, false);
    }

    /** The signed integer significand of a finite non-zero double: value = mantissa * 2^exponent. */
    private static BigInteger mantissa(long bits) {
        long m = magnitude(bits);
        return BigInteger.valueOf(bits < 0 ? -m : m);
    }

    /** The unsigned integer significand of a finite non-zero double. */
    private static long magnitude(long bits) {
        long m = bits & 0x000fffffffffffffL;
        return (bits & INF64) != 0 ? m | 1L << 52 : m;
    }

    private static int exponent(long bits) {
        int be = (int) (bits >>> 52) & 0x7ff;
        return be == 0 ? -1074 : be - 1075;
    }

    /** FPRound of v * 2^exp (v a non-zero signed integer, sticky: a non-zero remainder beyond it). */
    private static long roundExact(ArmCore c, int mode, int fmt, BigInteger v, int exp, boolean sticky) {
        BigInteger mag = v.abs();
        int extra = mag.bitLength() - 62;
        long mant;
        if (extra > 0) {
            sticky |= mag.getLowestSetBit() < extra;
            mant = mag.shiftRight(extra).longValue();
            exp += extra;
        } else {
            mant = mag.longValue();
        }
        return round(c, mode, fmt, v.signum() < 0, mant, exp, sticky);
    }

    // ---- comparisons, maximum and minimum ----

    /** VCMP/VCMPE: the FPSCR NZCV of the comparison; a NaN is unordered (0011), IOC for a signalling one or for any under VCMPE. */
    static int compare32(ArmCore c, int mode, int a, int b, boolean quietNaNsSignal) {
        a = flush32(c, mode, a);
        b = flush32(c, mode, b);
        if (isNaN32(a) || isNaN32(b)) {
            if (quietNaNsSignal || isSNaN32(a) || isSNaN32(b)) c.fpscr |= IOC;
            return C | V;
        }
        float x = f(a), y = f(b);
        return x == y ? Z | C : x < y ? N : C;
    }

    static int compare64(ArmCore c, int mode, long a, long b, boolean quietNaNsSignal) {
        a = flush64(c, mode, a);
        b = flush64(c, mode, b);
        if (isNaN64(a) || isNaN64(b)) {
            if (quietNaNsSignal || isSNaN64(a) || isSNaN64(b)) c.fpscr |= IOC;
            return C | V;
        }
        double x = d(a), y = d(b);
        return x == y ? Z | C : x < y ? N : C;
    }

    /** FPCompareEQ: false for NaNs, IOC only for a signalling one. */
    static boolean compareEq32(ArmCore c, int mode, int a, int b) {
        return (compare32(c, mode, a, b, false) & Z) != 0;
    }

    /** FPCompareGE: false for NaNs, IOC for any NaN. */
    static boolean compareGe32(ArmCore c, int mode, int a, int b) {
        int nzcv = compare32(c, mode, a, b, true);
        return nzcv == (Z | C) || nzcv == C;
    }

    /** FPCompareGT: false for NaNs, IOC for any NaN. */
    static boolean compareGt32(ArmCore c, int mode, int a, int b) {
        return compare32(c, mode, a, b, true) == C;
    }

    /** FPMax: NaNs propagate; of two zeros the positive one. */
    static int max32(ArmCore c, int mode, int a, int b) {
        a = flush32(c, mode, a);
        b = flush32(c, mode, b);
        if (isNaN32(a) || isNaN32(b)) return processNaNs32(c, mode, a, b);
        if (isZero32(a) && isZero32(b)) return a & b;
        return f(a) > f(b) ? a : b;
    }

    /** FPMin: NaNs propagate; of two zeros the negative one. */
    static int min32(ArmCore c, int mode, int a, int b) {
        a = flush32(c, mode, a);
        b = flush32(c, mode, b);
        if (isNaN32(a) || isNaN32(b)) return processNaNs32(c, mode, a, b);
        if (isZero32(a) && isZero32(b)) return a | b;
        return f(a) < f(b) ? a : b;
    }

    // ---- conversions between formats ----

    /** FPSingleToDouble: exact, except for NaNs (the payload moves up, or the default NaN). */
    static long f32ToF64(ArmCore c, int mode, int a) {
        a = flush32(c, mode, a);
        if (isNaN32(a)) {
            if (isSNaN32(a)) c.fpscr |= IOC;
            if ((mode & DN) != 0) return DEFAULT_NAN64;
            return ((long) (a & 0x80000000) << 32) | 0x7ff8000000000000L | ((long) (a & 0x003fffff) << 29);
        }
        return Double.doubleToRawLongBits(f(a)); // every single is a double, denormals included
    }

    /** FPDoubleToSingle: rounded per mode; NaNs keep the top of their payload. */
    static int f64ToF32(ArmCore c, int mode, long a) {
        a = flush64(c, mode, a);
        if (isNaN64(a)) {
            if (isSNaN64(a)) c.fpscr |= IOC;
            if ((mode & DN) != 0) return DEFAULT_NAN32;
            return (int) ((a >>> 32) & 0x80000000) | 0x7fc00000 | (int) ((a >>> 29) & 0x003fffff);
        }
        int sign = (int) (a >>> 32) & 0x80000000;
        if (isInf64(a)) return sign | INF32;
        if (isZero64(a)) return sign;
        return (int) round(c, mode, F32, a < 0, magnitude(a), exponent(a), false);
    }

    /** FPSingleToHalf: IEEE half, or the alternative format (no infinities or NaNs) under AHP. */
    static int f32ToF16(ArmCore c, int mode, int a) {
        a = flush32(c, mode, a);
        int sign = (a >>> 16) & 0x8000;
        boolean ahp = (mode & AHP) != 0;
        if (isNaN32(a)) {
            int r;
            if (ahp) {
                r = sign;
                c.fpscr |= IOC;
            } else if ((mode & DN) != 0) {
                r = 0x7e00;
            } else {
                r = sign | 0x7e00 | ((a >>> 13) & 0x1ff);
            }
            if (isSNaN32(a)) c.fpscr |= IOC;
            return r;
        }
        if (isInf32(a)) {
            if (!ahp) return sign | 0x7c00;
            c.fpscr |= IOC;
            return sign | 0x7fff;
        }
        if (isZero32(a)) return sign;
        int be = (a >>> 23) & 0xff;
        long m = a & 0x7fffff;
        if (be != 0) m |= 1 << 23;
        return (int) round(c, mode, F16, a < 0, m, (be == 0 ? 1 : be) - 150, false);
    }

    /** FPHalfToSingle: exact; under AHP the top exponent is an ordinary one. Half inputs are never flushed. */
    static int f16ToF32(ArmCore c, int mode, int h) {
        int sign = (h & 0x8000) << 16, be = (h >>> 10) & 0x1f, frac = h & 0x3ff;
        if (be == 0x1f && (mode & AHP) == 0) {
            if (frac == 0) return sign | INF32;
            if ((frac & 0x200) == 0) c.fpscr |= IOC;
            if ((mode & DN) != 0) return DEFAULT_NAN32;
            return sign | 0x7fc00000 | ((frac & 0x1ff) << 13);
        }
        if (be == 0 && frac == 0) return sign;
        long m = be == 0 ? frac : frac | 0x400;
        return (int) round(c, mode, F32, sign != 0, m, (be == 0 ? 1 : be) - 25, false);
    }

    // ---- conversions between floating point and integers ----

    /** FixedToFP: the integer {@code value} (already sign- or zero-extended) / 2^fbits, rounded per mode. */
    static long fromFixed(ArmCore c, int mode, int fmt, long value, int fbits) {
        if (value == 0) return 0;
        boolean neg = value < 0;
        return round(c, mode, fmt, neg, neg ? -value : value, -fbits, false);
    }

    /**
     * FPToFixed of a single (fmt F32) or double (F64): value * 2^fbits rounded toward zero or per
     * the mode, saturated to {@code bits} bits signed or unsigned (saturation: IOC, else IXC if
     * inexact). NaNs give 0 with IOC. Returns the result sign- or zero-extended.
     */
    static long toFixed(ArmCore c, int mode, int fmt, long operand, int fbits, boolean unsigned, boolean roundZero, int bits) {
        boolean neg;
        long mant;
        int exp;
        if (fmt == F32) {
            int a = flush32(c, mode, (int) operand);
            if (isNaN32(a)) {
                c.fpscr |= IOC;
                return 0;
            }
            neg = a < 0;
            int be = (a >>> 23) & 0xff;
            if (be == 0xff) return saturate(c, neg, unsigned, bits);
            mant = a & 0x7fffff;
            if (be != 0) mant |= 1 << 23;
            exp = (be == 0 ? 1 : be) - 150;
        } else {
            long a = flush64(c, mode, operand);
            if (isNaN64(a)) {
                c.fpscr |= IOC;
                return 0;
            }
            neg = a < 0;
            if (isInf64(a)) return saturate(c, neg, unsigned, bits);
            mant = magnitude(a);
            exp = exponent(a);
        }
        if (mant == 0) return 0;
        exp += fbits;
        long magnitude;
        int half;
        boolean inexact;
        if (exp >= 0) {
            if (exp + 63 - Long.numberOfLeadingZeros(mant) >= 62) return saturate(c, neg, unsigned, bits); // >= 2^62: beyond any destination
            magnitude = mant << exp;
            half = -1;
            inexact = false;
        } else if (exp <= -63) {
            magnitude = 0;
            half = -1;
            inexact = true;
        } else {
            magnitude = mant >>> -exp;
            long rest = mant & ((1L << -exp) - 1);
            half = Long.compare(rest, 1L << (-exp - 1));
            inexact = rest != 0;
        }
        int rm = roundZero ? RZ : rmode(mode);
        boolean up;
        switch (rm) {
            case RN: up = half > 0 || (half == 0 && (magnitude & 1) != 0); break;
            case RP: up = inexact && !neg; break;
            case RM: up = inexact && neg; break;
            default: up = false; break;
        }
        if (up) magnitude++;
        long max = unsigned ? (1L << bits) - 1 : (1L << (bits - 1)) - 1;
        boolean overflow = neg ? magnitude > (unsigned ? 0 : max + 1) : magnitude > max;
        if (overflow) return saturate(c, neg, unsigned, bits);
        if (inexact) c.fpscr |= IXC;
        return neg ? -magnitude : magnitude;
    }

    private static long saturate(ArmCore c, boolean neg, boolean unsigned, int bits) {
        c.fpscr |= IOC;
        if (unsigned) return neg ? 0 : (1L << bits) - 1;
        return neg ? -(1L << (bits - 1)) : (1L << (bits - 1)) - 1;
    }

    // ---- reciprocal and reciprocal square root estimates and steps (Advanced SIMD) ----

    private static final int[] RECIP = new int[512], RSQRT = new int[512];

    static {
        // RecipEstimate: 1/x for x = (i + 0.5)/512 in [0.5, 1), to 8 fraction bits, rounded
        for (int i = 256; i < 512; i++) {
            int b = (1 << 19) / (i * 2 + 1);
            RECIP[i] = (b + 1) >> 1;
        }
        // RecipSqrtEstimate: 1/sqrt(x) for x in [0.25, 1) (i in 128..511 as 9-bit fixed point), to 8 fraction bits
        for (int i = 128; i < 512; i++) {
            long a = i < 256 ? i * 2 + 1 : ((i >> 1) << 1) + 1 << 1;
            long b = 512;
            while (a * (b + 1) * (b + 1) < (1L << 28)) b++;
            RSQRT[i] = (int) ((b + 1) / 2);
        }
    }

    /** FPRecipEstimate (single precision, always with the standard FPSCR value). */
    static int recipEstimate32(ArmCore c, int mode, int a) {
        a = flush32(c, mode, a);
        int sign = a & 0x80000000;
        if (isNaN32(a)) return processNaN32(c, mode, a);
        if (isInf32(a)) return sign;
        if (isZero32(a)) {
            c.fpscr |= DZC;
            return sign | INF32;
        }
        int be = (a >>> 23) & 0xff;
        if (be == 0 && (a & 0x7fffff) < (1 << 21)) { // |value| < 2^-128: the reciprocal overflows
            c.fpscr |= OFC | IXC;
            int rm = rmode(mode);
            boolean toInf = rm == RN || (rm == RP && sign == 0) || (rm == RM && sign != 0);
            return sign | (toInf ? INF32 : 0x7f7fffff);
        }
        if (be >= 253) { // |value| >= 2^126: the reciprocal underflows
            c.fpscr |= UFC;
            return sign;
        }
        long frac = (long) (a & 0x7fffff) << 29; // as a double's fraction
        if (be == 0) { // denormal (only without flush-to-zero)
            if ((frac & (1L << 51)) == 0) {
                be = -1;
                frac <<= 2;
            } else {
                frac <<= 1;
            }
        }
        int estimate = RECIP[256 | (int) ((frac >>> 44) & 0xff)];
        int resultExp = 253 - be;
        long resultFrac = (long) (estimate & 0xff) << 44;
        if (resultExp == 0) {
            resultFrac = (resultFrac >>> 1) | (1L << 51);
        } else if (resultExp == -1) {
            resultFrac = (resultFrac >>> 2) | (1L << 50);
            resultExp = 0;
        }
        return sign | (resultExp << 23) | (int) ((resultFrac >>> 29) & 0x7fffff);
    }

    /** FPRSqrtEstimate (single precision). */
    static int rsqrtEstimate32(ArmCore c, int mode, int a) {
        a = flush32(c, mode, a);
        if (isNaN32(a)) return processNaN32(c, mode, a);
        if (isZero32(a)) {
            c.fpscr |= DZC;
            return (a & 0x80000000) | INF32;
        }
        if (a < 0) return invalid32(c);
        if (isInf32(a)) return 0;
        int be = (a >>> 23) & 0xff;
        long frac = (long) (a & 0x7fffff) << 29;
        if (be == 0) { // denormal (only without flush-to-zero): normalise
            while ((frac & (1L << 51)) == 0) {
                frac <<= 1;
                be--;
            }
            frac = (frac & ((1L << 51) - 1)) << 1;
        }
        int scaled = (be & 1) != 0 ? 128 | (int) ((frac >>> 45) & 0x7f) : 256 | (int) ((frac >>> 44) & 0xff);
        int resultExp = (380 - be) / 2;
        return (resultExp << 23) | ((RSQRT[scaled] & 0xff) << 15);
    }

    /** UnsignedRecipEstimate (VRECPE.U32): the operand is a fixed-point fraction in [0.5, 1). */
    static int recipEstimateU32(int a) {
        if (a >= 0) return -1;
        return RECIP[(a >>> 23) & 0x1ff] << 23;
    }

    /** UnsignedRSqrtEstimate (VRSQRTE.U32): the operand is a fixed-point fraction in [0.25, 1). */
    static int rsqrtEstimateU32(int a) {
        if ((a & 0xc0000000) == 0) return -1;
        return RSQRT[(a >>> 23) & 0x1ff] << 23;
    }

    /** FPRecipStep (VRECPS): 2 - a*b, each step rounded; infinity times zero gives 2. */
    static int recipStep32(ArmCore c, int mode, int a, int b) {
        a = flush32(c, mode, a);
        b = flush32(c, mode, b);
        if (isNaN32(a) || isNaN32(b)) return processNaNs32(c, mode, a, b);
        if ((isInf32(a) && isZero32(b)) || (isZero32(a) && isInf32(b))) return 0x40000000;
        return sub32(c, mode, 0x40000000, mul32(c, mode, a, b));
    }

    /** FPRSqrtStep (VRSQRTS): (3 - a*b) / 2, the product rounded, then the halved difference; infinity times zero gives 1.5. */
    static int rsqrtStep32(ArmCore c, int mode, int a, int b) {
        a = flush32(c, mode, a);
        b = flush32(c, mode, b);
        if (isNaN32(a) || isNaN32(b)) return processNaNs32(c, mode, a, b);
        if ((isInf32(a) && isZero32(b)) || (isZero32(a) && isInf32(b))) return 0x3fc00000;
        int p = mul32(c, mode, a, b);
        // FPHalvedSub(3.0, p)
        if (isNaN32(p)) return processNaN32(c, mode, p);
        if (isInf32(p)) return (p ^ 0x80000000);
        double x = 3.0, y = f(p), s = x - y;
        if (s == 0) return zeroSumNegative(mode) ? 0x80000000 : 0;
        return (int) roundDouble(c, mode, F32, s / 2, twoSumError(x, -y, s) / 2);
    }
}
