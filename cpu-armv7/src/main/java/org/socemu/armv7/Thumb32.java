package org.socemu.armv7;

/**
 * The 32-bit Thumb-2 instructions (ARM ARM A6.3), shared by the A and M profiles. The word is
 * hw1:hw2; field helpers name the manual's fields. Semantics come from {@link ArmAlu}.
 */
final class Thumb32 {
    private Thumb32() {}

    private static int rn(int i) { return (i >>> 16) & 15; }
    private static int rd(int i) { return (i >>> 8) & 15; }
    private static int rt(int i) { return (i >>> 12) & 15; }
    private static int rm(int i) { return i & 15; }
    private static boolean s(int i) { return (i & (1 << 20)) != 0; }

    // ---- data processing ----

    /** The T32 data-processing opcode space (bits 24:21) onto ArmAlu ops, with the MOV/MVN/test aliases. */
    private static void dataProc(ArmCore c, int i, int b) {
        int op = (i >>> 21) & 15, rn = rn(i), rd = rd(i);
        boolean s = s(i);
        int aluOp;
        switch (op) {
            case 0: aluOp = rd == 15 && s ? ArmAlu.TST : ArmAlu.AND; break;
            case 1: aluOp = ArmAlu.BIC; break;
            case 2: aluOp = rn == 15 ? ArmAlu.MOV : ArmAlu.ORR; break;
            case 3: aluOp = rn == 15 ? ArmAlu.MVN : ArmAlu.ORN; break;
            case 4: aluOp = rd == 15 && s ? ArmAlu.TEQ : ArmAlu.EOR; break;
            case 8: aluOp = rd == 15 && s ? ArmAlu.CMN : ArmAlu.ADD; break;
            case 10: aluOp = ArmAlu.ADC; break;
            case 11: aluOp = ArmAlu.SBC; break;
            case 13: aluOp = rd == 15 && s ? ArmAlu.CMP : ArmAlu.SUB; break;
            case 14: aluOp = ArmAlu.RSB; break;
            default: c.undefined(i); return;
        }
        int res = ArmAlu.dataProc(c, aluOp, s, c.r[rn], b);
        if (!ArmAlu.isTest(aluOp)) c.r[rd] = res;
    }

    /** Data processing (modified immediate). */
    static void dpModImm(ArmCore c, int i) {
        int imm12 = ((i >>> 15) & 0x800) | ((i >>> 4) & 0x700) | (i & 0xff);
        dataProc(c, i, ArmAlu.thumbExpandImm(c, imm12));
    }

    /** Data processing (shifted register), and PKHBT/PKHTB at opcode 0110. */
    static void dpShiftedReg(ArmCore c, int i) {
        int imm5 = ((i >>> 10) & 0x1c) | ((i >>> 6) & 3), type = (i >>> 4) & 3;
        if (((i >>> 21) & 15) == 6) {
            int a = c.r[rn(i)], b = c.r[rm(i)];
            if ((type & 2) == 0) c.r[rd(i)] = (a & 0xffff) | ((b << imm5) & 0xffff0000);
            else c.r[rd(i)] = (a & 0xffff0000) | ((b >> (imm5 == 0 ? 31 : imm5)) & 0xffff);
            return;
        }
        dataProc(c, i, ArmAlu.shiftImm(c, c.r[rm(i)], type, imm5));
    }

    private static int imm12(int i) {
        return ((i >>> 15) & 0x800) | ((i >>> 4) & 0x700) | (i & 0xff);
    }

    static void addw(ArmCore c, int i) {
        int rn = rn(i);
        int base = rn == 15 ? c.r[15] & ~3 : c.r[rn];
        c.r[rd(i)] = base + imm12(i);
    }

    static void subw(ArmCore c, int i) {
        int rn = rn(i);
        int base = rn == 15 ? c.r[15] & ~3 : c.r[rn];
        c.r[rd(i)] = base - imm12(i);
    }

