package org.socemu.core.gdb;

import java.util.List;

/**
 * What the GDB remote stub needs from the machine: threads (one per core of one architecture),
 * registers in GDB's numbering, memory through a core's MMU, breakpoints, and all-stop execution
 * control. The machine side implements it over its cores; tests implement it with fakes.
 * All methods except {@link #interrupt} are called while the machine is stopped.
 */
public interface GdbTarget {
    /** Why the machine stopped. */
    record Stop(int thread, Reason reason, long address) {}

    enum Reason { SIGNAL_INT, BREAKPOINT, WATCH_WRITE, WATCH_READ, WATCH_ACCESS, STEP, EXITED, HALTED }

    /** Thread ids (1-based) and their names ("a7.0", "m4", "mips"). */
    List<String> threadNames();

    /** The target description XML for qXfer:features:read, by annex ("target.xml", ...), or null. */
    String targetXml(String annex);

    int registerCount();

    /** Register {@code n} of {@code thread} in the target's byte order, as GDB expects it; null if unavailable. */
    byte[] readRegister(int thread, int n);

    boolean writeRegister(int thread, int n, byte[] value);

    /** Reads guest memory at a virtual address of {@code thread} without device side effects; null where unmapped. */
    byte[] readMemory(int thread, long addr, int len);

    boolean writeMemory(int thread, long addr, byte[] data);

    /** Breakpoint/watchpoint types as in the Z packets: 0 sw, 1 hw, 2 write, 3 read, 4 access. */
    boolean insertPoint(int type, long addr, int kind);

    boolean removePoint(int type, long addr, int kind);

    /**
     * Resumes: every thread runs, or {@code stepThread} executes one instruction while the others
     * stay stopped (all-stop). Blocks until the machine stops again, and says why. With several
     * groups (one target each), the machine runs once every connected debugger has resumed it.
     */
    Stop resume(int stepThread);

    /** From another thread: stop the running machine as soon as possible (Ctrl-C). */
    void interrupt();

    /** `monitor` commands; returns the text to show. */
    String monitor(String command);

    /** The user killed the session. */
    void kill();

    /** A client connected: stop the machine if it runs freely. */
    default void attach() {}

    /** The client detached or went away: drop its breakpoints and let the machine run freely. */
    default void detach() {}
}
