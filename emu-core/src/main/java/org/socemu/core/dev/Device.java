package org.socemu.core.dev;

/** A component of a machine that has a name and a reset state. */
public interface Device {
    String name();

    /** Back to the power-on state. */
    void reset();
}
