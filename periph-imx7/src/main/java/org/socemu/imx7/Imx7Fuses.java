package org.socemu.imx7;

/**
 * Fuse values this SoC model ships with, shared by OCOTP (which holds them) and the blocks whose
 * behaviour must agree with them (TEMPMON reads its measurement against the ANA1 calibration).
 */
final class Imx7Fuses {
    private Imx7Fuses() {}

    /** TEMPMON count at 25 °C (OCOTP ANA1 bits 17:9; Linux imx_thermal: T = N − n1 + 25). */
    static final int TEMP_COUNT_25C = 0x80;
    /** ANA1: 25 °C count in 17:9, the hot-point count (105 °C) in 8:0. */
    static final int ANA1 = TEMP_COUNT_25C << 9 | (TEMP_COUNT_25C + 80);
    /** TESTER3 (fuse word 4, nvmem offset 0x10): speed grade 2 in bits 9:8 (996 MHz part), commercial temperature grade in 7:6. */
    static final int TESTER3 = 2 << 8;
    /** A unique ID (TESTER0 low, TESTER1 high); any value does, this one is recognisable. */
    static final int TESTER0 = 0x5EC0E407, TESTER1 = 0x0D7D0001;
    /** MAC fuses: FEC1 00:04:9f:01:02:03, FEC2 00:04:9f:01:02:04 (Freescale OUI). */
    static final int MAC_ADDR0 = 0x9F010203, MAC_ADDR1 = 0x02040004, MAC_ADDR2 = 0x00049F01;
}
