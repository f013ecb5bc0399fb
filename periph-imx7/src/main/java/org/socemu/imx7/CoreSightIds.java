package org.socemu.imx7;

import org.socemu.core.dev.Device;
import org.socemu.core.dev.MmioDevice;
import org.socemu.core.machine.DeviceContext;
import org.socemu.core.machine.DeviceType;

/**
 * The identification registers of one CoreSight component (ARM CoreSight Architecture
 * Specification, "Component and Peripheral ID registers"): PIDR4..7, PIDR0..3 and CIDR0..3 in the
 * last 48 bytes of its 4 KiB window, one byte per word. Linux's AMBA bus reads them to match
 * drivers; with zeros the devices would wait in the deferred list for ever. The component's own
 * function (trace funnel, ETM, ETF, TPIU) is not modelled: its other registers read as zero and
 * are logged.
 */
public final class CoreSightIds extends MmioDevice {
    /** CIDR0..3 = 0D 90 05 B1: component class 9, CoreSight. */
    static final int CORESIGHT_CID = 0xB105900D;

    public CoreSightIds(String name, long pid, int cid) {
        super(name, 0x1000);
        for (int i = 0; i < 4; i++) {
            regs.word(0xFD0 + 4 * i, "PIDR" + (4 + i)).readOnly().reset((int) (pid >>> (32 + 8 * i)) & 0xFF);
            regs.word(0xFE0 + 4 * i, "PIDR" + i).readOnly().reset((int) (pid >>> (8 * i)) & 0xFF);
            regs.word(0xFF0 + 4 * i, "CIDR" + i).readOnly().reset((cid >>> (8 * i)) & 0xFF);
        }
        regs.word(0xFBC, "DEVARCH").readOnly();
        regs.word(0xFCC, "DEVTYPE").readOnly();
    }

    /** "coresight-ids": props "pid" (64-bit peripheral ID, e.g. "0x000BB908"), "cid" (default CoreSight). */
    public static final class Type implements DeviceType {
        @Override public String type() { return "coresight-ids"; }

        @Override
        public Device create(DeviceContext ctx) {
            return new CoreSightIds(ctx.name(), ctx.props().number("pid", 0), (int) ctx.props().number("cid", CORESIGHT_CID & 0xFFFFFFFFL));
        }
    }
}
