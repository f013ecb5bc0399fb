package org.socemu.armv7;

/**
 * The A-profile meaning of the T32 system encodings. Most of them carry the same fields as their
 * A32 twins, so they are re-encoded as A32 words and run by the A32 handlers: one semantics, two
 * encodings.
 */
final class ThumbSystemA {
    private ThumbSystemA() {}

    static void exec(CortexA7 c, int insn) {
        if ((insn & 0xffff0000) == 0) { // 16-bit CPS: 1011 0110 011 im 0 A I F
            int imod = (insn & 0x10) != 0 ? 3 : 2;
            A32System.cps(c, 0xf1000000 | (imod << 18) | ((insn & 7) << 6));
            return;
        }
        int hw1 = insn >>> 16, hw2 = insn & 0xffff;
        int op = (hw1 >>> 4) & 0x7f;
        if ((hw1 & 0xfe40) == 0xe800) { // 1110 100x x0xx: the SRS/RFE corners of the LDM/STM space
            rfeSrs(c, insn);
            return;
        }
        switch (op) {
            case 0x38: case 0x39: { // MSR (register), banked form when hw2 bit 5
                int a32 = 0xe120f000 | ((hw1 & 0x10) << 18) | ((hw2 & 0x0f00) << 8) | (hw1 & 15);
                if ((hw2 & 0x20) != 0) a32 |= 0x200 | ((hw2 & 0x10) << 4);
                A32System.msrReg(c, a32);
                return;
            }
            case 0x3a: // hints and CPS
                if ((hw2 & 0x0700) == 0) c.hint(hw2 & 0xff);
                else A32System.cps(c, 0xf1000000 | (((hw2 >>> 9) & 3) << 18) | (((hw2 >>> 8) & 1) << 17)
                        | (((hw2 >>> 5) & 7) << 6) | (hw2 & 0x1f));
                return;
            case 0x3b: // CLREX, DSB, DMB, ISB
                if (((hw2 >>> 4) & 0xf) == 2) c.clrex();
                return;
            case 0x3c: // BXJ: no Jazelle, behaves as BX
                c.bxWritePc(c.r[hw1 & 15]);
                return;
            case 0x3d: // SUBS PC, LR, #imm8 (ERET when imm8 = 0)
                c.exceptionReturn(c.r[hw1 & 15] - (hw2 & 0xff));
                return;
            case 0x3e: case 0x3f: { // MRS, banked form when hw2 bit 5
                int a32 = 0xe10f0000 | ((hw1 & 0x10) << 18) | (((hw2 >>> 8) & 15) << 12);
                if ((hw2 & 0x20) != 0) a32 = (a32 & ~0x000f0000) | ((hw1 & 15) << 16) | 0x200 | ((hw2 & 0x10) << 4);
                A32System.mrs(c, a32);
                return;
            }
            case 0x7f: // SMC (hw2 = 1000 ...) or UDF (hw2 = 1010 ...)
                if ((hw2 & 0xf000) == 0x8000) c.smc(insn);
                else c.undefined(insn);
                return;
            default:
                c.undefined(insn);
        }
    }

    /** SRS/RFE (T32 has only the DB and IA forms). */
    private static void rfeSrs(CortexA7 c, int insn) {
        int hw1 = insn >>> 16;
        boolean ia = (hw1 & 0x0180) == 0x0180;
        int pu = ia ? (1 << 23) : (1 << 24);
        int w = (hw1 & 0x20) != 0 ? 1 << 21 : 0;
        if ((hw1 & 0x10) != 0) A32System.rfe(c, 0xf8100a00 | pu | w | ((hw1 & 15) << 16));
        else A32System.srs(c, 0xf84d0500 | pu | w | (insn & 0x1f));
    }

    /**
     * Coprocessor space: VFP and CP15 transfers have the A32 layout below the condition field, and
     * the Advanced SIMD encodings are the A32 ones with another top byte. They go straight to their
     * handlers (the decoded-block cache holds this method, so nothing is decoded twice per run).
     */
    static void coprocessor(CortexA7 c, int insn) {
        int hw1 = insn >>> 16;
        if ((hw1 & 0xef00) == 0xef00) { // Advanced SIMD data processing: 111U 1111 -> 1111 001U
            Neon.dataProcessing(c, 0xf2000000 | ((insn & 0x10000000) >>> 4) | (insn & 0x00ffffff));
            return;
        }
        if ((hw1 & 0xff10) == 0xf900) { // Advanced SIMD element/structure load/store: 1111 1001 -> 1111 0100
            Neon.loadStore(c, 0xf4000000 | (insn & 0x00ffffff));
            return;
        }
        if ((hw1 & 0xf000) == 0xf000) { // MCR2/MRC2/LDC2...: no such coprocessors
            c.undefined(insn);
            return;
        }
        int a32 = 0xe0000000 | (insn & 0x0fffffff);
        if ((insn & 0x0e00) == 0x0a00) Vfp.coprocessor(c, a32); // cp10, cp11
        else A32Decoder.decode(a32).exec(c, a32);
    }
}
