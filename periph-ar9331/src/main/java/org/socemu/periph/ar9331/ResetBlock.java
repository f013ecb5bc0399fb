package org.socemu.periph.ar9331;

import org.socemu.core.dev.Device;
import org.socemu.core.dev.MmioDevice;
import org.socemu.core.dev.Register;
import org.socemu.core.machine.DeviceContext;
import org.socemu.core.machine.DeviceType;

/**
 * The AR9331 reset block's own registers: RESET_MODULE, REV_ID and BOOTSTRAP. The block at
 * 0x18060000 also holds the general-purpose timer (0x00), the watchdog (0x08, {@link Watchdog}) and
 * the misc interrupt controller (0x10, {@link MiscInterruptController}), which are mapped as their
 * own devices the way the device tree describes them; this device answers from {@link #WINDOW}
 * (0x1C) to the end of the block. The constants below are the datasheet's block offsets.
 */
public final class ResetBlock extends MmioDevice {
    /** Block offset of this device's first byte (it is mapped at block base + WINDOW). */
    static final int WINDOW = 0x1C;
    static final int RESET_MODULE = 0x1C, REV_ID = 0x90, BOOTSTRAP = 0xAC;

    // RESET_MODULE bits
    static final int USBSUS_OVERRIDE = 1 << 3, USB_PHY = 1 << 4, USB_HOST = 1 << 5, ETH_SWITCH = 1 << 8,
            GE0_MAC = 1 << 9, WMAC = 1 << 11, GE1_MAC = 1 << 13, GE0_MDIO = 1 << 22, GE1_MDIO = 1 << 23,
            FULL_CHIP_RESET = 1 << 24;

    /** AR9331 revision 1: Linux masks with 0xFFF0 (0x1110 = AR9331), revision in bits 1:0. */
    static final int REV_ID_AR9331_1 = 0x00001111;

    // BOOTSTRAP bits: REF_CLK_40 and EEPBUSY are straps and status, not writable.
    static final int REF_CLK_40 = 1 << 0, EEPBUSY = 1 << 4, DDR2 = 1 << 13, MDIO_GPIO_EN = 1 << 18;

    private final Runnable fullChipReset;

    public ResetBlock(String name, int revId, int bootstrap, Runnable fullChipReset) {
        super(name, 0x100 - WINDOW);
        this.fullChipReset = fullChipReset;
        regs.word(RESET_MODULE - WINDOW, "RESET_MODULE").onWrite(this::resetModuleWritten);
        regs.word(REV_ID - WINDOW, "REV_ID").reset(revId).readOnly();
        regs.word(BOOTSTRAP - WINDOW, "BOOTSTRAP").reset(bootstrap).mask(~(REF_CLK_40 | EEPBUSY));
    }

    /** Block resets other than the full chip's only matter to devices we do not model (WMAC, MACs, USB). */
    private void resetModuleWritten(int value) {
        if ((value & FULL_CHIP_RESET) != 0) fullChipReset.run();
    }

    Register register(String name) {
        return regs.get(name);
    }

    /**
     * "ar9331-reset", mapped at 0x1806001C. Props: "rev-id" (default AR9331 rev 1), "bootstrap"
     * (strap value; default 0: 25 MHz reference, DDR1; the AR9331 only boots from SPI NOR).
     */
    public static final class Type implements DeviceType {
        @Override public String type() { return "ar9331-reset"; }

        @Override public Device create(DeviceContext ctx) {
            return new ResetBlock(ctx.name(), (int) ctx.props().number("rev-id", REV_ID_AR9331_1),
                    (int) ctx.props().number("bootstrap", 0),
                    () -> ctx.machine().requestReset(ctx.name() + ": RESET_MODULE full-chip reset"));
        }
    }
}
