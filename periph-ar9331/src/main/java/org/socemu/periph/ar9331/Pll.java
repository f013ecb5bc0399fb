package org.socemu.periph.ar9331;

import org.socemu.core.dev.Device;
import org.socemu.core.dev.MmioDevice;
import org.socemu.core.dev.Register;
import org.socemu.core.machine.DeviceContext;
import org.socemu.core.machine.DeviceType;

/**
 * AR933X PLL and clock control (0x18050000). The reset values are those barebox programs (and a
 * firmware-less Linux boot needs to find): NINT 32, REFDIV 1, OUTDIV 1 and AHB_DIV 1, which from a
 * 25 MHz reference give CPU 400 MHz, DDR 400 MHz, AHB 200 MHz. The derived rates follow what
 * software writes, by the same rule Linux's ar933x_clocks_init uses.
 */
public final class Pll extends MmioDevice {
    static final int CPU_CONFIG = 0x00, CPU_CONFIG2 = 0x04, CLOCK_CTRL = 0x08, ETHSW_CLOCK_CONTROL = 0x24;

    // CPU_CONFIG fields
    static final int NINT_SHIFT = 10, NINT_MASK = 0x3F;
    static final int REFDIV_SHIFT = 16, REFDIV_MASK = 0x1F;
    static final int OUTDIV_SHIFT = 23, OUTDIV_MASK = 0x7;
    static final int PLL_PWD = 1 << 30;
    // CLOCK_CTRL fields
    static final int BYPASS = 1 << 2;
    static final int CPU_DIV_SHIFT = 5, CPU_DIV_MASK = 0x3;
    static final int DDR_DIV_SHIFT = 10, DDR_DIV_MASK = 0x3;
    static final int AHB_DIV_SHIFT = 15, AHB_DIV_MASK = 0x7;

    static final int CPU_CONFIG_RESET = 0x00818000;
    static final int CLOCK_CTRL_RESET = 0x00008000;

    private final long refHz;
    private final Register cpuConfig;
    private final Register clockCtrl;

    public Pll(String name, long refHz) {
        super(name, 0x100);
        this.refHz = refHz;
        cpuConfig = regs.word(CPU_CONFIG, "CPU_PLL_CONFIG").reset(CPU_CONFIG_RESET);
        regs.word(CPU_CONFIG2, "CPU_PLL_CONFIG2").reset(0x352);
        clockCtrl = regs.word(CLOCK_CTRL, "CPU_CLOCK_CONTROL").reset(CLOCK_CTRL_RESET);
        regs.word(ETHSW_CLOCK_CONTROL, "SWITCH_CLOCK_CONTROL");
    }

    public long refHz() { return refHz; }

    /** The PLL output before the per-domain dividers. */
    long pllHz() {
        int cfg = cpuConfig.value();
        long nint = (cfg >>> NINT_SHIFT) & NINT_MASK;
        long refdiv = Math.max(1, (cfg >>> REFDIV_SHIFT) & REFDIV_MASK);
        int outdiv = Math.max(1, (cfg >>> OUTDIV_SHIFT) & OUTDIV_MASK);
        return refHz * nint / refdiv >> outdiv;
    }

    private long domainHz(int shift, int mask) {
        int ctrl = clockCtrl.value();
        if ((ctrl & BYPASS) != 0) return refHz;
        return pllHz() / (((ctrl >>> shift) & mask) + 1);
    }

    public long cpuHz() { return domainHz(CPU_DIV_SHIFT, CPU_DIV_MASK); }

    public long ddrHz() { return domainHz(DDR_DIV_SHIFT, DDR_DIV_MASK); }

    public long ahbHz() { return domainHz(AHB_DIV_SHIFT, AHB_DIV_MASK); }

    /** "ar9331-pll"; prop "ref-hz" (default 25 MHz, the boards' crystal). */
    public static final class Type implements DeviceType {
        @Override public String type() { return "ar9331-pll"; }
        @Override public Device create(DeviceContext ctx) {
            return new Pll(ctx.name(), ctx.props().number("ref-hz", 25_000_000L));
        }
    }
}
