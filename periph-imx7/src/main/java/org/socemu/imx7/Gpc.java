package org.socemu.imx7;

import org.socemu.core.dev.Device;
import org.socemu.core.dev.MmioDevice;
import org.socemu.core.dev.Register;
import org.socemu.core.machine.DeviceContext;
import org.socemu.core.machine.DeviceType;

/**
 * General Power Controller (i.MX7D RM chapter "GPC"; Linux irq-imx-gpcv2.c, gpcv2.c,
 * mach-imx/gpcv2 SMP path). Interrupt side: the wake-up mask registers IMR1..4 of A7 core 0,
 * core 1 and the M4 are storage: for delivery the GPC passes every interrupt straight to the GIC
 * (the machine wires devices to the GIC directly). Power side: a software power-up or power-down
 * request bit (CPU_PGC_SW_PUP_REQ / PDN_REQ, PU_PGC_SW_PUP_REQ / PDN_REQ) completes at once and
 * clears itself; each PGC's status register then shows the domain's state.
 *
 * <p>Not modelled: low-power modes (LPCR_A7_BSC/SLPCR stored only), power-up slots, ISR1..4
 * (interrupt status as the GPC sees it).
 */
public final class Gpc extends MmioDevice {
    static final int IMR_CORE0 = 0x30, IMR_CORE1 = 0x40, IMR_M4 = 0x50;
    /** PGC blocks in the order of the request bits of CPU_PGC_SW_* (A7 cores, SCU...) and PU_PGC_SW_*. */
    static final int[] CPU_PGC = {0x800, 0x840, 0x880}; // C0, C1, SCU
    static final int[] PU_PGC = {0xC00, 0xC40, 0xC80, 0xCC0, 0xD00}; // MIPI, PCIE, USB OTG1, OTG2, HSIC PHY
    static final int PGC_SR_PSR = 1; // power status: 1 = powered down

    private final Register[] cpuPgcSr = new Register[CPU_PGC.length];
    private final Register[] puPgcSr = new Register[PU_PGC.length];

    public Gpc(String name) {
        super(name, 0x10000);
        regs.word(0x000, "GPC_LPCR_A7_BSC");
        regs.word(0x004, "GPC_LPCR_A7_AD");
        regs.word(0x008, "GPC_LPCR_M4");
        regs.word(0x014, "GPC_SLPCR");
        regs.word(0x020, "GPC_MLPCR");
        regs.word(0x024, "GPC_PGC_ACK_SEL_A7");
        regs.word(0x028, "GPC_PGC_ACK_SEL_M4");
        regs.word(0x02C, "GPC_MISC");
        regs.words(IMR_CORE0, 4, 4, "GPC_IMR_CORE0_A7_"); // IMR1..4 of A7 core 0
        regs.words(IMR_CORE1, 4, 4, "GPC_IMR_CORE1_A7_");
        regs.words(IMR_M4, 4, 4, "GPC_IMR_M4_");
        regs.words(0x0B0, 4, 10, "GPC_SLOT_CFG"); // SLOT0..9_CFG (power-up sequencing slots, stored)
        regs.word(0x0EC, "GPC_PGC_CPU_MAPPING");
        requestRegister(0x0F0, "GPC_CPU_PGC_SW_PUP_REQ", cpuPgcSr, false);
        requestRegister(0x0F8, "GPC_PU_PGC_SW_PUP_REQ", puPgcSr, false);
        requestRegister(0x0FC, "GPC_CPU_PGC_SW_PDN_REQ", cpuPgcSr, true);
        requestRegister(0x104, "GPC_PU_PGC_SW_PDN_REQ", puPgcSr, true);
        regs.word(0x124, "GPC_GTOR");
        String[] cpuNames = {"C0", "C1", "SCU"};
        for (int i = 0; i < CPU_PGC.length; i++) cpuPgcSr[i] = pgc(CPU_PGC[i], cpuNames[i]);
        regs.word(0x890, "GPC_PGC_SCU_TIMING");
        pgc(0xA00, "FM");
        String[] puNames = {"MIPI_PHY", "PCIE_PHY", "USB_OTG1_PHY", "USB_OTG2_PHY", "USB_HSIC_PHY"};
        for (int i = 0; i < PU_PGC.length; i++) puPgcSr[i] = pgc(PU_PGC[i], puNames[i]);
    }

    /** One power gating controller: control, power-up and power-down timing, status. */
    private Register pgc(int base, String name) {
        regs.word(base, "GPC_PGC_" + name + "_CTRL");
        regs.word(base + 4, "GPC_PGC_" + name + "_PUPSCR");
        regs.word(base + 8, "GPC_PGC_" + name + "_PDNSCR");
        return regs.word(base + 0xC, "GPC_PGC_" + name + "_SR").readOnly();
    }

    /**
     * A software power-up/down request register: the requested domains switch at once, and the
     * request bits clear themselves (software polls them for the end of the handshake).
     */
    private void requestRegister(int offset, String name, Register[] status, boolean down) {
        Register req = regs.word(offset, name);
        req.onWrite(bits -> {
            for (int i = 0; i < status.length; i++)
                if ((bits & (1 << i)) != 0) {
                    if (down) status[i].setBits(PGC_SR_PSR);
                    else status[i].clearBits(PGC_SR_PSR);
                }
            req.set(0);
        });
    }

    @Override
    protected boolean peekSafe(Register r) {
        return true;
    }

    /** "imx7-gpc". */
    public static final class Type implements DeviceType {
        @Override public String type() { return "imx7-gpc"; }

        @Override
        public Device create(DeviceContext ctx) {
            return new Gpc(ctx.name());
        }
    }
}
