package org.socemu.mips;

import java.util.List;
import java.util.Set;
import org.socemu.core.cpu.Debuggable;

/**
 * The debugger's breakpoints and watchpoints on one 24Kc, and the checks the core makes for them.
 *
 * <p>Breakpoints cost nothing while there are none ({@link #breakpoints} is null; the run loop
 * tests that once per block). With breakpoints, each block is cut short before the first one it
 * holds, so decoded blocks never change and need no flush. A breakpoint in a delay slot stops the
 * core before the branch instead: the core never stops between a branch and its slot.
 *
 * <p>Watchpoints live on the MMU's slow path: while any exist, pages they cover never enter the soft
 * TLB for the watched kind of access, so every such access reaches {@link #access}, which stops
 * the core after the instruction. Other pages keep the fast path. kseg0 and kseg1 show the same
 * memory, so a watchpoint on one also catches accesses through the other (a driver's uncached
 * alias); aliases made by the JTLB are not followed.
 */
final class MipsDebug {
    static final int WATCH_WRITE = 2, WATCH_READ = 3, WATCH_ACCESS = 4;
    private static final long NONE = -1;
    private static final long MASK32 = 0xFFFFFFFFL;

    private final Mips24k cpu;
    private Debuggable.Listener listener;

    /** Sorted breakpoint addresses (unsigned 32-bit), or null when there are none. */
    long[] breakpoints;
    /** Where the core last stopped at a breakpoint: resuming there executes that instruction. */
    private long resumeAt = NONE;
    /** For the first block of this run only: the breakpoint address that must not stop the core. */
    private long skipPc = NONE;

    /** Watched ranges [start, end) with kseg1 folded onto kseg0, and each as GDB gave it. */
    private long[] watchStart, watchEnd, watchAsked;
    private int[] watchType;

    MipsDebug(Mips24k cpu) {
        this.cpu = cpu;
    }

    void setListener(Debuggable.Listener l) {
        listener = l;
    }

    /** A debugger is attached: stops must land on instruction boundaries it can show. */
    boolean attached() {
        return listener != null;
    }

    // ---- breakpoints ----

    void setBreakpoints(Set<Long> addresses) {
        if (addresses.isEmpty()) {
            breakpoints = null;
            return;
        }
        long[] a = new long[addresses.size()];
        int n = 0;
        for (long x : addresses) a[n++] = x & MASK32;
        java.util.Arrays.sort(a);
        breakpoints = a;
    }

    /** Called when {@link Mips24k#run} starts at {@code pc}: a stop at a breakpoint there is being resumed. */
    void runStarts(int pc) {
        skipPc = resumeAt == (pc & MASK32) ? resumeAt : NONE;
        resumeAt = NONE;
    }

    /**
     * How many of block {@code b}'s instructions (starting at {@code pc}) may run before a
     * breakpoint, at most {@code limit}. Zero means a breakpoint is at {@code pc}: the listener has
     * been told and the core must return.
     */
    int breakpointLimit(int pc, Block b, int limit) {
        long start = pc & MASK32;
        long from = start;
        if (skipPc == start) from += b.ops[0].branch ? 8 : 4; // resuming: the instruction (and its slot) run
        skipPc = NONE;
        int k = java.util.Arrays.binarySearch(breakpoints, from);
        if (k < 0) k = -k - 1;
        if (k == breakpoints.length) return limit;
        long index = (breakpoints[k] - start) >>> 2;
        if (index > b.length) return limit;
        int n = (int) index;
        boolean afterBranch = n > 0 && b.ops[n - 1].branch && !(n >= 2 && b.ops[n - 2].branch);
        if (n == b.length && !afterBranch) return limit; // past the block, not a delay slot
        if (afterBranch) n--; // a breakpoint in a delay slot stops before its branch
        if (n > 0) return Math.min(n, limit);
        stop();
        resumeAt = start;
        if (listener != null) listener.breakpoint(cpu, start);
        return 0;
    }

    private void stop() {
        cpu.debugStop = true;
    }

    // ---- watchpoints ----

    /** {address, length, type} triples as the GDB stub gives them; true if any remain. */
    boolean setWatchpoints(List<long[]> points) {
        int n = points.size();
        if (n == 0) {
            watchStart = watchEnd = watchAsked = null;
            watchType = null;
            return false;
        }
        long[] s = new long[n], e = new long[n], asked = new long[n];
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            long[] p = points.get(i);
            asked[i] = p[0] & MASK32;
            s[i] = unaliased(asked[i]);
            e[i] = s[i] + Math.max(1, p[1]);
            t[i] = (int) p[2];
        }
        watchStart = s;
        watchAsked = asked;
        watchEnd = e;
        watchType = t;
        return true;
    }

    /** kseg1 addresses as their kseg0 twins; others as they are. */
    private static long unaliased(long va) {
        return va >= 0xA0000000L && va < 0xC0000000L ? va - 0x20000000L : va;
    }

    private static boolean matches(int type, boolean store) {
        return type == WATCH_ACCESS || type == (store ? WATCH_WRITE : WATCH_READ);
    }

    /** Whether virtual page {@code vpn} holds watched bytes for loads (or stores): it must stay off the soft TLB. */
    boolean watchesPage(int vpn, boolean store) {
        long page = unaliased((vpn & 0xFFFFFL) << 12) >>> 12;
        for (int i = 0; i < watchType.length; i++)
            if (matches(watchType[i], store) && watchStart[i] >>> 12 <= page && (watchEnd[i] - 1) >>> 12 >= page) return true;
        return false;
    }

    /** A load or store of {@code size} bytes at {@code va} has completed: stop after this instruction if it hit a watchpoint. */
    void access(int va, int size, boolean store) {
        if (cpu.debugStop) return; // one report per instruction (SWL/SWR read before they write)
        long a = unaliased(va & MASK32);
        for (int i = 0; i < watchType.length; i++) {
            if (matches(watchType[i], store) && a < watchEnd[i] && a + size > watchStart[i]) {
                cpu.stopAfterThisInstruction();
                // GDB finds the watchpoint by address: report one inside the range it asked for
                long hit = Math.max(a, watchStart[i]) + (watchAsked[i] - watchStart[i]);
                if (listener != null) listener.watchpoint(cpu, watchType[i], hit);
                return;
            }
        }
    }
}
