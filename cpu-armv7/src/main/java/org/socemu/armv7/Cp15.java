package org.socemu.armv7;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system control coprocessor as a Cortex-A7 MPCore r0p5 reports it (Cortex-A7 TRM, chapter 4).
 * Every register is declared once in {@link #declare} with its (CRn, opc1, CRm, opc2) coordinates
 * and its architectural name. Cache maintenance is a no-op (caches are not modelled); TLB
 * maintenance flushes the core's soft TLBs.
 */
final class Cp15 {
    private static final Logger log = LoggerFactory.getLogger(Cp15.class);

    static final int SCTLR_M = 1, SCTLR_A = 1 << 1, SCTLR_C = 1 << 2, SCTLR_SW = 1 << 10, SCTLR_Z = 1 << 11,
            SCTLR_I = 1 << 12, SCTLR_V = 1 << 13, SCTLR_WXN = 1 << 19, SCTLR_UWXN = 1 << 20,
            SCTLR_EE = 1 << 25, SCTLR_TRE = 1 << 28, SCTLR_AFE = 1 << 29, SCTLR_TE = 1 << 30;
    static final int TTBCR_EAE = 1 << 31;
    /** T0SZ/N, PD0/PD1, EPD0, IRGN0/ORGN0/SH0, T1SZ, A1, EPD1, IRGN1/ORGN1/SH1, EAE. */
    static final int TTBCR_WRITABLE = 0x7 | 0x30 | 0x80 | 0x3f00 | 0x70000 | 0x3fc00000 | TTBCR_EAE;

    static final int MIDR = 0x410fc075;
    /** SCTLR reset value: MMU, caches off; bits RES1 of the A7 set. */
    static final int SCTLR_RESET = 0x00c50078;

    /** One coprocessor register: how it reads and writes, and whether PL0 may touch it. */
    static final class Reg {
        final String name;
        IntSupplier read;
        IntConsumer write;
        boolean pl0Read, pl0Write;

        Reg(String name) {
            this.name = name;
        }
    }

    private final CortexA7 cpu;
    private final Map<Integer, Reg> regs = new HashMap<>();

    int sctlr, actlr, cpacr, scr, nsacr;
    int ttbr0, ttbr1, ttbr0Hi, ttbr1Hi, ttbcr, dacr;
    int dfsr, ifsr, adfsr, aifsr, dfar, ifar, par, parHi;
    int prrr, nmrr, amair0, amair1, vbar, mvbar, contextidr, tpidrurw, tpidruro, tpidrprw;
    int csselr;
    final int mpidr;
    final int cbar;

    Cp15(CortexA7 cpu, int cpuIndex, int cluster, int cbar) {
        this.cpu = cpu;
        this.mpidr = 0x80000000 | (cluster << 8) | cpuIndex;
        this.cbar = cbar;
        declare();
        reset();
    }

    void reset() {
        sctlr = SCTLR_RESET;
        actlr = cpacr = scr = nsacr = 0;
        ttbr0 = ttbr1 = ttbr0Hi = ttbr1Hi = ttbcr = dacr = 0;
        dfsr = ifsr = adfsr = aifsr = dfar = ifar = par = parHi = 0;
        prrr = 0x000a81a8;
        nmrr = 0x44e048e0;
        amair0 = amair1 = vbar = mvbar = contextidr = tpidrurw = tpidruro = tpidrprw = csselr = 0;
    }

    private static int key(int crn, int opc1, int crm, int opc2) {
        return (crn << 12) | (opc1 << 8) | (crm << 4) | opc2;
    }

    private Reg reg(int crn, int opc1, int crm, int opc2, String name) {
        Reg r = new Reg(name);
        regs.put(key(crn, opc1, crm, opc2), r);
        return r;
    }

    private void constant(int crn, int opc1, int crm, int opc2, String name, int value) {
        reg(crn, opc1, crm, opc2, name).read = () -> value;
    }

    private void rw(int crn, int opc1, int crm, int opc2, String name, IntSupplier get, IntConsumer set) {
        Reg r = reg(crn, opc1, crm, opc2, name);
        r.read = get;
        r.write = set;
    }

    /** A write-only operation (cache, TLB, barrier). */
    private void op(int crn, int opc1, int crm, int opc2, String name, IntConsumer action) {
        reg(crn, opc1, crm, opc2, name).write = action;
    }

    private void declare() {
        // c0: identification (Cortex-A7 TRM table 4-2)
        constant(0, 0, 0, 0, "MIDR", MIDR);
        constant(0, 0, 0, 1, "CTR", 0x84448003);
        constant(0, 0, 0, 2, "TCMTR", 0);
        constant(0, 0, 0, 3, "TLBTR", 0);
        reg(0, 0, 0, 5, "MPIDR").read = () -> mpidr;
        constant(0, 0, 0, 6, "REVIDR", 0);
        constant(0, 0, 0, 4, "MIDR(alias)", MIDR);
        constant(0, 0, 0, 7, "MIDR(alias)", MIDR);
        constant(0, 0, 1, 0, "ID_PFR0", 0x00001131);
        constant(0, 0, 1, 1, "ID_PFR1", 0x00011011);
        constant(0, 0, 1, 2, "ID_DFR0", 0x02010555);
        constant(0, 0, 1, 3, "ID_AFR0", 0);
        constant(0, 0, 1, 4, "ID_MMFR0", 0x10101105);
        constant(0, 0, 1, 5, "ID_MMFR1", 0x40000000);
        constant(0, 0, 1, 6, "ID_MMFR2", 0x01240000);
        constant(0, 0, 1, 7, "ID_MMFR3", 0x02102211);
        constant(0, 0, 2, 0, "ID_ISAR0", 0x02101110); // TRM table 4-41: with the ARM-state divide
        constant(0, 0, 2, 1, "ID_ISAR1", 0x13112111);
        constant(0, 0, 2, 2, "ID_ISAR2", 0x21232041);
        constant(0, 0, 2, 3, "ID_ISAR3", 0x11112131);
        constant(0, 0, 2, 4, "ID_ISAR4", 0x10011142);
        constant(0, 0, 2, 5, "ID_ISAR5", 0);
        reg(0, 1, 0, 0, "CCSIDR").read = this::ccsidr;
        constant(0, 1, 0, 1, "CLIDR", 0x0a200023);
        constant(0, 1, 0, 7, "AIDR", 0);
        rw(0, 2, 0, 0, "CSSELR", () -> csselr, v -> csselr = v & 0xf);
        // c1: system control
        rw(1, 0, 0, 0, "SCTLR", () -> sctlr, this::writeSctlr);
        rw(1, 0, 0, 1, "ACTLR", () -> actlr, v -> actlr = v & 0x00007fff);
        // CPACR: cp10/cp11 access, and ASEDIS (bit 31: Advanced SIMD-only instructions UNDEFINED);
        // D32DIS reads as zero (D16-D31 are always accessible on this core)
        rw(1, 0, 0, 2, "CPACR", () -> cpacr, v -> cpacr = v & 0x80f00000);
        rw(1, 0, 1, 0, "SCR", () -> scr, v -> scr = v & 0x3ff);
        constant(1, 0, 1, 1, "SDER", 0);
        rw(1, 0, 1, 2, "NSACR", () -> nsacr, v -> nsacr = v & 0x000c0c00);
        // c2, c3: translation table control
        rw(2, 0, 0, 0, "TTBR0", () -> ttbr0, v -> { ttbr0 = v; cpu.flushTlb(); });
        rw(2, 0, 0, 1, "TTBR1", () -> ttbr1, v -> { ttbr1 = v; cpu.flushTlb(); });
        rw(2, 0, 0, 2, "TTBCR", () -> ttbcr, v -> { ttbcr = v & TTBCR_WRITABLE; cpu.flushTlb(); });
        rw(3, 0, 0, 0, "DACR", () -> dacr, v -> { dacr = v; cpu.dacrChanged(v); });
        // c5, c6: fault status and address
        rw(5, 0, 0, 0, "DFSR", () -> dfsr, v -> dfsr = v);
        rw(5, 0, 0, 1, "IFSR", () -> ifsr, v -> ifsr = v);
        rw(5, 0, 1, 0, "ADFSR", () -> adfsr, v -> adfsr = v);
        rw(5, 0, 1, 1, "AIFSR", () -> aifsr, v -> aifsr = v);
        rw(6, 0, 0, 0, "DFAR", () -> dfar, v -> dfar = v);
        rw(6, 0, 0, 2, "IFAR", () -> ifar, v -> ifar = v);
        // c7: cache maintenance (no caches modelled), address translation, barriers
        IntConsumer nothing = v -> {};
        op(7, 0, 0, 4, "NOP(WFI)", v -> cpu.waitForInterrupt());
        op(7, 0, 1, 0, "ICIALLUIS", nothing);
        op(7, 0, 1, 6, "BPIALLIS", nothing);
        rw(7, 0, 4, 0, "PAR", () -> par, v -> par = v);
        op(7, 0, 5, 0, "ICIALLU", nothing);
        op(7, 0, 5, 1, "ICIMVAU", nothing);
        op(7, 0, 5, 4, "CP15ISB", nothing);
        op(7, 0, 5, 6, "BPIALL", nothing);
        op(7, 0, 5, 7, "BPIMVA", nothing);
        op(7, 0, 6, 1, "DCIMVAC", nothing);
        op(7, 0, 6, 2, "DCISW", nothing);
        op(7, 0, 8, 0, "ATS1CPR", v -> ats(v, ShortMmu.READ, false));
        op(7, 0, 8, 1, "ATS1CPW", v -> ats(v, ShortMmu.WRITE, false));
        op(7, 0, 8, 2, "ATS1CUR", v -> ats(v, ShortMmu.READ, true));
        op(7, 0, 8, 3, "ATS1CUW", v -> ats(v, ShortMmu.WRITE, true));
        op(7, 0, 10, 1, "DCCMVAC", nothing);
        op(7, 0, 10, 2, "DCCSW", nothing);
        op(7, 0, 10, 4, "CP15DSB", nothing);
        op(7, 0, 10, 5, "CP15DMB", nothing);
        op(7, 0, 11, 1, "DCCMVAU", nothing);
        op(7, 0, 14, 1, "DCCIMVAC", nothing);
        op(7, 0, 14, 2, "DCCISW", nothing);
        // c8: TLB maintenance. opc2 0 (all) and 2 (by ASID) flush the whole soft TLB, whose
        // entries carry no ASID; 1 (by MVA and ASID) and 3 (by MVA, all ASIDs) drop the one
        // translation, which Linux issues for every page it unmaps or changes. CRm 3 are the
        // Inner Shareable forms, which SMP Linux uses instead of IPIs: they act on every core of
        // the shareability domain. CRm 5, 6 and 7 are the instruction, data and unified forms.
        op(8, 0, 3, 0, "TLBIALLIS", v -> cpu.flushTlbInnerShareable());
        op(8, 0, 3, 1, "TLBIMVAIS", cpu::flushTlbByAddressInnerShareable);
        op(8, 0, 3, 2, "TLBIASIDIS", v -> cpu.flushTlbInnerShareable());
        op(8, 0, 3, 3, "TLBIMVAAIS", cpu::flushTlbByAddressInnerShareable);
        for (int crm : new int[] {5, 6, 7}) {
            op(8, 0, crm, 0, "TLBIALL", v -> cpu.flushTlb());
            op(8, 0, crm, 1, "TLBIMVA", cpu::flushTlbByAddress);
            op(8, 0, crm, 2, "TLBIASID", v -> cpu.flushTlb());
            op(8, 0, crm, 3, "TLBIMVAA", cpu::flushTlbByAddress);
        }
        // c9: L2 control, PMU
        rw(9, 1, 0, 2, "L2CTLR", () -> 0x01000000 | ((cpu.clusterCores() - 1) << 24), nothing);
        rw(9, 1, 0, 3, "L2ECTLR", () -> 0, nothing);
        cpu.pmu().declare(this);
        // c10: memory attributes
        rw(10, 0, 2, 0, "PRRR", () -> prrr, v -> prrr = v);
        rw(10, 0, 2, 1, "NMRR", () -> nmrr, v -> nmrr = v);
        rw(10, 0, 3, 0, "AMAIR0", () -> amair0, v -> amair0 = v);
        rw(10, 0, 3, 1, "AMAIR1", () -> amair1, v -> amair1 = v);
        // c12: vectors, interrupt status
        rw(12, 0, 0, 0, "VBAR", () -> vbar, v -> vbar = v & ~0x1f);
        rw(12, 0, 0, 1, "MVBAR", () -> mvbar, v -> mvbar = v & ~0x1f);
        reg(12, 0, 1, 0, "ISR").read = cpu::isr;
        // c13: process, context and thread ID
        constant(13, 0, 0, 0, "FCSEIDR", 0);
        rw(13, 0, 0, 1, "CONTEXTIDR", () -> contextidr, v -> { contextidr = v; cpu.flushTlb(); });
        Reg urw = reg(13, 0, 0, 2, "TPIDRURW");
        urw.read = () -> tpidrurw;
        urw.write = v -> tpidrurw = v;
        urw.pl0Read = urw.pl0Write = true;
        Reg uro = reg(13, 0, 0, 3, "TPIDRURO");
        uro.read = () -> tpidruro;
        uro.write = v -> tpidruro = v;
        uro.pl0Read = true;
        rw(13, 0, 0, 4, "TPIDRPRW", () -> tpidrprw, v -> tpidrprw = v);
        // c14: generic timer
        cpu.timer().declare(this);
        // c15: implementation defined
        constant(15, 4, 0, 0, "CBAR", cbar);
    }

    /** Registration hook for the timer and the PMU, which declare their own c14 / c9 registers. */
    Reg declareReg(int crn, int opc1, int crm, int opc2, String name, IntSupplier get, IntConsumer set) {
        Reg r = reg(crn, opc1, crm, opc2, name);
        r.read = get;
        r.write = set;
        return r;
    }

    private int ccsidr() {
        switch (csselr) {
            case 0: return 0x700fe01a; // L1 D: 32 KiB, 4-way, 64-byte lines (128 sets), WB/RA/WA
            case 1: return 0x203fe009; // L1 I: 32 KiB, 2-way, 32-byte lines (512 sets), RA
            case 2: return 0x707fe03a; // L2: 512 KiB, 8-way, 64-byte lines (1024 sets), WB/RA/WA
            default: return 0;
        }
    }

    private void writeSctlr(int v) {
        // Writable bits of the A7 (TRM 4.3.27); the rest are RES0/RES1 as at reset.
        int mask = SCTLR_M | SCTLR_A | SCTLR_C | SCTLR_SW | SCTLR_Z | SCTLR_I | SCTLR_V | SCTLR_WXN | SCTLR_UWXN
                | SCTLR_EE | SCTLR_TRE | SCTLR_AFE | SCTLR_TE | (1 << 5) | (1 << 14);
        sctlr = (sctlr & ~mask) | (v & mask);
        cpu.flushTlb();
    }

    /** Address translation operations: the result lands in PAR (short-descriptor format). */
    private void ats(int va, int kind, boolean user) {
        long pa = cpu.mmu().translate(va, kind, user);
        if (pa < 0) {
            int fs = cpu.mmu().faultStatus;
            par = 1 | ((fs & 0xf) << 1) | ((fs & 0x10) << 2);
        } else {
            par = (int) (pa & 0xfffff000L);
        }
    }

    Reg find(int crn, int opc1, int crm, int opc2) {
        return regs.get(key(crn, opc1, crm, opc2));
    }

    private final java.util.Set<Integer> logged = new java.util.HashSet<>();

    /** Unknown coprocessor registers are logged once and, like the hardware, UNDEFINED. */
    void logUnknown(boolean write, int crn, int opc1, int crm, int opc2) {
        if (logged.add(key(crn, opc1, crm, opc2) | (write ? 1 << 20 : 0)))
            log.info("{}: unimplemented cp15 {} c{}, {}, c{}, {}", cpu.id(), write ? "write" : "read", crn, opc1, crm, opc2);
    }
}
