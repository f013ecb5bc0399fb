package org.socemu.imx7;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** CoreSight IDs, APBH DMA reset, DDR controller and PHY: the blocks firmware and Linux probe. */
class SocBlocksTest {
    @Test
    void coreSightComponentIdentifiesItself() {
        CoreSightIds funnel = new CoreSightIds("funnel", 0x000BB908L, CoreSightIds.CORESIGHT_CID);
        int[] pid = new int[4], cid = new int[4];
        for (int i = 0; i < 4; i++) {
            pid[i] = funnel.read(0xFE0 + 4 * i, 4);
            cid[i] = funnel.read(0xFF0 + 4 * i, 4);
        }
        assertArrayEquals(new int[] {0x08, 0xB9, 0x0B, 0x00}, pid);
        assertArrayEquals(new int[] {0x0D, 0x90, 0x05, 0xB1}, cid);
        assertEquals(0, funnel.read(0xFD0, 4), "PIDR4");
    }

    /** stmp_reset_block() as mxs-dma calls it: every poll must end. */
    @Test
    void stmpResetHandshake() {
        ApbhDma dma = new ApbhDma("apbh");
        int sftrst = ApbhDma.CTRL0_SFTRST, clkgate = ApbhDma.CTRL0_CLKGATE;
        dma.write(0x008, 4, sftrst); // CLR SFTRST
        assertEquals(0, dma.read(0x000, 4) & sftrst);
        dma.write(0x008, 4, clkgate); // CLR CLKGATE
        dma.write(0x010, 4, 0xFFFF0000); // something to be reset
        dma.write(0x004, 4, sftrst); // SET SFTRST
        assertEquals(clkgate, dma.read(0x000, 4) & clkgate, "the hardware gated the clock");
        assertEquals(0, dma.read(0x010, 4), "block reset");
        dma.write(0x008, 4, sftrst);
        assertEquals(0, dma.read(0x000, 4) & sftrst);
        dma.write(0x008, 4, clkgate);
        assertEquals(0, dma.read(0x000, 4) & clkgate);
        dma.write(0x004, 4, 3 << 28); // APB burst enables
        dma.write(0x014, 4, 0xFFFF0000); // SET CTRL1: channel interrupt enables
        assertEquals(3 << 28, dma.read(0x000, 4));
        assertEquals(0xFFFF0000, dma.read(0x010, 4));
    }

    /** The SabreSD DCD's polls end, and barebox's size readback finds 1 GiB. */
    @Test
    void ddrControllerAnswersTheDcdAndKeepsItsValues() {
        Ddrc ddrc = new Ddrc("ddrc");
        DdrPhy phy = new DdrPhy("ddr_phy");
        phy.write(0x0C0, 4, 0x0E447306); // ZQ_CON0: start calibration
        assertEquals(1, phy.read(0x0C4, 4) & 1, "CHECK any-set ZQ_CON1 mask 1");
        assertEquals(0x0E447306, phy.read(0x0C0, 4));
        ddrc.write(0x000, 4, 0x01040001); // MSTR
        ddrc.write(0x200, 4, 0x16);
        ddrc.write(0x204, 4, 0x171717);
        ddrc.write(0x214, 4, 0x04040404);
        ddrc.write(0x218, 4, 0x0F040404);
        assertEquals(1, ddrc.read(0x004, 4) & 1, "CHECK any-set STAT mask 1");
        assertEquals(1, (ddrc.read(0x000, 4) >>> 24) & 0xF, "one active rank");
        assertEquals(0x00000F0F, ddrc.read(0x210, 4), "ADDRMAP4 reset value");
        // barebox imx7 size: banks 8, columns 11 - 1 (COL_B10 = 0xF), rows 16 - 1 (ROW_B15 = 0xF), 4 bytes wide
        int cols = 11 - ((ddrc.read(0x210, 4) & 0xF) == 0xF ? 1 : 0);
        int rows = 16 - (((ddrc.read(0x218, 4) >>> 24) & 0xF) == 0xF ? 1 : 0);
        assertEquals(1L << 30, 8L * 4 * (1L << (rows + cols)));
        ddrc.reset();
        assertEquals(0, ddrc.read(0x000, 4), "storage resets");
    }
}
