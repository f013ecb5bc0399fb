package org.socemu.armv7;

/**
 * The Advanced SIMD subset implemented so far (ARM ARM A7.4, A7.7), in their A32 encodings (the
 * T32 ones are re-encoded by the Thumb coprocessor hook): VLD1/VST1 (multiple structures, 1-4
 * registers, which glibc's NEON memcpy uses; single lane; VLD1 to all lanes); VAND/VBIC/VORR/VORN/VEOR/VBSL/VBIT/VBIF;
 * integer VADD/VSUB, VCEQ, VTST, VPADD (glibc's memchr); VMOV/VMVN/VORR/VBIC (immediate); VDUP
 * (scalar). Everything else in the
 * Advanced SIMD space is UNDEFINED for now.
 */
final class Neon {
    private Neon() {}

    private static int vd(int i) { return ((i >>> 18) & 0x10) | ((i >>> 12) & 15); }
    private static int vn(int i) { return ((i >>> 3) & 0x10) | ((i >>> 16) & 15); }
    private static int vm(int i) { return ((i >>> 1) & 0x10) | (i & 15); }

    /** Q (bit 6) selects 128-bit operation: two consecutive D registers. */
    private static int regs(int i) { return (i & 0x40) != 0 ? 2 : 1; }

    private static boolean check(ArmCore c, int i) {
        if (c.fpEnabled()) return true;
        c.undefined(i);
        return false;
    }

    /** VLD1/VST1 (multiple single elements); other structure loads are not implemented. */
    static void loadStore(ArmCore c, int i) {
        if (!check(c, i)) return;
        if ((i & (1 << 23)) != 0) { // single lane / all lanes
            if ((i & 0x300) != 0) { c.undefined(i); return; } // VLD2-4 / VST2-4 are not implemented
            if (((i >>> 10) & 3) == 3) loadAllLanes(c, i);
            else singleLane(c, i);
            return;
        }
        int n;
        switch ((i >>> 8) & 15) {
            case 7: n = 1; break;
            case 10: n = 2; break;
            case 6: n = 3; break;
            case 2: n = 4; break;
            default: c.undefined(i); return;
        }
        int rn = (i >>> 16) & 15, rm = i & 15, d = vd(i);
        if (d + n > 32) { c.undefined(i); return; }
        boolean load = (i & (1 << 21)) != 0;
        int addr = c.r[rn];
        for (int k = 0; k < n; k++, addr += 8) {
            if (load) c.d[d + k] = (c.ld32(addr) & 0xffffffffL) | ((long) c.ld32(addr + 4) << 32);
            else {
                c.st32(addr, (int) c.d[d + k]);
                c.st32(addr + 4, (int) (c.d[d + k] >>> 32));
            }
        }
        if (rm == 13) c.r[rn] += 8 * n;
        else if (rm != 15) c.r[rn] += c.r[rm];
    }

    /** VLD1/VST1 (single element to/from one lane): size in bits 11:10, lane index in index_align. */
    private static void singleLane(ArmCore c, int i) {
        int size = (i >>> 10) & 3, d = vd(i), rn = (i >>> 16) & 15, rm = i & 15;
        int index = (i >>> (5 + size)) & (7 >>> size);
        int bits = 8 << size, shift = bits * index;
        long mask = (bits == 32 ? 0xffffffffL : (1L << bits) - 1) << shift;
        int addr = c.r[rn];
        if ((i & (1 << 21)) != 0) {
            long v = size == 0 ? c.ld8(addr) : size == 1 ? c.ld16(addr) : c.ld32(addr) & 0xffffffffL;
            c.d[d] = (c.d[d] & ~mask) | ((v << shift) & mask);
        } else {
            int v = (int) ((c.d[d] & mask) >>> shift);
            if (size == 0) c.st8(addr, v);
            else if (size == 1) c.st16(addr, v);
            else c.st32(addr, v);
        }
        writeBack(c, rn, rm, 1 << size);
    }

