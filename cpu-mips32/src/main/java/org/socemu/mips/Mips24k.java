package org.socemu.mips;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.socemu.core.cpu.Cpu;
import org.socemu.core.cpu.Debuggable;
import org.socemu.core.irq.IrqLine;
import org.socemu.core.machine.CoreContext;
import org.socemu.core.mem.BusView;
import org.socemu.core.mem.Mapping;
import org.socemu.core.mem.Ram;
import org.socemu.core.mem.SoftTlb;
import org.socemu.core.time.Clock;
import org.socemu.core.time.Frequency;

/**
 * The MIPS32 release 2 24Kc core: GPRs, HI/LO, CP0 ({@link Cp0}), the JTLB ({@link Tlb}) with
 * its soft TLBs ({@link Mmu}), decoded blocks ({@link BlockCache}) and the delay-slot machinery.
 *
 * <p>Execution runs decoded blocks. A branch records its target; its delay slot (the block's last
 * instruction) runs; then the PC moves to the target. When a delay slot lies on the next page, or
 * the budget ends between a branch and its slot, the branch is left "pending" and the next block
 * runs just the slot. Exceptions taken inside an instruction set CP0 and the PC and unwind with
 * {@link GuestTrap}; interrupts are taken between blocks.
 *
 * <p>Interrupt inputs are the pins "2".."7" (Cause.IP2-IP7), level-sensitive.
 *
 * <p>Debugging ({@link Debuggable}): registers in GDB's numbering ({@link MipsGdbRegisters}),
 * breakpoints and watchpoints ({@link MipsDebug}). A debugger stop always falls on an instruction
 * boundary outside a delay slot.
 */
public final class Mips24k implements Cpu, Debuggable {
    private final String id;
    private final Frequency frequency;
    private final BusView view;

    // architectural state
    final int[] r = new int[32];
    int hi, lo;
    boolean llBit;
    final Cp0 cp0;
    final Tlb tlb;
    final Mmu mmu;
    final Exceptions exc;
    final BlockCache blocks;
    private final IrqLine[] lines = new IrqLine[8];

    /** PC of the next instruction while between blocks. */
    private int pc;
    private long retiredBase;

    // block execution state
    private boolean inBlock;
    private int blockVa;
    /** Index in the current block of the instruction being executed. */
    int idx;
    /** How many of the block's instructions to run; a redirect sets it to 0. */
    int blockEnd;
    private boolean delaySlot;
    private int branchIdx;
    private int branchTarget;
    private boolean redirected;
    private boolean pendingDelay;
    private int pendingTarget;

    boolean waiting;
    /** Told when the core executes WAIT with every interrupt masked (it can only be reset now); may be null. */
    Runnable haltHandler;
    org.socemu.core.machine.Trace trace = new org.socemu.core.machine.Trace();
    /** A kernel's halt loop (e.g. ath79_halt, which waits with interrupts on): reaching it also halts; -1 for none. */
    private int haltAddress = -1;
    private volatile boolean exitRequested;
    /** A breakpoint or watchpoint stopped the core: {@link #run} returns. */
    boolean debugStop;
    final MipsDebug debug = new MipsDebug(this);
    /** Start addresses of the last blocks run, for error reports ("the core's last PCs"). */
    private final int[] recentBlocks = new int[16];
    private int recentPos;

    public Mips24k(CoreContext ctx) {
        this(ctx.id(), ctx.hz(), ctx.view(), ctx.clock(), MipsConfig.from(ctx.props(), ctx.view().endian()));
    }

    public Mips24k(String id, long hz, BusView view, Clock clock, MipsConfig config) {
        this.id = id;
        this.frequency = new Frequency(hz);
        this.view = view;
        this.cp0 = new Cp0(this, config, clock, hz);
        this.tlb = new Tlb(config.tlbEntries());
        this.mmu = new Mmu(cp0, tlb, view, config.busErrors());
        this.exc = new Exceptions(this, cp0);
        this.mmu.exc = exc;
        this.blocks = new BlockCache(view);
        listenForCode();
        for (int n = 2; n <= 7; n++) {
            final int bit = 1 << (8 + n);
            lines[n] = new IrqLine(id + ":" + n, high -> cp0.hwLines = high ? cp0.hwLines | bit : cp0.hwLines & ~bit);
        }
        reset();
    }

