package org.socemu.imx7;

import org.socemu.core.dev.Device;
import org.socemu.core.machine.DeviceContext;
import org.socemu.core.machine.DeviceType;

/**
 * DDR controller (Synopsys uMCTL2, i.MX7D RM chapter "DDR Controller") as the boot ROM's DCD and
 * barebox see it: it keeps every value written (barebox computes the RAM size back from MSTR and
 * ADDRMAP0..6), and STAT reports normal operating mode, which the DCD waits for. Memory timing
 * and refresh are not modelled; the DRAM is the machine's "ddr" memory whatever is programmed.
 */
public final class Ddrc extends PlainRegisterFile {
    static final int STAT_OPERATING_MODE_NORMAL = 1;

    public Ddrc(String name) {
        super(name, 0x10000);
        regs.word(0x004, "DDRC_STAT").readOnly().reset(STAT_OPERATING_MODE_NORMAL);
        // COL_B10 and COL_B11 unused (0xF) at reset: with ADDRMAP2/3 left 0, the SabreSD DCD gives 1 GiB.
        regs.word(0x210, "DDRC_ADDRMAP4").reset(0x00000F0F);
    }

    /** "imx7-ddrc". */
    public static final class Type implements DeviceType {
        @Override public String type() { return "imx7-ddrc"; }

        @Override
        public Device create(DeviceContext ctx) {
            return new Ddrc(ctx.name());
        }
    }
}
