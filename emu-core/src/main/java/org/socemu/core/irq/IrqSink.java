package org.socemu.core.irq;

/**
 * Anything with named interrupt inputs that a machine description can wire to: an interrupt
 * controller ("gic:26"), a CPU's pins ("cpu:6" on MIPS, "a7.0:irq" on ARM).
 */
public interface IrqSink {
    /** The input line called {@code pin}; throws IllegalArgumentException for an unknown one. */
    IrqLine input(String pin);
}