    /** Every RAM this core can see tells the block cache and the soft TLBs about code pages. */
    private void listenForCode() {
        Map<Ram, Boolean> seen = new IdentityHashMap<>();
        for (Mapping m : view.mappings()) {
            Ram ram = m.target().ram();
            if (ram == null || seen.put(ram, Boolean.TRUE) != null) continue;
            ram.addCodeListener(blocks);
            for (SoftTlb t : mmu.softTlbs()) ram.addCodeListener(t);
        }
    }

    // ---- Cpu ----

    @Override public String id() { return id; }
    @Override public String type() { return Mips24kType.NAME; }
    @Override public Frequency frequency() { return frequency; }
    @Override public long retired() { return retiredBase + idx; }
    @Override public boolean isRunnable() { return true; }
    @Override public void requestExit() { exitRequested = true; }
    @Override public void clearExclusive() { llBit = false; }

    @Override
    public boolean isWaiting() {
        return waiting && cp0.pendingUnmasked() == 0;
    }

    /** Power-on reset: ERL and BEV set, PC at the boot vector 0xBFC00000. */
    @Override
    public void reset() {
        java.util.Arrays.fill(r, 0);
        hi = lo = 0;
        llBit = false;
        cp0.reset();
        tlb.reset();
        mmu.modeChanged();
        mmu.flush();
        blocks.flush();
        pc = 0xBFC00000;
        inBlock = delaySlot = redirected = pendingDelay = waiting = false;
        idx = 0;
    }

    @Override
    public IrqLine input(String pin) {
        int n;
        try {
            n = Integer.parseInt(pin.startsWith("ip") ? pin.substring(2) : pin);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 2 || n > 7) throw new IllegalArgumentException(id + ": no interrupt input '" + pin + "' (pins are 2..7)");
        return lines[n];
    }

    @Override
    public long run(long budget) {
        exitRequested = false;
        long start = retiredBase;
        long stop = start + budget;
        if (waiting) {
            if (cp0.pendingUnmasked() == 0) return 0;
            waiting = false;
        }
        debugStop = false;
        debug.runStarts(pc);
        while (retiredBase < stop && !exitRequested && !debugStop) {
            try {
                if (!pendingDelay && cp0.interruptPending()) exc.interrupt();
                recentBlocks[recentPos++ & 15] = pc;
                if (pc == haltAddress && haltHandler != null) haltHandler.run();
                Block b = blocks.get(mmu.fetchPhys(pc));
                int limit = (int) Math.min(b.length, stop - retiredBase);
                if (trace.insn) {
                    limit = 1;
                    trace.out.printf("%s: %08x: %08x%n", id, pc, b.raw[0]);
                }
                if (debug.breakpoints != null && !pendingDelay && (limit = debug.breakpointLimit(pc, b, limit)) == 0) break;
                execute(b, limit);
            } catch (GuestTrap t) {
                trapped();
            }
            if (waiting) break;
        }
        if (pendingDelay && debug.attached()) finishDelaySlot();
        return retiredBase - start;
    }

    /**
     * The run ended between a branch and its delay slot (budget, exit request): a debugger must
     * not see the core there, so the slot runs now, one instruction past the budget.
     */
    private void finishDelaySlot() {
        try {
            execute(blocks.get(mmu.fetchPhys(pc)), 1);
        } catch (GuestTrap t) {
            trapped();
        }
    }

    /** A watchpoint hit: the block ends after the current instruction and {@link #run} returns. */
    void stopAfterThisInstruction() {
        blockEnd = 0;
        debugStop = true;
    }

