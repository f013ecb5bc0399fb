package org.socemu.imx7;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** CCM, CCM_ANALOG, OCOTP, IOMUXC register files. */
class ClocksAndFusesTest {
    @Test
    void ccmTargetRootSetClrTogAliases() {
        Ccm ccm = new Ccm("ccm");
        int gpt1 = 0xB900;
        ccm.write(gpt1, 4, 0x10000000);
        ccm.write(gpt1 + 4, 4, 0x01000000); // SET: mux 1
        assertEquals(0x11000000, ccm.read(gpt1, 4));
        ccm.write(gpt1 + 8, 4, 0x10000000); // CLR: enable
        assertEquals(0x01000000, ccm.read(gpt1, 4));
        ccm.write(gpt1 + 0xC, 4, 0x01000003); // TOG
        assertEquals(0x00000003, ccm.read(gpt1, 4));
        assertEquals(0x00000003, ccm.read(gpt1 + 4, 4), "aliases read the register");
    }

    @Test
    void ccmGatesResetOnAndReadBack() {
        Ccm ccm = new Ccm("ccm");
        assertEquals(3, ccm.read(0x4940, 4), "UART1 gate");
        ccm.write(0x4940 + 8, 4, 3);
        assertEquals(0, ccm.read(0x4940, 4));
        ccm.write(0x47C0, 4, 2);
        assertEquals(2, ccm.read(0x47C0, 4));
    }

    @Test
    void pllLockFollowsPowerDown() {
        CcmAnalog a = new CcmAnalog("anatop", 0x00720012, 40);
        int arm = a.read(CcmAnalog.PLL_ARM, 4);
        assertEquals(CcmAnalog.LOCK, arm & CcmAnalog.LOCK, "ARM PLL powered and locked");
        assertEquals(83, arm & 0x7F, "996 MHz");
        int audio = a.read(CcmAnalog.PLL_AUDIO, 4);
        assertEquals(0, audio & CcmAnalog.LOCK, "audio PLL powered down: not locked");
        a.write(CcmAnalog.PLL_AUDIO + 8, 4, 1 << 12); // clk-pllv3 prepare: CLR power-down
        assertEquals(CcmAnalog.LOCK, a.read(CcmAnalog.PLL_AUDIO, 4) & CcmAnalog.LOCK);
        a.write(CcmAnalog.PLL_DDR + 4, 4, 1 << 20); // DDR power-down is bit 20
        assertEquals(0, a.read(CcmAnalog.PLL_DDR, 4) & CcmAnalog.LOCK);
        a.write(CcmAnalog.PLL_ARM, 4, -1);
        assertEquals(0, a.read(CcmAnalog.PLL_ARM, 4) & CcmAnalog.LOCK, "LOCK is not writable");
    }

    @Test
    void pfdFractionsAndDenominatorsAreNonZero() {
        CcmAnalog a = new CcmAnalog("anatop", 0x00720012, 40);
        for (int off : new int[] {0x0C0, 0x0D0})
            for (int b = 0; b < 4; b++) assertNotEquals(0, (a.read(off, 4) >>> (8 * b)) & 0x3F);
        for (int off : new int[] {0x0A0, 0x120, 0x160}) assertNotEquals(0, a.read(off, 4));
        assertEquals(0x00720012, a.read(0x800, 4), "DIGPROG");
    }

    @Test
    void regulatorOkFollowsEnable() {
        CcmAnalog a = new CcmAnalog("anatop", 0x00720012, 40);
        assertEquals(CcmAnalog.REG_OK, a.read(0x200, 4) & CcmAnalog.REG_OK);
        a.write(0x200 + 8, 4, CcmAnalog.REG_ENABLE_LINREG);
        assertEquals(0, a.read(0x200, 4) & CcmAnalog.REG_OK);
    }

    @Test
    void tempmonMeasuresAgainstTheOcotpCalibration() {
        CcmAnalog a = new CcmAnalog("anatop", 0x00720012, 47);
        Ocotp ocotp = new Ocotp("ocotp");
        assertEquals(0, a.read(0x310, 4) & CcmAnalog.TS1_FINISHED, "powered down at reset");
        a.write(0x310 + 8, 4, CcmAnalog.TS1_POWER_DOWN);
        a.write(0x310 + 4, 4, CcmAnalog.TS1_MEASURE_TEMP);
        int v = a.read(0x310, 4);
        assertEquals(CcmAnalog.TS1_FINISHED, v & CcmAnalog.TS1_FINISHED);
        int c1 = (ocotp.read(0x4F0, 4) >>> 9) & 0x1FF; // imx_thermal's i.MX7D calibration
        int millicelsius = ((v & 0x1FF) - c1 + 25) * 1000;
        assertEquals(47_000, millicelsius);
    }

    @Test
    void ocotpShadowsHoldUidSpeedGradeAndMac() {
        Ocotp o = new Ocotp("ocotp");
        assertEquals(0, o.read(0x000, 4) & (Ocotp.CTRL_BUSY | Ocotp.CTRL_ERROR));
        assertNotEquals(0, o.read(0x410, 4) | o.read(0x420, 4), "unique ID");
        assertEquals(2, (o.read(0x440, 4) >>> 8) & 3, "speed grade: 996 MHz supported");
        assertEquals(0, (o.read(0x440, 4) >>> 6) & 3, "commercial temperature grade");
        int ana1 = o.read(0x4F0, 4);
        assertTrue(ana1 != 0 && ana1 != -1, "valid calibration");
        assertEquals(0x9F010203, o.read(0x640, 4));
        o.write(0x000 + 4, 4, 4); // CTRL_SET ADDR = 4
        o.write(0x060, 4, 1); // READ_FUSE
        assertEquals(o.read(0x440, 4), o.read(0x070, 4));
        o.write(0x000 + 4, 4, Ocotp.CTRL_ERROR);
        o.write(0x000 + 8, 4, Ocotp.CTRL_ERROR);
        assertEquals(0, o.read(0x000, 4) & Ocotp.CTRL_ERROR, "CTRL_CLR clears ERROR");
    }

    @Test
    void iomuxcIsPlainStorageAndGprsAreNamed() {
        PlainRegisterFile iomuxc = new PlainRegisterFile("iomuxc", 0x10000);
        iomuxc.write(0x2A8, 4, 0x59);
        assertEquals(0x59, iomuxc.read(0x2A8, 4));
        iomuxc.write(0x2A9, 1, 0x12);
        assertEquals(0x1259, iomuxc.read(0x2A8, 4));
        iomuxc.reset();
        assertEquals(0, iomuxc.read(0x2A8, 4));
        IomuxcGpr gpr = new IomuxcGpr("gpr");
        gpr.write(0x04, 4, 0x4F400005);
        assertEquals(0x4F400005, gpr.read(0x04, 4));
        assertEquals("IOMUXC_GPR_GPR22", gpr.registers().find(0x58).name());
    }
}
