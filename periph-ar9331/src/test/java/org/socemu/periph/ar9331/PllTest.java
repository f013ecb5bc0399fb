package org.socemu.periph.ar9331;

import static org.junit.jupiter.api.Assertions.*;
import static org.socemu.periph.ar9331.Pll.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PllTest {
    private final Pll pll = Bus.attach(new Pll("pll", 25_000_000L));

    /** ar933x_clocks_init's arithmetic, done here from the registers as software reads them. */
    private long[] linuxDerives() {
        int clockCtrl = pll.read(CLOCK_CTRL, 4), cpuConfig = pll.read(CPU_CONFIG, 4);
        long ref = 25_000_000L;
        if ((clockCtrl & BYPASS) != 0) return new long[] {ref, ref, ref};
        long t = (cpuConfig >> 16) & 0x1F;
        long freq = ref / t * ((cpuConfig >> 10) & 0x3F);
        freq >>= Math.max(1, (cpuConfig >> 23) & 7);
        return new long[] {freq / (((clockCtrl >> 5) & 3) + 1), freq / (((clockCtrl >> 10) & 3) + 1),
                freq / (((clockCtrl >> 15) & 7) + 1)};
    }

    @Test
    void resetValuesGive400_400_200() {
        assertEquals(0x00818000, pll.read(CPU_CONFIG, 4));
        assertEquals(0x00008000, pll.read(CLOCK_CTRL, 4));
        assertArrayEquals(new long[] {400_000_000L, 400_000_000L, 200_000_000L}, linuxDerives());
        assertEquals(400_000_000L, pll.cpuHz());
        assertEquals(400_000_000L, pll.ddrHz());
        assertEquals(200_000_000L, pll.ahbHz());
    }

    @Test
    void bareboxSequenceReadsBackAndRatesFollow() {
        pll.write(CLOCK_CTRL, 4, 0x8004);
        assertEquals(25_000_000L, pll.cpuHz(), "bypass: everything on the reference");
        pll.write(CPU_CONFIG2, 4, 0x352);
        pll.write(CPU_CONFIG, 4, 0x40818000);
        pll.write(CPU_CONFIG, 4, pll.read(CPU_CONFIG, 4) & ~PLL_PWD);
        pll.write(CLOCK_CTRL, 4, pll.read(CLOCK_CTRL, 4) & ~BYPASS);
        assertEquals(0x00818000, pll.read(CPU_CONFIG, 4));
        assertEquals(0x352, pll.read(CPU_CONFIG2, 4));
        assertEquals(200_000_000L, pll.ahbHz());
        pll.write(CLOCK_CTRL, 4, 1 << 5); // CPU_DIV 1, AHB_DIV 0
        assertEquals(200_000_000L, pll.cpuHz());
        assertEquals(400_000_000L, pll.ahbHz());
    }
}
