package org.socemu.imx7;

import org.socemu.core.dev.Device;
import org.socemu.core.dev.MmioDevice;
import org.socemu.core.machine.DeviceContext;
import org.socemu.core.machine.DeviceType;

/**
 * IOMUXC general purpose registers GPR0..GPR22 (i.MX7D RM "IOMUXC_GPR"), a syscon that Linux
 * and the boot ROM DCD read-modify-write (ENET clock selection in GPR1, DDR settings in GPR8).
 * The model stores them; their effects on other blocks are not modelled.
 */
public final class IomuxcGpr extends MmioDevice {
    public IomuxcGpr(String name) {
        super(name, 0x10000);
        regs.words(0x00, 4, 23, "IOMUXC_GPR_GPR");
    }

    /** "imx7-iomuxc-gpr". */
    public static final class Type implements DeviceType {
        @Override public String type() { return "imx7-iomuxc-gpr"; }

        @Override
        public Device create(DeviceContext ctx) {
            return new IomuxcGpr(ctx.name());
        }
    }
}