    static void movw(ArmCore c, int i) {
        c.r[rd(i)] = ((i >>> 4) & 0xf000) | imm12(i);
    }

    static void movt(ArmCore c, int i) {
        int d = rd(i);
        c.r[d] = (c.r[d] & 0xffff) | ((((i >>> 4) & 0xf000) | imm12(i)) << 16);
    }

    /** SSAT, SSAT16, USAT, USAT16 (plain binary immediate space). */
    static void sat(ArmCore c, int i) {
        boolean unsigned = (i & (1 << 23)) != 0;
        int imm5 = ((i >>> 10) & 0x1c) | ((i >>> 6) & 3);
        boolean asr = (i & (1 << 21)) != 0;
        int v = c.r[rn(i)];
        if (asr && imm5 == 0) { // the 16-bit forms
            int bits = i & 15;
            int lo = unsigned ? ArmAlu.unsignedSat(c, (short) v, bits) : ArmAlu.signedSat(c, (short) v, bits + 1);
            int hi = unsigned ? ArmAlu.unsignedSat(c, v >> 16, bits) : ArmAlu.signedSat(c, v >> 16, bits + 1);
            c.r[rd(i)] = (lo & 0xffff) | (hi << 16);
            return;
        }
        v = asr ? v >> imm5 : v << imm5;
        int bits = i & 31;
        c.r[rd(i)] = unsigned ? ArmAlu.unsignedSat(c, v, bits) : ArmAlu.signedSat(c, v, bits + 1);
    }

    private static int lsb(int i) {
        return ((i >>> 10) & 0x1c) | ((i >>> 6) & 3);
    }

    static void sbfx(ArmCore c, int i) { c.r[rd(i)] = ArmAlu.sbfx(c.r[rn(i)], lsb(i), i & 31); }
    static void ubfx(ArmCore c, int i) { c.r[rd(i)] = ArmAlu.ubfx(c.r[rn(i)], lsb(i), i & 31); }

    static void bfi(ArmCore c, int i) {
        int n = rn(i);
        c.r[rd(i)] = ArmAlu.bfi(c.r[rd(i)], n == 15 ? 0 : c.r[n], lsb(i), i & 31);
    }

    /** LSL, LSR, ASR, ROR by register. */
    static void shiftReg(ArmCore c, int i) {
        int res = ArmAlu.shiftReg(c, c.r[rn(i)], (i >>> 21) & 3, c.r[rm(i)]);
        c.r[rd(i)] = res;
        if (s(i)) {
            c.setNZ(res);
            c.c = c.shc;
        }
    }

    /** SXTAH, UXTAH, SXTAB16, UXTAB16, SXTAB, UXTAB and the forms without accumulate (Rn = 15). */
    static void extend(ArmCore c, int i) {
        int op = (i >>> 20) & 7, n = rn(i), rot = ((i >>> 4) & 3) * 8;
        int v = c.r[rm(i)], acc = n == 15 ? 0 : c.r[n];
        boolean signed = (op & 1) == 0;
        int res;
        switch (op >>> 1) {
            case 0: res = acc + ArmAlu.extend(v, rot, 2, signed); break;
            case 1: res = ArmAlu.extend16(acc, v, rot, signed); break;
            case 2: res = acc + ArmAlu.extend(v, rot, 1, signed); break;
            default: c.undefined(i); return;
        }
        c.r[rd(i)] = res;
    }

    private static final int[] PAR_OP = {4, 0, 1, -1, 7, 3, 2, -1}; // T32 op1 -> ArmAlu.parallel op

    /** Parallel add/subtract: op1 in bits 22:20, prefix in hw2 bits 6:4. */
    static void parallel(ArmCore c, int i) {
        int op = PAR_OP[(i >>> 20) & 7];
        int prefix = (i >>> 4) & 3;
        if (op < 0 || prefix == 3) { c.undefined(i); return; }
        int kind = ((i & 0x40) != 0 ? 4 : 0) + prefix + 1;
        c.r[rd(i)] = ArmAlu.parallel(c, kind, op, c.r[rn(i)], c.r[rm(i)]);
    }

