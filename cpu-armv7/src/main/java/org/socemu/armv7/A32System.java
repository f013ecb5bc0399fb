package org.socemu.armv7;

import static org.socemu.armv7.ArmMode.*;

/** A32 branches, status-register access, exception-generating and system instructions, coprocessor transfers. */
final class A32System {
    private A32System() {}

    // ---- branches ----

    static void b(CortexA7 c, int i) {
        c.nextPc = c.r[15] + ((i << 8) >> 6);
    }

    static void bl(CortexA7 c, int i) {
        c.r[14] = c.pc + 4;
        c.nextPc = c.r[15] + ((i << 8) >> 6);
    }

    /** BLX (immediate): always to Thumb; H (bit 24) is bit 1 of the offset. */
    static void blxImm(CortexA7 c, int i) {
        c.r[14] = c.pc + 4;
        c.thumb = true;
        c.nextPc = c.r[15] + ((i << 8) >> 6) + ((i >>> 23) & 2);
    }

    static void bx(CortexA7 c, int i) {
        c.bxWritePc(c.r[i & 15]);
    }

    static void blxReg(CortexA7 c, int i) {
        int target = c.r[i & 15];
        c.r[14] = c.pc + 4;
        c.bxWritePc(target);
    }

    // ---- status registers ----

    /** MRS Rd, CPSR/SPSR (bit 22), or the banked form (bit 9). */
    static void mrs(CortexA7 c, int i) {
        int rd = (i >>> 12) & 15;
        boolean spsr = (i & (1 << 22)) != 0;
        if ((i & (1 << 9)) != 0) {
            int sysm = ((i >>> 4) & 0x10) | ((i >>> 16) & 15);
            if (!c.privileged() || !bankedAccess(c, sysm, spsr, rd, true, 0)) c.undefined(i);
            return;
        }
        if (spsr) {
            if (!hasSpsr(c.mode)) { c.undefined(i); return; }
            c.r[rd] = c.spsr[c.mode];
        } else {
            c.r[rd] = c.cpsr() & 0xf80f03df; // execution-state bits (IT, J, T) read as zero
        }
    }

    /** MSR (register): mask bits 19:16 select the fields c, x, s, f. */
    static void msrReg(CortexA7 c, int i) {
        boolean spsr = (i & (1 << 22)) != 0;
        if ((i & (1 << 9)) != 0) {
            int sysm = ((i >>> 4) & 0x10) | ((i >>> 16) & 15);
            if (!c.privileged() || !bankedAccess(c, sysm, spsr, i & 15, false, c.r[i & 15])) c.undefined(i);
            return;
        }
        writePsr(c, i, spsr, c.r[i & 15]);
    }

    /** MSR (immediate). */
    static void msrImm(CortexA7 c, int i) {
        writePsr(c, i, (i & (1 << 22)) != 0, Integer.rotateRight(i & 0xff, ((i >>> 8) & 15) * 2));
    }

    private static void writePsr(CortexA7 c, int i, boolean spsr, int value) {
        int mask = 0;
        if ((i & (1 << 19)) != 0) mask |= 0xff000000;
        if ((i & (1 << 18)) != 0) mask |= 0x00ff0000;
        if ((i & (1 << 17)) != 0) mask |= 0x0000ff00;
        if ((i & (1 << 16)) != 0) mask |= 0x000000ff;
        if (spsr) {
            if (!hasSpsr(c.mode)) { c.undefined(i); return; }
            c.spsr[c.mode] = (c.spsr[c.mode] & ~mask) | (value & mask);
            return;
        }
        // MSR never changes the execution state bits (IT, J, T); PL0 writes only NZCVQ and GE.
        int writable = c.privileged() ? 0xf80f03df : 0xf80f0000;
        mask &= writable;
        int cpsr = (c.cpsr() & ~mask) | (value & mask);
        int m = cpsr & 0x1f;
        if (!ArmMode.valid(m)) cpsr = (cpsr & ~0x1f) | c.mode;
        c.setNzcv(cpsr);
        c.q = (cpsr & (1 << 27)) != 0;
        c.ge = (cpsr >>> 16) & 15;
        c.bigEndianData = (cpsr & (1 << 9)) != 0;
        c.setMasks(cpsr);
        c.changeMode(cpsr & 0x1f);
    }

