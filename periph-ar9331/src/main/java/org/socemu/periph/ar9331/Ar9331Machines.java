package org.socemu.periph.ar9331;

import java.util.List;
import org.socemu.core.machine.MachineProvider;

/** The AR9331 boards: DPTechnics DPT-Module and TP-Link TL-MR3020. */
public final class Ar9331Machines implements MachineProvider {
    @Override
    public List<String> machineResources() {
        return List.of("machines/ar9331-dpt-module.json", "machines/tl-mr3020.json");
    }
}
