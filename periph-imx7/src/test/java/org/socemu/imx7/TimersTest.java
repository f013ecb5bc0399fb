package org.socemu.imx7;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.socemu.core.irq.IrqLine;
import org.socemu.core.time.Clock;
import org.socemu.core.time.Scheduler;

class TimersTest {
    Scheduler clock = new Scheduler();
    IrqLine irq = new IrqLine("gpt1.irq");

    @Test
    void gptCountsAt24MHzAsLinuxSetsItUp() {
        ImxGpt gpt = new ImxGpt("gpt1", irq, clock, 66_000_000, 24_000_000);
        gpt.write(0x00, 4, 0);
        gpt.write(0x04, 4, 0);
        TestTime.advance(clock, Clock.PS_PER_MS);
        assertEquals(0, gpt.read(0x24, 4), "not counting while disabled");
        gpt.write(0x00, 4, 0x289); // TEN | WAITEN | CLKSRC per | FRR
        TestTime.advance(clock, Clock.PS_PER_MS);
        assertEquals(24_000, gpt.read(0x24, 4));
        TestTime.advance(clock, 41_667); // one more 24 MHz tick
        assertEquals(24_001, gpt.read(0x24, 4));
    }

    @Test
    void gptCompareInterruptAtTheExactVirtualTime() {
        ImxGpt gpt = new ImxGpt("gpt1", irq, clock, 66_000_000, 24_000_000);
        gpt.write(0x00, 4, 0x289);
        gpt.write(0x0C, 4, ImxGpt.SR_OF1);
        int now = gpt.read(0x24, 4);
        gpt.write(0x10, 4, now + 2400); // 100 µs ahead
        TestTime.advance(clock, 99 * Clock.PS_PER_US);
        assertFalse(irq.isHigh());
        TestTime.advance(clock, 2 * Clock.PS_PER_US);
        assertTrue(irq.isHigh());
        assertEquals(ImxGpt.SR_OF1, gpt.read(0x08, 4) & ImxGpt.SR_OF1);
        gpt.write(0x08, 4, ImxGpt.SR_OF1);
        assertFalse(irq.isHigh(), "TSTAT write-1-to-clear");
    }

    @Test
    void gptRestartModeWrapsAtOcr1AndPrescales() {
        ImxGpt gpt = new ImxGpt("gpt2", irq, clock, 66_000_000, 24_000_000);
        gpt.write(0x04, 4, 23); // divide by 24: 1 MHz
        gpt.write(0x10, 4, 999); // period 1000 counts = 1 ms
        gpt.write(0x0C, 4, ImxGpt.SR_OF1);
        gpt.write(0x00, 4, ImxGpt.CR_EN | (ImxGpt.CLK_PER << 6)); // restart mode
        TestTime.advance(clock, 1500 * Clock.PS_PER_US);
        assertEquals(500, gpt.read(0x24, 4));
        assertTrue(irq.isHigh());
    }

    @Test
    void gptOscillatorSourceUsesThe24MPrescaler() {
        ImxGpt gpt = new ImxGpt("gpt3", irq, clock, 66_000_000, 24_000_000);
        gpt.write(0x04, 4, 7 << 12); // PRESCALER24M = 7: 24 MHz / 8
        gpt.write(0x00, 4, ImxGpt.CR_EN | ImxGpt.CR_FRR | ImxGpt.CR_EN_24M | (ImxGpt.CLK_OSC24M << 6));
        TestTime.advance(clock, Clock.PS_PER_MS);
        assertEquals(3000, gpt.read(0x24, 4));
    }

    @Test
    void gptEnmodRestartsFromZeroAndDisableFreezes() {
        ImxGpt gpt = new ImxGpt("gpt4", irq, clock, 66_000_000, 24_000_000);
        gpt.write(0x00, 4, 0x289);
        TestTime.advance(clock, Clock.PS_PER_MS);
        gpt.write(0x00, 4, 0x288);
        TestTime.advance(clock, Clock.PS_PER_MS);
        assertEquals(24_000, gpt.read(0x24, 4), "frozen while disabled");
        gpt.write(0x00, 4, 0x289 | ImxGpt.CR_ENMOD);
        assertEquals(0, gpt.read(0x24, 4), "ENMOD: enable starts from 0");
    }

    @Test
    void gptSoftwareResetClearsRegistersAndSelfClears() {
        ImxGpt gpt = new ImxGpt("gpt1", irq, clock, 66_000_000, 24_000_000);
        gpt.write(0x04, 4, 5);
        gpt.write(0x0C, 4, ImxGpt.SR_OF1);
        gpt.write(0x10, 4, 1234);
        gpt.write(0x00, 4, ImxGpt.CR_SWR | 0x289);
        assertEquals(0, gpt.read(0x00, 4) & ImxGpt.CR_SWR, "SWR reads 0 when the reset is done");
        assertEquals(0, gpt.read(0x04, 4));
        assertEquals(0, gpt.read(0x0C, 4));
        assertEquals(-1, gpt.read(0x10, 4), "OCR1 back to its reset value");
        assertEquals(0, gpt.read(0x24, 4));
    }

    @Test
    void systemCounterReadsCntfidAndCountsAt8MHzOnlyWhenEnabled() {
        SystemCounter sc = new SystemCounter("sysctr", clock, null, false);
        assertEquals(8_000_000, sc.read(0x20020, 4), "CNTFID0, as barebox reads it");
        TestTime.advance(clock, Clock.PS_PER_MS);
        assertEquals(0, sc.read(0x00008, 4));
        sc.write(0x20000, 4, 0x103); // EN | HDBG | FCR0
        assertEquals(0x100, sc.read(0x20004, 4), "CNTSR.FCA0 acknowledges");
        TestTime.advance(clock, Clock.PS_PER_MS);
        assertEquals(8000, sc.read(0x00008, 4));
        assertEquals(8000, sc.count());
        sc.write(0x2000C, 4, 1); // CNTCV1 in the control frame
        assertEquals(1, sc.read(0x0000C, 4));
    }

    @Test
    void systemCounterCompareRaisesItsInterrupt() {
        IrqLine cmp = new IrqLine("sysctr.cmp");
        SystemCounter sc = new SystemCounter("sysctr", clock, cmp, true);
        sc.write(0x10020, 4, 800); // 100 µs
        sc.write(0x1002C, 4, SystemCounter.CMPCR_EN);
        TestTime.advance(clock, 99 * Clock.PS_PER_US);
        assertFalse(cmp.isHigh());
        TestTime.advance(clock, 2 * Clock.PS_PER_US);
        assertTrue(cmp.isHigh());
        assertEquals(SystemCounter.CMPCR_ISTAT, sc.read(0x1002C, 4) & SystemCounter.CMPCR_ISTAT);
        sc.write(0x1002C, 4, SystemCounter.CMPCR_EN | SystemCounter.CMPCR_IMASK);
        assertFalse(cmp.isHigh());
    }
}
