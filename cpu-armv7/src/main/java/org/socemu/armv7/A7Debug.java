package org.socemu.armv7;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.socemu.core.cpu.Debuggable;

/**
 * What GDB sees of one Cortex-A7: registers in the numbering of the target description in
 * {@code org/socemu/armv7/gdb/} (r0-r15 0-15, cpsr 16, d0-d31 17-48, fpscr 49, CP15 50-63, all
 * little-endian), and the breakpoints and watchpoints.
 *
 * <p>Breakpoints cost nothing while there are none: with some, {@link CortexA7#run} steps one
 * instruction at a time and asks {@link #breakpointAt} before each, so decoded code never changes.
 * Watchpoints keep every data page out of the soft TLB while any exist, so each load and store
 * reaches the slow path, which reports hits through {@link #access}; the core stops after the
 * instruction, as on hardware.
 */
final class A7Debug {
    static final int PC = 15, CPSR = 16, D0 = 17, FPSCR = 49, CP15 = 50, COUNT = 64;
    static final int WATCH_WRITE = 2, WATCH_READ = 3, WATCH_ACCESS = 4;
    private static final Set<String> DOCUMENTS = Set.of("target.xml", "arm-core.xml", "arm-vfp.xml", "arm-neon.xml", "arm-cp15.xml");
    private static final long NONE = -1;

    private final CortexA7 cpu;
    private Debuggable.Listener listener;

    /** Sorted breakpoint addresses, or null when there are none. */
    private long[] breakpoints;
    /** Where the core last stopped at a breakpoint: continuing from there executes that instruction. */
    private long resumeAt = NONE;
    /** For the first instruction of this run only: a breakpoint address that must not stop the core. */
    private long skipPc = NONE;

    private long[] watchStart, watchEnd;
    private int[] watchType;

    A7Debug(CortexA7 cpu) {
        this.cpu = cpu;
    }

    void setListener(Debuggable.Listener l) {
        listener = l;
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
        int v;
        if (n < PC) v = cpu.r[n];
        else if (n == PC) v = (int) cpu.pc();
        else if (n == CPSR) v = cpu.cpsr();
        else if (n == FPSCR) v = cpu.fpscr;
        else v = cp15(n - CP15);
        return le(v & 0xffffffffL, 4);
    }

    boolean write(int n, byte[] value) {
        if (n < 0 || n >= CP15) return false; // CP15 is shown, not changed: use the guest for that
        long v = 0;
        for (int k = value.length - 1; k >= 0; k--) v = (v << 8) | (value[k] & 0xff);
        if (n < PC) cpu.r[n] = (int) v;
        else if (n == PC) cpu.setPc((cpu.thumb ? 1 : 0) | (v & ~1L));
        else if (n == CPSR) cpu.setCpsr((int) v);
        else if (n == FPSCR) cpu.fpscr = (int) v;
        else cpu.d[n - D0] = v;
        return true;
    }

    private int cp15(int k) {
        Cp15 c = cpu.cp15();
        return switch (k) {
            case 0 -> c.sctlr;
            case 1 -> c.ttbr0;
            case 2 -> c.ttbr1;
            case 3 -> c.ttbcr;
            case 4 -> c.dacr;
            case 5 -> c.dfsr;
            case 6 -> c.ifsr;
            case 7 -> c.dfar;
            case 8 -> c.ifar;
            case 9 -> c.vbar;
            case 10 -> c.contextidr;
            case 11 -> c.tpidrurw;
            case 12 -> c.tpidruro;
            default -> c.tpidrprw;
        };
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
            return;
        }
        long[] a = new long[addresses.size()];
        int n = 0;
        for (long x : addresses) a[n++] = x & 0xfffffffeL; // Thumb addresses come with bit 0 clear or set
        java.util.Arrays.sort(a);
        breakpoints = a;
    }

    boolean hasBreakpoints() {
        return breakpoints != null;
    }

    /** Called when a run starts at {@code pc}: a stop at a breakpoint there is being resumed. */
    void runStarts(long pc) {
        skipPc = resumeAt == pc ? resumeAt : NONE;
        resumeAt = NONE;
    }

    /** Before the instruction at {@code pc}: true (and the listener told) if a breakpoint stops the core there. */
    boolean breakpointAt(long pc) {
        if (skipPc == pc) {
            skipPc = NONE;
            return false;
        }
        skipPc = NONE;
        if (java.util.Arrays.binarySearch(breakpoints, pc) < 0) return false;
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
            return false;
        }
        long[] s = new long[n], e = new long[n];
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            long[] p = points.get(i);
            s[i] = p[0] & 0xffffffffL;
            e[i] = s[i] + Math.max(1, p[1]);
            t[i] = (int) p[2];
        }
        watchStart = s;
        watchEnd = e;
        watchType = t;
        return true;
    }

    boolean watching() {
        return watchType != null;
    }

    /** A load or store of {@code size} bytes at {@code va} completed: true if it hit a watchpoint (listener told). */
    boolean access(int va, int size, boolean store) {
        long a = va & 0xffffffffL;
        for (int i = 0; i < watchType.length; i++) {
            int t = watchType[i];
            boolean kind = t == WATCH_ACCESS || t == (store ? WATCH_WRITE : WATCH_READ);
            if (kind && a < watchEnd[i] && a + size > watchStart[i]) {
                if (listener != null) listener.watchpoint(cpu, t, Math.max(a, watchStart[i]));
                return true;
            }
        }
        return false;
    }
}
