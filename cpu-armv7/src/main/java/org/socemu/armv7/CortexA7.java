package org.socemu.armv7;

import static org.socemu.armv7.ArmMode.*;

import java.lang.invoke.VarHandle;
import java.util.IdentityHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socemu.core.cpu.Cpu;
import org.socemu.core.cpu.Debuggable;
import org.socemu.core.irq.IrqLine;
import org.socemu.core.mem.BusView;
import org.socemu.core.mem.Endian;
import org.socemu.core.mem.Mapping;
import org.socemu.core.mem.Ram;
import org.socemu.core.mem.SoftTlb;
import org.socemu.core.time.Clock;
import org.socemu.core.time.Frequency;

/**
 * One Cortex-A7 core: ARMv7-A with the A32 and T32 instruction sets, CP15, the short-descriptor
 * MMU and the generic timer. This class holds the processor state that is not shared with the M
 * profile (modes, banked registers, CPSR/SPSR, exceptions), the memory path (soft TLBs per
 * privilege, decoded-instruction cache by physical page) and the run loop. Instruction semantics
 * live in the A32 and Thumb handler classes.
 */
public final class CortexA7 extends ArmCore implements Cpu, Debuggable {
    private static final Logger log = LoggerFactory.getLogger(CortexA7.class);
    private static final VarHandle LE32 = Endian.LITTLE.i32;
    private static final VarHandle LE16 = Endian.LITTLE.i16;

    /** A soft TLB for one privilege level, with the decoded pages of its exec entries beside it. */
    static final class Regime {
        final SoftTlb tlb = new SoftTlb();
        final CodeCache.Page[] code = new CodeCache.Page[SoftTlb.SIZE];
        final boolean user;

        Regime(boolean user) {
            this.user = user;
        }
    }

    private final String id;
    private final Frequency frequency;
    private final BusView view;
    private final Clock clock;
    private final int cpuIndex;
    private final int clusterCores;
    private final Cp15 cp15;
    private final ShortMmu mmu;
    private final GenericTimer timer;
    private final Pmu pmu;
    private final CodeCache code = new CodeCache();
    /**
     * Soft TLBs are only valid for the DACR they were filled under. Linux's software PAN flips DACR
     * around every user access, so instead of flushing on each write the core keeps a few TLB pairs,
     * each tagged with a DACR value, and switches between them.
     */
    private static final int DACR_SLOTS = 4;
    private final Regime[][] dacrPairs = new Regime[DACR_SLOTS][];
    private final int[] dacrOfPair = new int[DACR_SLOTS];
    private int nextDacrSlot;
    Regime privRegime;
    Regime userRegime;
    Regime regime;

    // ---- A-profile state ----
    int mode;
    boolean irqMasked, fiqMasked, asyncAbortMasked;
    boolean bigEndianData;
    final int[] spsr = new int[32];
    private final int[] bankSp = new int[32];
    private final int[] bankLr = new int[32];
    private final int[] usrHigh = new int[5];
    private final int[] fiqHigh = new int[5];

    // ---- pins, power, run control ----
    private final IrqLine irqPin;
    private final IrqLine fiqPin;
    private volatile boolean attention;
    private volatile boolean exitRequested;
    private final A7Debug debug = new A7Debug(this);
    private org.socemu.core.machine.Trace trace = new org.socemu.core.machine.Trace();
    /** Breakpoints are set: the hot loops leave pages that hold one to the stepping loop (see A7Debug). */
    private boolean breakpointsSet;
    /** Watchpoints are set: the memory slow path checks every access (see A7Debug). */
    private boolean watchpointsSet;
    private boolean waiting;
    private boolean eventRegister;
    private boolean powered = true;
    /** Whether the core runs after a power-on reset (secondary cores wait for PSCI CPU_ON). */
    private boolean poweredAtReset = true;
    private long retired;
    private SmcHandler smcHandler;
    private java.util.function.Consumer<CortexA7> sevListener;

    /** ThumbEE configuration and handler base (CP14 opc1 6, c0 and c1). */
    int teecr, teehbr;

    public CortexA7(String id, long hz, BusView view, Clock clock, int cpuIndex, int cluster, int clusterCores,
                    long cntfrq, int cbar) {
        this.id = id;
        this.frequency = new Frequency(hz);
        this.view = view;
        this.clock = clock;
        this.cpuIndex = cpuIndex;
        this.clusterCores = clusterCores;
        this.irqPin = new IrqLine(id + ":irq", high -> pinsChanged());
        this.fiqPin = new IrqLine(id + ":fiq", high -> pinsChanged());
        this.timer = new GenericTimer(id, clock, cntfrq);
        this.pmu = new Pmu(this);
        this.cp15 = new Cp15(this, cpuIndex, cluster, cbar);
        this.mmu = new ShortMmu(cp15, view);
        for (int k = 0; k < DACR_SLOTS; k++) dacrPairs[k] = new Regime[] {new Regime(false), new Regime(true)};
        privRegime = dacrPairs[0][0];
        userRegime = dacrPairs[0][1];
        regime = privRegime;
        IdentityHashMap<Ram, Boolean> rams = new IdentityHashMap<>();
        for (Mapping m : view.mappings()) if (m.target().ram() != null) rams.put(m.target().ram(), true);
        for (Ram ram : rams.keySet()) {
            ram.addCodeListener(code);
            for (Regime[] pair : dacrPairs) {
                ram.addCodeListener(pair[0].tlb);
                ram.addCodeListener(pair[1].tlb);
            }
        }
        reset();
    }

    // =====================================================================================
    // Cpu
    // =====================================================================================

