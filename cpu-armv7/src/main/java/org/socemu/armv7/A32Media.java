package org.socemu.armv7;

/** A32 media instructions (ARM ARM A5.4): SIMD add/subtract, packing, saturation, reversal, signed multiplies, divide, bit fields. */
final class A32Media {
    private A32Media() {}

    private static int rd(int i) { return (i >>> 12) & 15; }
    private static int rn(int i) { return (i >>> 16) & 15; }
    private static int rm(int i) { return i & 15; }

    /** SADD16 ... UHSUB8: kind in bits 22:20, operation in bits 7:5. */
    static void parallel(CortexA7 c, int i) {
        int kind = (i >>> 20) & 7, op = (i >>> 5) & 7;
        if (kind == 0 || kind == 4 || op == 5 || op == 6) {
            c.undefined(i);
            return;
        }
        c.r[rd(i)] = ArmAlu.parallel(c, kind, op, c.r[rn(i)], c.r[rm(i)]);
    }

    /** PKHBT / PKHTB (bit 6). */
    static void pkh(CortexA7 c, int i) {
        int imm = (i >>> 7) & 31, a = c.r[rn(i)], b = c.r[rm(i)];
        if ((i & 0x40) == 0) c.r[rd(i)] = (a & 0xffff) | ((b << imm) & 0xffff0000);
        else c.r[rd(i)] = (a & 0xffff0000) | ((b >> (imm == 0 ? 31 : imm)) & 0xffff);
    }

    static void sel(CortexA7 c, int i) {
        c.r[rd(i)] = ArmAlu.sel(c, c.r[rn(i)], c.r[rm(i)]);
    }

    /** SSAT / USAT (bit 22) with an optional LSL/ASR of the operand. */
    static void sat(CortexA7 c, int i) {
        int imm = (i >>> 7) & 31;
        int v = c.r[rm(i)];
        v = (i & 0x40) != 0 ? v >> (imm == 0 ? 31 : imm) : v << imm;
        int bits = (i >>> 16) & 31;
        c.r[rd(i)] = (i & (1 << 22)) != 0 ? ArmAlu.unsignedSat(c, v, bits) : ArmAlu.signedSat(c, v, bits + 1);
    }

    /** SSAT16 / USAT16 (bit 22). */
    static void sat16(CortexA7 c, int i) {
        int v = c.r[rm(i)], bits = (i >>> 16) & 15;
        boolean u = (i & (1 << 22)) != 0;
        int lo = u ? ArmAlu.unsignedSat(c, (short) v, bits) : ArmAlu.signedSat(c, (short) v, bits + 1);
        int hi = u ? ArmAlu.unsignedSat(c, v >> 16, bits) : ArmAlu.signedSat(c, v >> 16, bits + 1);
        c.r[rd(i)] = (lo & 0xffff) | (hi << 16);
    }

    /** SXTAB16, SXTAB, SXTAH, UXTAB16, UXTAB, UXTAH and the non-accumulating forms (Rn = 15). */
    static void extend(CortexA7 c, int i) {
        int op = (i >>> 20) & 7, n = rn(i), rot = ((i >>> 10) & 3) * 8;
        int v = c.r[rm(i)];
        int acc = n == 15 ? 0 : c.r[n];
        boolean signed = op < 4;
        int res;
        switch (op & 3) {
            case 0: res = ArmAlu.extend16(acc, v, rot, signed); break;
            case 2: res = acc + ArmAlu.extend(v, rot, 1, signed); break;
            case 3: res = acc + ArmAlu.extend(v, rot, 2, signed); break;
            default: c.undefined(i); return;
        }
        c.r[rd(i)] = res;
    }

    static void rev(CortexA7 c, int i) { c.r[rd(i)] = ArmAlu.rev(c.r[rm(i)]); }
    static void rev16(CortexA7 c, int i) { c.r[rd(i)] = ArmAlu.rev16(c.r[rm(i)]); }
    static void rbit(CortexA7 c, int i) { c.r[rd(i)] = ArmAlu.rbit(c.r[rm(i)]); }
    static void revsh(CortexA7 c, int i) { c.r[rd(i)] = ArmAlu.revsh(c.r[rm(i)]); }

    /**
     * SMLAD, SMUAD, SMLSD, SMUSD (bit 22 = 0) and SMLALD, SMLSLD (bit 22 = 1): the dual 16-bit
     * multiplies. Bit 6 subtracts the second product, bit 5 swaps Rm's halves.
     */
    static void dualMultiply(CortexA7 c, int i) {
        int[] r = c.r;
        int d = rn(i), a = rd(i), m = (i >>> 8) & 15, nn = rm(i);
        int x = r[nn], y = r[m];
        if ((i & 0x20) != 0) y = Integer.rotateRight(y, 16);
        long p1 = (long) (short) x * (short) y, p2 = (long) (x >> 16) * (y >> 16);
        long sum = (i & 0x40) != 0 ? p1 - p2 : p1 + p2;
        if ((i & (1 << 22)) != 0) { // long forms: RdHi = bits 19:16, RdLo = bits 15:12
            long res = sum + A32DataProcessing.pair(r, d, a);
            r[a] = (int) res;
            r[d] = (int) (res >>> 32);
            return;
        }
        long res = a == 15 ? sum : sum + r[a];
        if (res != (int) res) c.q = true;
        r[d] = (int) res;
    }

    /** SMMLA, SMMUL, SMMLS: most significant word multiply, bit 5 rounds, bits 7:6 = 11 subtracts. */
    static void mostSignificantMultiply(CortexA7 c, int i) {
        int[] r = c.r;
        int d = rn(i), a = rd(i), m = (i >>> 8) & 15, nn = rm(i);
        long prod = (long) r[nn] * r[m];
        long acc = a == 15 ? 0 : (long) r[a] << 32;
        long res = (i & 0xc0) == 0xc0 ? acc - prod : acc + prod;
        if ((i & 0x20) != 0) res += 0x80000000L;
        r[d] = (int) (res >>> 32);
    }

    static void sdiv(CortexA7 c, int i) {
        c.r[rn(i)] = ArmAlu.sdiv(c.r[rm(i)], c.r[(i >>> 8) & 15]);
    }

    static void udiv(CortexA7 c, int i) {
        c.r[rn(i)] = ArmAlu.udiv(c.r[rm(i)], c.r[(i >>> 8) & 15]);
    }

    /** USAD8, USADA8 (Ra = 15 means no accumulate). */
    static void usad8(CortexA7 c, int i) {
        int a = rd(i);
        int sum = ArmAlu.usad8(c.r[rm(i)], c.r[(i >>> 8) & 15]);
        c.r[rn(i)] = a == 15 ? sum : sum + c.r[a];
    }

    static void sbfx(CortexA7 c, int i) {
        c.r[rd(i)] = ArmAlu.sbfx(c.r[rm(i)], (i >>> 7) & 31, (i >>> 16) & 31);
    }

    static void ubfx(CortexA7 c, int i) {
        c.r[rd(i)] = ArmAlu.ubfx(c.r[rm(i)], (i >>> 7) & 31, (i >>> 16) & 31);
    }

    /** BFI, or BFC when Rn = 15. */
    static void bfi(CortexA7 c, int i) {
        int n = rm(i);
        c.r[rd(i)] = ArmAlu.bfi(c.r[rd(i)], n == 15 ? 0 : c.r[n], (i >>> 7) & 31, (i >>> 16) & 31);
    }
}
