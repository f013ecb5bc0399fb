package org.socemu.armv7;

/**
 * The 16-bit Thumb instructions (ARM ARM A6.2), shared by the A and M profiles. Flag-setting forms
 * set flags only outside an IT block, as the architecture says.
 */
final class Thumb16 {
    private Thumb16() {}

    private static boolean outsideIt(ArmCore c) {
        return c.itState == 0;
    }

    /** LSL, LSR, ASR (immediate). */
    static void shiftImm(ArmCore c, int i) {
        int res = ArmAlu.shiftImm(c, c.r[(i >>> 3) & 7], (i >>> 11) & 3, (i >>> 6) & 31);
        c.r[i & 7] = res;
        if (outsideIt(c)) {
            c.setNZ(res);
            c.c = c.shc;
        }
    }

    /** ADD/SUB (register or 3-bit immediate). */
    static void addSub3(ArmCore c, int i) {
        int b = (i & 0x400) != 0 ? (i >>> 6) & 7 : c.r[(i >>> 6) & 7];
        boolean sub = (i & 0x200) != 0;
        c.r[i & 7] = ArmAlu.addWithCarry(c, c.r[(i >>> 3) & 7], sub ? ~b : b, sub ? 1 : 0, outsideIt(c));
    }

    /** MOV, CMP, ADD, SUB with an 8-bit immediate. */
    static void imm8(ArmCore c, int i) {
        int rd = (i >>> 8) & 7, imm = i & 0xff;
        switch ((i >>> 11) & 3) {
            case 0:
                c.r[rd] = imm;
                if (outsideIt(c)) c.setNZ(imm);
                break;
            case 1: ArmAlu.addWithCarry(c, c.r[rd], ~imm, 1, true); break;
            case 2: c.r[rd] = ArmAlu.addWithCarry(c, c.r[rd], imm, 0, outsideIt(c)); break;
            default: c.r[rd] = ArmAlu.addWithCarry(c, c.r[rd], ~imm, 1, outsideIt(c)); break;
        }
    }

    private static final int[] DP_OP = {ArmAlu.AND, ArmAlu.EOR, -1, -1, -1, ArmAlu.ADC, ArmAlu.SBC, -1,
            ArmAlu.TST, ArmAlu.RSB, ArmAlu.CMP, ArmAlu.CMN, ArmAlu.ORR, -1, ArmAlu.BIC, ArmAlu.MVN};

    /** The sixteen register data-processing operations (010000 op Rm Rdn). */
    static void dataProc(ArmCore c, int i) {
        int op = (i >>> 6) & 15, rdn = i & 7;
        int a = c.r[rdn], b = c.r[(i >>> 3) & 7];
        boolean s = outsideIt(c);
        int res;
        switch (op) {
            case 2: case 3: case 4: case 7: { // LSL, LSR, ASR, ROR by register
                int type = op == 2 ? ArmAlu.LSL : op == 3 ? ArmAlu.LSR : op == 4 ? ArmAlu.ASR : ArmAlu.ROR;
                res = ArmAlu.shiftReg(c, a, type, b);
                c.r[rdn] = res;
                if (s) { c.setNZ(res); c.c = c.shc; }
                return;
            }
            case 9: // RSB #0 (NEG)
                c.r[rdn] = ArmAlu.addWithCarry(c, ~b, 0, 1, s);
                return;
            case 13:
                res = a * b;
                c.r[rdn] = res;
                if (s) c.setNZ(res);
                return;
            default:
                c.shc = c.c;
                int aluOp = DP_OP[op];
                boolean test = ArmAlu.isTest(aluOp);
                res = ArmAlu.dataProc(c, aluOp, s || test, a, b);
                if (!test) c.r[rdn] = res;
        }
    }

    /** ADD, CMP, MOV on any registers; BX and BLX. */
    static void special(ArmCore c, int i) {
        int rm = (i >>> 3) & 15, rdn = (i & 7) | ((i >>> 4) & 8);
        switch ((i >>> 8) & 3) {
            case 0: {
                int res = c.r[rdn] + c.r[rm];
                if (rdn == 15) c.branchTo(res);
                else c.r[rdn] = res;
                return;
            }
            case 1: ArmAlu.addWithCarry(c, c.r[rdn], ~c.r[rm], 1, true); return;
            case 2:
                if (rdn == 15) c.branchTo(c.r[rm]);
                else c.r[rdn] = c.r[rm];
                return;
            default: {
                int target = c.r[rm];
                if ((i & 0x80) != 0) c.r[14] = (c.pc + 2) | 1; // BLX
                c.bxWritePc(target);
            }
        }
    }

    static void ldrLiteral(ArmCore c, int i) {
        c.r[(i >>> 8) & 7] = c.ld32((c.r[15] & ~3) + (i & 0xff) * 4);
    }

    /** STR, STRH, STRB, LDRSB, LDR, LDRH, LDRB, LDRSH with a register offset. */
    static void loadStoreReg(ArmCore c, int i) {
        int rt = i & 7;
        int addr = c.r[(i >>> 3) & 7] + c.r[(i >>> 6) & 7];
        switch ((i >>> 9) & 7) {
            case 0: c.st32(addr, c.r[rt]); break;
            case 1: c.st16(addr, c.r[rt]); break;
            case 2: c.st8(addr, c.r[rt]); break;
            case 3: c.r[rt] = (byte) c.ld8(addr); break;
            case 4: c.r[rt] = c.ld32(addr); break;
            case 5: c.r[rt] = c.ld16(addr); break;
            case 6: c.r[rt] = c.ld8(addr); break;
            default: c.r[rt] = (short) c.ld16(addr); break;
        }
    }