    @Override public String id() { return id; }
    @Override public String type() { return CortexA7Type.NAME; }
    @Override public Frequency frequency() { return frequency; }
    @Override public long retired() { return retired; }
    @Override public boolean isWaiting() { return waiting; }
    @Override public boolean isRunnable() { return powered; }
    @Override public long pc() { return pc & 0xffffffffL; }

    @Override
    public void requestExit() {
        exitRequested = true;
        attention = true;
    }

    @Override
    public void clearExclusive() {
        exclusiveAddr = -1;
    }

    @Override
    public void setPc(long value) {
        int a = (int) value;
        thumb = (a & 1) != 0;
        pc = nextPc = a & (thumb ? ~1 : ~3);
    }

    @Override
    public long register(int n) {
        if (n == 15) return pc & 0xffffffffL;
        return r[n] & 0xffffffffL;
    }

    @Override
    public void setRegister(int n, long value) {
        if (n == 15) setPc(value);
        else r[n] = (int) value;
    }

    @Override
    public IrqLine input(String pin) {
        switch (pin) {
            case "irq": return irqPin;
            case "fiq": return fiqPin;
            default: throw new IllegalArgumentException("cortex-a7 has pins irq and fiq, not '" + pin + "'");
        }
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(r, 0);
        teecr = teehbr = 0;
        java.util.Arrays.fill(spsr, 0);
        java.util.Arrays.fill(bankSp, 0);
        java.util.Arrays.fill(bankLr, 0);
        n = z = c = v = q = false;
        ge = 0;
        itState = 0;
        thumb = false;
        mode = SVC;
        irqMasked = fiqMasked = asyncAbortMasked = true;
        bigEndianData = false;
        cp15.reset();
        java.util.Arrays.fill(dacrOfPair, 0);
        nextDacrSlot = 1;
        privRegime = dacrPairs[0][0];
        userRegime = dacrPairs[0][1];
        regime = privRegime;
        java.util.Arrays.fill(d, 0);
        fpscr = 0;
        fpexc = 0;
        pmu.reset();
        timer.reset();
        exclusiveAddr = -1;
        waiting = false;
        eventRegister = false;
        flushTlb();
        code.clear();
        powered = poweredAtReset;
        int vector = (cp15.sctlr & Cp15.SCTLR_V) != 0 ? 0xffff0000 : 0;
        pc = nextPc = vector;
        attention = true;
    }

    // =====================================================================================
    // Board API
    // =====================================================================================

    /** The firmware that answers SMC (the machine's built-in PSCI). */
    public void setSmcHandler(SmcHandler h) {
        this.smcHandler = h;
    }

    /** Told when this core executes SEV, so the board can set the event register of the others. */
    public void setSevListener(java.util.function.Consumer<CortexA7> l) {
        this.sevListener = l;
    }

    /** Sets the event register (another core's SEV). */
    public void signalEvent() {
        eventRegister = true;
        if (waiting && waitingForEvent) {
            waiting = false;
            waitingForEvent = false;
        }
    }

    private boolean waitingForEvent;

    public GenericTimer timer() { return timer; }

    /** The CPU-index part of MPIDR (props "cpu-index"). */
    public int cpuIndex() { return cpuIndex; }

    int clusterCores() { return clusterCores; }

    Pmu pmu() { return pmu; }

    ShortMmu mmu() { return mmu; }

    Cp15 cp15() { return cp15; }

    @Override
    public BusView view() { return view; }

    /**
     * Entry state of a firmware-less Linux boot (Documentation/arm/booting.rst): SVC mode with IRQ
     * and FIQ masked, MMU and caches off, r0 = 0, r1 = machine type (~0 with a DTB), r2 = DTB.
     */
    public void bootLinux(long entry, long dtb) {
        reset();
        r[0] = 0;
        r[1] = ~0;
        r[2] = (int) dtb;
        setPc(entry);
        powered = true;
    }

    /** Whether a power-on reset leaves the core running (true) or off until {@link #powerOn}. */
    public void setPoweredAtReset(boolean on) {
        poweredAtReset = on;
        powered = on;
    }

    /** Powers the core down (PSCI CPU_OFF). */
    public void powerOff() {
        powered = false;
        waiting = false;
        requestExit();
    }

    /** PSCI CPU_ON: reset, then start at {@code entry} (bit 0: Thumb) in SVC mode with r0 = context id. */
    public void powerOn(long entry, long contextId) {
        reset();
        r[0] = (int) contextId;
        setPc(entry);
        powered = true;
    }

    public int cpsr() {
        return nzcv() | (q ? 1 << 27 : 0) | ((itState & 3) << 25) | (ge << 16) | ((itState >>> 2) << 10)
                | (bigEndianData ? 1 << 9 : 0) | (asyncAbortMasked ? 1 << 8 : 0) | (irqMasked ? 1 << 7 : 0)
                | (fiqMasked ? 1 << 6 : 0) | (thumb ? 1 << 5 : 0) | mode;
    }

    /** Writes the whole CPSR (exception return, or a board setting the entry state). */
    public void setCpsr(int value) {
        setNzcv(value);
        q = (value & (1 << 27)) != 0;
        ge = (value >>> 16) & 0xf;
        itState = ((value >>> 25) & 3) | (((value >>> 10) & 0x3f) << 2);
        bigEndianData = (value & (1 << 9)) != 0;
        setMasks(value);
        thumb = (value & (1 << 5)) != 0;
        int m = value & 0x1f;
        if (ArmMode.valid(m)) changeMode(m);
    }

    void setMasks(int value) {
        asyncAbortMasked = (value & (1 << 8)) != 0;
        irqMasked = (value & (1 << 7)) != 0;
        fiqMasked = (value & (1 << 6)) != 0;
        attention = true; // an unmasked interrupt may now be taken
    }

