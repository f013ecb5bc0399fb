package org.socemu.mips;

import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socemu.core.time.Clock;
import org.socemu.core.time.Event;
import org.socemu.core.time.Frequency;

/**
 * Coprocessor 0 of the 24Kc: the system control registers as the MIPS32 Privileged Resource
 * Architecture and the 24K Software User's Manual describe them, with the Count/Compare timer.
 * Register numbers are (reg, sel). Writes to unimplemented registers are ignored and reads give 0
 * (barebox writes several of them), both logged once.
 */
public final class Cp0 {
    private static final Logger log = LoggerFactory.getLogger(Cp0.class);

    // Register numbers (MIPS32 PRA table "Coprocessor 0 Registers").
    public static final int INDEX = 0, RANDOM = 1, ENTRYLO0 = 2, ENTRYLO1 = 3, CONTEXT = 4, PAGEMASK = 5,
            WIRED = 6, HWRENA = 7, BADVADDR = 8, COUNT = 9, ENTRYHI = 10, COMPARE = 11, STATUS = 12, CAUSE = 13,
            EPC = 14, PRID = 15, CONFIG = 16, LLADDR = 17, WATCHLO = 18, WATCHHI = 19, DEBUG = 23, DEPC = 24,
            ERRCTL = 26, TAGLO = 28, DATALO = 28, ERROREPC = 30, DESAVE = 31;

    // Status bits
    public static final int ST_IE = 1, ST_EXL = 1 << 1, ST_ERL = 1 << 2, ST_KSU = 3 << 3, ST_UM = 1 << 4,
            ST_IM = 0xFF00, ST_NMI = 1 << 19, ST_SR = 1 << 20, ST_TS = 1 << 21, ST_BEV = 1 << 22, ST_CU0 = 1 << 28;
    /** CU1-3 stay 0 (no FPU, no COP2), RE/MX/FR too: software reads back what the 24Kc has. */
    private static final int STATUS_WRITABLE = ST_CU0 | 0x08000000 /* RP */ | ST_BEV | ST_TS | ST_SR
            | ST_NMI | ST_IM | ST_KSU | ST_ERL | ST_EXL | ST_IE;
    static final int STATUS_RESET = ST_BEV | ST_ERL;

    // Cause bits
    public static final int CA_BD = 1 << 31, CA_TI = 1 << 30, CA_CE = 3 << 28, CA_DC = 1 << 27, CA_IV = 1 << 23,
            CA_WP = 1 << 22, CA_IP_SW = 0x300, CA_IP_HW = 0xFC00;
    private static final int CAUSE_WRITABLE = CA_DC | CA_IV | CA_WP | CA_IP_SW;

    // Debug bits
    static final int DBG_DBD = 1 << 31, DBG_DM = 1 << 30, DBG_DBP = 1 << 1;

    private final Mips24k cpu;
    final MipsConfig config;
    private final Clock clock;
    private final Frequency countRate;
    private final Event timer;
    private final Set<Integer> unimpLogged = new HashSet<>();

    int index, entryLo0, entryLo1, context, pageMask, wired, hwrEna, badVAddr, entryHi, compare;
    int status = STATUS_RESET, cause, epc, ebase = 0x80000000, intCtl, config0, lladdr;
    int watchLo, watchHi, debug, depc, errCtl, tagLo, dataLo, errorEpc, desave, userLocal;
    /** Hardware interrupt lines IP2..IP7, already at their Cause bit positions (15:10). */
    int hwLines;
    /** Count = ticks(now) + countBias (mod 2^32) while counting; the frozen value while Cause.DC. */
    private long countBias;
    private int countFrozen;
    /**
     * When the next Count == Compare is due: in virtual time, and as the retired-instruction count
     * at which the running core reaches it. The scheduler event alone would fire only at the end
     * of a time slice; Linux's c0_compare_int_usable() wants Cause.TI within 50 Count ticks, so
     * reads of Cause and the per-block interrupt check compare against these.
     */
    private long matchPs = Long.MAX_VALUE;
    private long matchRetired = Long.MAX_VALUE;

    Cp0(Mips24k cpu, MipsConfig config, Clock clock, long hz) {
        this.cpu = cpu;
        this.config = config;
        this.clock = clock;
        this.countRate = new Frequency(Math.max(1, hz / 2)); // Count ticks every second cycle
        this.timer = Event.of(cpu.id() + ".compare", now -> compareMatch());
        reset();
    }

