package org.socemu.mips;

import org.socemu.core.cpu.Cpu;
import org.socemu.core.cpu.CpuType;
import org.socemu.core.machine.CoreContext;

/** The "mips-24kc" core type for machine descriptions (props: prid, config0..3, config7, tlb-entries, bus-errors). */
public final class Mips24kType implements CpuType {
    public static final String NAME = "mips-24kc";

    @Override
    public String type() {
        return NAME;
    }

    @Override
    public Cpu create(CoreContext ctx) {
        return new Mips24k(ctx);
    }
}