    /** Switches mode, swapping banked SP/LR (and r8-r12 for FIQ). */
    void changeMode(int m) {
        if (m == mode) return;
        int ob = bank(mode), nb = bank(m);
        if (ob != nb) {
            bankSp[ob] = r[13];
            bankLr[ob] = r[14];
            r[13] = bankSp[nb];
            r[14] = bankLr[nb];
        }
        if ((mode == FIQ) != (m == FIQ)) {
            int[] save = mode == FIQ ? fiqHigh : usrHigh, load = m == FIQ ? fiqHigh : usrHigh;
            System.arraycopy(r, 8, save, 0, 5);
            System.arraycopy(load, 0, r, 8, 5);
        }
        mode = m;
        regime = m == USR ? userRegime : privRegime;
    }

    /** DACR was written: use the TLB pair filled under this DACR value, or recycle one. */
    void dacrChanged(int dacr) {
        int slot = -1;
        for (int k = 0; k < DACR_SLOTS && slot < 0; k++) if (dacrOfPair[k] == dacr) slot = k;
        if (slot < 0) {
            slot = nextDacrSlot;
            nextDacrSlot = (nextDacrSlot + 1) % DACR_SLOTS;
            dacrOfPair[slot] = dacr;
            dacrPairs[slot][0].tlb.flush();
            dacrPairs[slot][1].tlb.flush();
        }
        privRegime = dacrPairs[slot][0];
        userRegime = dacrPairs[slot][1];
        regime = mode == USR ? userRegime : privRegime;
        fetchEpoch++;
    }

    public int mode() { return mode; }

    /** A banked register of another mode (MRS/MSR banked, debugger): 8-12 from FIQ/user, 13, 14. */
    int bankedRead(int m, int reg) {
        if (reg >= 8 && reg <= 12) {
            if ((m == FIQ) == (mode == FIQ)) return r[reg];
            return (m == FIQ ? fiqHigh : usrHigh)[reg - 8];
        }
        if (bank(m) == bank(mode)) return r[reg];
        return reg == 13 ? bankSp[bank(m)] : bankLr[bank(m)];
    }

    void bankedWrite(int m, int reg, int value) {
        if (reg >= 8 && reg <= 12) {
            if ((m == FIQ) == (mode == FIQ)) r[reg] = value;
            else (m == FIQ ? fiqHigh : usrHigh)[reg - 8] = value;
        } else if (bank(m) == bank(mode)) r[reg] = value;
        else if (reg == 13) bankSp[bank(m)] = value;
        else bankLr[bank(m)] = value;
    }

    @Override
    public boolean privileged() {
        return mode != USR;
    }

    // =====================================================================================
    // Exceptions
    // =====================================================================================

    static final int VEC_UND = 0x04, VEC_SVC = 0x08, VEC_PABT = 0x0c, VEC_DABT = 0x10, VEC_IRQ = 0x18, VEC_FIQ = 0x1c;

    /** Exception entry (ARM ARM B1.9): SPSR, banked LR, masks, state per SCTLR.TE/EE, vector. */
    void takeException(int newMode, int offset, int lr) {
        int saved = cpsr();
        changeMode(newMode);
        spsr[newMode] = saved;
        r[14] = lr;
        irqMasked = true;
        if (newMode == FIQ) fiqMasked = true;
        if (newMode == ABT || newMode == IRQ || newMode == FIQ) asyncAbortMasked = true;
        itState = 0;
        thumb = (cp15.sctlr & Cp15.SCTLR_TE) != 0;
        bigEndianData = (cp15.sctlr & Cp15.SCTLR_EE) != 0;
        int base = newMode == MON ? cp15.mvbar : (cp15.sctlr & Cp15.SCTLR_V) != 0 ? 0xffff0000 : cp15.vbar;
        nextPc = base + offset;
        exclusiveAddr = -1;
        if (trace.exc) traceException(newMode, offset, lr, saved);
    }

    /** --trace exc: one line per exception taken. */
    private void traceException(int newMode, int offset, int lr, int savedCpsr) {
        String kind = newMode == MON ? "SMC" : switch (offset) {
            case VEC_UND -> "UND";
            case VEC_SVC -> "SVC";
            case VEC_PABT -> "PABT";
            case VEC_DABT -> "DABT";
            case VEC_IRQ -> "IRQ";
            case VEC_FIQ -> "FIQ";
            default -> "vector " + offset;
        };
        String fault = offset == VEC_DABT ? String.format(" dfsr=%08x dfar=%08x", cp15.dfsr, cp15.dfar)
                : offset == VEC_PABT ? String.format(" ifsr=%08x ifar=%08x", cp15.ifsr, cp15.ifar) : "";
        trace.out.printf("%s: %s at pc=%08x (%s%s) -> %08x lr=%08x%s%n", id, kind, pc, ArmMode.name(savedCpsr & 0x1f),
                (savedCpsr & 0x20) != 0 ? ",thumb" : "", nextPc, lr, fault);
    }

    @Override
    public void setTrace(org.socemu.core.machine.Trace t) {
        this.trace = t;
    }

    /** --trace insn: the instruction about to execute, read without side effects. */
    private void traceInstruction() {
        long pa = debugTranslate(pc & 0xffffffffL);
        String word;
        if (pa < 0) word = "(no translation)";
        else if (!thumb) word = String.format("%08x", view.read(pa, 4));
        else {
            int hw1 = view.read(pa, 2) & 0xffff;
            word = hw1 >= 0xe800 ? String.format("%04x %04x", hw1, view.read(pa + 2, 2) & 0xffff) : String.format("%04x", hw1);
        }
        trace.out.printf("%s: %08x: %s%s%n", id, pc, word, thumb ? " (T32)" : "");
    }

