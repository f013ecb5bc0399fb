package org.socemu.core.cpu;

import org.socemu.core.machine.CoreContext;

/** A kind of core, found through {@link java.util.ServiceLoader}: "cortex-a7", "mips-24kc", ... */
public interface CpuType {
    String type();

    Cpu create(CoreContext ctx);
}
