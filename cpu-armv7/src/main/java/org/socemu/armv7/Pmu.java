package org.socemu.armv7;

/**
 * Performance Monitors as the Cortex-A7 reports them (PMUv2, 4 event counters, IDCODE 0x07), enough
 * for Linux's perf driver to probe and use the cycle counter. The cycle counter counts retired
 * instructions (the model's cycle is one instruction); the event counters keep what is written to
 * them but count nothing, and overflow interrupts are not raised.
 */
final class Pmu {
    static final int COUNTERS = 4;

    private final CortexA7 cpu;
    int pmcr, cntenset, intenset, ovsr, selr, userenr;
    final int[] evtype = new int[COUNTERS + 1];
    final int[] evcnt = new int[COUNTERS];
    /** The cycle counter is kept as an offset against retired instructions while enabled. */
    private long ccntBase;
    private long ccntFrozen;

    Pmu(CortexA7 cpu) {
        this.cpu = cpu;
    }

    void reset() {
        pmcr = 0x41072000 | (COUNTERS << 11);
        cntenset = intenset = ovsr = selr = userenr = 0;
        java.util.Arrays.fill(evtype, 0);
        java.util.Arrays.fill(evcnt, 0);
        ccntBase = 0;
        ccntFrozen = 0;
    }

    private boolean ccntRunning() {
        return (pmcr & 1) != 0 && (cntenset & 0x80000000) != 0;
    }

    int ccnt() {
        long v = ccntRunning() ? cpu.retired() - ccntBase : ccntFrozen;
        return (int) ((pmcr & 8) != 0 ? v / 64 : v);
    }

    private void setCcnt(int v) {
        ccntFrozen = v & 0xffffffffL;
        ccntBase = cpu.retired() - ccntFrozen;
    }

    /** Keeps the cycle count when enabling or disabling it. */
    private void changeRunning(Runnable change) {
        long cur = ccntRunning() ? cpu.retired() - ccntBase : ccntFrozen;
        change.run();
        ccntFrozen = cur;
        ccntBase = cpu.retired() - cur;
    }

    private void writePmcr(int v) {
        changeRunning(() -> pmcr = (pmcr & ~0x3f) | (v & 0x39));
        if ((v & 2) != 0) java.util.Arrays.fill(evcnt, 0); // P: reset event counters
        if ((v & 4) != 0) setCcnt(0);                       // C: reset cycle counter
    }

    void declare(Cp15 cp) {
        Cp15.Reg[] user = {
            cp.declareReg(9, 0, 12, 0, "PMCR", () -> pmcr, this::writePmcr),
            cp.declareReg(9, 0, 12, 1, "PMCNTENSET", () -> cntenset, v -> changeRunning(() -> cntenset |= v & 0x8000000f)),
            cp.declareReg(9, 0, 12, 2, "PMCNTENCLR", () -> cntenset, v -> changeRunning(() -> cntenset &= ~v)),
            cp.declareReg(9, 0, 12, 3, "PMOVSR", () -> ovsr, v -> ovsr &= ~v),
            cp.declareReg(9, 0, 12, 4, "PMSWINC", () -> 0, v -> {}),
            cp.declareReg(9, 0, 12, 5, "PMSELR", () -> selr, v -> selr = v & 0x1f),
            cp.declareReg(9, 0, 12, 6, "PMCEID0", () -> 0x3fff0f3f, v -> {}),
            cp.declareReg(9, 0, 12, 7, "PMCEID1", () -> 0, v -> {}),
            cp.declareReg(9, 0, 13, 0, "PMCCNTR", this::ccnt, this::setCcnt),
            cp.declareReg(9, 0, 13, 1, "PMXEVTYPER", () -> selr == 31 ? evtype[COUNTERS] : selr < COUNTERS ? evtype[selr] : 0,
                    v -> { if (selr == 31) evtype[COUNTERS] = v; else if (selr < COUNTERS) evtype[selr] = v; }),
            cp.declareReg(9, 0, 13, 2, "PMXEVCNTR", () -> selr < COUNTERS ? evcnt[selr] : 0,
                    v -> { if (selr < COUNTERS) evcnt[selr] = v; }),
        };
        Cp15.Reg uen = cp.declareReg(9, 0, 14, 0, "PMUSERENR", () -> userenr, v -> userenr = v & 1);
        uen.pl0Read = true;
        cp.declareReg(9, 0, 14, 1, "PMINTENSET", () -> intenset, v -> intenset |= v & 0x8000000f);
        cp.declareReg(9, 0, 14, 2, "PMINTENCLR", () -> intenset, v -> intenset &= ~v);
        cp.declareReg(9, 0, 14, 3, "PMOVSSET", () -> ovsr, v -> ovsr |= v & 0x8000000f);
        for (Cp15.Reg r : user) userRegs.add(r);
    }

    private final java.util.Set<Cp15.Reg> userRegs = new java.util.HashSet<>();

    /** PMUSERENR.EN opens the counters to PL0. */
    boolean pl0Allowed(Cp15.Reg r) {
        return (userenr & 1) != 0 && userRegs.contains(r);
    }
}