    @Override
    public void undefined(int insn) {
        if (log.isDebugEnabled()) log.debug("{}: undefined instruction {} at {}", id, Integer.toHexString(insn), Integer.toHexString(pc));
        // LR_und = the instruction's address + 4 in ARM state, + 2 in Thumb state for 16- and
        // 32-bit instructions alike (ARM ARM B1.8.3): Linux's __und_usr reads the first halfword
        // of a Thumb-2 instruction at LR - 2.
        takeException(UND, VEC_UND, pc + (thumb ? 2 : 4));
    }

    @Override
    public void supervisorCall() {
        takeException(SVC, VEC_SVC, pc + (thumb ? insnWidth : 4));
    }

    void smc(int insn) {
        if (mode == USR || smcHandler == null || !smcHandler.smc(this)) undefined(insn);
    }

    /** BKPT: a Prefetch Abort with the debug-event status (no external debugger attached). */
    @Override
    public void breakpoint() {
        cp15.ifsr = 0x2;
        cp15.ifar = pc;
        takeException(ABT, VEC_PABT, pc + 4);
    }

    private void prefetchAbort(int va, int fsr) {
        cp15.ifsr = fsr & ~0xf0; // IFSR has no domain field
        cp15.ifar = va;
        takeException(ABT, VEC_PABT, pc + 4);
        recordBranch(pc, nextPc);
        pc = nextPc;
    }

    /** Takes a Data Abort and unwinds the instruction. */
    private GuestAbort dataAbort(int va, int fsr, boolean write) {
        cp15.dfsr = fsr | (write ? 1 << 11 : 0);
        cp15.dfar = va;
        takeException(ABT, VEC_DABT, pc + 8);
        return GuestAbort.INSTANCE;
    }

    @Override
    public void exceptionReturn(int addr) {
        if (!hasSpsr(mode)) { // unpredictable: behave as a plain write of the PC
            aluWritePc(addr);
            return;
        }
        setCpsr(spsr[mode]);
        branchTo(addr);
        nextPc = thumb ? addr & ~1 : addr & ~3;
    }

    @Override
    public void hint(int op) {
        switch (op) {
            case 2: waitForEvent(); break;
            case 3: waitForInterrupt(); break;
            case 4: sendEvent(); break;
            default: break; // NOP, YIELD, DBG: nothing to do for an in-order single-thread model
        }
    }

    @Override
    public void thumbSystem(int insn) {
        ThumbSystemA.exec(this, insn);
    }

    @Override
    public void thumbCoprocessor(int insn) {
        ThumbSystemA.coprocessor(this, insn);
    }

    // ---- VFP enable and system registers (Cortex-A7 TRM, chapter 14 "FPU") ----

    static final int FPSID = 0x41023075, MVFR0 = 0x10110222, MVFR1 = 0x11111111;
    static final int FPEXC_EN = 1 << 30;
    int fpexc;

    /** CPACR.cp10/cp11 grant the access (01: PL1 only, 11: everyone), and FPEXC.EN must be set. */
    private boolean cpacrAllows() {
        int cp10 = (cp15.cpacr >>> 20) & 3;
        return cp10 == 3 || (cp10 == 1 && mode != USR);
    }

    @Override
    public boolean fpEnabled() {
        return cpacrAllows() && (fpexc & FPEXC_EN) != 0;
    }

    @Override
    public long fpSystemRead(int reg) {
        if (!cpacrAllows()) return -1;
        if (mode == USR) return -1;      // only FPSCR is accessible at PL0
        switch (reg) {
            case 0: return FPSID & 0xffffffffL;
            case 6: return MVFR1 & 0xffffffffL;
            case 7: return MVFR0 & 0xffffffffL;
            case 8: return fpexc & 0xffffffffL;
            default: return -1;
        }
    }

    @Override
    public boolean fpSystemWrite(int reg, int value) {
        if (!cpacrAllows() || mode == USR) return false;
        if (reg == 8) {
            fpexc = value & (FPEXC_EN | (1 << 31));
            return true;
        }
        return reg == 0; // FPSID writes are ignored
    }

    /** ISR (c12): pending IRQ/FIQ as seen at the pins. */
    int isr() {
        return (irqPin.isHigh() ? 1 << 7 : 0) | (fiqPin.isHigh() ? 1 << 6 : 0);
    }

    private void pinsChanged() {
        if (irqPin.isHigh() || fiqPin.isHigh()) {
            if (waiting) {
                waiting = false;
                waitingForEvent = false;
            }
            attention = true;
        }
    }

    /** WFI: sleep until an interrupt is pending at the pins (masked or not). */
    void waitForInterrupt() {
        if (irqPin.isHigh() || fiqPin.isHigh()) return;
        waiting = true;
        attention = true;
    }

    /** WFE: sleep unless the event register is set (SEV, or an interrupt). */
    void waitForEvent() {
        if (eventRegister) {
            eventRegister = false;
            return;
        }
        if (irqPin.isHigh() || fiqPin.isHigh()) return;
        waiting = true;
        waitingForEvent = true;
        attention = true;
    }

    void sendEvent() {
        eventRegister = true;
        if (sevListener != null) sevListener.accept(this);
    }

    /**
     * On a page that holds a breakpoint: one instruction at a time, asking before each whether a
     * breakpoint stops the core there (then true: leave run()), until the core leaves the page.
     */
    private boolean stepBreakpointPage(long end) {
        int page = pc >>> 12;
        do {
            if (debug.breakpointAt(pc())) return true;
            if (thumb) runThumb(retired + 1);
            else runArm(retired + 1);
        } while (retired < end && !attention && (pc >>> 12) == page);
        return false;
    }

    /** --trace insn: one instruction, printed first. */
    private void stepTraced() {
        traceInstruction();
        if (thumb) runThumb(retired + 1);
        else runArm(retired + 1);
    }

