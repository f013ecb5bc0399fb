package org.socemu.armv7;

/**
 * The handler of one T32 encoding (16-bit: the halfword; 32-bit: hw1 in bits 31:16, hw2 in 15:0).
 * Written against {@link ArmCore} so that the Cortex-M4 runs the same handlers.
 */
@FunctionalInterface
public interface ThumbOp {
    void exec(ArmCore c, int insn);
}
