package org.socemu.mips;

/** The HI/LO accumulator: multiply, multiply-accumulate and divide. */
final class MulDiv {
    private MulDiv() {}

    static long acc(Mips24k c) {
        return ((long) c.hi << 32) | (c.lo & 0xFFFFFFFFL);
    }

    static void setAcc(Mips24k c, long v) {
        c.lo = (int) v;
        c.hi = (int) (v >>> 32);
    }

    /**
     * DIV. Division by zero is UNPREDICTABLE and never traps; like QEMU we divide by one instead
     * (LO = dividend, HI = 0). MIN_VALUE / -1 gives LO = MIN_VALUE, HI = 0, as Java does.
     */
    static void div(Mips24k c, int a, int b) {
        if (b == 0) {
            c.lo = a;
            c.hi = 0;
        } else {
            c.lo = a / b;
            c.hi = a % b;
        }
    }

    static void divu(Mips24k c, int a, int b) {
        if (b == 0) {
            c.lo = a;
            c.hi = 0;
        } else {
            c.lo = Integer.divideUnsigned(a, b);
            c.hi = Integer.remainderUnsigned(a, b);
        }
    }
}