    /** QADD, QDADD, QSUB, QDSUB, REV, REV16, RBIT, REVSH, SEL, CLZ. */
    static void misc(ArmCore c, int i) {
        int op1 = (i >>> 20) & 3, op2 = (i >>> 4) & 3;
        int a = c.r[rm(i)], b = c.r[rn(i)];
        int d = rd(i);
        switch (op1 * 4 + op2) {
            case 0: c.r[d] = ArmAlu.qadd(c, a, b); return;
            case 1: c.r[d] = ArmAlu.qadd(c, a, ArmAlu.qadd(c, b, b)); return;
            case 2: c.r[d] = ArmAlu.qsub(c, a, b); return;
            case 3: c.r[d] = ArmAlu.qsub(c, a, ArmAlu.qadd(c, b, b)); return;
            case 4: c.r[d] = ArmAlu.rev(a); return;
            case 5: c.r[d] = ArmAlu.rev16(a); return;
            case 6: c.r[d] = ArmAlu.rbit(a); return;
            case 7: c.r[d] = ArmAlu.revsh(a); return;
            case 8: c.r[d] = ArmAlu.sel(c, b, a); return;
            case 12: c.r[d] = Integer.numberOfLeadingZeros(a); return;
            default: c.undefined(i);
        }
    }

    /** MUL, MLA, MLS, SMULxy/SMLAxy, SMUAD/SMLAD, SMULWy/SMLAWy, SMUSD/SMLSD, SMMUL/SMMLA, SMMLS, USAD8/USADA8. */
    static void multiply(ArmCore c, int i) {
        int[] r = c.r;
        int op1 = (i >>> 20) & 7, op2 = (i >>> 4) & 3;
        int ra = rt(i), d = rd(i);
        int a = r[rn(i)], b = r[rm(i)];
        switch (op1) {
            case 0:
                if (op2 == 0) r[d] = a * b + (ra == 15 ? 0 : r[ra]);
                else if (op2 == 1) r[d] = r[ra] - a * b;
                else c.undefined(i);
                return;
            case 1: {
                long res = (long) ArmAlu.half(a, (op2 & 2) != 0) * ArmAlu.half(b, (op2 & 1) != 0);
                if (ra != 15) {
                    res += r[ra];
                    if (res != (int) res) c.q = true;
                }
                r[d] = (int) res;
                return;
            }
            case 2: case 4: { // SMLAD/SMUAD, SMLSD/SMUSD
                int y = (op2 & 1) != 0 ? Integer.rotateRight(b, 16) : b;
                long p1 = (long) (short) a * (short) y, p2 = (long) (a >> 16) * (y >> 16);
                long res = (op1 == 4 ? p1 - p2 : p1 + p2) + (ra == 15 ? 0 : r[ra]);
                if (res != (int) res) c.q = true;
                r[d] = (int) res;
                return;
            }
            case 3: { // SMLAWy/SMULWy
                long prod = ((long) a * ArmAlu.half(b, (op2 & 1) != 0)) >> 16;
                if (ra == 15) { r[d] = (int) prod; return; }
                long res = (int) prod + (long) r[ra];
                if (res != (int) res) c.q = true;
                r[d] = (int) res;
                return;
            }
            case 5: case 6: { // SMMLA/SMMUL, SMMLS
                long prod = (long) a * b;
                long acc = ra == 15 ? 0 : (long) r[ra] << 32;
                long res = op1 == 6 ? acc - prod : acc + prod;
                if ((op2 & 1) != 0) res += 0x80000000L;
                r[d] = (int) (res >>> 32);
                return;
            }
            default: { // USAD8/USADA8
                int sum = ArmAlu.usad8(a, b);
                r[d] = ra == 15 ? sum : sum + r[ra];
            }
        }
    }

