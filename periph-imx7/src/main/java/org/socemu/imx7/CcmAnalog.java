package org.socemu.imx7;

import org.socemu.core.dev.Device;
import org.socemu.core.dev.MmioDevice;
import org.socemu.core.dev.Register;
import org.socemu.core.machine.DeviceContext;
import org.socemu.core.machine.DeviceType;

/**
 * CCM analog part, "ANATOP" (i.MX7D RM chapters "CCM_ANALOG", "PMU", "TEMPMON"; Linux
 * clk-imx7d.c, clk-pllv3.c, imx_thermal.c). Registers with SET/CLR/TOG aliases. Reset values are
 * those of a board whose boot firmware has set the PLLs up (ARM 996 MHz, SYS 480 MHz, DDR, ENET
 * powered; AUDIO and VIDEO powered down), so a firmware-less kernel finds them as on hardware.
 *
 * <ul>
 *   <li>PLLs: LOCK (bit 31) reads 1 exactly while the PLL's power-down bit is clear.</li>
 *   <li>PFD FRAC fields and PLL DENOMs reset non-zero (Linux divides by them).</li>
 *   <li>Regulators REG_1P0A/1P0D/HSIC_1P2/LPSR_1P0: OK (bit 17) reads 1 while ENABLE_LINREG (bit 0) is set.</li>
 *   <li>TEMPMON: TEMPSENSE1 powered (POWER_DOWN clear) and MEASURE_TEMP set finishes a
 *       measurement at once: FINISHED and the count for the die temperature against the OCOTP
 *       ANA1 calibration.</li>
 *   <li>DIGPROG: i.MX7D (0x72), revision in bits 7:0.</li>
 * </ul>
 */
public final class CcmAnalog extends MmioDevice {
    static final int LOCK = 1 << 31;
    static final int PLL_ARM = 0x060, PLL_DDR = 0x070, PLL_SYS = 0x0B0, PLL_ENET = 0x0E0, PLL_AUDIO = 0x0F0,
            PLL_VIDEO = 0x130;
    static final int TEMPSENSE0 = 0x300, TEMPSENSE1 = 0x310;
    static final int TS1_POWER_DOWN = 1 << 9, TS1_MEASURE_TEMP = 1 << 10, TS1_FINISHED = 1 << 11;
    static final int REG_ENABLE_LINREG = 1, REG_OK = 1 << 17;

    private final int temperatureC;

    public CcmAnalog(String name, int digprog, int temperatureC) {
        super(name, 0x10000);
        this.temperatureC = temperatureC;
        pll(PLL_ARM, "CCM_ANALOG_PLL_ARM", 12, 0x00002000 | 83); // DIV_SELECT 83: 996 MHz
        pll(PLL_DDR, "CCM_ANALOG_PLL_DDR", 20, 0x00002000 | 44);
        sct(0x080, "CCM_ANALOG_PLL_DDR_SS", 0);
        sct(0x090, "CCM_ANALOG_PLL_DDR_NUM", 0);
        sct(0x0A0, "CCM_ANALOG_PLL_DDR_DENOM", 1_000_000);
        pll(PLL_SYS, "CCM_ANALOG_PLL_480", 12, 0x00002000); // DIV_SELECT 0: 480 MHz
        sct(0x0C0, "CCM_ANALOG_PFD_480A", 0x18201A16); // PFD0..3 FRAC 22, 26, 32, 24
        sct(0x0D0, "CCM_ANALOG_PFD_480B", 0x18181818);
        pll(PLL_ENET, "CCM_ANALOG_PLL_ENET", 5, 0x00002000);
        pll(PLL_AUDIO, "CCM_ANALOG_PLL_AUDIO", 12, 0x00001000 | 0x1B);
        sct(0x100, "CCM_ANALOG_PLL_AUDIO_SS", 0);
        sct(0x110, "CCM_ANALOG_PLL_AUDIO_NUM", 0);
        sct(0x120, "CCM_ANALOG_PLL_AUDIO_DENOM", 1_000_000);
        pll(PLL_VIDEO, "CCM_ANALOG_PLL_VIDEO", 12, 0x00001000 | 0x1B);
        sct(0x140, "CCM_ANALOG_PLL_VIDEO_SS", 0);
        sct(0x150, "CCM_ANALOG_PLL_VIDEO_NUM", 0);
        sct(0x160, "CCM_ANALOG_PLL_VIDEO_DENOM", 1_000_000);
        sct(0x170, "CCM_ANALOG_CLK_MISC0", 0);
        regulator(0x200, "PMU_REG_1P0A");
        regulator(0x210, "PMU_REG_1P0D");
        regulator(0x220, "PMU_REG_HSIC_1P2");
        regulator(0x230, "PMU_REG_LPSR_1P0");
        sct(TEMPSENSE0, "TEMPMON_TEMPSENSE0", 0);
        Register ts1 = sct(TEMPSENSE1, "TEMPMON_TEMPSENSE1", TS1_POWER_DOWN);
        ts1.mask(~(TS1_FINISHED | 0x1FF)).onRead(() -> tempsense1(ts1.value()));
        regs.word(0x800, "CCM_ANALOG_DIGPROG").readOnly().reset(digprog);
    }

    private Register sct(int offset, String name, int reset) {
        return SetClrTog.declare(this, regs, offset, name).reset(reset);
    }

    private void pll(int offset, String name, int powerDownBit, int reset) {
        Register r = sct(offset, name, reset);
        r.mask(~LOCK).onRead(() -> (r.value() & (1 << powerDownBit)) == 0 ? r.value() | LOCK : r.value());
    }

    private void regulator(int offset, String name) {
        Register r = sct(offset, name, REG_ENABLE_LINREG | 0x1000);
        r.mask(~REG_OK).onRead(() -> (r.value() & REG_ENABLE_LINREG) != 0 ? r.value() | REG_OK : r.value());
    }

    /** A finished measurement while powered and measuring: Linux computes T = N − n1 + 25. */
    private int tempsense1(int v) {
        if ((v & TS1_POWER_DOWN) != 0 || (v & TS1_MEASURE_TEMP) == 0) return v;
        int count = Imx7Fuses.TEMP_COUNT_25C + temperatureC - 25;
        return v | TS1_FINISHED | (count & 0x1FF);
    }

    @Override
    protected boolean peekSafe(Register r) {
        return true;
    }

    /** "imx7-ccm-analog": props "digprog" (default 0x00720012, i.MX7D rev 1.2), "temperature-c" (default 40). */
    public static final class Type implements DeviceType {
        @Override public String type() { return "imx7-ccm-analog"; }

        @Override
        public Device create(DeviceContext ctx) {
            return new CcmAnalog(ctx.name(), (int) ctx.props().number("digprog", 0x00720012),
                    (int) ctx.props().number("temperature-c", 40));
        }
    }
}
