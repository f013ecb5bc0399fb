package org.socemu.imx7;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.socemu.core.UserError;
import org.socemu.core.cpu.Cpu;
import org.socemu.core.machine.DeviceContext;

/**
 * Which A7 core is accessing a banked register: the core the scheduler is executing, looked up by
 * id in the device's "cpus" property. Accesses from outside a core (debugger, loader) count as core 0.
 */
final class CoreIndex implements IntSupplier {
    private final DeviceContext ctx;
    private final List<String> ids;

    CoreIndex(DeviceContext ctx) {
        this.ctx = ctx;
        this.ids = cpuIds(ctx);
    }

    static List<String> cpuIds(DeviceContext ctx) {
        JsonNode n = ctx.props().node("cpus");
        List<String> out = new ArrayList<>();
        if (n == null || !n.isArray() || n.size() == 0)
            throw new UserError(ctx.name() + ": needs a \"cpus\" property listing the core ids, e.g. [\"a7.0\", \"a7.1\"]");
        for (JsonNode e : n) out.add(e.asText());
        return out;
    }

    List<String> ids() {
        return ids;
    }

    @Override
    public int getAsInt() {
        Cpu c = ctx.clock().current();
        if (c == null) return 0;
        int i = ids.indexOf(c.id());
        return Math.max(i, 0);
    }
}
