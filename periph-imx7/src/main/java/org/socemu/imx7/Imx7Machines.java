package org.socemu.imx7;

import java.util.List;
import org.socemu.core.machine.MachineProvider;

/** The i.MX7D boards this module describes. */
public final class Imx7Machines implements MachineProvider {
    @Override
    public List<String> machineResources() {
        return List.of("machines/imx7d-sdb.json");
    }
}
