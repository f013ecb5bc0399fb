package org.socemu.imx7;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class DebugAndDmaTest {
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
}
