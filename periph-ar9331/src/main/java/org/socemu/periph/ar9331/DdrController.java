package org.socemu.periph.ar9331;

import org.socemu.core.dev.Device;
import org.socemu.core.dev.MmioDevice;
import org.socemu.core.machine.DeviceContext;
import org.socemu.core.machine.DeviceType;

/**
 * AR9331 DDR controller (0x18000000). The emulated DRAM needs no training, so the timing and mode
 * registers only hold what the boot loader writes; the command strobe (CTRL) completes at once and
 * the write-buffer flush registers, which Linux polls before dispatching IP2/IP3, read "done".
 */
public final class DdrController extends MmioDevice {
    static final int CONFIG = 0x00, CONFIG2 = 0x04, MODE = 0x08, EXT_MODE = 0x0C, CTRL = 0x10,
            REFRESH = 0x14, RD_DATA = 0x18, TAP_CTRL0 = 0x1C, TAP_CTRL1 = 0x20,
            WB_FLUSH_GE0 = 0x7C, WB_FLUSH_GE1 = 0x80, WB_FLUSH_USB = 0x84, WB_FLUSH_WMAC = 0x88,
            DDR2_CONFIG = 0x8C, EMR2 = 0x90, EMR3 = 0x94;

    public DdrController(String name) {
        super(name, 0x100);
        regs.word(CONFIG, "DDR_CONFIG");
        regs.word(CONFIG2, "DDR_CONFIG2");
        regs.word(MODE, "DDR_MODE");
        regs.word(EXT_MODE, "DDR_EXT_MODE");
        // Command strobes (MRS, EMRS, refresh, precharge-all, EMR2S, EMR3S) take effect at once.
        regs.word(CTRL, "DDR_CTRL").onRead(() -> 0);
        regs.word(REFRESH, "DDR_REFRESH");
        regs.word(RD_DATA, "DDR_RD_DATA");
        regs.word(TAP_CTRL0, "DDR_TAP_CTRL0");
        regs.word(TAP_CTRL1, "DDR_TAP_CTRL1");
        // Writing 1 starts a flush of that master's write buffer; ours has nothing buffered, so the
        // busy bit 0 is already clear when software polls it.
        regs.word(WB_FLUSH_GE0, "DDR_WB_FLUSH_GE0").onRead(() -> 0);
        regs.word(WB_FLUSH_GE1, "DDR_WB_FLUSH_GE1").onRead(() -> 0);
        regs.word(WB_FLUSH_USB, "DDR_WB_FLUSH_USB").onRead(() -> 0);
        regs.word(WB_FLUSH_WMAC, "DDR_WB_FLUSH_WMAC").onRead(() -> 0);
        regs.word(DDR2_CONFIG, "DDR_DDR2_CONFIG");
        regs.word(EMR2, "DDR_EMR2");
        regs.word(EMR3, "DDR_EMR3");
    }

    /** "ar9331-ddr". */
    public static final class Type implements DeviceType {
        @Override public String type() { return "ar9331-ddr"; }
        @Override public Device create(DeviceContext ctx) { return new DdrController(ctx.name()); }
    }
}
