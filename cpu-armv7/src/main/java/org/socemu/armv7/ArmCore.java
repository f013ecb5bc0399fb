package org.socemu.armv7;

/**
 * Architectural state and behaviour shared by every ARMv7 profile: the A-profile Cortex-A7 and the
 * M-profile Cortex-M4 both extend this class, so that instruction semantics ({@link ArmAlu}) and
 * the Thumb-2 decoder are written once.
 *
 * <p>Fields are public because instruction handlers of both profiles (in different packages) touch
 * them on the hot path; methods that differ between profiles are abstract.
 */
public abstract class ArmCore {
    /** r0-r15 of the current mode. r[15] reads as the current instruction's address + 8 (A32) / + 4 (T32). */
    public final int[] r = new int[16];
    /** Condition flags and the sticky saturation flag, unpacked for speed. */
    public boolean n, z, c, v, q;
    /** GE[3:0] of the SIMD media instructions. */
    public int ge;
    /** Shifter carry-out of the last operand-2 computation. */
    public boolean shc;
    /** Execution state: true in Thumb state. */
    public boolean thumb;
    /** IT block state ITSTATE[7:0] (0 when not in an IT block). */
    public int itState;
    /** Address of the instruction being executed. */
    public int pc;
    /** Where execution continues after the current instruction (handlers that branch set it). */
    public int nextPc;

    // ---- floating point (VFPv4-D32 on the A7; the M4's FPv4-SP uses d0-d15) ----

    /** D0-D31; S(2n) is the low half of D(n), S(2n+1) the high half. */
    public final long[] d = new long[32];
    /** FPSCR: N Z C V (31:28), QC (27), AHP (26), DN (25), FZ (24), RMode (23:22), cumulative exception flags (7, 4:0); see FpRules. */
    public int fpscr;

    /** True if the floating-point unit may be used now (CPACR, FPEXC.EN); otherwise the instruction is UNDEFINED. */
    public abstract boolean fpEnabled();

    /** VMRS of a system register other than FPSCR (FPSID, MVFR0/1, FPEXC); -1 if it does not exist. */
    public abstract long fpSystemRead(int reg);

    /** VMSR of a system register other than FPSCR; false if it does not exist or may not be written. */
    public abstract boolean fpSystemWrite(int reg, int value);

    // ---- memory, as the profile sees it (MMU or MPU, alignment rules); aborts are taken inside ----

    public abstract int ld32(int va);
    public abstract int ld16(int va);
    public abstract int ld8(int va);
    public abstract void st32(int va, int value);
    public abstract void st16(int va, int value);
    public abstract void st8(int va, int value);
    /** Word access that must be word-aligned (LDM/STM, LDRD/STRD, exclusives) . */
    public abstract int ld32Aligned(int va);
    public abstract void st32Aligned(int va, int value);
    /** Unprivileged accesses (LDRT/STRT and friends). */
    public abstract int ldUser(int va, int size);
    public abstract void stUser(int va, int size, int value);

    // ---- exclusive monitor (local; cleared by the scheduler on a core switch) ----
    public long exclusiveAddr = -1;
    public int exclusiveSize;

    public final void markExclusive(int va, int size) {
        exclusiveAddr = va & 0xffffffffL;
        exclusiveSize = size;
    }

    /** True if a store-exclusive to {@code va} may go ahead; the monitor is cleared either way. */
    public final boolean checkExclusive(int va, int size) {
        boolean ok = exclusiveAddr == (va & 0xffffffffL) && exclusiveSize == size;
        exclusiveAddr = -1;
        return ok;
    }

    /** Width in bytes of the Thumb instruction being executed (2 or 4); return addresses need it. */
    public int insnWidth = 4;

    // ---- control flow ----

