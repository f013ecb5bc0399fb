package org.socemu.imx7;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socemu.core.dev.Device;
import org.socemu.core.dev.MmioDevice;
import org.socemu.core.dev.Register;
import org.socemu.core.machine.DeviceContext;
import org.socemu.core.machine.DeviceType;

/**
 * System Reset Controller (i.MX7D RM chapter "System Reset Controller"; Linux reset-imx7.c,
 * mach-imx/src.c, imx_rproc.c). Holds the reset lines of the A7 cores, the M4 and the PHYs as
 * plain control bits (reset-imx7 asserts and deasserts them by read-modify-write), the boot entry
 * registers GPR1..10, and releases A7 core 1 when A7RCR1.A7_CORE1_ENABLE goes to 1.
 *
 * <p>M4RCR: the M4 is held at power-on (SW_M4C_NON_SCLR_RST and ENABLE_M4 set). SW_M4C_RST reads
 * 1 while SW_M4C_NON_SCLR_RST holds the core; SW_M4C_RST and SW_M4P_RST written alone are
 * self-clearing pulses. So a held M4 reads 0xB in bits 3:0, as imx_rproc expects.
 */
public final class Src extends MmioDevice {
    private static final Logger log = LoggerFactory.getLogger(Src.class);

    static final int A7RCR1_CORE1_ENABLE = 1 << 1;
    static final int M4RCR_NON_SCLR_RST = 1, M4RCR_M4C_RST = 1 << 1, M4RCR_M4P_RST = 1 << 2, M4RCR_ENABLE_M4 = 1 << 3;
    static final int M4RCR_POWER_ON = M4RCR_ENABLE_M4 | M4RCR_NON_SCLR_RST;

    /** Told when software starts or stops a core through SRC (the boot protocol or the core model acts on it). */
    public interface CoreControl {
        /** A7 core {@code index} was enabled: on hardware it runs the boot ROM, which jumps to {@code entry} (GPR). */
        void a7CoreEnabled(int index, long entry, long arg);

        /** The M4 left (false) or entered (true) reset. */
        default void m4Held(boolean held) {}
    }

    private final Register a7rcr1, m4rcr;
    private final Register[] gpr;
    private CoreControl cores = new CoreControl() {
        @Override public void a7CoreEnabled(int index, long entry, long arg) {
            log.info("SRC: A7 core {} enabled, entry 0x{} (no core control attached)", index, Long.toHexString(entry));
        }
    };

    public Src(String name) {
        super(name, 0x2000);
        regs.word(0x000, "SRC_SCR").reset(0x000000A0);
        regs.word(0x004, "SRC_A7RCR0");
        a7rcr1 = regs.word(0x008, "SRC_A7RCR1").onWrite(this::a7rcr1Written);
        m4rcr = regs.word(0x00C, "SRC_M4RCR").reset(M4RCR_POWER_ON).onRead(this::m4rcr).onWrite(this::m4rcrWritten);
        regs.word(0x014, "SRC_ERCR");
        regs.word(0x01C, "SRC_HSICPHY_RCR");
        regs.word(0x020, "SRC_USBOPHY1_RCR");
        regs.word(0x024, "SRC_USBOPHY2_RCR");
        regs.word(0x028, "SRC_MIPIPHY_RCR");
        regs.word(0x02C, "SRC_PCIEPHY_RCR");
        regs.word(0x058, "SRC_SBMR1").readOnly();
        regs.word(0x05C, "SRC_SRSR").reset(1).writeOneToClear(-1); // IPP_RESET_B: power-on reset
        regs.word(0x068, "SRC_SISR").writeOneToClear(-1);
        regs.word(0x06C, "SRC_SIMR").reset(0x1F);
        regs.word(0x070, "SRC_SBMR2").readOnly();
        gpr = regs.words(0x074, 4, 10, "SRC_GPR"); // GPR1..GPR10 at index 0..9
        regs.word(0x1000, "SRC_DDRC_RCR");
    }

    public void setCoreControl(CoreControl c) {
        this.cores = c;
    }

    /** SRC_GPRn, n = 1..10. */
    public int gpr(int n) {
        return gpr[n - 1].value();
    }

    private void a7rcr1Written(int old, int val) {
        if ((old & A7RCR1_CORE1_ENABLE) == 0 && (val & A7RCR1_CORE1_ENABLE) != 0)
            cores.a7CoreEnabled(1, gpr(3) & 0xFFFFFFFFL, gpr(4) & 0xFFFFFFFFL);
    }

    private int m4rcr() {
        int v = m4rcr.value();
        return (v & M4RCR_NON_SCLR_RST) != 0 ? v | M4RCR_M4C_RST : v;
    }

    private void m4rcrWritten(int old, int val) {
        m4rcr.set(val & ~(M4RCR_M4C_RST | M4RCR_M4P_RST)); // the pulses clear themselves
        boolean wasHeld = (old & M4RCR_NON_SCLR_RST) != 0 || (old & M4RCR_ENABLE_M4) == 0;
        boolean held = (val & M4RCR_NON_SCLR_RST) != 0 || (val & M4RCR_ENABLE_M4) == 0;
        if (held != wasHeld) cores.m4Held(held);
    }

    @Override
    protected boolean peekSafe(Register r) {
        return true;
    }

    /** "imx7-src". The core control is attached by whoever starts cores (see {@link #setCoreControl}). */
    public static final class Type implements DeviceType {
        @Override public String type() { return "imx7-src"; }

        @Override
        public Device create(DeviceContext ctx) {
            return new Src(ctx.name());
        }
    }
}
