package org.socemu.core.machine;

import java.util.List;

/** A module's machines, found through {@link java.util.ServiceLoader}. */
public interface MachineProvider {
    /** Classpath resource paths of machine descriptions (JSON). */
    List<String> machineResources();
}