    /** SMULL, SDIV, UMULL, UDIV, SMLAL (and xy, D forms), SMLSLD, UMLAL, UMAAL. */
    static void longMultiply(ArmCore c, int i) {
        int[] r = c.r;
        int op1 = (i >>> 20) & 7, op2 = (i >>> 4) & 15;
        int lo = rt(i), hi = rd(i);
        int a = r[rn(i)], b = r[rm(i)];
        switch (op1) {
            case 0: store64(r, hi, lo, (long) a * b); return;
            case 1: r[hi] = ArmAlu.sdiv(a, b); return;
            case 2: store64(r, hi, lo, (a & 0xffffffffL) * (b & 0xffffffffL)); return;
            case 3: r[hi] = ArmAlu.udiv(a, b); return;
            case 4:
                if (op2 == 0) store64(r, hi, lo, (long) a * b + A32DataProcessing.pair(r, hi, lo));
                else if ((op2 & 0xc) == 8)
                    store64(r, hi, lo, (long) ArmAlu.half(a, (op2 & 2) != 0) * ArmAlu.half(b, (op2 & 1) != 0) + A32DataProcessing.pair(r, hi, lo));
                else dual(c, r, hi, lo, a, b, op2, false);
                return;
            case 5: dual(c, r, hi, lo, a, b, op2, true); return;
            case 6:
                if (op2 == 0) store64(r, hi, lo, (a & 0xffffffffL) * (b & 0xffffffffL) + A32DataProcessing.pair(r, hi, lo));
                else {
                    long res = (a & 0xffffffffL) * (b & 0xffffffffL) + (r[hi] & 0xffffffffL) + (r[lo] & 0xffffffffL);
                    store64(r, hi, lo, res);
                }
                return;
            default: c.undefined(i);
        }
    }

    private static void dual(ArmCore c, int[] r, int hi, int lo, int a, int b, int op2, boolean subtract) {
        int y = (op2 & 1) != 0 ? Integer.rotateRight(b, 16) : b;
        long p1 = (long) (short) a * (short) y, p2 = (long) (a >> 16) * (y >> 16);
        store64(r, hi, lo, (subtract ? p1 - p2 : p1 + p2) + A32DataProcessing.pair(r, hi, lo));
    }

    private static void store64(int[] r, int hi, int lo, long v) {
        r[lo] = (int) v;
        r[hi] = (int) (v >>> 32);
    }

    // ---- branches ----

    /** B<cond>.W (encoding T3). */
    static void bCond(ArmCore c, int i) {
        if (!c.condPass((i >>> 22) & 15)) return;
        int s = (i >>> 26) & 1, j1 = (i >>> 13) & 1, j2 = (i >>> 11) & 1;
        int off = (s << 20) | (j2 << 19) | (j1 << 18) | (((i >>> 16) & 0x3f) << 12) | ((i & 0x7ff) << 1);
        off = (off << 11) >> 11;
        c.nextPc = c.r[15] + off;
    }

    /** The 25-bit offset of B.W, BL, BLX: S:I1:I2:imm10:imm11:0 with I = NOT(J EOR S). */
    private static int offset24(int i) {
        int s = (i >>> 26) & 1, j1 = (i >>> 13) & 1, j2 = (i >>> 11) & 1;
        int i1 = ~(j1 ^ s) & 1, i2 = ~(j2 ^ s) & 1;
        int off = (s << 24) | (i1 << 23) | (i2 << 22) | (((i >>> 16) & 0x3ff) << 12) | ((i & 0x7ff) << 1);
        return (off << 7) >> 7;
    }

    static void b(ArmCore c, int i) {
        c.nextPc = c.r[15] + offset24(i);
    }

    static void bl(ArmCore c, int i) {
        c.r[14] = c.nextPc | 1;
        c.nextPc = c.r[15] + offset24(i);
    }

    static void blx(ArmCore c, int i) {
        c.r[14] = c.nextPc | 1;
        c.thumb = false;
        c.nextPc = ((c.r[15] & ~3) + offset24(i)) & ~3;
    }