    void reset() {
        index = entryLo0 = entryLo1 = context = pageMask = wired = hwrEna = badVAddr = entryHi = 0;
        compare = 0;
        status = STATUS_RESET;
        cause = epc = lladdr = watchLo = watchHi = depc = errCtl = tagLo = dataLo = errorEpc = desave = userLocal = 0;
        debug = 0;
        ebase = 0x80000000;
        intCtl = 7 << 29; // IPTI = 7: the timer raises IP7
        config0 = config.config0();
        countBias = -ticksNow();
        clock.cancel(timer);
        scheduleCompare();
    }

    // ---- mode predicates used on the hot path ----

    boolean kernelMode() {
        return (status & (ST_EXL | ST_ERL)) != 0 || (status & ST_KSU) == 0 || (debug & DBG_DM) != 0;
    }

    boolean userMode() {
        return !kernelMode() && (status & ST_KSU) == ST_UM;
    }

    boolean erl() {
        return (status & ST_ERL) != 0;
    }

    int asid() {
        return entryHi & 0xFF;
    }

    /** Cause as software reads it: stored bits, hardware lines, and the timer on IP7. */
    int cause() {
        if (cpu.retired() >= matchRetired) checkCompare();
        int c = cause | hwLines;
        if ((c & CA_TI) != 0) c |= 1 << (8 + ((intCtl >>> 29) & 7));
        return c;
    }

    /** Pending and unmasked interrupt lines (Cause.IP & Status.IM), regardless of IE. */
    int pendingUnmasked() {
        return cause() & status & 0xFF00;
    }

    /** An interrupt is to be taken now. */
    boolean interruptPending() {
        return (status & (ST_IE | ST_EXL | ST_ERL)) == ST_IE && (debug & DBG_DM) == 0 && pendingUnmasked() != 0;
    }

    // ---- Count / Compare ----

    private long ticksNow() {
        return countRate.ticksAt(clock.now());
    }

    int count() {
        if ((cause & CA_DC) != 0) return countFrozen;
        return (int) (ticksNow() + countBias);
    }

    private void setCount(int v) {
        if ((cause & CA_DC) != 0) countFrozen = v;
        else countBias = (v & 0xffffffffL) - ticksNow();
        scheduleCompare();
    }

    private void setCompare(int v) {
        compare = v;
        cause &= ~CA_TI; // writing Compare acknowledges the timer interrupt
        scheduleCompare();
    }

    /** Arms the event for the virtual time at which Count next equals Compare. */
    private void scheduleCompare() {
        if ((cause & CA_DC) != 0) {
            clock.cancel(timer);
            matchPs = matchRetired = Long.MAX_VALUE;
            return;
        }
        long now = clock.now();
        long t = countRate.ticksAt(now);
        long delta = (compare - (int) (t + countBias)) & 0xffffffffL;
        if (delta == 0) delta = 1L << 32;
        matchPs = countRate.timeOfTick(t + delta);
        // one instruction per core cycle while running: a lower bound for the exact check below
        matchRetired = cpu.retired() + Math.max(0, cpu.frequency().ticksAt(matchPs - now) - 1);
        clock.schedule(timer, matchPs);
    }

    private void checkCompare() {
        if (clock.now() >= matchPs) compareMatch();
    }

    private void compareMatch() {
        cause |= CA_TI;
        scheduleCompare(); // the next match is one full wrap later unless software writes Compare
    }

    // ---- MFC0 / MTC0 ----

    int read(int reg, int sel) {
        switch (reg << 3 | sel) {
            case INDEX << 3: return index;
            case RANDOM << 3: return random();
            case ENTRYLO0 << 3: return entryLo0;
            case ENTRYLO1 << 3: return entryLo1;
            case CONTEXT << 3: return context;
            case CONTEXT << 3 | 2: return userLocal;
            case PAGEMASK << 3: return pageMask;
            case WIRED << 3: return wired;
            case HWRENA << 3: return hwrEna;
            case BADVADDR << 3: return badVAddr;
            case COUNT << 3: return count();
            case ENTRYHI << 3: return entryHi;
            case COMPARE << 3: return compare;
            case STATUS << 3: return status;
            case STATUS << 3 | 1: return intCtl;
            case STATUS << 3 | 2: return 0; // SRSCtl: no shadow register sets
            case STATUS << 3 | 3: return 0; // SRSMap
            case CAUSE << 3: return cause();
            case EPC << 3: return epc;
            case PRID << 3: return config.prid();
            case PRID << 3 | 1: return ebase;
            case CONFIG << 3: return config0;
            case CONFIG << 3 | 1: return config.config1();
            case CONFIG << 3 | 2: return config.config2();
            case CONFIG << 3 | 3: return config.config3();
            case CONFIG << 3 | 7: return config.config7();
            case LLADDR << 3: return lladdr;
            case WATCHLO << 3: return watchLo;
            case WATCHHI << 3: return watchHi;
            case DEBUG << 3: return debug;
            case DEPC << 3: return depc;
            case ERRCTL << 3: return errCtl;
            case TAGLO << 3: return tagLo;
            case DATALO << 3 | 1: return dataLo;
            case ERROREPC << 3: return errorEpc;
            case DESAVE << 3: return desave;
            default:
                unimplemented("read", reg, sel);
                return 0;
        }
    }

