package org.socemu.core;

/** An internal inconsistency of the emulator (never a guest fault). Stops the run with the core state. */
public class EmulatorBug extends RuntimeException {
    public EmulatorBug(String message) {
        super(message);
    }

    public EmulatorBug(String message, Throwable cause) {
        super(message, cause);
    }
}
