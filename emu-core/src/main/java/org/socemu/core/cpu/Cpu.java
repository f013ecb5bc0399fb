package org.socemu.core.cpu;

import org.socemu.core.irq.IrqSink;
import org.socemu.core.time.Frequency;

/**
 * A processor core as the scheduler sees it. The core executes on the emulation thread only.
 *
 * <p>Contract with the {@link org.socemu.core.time.Scheduler}: {@link #run} executes at most
 * {@code budget} instructions and returns early when the core waits for an interrupt or when
 * {@link #requestExit} was called; {@link #retired} must be exact whenever a device is accessed,
 * because device time is derived from it.
 */
public interface Cpu extends IrqSink {
    String id();

    /** The core type name used in machine descriptions ("cortex-a7", "mips-24kc", ...). */
    String type();

    Frequency frequency();

    /** Executes up to {@code budget} instructions; returns how many retired. */
    long run(long budget);

    /** Instructions retired since power-on, exact at every device access. */
    long retired();

    /** True while the core sleeps in WFI/WAIT (it needs an interrupt to go on). */
    boolean isWaiting();

    /** True unless the core is powered down or held in reset. */
    boolean isRunnable();

    /** Ends the current {@link #run} at the next instruction boundary the core checks. */
    void requestExit();

    /** Power-on reset of the core. */
    void reset();

    /**
     * Another core is about to run: drop the exclusive monitor / LL bit. Round-robin execution on
     * one thread means no other core can store between this core's LDREX and STREX unless the
     * scheduler switched cores in between; clearing here is therefore exact and costs nothing on
     * the hot path.
     */
    void clearExclusive();

    /** The current program counter (for traces, errors and the debugger). */
    long pc();

    /**
     * What --trace asked for: the core reports the exceptions and interrupts it takes ({@code exc})
     * and every instruction it executes ({@code insn}) to {@code trace.out}. Set by the machine.
     */
    void setTrace(org.socemu.core.machine.Trace trace);


    /** Sets where execution goes on (boot protocols, debugger). */
    void setPc(long pc);

    /**
     * General-purpose register {@code n} in the architecture's own numbering (ARM: r0-r15 of the
     * current mode; MIPS: $0-$31). Boot protocols set entry arguments with it.
     */
    long register(int n);

    void setRegister(int n, long value);

    /** A short dump of the architectural registers for error reports. */
    String describeState();
}
