package org.socemu.armv7;

import static org.socemu.armv7.ArmMode.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.socemu.core.cpu.Debuggable;

/**
 * What GDB sees of one Cortex-A7: registers in the numbering of the target description in
 * {@code org/socemu/armv7/gdb/}, and the breakpoints and watchpoints.
 *
 * <p>Register numbers: r0-r15 0-15, cpsr 16, d0-d31 17-48, fpscr 49 (the standard ARM features),
 * then the CP15 registers 50-63 and the banked registers of the other modes 64-93 (our own
 * features), all little-endian.
 *
 * <p>Breakpoints cost nothing while there are none, and little while there are some: the core
 * runs at full speed on every virtual page without a breakpoint, and steps one instruction at a
 * time, asking {@link #breakpointAt} before each, only on the pages that hold one (the hot loops
 * check the page whenever they enter another). Decoded code never changes, so a breakpoint
 * takes effect at the next instruction the core fetches from its page. Measured on the A7Bench
 * loop: 180 MIPS without breakpoints, about the same with one on another page, 85 with one on
 * the loop's own page.
 *
 * <p>Watchpoints keep the data pages they cover out of the soft TLB, so that every load and
 * store to those pages reaches the slow path, which asks {@link #access} before the access is
 * made. A hit stops the core before the instruction, with nothing of it done, as the A7's own
 * watchpoint debug event does; GDB (which knows ARM watchpoints as "non-steppable") then steps
 * over it with the watchpoint removed, and shows the old and new value.
 */
final class A7Debug {
    static final int PC = 15, CPSR = 16, D0 = 17, FPSCR = 49, CP15 = 50, BANKED = 64;
    static final int WATCH_WRITE = 2, WATCH_READ = 3, WATCH_ACCESS = 4;
    private static final Set<String> DOCUMENTS =
            Set.of("target.xml", "arm-core.xml", "arm-vfp.xml", "arm-neon.xml", "arm-cp15.xml", "arm-banked.xml");
    private static final long NONE = -1;

    /** CP15 registers in the order of arm-cp15.xml. */
    private static final int SCTLR = 0, TTBR0 = 1, TTBR1 = 2, TTBCR = 3, DACR = 4, DFSR = 5, IFSR = 6, DFAR = 7,
            IFAR = 8, VBAR = 9, CONTEXTIDR = 10, TPIDRURW = 11, TPIDRURO = 12, TPIDRPRW = 13, CP15_COUNT = 14;

    /**
     * The banked registers in the order of arm-banked.xml: {mode, register}, register 16 meaning
     * the mode's SPSR. User mode's r8-r12 are the ones FIQ mode hides.
     */
    private static final int SPSR = 16;
    private static final int[][] BANK = {
        {USR, 8}, {USR, 9}, {USR, 10}, {USR, 11}, {USR, 12}, {USR, 13}, {USR, 14},
        {FIQ, 8}, {FIQ, 9}, {FIQ, 10}, {FIQ, 11}, {FIQ, 12}, {FIQ, 13}, {FIQ, 14}, {FIQ, SPSR},
        {IRQ, 13}, {IRQ, 14}, {IRQ, SPSR},
        {SVC, 13}, {SVC, 14}, {SVC, SPSR},
        {ABT, 13}, {ABT, 14}, {ABT, SPSR},
        {UND, 13}, {UND, 14}, {UND, SPSR},
        {MON, 13}, {MON, 14}, {MON, SPSR},
    };
    static final int COUNT = BANKED + BANK.length;

    /** Stops the instruction at a watchpoint hit, before its access: the core has not changed. */
    static final class WatchStop extends RuntimeException {
        static final WatchStop INSTANCE = new WatchStop();

        private WatchStop() {
            super("watchpoint", null, false, false);
        }
    }

    private final CortexA7 cpu;
    private Debuggable.Listener listener;

    /** Sorted breakpoint addresses and the sorted virtual page numbers that hold them; null when none. */
    private long[] breakpoints;
    private int[] breakpointPages;
    /** Where the core last stopped at a breakpoint: continuing from there executes that instruction. */
    private long resumeAt = NONE;
    /** For the first instruction of this run only: a breakpoint address that must not stop the core. */
    private long skipPc = NONE;

