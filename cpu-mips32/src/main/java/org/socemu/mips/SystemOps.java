package org.socemu.mips;

import static org.socemu.mips.Fields.*;

/**
 * Privileged and system instructions: CP0 moves, DI/EI, the TLB instructions, ERET/DERET, WAIT,
 * CACHE, SYNCI and RDHWR. CP0 instructions outside kernel mode need Status.CU0, otherwise they
 * raise Coprocessor Unusable (CE = 0).
 */
final class SystemOps {
    /** Line size the 24Kc reports to RDHWR $1 (SYNCI_Step). */
    static final int SYNCI_STEP = 32;

    private SystemOps() {}

    private static void requireCp0(Mips24k c) {
        if (!c.cp0.kernelMode() && (c.cp0.status & Cp0.ST_CU0) == 0) throw c.exc.coprocessorUnusable(0);
    }

    static int coprocessorOf(int insn) {
        int opcode = insn >>> 26;
        return opcode == 0 || opcode == 0x13 ? 1 : opcode & 3; // MOVCI and COP1X belong to the FPU
    }

    static void mfc0(Mips24k c, int i) {
        requireCp0(c);
        c.set(rt(i), c.cp0.read(rd(i), sel(i)));
    }

    static void mtc0(Mips24k c, int i) {
        requireCp0(c);
        c.cp0.write(rd(i), sel(i), c.r[rt(i)]);
    }

    static void setInterruptEnable(Mips24k c, int i, boolean enable) {
        requireCp0(c);
        int old = c.cp0.status;
        c.set(rt(i), old);
        c.cp0.setStatus(enable ? old | Cp0.ST_IE : old & ~Cp0.ST_IE);
    }

    /** RDPGPR/WRPGPR: without shadow register sets the previous set is the current one. */
    static void shadowMove(Mips24k c, int i) {
        requireCp0(c);
        c.set(rd(i), c.r[rt(i)]);
    }

    static void tlbr(Mips24k c) {
        requireCp0(c);
        int oldAsid = c.cp0.asid();
        c.tlb.read(c.cp0, c.cp0.index & 0x7FFFFFFF);
        if (c.cp0.asid() != oldAsid) c.mmu.asidChanged();
    }

    static void tlbwi(Mips24k c) {
        requireCp0(c);
        int i = (c.cp0.index & 0x7FFFFFFF) % c.tlb.size();
        c.mmu.entryReplaced(i);
        c.tlb.write(c.cp0, i);
    }

    static void tlbwr(Mips24k c) {
        requireCp0(c);
        int i = c.cp0.random();
        c.mmu.entryReplaced(i);
        c.tlb.write(c.cp0, i);
    }

    static void tlbp(Mips24k c) {
        requireCp0(c);
        c.tlb.probe(c.cp0);
    }

    /** ERET: back to ErrorEPC (ERL) or EPC (EXL), clearing that bit and the LL link bit; no delay slot. */
    static void eret(Mips24k c) {
        requireCp0(c);
        Cp0 cp0 = c.cp0;
        int target;
        if ((cp0.status & Cp0.ST_ERL) != 0) {
            target = cp0.errorEpc;
            cp0.setStatus(cp0.status & ~Cp0.ST_ERL);
        } else {
            target = cp0.epc;
            cp0.setStatus(cp0.status & ~Cp0.ST_EXL);
        }
        c.llBit = false;
        c.redirect(target);
    }

    /** DERET: leave debug mode to DEPC. */
    static void deret(Mips24k c) {
        requireCp0(c);
        c.cp0.debug &= ~(Cp0.DBG_DM | Cp0.DBG_DBD);
        c.mmu.modeChanged();
        c.redirect(c.cp0.depc);
    }

    static void waitForInterrupt(Mips24k c) {
        requireCp0(c);
        c.redirect(c.currentPc() + 4);
        c.waiting = true;
        // Status.IM all clear: no interrupt can ever end this WAIT. Linux's machine_halt and
        // machine_power_off end so on boards without a power switch; the board decides what that means.
        if ((c.cp0.status & 0xFF00) == 0 && c.haltHandler != null) c.haltHandler.run();
    }

    /**
     * CACHE: we model no caches, so data and secondary cache ops do nothing. Instruction cache ops
     * drop decoded blocks: hit ops those of the addressed page (translating it, which may fault as
     * on real hardware), index ops all of them.
     */
    static void cache(Mips24k c, int i) {
        requireCp0(c);
        int op = rt(i);
        if ((op & 3) != 0) return; // D, T and S caches
        int va = c.r[rs(i)] + simm(i);
        int operation = op >>> 2;
        if (operation == 0 || operation == 1 || operation == 2 || operation == 3) c.blocks.flush();
        else c.blocks.invalidatePhys(c.mmu.probeData(va));
    }

    /** SYNCI: make instruction fetch see stores to this address (user-mode legal). */
    static void synci(Mips24k c, int i) {
        int va = c.r[rs(i)] + simm(i);
        c.blocks.invalidatePhys(c.mmu.probeData(va));
    }

    /** RDHWR: hardware registers 0-3 (and 29 with Config3.ULRI), in user mode only when HWREna allows. */
    static void rdhwr(Mips24k c, int i) {
        int reg = rd(i);
        Cp0 cp0 = c.cp0;
        boolean implemented = reg <= 3 || (reg == 29 && (cp0.config.config3() & MipsConfig.CONFIG3_ULRI) != 0);
        if (!implemented || (!cp0.kernelMode() && (cp0.hwrEna & (1 << reg)) == 0)) throw c.exc.raise(Exceptions.RI);
        int v = switch (reg) {
            case 0 -> cp0.ebase & 0x3FF;   // CPUNum
            case 1 -> SYNCI_STEP;
            case 2 -> cp0.count();         // CC
            case 3 -> 2;                   // CCRes: Count ticks every second cycle
            default -> cp0.userLocal;      // 29: UserLocal
        };
        c.set(rt(i), v);
    }
}
