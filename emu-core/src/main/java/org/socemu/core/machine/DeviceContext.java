package org.socemu.core.machine;

import java.util.List;
import org.socemu.core.console.SerialPort;
import org.socemu.core.irq.IrqLine;
import org.socemu.core.mem.BusView;
import org.socemu.core.time.Scheduler;

/** What a device is built from: its description entry, its interrupt outputs and the machine. */
public final class DeviceContext {
    private final MachineDescription.DeviceDesc desc;
    private final Machine machine;
    private final List<IrqLine> irqs;
    private final Props props;

    DeviceContext(MachineDescription.DeviceDesc desc, Machine machine, List<IrqLine> irqs) {
        this.desc = desc;
        this.machine = machine;
        this.irqs = irqs;
        this.props = new Props(desc.name, desc.props);
    }

    public String name() { return desc.name; }
    public Props props() { return props; }
    public Machine machine() { return machine; }
    public Scheduler clock() { return machine.scheduler(); }

    /** The i-th interrupt output, as wired by the description ("irq"). */
    public IrqLine irq(int i) {
        if (i >= irqs.size())
            throw new org.socemu.core.UserError(desc.name + ": needs at least " + (i + 1) + " irq wire(s) in the machine description");
        return irqs.get(i);
    }

    public int irqCount() { return irqs.size(); }

    /** The serial port this device drives (created on first use; bound to a backend by the run options). */
    public SerialPort serial() {
        return machine.serialPort(desc.name);
    }

    public BusView view(String name) {
        return machine.view(name);
    }

    /** Another component (core or device) by name, for devices that talk to their neighbours. */
    public Object component(String name) {
        return machine.component(name);
    }
}
