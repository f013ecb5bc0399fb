package org.socemu.core.machine;

import java.util.Set;

/**
 * How a machine's images get into memory and its cores start: firmware-less Linux on ARM, the MIPS
 * UHI protocol, a bare ELF, the reset vector of a flash. Found through {@link java.util.ServiceLoader}
 * by the name a machine description gives in "boot".
 */
public interface BootProtocol {
    String name();

    /** The `socemu run` options this protocol understands ("kernel", "dtb", "initrd", ...). */
    Set<String> options();

    /**
     * Fills in images the user left out (the machine's default images). Called once, before the
     * first {@link #boot}; may throw {@link org.socemu.core.UserError} if an image is missing.
     */
    default void defaults(MachineDescription desc, BootImages images) {}

    /** Loads the images and sets the cores' entry state. Runs at power-on and after every reset. */
    void boot(Machine machine, BootImages images);
}