    /** Checks pending interrupts and exit requests between instructions; true means leave run(). */
    private boolean serviceAttention() {
        attention = false;
        if (!powered || waiting) return true;
        if (fiqPin.isHigh() && !fiqMasked) {
            takeException(FIQ, VEC_FIQ, pc + 4);
            recordBranch(pc, nextPc);
            pc = nextPc;
        } else if (irqPin.isHigh() && !irqMasked) {
            takeException(IRQ, VEC_IRQ, pc + 4);
            recordBranch(pc, nextPc);
            pc = nextPc;
        }
        if (exitRequested) {
            exitRequested = false;
            return true;
        }
        return false;
    }

    // =====================================================================================
    // Run loop
    // =====================================================================================

    @Override
    public long run(long budget) {
        if (!powered || waiting) return 0;
        long start = retired, end = retired + budget;
        attention = true;
        exitRequested = false; // a stop asked between slices has been seen by the scheduler
        debug.runStarts(pc());
        while (retired < end) {
            try {
                while (retired < end) {
                    if (attention && serviceAttention()) return retired - start;
                    if (breakpointsSet && debug.onBreakpointPage(pc)) {
                        if (stepBreakpointPage(end)) return retired - start;
                    } else if (trace.insn) stepTraced();
                    else if (thumb) runThumb(end);
                    else runArm(end);
                }
            } catch (GuestAbort abort) {
                recordBranch(pc, nextPc);
                pc = nextPc;
                retired++;
            } catch (A7Debug.WatchStop stop) {
                return retired - start; // before the instruction: nothing of it was done
            } catch (RuntimeException e) {
                throw new org.socemu.core.EmulatorBug(id + ": internal error at pc " + Integer.toHexString(pc) + "\n" + describeState(), e);
            }
        }
        return retired - start;
    }

    // ---- the last taken branches (and exceptions), for error reports ----
    private static final int HISTORY = 16;
    private final int[] branchFrom = new int[HISTORY];
    private final int[] branchTo = new int[HISTORY];
    private int branchCount;

    private void recordBranch(int from, int to) {
        int k = branchCount++ & (HISTORY - 1);
        branchFrom[k] = from;
        branchTo[k] = to;
    }

    /** Bumped whenever cached fetch mappings may be stale (TLB maintenance, translation changes). */
    int fetchEpoch; // bumped by every soft-TLB flush (package-visible for tests)

    /**
     * The A32 hot loop: runs until the budget ends, something needs attention, or the core leaves
     * ARM state. The current code page is kept in locals while execution stays inside it, so a
     * straight-line instruction costs a page-offset load, a handler load and the handler call.
     */
    private void runArm(long end) {
        int cachedVpn = -1, epoch = fetchEpoch;
        Regime cachedRegime = null;
        byte[] bytes = null;
        A32Op[] ops = null;
        CodeCache.Page page = null;
        final int[] r = this.r;
        while (retired < end && !attention) {
            int pc = this.pc;
            if ((pc >>> 12) != cachedVpn || epoch != fetchEpoch || regime != cachedRegime) {
                if (breakpointsSet && end - retired > 1 && debug.onBreakpointPage(pc)) return; // run() steps it
                epoch = fetchEpoch;
                int i = execEntry(pc);
                if (i < 0) { // Prefetch Abort taken: the vector's state follows SCTLR.TE
                    retired++;
                    cachedVpn = -1;
                    if (thumb) return;
                    continue;
                }
                cachedVpn = pc >>> 12;
                cachedRegime = regime;
                bytes = regime.tlb.execPage[i];
                page = regime.code[i];
                ops = page.arm;
            }
            int off = pc & 0xfff;
            int insn = (int) LE32.get(bytes, off);
            A32Op op = ops[off >>> 2];
            if (op == null) {
                page.watch();
                op = A32Decoder.decode(insn);
                ops[off >>> 2] = op;
            }
            nextPc = pc + 4;
            int cond = insn >>> 28;
            if (cond == 14 || condPass(cond)) {
                r[15] = pc + 8;
                op.exec(this, insn);
            }
            int next = nextPc;
            this.pc = next;
            if (next != pc + 4) recordBranch(pc, next);
            retired++;
            if (thumb) return;
        }
    }

    /**
     * Makes the page of {@code pc} executable through the current regime's soft TLB: its index,
     * or -1 when the fetch faulted (the Prefetch Abort has been taken). Both hot loops call this
     * only when they move to another code page.
     */
    private int execEntry(int pc) {
        int vpn = pc >>> 12, i = vpn & SoftTlb.MASK;
        if (regime.tlb.execTag[i] != vpn && !fillExec(pc)) return -1;
        return i;
    }