    void write(int reg, int sel, int v) {
        switch (reg << 3 | sel) {
            case INDEX << 3 -> index = (index & 0x80000000) | (v & indexMask());
            case ENTRYLO0 << 3 -> entryLo0 = v & 0x03FFFFFF;
            case ENTRYLO1 << 3 -> entryLo1 = v & 0x03FFFFFF;
            case CONTEXT << 3 -> context = (context & 0x007FFFF0) | (v & 0xFF800000);
            case CONTEXT << 3 | 2 -> userLocal = v;
            case PAGEMASK << 3 -> pageMask = v & 0x1FFFE000;
            case WIRED << 3 -> wired = v & indexMask();
            case HWRENA << 3 -> hwrEna = v & 0x2000000F;
            case BADVADDR << 3 -> { } // read-only
            case COUNT << 3 -> setCount(v);
            case ENTRYHI << 3 -> {
                int old = entryHi;
                entryHi = v & 0xFFFFE0FF;
                if ((old & 0xFF) != (entryHi & 0xFF)) cpu.mmu.asidChanged();
            }
            case COMPARE << 3 -> setCompare(v);
            case STATUS << 3 -> setStatus((status & ~STATUS_WRITABLE) | (v & STATUS_WRITABLE));
            case STATUS << 3 | 1 -> intCtl = (intCtl & ~0x3E0) | (v & 0x3E0);
            case STATUS << 3 | 2, STATUS << 3 | 3 -> { } // no shadow sets
            case CAUSE << 3 -> setCause((cause & ~CAUSE_WRITABLE) | (v & CAUSE_WRITABLE));
            case EPC << 3 -> epc = v;
            case PRID << 3 | 1 -> ebase = 0x80000000 | (v & 0x3FFFF000); // CPUNum stays 0
            case CONFIG << 3 -> config0 = (config0 & ~7) | (v & 7); // only K0 is writable
            case CONFIG << 3 | 1, CONFIG << 3 | 2, CONFIG << 3 | 3, CONFIG << 3 | 7, PRID << 3, RANDOM << 3 -> { }
            case LLADDR << 3 -> { }
            case WATCHLO << 3 -> watchLo = v;
            case WATCHHI << 3 -> watchHi = (watchHi & ~(v & 7)) | (v & 0x40FF0FF8); // I/R/W are write-one-to-clear
            case DEBUG << 3 -> debug = (debug & ~0x10000000) | (v & 0x10000000) ; // only debug-mode software may change more
            case DEPC << 3 -> depc = v;
            case ERRCTL << 3 -> errCtl = v;
            case TAGLO << 3 -> tagLo = v;
            case DATALO << 3 | 1 -> dataLo = v;
            case ERROREPC << 3 -> errorEpc = v;
            case DESAVE << 3 -> desave = v;
            default -> unimplemented("write", reg, sel);
        }
    }

    void setStatus(int v) {
        int old = status;
        status = v;
        if (((old ^ v) & (ST_EXL | ST_ERL | ST_KSU)) != 0) cpu.mmu.modeChanged();
    }

    private void setCause(int v) {
        boolean wasStopped = (cause & CA_DC) != 0;
        if (!wasStopped && (v & CA_DC) != 0) countFrozen = count();
        cause = v;
        if (wasStopped && (v & CA_DC) == 0) setCount(countFrozen);
        else if (!wasStopped && (v & CA_DC) != 0) scheduleCompare();
    }

    void setExcCode(int code) {
        cause = (cause & ~0x7C) | (code << 2);
    }

    private int indexMask() {
        return Integer.highestOneBit(Math.max(1, config.tlbEntries() - 1)) * 2 - 1;
    }

    /**
     * Random counts down between Wired and the last entry. We derive it from the retired
     * instruction count, so it is deterministic and changes between TLBWR instructions.
     */
    int random() {
        int n = config.tlbEntries();
        int span = n - Math.min(wired, n - 1);
        return n - 1 - (int) Long.remainderUnsigned(cpu.retired(), span);
    }

    private void unimplemented(String what, int reg, int sel) {
        if (unimpLogged.add(reg << 3 | sel))
            log.debug("{}: {} of unimplemented CP0 register {} select {} ignored", cpu.id(), what, reg, sel);
    }
}
