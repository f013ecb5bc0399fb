package org.socemu.armv7;

import org.socemu.core.cpu.Cpu;
import org.socemu.core.cpu.CpuType;
import org.socemu.core.machine.CoreContext;
import org.socemu.core.machine.Props;

/**
 * The "cortex-a7" core type. Props: "cpu-index" (MPIDR.Aff0, default 0), "cluster" (MPIDR.Aff1,
 * default 0), "cluster-cores" (L2CTLR core count, default 2), "cntfrq" (generic timer frequency in
 * Hz, default 8 MHz as on the i.MX7D), "cbar" (CBAR: the GIC/private peripheral base, default 0),
 * "power" ("on" or "off": secondary cores wait for PSCI CPU_ON).
 */
public final class CortexA7Type implements CpuType {
    public static final String NAME = "cortex-a7";

    @Override
    public String type() {
        return NAME;
    }

    @Override
    public Cpu create(CoreContext ctx) {
        Props p = ctx.props();
        CortexA7 cpu = new CortexA7(ctx.id(), ctx.hz(), ctx.view(), ctx.clock(), (int) p.number("cpu-index", 0),
                (int) p.number("cluster", 0), (int) p.number("cluster-cores", 2), p.number("cntfrq", 8_000_000),
                (int) p.number("cbar", 0));
        cpu.setPoweredAtReset(!"off".equals(p.string("power", "on")));
        if (ctx.machine() != null) {
            // SEV sets the event register of every other A7 of the machine, and Inner Shareable
            // TLB maintenance reaches them all
            org.socemu.core.machine.Machine m = ctx.machine();
            cpu.setSevListener(src -> {
                for (Cpu other : m.cpus()) if (other != src && other instanceof CortexA7 a) a.signalEvent();
            });
            cpu.setInnerShareableDomain(m::cpus);
        }
        return cpu;
    }
}
