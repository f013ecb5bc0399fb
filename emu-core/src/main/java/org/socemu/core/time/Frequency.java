package org.socemu.core.time;

import java.math.BigInteger;

/**
 * Converts between virtual time (ps) and the ticks of a counter running at {@code hz}, exactly and
 * without allocation: ticks(ps) = floor(ps * hz / 1e12), computed on the reduced fraction.
 */
public final class Frequency {
    private final long hz;
    private final long num; // hz / g
    private final long den; // 1e12 / g
    private final boolean exact;

    public Frequency(long hz) {
        if (hz <= 0) throw new IllegalArgumentException("frequency must be positive: " + hz);
        this.hz = hz;
        long g = gcd(hz, Clock.PS_PER_S);
        this.num = hz / g;
        this.den = Clock.PS_PER_S / g;
        // (ps % den) * num must fit in a long
        this.exact = Math.multiplyHigh(den, num) == 0 && den * num > 0;
    }

    public long hz() { return hz; }

    /** Whole ticks elapsed at time {@code ps}. */
    public long ticksAt(long ps) {
        if (exact) return (ps / den) * num + (ps % den) * num / den;
        return BigInteger.valueOf(ps).multiply(BigInteger.valueOf(hz)).divide(BigInteger.valueOf(Clock.PS_PER_S)).longValue();
    }

    /** The earliest time at which {@link #ticksAt} reaches {@code ticks}. */
    public long timeOfTick(long ticks) {
        if (ticks <= 0) return 0;
        if (exact) {
            // smallest ps with ps*num >= ticks*den: ceil(ticks*den/num)
            long q = ticks / num, r = ticks % num;
            long base = Math.multiplyExact(q, den);
            return Math.addExact(base, (r * den + num - 1) / num);
        }
        BigInteger t = BigInteger.valueOf(ticks).multiply(BigInteger.valueOf(Clock.PS_PER_S))
                .add(BigInteger.valueOf(hz - 1)).divide(BigInteger.valueOf(hz));
        return t.bitLength() > 62 ? Long.MAX_VALUE / 4 : t.longValue();
    }

    /** Duration of {@code n} ticks, in ps (rounded down). */
    public long period(long n) {
        return timeOfTick(n);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
