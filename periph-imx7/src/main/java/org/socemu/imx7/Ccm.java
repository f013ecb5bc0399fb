package org.socemu.imx7;

import org.socemu.core.dev.Device;
import org.socemu.core.dev.MmioDevice;
import org.socemu.core.machine.DeviceContext;
import org.socemu.core.machine.DeviceType;

/**
 * Clock Controller Module (i.MX7D RM chapter "CCM"; Linux clk-imx7d.c). Every register has the
 * i.MX7 SET/CLR/TOG aliases at +4/+8/+0xC. The model stores what software writes and reads it
 * back; clock rates are not derived from it (devices take their rates from the machine description).
 *
 * <ul>
 *   <li>CCM_GPR0 at 0x0000;</li>
 *   <li>CCM_PLL_CTRL0..32 at 0x0800 + 0x10·n;</li>
 *   <li>CCM_CCGR0..190 at 0x4000 + 0x10·n (2-bit gates; reset 3 = clock on in every mode);</li>
 *   <li>CCM_TARGET_ROOT0..123 at 0x8000 + 0x80·n (bit 28 enable, 26:24 mux, 18:16 pre, 5:0 post
 *       divider), with their MISC/POST/PRE companions at +0x10/+0x20/+0x30.</li>
 * </ul>
 */
public final class Ccm extends MmioDevice {
    static final int PLL_CTRLS = 33, CCGRS = 191, ROOTS = 124;

    public Ccm(String name) {
        super(name, 0x10000);
        SetClrTog.declare(this, regs, 0x0000, "CCM_GPR0");
        for (int n = 0; n < PLL_CTRLS; n++) SetClrTog.declare(this, regs, 0x0800 + 0x10 * n, "CCM_PLL_CTRL" + n);
        for (int n = 0; n < CCGRS; n++) SetClrTog.declare(this, regs, 0x4000 + 0x10 * n, "CCM_CCGR" + n).reset(3);
        for (int n = 0; n < ROOTS; n++) {
            int base = 0x8000 + 0x80 * n;
            SetClrTog.declare(this, regs, base, "CCM_TARGET_ROOT" + n);
            SetClrTog.declare(this, regs, base + 0x10, "CCM_MISC_ROOT" + n);
            SetClrTog.declare(this, regs, base + 0x20, "CCM_POST_ROOT" + n);
            SetClrTog.declare(this, regs, base + 0x30, "CCM_PRE_ROOT" + n);
        }
    }

    /** "imx7-ccm". */
    public static final class Type implements DeviceType {
        @Override public String type() { return "imx7-ccm"; }

        @Override
        public Device create(DeviceContext ctx) {
            return new Ccm(ctx.name());
        }
    }
}