    private void execute(Block b, int limit) {
        blockVa = pc;
        inBlock = true;
        redirected = false;
        if (pendingDelay) {
            // Only the delay slot of a branch that ended the previous block runs here.
            pendingDelay = false;
            limit = 1;
            delaySlot = true;
            branchIdx = -1;
            branchTarget = pendingTarget;
        }
        blockEnd = limit;
        int k = Executor.runBlock(this, b.ops, b.raw);
        retiredBase += k;
        idx = 0;
        inBlock = false;
        if (redirected) {
            pc = branchTarget;
        } else if (delaySlot) {
            if (branchIdx == k - 1) { // the branch ran, its slot did not: run it first next time
                pendingDelay = true;
                pendingTarget = branchTarget;
                pc = blockVa + 4 * k;
            } else {
                pc = branchTarget;
            }
        } else {
            pc = blockVa + 4 * k;
        }
        delaySlot = false;
        redirected = false;
    }

    /**
     * An exception was taken (the PC is at its vector). The faulting instruction counts as one
     * step, so that a storm of faults still uses up the budget and lets time advance.
     */
    private void trapped() {
        retiredBase += inBlock ? idx + 1 : 1;
        idx = 0;
        inBlock = false;
        delaySlot = false;
        redirected = false;
        pendingDelay = false;
    }

    // ---- used by the handlers ----

    /** Writes GPR {@code n}; $0 stays zero. */
    void set(int n, int v) {
        if (n != 0) r[n] = v;
    }

    int currentPc() {
        return blockVa + (idx << 2);
    }

    int branchTarget(int insn) {
        return currentPc() + 4 + (((short) insn) << 2);
    }

    int jumpTarget(int insn) {
        return ((currentPc() + 4) & 0xF0000000) | ((insn & 0x03FFFFFF) << 2);
    }

    /**
     * A branch or jump: the delay slot runs next, then the target (or the instruction after the
     * slot). A branch inside a delay slot is UNPREDICTABLE; we run it as not taken (barebox has
     * one such never-taken branch).
     */
    void branch(boolean taken, int target) {
        if (delaySlot) return;
        delaySlot = true;
        branchIdx = idx;
        branchTarget = taken ? target : currentPc() + 8;
    }

    /** Branch likely: a branch not taken nullifies its delay slot. */
    void branchLikely(boolean taken, int target) {
        if (delaySlot) return;
        if (taken) branch(true, target);
        else redirect(currentPc() + 8);
    }

    void branchAndLink(boolean taken, int target, boolean likely) {
        if (delaySlot) return;
        int link = currentPc() + 8;
        if (likely) branchLikely(taken, target);
        else branch(taken, target);
        r[31] = link;
    }

    void jumpAndLink(int target, int linkReg) {
        if (delaySlot) return;
        int link = currentPc() + 8;
        branch(true, target);
        set(linkReg, link);
    }

    /** Ends the block after this instruction and continues at {@code target} (no delay slot). */
    void redirect(int target) {
        branchTarget = target;
        redirected = true;
        blockEnd = 0;
    }

    /** Called by {@link Exceptions}: the handler starts at {@code vector}. */
    void redirectAfterException(int vector) {
        pc = vector;
        delaySlot = false;
        pendingDelay = false;
    }

    /** PC of the instruction being executed (or about to be fetched), for EPC. */
    int faultPc() {
        return inBlock ? currentPc() : pc;
    }

    /** Whether the faulting instruction sits in a branch delay slot (Cause.BD). */
    boolean faultInDelaySlot() {
        return inBlock ? delaySlot && idx != branchIdx : pendingDelay;
    }

    // ---- public API for boot protocols, debuggers and tests ----

    @Override
    public long pc() {
        return (inBlock ? currentPc() : pc) & 0xFFFFFFFFL;
    }

    @Override
    public void setPc(long value) {
        pc = (int) value;
        pendingDelay = false;
        waiting = false;
    }

    @Override
    public long register(int n) {
        return r[n] & 0xFFFFFFFFL;
    }

    @Override
    public void setRegister(int n, long value) {
        set(n, (int) value);
    }

    public int hi() { return hi; }
    public int lo() { return lo; }
    public void setHi(int v) { hi = v; }
    public void setLo(int v) { lo = v; }

