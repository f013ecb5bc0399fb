package org.socemu.armv7;

/**
 * Secure-monitor firmware, answered by the emulator itself (the machine's built-in PSCI). Called for
 * every SMC the guest executes at PL1; the handler reads its arguments from r0-r3 and writes the
 * results back with {@link CortexA7#setRegister}.
 */
@FunctionalInterface
public interface SmcHandler {
    /** Returns false if the call is not handled: the SMC is then UNDEFINED, as on a core without EL3 firmware. */
    boolean smc(CortexA7 cpu);
}