    /** MRS/MSR (banked register): SYSm per ARM ARM B9.2.3. Returns false for a reserved encoding. */
    private static boolean bankedAccess(CortexA7 c, int sysm, boolean spsr, int rd, boolean read, int value) {
        int mode, reg;
        if (spsr) {
            switch (sysm) {
                case 0x0e: mode = FIQ; break;
                case 0x10: mode = IRQ; break;
                case 0x12: mode = SVC; break;
                case 0x14: mode = ABT; break;
                case 0x16: mode = UND; break;
                case 0x1c: mode = MON; break;
                case 0x1e: mode = HYP; break;
                default: return false;
            }
            if (read) c.r[rd] = c.spsr[mode];
            else c.spsr[mode] = value;
            return true;
        }
        if (sysm < 0x07) { mode = USR; reg = 8 + sysm; }
        else if (sysm >= 0x08 && sysm < 0x0f) { mode = FIQ; reg = sysm; }
        else if (sysm >= 0x10 && sysm <= 0x17) {
            int[] modes = {IRQ, SVC, ABT, UND};
            mode = modes[(sysm - 0x10) >> 1];
            reg = (sysm & 1) != 0 ? 13 : 14;
        } else if (sysm == 0x1c || sysm == 0x1d) { mode = MON; reg = (sysm & 1) != 0 ? 13 : 14; }
        else if (sysm == 0x1f) { mode = HYP; reg = 13; }
        else return false;
        if (read) c.r[rd] = c.bankedRead(mode, reg);
        else c.bankedWrite(mode, reg, value);
        return true;
    }

    /** CPS: imod (19:18) 10 = enable (clear A/I/F), 11 = disable; M (17) changes mode. NOP at PL0. */
    static void cps(CortexA7 c, int i) {
        if (!c.privileged()) return;
        int imod = (i >>> 18) & 3;
        int cpsr = c.cpsr();
        int bits = i & 0x1c0;
        if (imod == 2) cpsr &= ~bits;
        else if (imod == 3) cpsr |= bits;
        c.setMasks(cpsr);
        if ((i & (1 << 17)) != 0 && ArmMode.valid(i & 0x1f)) c.changeMode(i & 0x1f);
    }

    /** SRS: store LR and SPSR of the current mode to the stack of the mode in bits 4:0. */
    static void srs(CortexA7 c, int i) {
        int mode = i & 0x1f;
        if (!c.privileged() || !hasSpsr(c.mode) || !ArmMode.valid(mode)) { c.undefined(i); return; }
        int sp = c.bankedRead(mode, 13);
        int addr = start(i, sp);
        c.st32Aligned(addr, c.r[14]);
        c.st32Aligned(addr + 4, c.spsr[c.mode]);
        if ((i & (1 << 21)) != 0) c.bankedWrite(mode, 13, (i & (1 << 23)) != 0 ? sp + 8 : sp - 8);
    }

    /** RFE: load PC and CPSR from memory. */
    static void rfe(CortexA7 c, int i) {
        if (!c.privileged()) { c.undefined(i); return; }
        int rn = (i >>> 16) & 15;
        int base = c.r[rn];
        int addr = start(i, base);
        int newPc = c.ld32Aligned(addr), newCpsr = c.ld32Aligned(addr + 4);
        if ((i & (1 << 21)) != 0) c.r[rn] = (i & (1 << 23)) != 0 ? base + 8 : base - 8;
        c.setCpsr(newCpsr);
        c.nextPc = c.thumb ? newPc & ~1 : newPc & ~3;
    }

    /** Start address of a two-word SRS/RFE transfer (DA, IA, DB, IB by P and U). */
    private static int start(int i, int base) {
        boolean p = (i & (1 << 24)) != 0, u = (i & (1 << 23)) != 0;
        if (u) return p ? base + 4 : base;
        return p ? base - 8 : base - 4;
    }

