package org.socemu.mips;

/**
 * Thrown after a guest exception has been taken (CP0 updated, PC at the vector) to unwind out of
 * the instruction that caused it. One preallocated instance without a stack trace: it never leaves
 * {@link Mips24k#run}.
 */
final class GuestTrap extends RuntimeException {
    static final GuestTrap INSTANCE = new GuestTrap();

    private GuestTrap() {
        super("guest exception", null, false, false);
    }
}