    // ---- loads and stores ----

    /** LDM/STM IA and DB (including PUSH.W/POP.W). */
    static void multiple(ArmCore c, int i) {
        int[] r = c.r;
        int rn = rn(i), list = i & 0xffff;
        boolean load = (i & (1 << 20)) != 0, wb = (i & (1 << 21)) != 0, db = (i & (1 << 24)) != 0;
        int count = Integer.bitCount(list);
        int base = r[rn];
        int addr = db ? base - 4 * count : base;
        int wbValue = db ? base - 4 * count : base + 4 * count;
        if (load) {
            boolean loadedBase = false;
            for (int k = 0; k < 15; k++)
                if ((list & (1 << k)) != 0) {
                    r[k] = c.ld32Aligned(addr);
                    addr += 4;
                    if (k == rn) loadedBase = true;
                }
            int pcValue = (list & 0x8000) != 0 ? c.ld32Aligned(addr) : 0;
            if (wb && !loadedBase) r[rn] = wbValue;
            if ((list & 0x8000) != 0) c.loadWritePc(pcValue);
        } else {
            for (int k = 0; k < 15; k++)
                if ((list & (1 << k)) != 0) {
                    c.st32Aligned(addr, r[k]);
                    addr += 4;
                }
            if (wb) r[rn] = wbValue;
        }
    }

    /** LDRD/STRD (immediate, with P/U/W), including the literal form. */
    static void dual(ArmCore c, int i) {
        int[] r = c.r;
        int rn = rn(i), rt = rt(i), rt2 = rd(i);
        int off = (i & 0xff) * 4;
        int base = rn == 15 ? r[15] & ~3 : r[rn];
        int addr = (i & (1 << 23)) != 0 ? base + off : base - off;
        boolean pre = (i & (1 << 24)) != 0, wb = (i & (1 << 21)) != 0;
        int ea = pre ? addr : base;
        if ((i & (1 << 20)) != 0) {
            int lo = c.ld32Aligned(ea), hi = c.ld32Aligned(ea + 4);
            if (wb) r[rn] = addr;
            r[rt] = lo;
            r[rt2] = hi;
        } else {
            c.st32Aligned(ea, r[rt]);
            c.st32Aligned(ea + 4, r[rt2]);
            if (wb) r[rn] = addr;
        }
    }

    static void ldrex(ArmCore c, int i) {
        int addr = c.r[rn(i)] + (i & 0xff) * 4;
        c.r[rt(i)] = c.ld32Aligned(addr);
        c.markExclusive(addr, 4);
    }

    static void strex(ArmCore c, int i) {
        int addr = c.r[rn(i)] + (i & 0xff) * 4;
        storeExclusive(c, addr, 4, rd(i), rt(i), 0);
    }

    /** LDREXB/H/D and TBB/TBH (op in hw2 bits 5:4; bit 6 distinguishes the exclusives). */
    static void ldrexOrTable(ArmCore c, int i) {
        int[] r = c.r;
        int rn = rn(i);
        if ((i & 0x40) == 0) { // TBB, TBH
            int base = r[rn], idx = r[rm(i)];
            int entry = (i & 0x10) != 0 ? c.ld16(base + idx * 2) : c.ld8(base + idx);
            c.nextPc = r[15] + entry * 2;
            return;
        }
        int addr = r[rn];
        switch ((i >>> 4) & 3) {
            case 0: r[rt(i)] = c.ld8(addr); c.markExclusive(addr, 1); return;
            case 1:
                if ((addr & 1) != 0) c.ld32Aligned(addr | 3); // alignment fault
                r[rt(i)] = c.ld16(addr);
                c.markExclusive(addr, 2);
                return;
            case 3: {
                int lo = c.ld32Aligned(addr), hi = c.ld32Aligned(addr + 4);
                r[rt(i)] = lo;
                r[rd(i)] = hi;
                c.markExclusive(addr, 8);
                return;
            }
            default: c.undefined(i);
        }
    }

