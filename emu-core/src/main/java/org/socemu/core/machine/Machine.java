package org.socemu.core.machine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socemu.core.UserError;
import org.socemu.core.console.SerialPort;
import org.socemu.core.cpu.Cpu;
import org.socemu.core.dev.Device;
import org.socemu.core.dev.UnimpLog;
import org.socemu.core.mem.BusView;
import org.socemu.core.mem.Endian;
import org.socemu.core.mem.Ram;
import org.socemu.core.mem.Region;
import org.socemu.core.time.Scheduler;

/**
 * A built machine: cores, memories, devices, bus views, serial ports and the scheduler that runs
 * them. Built by {@link MachineBuilder}; the guest ends a run by powering off, and a reset
 * (watchdog, reset register, PSCI) re-runs the boot protocol on the same machine.
 */
public final class Machine {
    private static final Logger log = LoggerFactory.getLogger(Machine.class);

    private final MachineDescription desc;
    private final Endian endian;
    private final Scheduler scheduler = new Scheduler();
    private final UnimpLog unimp = new UnimpLog();
    private Trace trace = new Trace();
    final Map<String, Region> memories = new LinkedHashMap<>();
    final Map<String, Object> components = new LinkedHashMap<>();
    final Map<String, BusView> views = new LinkedHashMap<>();
    final List<Cpu> cpus = new ArrayList<>();
    final List<Device> devices = new ArrayList<>();
    final List<Ram> volatileRam = new ArrayList<>();
    private final Map<String, SerialPort> serial = new LinkedHashMap<>();
    private final List<Runnable> resetHooks = new ArrayList<>();
    BootProtocol boot;
    BootImages images;
    private Outcome pending;
    private boolean resetPending;
    private int resets;

    Machine(MachineDescription desc) {
        this.desc = desc;
        this.endian = Endian.parse(desc.endian);
        unimp.setPcSource(() -> {
            Cpu c = scheduler.current();
            return c == null ? 0 : c.pc();
        });
    }

    public String name() { return desc.name; }
    public MachineDescription description() { return desc; }
    public Endian endian() { return endian; }
    public Scheduler scheduler() { return scheduler; }
    public UnimpLog unimp() { return unimp; }
    public Trace trace() { return trace; }

    public void setTrace(Trace t) {
        this.trace = t;
        unimp.setTrace(t.unimp ? t.out : null);
        for (Cpu c : cpus) c.setTrace(t);
    }
    public List<Cpu> cpus() { return Collections.unmodifiableList(cpus); }
    public List<Device> devices() { return Collections.unmodifiableList(devices); }
    public BootImages images() { return images; }
    public int resetCount() { return resets; }

    public Cpu cpu(String id) {
        for (Cpu c : cpus) if (c.id().equals(id)) return c;
        throw new IllegalArgumentException("no core " + id);
    }

    public BusView view(String name) {
        BusView v = views.get(name);
        if (v == null) throw new UserError(desc.name + ": no bus view '" + name + "'");
        return v;
    }

    /** The view of the first core: where loaders put images by default. */
    public BusView systemView() {
        return views.get("system");
    }

    public Region memory(String name) {
        Region r = memories.get(name);
        if (r == null) throw new IllegalArgumentException(desc.name + ": no memory " + name);
        return r;
    }

    public Object component(String name) {
        Object o = components.get(name);
        if (o == null) throw new UserError(desc.name + ": no component '" + name + "'");
        return o;
    }

    @SuppressWarnings("unchecked")
    public <T> T component(String name, Class<T> type) {
        Object o = component(name);
        if (!type.isInstance(o)) throw new UserError(desc.name + ": component '" + name + "' is not a " + type.getSimpleName());
        return (T) o;
    }

    /** The serial port of UART {@code name}; the machine's console UART answers to "console" too. */
    public SerialPort serialPort(String name) {
        if ("console".equals(name) && desc.console != null) name = desc.console;
        return serial.computeIfAbsent(name, n -> new SerialPort(n, scheduler));
    }

    public Map<String, SerialPort> serialPorts() {
        return Collections.unmodifiableMap(serial);
    }

    /** Runs after devices and cores are reset and before the boot protocol reloads the images. */
    public void onReset(Runnable hook) {
        resetHooks.add(hook);
    }

    // ---- the guest ends or restarts the run ----

    /** The guest turned the machine off (PSCI SYSTEM_OFF, SNVS, poweroff). */
    public void powerOff(String why) {
        log.info("power off: {}", why);
        stop(new Outcome(Outcome.Kind.POWER_OFF, why));
    }

    /** The guest asked for a machine reset (watchdog, reset controller, PSCI SYSTEM_RESET). */
    public void requestReset(String why) {
        log.info("machine reset: {}", why);
        resetPending = true;
        scheduler.requestStop();
    }

    /** The guest can never go on (lockup, unhandled fatal condition). */
    public void fatal(String why) {
        stop(new Outcome(Outcome.Kind.GUEST_FATAL, why));
    }

    /** Ends the run with {@code outcome} at the next instruction boundary. */
    public void stop(Outcome outcome) {
        if (pending == null) pending = outcome;
        scheduler.requestStop();
    }

    /** Power-on: loads the images through the boot protocol. */
    public void powerOn() {
        boot.boot(this, images);
    }

    /**
     * Runs until the guest powers off, a caller stops it, or virtual time reaches {@code limitPs}
     * (absolute). Resets requested by the guest are carried out on the way.
     */
    public Outcome run(long limitPs) {
        pending = null;
        while (true) {
            Scheduler.Stop s = scheduler.run(limitPs);
            if (resetPending) {
                resetPending = false;
                doReset();
                if (pending == null) continue;
            }
            if (pending != null) {
                Outcome o = pending;
                pending = null;
                return o;
            }
            switch (s) {
                case LIMIT:
                    return new Outcome(Outcome.Kind.TIMEOUT, "virtual time limit reached");
                case DEADLOCK:
                    return new Outcome(Outcome.Kind.GUEST_FATAL,
                            "every core is stopped or waiting for an interrupt, and nothing is left to wake one");
                default:
                    // stop requested by a task that set no outcome (debugger): go on
                    return new Outcome(Outcome.Kind.QUIT, "stopped");
            }
        }
    }

    /** Resets devices and cores, clears volatile RAM, and boots again. */
    public void doReset() {
        resets++;
        for (Device d : devices) d.reset();
        for (Cpu c : cpus) c.reset();
        for (Ram r : volatileRam) r.clear();
        for (Runnable h : resetHooks) h.run();
        boot.boot(this, images);
    }

    public void close() {
        for (SerialPort p : serial.values()) {
            p.backend().flush();
            p.backend().close();
        }
    }
}
