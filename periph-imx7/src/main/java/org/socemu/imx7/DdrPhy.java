package org.socemu.imx7;

import org.socemu.core.dev.Device;
import org.socemu.core.machine.DeviceContext;
import org.socemu.core.machine.DeviceType;

/**
 * DDR PHY (i.MX7D RM chapter "DDR PHY"): keeps what the DCD writes; a ZQ calibration started
 * through ZQ_CON0 is done at once, so ZQ_CON1 bit 0 (the DCD's CHECK) reads 1.
 */
public final class DdrPhy extends PlainRegisterFile {
    static final int ZQ_CON1_DONE = 1;

    public DdrPhy(String name) {
        super(name, 0x10000);
        regs.word(0x0C4, "DDR_PHY_ZQ_CON1").readOnly().reset(ZQ_CON1_DONE);
    }

    /** "imx7-ddr-phy". */
    public static final class Type implements DeviceType {
        @Override public String type() { return "imx7-ddr-phy"; }

        @Override
        public Device create(DeviceContext ctx) {
            return new DdrPhy(ctx.name());
        }
    }
}