    /** STREXB/H/D: Rd in hw2 bits 3:0. */
    static void strexSized(ArmCore c, int i) {
        int addr = c.r[rn(i)];
        switch ((i >>> 4) & 3) {
            case 0: storeExclusive(c, addr, 1, rm(i), rt(i), 0); return;
            case 1: storeExclusive(c, addr, 2, rm(i), rt(i), 0); return;
            case 3: storeExclusive(c, addr, 8, rm(i), rt(i), rd(i)); return;
            default: c.undefined(i);
        }
    }

    private static void storeExclusive(ArmCore c, int addr, int size, int rd, int rt, int rt2) {
        if (!c.checkExclusive(addr, size)) {
            c.r[rd] = 1;
            return;
        }
        switch (size) {
            case 1: c.st8(addr, c.r[rt]); break;
            case 2: c.st16(addr, c.r[rt]); break;
            case 4: c.st32Aligned(addr, c.r[rt]); break;
            default: c.st32Aligned(addr, c.r[rt]); c.st32Aligned(addr + 4, c.r[rt2]); break;
        }
        c.r[rd] = 0;
    }

    /**
     * Single loads and stores: size in hw1 bits 6:5, sign in bit 8, load in bit 4; the offset form
     * is imm12 (bit 23), imm8 with P/U/W (hw2 bit 11), or a register shifted left by 0-3. Loads to
     * PC of a byte or halfword are the PLD/PLI hints.
     */
    static void single(ArmCore c, int i) {
        int[] r = c.r;
        int rn = rn(i), rt = rt(i);
        int size = (i >>> 21) & 3;
        boolean signed = (i & (1 << 24)) != 0, load = (i & (1 << 20)) != 0;
        int base, addr, ea;
        boolean wb = false, user = false;
        if (rn == 15) { // literal
            base = r[15] & ~3;
            ea = addr = (i & (1 << 23)) != 0 ? base + (i & 0xfff) : base - (i & 0xfff);
        } else if ((i & (1 << 23)) != 0) {
            base = r[rn];
            ea = addr = base + (i & 0xfff);
        } else if ((i & 0x800) != 0) {
            base = r[rn];
            int off = i & 0xff;
            boolean p = (i & 0x400) != 0, u = (i & 0x200) != 0, w = (i & 0x100) != 0;
            addr = u ? base + off : base - off;
            ea = p ? addr : base;
            wb = w;
            user = p && u && !w;
            if (!p && !w) { c.undefined(i); return; }
        } else if ((i & 0xfc0) == 0) {
            base = r[rn];
            ea = addr = base + (r[rm(i)] << ((i >>> 4) & 3));
        } else {
            c.undefined(i);
            return;
        }
        if (size == 3) { c.undefined(i); return; }
        if (load && rt == 15 && size < 2) return; // PLD, PLI
        int bytes = 1 << size;
        if (load) {
            int v;
            if (user) v = c.ldUser(ea, bytes);
            else v = size == 0 ? c.ld8(ea) : size == 1 ? c.ld16(ea) : c.ld32(ea);
            if (signed) v = size == 0 ? (byte) v : (short) v;
            if (wb) r[rn] = addr;
            if (rt == 15) c.loadWritePc(v);
            else r[rt] = v;
        } else {
            int v = r[rt];
            if (user) c.stUser(ea, bytes, v);
            else if (size == 0) c.st8(ea, v);
            else if (size == 1) c.st16(ea, v);
            else c.st32(ea, v);
            if (wb) r[rn] = addr;
        }
    }

    static void system(ArmCore c, int i) {
        c.thumbSystem(i);
    }

    static void coprocessor(ArmCore c, int i) {
        c.thumbCoprocessor(i);
    }

    static void undefined(ArmCore c, int i) {
        c.undefined(i);
    }
}
