package org.socemu.core.machine;

import java.util.ArrayList;
import java.util.List;
import org.socemu.core.Sizes;
import org.socemu.core.UserError;
import org.socemu.core.cpu.Cpu;
import org.socemu.core.dev.Device;
import org.socemu.core.dev.MmioDevice;
import org.socemu.core.irq.IrqLine;
import org.socemu.core.irq.IrqSink;
import org.socemu.core.mem.BusView;
import org.socemu.core.mem.Mapping;
import org.socemu.core.mem.Ram;
import org.socemu.core.mem.Region;
import org.socemu.core.mem.Rom;

/**
 * Builds a {@link Machine} from its description: memories, the system view, the other views,
 * cores, devices (in description order), then the interrupt wiring.
 */
public final class MachineBuilder {
    private final Registry registry;

    public MachineBuilder(Registry registry) {
        this.registry = registry;
    }

    public Machine build(MachineDescription desc, BootImages images) {
        Machine m = new Machine(desc);
        m.images = images;
        m.boot = registry.boot(desc.boot);
        checkOptions(desc, m.boot, images);
        m.boot.defaults(desc, images);

        BusView system = new BusView("system", m.endian());
        system.setUnmappedHandler((v, addr, size, write, value) -> m.unimp().record("bus(" + v.name() + ")", addr, write, size, value));
        m.views.put("system", system);
        buildMemories(desc, images, m, system);

        List<IrqLine> allOutputs = new ArrayList<>();
        List<String> allTargets = new ArrayList<>();
        List<Object[]> pendingDevices = new ArrayList<>();
        // Devices are created after cores so that interrupt controllers can find the cores' pins.
        buildViews(desc, m, system);
        buildCores(desc, m, images);
        for (MachineDescription.DeviceDesc dd : desc.devices) {
            List<IrqLine> outs = new ArrayList<>();
            for (int i = 0; i < dd.irq.size(); i++) {
                IrqLine l = new IrqLine(dd.name + ".irq" + i);
                outs.add(l);
                allOutputs.add(l);
                allTargets.add(dd.irq.get(i));
            }
            Device d = registry.deviceType(dd.type).create(new DeviceContext(dd, m, outs));
            m.devices.add(d);
            if (m.components.put(dd.name, d) != null) throw new UserError(desc.name + ": duplicate component name " + dd.name);
            pendingDevices.add(new Object[] {dd, d});
        }
        for (Object[] pd : pendingDevices) mapDevice(m, (MachineDescription.DeviceDesc) pd[0], (Device) pd[1]);
        for (int i = 0; i < allOutputs.size(); i++) wire(m, allOutputs.get(i), allTargets.get(i));
        return m;
    }

    private static void checkOptions(MachineDescription desc, BootProtocol boot, BootImages images) {
        for (String opt : images.given())
            if (!boot.options().contains(opt))
                throw new UserError("machine " + desc.name + " does not support --" + opt + " (it supports: "
                        + String.join(", ", boot.options().stream().map(o -> "--" + o).toList()) + ")");
    }

    private static void buildMemories(MachineDescription desc, BootImages images, Machine m, BusView system) {
        for (MachineDescription.MemoryDesc md : desc.memory) {
            long size = Sizes.parse(md.size);
            if (md.main && images.mem != null) size = images.mem;
            long base = Sizes.parse(md.base);
            Region r;
            if ("rom".equals(md.kind)) r = new Rom(md.name, size, m.endian());
            else if ("ram".equals(md.kind)) {
                Ram ram = new Ram(md.name, size, m.endian());
                if (!md.retain) m.volatileRam.add(ram);
                r = ram;
            } else throw new UserError(desc.name + ": memory " + md.name + ": kind must be ram or rom");
            m.memories.put(md.name, r);
            m.components.put(md.name, r);
            try {
                system.map(base, r);
                for (String alias : md.aliases) system.map(Sizes.parse(alias), r);
            } catch (IllegalArgumentException e) {
                throw new UserError(desc.name + ": " + e.getMessage());
            }
        }
    }

    private static void mapDevice(Machine m, MachineDescription.DeviceDesc dd, Device d) {
        if (dd.base == null) return;
        if (!(d instanceof Region r)) throw new UserError(dd.name + ": device type " + dd.type + " has no registers to map");
        if (d instanceof MmioDevice md) md.attach(m.unimp(), m.endian());
        long base = Sizes.parse(dd.base);
        long size = dd.size != null ? Sizes.parse(dd.size) : r.size();
        try {
            m.systemView().map(base, size, r, 0);
            for (MachineDescription.ViewDesc vd : m.description().views) {
                // views built "from" system get the devices too, unless excluded
                if ("system".equals(vd.from) && !vd.exclude.contains(dd.name)) m.view(vd.name).map(base, size, r, 0);
            }
        } catch (IllegalArgumentException e) {
            throw new UserError(m.name() + ": " + e.getMessage());
        }
    }

    private static void buildViews(MachineDescription desc, Machine m, BusView system) {
        for (MachineDescription.ViewDesc vd : desc.views) {
            if (vd.name == null || m.views.containsKey(vd.name)) throw new UserError(desc.name + ": views need distinct names");
            BusView v = new BusView(vd.name, m.endian());
            v.setUnmappedHandler((view, addr, size, write, value) -> m.unimp().record("bus(" + view.name() + ")", addr, write, size, value));
            if (vd.from != null) {
                for (Mapping mp : m.view(vd.from).mappings())
                    if (!vd.exclude.contains(mp.target().name())) v.map(mp.base(), mp.size(), mp.target(), mp.offset());
            }
            for (MachineDescription.MapDesc map : vd.map) {
                Region target = m.memories.get(map.target);
                if (target == null) throw new UserError(desc.name + ": view " + vd.name + " maps unknown memory " + map.target);
                long off = Sizes.parse(map.offset);
                long size = map.size != null ? Sizes.parse(map.size) : target.size() - off;
                try {
                    v.map(Sizes.parse(map.base), size, target, off);
                } catch (IllegalArgumentException e) {
                    throw new UserError(desc.name + ": " + e.getMessage());
                }
            }
            m.views.put(vd.name, v);
        }
    }

    private void buildCores(MachineDescription desc, Machine m, BootImages images) {
        int count = 0;
        for (MachineDescription.CoreDesc cd : desc.cores) {
            BusView view = m.view(cd.view);
            Cpu cpu = registry.cpuType(cd.type).create(new CoreContext(cd.id, cd.hz, view, m.scheduler(), m,
                    new Props(cd.id, cd.props), cd));
            m.cpus.add(cpu);
            m.scheduler().addCpu(cpu);
            if (m.components.put(cd.id, cpu) != null) throw new UserError(desc.name + ": duplicate component name " + cd.id);
            count++;
        }
        if (count == 0) throw new UserError(desc.name + ": no cores");
    }

    private static void wire(Machine m, IrqLine out, String target) {
        int colon = target.lastIndexOf(':');
        if (colon <= 0) throw new UserError(m.name() + ": irq wire '" + target + "' must be component:pin");
        Object sink = m.component(target.substring(0, colon));
        if (!(sink instanceof IrqSink s)) throw new UserError(m.name() + ": " + target.substring(0, colon) + " takes no interrupts");
        try {
            out.connectTo(s.input(target.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new UserError(m.name() + ": irq wire '" + target + "': " + e.getMessage());
        }
    }
}