    /** VLD1 (single element to all lanes): size in bits 7:6, T (bit 5) loads one or two registers. */
    private static void loadAllLanes(ArmCore c, int i) {
        if ((i & (1 << 21)) == 0) { c.undefined(i); return; }
        int size = (i >>> 6) & 3, d = vd(i), rn = (i >>> 16) & 15, rm = i & 15;
        if (size == 3) { c.undefined(i); return; }
        int addr = c.r[rn];
        long rep;
        if (size == 0) rep = (c.ld8(addr) & 0xffL) * 0x0101010101010101L;
        else if (size == 1) rep = (c.ld16(addr) & 0xffffL) * 0x0001000100010001L;
        else rep = (c.ld32(addr) & 0xffffffffL) * 0x0000000100000001L;
        int n = (i & 0x20) != 0 ? 2 : 1;
        if (d + n > 32) { c.undefined(i); return; }
        for (int k = 0; k < n; k++) c.d[d + k] = rep;
        writeBack(c, rn, rm, 1 << size);
    }

    /** Post-index: Rm = 13 adds the transfer size, Rm = 15 none, otherwise Rm. */
    private static void writeBack(ArmCore c, int rn, int rm, int bytes) {
        if (rm == 13) c.r[rn] += bytes;
        else if (rm != 15) c.r[rn] += c.r[rm];
    }

    /** Advanced SIMD data processing: the implemented groups, by pattern. */
    static void dataProcessing(ArmCore c, int i) {
        if (!check(c, i)) return;
        if ((i & 0x40) != 0 && ((vd(i) | vn(i) | vm(i)) & 1) != 0) { // Q forms need even D registers
            c.undefined(i);
            return;
        }
        if ((i & 0xfe800f10) == 0xf2000110) { bitwise(c, i); return; }
        if ((i & 0xfe800f10) == 0xf2000800) { addSub(c, i); return; }
        if ((i & 0xfe800f10) == 0xf2000810) { compareOrTest(c, i); return; }
        if ((i & 0xff800f50) == 0xf2000b10) { pairwiseAdd(c, i); return; }
        if ((i & 0xfeb80090) == 0xf2800010) { immediate(c, i); return; }
        if ((i & 0xffb00f90) == 0xf3b00c00) { dupScalar(c, i); return; }
        c.undefined(i);
    }

    private static void bitwise(ArmCore c, int i) {
        int d = vd(i), n = vn(i), m = vm(i), op = ((i >>> 22) & 4) | ((i >>> 20) & 3);
        for (int k = 0; k < regs(i); k++) {
            long a = c.d[n + k], b = c.d[m + k], dst = c.d[d + k], r;
            switch (op) {
                case 0: r = a & b; break;               // VAND
                case 1: r = a & ~b; break;              // VBIC
                case 2: r = a | b; break;               // VORR (VMOV)
                case 3: r = a | ~b; break;              // VORN
                case 4: r = a ^ b; break;               // VEOR
                case 5: r = (a & dst) | (b & ~dst); break; // VBSL
                case 6: r = (a & b) | (dst & ~b); break;   // VBIT
                default: r = (dst & b) | (a & ~b); break;  // VBIF
            }
            c.d[d + k] = r;
        }
    }

    private static void addSub(ArmCore c, int i) {
        int d = vd(i), n = vn(i), m = vm(i), size = (i >>> 20) & 3;
        boolean sub = (i & (1 << 24)) != 0;
        int bits = 8 << size;
        for (int k = 0; k < regs(i); k++) {
            long a = c.d[n + k], b = c.d[m + k], r = 0;
            if (bits == 64) r = sub ? a - b : a + b;
            else {
                long mask = (1L << bits) - 1;
                for (int sh = 0; sh < 64; sh += bits) {
                    long x = (a >>> sh) & mask, y = (b >>> sh) & mask;
                    r |= ((sub ? x - y : x + y) & mask) << sh;
                }
            }
            c.d[d + k] = r;
        }
    }

    /** VTST (U = 0: lanes with common bits) and VCEQ (U = 1: equal lanes): all ones or zeros per lane. */
    private static void compareOrTest(ArmCore c, int i) {
        int d = vd(i), n = vn(i), m = vm(i), bits = 8 << ((i >>> 20) & 3);
        if (bits == 64) { c.undefined(i); return; }
        boolean eq = (i & (1 << 24)) != 0;
        long mask = (1L << bits) - 1;
        for (int k = 0; k < regs(i); k++) {
            long a = c.d[n + k], b = c.d[m + k], r = 0;
            for (int sh = 0; sh < 64; sh += bits) {
                long x = (a >>> sh) & mask, y = (b >>> sh) & mask;
                if (eq ? x == y : (x & y) != 0) r |= mask << sh;
            }
            c.d[d + k] = r;
        }
    }

