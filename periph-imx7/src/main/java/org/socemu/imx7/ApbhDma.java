package org.socemu.imx7;

import org.socemu.core.dev.Device;
import org.socemu.core.dev.MmioDevice;
import org.socemu.core.dev.Register;
import org.socemu.core.machine.DeviceContext;
import org.socemu.core.machine.DeviceType;

/**
 * APBH-bridge DMA (i.MX7D RM chapter "APBH-Bridge-DMA"; Linux mxs-dma.c, stmp_device.c) at
 * 0x33000000: its control registers with SET/CLR/TOG aliases and the STMP soft-reset handshake
 * (setting CTRL0.SFTRST resets the block and gates its clock: the hardware sets CTRL0.CLKGATE).
 * That is what probing the driver needs. DMA transfers are not modelled: channel command
 * chains are stored but never run (the only users on the i.MX7D, GPMI NAND, are disabled on the
 * SabreSD).
 */
public final class ApbhDma extends MmioDevice {
    static final int CTRL0_SFTRST = 1 << 31, CTRL0_CLKGATE = 1 << 30;
    static final int CHANNELS = 16;

    public ApbhDma(String name) {
        super(name, 0x2000);
        SetClrTog.declare(this, regs, 0x000, "HW_APBH_CTRL0").reset(CTRL0_SFTRST | CTRL0_CLKGATE)
                .onWrite(this::ctrl0Written);
        SetClrTog.declare(this, regs, 0x010, "HW_APBH_CTRL1");
        SetClrTog.declare(this, regs, 0x020, "HW_APBH_CTRL2");
        SetClrTog.declare(this, regs, 0x030, "HW_APBH_CHANNEL_CTRL");
        regs.word(0x040, "HW_APBH_DEVSEL");
        regs.word(0x050, "HW_APBH_DMA_BURST_SIZE");
        regs.word(0x060, "HW_APBH_DEBUG");
        for (int n = 0; n < CHANNELS; n++) {
            int base = 0x100 + 0x70 * n;
            regs.word(base + 0x00, "HW_APBH_CH" + n + "_CURCMDAR");
            regs.word(base + 0x10, "HW_APBH_CH" + n + "_NXTCMDAR");
            regs.word(base + 0x20, "HW_APBH_CH" + n + "_CMD");
            regs.word(base + 0x30, "HW_APBH_CH" + n + "_BAR");
            regs.word(base + 0x40, "HW_APBH_CH" + n + "_SEMA");
            regs.word(base + 0x50, "HW_APBH_CH" + n + "_DEBUG1");
            regs.word(base + 0x60, "HW_APBH_CH" + n + "_DEBUG2");
        }
        regs.word(0x800, "HW_APBH_VERSION").readOnly().reset(0x01010000);
    }

    /** SFTRST 0 -> 1: the block resets, which gates its clock (CTRL0 resets to SFTRST | CLKGATE). */
    private void ctrl0Written(int old, int val) {
        if ((old & CTRL0_SFTRST) == 0 && (val & CTRL0_SFTRST) != 0) regs.reset();
    }

    @Override
    protected boolean peekSafe(Register r) {
        return true;
    }

    /** "imx-apbh-dma". */
    public static final class Type implements DeviceType {
        @Override public String type() { return "imx-apbh-dma"; }

        @Override
        public Device create(DeviceContext ctx) {
            return new ApbhDma(ctx.name());
        }
    }
}