    /**
     * The T32 hot loop, shaped like {@link #runArm}: the current code page stays in locals; a
     * 32-bit instruction that straddles a page end is fetched through the TLB and not cached.
     */
    private void runThumb(long end) {
        int cachedVpn = -1, epoch = fetchEpoch;
        Regime cachedRegime = null;
        byte[] bytes = null;
        ThumbOp[] ops = null;
        CodeCache.Page page = null;
        while (retired < end && !attention) {
            int pc = this.pc;
            if ((pc >>> 12) != cachedVpn || epoch != fetchEpoch || regime != cachedRegime) {
                if (breakpointsSet && end - retired > 1 && debug.onBreakpointPage(pc)) return; // run() steps it
                epoch = fetchEpoch;
                int i = execEntry(pc);
                if (i < 0) { // Prefetch Abort taken: the handler runs in ARM state unless SCTLR.TE
                    retired++;
                    cachedVpn = -1;
                    if (!thumb) return;
                    continue;
                }
                cachedVpn = pc >>> 12;
                cachedRegime = regime;
                bytes = regime.tlb.execPage[i];
                page = regime.code[i];
                ops = page.thumb;
            }
            int off = pc & 0xfff;
            int hw1 = (short) LE16.get(bytes, off) & 0xffff;
            if (hw1 >= 0xe800) {
                if (off == 0xffe) {
                    if (!straddlingFetch(pc, hw1)) cachedVpn = -1;
                    retired++;
                    if (!thumb) return;
                    continue;
                }
                int insn = (hw1 << 16) | ((short) LE16.get(bytes, off + 2) & 0xffff);
                ThumbOp op = ops[off >>> 1];
                if (op == null) {
                    page.watch();
                    op = ThumbDecoder.decode32(insn);
                    ops[off >>> 1] = op;
                }
                execThumb(op, insn, pc, 4);
                if (this.pc != pc + 4) recordBranch(pc, this.pc);
            } else {
                ThumbOp op = ops[off >>> 1];
                if (op == null) {
                    page.watch();
                    op = ThumbDecoder.decode16(hw1);
                    ops[off >>> 1] = op;
                }
                execThumb(op, hw1, pc, 2);
                if (this.pc != pc + 2) recordBranch(pc, this.pc);
            }
            retired++;
            if (!thumb) return;
        }
    }

    /** A 32-bit Thumb instruction whose second halfword is on the next page. False on a prefetch abort. */
    private boolean straddlingFetch(int pc, int hw1) {
        SoftTlb t = regime.tlb;
        int vpn2 = (pc + 2) >>> 12, i2 = vpn2 & SoftTlb.MASK;
        if (t.execTag[i2] != vpn2 && !fillExec(pc + 2)) return false;
        int insn = (hw1 << 16) | ((short) LE16.get(t.execPage[i2], 0) & 0xffff);
        execThumb(ThumbDecoder.decode32(insn), insn, pc, 4);
        return true;
    }

    /** Exec TLB miss: walk, then map the page; a fault becomes a Prefetch Abort (returns false). */
    private boolean fillExec(int va) {
        Regime rg = regime;
        long pa = mmu.translate(va, ShortMmu.EXEC, rg.user);
        if (pa < 0) {
            prefetchAbort(va, mmu.faultFsr);
            return false;
        }
        Mapping m = view.find(pa);
        Ram ram = m == null ? null : m.target().ram();
        if (ram == null) {
            // Executing from a device or a hole: the bus answers with an external abort.
            prefetchAbort(va, mmu.longFormat() ? 0x210 : 0x08); // synchronous external abort
            return false;
        }
        int pageIndex = (int) ((pa - m.base() + m.offset()) >>> Ram.PAGE_BITS);
        int vpn = va >>> 12;
        rg.tlb.noteMapping(mmu.mappingBits);
        rg.tlb.fillExec(vpn, ram.pageForWrite(pageIndex), pa & ~0xfffL);
        rg.code[vpn & SoftTlb.MASK] = code.page(ram, pageIndex);
        return true;
    }

    /** TLB maintenance, translation-regime changes: drop every soft-TLB entry. */
    /** The cores that Inner Shareable maintenance reaches (set by the core type: every A7 of the machine). */
    private java.util.function.Supplier<java.util.List<? extends Cpu>> innerShareable = () -> java.util.List.of(this);

    public void setInnerShareableDomain(java.util.function.Supplier<java.util.List<? extends Cpu>> cores) {
        this.innerShareable = cores;
    }

    /** TLBI*IS: the broadcast forms flush the soft TLBs of every core in the domain. */
    void flushTlbInnerShareable() {
        for (Cpu c : innerShareable.get()) if (c instanceof CortexA7 a) a.flushTlb();
    }

    void flushTlb() {
        fetchEpoch++;
        for (Regime[] pair : dacrPairs) {
            pair[0].tlb.flush();
            pair[1].tlb.flush();
        }
    }

    /** TLBIMVA/TLBIMVAA: drops the translation of one address (every ASID: entries are not ASID-tagged). */
    void flushTlbByAddress(int mva) {
        fetchEpoch++;
        for (Regime[] pair : dacrPairs) {
            pair[0].tlb.flushVirtual(mva);
            pair[1].tlb.flushVirtual(mva);
        }
    }

    /** TLBIMVAIS/TLBIMVAAIS: the by-address invalidation on every core of the domain. */
    void flushTlbByAddressInnerShareable(int mva) {
        for (Cpu c : innerShareable.get()) if (c instanceof CortexA7 a) a.flushTlbByAddress(mva);
    }

    // =====================================================================================
    // Memory: soft-TLB fast path, slow path with translation, alignment and aborts
    // =====================================================================================

    static final int ALIGNED = 1, USER = 2;

    @Override
    public int ld32(int va) {
        SoftTlb t = regime.tlb;
        int vpn = va >>> 12;
        int i = vpn & SoftTlb.MASK;
        if (t.readTag[i] == vpn && (va & 3) == 0) return (int) LE32.get(t.readPage[i], va & 0xfff);
        return loadSlow(va, 4, 0);
    }

    @Override
    public int ld16(int va) {
        SoftTlb t = regime.tlb;
        int vpn = va >>> 12;
        int i = vpn & SoftTlb.MASK;
        if (t.readTag[i] == vpn && (va & 1) == 0) return (short) LE16.get(t.readPage[i], va & 0xfff) & 0xffff;
        return loadSlow(va, 2, 0);
    }

    @Override
    public int ld8(int va) {
        SoftTlb t = regime.tlb;
        int vpn = va >>> 12;
        int i = vpn & SoftTlb.MASK;
        if (t.readTag[i] == vpn) return t.readPage[i][va & 0xfff] & 0xff;
        return loadSlow(va, 1, 0);
    }