    /** MFC0 as the debugger sees it (Count reads the current virtual time). */
    public int cp0(int reg, int sel) {
        return cp0.read(reg, sel);
    }

    /** MTC0 with the architectural side effects (Compare acknowledges the timer, EntryHi's ASID, ...). */
    public void setCp0(int reg, int sel, int value) {
        cp0.write(reg, sel, value);
    }

    public int status() { return cp0.status; }

    /** Sets Status (all writable bits), as a boot protocol does before jumping to a kernel. */
    public void setStatus(int value) {
        cp0.write(Cp0.STATUS, 0, value);
    }

    /** Writes JTLB entry {@code index} directly (boot protocols, tests). */
    public void writeTlb(int index, int entryHi, int entryLo0, int entryLo1, int pageMask) {
        int eh = cp0.entryHi, l0 = cp0.entryLo0, l1 = cp0.entryLo1, pm = cp0.pageMask;
        cp0.entryHi = entryHi & 0xFFFFE0FF;
        cp0.entryLo0 = entryLo0 & 0x03FFFFFF;
        cp0.entryLo1 = entryLo1 & 0x03FFFFFF;
        cp0.pageMask = pageMask & 0x1FFFE000;
        mmu.entryReplaced(index % tlb.size());
        tlb.write(cp0, index % tlb.size());
        cp0.entryHi = eh;
        cp0.entryLo0 = l0;
        cp0.entryLo1 = l1;
        cp0.pageMask = pm;
        mmu.flush();
    }

    /** Decoded blocks created so far (benchmarks, tests). */
    public long decodedBlocks() {
        return blocks.decodedBlocks();
    }

    @Override
    public BusView view() {
        return view;
    }

    @Override
    public void setTrace(org.socemu.core.machine.Trace t) {
        this.trace = t;
    }

    /**
     * What the board does when the core halts for good (WAIT with Status.IM all clear): the
     * AR9331 boards power off, as Linux's poweroff means there (the chip has no power switch).
     */
    public void setHaltHandler(Runnable handler) {
        this.haltHandler = handler;
    }

    /**
     * The entry of a kernel's halt loop, which the handler also treats as a halt: Linux on ath79
     * powers off into {@code ath79_halt}, an endless WAIT with the timer still ticking, which no
     * register tells apart from idle. -1 for none.
     */
    public void setHaltAddress(long address) {
        this.haltAddress = (int) address;
    }

    // ---- Debuggable ----

    @Override
    public String gdbTargetXml(String annex) {
        return MipsGdbRegisters.targetXml(annex);
    }

    @Override
    public int gdbRegisterCount() {
        return MipsGdbRegisters.COUNT;
    }

    @Override
    public byte[] gdbReadRegister(int n) {
        return MipsGdbRegisters.read(this, n);
    }

    @Override
    public boolean gdbWriteRegister(int n, byte[] value) {
        return MipsGdbRegisters.write(this, n, value);
    }

    @Override
    public long debugTranslate(long va) {
        return mmu.debugTranslate((int) va);
    }

    @Override
    public void setBreakpoints(Set<Long> addresses) {
        debug.setBreakpoints(addresses);
    }

    @Override
    public void setWatchpoints(List<long[]> watchpoints) {
        mmu.watch = debug.setWatchpoints(watchpoints) ? debug : null;
        mmu.flush(); // soft-TLB entries filled earlier may cover watched pages
    }

    @Override
    public void setDebugListener(Listener l) {
        debug.setListener(l);
    }

    @Override
    public String describeState() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s pc=%08x status=%08x cause=%08x epc=%08x badvaddr=%08x hi=%08x lo=%08x%n",
                id, pc(), cp0.status, cp0.cause(), cp0.epc, cp0.badVAddr, hi, lo));
        for (int n = 0; n < 32; n++)
            sb.append(String.format("$%-2d=%08x%s", n, r[n], n % 8 == 7 ? "\n" : " "));
        sb.append("last blocks (oldest first):");
        for (int k = 0; k < 16; k++) sb.append(String.format(" %08x", recentBlocks[(recentPos + k) & 15]));
        return sb.append('\n').toString();
    }
}
