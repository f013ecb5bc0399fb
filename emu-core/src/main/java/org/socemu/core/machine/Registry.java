package org.socemu.core.machine;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.socemu.core.EmulatorBug;
import org.socemu.core.UserError;
import org.socemu.core.cpu.CpuType;

/** Core types, device types, boot protocols and machines found on the class path. */
public final class Registry {
    private final Map<String, CpuType> cpuTypes = new LinkedHashMap<>();
    private final Map<String, DeviceType> deviceTypes = new LinkedHashMap<>();
    private final Map<String, BootProtocol> boots = new LinkedHashMap<>();
    private final Map<String, MachineDescription> machines = new LinkedHashMap<>();

    public static Registry load() {
        Registry r = new Registry();
        ClassLoader cl = Registry.class.getClassLoader();
        for (CpuType t : ServiceLoader.load(CpuType.class, cl)) r.cpuTypes.put(t.type(), t);
        for (DeviceType t : ServiceLoader.load(DeviceType.class, cl)) r.deviceTypes.put(t.type(), t);
        for (BootProtocol b : ServiceLoader.load(BootProtocol.class, cl)) r.boots.put(b.name(), b);
        for (MachineProvider p : ServiceLoader.load(MachineProvider.class, cl))
            for (String res : p.machineResources()) {
                try (InputStream in = p.getClass().getClassLoader().getResourceAsStream(res)) {
                    if (in == null) throw new EmulatorBug("machine resource missing: " + res);
                    MachineDescription d = MachineDescription.read(in, res);
                    r.machines.put(d.name, d);
                } catch (java.io.IOException e) {
                    throw new EmulatorBug("cannot read machine resource " + res, e);
                }
            }
        return r;
    }

    public void register(CpuType t) { cpuTypes.put(t.type(), t); }
    public void register(DeviceType t) { deviceTypes.put(t.type(), t); }
    public void register(BootProtocol b) { boots.put(b.name(), b); }
    public void register(MachineDescription d) { machines.put(d.name, d); }

    public List<MachineDescription> machines() {
        return new ArrayList<>(machines.values());
    }

    public MachineDescription machine(String name) {
        MachineDescription d = machines.get(name);
        if (d == null)
            throw new UserError("unknown machine '" + name + "' ("
                    + (machines.isEmpty() ? "this build has no machines" : "known: " + String.join(", ", machines.keySet()))
                    + "; see 'socemu machines')");
        return d;
    }

    public CpuType cpuType(String type) {
        CpuType t = cpuTypes.get(type);
        if (t == null) throw new UserError("unknown core type '" + type + "' (known: " + String.join(", ", cpuTypes.keySet()) + ")");
        return t;
    }

    public DeviceType deviceType(String type) {
        DeviceType t = deviceTypes.get(type);
        if (t == null) throw new UserError("unknown device type '" + type + "' (known: " + String.join(", ", deviceTypes.keySet()) + ")");
        return t;
    }

    public BootProtocol boot(String name) {
        BootProtocol b = boots.get(name);
        if (b == null) throw new UserError("unknown boot protocol '" + name + "' (known: " + String.join(", ", boots.keySet()) + ")");
        return b;
    }

    public boolean hasBoot(String name) {
        return boots.containsKey(name);
    }

    public boolean hasCpuType(String type) {
        return cpuTypes.containsKey(type);
    }
}