    // ---- hints, barriers, exception generation ----

    /** NOP, YIELD, WFE, WFI, SEV, DBG (MSR-immediate space with mask 0). */
    static void hint(CortexA7 c, int i) {
        c.hint(i & 0xff);
    }

    static void nop(CortexA7 c, int i) {
        // barriers and preload hints: memory is sequentially consistent and uncached here
    }

    static void clrex(CortexA7 c, int i) {
        c.clearExclusive();
    }

    static void svc(CortexA7 c, int i) {
        c.supervisorCall();
    }

    static void bkpt(CortexA7 c, int i) {
        c.breakpoint();
    }

    static void smc(CortexA7 c, int i) {
        c.smc(i);
    }

    static void undefined(CortexA7 c, int i) {
        c.undefined(i);
    }

    // ---- coprocessors ----

    /** MCR/MRC: p15 system control, p14 debug ID; p10/p11 are the VFP (see Vfp). */
    static void mcrMrc(CortexA7 c, int i) {
        int cp = (i >>> 8) & 15, opc1 = (i >>> 21) & 7, crn = (i >>> 16) & 15, rt = (i >>> 12) & 15;
        int opc2 = (i >>> 5) & 7, crm = i & 15;
        boolean read = (i & (1 << 20)) != 0;
        boolean ok;
        if (cp == 15) ok = read ? c.cp15Read(opc1, crn, crm, opc2, rt) : c.cp15Write(opc1, crn, crm, opc2, c.r[rt]);
        else if (cp == 14 && opc1 == 6) ok = thumbEe(c, read, crn, crm, opc2, rt);
        else if (cp == 14) ok = read && debugRead(c, opc1, crn, crm, opc2, rt);
        else ok = false;
        if (!ok) c.undefined(i);
    }

    /**
     * CP14 opc1 = 6: the ThumbEE registers TEECR (c0) and TEEHBR (c1). ID_PFR0 advertises ThumbEE,
     * as the Cortex-A7 does, and Linux saves and restores TEEHBR on every context switch; the
     * ThumbEE state itself (ENTERX) stays undefined.
     */
    private static boolean thumbEe(CortexA7 c, boolean read, int crn, int crm, int opc2, int rt) {
        if (crm != 0 || opc2 != 0 || crn > 1 || rt == 15) return false;
        if (read) c.r[rt] = crn == 0 ? c.teecr : c.teehbr;
        else if (crn == 0) c.teecr = c.r[rt] & 1;
        else c.teehbr = c.r[rt] & ~3;
        return true;
    }

    /** CP14 debug registers: only DBGDIDR and DBGDSCRint, which Linux reads to size its breakpoints. */
    private static boolean debugRead(CortexA7 c, int opc1, int crn, int crm, int opc2, int rt) {
        if (opc1 != 0 || crn != 0 || opc2 != 0) return false;
        int v;
        if (crm == 0) v = 0x3515f005;      // DBGDIDR: 4 watchpoints, 6 breakpoints, v7.1 debug
        else if (crm == 1) v = 0;          // DBGDSCRint: no debug modes enabled
        else return false;
        if (rt == 15) c.setNzcv(v);
        else c.r[rt] = v;
        return true;
    }

    /** MCRR/MRRC p15 (64-bit registers). */
    static void mcrrMrrc(CortexA7 c, int i) {
        int cp = (i >>> 8) & 15, opc1 = (i >>> 4) & 15, crm = i & 15;
        int rt = (i >>> 12) & 15, rt2 = (i >>> 16) & 15;
        boolean ok = false;
        if (cp == 15) {
            if ((i & (1 << 20)) != 0) ok = c.cp15Read64(opc1, crm, rt, rt2);
            else ok = c.cp15Write64(opc1, crm, (c.r[rt] & 0xffffffffL) | ((long) c.r[rt2] << 32));
        }
        if (!ok) c.undefined(i);
    }
}
