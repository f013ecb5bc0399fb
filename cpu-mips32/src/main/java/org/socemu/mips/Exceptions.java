package org.socemu.mips;

/**
 * Every way into an exception handler, in one place: the MIPS32 PRA "General Exception
 * Processing" rules for EPC, Cause.BD, Status.EXL, BadVAddr/Context/EntryHi on address and TLB
 * faults, the vector selection (BEV, EBase, refill vs. general vs. interrupt, vectored
 * interrupts), and the EJTAG debug exception SDBBP enters.
 */
final class Exceptions {
    // Cause.ExcCode values
    static final int INT = 0, MOD = 1, TLBL = 2, TLBS = 3, ADEL = 4, ADES = 5, IBE = 6, DBE = 7, SYS = 8,
            BP = 9, RI = 10, CPU = 11, OV = 12, TR = 13;

    private static final int BEV_BASE = 0xBFC00200;
    private static final int REFILL = 0x000, GENERAL = 0x180, INTERRUPT = 0x200;
    /** Debug exception vector when EJTAG ProbEn = 0. */
    static final int DEBUG_VECTOR = 0xBFC00480;

    private final Mips24k cpu;
    private final Cp0 cp0;

    Exceptions(Mips24k cpu, Cp0 cp0) {
        this.cpu = cpu;
        this.cp0 = cp0;
    }

    /** Takes exception {@code code} on the current instruction; does not return. */
    GuestTrap raise(int code) {
        enter(code, GENERAL);
        throw GuestTrap.INSTANCE;
    }

    GuestTrap coprocessorUnusable(int unit) {
        cp0.cause = (cp0.cause & ~Cp0.CA_CE) | (unit << 28);
        return raise(CPU);
    }

    GuestTrap addressError(int va, boolean store) {
        cp0.badVAddr = va;
        return raise(store ? ADES : ADEL);
    }

    GuestTrap busError(boolean fetch) {
        return raise(fetch ? IBE : DBE);
    }

    /**
     * TLB refill (no matching entry) or invalid (entry with V = 0) on {@code va}. Refills go to
     * the refill vector unless EXL is already set (a miss inside the refill handler, for instance
     * on the page table in kseg2), in which case they take the general vector.
     */
    GuestTrap tlbFault(int va, boolean store, boolean refill) {
        tlbRegisters(va);
        boolean exl = (cp0.status & Cp0.ST_EXL) != 0;
        enter(store ? TLBS : TLBL, refill && !exl ? REFILL : GENERAL);
        throw GuestTrap.INSTANCE;
    }

    GuestTrap tlbModified(int va) {
        tlbRegisters(va);
        return raise(MOD);
    }

    private void tlbRegisters(int va) {
        cp0.badVAddr = va;
        cp0.context = (cp0.context & 0xFF800000) | ((va >>> 9) & 0x007FFFF0);
        cp0.entryHi = (va & 0xFFFFE000) | (cp0.entryHi & 0xFF);
    }

    /** Interrupt entry between instructions; the instruction at the current PC has not run. */
    void interrupt() {
        int pending = cp0.pendingUnmasked();
        int offset = GENERAL;
        if ((cp0.cause & Cp0.CA_IV) != 0) {
            offset = INTERRUPT;
            int vs = (cp0.intCtl >>> 5) & 0x1F;
            if ((cp0.config.config3() & MipsConfig.CONFIG3_VINT) != 0 && vs != 0 && (cp0.status & Cp0.ST_BEV) == 0) {
                int vecNum = 31 - Integer.numberOfLeadingZeros(pending >>> 8); // highest pending line
                offset += vecNum * (vs << 5);
            }
        }
        enter(INT, offset);
    }

    private void enter(int code, int offset) {
        int status = cp0.status;
        if ((status & Cp0.ST_EXL) == 0) {
            boolean bd = cpu.faultInDelaySlot();
            int pc = cpu.faultPc();
            cp0.epc = bd ? pc - 4 : pc;
            cp0.cause = bd ? cp0.cause | Cp0.CA_BD : cp0.cause & ~Cp0.CA_BD;
        }
        cp0.setExcCode(code);
        cp0.setStatus(status | Cp0.ST_EXL);
        // BEV = 1: the vectors sit in the boot ROM at 0xBFC00200 + offset (refill at 0xBFC00200).
        int vector = (status & Cp0.ST_BEV) != 0 ? BEV_BASE + offset : (cp0.ebase & 0xFFFFF000) + offset;
        cpu.redirectAfterException(vector);
        if (cpu.trace.exc)
            cpu.trace.out.printf("%s: exception %d at epc=%08x -> %08x cause=%08x badvaddr=%08x%n", cpu.id(), code,
                    cp0.epc, vector, cp0.cause(), cp0.badVAddr);
    }

    /** SDBBP: the EJTAG debug exception (no probe: the vector in the boot ROM). */
    GuestTrap debugBreakpoint() {
        boolean bd = cpu.faultInDelaySlot();
        int pc = cpu.faultPc();
        cp0.depc = bd ? pc - 4 : pc;
        cp0.debug = (cp0.debug & ~(Cp0.DBG_DBD | 0x3F)) | (bd ? Cp0.DBG_DBD : 0) | Cp0.DBG_DM | Cp0.DBG_DBP;
        cpu.mmu.modeChanged();
        cpu.redirectAfterException(DEBUG_VECTOR);
        throw GuestTrap.INSTANCE;
    }
}
