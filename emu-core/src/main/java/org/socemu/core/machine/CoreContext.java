package org.socemu.core.machine;

import org.socemu.core.mem.BusView;
import org.socemu.core.time.Scheduler;

/** What a core is built from: its description entry, its bus view and the machine around it. */
public record CoreContext(String id, long hz, BusView view, Scheduler clock, Machine machine, Props props,
                          MachineDescription.CoreDesc desc) {
}