    /** STR/LDR/STRB/LDRB with a 5-bit immediate (scaled for words). */
    static void loadStoreImm(ArmCore c, int i) {
        int rt = i & 7, imm = (i >>> 6) & 31;
        boolean byteAccess = (i & 0x1000) != 0, load = (i & 0x800) != 0;
        int addr = c.r[(i >>> 3) & 7] + (byteAccess ? imm : imm * 4);
        if (load) c.r[rt] = byteAccess ? c.ld8(addr) : c.ld32(addr);
        else if (byteAccess) c.st8(addr, c.r[rt]);
        else c.st32(addr, c.r[rt]);
    }

    static void loadStoreHalf(ArmCore c, int i) {
        int rt = i & 7;
        int addr = c.r[(i >>> 3) & 7] + ((i >>> 6) & 31) * 2;
        if ((i & 0x800) != 0) c.r[rt] = c.ld16(addr);
        else c.st16(addr, c.r[rt]);
    }

    static void loadStoreSp(ArmCore c, int i) {
        int rt = (i >>> 8) & 7;
        int addr = c.r[13] + (i & 0xff) * 4;
        if ((i & 0x800) != 0) c.r[rt] = c.ld32(addr);
        else c.st32(addr, c.r[rt]);
    }

    static void adr(ArmCore c, int i) {
        c.r[(i >>> 8) & 7] = (c.r[15] & ~3) + (i & 0xff) * 4;
    }

    static void addSpImm(ArmCore c, int i) {
        c.r[(i >>> 8) & 7] = c.r[13] + (i & 0xff) * 4;
    }

    static void adjustSp(ArmCore c, int i) {
        int imm = (i & 0x7f) * 4;
        c.r[13] += (i & 0x80) != 0 ? -imm : imm;
    }

    static void cbz(ArmCore c, int i) {
        boolean nonZero = (i & 0x800) != 0;
        if ((c.r[i & 7] != 0) == nonZero) c.nextPc = c.r[15] + (((i >>> 3) & 0x1f) << 1) + ((i & 0x200) >>> 3);
    }

    /** SXTH, SXTB, UXTH, UXTB. */
    static void extend(ArmCore c, int i) {
        int v = c.r[(i >>> 3) & 7];
        int res;
        switch ((i >>> 6) & 3) {
            case 0: res = (short) v; break;
            case 1: res = (byte) v; break;
            case 2: res = v & 0xffff; break;
            default: res = v & 0xff; break;
        }
        c.r[i & 7] = res;
    }

    /** REV, REV16, REVSH (op 10 is undefined in ARMv7). */
    static void reverse(ArmCore c, int i) {
        int v = c.r[(i >>> 3) & 7];
        switch ((i >>> 6) & 3) {
            case 0: c.r[i & 7] = ArmAlu.rev(v); break;
            case 1: c.r[i & 7] = ArmAlu.rev16(v); break;
            case 3: c.r[i & 7] = ArmAlu.revsh(v); break;
            default: c.undefined(i);
        }
    }

    static void push(ArmCore c, int i) {
        int list = (i & 0xff) | ((i & 0x100) << 6);
        int addr = c.r[13] - 4 * Integer.bitCount(list);
        int sp = addr;
        for (int k = 0; k < 15; k++)
            if ((list & (1 << k)) != 0) {
                c.st32Aligned(addr, c.r[k]);
                addr += 4;
            }
        c.r[13] = sp;
    }

    static void pop(ArmCore c, int i) {
        int list = (i & 0xff) | ((i & 0x100) << 7);
        int addr = c.r[13];
        int[] r = c.r;
        int pcValue = 0;
        for (int k = 0; k < 8; k++)
            if ((list & (1 << k)) != 0) {
                r[k] = c.ld32Aligned(addr);
                addr += 4;
            }
        if ((list & 0x8000) != 0) {
            pcValue = c.ld32Aligned(addr);
            addr += 4;
        }
        r[13] = addr;
        if ((list & 0x8000) != 0) c.loadWritePc(pcValue);
    }

    static void stm(ArmCore c, int i) {
        int rn = (i >>> 8) & 7, list = i & 0xff;
        int addr = c.r[rn];
        for (int k = 0; k < 8; k++)
            if ((list & (1 << k)) != 0) {
                c.st32Aligned(addr, c.r[k]);
                addr += 4;
            }
        c.r[rn] = addr;
    }

    static void ldm(ArmCore c, int i) {
        int rn = (i >>> 8) & 7, list = i & 0xff;
        int addr = c.r[rn];
        int end = addr + 4 * Integer.bitCount(list);
        for (int k = 0; k < 8; k++)
            if ((list & (1 << k)) != 0) {
                c.r[k] = c.ld32Aligned(addr);
                addr += 4;
            }
        if ((list & (1 << rn)) == 0) c.r[rn] = end;
    }

    static void bkpt(ArmCore c, int i) {
        c.breakpoint();
    }

    /** IT (mask != 0) or a hint (mask == 0). */
    static void itOrHint(ArmCore c, int i) {
        if ((i & 0xf) == 0) c.hint((i >>> 4) & 0xf);
        else c.itState = i & 0xff;
    }

    static void bCond(ArmCore c, int i) {
        if (c.condPass((i >>> 8) & 15)) c.nextPc = c.r[15] + ((i << 24) >> 23);
    }

    static void svc(ArmCore c, int i) {
        c.supervisorCall();
    }

    static void b(ArmCore c, int i) {
        c.nextPc = c.r[15] + ((i << 21) >> 20);
    }

    static void system(ArmCore c, int i) {
        c.thumbSystem(i);
    }

    static void undefined(ArmCore c, int i) {
        c.undefined(i);
    }
}
