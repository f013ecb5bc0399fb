package org.socemu.armv7;

/** A32 data-processing, multiply and saturating add/subtract handlers (ARM ARM A5.2). */
final class A32DataProcessing {
    private A32DataProcessing() {}

    private static int rd(int i) { return (i >>> 12) & 15; }
    private static int rn(int i) { return (i >>> 16) & 15; }
    private static int rm(int i) { return i & 15; }
    private static int rs(int i) { return (i >>> 8) & 15; }
    private static boolean s(int i) { return (i & (1 << 20)) != 0; }

    /** Data-processing (immediate): Rd = Rn op ARMExpandImm(imm12). */
    static void dpImm(CortexA7 c, int i) {
        int b = ArmAlu.armExpandImm(c, i & 0xfff);
        finish(c, (i >>> 21) & 15, s(i), rd(i), c.r[rn(i)], b);
    }

    /** Data-processing (register): operand 2 is Rm shifted by an immediate. */
    static void dpReg(CortexA7 c, int i) {
        int b = ArmAlu.shiftImm(c, c.r[rm(i)], (i >>> 5) & 3, (i >>> 7) & 31);
        finish(c, (i >>> 21) & 15, s(i), rd(i), c.r[rn(i)], b);
    }

    /** Data-processing (register-shifted register). */
    static void dpRsr(CortexA7 c, int i) {
        int b = ArmAlu.shiftReg(c, c.r[rm(i)], (i >>> 5) & 3, c.r[rs(i)]);
        finish(c, (i >>> 21) & 15, s(i), rd(i), c.r[rn(i)], b);
    }

    private static void finish(CortexA7 c, int op, boolean s, int rd, int a, int b) {
        if (s && rd == 15 && !ArmAlu.isTest(op)) {
            // SUBS PC, LR and friends: exception return
            c.exceptionReturn(ArmAlu.dataProc(c, op, false, a, b));
            return;
        }
        int res = ArmAlu.dataProc(c, op, s, a, b);
        if (!ArmAlu.isTest(op)) c.writeReg(rd, res);
    }

    static void movw(CortexA7 c, int i) {
        c.writeReg(rd(i), ((i >>> 4) & 0xf000) | (i & 0xfff));
    }

    static void movt(CortexA7 c, int i) {
        int d = rd(i);
        c.r[d] = (c.r[d] & 0xffff) | ((((i >>> 4) & 0xf000) | (i & 0xfff)) << 16);
    }

    /** MUL, MLA, UMAAL, MLS, UMULL, UMLAL, SMULL, SMLAL: op in bits 23:21. */
    static void multiply(CortexA7 c, int i) {
        int[] r = c.r;
        int dHi = rn(i), dLo = rd(i), m = rs(i), nn = rm(i);
        boolean s = s(i);
        int a = r[nn], b = r[m];
        switch ((i >>> 21) & 7) {
            case 0: { int res = a * b; r[dHi] = res; if (s) c.setNZ(res); return; }
            case 1: { int res = a * b + r[dLo]; r[dHi] = res; if (s) c.setNZ(res); return; }
            case 2: { // UMAAL
                long res = (a & 0xffffffffL) * (b & 0xffffffffL) + (r[dHi] & 0xffffffffL) + (r[dLo] & 0xffffffffL);
                r[dLo] = (int) res;
                r[dHi] = (int) (res >>> 32);
                return;
            }
            case 3: r[dHi] = r[dLo] - a * b; return; // MLS
            case 4: long64(c, dHi, dLo, (a & 0xffffffffL) * (b & 0xffffffffL), s); return;
            case 5: long64(c, dHi, dLo, (a & 0xffffffffL) * (b & 0xffffffffL) + pair(r, dHi, dLo), s); return;
            case 6: long64(c, dHi, dLo, (long) a * b, s); return;
            default: long64(c, dHi, dLo, (long) a * b + pair(r, dHi, dLo), s); return;
        }
    }

    static long pair(int[] r, int hi, int lo) {
        return ((long) r[hi] << 32) | (r[lo] & 0xffffffffL);
    }

    static void long64(ArmCore c, int hi, int lo, long v, boolean s) {
        c.r[lo] = (int) v;
        c.r[hi] = (int) (v >>> 32);
        if (s) {
            c.n = v < 0;
            c.z = v == 0;
        }
    }

    /** QADD, QSUB, QDADD, QDSUB: op in bits 22:21. */
    static void saturating(CortexA7 c, int i) {
        int a = c.r[rm(i)], b = c.r[rn(i)];
        int res;
        switch ((i >>> 21) & 3) {
            case 0: res = ArmAlu.qadd(c, a, b); break;
            case 1: res = ArmAlu.qsub(c, a, b); break;
            case 2: res = ArmAlu.qadd(c, a, ArmAlu.qadd(c, b, b)); break;
            default: res = ArmAlu.qsub(c, a, ArmAlu.qadd(c, b, b)); break;
        }
        c.r[rd(i)] = res;
    }

    /** SMLAxy, SMLAWy / SMULWy, SMLALxy, SMULxy: op in bits 22:21, x = bit 5, y = bit 6. */
    static void halfwordMultiply(CortexA7 c, int i) {
        int[] r = c.r;
        int d = rn(i), acc = rd(i), m = rs(i), nn = rm(i);
        boolean x = (i & 0x20) != 0, y = (i & 0x40) != 0;
        switch ((i >>> 21) & 3) {
            case 0: { // SMLAxy
                long res = (long) ArmAlu.half(r[nn], x) * ArmAlu.half(r[m], y) + r[acc];
                if (res != (int) res) c.q = true;
                r[d] = (int) res;
                return;
            }
            case 1: { // SMLAWy (x = 0) / SMULWy (x = 1)
                long prod = ((long) r[nn] * ArmAlu.half(r[m], y)) >> 16;
                if (x) { r[d] = (int) prod; return; }
                long res = (int) prod + (long) r[acc];
                if (res != (int) res) c.q = true;
                r[d] = (int) res;
                return;
            }
            case 2: { // SMLALxy
                long res = (long) ArmAlu.half(r[nn], x) * ArmAlu.half(r[m], y) + pair(r, d, acc);
                r[acc] = (int) res;
                r[d] = (int) (res >>> 32);
                return;
            }
            default: r[d] = ArmAlu.half(r[nn], x) * ArmAlu.half(r[m], y); // SMULxy
        }
    }

    static void clz(CortexA7 c, int i) {
        c.r[rd(i)] = Integer.numberOfLeadingZeros(c.r[rm(i)]);
    }
}