    /**
     * Executes one decoded Thumb instruction at {@code pc}: condition from ITSTATE, PC reads as
     * pc + 4, then ITAdvance (unless the instruction itself changed ITSTATE: IT, an exception).
     */
    public final void execThumb(ThumbOp op, int insn, int pc, int width) {
        nextPc = pc + width;
        insnWidth = width;
        int it = itState;
        if (it == 0) {
            r[15] = pc + 4;
            op.exec(this, insn);
        } else {
            if (condPass(it >>> 4)) {
                r[15] = pc + 4;
                op.exec(this, insn);
            }
            if (itState == it) itState = (it & 7) == 0 ? 0 : (it & 0xe0) | ((it << 1) & 0x1f);
        }
        this.pc = nextPc;
    }

    /** True inside an IT block (the T32 "InITBlock()"). */
    public final boolean inItBlock() {
        return itState != 0;
    }

    /** BranchWritePC: stays in the current instruction set. */
    public final void branchTo(int addr) {
        nextPc = thumb ? addr & ~1 : addr & ~3;
    }

    /** BXWritePC: bit 0 selects Thumb. */
    public void bxWritePc(int addr) {
        if ((addr & 1) != 0) {
            thumb = true;
            nextPc = addr & ~1;
        } else {
            thumb = false;
            nextPc = addr & ~3;
        }
    }

    /** LoadWritePC (ARMv5 and later: interworking). */
    public final void loadWritePc(int addr) {
        bxWritePc(addr);
    }

    /** ALUWritePC: interworking in ARM state, a plain branch in Thumb state. */
    public final void aluWritePc(int addr) {
        if (thumb) branchTo(addr);
        else bxWritePc(addr);
    }

    /** Writes a data-processing result; {@code rd == 15} branches. */
    public final void writeReg(int rd, int value) {
        if (rd == 15) aluWritePc(value);
        else r[rd] = value;
    }

    // ---- exceptions the shared semantics may raise ----

    /** An UNDEFINED encoding (or an unimplemented one: logged by the profile). */
    public abstract void undefined(int insn);

    /** A32 "S" forms with Rd = PC: CPSR = SPSR and branch (A profile); unpredictable on M. */
    public abstract void exceptionReturn(int addr);

    public abstract boolean privileged();

    // ---- profile-specific parts of the Thumb instruction set (A: CortexA7; M: the Cortex-M4) ----

    /** SVC #imm (both instruction sets). */
    public abstract void supervisorCall();

    /** BKPT #imm. */
    public abstract void breakpoint();

    /** NOP, YIELD, WFE, WFI, SEV: the hint number of the encoding. */
    public abstract void hint(int op);

    /**
     * T32 system instructions whose meaning differs between profiles: MSR, MRS, CPS (16- and 32-bit,
     * the 16-bit one as its halfword), SUBS PC, LR, SMC, BXJ, SRS and RFE.
     */
    public abstract void thumbSystem(int insn);

    /** T32 coprocessor, VFP and Advanced SIMD space (hw1 = 111x 11xx). */
    public abstract void thumbCoprocessor(int insn);

    /** CLREX. */
    public final void clrex() {
        exclusiveAddr = -1;
    }

    // ---- flags ----

    public final void setNZ(int res) {
        n = res < 0;
        z = res == 0;
    }

    public final int nzcv() {
        return (n ? 1 << 31 : 0) | (z ? 1 << 30 : 0) | (c ? 1 << 29 : 0) | (v ? 1 << 28 : 0);
    }

    public final void setNzcv(int bits) {
        n = (bits & (1 << 31)) != 0;
        z = (bits & (1 << 30)) != 0;
        c = (bits & (1 << 29)) != 0;
        v = (bits & (1 << 28)) != 0;
    }

    /** ConditionPassed for a 4-bit condition code. */
    public final boolean condPass(int cond) {
        boolean p;
        switch (cond >>> 1) {
            case 0: p = z; break;
            case 1: p = c; break;
            case 2: p = n; break;
            case 3: p = v; break;
            case 4: p = c && !z; break;
            case 5: p = n == v; break;
            case 6: p = !z && n == v; break;
            default: return true; // AL (and 0b1111 where it reaches here)
        }
        return ((cond & 1) != 0) != p;
    }
}
