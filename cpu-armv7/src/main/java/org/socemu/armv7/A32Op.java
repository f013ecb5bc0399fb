package org.socemu.armv7;

/** The handler of one A32 encoding: it takes the raw instruction word and extracts its own fields. */
@FunctionalInterface
interface A32Op {
    void exec(CortexA7 c, int insn);
}