    /** VPADD (integer, D registers only): adjacent lanes of Dn, then of Dm, summed. */
    private static void pairwiseAdd(ArmCore c, int i) {
        int bits = 8 << ((i >>> 20) & 3);
        if (bits == 64 || (i & 0x40) != 0) { c.undefined(i); return; }
        long a = c.d[vn(i)], b = c.d[vm(i)], mask = (1L << bits) - 1, r = 0;
        int half = 32 / bits; // result lanes per source register
        for (int k = 0; k < half; k++) {
            long sa = ((a >>> (2 * k * bits)) + (a >>> ((2 * k + 1) * bits))) & mask;
            long sb = ((b >>> (2 * k * bits)) + (b >>> ((2 * k + 1) * bits))) & mask;
            r |= sa << (k * bits);
            r |= sb << ((k + half) * bits);
        }
        c.d[vd(i)] = r;
    }

    /** One register and a modified immediate (AdvSIMDExpandImm): VMOV, VMVN, VORR, VBIC. */
    private static void immediate(ArmCore c, int i) {
        int imm8 = ((i >>> 17) & 0x80) | ((i >>> 12) & 0x70) | (i & 15);
        int cmode = (i >>> 8) & 15, op = (i >>> 5) & 1;
        long imm = expand(op, cmode, imm8);
        int d = vd(i);
        boolean orr = (cmode & 1) != 0 && cmode < 12;
        for (int k = 0; k < regs(i); k++) {
            if (orr) c.d[d + k] = op == 0 ? c.d[d + k] | imm : c.d[d + k] & ~imm; // VORR / VBIC
            else c.d[d + k] = op == 1 && cmode != 14 ? ~imm : imm;                    // VMOV / VMVN
        }
    }

    private static long expand(int op, int cmode, int imm8) {
        long b = imm8 & 0xffL;
        switch (cmode >>> 1) {
            case 0: return b * 0x0000000100000001L;
            case 1: return (b << 8) * 0x0000000100000001L;
            case 2: return (b << 16) * 0x0000000100000001L;
            case 3: return (b << 24) * 0x0000000100000001L;
            case 4: return b * 0x0001000100010001L;
            case 5: return (b << 8) * 0x0001000100010001L;
            case 6: return ((cmode & 1) == 0 ? (b << 8) | 0xff : (b << 16) | 0xffff) * 0x0000000100000001L;
            default:
                if ((cmode & 1) == 0 && op == 0) return b * 0x0101010101010101L;
                if ((cmode & 1) == 0) { // each bit of imm8 becomes a byte of ones or zeros
                    long r = 0;
                    for (int k = 0; k < 8; k++) if ((imm8 & (1 << k)) != 0) r |= 0xffL << (8 * k);
                    return r;
                }
                // floating-point 1.0-style immediate (single precision in both words)
                long f = ((b & 0x80) << 24) | (((b & 0x40) != 0 ? 0x3e000000L : 0x40000000L)) | ((b & 0x3f) << 19);
                return f * 0x0000000100000001L;
        }
    }

    /** VDUP (scalar): imm4 selects size and lane. */
    private static void dupScalar(ArmCore c, int i) {
        int imm4 = (i >>> 16) & 15, m = vm(i), d = vd(i);
        long v = c.d[m], rep;
        if ((imm4 & 1) != 0) rep = ((v >>> (8 * (imm4 >>> 1))) & 0xff) * 0x0101010101010101L;
        else if ((imm4 & 2) != 0) rep = ((v >>> (16 * (imm4 >>> 2))) & 0xffff) * 0x0001000100010001L;
        else if ((imm4 & 4) != 0) rep = ((v >>> (32 * (imm4 >>> 3))) & 0xffffffffL) * 0x0000000100000001L;
        else { c.undefined(i); return; }
        for (int k = 0; k < regs(i); k++) c.d[d + k] = rep;
    }
}
