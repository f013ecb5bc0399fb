package org.socemu.core.cpu;

import java.util.Set;
import org.socemu.core.mem.BusView;

/**
 * What a core offers a debugger (the GDB stub): registers in GDB's numbering with a target
 * description, side-effect-free address translation, and breakpoints/watchpoints that stop the
 * core and tell the {@link Listener}. A breakpoint stops the core before its instruction; a
 * watchpoint before or after the access, as the architecture's own debug hardware does (GDB
 * steps over the instruction either way: the A7 stops before, the 24Kc after). Setting either
 * takes effect at the core's next instruction, and neither may cost anything while none is set.
 */
public interface Debuggable {
    /** Told by the core, on the emulation thread, when a debug event stops it (then run() returns). */
    interface Listener {
        void breakpoint(Cpu cpu, long pc);

        /** {@code type}: 2 write, 3 read, 4 access, as in GDB's Z packets. */
        void watchpoint(Cpu cpu, int type, long address);
    }

    /** The GDB target description document {@code annex} ("target.xml" and the files it includes), or null. */
    String gdbTargetXml(String annex);

    /** Registers in the description's numbering. */
    int gdbRegisterCount();

    /** Register {@code n} in the target's byte order; null if it does not exist. */
    byte[] gdbReadRegister(int n);

    boolean gdbWriteRegister(int n, byte[] value);

    /** Physical address for virtual {@code va} in the current translation regime, or -1; no faults, no side effects. */
    long debugTranslate(long va);

    /** The bus the core sees (for memory access after translation). */
    BusView view();

    /** Instruction breakpoints (virtual addresses); the core stops before executing one. */
    void setBreakpoints(Set<Long> addresses);

    /** Data watchpoints: address, length, type (2 write, 3 read, 4 access). */
    void setWatchpoints(java.util.List<long[]> watchpoints);

    void setDebugListener(Listener l);
}