    @Override
    public void st32(int va, int value) {
        SoftTlb t = regime.tlb;
        int vpn = va >>> 12;
        int i = vpn & SoftTlb.MASK;
        if (t.writeTag[i] == vpn && (va & 3) == 0) LE32.set(t.writePage[i], va & 0xfff, value);
        else storeSlow(va, 4, value, 0);
    }

    @Override
    public void st16(int va, int value) {
        SoftTlb t = regime.tlb;
        int vpn = va >>> 12;
        int i = vpn & SoftTlb.MASK;
        if (t.writeTag[i] == vpn && (va & 1) == 0) LE16.set(t.writePage[i], va & 0xfff, (short) value);
        else storeSlow(va, 2, value, 0);
    }

    @Override
    public void st8(int va, int value) {
        SoftTlb t = regime.tlb;
        int vpn = va >>> 12;
        int i = vpn & SoftTlb.MASK;
        if (t.writeTag[i] == vpn) t.writePage[i][va & 0xfff] = (byte) value;
        else storeSlow(va, 1, value, 0);
    }

    @Override
    public int ld32Aligned(int va) {
        if ((va & 3) != 0) throw dataAbort(va, mmu.alignmentFsr(), false);
        return ld32(va);
    }

    @Override
    public void st32Aligned(int va, int value) {
        if ((va & 3) != 0) throw dataAbort(va, mmu.alignmentFsr(), true);
        st32(va, value);
    }

    /** Loads that must be naturally aligned whatever SCTLR.A says (LDREX family). */
    int ldAligned(int va, int size) {
        if ((va & (size - 1)) != 0) throw dataAbort(va, mmu.alignmentFsr(), false);
        return size == 4 ? ld32(va) : size == 2 ? ld16(va) : ld8(va);
    }

    void stAligned(int va, int size, int value) {
        if ((va & (size - 1)) != 0) throw dataAbort(va, mmu.alignmentFsr(), true);
        if (size == 4) st32(va, value);
        else if (size == 2) st16(va, value);
        else st8(va, value);
    }

    void alignmentFault(int va, boolean write) {
        throw dataAbort(va, mmu.alignmentFsr(), write);
    }

    @Override
    public int ldUser(int va, int size) {
        return loadSlow(va, size, USER);
    }

    @Override
    public void stUser(int va, int size, int value) {
        storeSlow(va, size, value, USER);
    }

    private int loadSlow(int va, int size, int flags) {
        if ((va & (size - 1)) != 0) {
            if ((flags & ALIGNED) != 0 || (cp15.sctlr & Cp15.SCTLR_A) != 0)
                throw dataAbort(va, mmu.alignmentFsr(), false);
            int value = 0;
            for (int k = 0; k < size; k++) value |= loadSlow(va + k, 1, flags) << (8 * k);
            return value;
        }
        Regime rg = (flags & USER) != 0 ? userRegime : regime;
        long pa = mmu.translate(va, ShortMmu.READ, rg.user);
        if (pa < 0) throw dataAbort(va, mmu.faultFsr, false);
        if (watchpointsSet) debug.access(va, size, false); // a hit leaves here, before the access
        Mapping m = view.find(pa);
        if (m == null) return view.read(pa, size); // a hole: logged by the bus, reads as zero
        Ram ram = m.target().ram();
        if (ram != null && !(watchpointsSet && debug.watchesPage(va >>> 12))) {
            int pageIndex = (int) ((pa - m.base() + m.offset()) >>> Ram.PAGE_BITS);
            rg.tlb.noteMapping(mmu.mappingBits);
            rg.tlb.fillRead(va >>> 12, ram.pageForWrite(pageIndex));
        }
        return m.target().read(pa - m.base() + m.offset(), size);
    }

    private void storeSlow(int va, int size, int value, int flags) {
        if ((va & (size - 1)) != 0) {
            if ((flags & ALIGNED) != 0 || (cp15.sctlr & Cp15.SCTLR_A) != 0)
                throw dataAbort(va, mmu.alignmentFsr(), true);
            // Check every byte's translation before writing any (a store either happens or aborts).
            for (int k = 0; k < size; k++) translateForStore(va + k, flags);
            if (watchpointsSet) debug.access(va, size, true);
            for (int k = 0; k < size; k++) storeSlow(va + k, 1, value >>> (8 * k), flags);
            return;
        }
        Regime rg = (flags & USER) != 0 ? userRegime : regime;
        long pa = translateForStore(va, flags);
        if (watchpointsSet) debug.access(va, size, true); // a hit leaves here, before the store
        Mapping m = view.find(pa);
        if (m == null) {
            view.write(pa, size, value);
            return;
        }
        Ram ram = m.target().ram();
        if (ram != null && m.target().directWrite() && !(watchpointsSet && debug.watchesPage(va >>> 12))) {
            int pageIndex = (int) ((pa - m.base() + m.offset()) >>> Ram.PAGE_BITS);
            rg.tlb.noteMapping(mmu.mappingBits);
            rg.tlb.fillWrite(va >>> 12, ram, pageIndex);
        }
        m.target().write(pa - m.base() + m.offset(), size, value);
    }

    private long translateForStore(int va, int flags) {
        boolean user = (flags & USER) != 0 || regime.user;
        long pa = mmu.translate(va, ShortMmu.WRITE, user);
        if (pa < 0) throw dataAbort(va, mmu.faultFsr, true);
        return pa;
    }

    // =====================================================================================
    // Coprocessor access (MCR/MRC/MCRR/MRRC to p15)
    // =====================================================================================

    private final long[] wide = new long[1];

