package org.socemu.periph.ar9331;

import org.socemu.core.dev.Device;
import org.socemu.core.dev.MmioDevice;
import org.socemu.core.machine.DeviceContext;
import org.socemu.core.machine.DeviceType;

/**
 * A block the emulator does not model yet (Ethernet MACs, USB, the WMAC): it has no registers, so
 * every access is recorded in the machine's unimplemented-access log, reads give zero and writes
 * are dropped. Mapping it keeps such accesses visible instead of making them bus holes.
 */
public final class UnmodelledBlock extends MmioDevice {
    public UnmodelledBlock(String name, long size) {
        super(name, size);
    }

    /** "unmodelled-block"; prop "block-size" (default 64 KiB). */
    public static final class Type implements DeviceType {
        @Override public String type() { return "unmodelled-block"; }
        @Override public Device create(DeviceContext ctx) {
            return new UnmodelledBlock(ctx.name(), ctx.props().number("block-size", 0x10000));
        }
    }
}
