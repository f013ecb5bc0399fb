package org.socemu.armv7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The floating-point rules against independent oracles: Java's own IEEE arithmetic for
 * round-to-nearest results, and exact BigDecimal comparisons for every rounding mode, the inexact
 * and underflow flags; then the special cases of the ARM ARM (NaNs, flush-to-zero, overflow,
 * conversions, estimates) with known answers.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FpRulesTest {
    private final ArmCore c = new TestBoard(1 << 16).cpu;
    private final Random rnd = new Random(20261202L);

    private static final int RN = 0, RP = 1 << 22, RM = 2 << 22, RZ = 3 << 22;
    private static final int[] MODES = {RN, RP, RM, RZ};

    // ---- operands ----

    /** Doubles spread over the whole range, with subnormals, cancellations and near-ties in mind. */
    private long randomDouble() {
        long sign = rnd.nextBoolean() ? Long.MIN_VALUE : 0, frac = rnd.nextLong() & 0x000fffffffffffffL;
        if (rnd.nextInt(4) == 0) frac &= -1L << rnd.nextInt(52); // few significant bits: exact cases and ties
        switch (rnd.nextInt(6)) {
            case 0: return sign | frac;                                              // subnormal
            case 1: return sign | (long) (1 + rnd.nextInt(80)) << 52 | frac;         // barely normal
            case 2: return sign | (long) (0x7fe - rnd.nextInt(80)) << 52 | frac;     // huge
            case 3: return sign | (long) (0x3ff - 30 + rnd.nextInt(60)) << 52 | frac; // moderate
            case 4: return sign | (0x7fefffffffffffffL - rnd.nextInt(1 << 20));      // next to the largest
            default: return sign | (long) (1 + rnd.nextInt(0x7fe)) << 52 | frac;    // anywhere
        }
    }

    private int randomSingle() {
        int sign = rnd.nextBoolean() ? 0x80000000 : 0, frac = rnd.nextInt(1 << 23);
        if (rnd.nextInt(4) == 0) frac &= -1 << rnd.nextInt(23);
        switch (rnd.nextInt(5)) {
            case 0: return sign | frac;
            case 1: return sign | (1 + rnd.nextInt(30)) << 23 | frac;
            case 2: return sign | (0xfe - rnd.nextInt(30)) << 23 | frac;
            default: return sign | (1 + rnd.nextInt(0xfe)) << 23 | frac;
        }
    }

    private static double d(long bits) { return Double.longBitsToDouble(bits); }
    private static float f(int bits) { return Float.intBitsToFloat(bits); }
    private static BigDecimal big(double x) { return new BigDecimal(x); }

    // ---- round to nearest against Java ----

    @Test
    void roundToNearestAgreesWithJava() {
        for (int n = 0; n < 100_000; n++) {
            long a = randomDouble(), b = randomDouble(), x = randomDouble();
            int fa = randomSingle(), fb = randomSingle(), fx = randomSingle();
            assertSame(d(a) + d(b), FpRules.add64(c, RN, a, b), "add64", a, b);
            assertSame(d(a) - d(b), FpRules.sub64(c, RN, a, b), "sub64", a, b);
            assertSame(d(a) * d(b), FpRules.mul64(c, RN, a, b), "mul64", a, b);
            assertSame(d(a) / d(b), FpRules.div64(c, RN, a, b), "div64", a, b);
            assertSame(Math.sqrt(Math.abs(d(a))), FpRules.sqrt64(c, RN, a & Long.MAX_VALUE), "sqrt64", a, 0);
            assertSame(Math.fma(d(a), d(b), d(x)), FpRules.mulAdd64(c, RN, x, a, b), "fma64", a, b);
            assertSame(f(fa) + f(fb), FpRules.add32(c, RN, fa, fb), "add32", fa, fb);
            assertSame(f(fa) - f(fb), FpRules.sub32(c, RN, fa, fb), "sub32", fa, fb);
            assertSame(f(fa) * f(fb), FpRules.mul32(c, RN, fa, fb), "mul32", fa, fb);
            assertSame(f(fa) / f(fb), FpRules.div32(c, RN, fa, fb), "div32", fa, fb);
            assertSame((float) Math.sqrt(Math.abs(f(fa))), FpRules.sqrt32(c, RN, fa & 0x7fffffff), "sqrt32", fa, 0);
            assertSame(Math.fma(f(fa), f(fb), f(fx)), FpRules.mulAdd32(c, RN, fx, fa, fb), "fma32", fa, fb);
            assertSame((float) d(a), FpRules.f64ToF32(c, RN, a), "f64ToF32", (int) (a >>> 32), (int) a);
        }
    }

    private static void assertSame(double expected, long actual, String op, long a, long b) {
        if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(d(actual)))
            fail(String.format("%s(%016x, %016x): java %016x, ours %016x", op, a, b, Double.doubleToRawLongBits(expected), actual));
    }

    private static void assertSame(float expected, int actual, String op, int a, int b) {
        if (Float.floatToIntBits(expected) != Float.floatToIntBits(f(actual)))
            fail(String.format("%s(%08x, %08x): java %08x, ours %08x", op, a, b, Float.floatToRawIntBits(expected), actual));
    }

    // ---- every rounding mode against exact arithmetic ----

    /** The exact result X of an operation, as the sign of X - y for any y. */
    private interface Exact {
        int cmp(BigDecimal y);
    }

    @Test
    void everyModeRoundsCorrectlyAndFlagsInexactAndUnderflow() {
        for (int n = 0, count = Integer.getInteger("a7.fp.count", 8000); n < count; n++) {
            long a = randomDouble(), b = randomDouble(), x = randomDouble();
            int mode = MODES[rnd.nextInt(4)];
            BigDecimal ba = big(d(a)), bb = big(d(b)), bx = big(d(x));
            check(mode, false, "add64", a, b, ba.add(bb)::compareTo, FpRules.add64(c, mode, a, b));
            check(mode, false, "mul64", a, b, ba.multiply(bb)::compareTo, FpRules.mul64(c, mode, a, b));
            check(mode, false, "div64", a, b, y -> ba.subtract(y.multiply(bb)).signum() * bb.signum(), FpRules.div64(c, mode, a, b));
            long pa = a & Long.MAX_VALUE;
            BigDecimal bpa = big(d(pa));
            check(mode, false, "sqrt64", pa, 0, y -> y.signum() < 0 ? 1 : bpa.subtract(y.multiply(y)).signum(), FpRules.sqrt64(c, mode, pa));
            check(mode, false, "fma64", a, b, bx.add(ba.multiply(bb))::compareTo, FpRules.mulAdd64(c, mode, x, a, b));

            int fa = randomSingle(), fb = randomSingle(), fx = randomSingle();
            BigDecimal sa = big(f(fa)), sb = big(f(fb)), sx = big(f(fx));
            check(mode, true, "add32", fa, fb, sa.add(sb)::compareTo, FpRules.add32(c, mode, fa, fb));
            check(mode, true, "mul32", fa, fb, sa.multiply(sb)::compareTo, FpRules.mul32(c, mode, fa, fb));
            check(mode, true, "div32", fa, fb, y -> sa.subtract(y.multiply(sb)).signum() * sb.signum(), FpRules.div32(c, mode, fa, fb));
            int pfa = fa & 0x7fffffff;
            BigDecimal spa = big(f(pfa));
            check(mode, true, "sqrt32", pfa, 0, y -> y.signum() < 0 ? 1 : spa.subtract(y.multiply(y)).signum(), FpRules.sqrt32(c, mode, pfa));
            check(mode, true, "fma32", fa, fb, sx.add(sa.multiply(sb))::compareTo, FpRules.mulAdd32(c, mode, fx, fa, fb));
            check(mode, true, "f64ToF32", a, 0, big(d(a))::compareTo, FpRules.f64ToF32(c, mode, a));
            long i = rnd.nextLong() >> rnd.nextInt(40);
            check(mode, true, "fromFixed32", i, 0, BigDecimal.valueOf(i)::compareTo, FpRules.fromFixed(c, mode, FpRules.F32, i, 0));
            check(mode, false, "fromFixed64", i, 0, BigDecimal.valueOf(i)::compareTo, FpRules.fromFixed(c, mode, FpRules.F64, i, 0));
        }
    }

    /**
     * The result r of a call (flags in c.fpscr) against X: r is X rounded in the mode, IXC is set
     * iff r differs from X, UFC iff X is tiny and inexact. Overflowed and zero results are skipped.
     */
    private void check(int mode, boolean single, String op, long a, long b, Exact x, long r) {
        int flags = c.fpscr;
        c.fpscr = 0;
        double v = single ? f((int) r) : d(r);
        if (Double.isNaN(v) || Double.isInfinite(v) || (flags & FpRules.OFC) != 0) return;
        if (v == 0 && x.cmp(BigDecimal.ZERO) == 0) return;
        BigDecimal br = big(v);
        BigDecimal lo = big(single ? Math.nextDown((float) v) : Math.nextDown(v));
        BigDecimal hi = big(single ? Math.nextUp((float) v) : Math.nextUp(v));
        String what = String.format("%s(%x, %x) mode %d = %x", op, a, b, mode >>> 22, r);
        int at = x.cmp(br);
        boolean ok;
        switch (mode) {
            case RP: ok = at <= 0 && x.cmp(lo) > 0; break;
            case RM: ok = at >= 0 && x.cmp(hi) < 0; break;
            case RZ: ok = v > 0 || (v == 0 && 1 / v > 0) ? at >= 0 && x.cmp(hi) < 0 : at <= 0 && x.cmp(lo) > 0; break;
            default: {
                int below = x.cmp(lo.add(br).multiply(BigDecimal.valueOf(5, 1)));
                int above = x.cmp(br.add(hi).multiply(BigDecimal.valueOf(5, 1)));
                boolean even = single ? (Float.floatToRawIntBits((float) v) & 1) == 0 : (Double.doubleToRawLongBits(v) & 1) == 0;
                ok = (below > 0 || (below == 0 && even)) && (above < 0 || (above == 0 && even));
                break;
            }
        }
        assertTrue(ok, what + " is not rounded correctly");
        assertEquals(at != 0, (flags & FpRules.IXC) != 0, what + ": IXC");
        BigDecimal minNormal = big(single ? Float.MIN_NORMAL : Double.MIN_NORMAL);
        boolean tiny = x.cmp(minNormal) < 0 && x.cmp(minNormal.negate()) > 0;
        assertEquals(tiny && at != 0, (flags & FpRules.UFC) != 0, what + ": UFC");
    }

    // ---- special cases with known answers ----

    private int flags() {
        int f = c.fpscr & 0x9f;
        c.fpscr = 0;
        return f;
    }

    @Test
    void nanPropagationAndDefaultNan() {
        int snan = 0x7f800001, qnan = 0xffc00002, one = 0x3f800000;
        assertEquals(0x7fc00001, FpRules.add32(c, RN, qnan, snan), "the signalling NaN wins, quietened");
        assertEquals(FpRules.IOC, flags());
        assertEquals(qnan, FpRules.mul32(c, RN, one, qnan), "a quiet NaN passes unchanged, no flag");
        assertEquals(0, flags());
        assertEquals(FpRules.DEFAULT_NAN32, FpRules.add32(c, FpRules.DN, qnan, one), "DN: the default NaN");
        assertEquals(FpRules.DEFAULT_NAN32, FpRules.sub32(c, RN, 0x7f800000, 0x7f800000), "inf - inf");
        assertEquals(FpRules.IOC, flags());
        // fused multiply-add: 0 * inf is invalid even with a quiet NaN addend
        assertEquals(FpRules.DEFAULT_NAN32, FpRules.mulAdd32(c, RN, qnan, 0, 0x7f800000));
        assertEquals(FpRules.IOC, flags());
        // a signalling NaN anywhere comes before a quiet addend; among quiet ones the addend is first
        assertEquals(0x7fc00001, FpRules.mulAdd32(c, RN, 0x7fc00005, 0x7f800001, one));
        assertEquals(FpRules.IOC, flags());
        assertEquals(0x7fc00005, FpRules.mulAdd32(c, RN, 0x7fc00005, 0x7fc00001, one));
        assertEquals(0, flags());
        assertEquals(0xfff8000000000123L, FpRules.div64(c, RN, 0xfff0000000000123L, 0x3ff0000000000000L));
        assertEquals(FpRules.IOC, flags());
    }

    @Test
    void flushToZeroOnInputsAndOutputs() {
        int denormal = 0x00000100, tiny = 0x1f000000; // 2^-65: its square is below the normal range
        assertEquals(0, FpRules.add32(c, FpRules.FZ, denormal, 0));
        assertEquals(FpRules.IDC, flags());
        assertEquals(0, FpRules.mul32(c, FpRules.FZ, tiny, tiny), "flushed result: UFC without IXC");
        assertEquals(FpRules.UFC, flags());
        assertEquals(0x00200000, FpRules.mul32(c, RN, 0x1f800000, 0x1f800000), "2^-64 squared: a denormal without FZ");
        assertEquals(0, flags(), "exact: no underflow");
        assertEquals(0x80000000, FpRules.mul32(c, FpRules.FZ, 0x9f000000, tiny), "a flushed result keeps its sign");
        flags();
        assertEquals(0x000c000000000000L, FpRules.mul64(c, RN, 0x2000000000000000L, 0x1ff8000000000000L), "1.5 * 2^-1023");
        assertEquals(0, flags(), "exact: no underflow");
        assertEquals(0L, FpRules.flush64(c, FpRules.FZ, 0x0008000000000000L));
        assertEquals(FpRules.IDC, flags());
    }

    @Test
    void underflowIsDetectedBeforeRounding() {
        int justBelowOne = 0x3f7fffff, minNormal = 0x00800000;
        assertEquals(0x00800001, FpRules.mul32(c, RN, minNormal, 0x3f800001));
        assertEquals(0, flags(), "exact and normal");
        // (1 - 2^-24) * 2^-126 is tiny; to denormal precision it is a tie, rounded up to the smallest normal
        assertEquals(minNormal, FpRules.mul32(c, RN, justBelowOne, minNormal));
        assertEquals(FpRules.UFC | FpRules.IXC, flags(), "underflow: tiny before rounding, and inexact");
        assertEquals(0x007fffff, FpRules.mul32(c, RZ, justBelowOne, minNormal));
        assertEquals(FpRules.UFC | FpRules.IXC, flags());
    }

    @Test
    void overflowPerRoundingMode() {
        int max = 0x7f7fffff;
        assertEquals(0x7f800000, FpRules.mul32(c, RN, max, 0x40000000));
        assertEquals(FpRules.OFC | FpRules.IXC, flags());
        assertEquals(max, FpRules.mul32(c, RZ, max, 0x40000000));
        assertEquals(max, FpRules.mul32(c, RM, max, 0x40000000));
        assertEquals(0xff800000, FpRules.mul32(c, RM, max, 0xc0000000));
        assertEquals(0xff7fffff, FpRules.mul32(c, RP, max, 0xc0000000));
        assertEquals(0x7ff0000000000000L, FpRules.add64(c, RN, 0x7fefffffffffffffL, 0x7fefffffffffffffL));
        assertEquals(0x7fefffffffffffffL, FpRules.add64(c, RZ, 0x7fefffffffffffffL, 0x7fefffffffffffffL));
        assertEquals(FpRules.OFC | FpRules.IXC, flags());
    }

    @Test
    void sumsNearTheTopOfTheRange() {
        // the error term of this sum overflows on the way (found by the differential test)
        assertEquals(0xffebfffff9935df8L, FpRules.add64(c, RM, 0x7fc0000019b2881eL, 0xffefffffffffffffL));
        assertEquals(FpRules.IXC, flags());
        assertEquals(0xffebfffff9935df7L, FpRules.add64(c, RZ, 0x7fc0000019b2881eL, 0xffefffffffffffffL));
        assertEquals(0xffebfffff9935df8L, FpRules.add64(c, RN, 0x7fc0000019b2881eL, 0xffefffffffffffffL));
    }

    @Test
    void exactZeroSumsTakeTheirSignFromTheRoundingMode() {
        int one = 0x3f800000, minusOne = 0xbf800000;
        assertEquals(0, FpRules.add32(c, RN, one, minusOne));
        assertEquals(0x80000000, FpRules.add32(c, RM, one, minusOne));
        assertEquals(0x80000000, FpRules.add32(c, RP, 0x80000000, 0x80000000), "-0 + -0 is -0 in every mode");
        assertEquals(0, FpRules.add32(c, RP, 0x80000000, 0));
        assertEquals(0x80000000, FpRules.add32(c, RM, 0x80000000, 0));
        assertEquals(Long.MIN_VALUE, FpRules.sub64(c, RM, 0x4000000000000000L, 0x4000000000000000L));
    }

    @Test
    void conversionsToIntegerAndFixedPoint() {
        int mode = RN;
        assertEquals(0, FpRules.toFixed(c, mode, FpRules.F32, FpRules.DEFAULT_NAN32, 0, false, true, 32));
        assertEquals(FpRules.IOC, flags());
        assertEquals(Integer.MAX_VALUE, FpRules.toFixed(c, mode, FpRules.F32, 0x5f000000, 0, false, true, 32), "2^63 saturates");
        assertEquals(FpRules.IOC, flags(), "saturation: IOC and no IXC");
        assertEquals(0, FpRules.toFixed(c, mode, FpRules.F32, 0xbf000000, 0, true, true, 32), "-0.5 toward zero, unsigned");
        assertEquals(FpRules.IXC, flags());
        assertEquals(0, FpRules.toFixed(c, mode, FpRules.F32, 0xbf400000, 0, true, false, 32), "-0.75 to nearest is -1: saturates at 0");
        assertEquals(FpRules.IOC, flags());
        assertEquals(2, FpRules.toFixed(c, RN, FpRules.F64, Double.doubleToLongBits(2.5), 0, false, false, 32), "ties to even");
        assertEquals(-2, FpRules.toFixed(c, RN, FpRules.F64, Double.doubleToLongBits(-2.5), 0, false, false, 32));
        assertEquals(-3, FpRules.toFixed(c, RM, FpRules.F64, Double.doubleToLongBits(-2.5), 0, false, false, 32));
        assertEquals(FpRules.IXC, flags());
        assertEquals(0x18000, FpRules.toFixed(c, RN, FpRules.F32, 0x3fc00000, 16, false, true, 32), "1.5 in 16.16");
        assertEquals(-32768, FpRules.toFixed(c, RN, FpRules.F32, 0xc7000000, 0, false, true, 16), "-32768 fits 16 bits");
        assertEquals(0, flags());
        assertEquals(0x3fc00000, (int) FpRules.fromFixed(c, RN, FpRules.F32, 0x18000, 16));
        assertEquals(0x4f800000, (int) FpRules.fromFixed(c, RN, FpRules.F32, 0xffffffffL, 0), "2^32 - 1 rounds up");
        assertEquals(FpRules.IXC, flags());
        assertEquals(0x4f7fffff, (int) FpRules.fromFixed(c, RZ, FpRules.F32, 0xffffffffL, 0));
    }

    @Test
    void halfPrecision() {
        assertEquals(0x3c00, FpRules.f32ToF16(c, RN, 0x3f800000));
        assertEquals(0x7c00, FpRules.f32ToF16(c, RN, 0x477ff000), "65520 rounds to infinity");
        assertEquals(FpRules.OFC | FpRules.IXC, flags());
        assertEquals(0x7bff, FpRules.f32ToF16(c, FpRules.AHP, 0x477fe000), "65504");
        assertEquals(0x7fff, FpRules.f32ToF16(c, FpRules.AHP, 0x49742400), "AHP: 1e6 saturates, invalid");
        assertEquals(FpRules.IOC, flags());
        assertEquals(0x8000, FpRules.f32ToF16(c, FpRules.AHP, 0xffc00000), "AHP: a NaN becomes zero");
        assertEquals(FpRules.IOC, flags());
        assertEquals(0x0001, FpRules.f32ToF16(c, FpRules.FZ, 0x33800000), "half results are never flushed");
        assertEquals(0x477fe000, FpRules.f16ToF32(c, RN, 0x7bff));
        assertEquals(0x47800000, FpRules.f16ToF32(c, FpRules.AHP, 0x7c00), "AHP: exponent 31 is a number");
        assertEquals(0x33800000, FpRules.f16ToF32(c, FpRules.FZ, 0x0001), "half denormals are never flushed");
        assertEquals(0xffc10000, FpRules.f16ToF32(c, RN, 0xfc08), "a signalling half NaN is quietened");
        assertEquals(FpRules.IOC, flags());
    }

    @Test
    void estimatesAndSteps() {
        int std = FpRules.standard(0);
        assertEquals(0x3f7f8000, FpRules.recipEstimate32(c, std, 0x3f800000), "1/1.0 ~ 0.998");
        assertEquals(0x3eff8000, FpRules.recipEstimate32(c, std, 0x40000000));
        assertEquals(0x7f800000, FpRules.recipEstimate32(c, std, 0x00000001), "a denormal is flushed: 1/0");
        assertEquals(FpRules.DZC | FpRules.IDC, flags());
        assertEquals(0, FpRules.recipEstimate32(c, std, 0x7f000000), "1/2^127 underflows");
        assertEquals(FpRules.UFC, flags());
        assertEquals(0x3f7f8000, FpRules.rsqrtEstimate32(c, std, 0x3f800000));
        assertEquals(FpRules.DEFAULT_NAN32, FpRules.rsqrtEstimate32(c, std, 0xbf800000));
        assertEquals(FpRules.IOC, flags());
        assertEquals(0xff800000, FpRules.recipEstimateU32(0x80000000));
        assertEquals(-1, FpRules.recipEstimateU32(0x7fffffff));
        assertEquals(0x40000000, FpRules.recipStep32(c, std, 0x7f800000, 0), "inf * 0 gives 2");
        assertEquals(0x3fc00000, FpRules.rsqrtStep32(c, std, 0, 0xff800000), "0 * inf gives 1.5");
        assertEquals(0x3f000000, FpRules.rsqrtStep32(c, std, 0x3f800000, 0x40000000), "(3 - 2) / 2");
        assertEquals(0, flags());
    }

    @Test
    void compareAndMinMax() {
        assertEquals(FpRules.Z | FpRules.C, FpRules.compare32(c, RN, 0, 0x80000000, false), "+0 == -0");
        assertEquals(FpRules.C | FpRules.V, FpRules.compare32(c, RN, 0x7fc00000, 0, false));
        assertEquals(0, flags(), "VCMP: a quiet NaN is not invalid");
        FpRules.compare32(c, RN, 0x7fc00000, 0, true);
        assertEquals(FpRules.IOC, flags(), "VCMPE: it is");
        assertEquals(FpRules.N, FpRules.compare64(c, RN, 0xbff0000000000000L, 0, false));
        assertEquals(0, FpRules.max32(c, RN, 0x80000000, 0));
        assertEquals(0x80000000, FpRules.min32(c, RN, 0, 0x80000000));
        assertEquals(0x7fc00001, FpRules.max32(c, RN, 0x3f800000, 0x7f800001));
        assertEquals(FpRules.IOC, flags());
    }
}
