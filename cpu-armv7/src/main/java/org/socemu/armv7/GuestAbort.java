package org.socemu.armv7;

/**
 * Unwinds a memory access that took a guest Data Abort out of the instruction handler. The core has
 * already entered the abort exception when this is thrown; it is one preallocated instance without
 * a stack trace, and only the (rare) faulting path ever throws it.
 */
final class GuestAbort extends RuntimeException {
    static final GuestAbort INSTANCE = new GuestAbort();

    private GuestAbort() {
        super("guest abort", null, false, false);
    }
}