    /** Watched ranges [start, end) with their types, the sorted pages they touch; null when none. */
    private long[] watchStart, watchEnd;
    private int[] watchType;
    private int[] watchPages;
    /** The instruction a watchpoint stopped (pc, and the retired count it is the next of). */
    private long watchStoppedPc = NONE, watchStoppedAt = NONE;
    /** While retired() is this, the instruction at the watch stop is being resumed: it does not stop again. */
    private long watchSkipAt = NONE;

    A7Debug(CortexA7 cpu) {
        this.cpu = cpu;
    }

    void setListener(Debuggable.Listener l) {
        listener = l;
    }

    /** Called when a run starts at {@code pc}: a stop at a breakpoint or watchpoint there is being resumed. */
    void runStarts(long pc) {
        skipPc = resumeAt == pc ? resumeAt : NONE;
        resumeAt = NONE;
        watchSkipAt = watchStoppedPc == pc && watchStoppedAt == cpu.retired() ? watchStoppedAt : NONE;
        watchStoppedPc = watchStoppedAt = NONE;
    }

    // ---- target description and registers ----

    static String targetXml(String annex) {
        if (!DOCUMENTS.contains(annex)) return null;
        try (InputStream in = A7Debug.class.getResourceAsStream("gdb/" + annex)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] read(int n) {
        if (n < 0 || n >= COUNT) return null;
        if (n >= D0 && n < FPSCR) return le(cpu.d[n - D0], 8);
        if (n == CP15 + TTBR0) return le((cpu.cp15().ttbr0 & 0xffffffffL) | (long) cpu.cp15().ttbr0Hi << 32, 8);
        if (n == CP15 + TTBR1) return le((cpu.cp15().ttbr1 & 0xffffffffL) | (long) cpu.cp15().ttbr1Hi << 32, 8);
        int v;
        if (n < PC) v = cpu.r[n];
        else if (n == PC) v = (int) cpu.pc();
        else if (n == CPSR) v = cpu.cpsr();
        else if (n == FPSCR) v = cpu.fpscr;
        else if (n < BANKED) v = cp15(n - CP15);
        else v = banked(BANK[n - BANKED]);
        return le(v & 0xffffffffL, 4);
    }

    /** Writes a register; false for the CP15 registers (shown, not changed: the guest owns the MMU) and bad sizes. */
    boolean write(int n, byte[] value) {
        if (n < 0 || n >= COUNT || n >= CP15 && n < BANKED) return false;
        if (value.length != (n >= D0 && n < FPSCR ? 8 : 4)) return false;
        long v = 0;
        for (int k = value.length - 1; k >= 0; k--) v = (v << 8) | (value[k] & 0xff);
        if (n < PC) cpu.r[n] = (int) v;
        else if (n == PC) cpu.setPc((cpu.thumb ? 1 : 0) | (v & ~1L));
        else if (n == CPSR) cpu.setCpsr((int) v);
        else if (n == FPSCR) cpu.fpscr = (int) v;
        else if (n < FPSCR) cpu.d[n - D0] = v;
        else setBanked(BANK[n - BANKED], (int) v);
        return true;
    }

    private int cp15(int k) {
        Cp15 c = cpu.cp15();
        return switch (k) {
            case SCTLR -> c.sctlr;
            case TTBCR -> c.ttbcr;
            case DACR -> c.dacr;
            case DFSR -> c.dfsr;
            case IFSR -> c.ifsr;
            case DFAR -> c.dfar;
            case IFAR -> c.ifar;
            case VBAR -> c.vbar;
            case CONTEXTIDR -> c.contextidr;
            case TPIDRURW -> c.tpidrurw;
            case TPIDRURO -> c.tpidruro;
            case TPIDRPRW -> c.tpidrprw;
            default -> throw new IllegalStateException("CP15 register " + k + " of " + CP15_COUNT);
        };
    }

    private int banked(int[] b) {
        return b[1] == SPSR ? cpu.spsr[b[0]] : cpu.bankedRead(b[0], b[1]);
    }

    private void setBanked(int[] b, int value) {
        if (b[1] == SPSR) cpu.spsr[b[0]] = value;
        else cpu.bankedWrite(b[0], b[1], value);
    }

    private static byte[] le(long v, int size) {
        byte[] b = new byte[size];
        for (int k = 0; k < size; k++) b[k] = (byte) (v >>> (8 * k));
        return b;
    }

    // ---- breakpoints ----

    void setBreakpoints(Set<Long> addresses) {
        if (addresses.isEmpty()) {
            breakpoints = null;
            breakpointPages = null;
            return;
        }
        // Thumb addresses come with bit 0 clear or set; the instruction is at the even address
        long[] a = addresses.stream().mapToLong(x -> x & 0xfffffffeL).distinct().sorted().toArray();
        breakpoints = a;
        breakpointPages = Arrays.stream(a).mapToInt(x -> (int) (x >>> 12)).distinct().sorted().toArray();
    }

    boolean hasBreakpoints() {
        return breakpoints != null;
    }

    /** True if the virtual page of {@code pc} holds a breakpoint (only asked while there are some). */
    boolean onBreakpointPage(int pc) {
        return Arrays.binarySearch(breakpointPages, pc >>> 12) >= 0;
    }

    /** Before the instruction at {@code pc}: true (and the listener told) if a breakpoint stops the core there. */
    boolean breakpointAt(long pc) {
        if (skipPc == pc) {
            skipPc = NONE;
            return false;
        }
        skipPc = NONE;
        if (Arrays.binarySearch(breakpoints, pc) < 0) return false;
        resumeAt = pc;
        if (listener != null) listener.breakpoint(cpu, pc);
        return true;
    }

    // ---- watchpoints ----

    /** {address, length, type} triples as the GDB stub gives them; true if any remain. */
    boolean setWatchpoints(List<long[]> points) {
        int n = points.size();
        if (n == 0) {
            watchStart = watchEnd = null;
            watchType = null;
            watchPages = null;
            return false;
        }
        long[] s = new long[n], e = new long[n];
        int[] t = new int[n];
        java.util.TreeSet<Integer> pages = new java.util.TreeSet<>();
        for (int i = 0; i < n; i++) {
            long[] p = points.get(i);
            s[i] = p[0] & 0xffffffffL;
            e[i] = Math.min(s[i] + Math.max(1, p[1]), 1L << 32);
            t[i] = (int) p[2];
            for (long page = s[i] >>> 12; page <= (e[i] - 1) >>> 12; page++) pages.add((int) page);
        }
        watchStart = s;
        watchEnd = e;
        watchType = t;
        watchPages = pages.stream().mapToInt(Integer::intValue).toArray();
        return true;
    }

    /** True if a watchpoint covers part of virtual page {@code vpn}: its accesses must not bypass the slow path. */
    boolean watchesPage(int vpn) {
        return watchPages != null && Arrays.binarySearch(watchPages, vpn) >= 0;
    }

    /**
     * Before a load or store of {@code size} bytes at {@code va}: if it hits a watchpoint, tells the
     * listener and throws {@link WatchStop}, so the instruction is not executed. The instruction a
     * watch stop is resumed at runs through (whether or not GDB removed the watchpoint first).
     */
    void access(int va, int size, boolean store) {
        if (watchType == null || watchSkipAt == cpu.retired()) return;
        long a = va & 0xffffffffL;
        for (int i = 0; i < watchType.length; i++) {
            int t = watchType[i];
            boolean kind = t == WATCH_ACCESS || t == (store ? WATCH_WRITE : WATCH_READ);
            if (kind && a < watchEnd[i] && a + size > watchStart[i]) {
                watchStoppedPc = cpu.pc();
                watchStoppedAt = cpu.retired();
                if (listener != null) listener.watchpoint(cpu, t, Math.max(a, watchStart[i]));
                throw WatchStop.INSTANCE;
            }
        }
    }
}
