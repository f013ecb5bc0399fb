package org.socemu.imx7;

import org.socemu.core.dev.Device;
import org.socemu.core.dev.MmioDevice;
import org.socemu.core.dev.Register;
import org.socemu.core.machine.DeviceContext;
import org.socemu.core.machine.DeviceType;

/**
 * On-Chip OTP controller (i.MX7D RM chapter "OCOTP"; Linux imx-ocotp.c, imx_thermal.c,
 * imx-cpufreq-dt.c). The fuse shadow registers at 0x400 + 0x10·n (64 words) hold this model's
 * fuses ({@link Imx7Fuses}); nvmem cell offsets are word index × 4. A READ_CTRL read copies the
 * fuse CTRL.ADDR names into READ_FUSE_DATA. The controller is never busy and no operation fails,
 * so CTRL.ERROR is only what software writes (it clears it through CTRL_CLR). Programming fuses
 * is not modelled: the
 * DATA registers only store (real fuses cannot be unblown, and a test must not leave any behind).
 */
public final class Ocotp extends MmioDevice {
    static final int WORDS = 64;
    static final int CTRL_ADDR = 0xF, CTRL_BUSY = 1 << 8, CTRL_ERROR = 1 << 9, CTRL_RELOAD_SHADOWS = 1 << 10;
    static final int SHADOW = 0x400;

    private final Register ctrl, readFuseData;
    private final Register[] shadow = new Register[WORDS];

    public Ocotp(String name) {
        super(name, 0x10000);
        ctrl = SetClrTog.declare(this, regs, 0x000, "HW_OCOTP_CTRL").mask(~CTRL_BUSY);
        regs.word(0x010, "HW_OCOTP_TIMING").reset(0x060D9755);
        for (int i = 0; i < 4; i++) regs.word(0x020 + 0x10 * i, "HW_OCOTP_DATA" + i);
        regs.word(0x060, "HW_OCOTP_READ_CTRL").onWriteRaw(this::readCtrl);
        readFuseData = regs.word(0x070, "HW_OCOTP_READ_FUSE_DATA");
        regs.word(0x080, "HW_OCOTP_SW_STICKY");
        SetClrTog.declare(this, regs, 0x090, "HW_OCOTP_SCS");
        regs.word(0x0B0, "HW_OCOTP_VERSION").readOnly().reset(0x06000000);
        regs.word(0x100, "HW_OCOTP_TIMING2").reset(0x01C30092);
        String[] names = new String[WORDS];
        names[0] = "LOCK";
        for (int i = 0; i <= 5; i++) names[1 + i] = "TESTER" + i;
        for (int i = 0; i <= 4; i++) names[7 + i] = "BOOT_CFG" + i;
        names[12] = "MEM_TRIM0";
        names[13] = "MEM_TRIM1";
        names[14] = "ANA0";
        names[15] = "ANA1";
        names[0x24] = "MAC_ADDR0";
        names[0x25] = "MAC_ADDR1";
        names[0x26] = "MAC_ADDR2";
        for (int n = 0; n < WORDS; n++)
            shadow[n] = regs.word(SHADOW + 0x10 * n, "HW_OCOTP_" + (names[n] != null ? names[n] : "SHADOW" + n));
        fuse(1, Imx7Fuses.TESTER0);
        fuse(2, Imx7Fuses.TESTER1);
        fuse(4, Imx7Fuses.TESTER3);
        fuse(15, Imx7Fuses.ANA1);
        fuse(0x24, Imx7Fuses.MAC_ADDR0);
        fuse(0x25, Imx7Fuses.MAC_ADDR1);
        fuse(0x26, Imx7Fuses.MAC_ADDR2);
    }

    private void fuse(int word, int value) {
        shadow[word].reset(value);
    }

    /** The fuse value behind shadow word {@code n}. */
    public int fuseWord(int n) {
        return shadow[n].value();
    }

    /** READ_CTRL.READ_FUSE: one word from the fuse array (here: the shadow's reset value). */
    private void readCtrl(int v) {
        if ((v & 1) == 0) return;
        if (ctrl.isSet(CTRL_ERROR)) return;
        int addr = ctrl.value() & CTRL_ADDR;
        int word = addr; // bank/word addressing collapses to the word index for the first 16 words
        readFuseData.set(word < WORDS ? shadow[word].value() : 0);
    }

    @Override
    protected boolean peekSafe(Register r) {
        return true;
    }

    /** "imx7-ocotp". */
    public static final class Type implements DeviceType {
        @Override public String type() { return "imx7-ocotp"; }

        @Override
        public Device create(DeviceContext ctx) {
            return new Ocotp(ctx.name());
        }
    }
}