    /** MRC p15: returns false if UNDEFINED (unknown register, or PL0 without access). */
    boolean cp15Read(int opc1, int crn, int crm, int opc2, int rt) {
        Cp15.Reg reg = cp15.find(crn, opc1, crm, opc2);
        if (reg == null || reg.read == null) {
            cp15.logUnknown(false, crn, opc1, crm, opc2);
            return false;
        }
        if (mode == USR && !reg.pl0Read && !timer.pl0Allowed(reg) && !pmu.pl0Allowed(reg)) return false;
        int value = reg.read.getAsInt();
        if (rt == 15) setNzcv(value);
        else r[rt] = value;
        return true;
    }

    boolean cp15Write(int opc1, int crn, int crm, int opc2, int value) {
        Cp15.Reg reg = cp15.find(crn, opc1, crm, opc2);
        if (reg == null || reg.write == null) {
            cp15.logUnknown(true, crn, opc1, crm, opc2);
            return false;
        }
        if (mode == USR && !reg.pl0Write && !pmu.pl0Allowed(reg)) return false;
        reg.write.accept(value);
        return true;
    }

    /** MRRC p15 (64-bit registers: TTBR0/1, PAR, generic timer counters and comparators). */
    boolean cp15Read64(int opc1, int crm, int rt, int rt2) {
        long value;
        if (crm == 14) {
            if (mode == USR && !timer.pl0Read64(opc1)) return false;
            if (!timer.read64(opc1, wide)) return false;
            value = wide[0];
        } else if (mode == USR) {
            return false;
        } else if (crm == 2 && opc1 == 0) {
            value = (cp15.ttbr0 & 0xffffffffL) | ((long) cp15.ttbr0Hi << 32);
        } else if (crm == 2 && opc1 == 1) {
            value = (cp15.ttbr1 & 0xffffffffL) | ((long) cp15.ttbr1Hi << 32);
        } else if (crm == 7 && opc1 == 0) {
            value = (cp15.par & 0xffffffffL) | ((long) cp15.parHi << 32);
        } else {
            return false;
        }
        r[rt] = (int) value;
        r[rt2] = (int) (value >>> 32);
        return true;
    }

    boolean cp15Write64(int opc1, int crm, long value) {
        if (mode == USR) return false;
        if (crm == 14) return timer.write64(opc1, value);
        if (crm == 2 && opc1 <= 1) {
            if (opc1 == 0) { cp15.ttbr0 = (int) value; cp15.ttbr0Hi = (int) (value >>> 32); }
            else { cp15.ttbr1 = (int) value; cp15.ttbr1Hi = (int) (value >>> 32); }
            flushTlb();
            return true;
        }
        if (crm == 7 && opc1 == 0) {
            cp15.par = (int) value;
            cp15.parHi = (int) (value >>> 32);
            return true;
        }
        return false;
    }

    // =====================================================================================
    // Debugger (GDB stub): see A7Debug
    // =====================================================================================

    @Override
    public String gdbTargetXml(String annex) {
        return A7Debug.targetXml(annex);
    }

    @Override
    public int gdbRegisterCount() {
        return A7Debug.COUNT;
    }

    @Override
    public byte[] gdbReadRegister(int n) {
        return debug.read(n);
    }

    @Override
    public boolean gdbWriteRegister(int n, byte[] value) {
        return debug.write(n, value);
    }

    /**
     * Where the current translation regime maps {@code va}, whatever the permissions (a debugger
     * reads what the kernel can map), or -1: short-descriptor or LPAE tables as TTBCR.EAE says,
     * walked with side-effect-free reads; no fault is taken and no fault register changes.
     */
    @Override
    public long debugTranslate(long va) {
        if (va < 0 || va > 0xffffffffL) return -1;
        int savedFsr = mmu.faultFsr, savedStatus = mmu.faultStatus, savedDomain = mmu.faultDomain, savedBits = mmu.mappingBits;
        try {
            return mmu.probe((int) va);
        } finally {
            mmu.faultFsr = savedFsr;
            mmu.faultStatus = savedStatus;
            mmu.faultDomain = savedDomain;
            mmu.mappingBits = savedBits;
        }
    }

    @Override
    public void setBreakpoints(java.util.Set<Long> addresses) {
        debug.setBreakpoints(addresses);
        breakpointsSet = debug.hasBreakpoints();
    }

    @Override
    public void setWatchpoints(java.util.List<long[]> watchpoints) {
        watchpointsSet = debug.setWatchpoints(watchpoints);
        flushTlb(); // watched pages leave the soft TLB (and the others may enter it again)
    }

    @Override
    public void setDebugListener(Debuggable.Listener l) {
        debug.setListener(l);
    }

    // =====================================================================================
    // Diagnostics
    // =====================================================================================

    @Override
    public String describeState() {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 15; k++) {
            sb.append(String.format("r%-2d=%08x%s", k, r[k], k % 4 == 3 ? "\n" : " "));
        }
        sb.append(String.format("pc =%08x\ncpsr=%08x (%s%s) spsr=%08x sctlr=%08x ttbr0=%08x dfsr=%08x dfar=%08x",
                pc, cpsr(), ArmMode.name(mode), thumb ? ",thumb" : "", hasSpsr(mode) ? spsr[mode] : 0,
                cp15.sctlr, cp15.ttbr0, cp15.dfsr, cp15.dfar));
        int n = Math.min(branchCount, HISTORY);
        if (n > 0) sb.append("\nlast taken branches (oldest first):");
        for (int k = branchCount - n; k < branchCount; k++) {
            int slot = k & (HISTORY - 1);
            sb.append(String.format("%n  %08x -> %08x", branchFrom[slot], branchTo[slot]));
        }
        return sb.toString();
    }

    /** Instruction count for the register-value dumps of the differential tests. */
    public int spsrOf(int m) {
        return spsr[m];
    }
}
