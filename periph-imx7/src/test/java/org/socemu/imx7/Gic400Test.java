package org.socemu.imx7;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socemu.core.irq.IrqLine;

class Gic400Test {
    static final int D = 0x1000, C = 0x2000;
    IrqLine[] pins = {new IrqLine("cpu0.irq"), new IrqLine("cpu1.irq")};
    int cpu;
    Gic400 gic;

    @BeforeEach
    void setUp() {
        gic = new Gic400("gic", 2, pins, () -> cpu);
    }

    int rd(int off) { return gic.read(off, 4); }
    void wr(int off, int v) { gic.write(off, 4, v); }

    /** What Linux's gic_dist_init / gic_cpu_init do (irq-gic.c), on both CPUs. */
    void linuxInit() {
        cpu = 0;
        wr(D, 0);
        int mask = rd(D + 0x800) & 0xFF;
        for (int i = 32; i < 160; i += 4) wr(D + 0x800 + i, mask * 0x01010101);
        for (int i = 32; i < 160; i += 16) wr(D + 0xC00 + i / 4, 0);
        for (int i = 32; i < 160; i += 4) wr(D + 0x400 + i, 0xA0A0A0A0);
        for (int i = 32; i < 160; i += 32) { wr(D + 0x380 + i / 8, -1); wr(D + 0x180 + i / 8, -1); }
        wr(D, 1);
        for (cpu = 0; cpu < 2; cpu++) {
            wr(D + 0x380, -1);
            wr(D + 0x180, 0xFFFF0000);
            wr(D + 0x100, 0x0000FFFF);
            for (int i = 0; i < 32; i += 4) wr(D + 0x400 + i, 0xA0A0A0A0);
            wr(C + 0x04, 0xF0);
            wr(C, 1);
        }
        cpu = 0;
    }

    @Test
    void identificationAsAGic400WithTwoCpus() {
        assertEquals(0x02043B, rd(C + 0xFC) & 0xFF0FFF, "Linux's GIC-400 check on GICC_IIDR");
        assertEquals(0x0202143B, rd(C + 0xFC));
        assertEquals(4, rd(D + 0x004) & 0x1F, "ITLinesNumber: 160 IDs");
        assertEquals(1, (rd(D + 0x004) >> 5) & 7, "CPUNumber: 2 CPUs");
        assertEquals(0x0200143B, rd(D + 0x008));
        assertEquals(0x2B, rd(D + 0xFE8) & 0xFF, "PIDR2: GICv2");
    }

    @Test
    void itargetsr0to7AreBankedToTheReadingCpu() {
        cpu = 0;
        assertEquals(0x01010101, rd(D + 0x800));
        assertEquals(0x01010101, rd(D + 0x81C));
        cpu = 1;
        assertEquals(0x02020202, rd(D + 0x800));
        wr(D + 0x800, 0);
        assertEquals(0x02020202, rd(D + 0x800), "read-only");
    }

    @Test
    void priorityFieldsKeepFiveBitsAndByteWritesWork() {
        wr(D + 0x400 + 40, 0xFFFFFFFF);
        assertEquals(0xF8F8F8F8, rd(D + 0x400 + 40));
        gic.write(D + 0x400 + 41, 1, 0x10);
        assertEquals(0xF8F810F8, rd(D + 0x400 + 40), "byte write changes one interrupt only");
        gic.write(D + 0x800 + 42, 1, 2);
        assertEquals(0x00020000, rd(D + 0x800 + 40), "ITARGETSR byte write");
    }

    @Test
    void sgiFromCpu0ToCpu1RaisesCpu1IrqWithSourceInIar() {
        linuxInit();
        cpu = 0;
        wr(D + 0xF00, (0 << 24) | (2 << 16) | 5); // SGI 5 to CPU1
        assertFalse(pins[0].isHigh());
        assertTrue(pins[1].isHigh());
        cpu = 1;
        assertEquals(5, rd(C + 0x18), "HPPIR");
        int iar = rd(C + 0x0C);
        assertEquals(5, iar & 0x3FF);
        assertEquals(0, iar >> 10, "source CPU 0");
        assertFalse(pins[1].isHigh(), "active: no longer signalled");
        assertEquals(0xA0, rd(C + 0x14), "running priority");
        assertEquals(1023, rd(C + 0x0C), "nothing else pending");
        wr(C + 0x10, iar);
        assertEquals(0xFF, rd(C + 0x14), "idle after EOI");
        assertEquals(0, rd(D + 0x300) & (1 << 5), "deactivated");
    }

    @Test
    void sgiTargetFiltersAllButSelfAndSelf() {
        linuxInit();
        cpu = 1;
        wr(D + 0xF00, (1 << 24) | 3); // all but self
        assertTrue(pins[0].isHigh());
        assertFalse(pins[1].isHigh());
        wr(D + 0xF00, (2 << 24) | 4); // self
        assertTrue(pins[1].isHigh());
        cpu = 0;
        assertEquals(3 | 1 << 10, rd(C + 0x0C), "SGI 3 from CPU1");
    }

    @Test
    void levelSpiFollowsTheLineAndGoesToItsTargetCpu() {
        linuxInit();
        IrqLine uart = gic.input("26");
        wr(D + 0x100 + 4, 1 << 26); // enable ID 58
        uart.raise();
        assertTrue(pins[0].isHigh());
        assertFalse(pins[1].isHigh(), "targets CPU0 only");
        assertEquals(58, rd(C + 0x0C));
        assertEquals(1 << 26, rd(D + 0x200 + 4) & (1 << 26), "active and pending while the line is high");
        uart.lower();
        assertEquals(0, rd(D + 0x200 + 4) & (1 << 26));
        wr(C + 0x10, 58);
        assertFalse(pins[0].isHigh());
        // retarget to CPU1 (byte write, as gic_set_affinity does)
        gic.write(D + 0x800 + 58, 1, 2);
        uart.raise();
        assertFalse(pins[0].isHigh());
        assertTrue(pins[1].isHigh());
    }

    @Test
    void edgeSpiLatchesThePulse() {
        linuxInit();
        wr(D + 0xC00 + 12, 2 << 2 * (58 - 48)); // ICFGR3: ID 58 edge
        wr(D + 0x100 + 4, 1 << 26);
        gic.input("26").pulse();
        assertTrue(pins[0].isHigh(), "latched");
        assertEquals(58, rd(C + 0x0C));
        assertFalse(pins[0].isHigh());
        wr(C + 0x10, 58);
        assertFalse(pins[0].isHigh(), "edge consumed by the acknowledge");
    }

    @Test
    void disabledOrMaskedInterruptsAreNotSignalled() {
        linuxInit();
        IrqLine l = gic.input("10");
        l.raise();
        assertFalse(pins[0].isHigh(), "not enabled");
        wr(D + 0x100 + 4, 1 << 10);
        assertTrue(pins[0].isHigh());
        wr(C + 0x04, 0xA0);
        assertFalse(pins[0].isHigh(), "priority 0xA0 is not above mask 0xA0");
        wr(C + 0x04, 0xF0);
        wr(D, 0);
        assertFalse(pins[0].isHigh(), "distributor off");
        assertEquals(1023, rd(C + 0x0C));
    }

    @Test
    void higherPriorityPreemptsAndSplitEoiNeedsDir() {
        linuxInit();
        wr(C, 1 | 1 << 9); // EOImode: split priority drop and deactivation
        wr(D + 0x100 + 4, 3);
        gic.write(D + 0x400 + 33, 1, 0x80);
        gic.input("0").raise(); // ID 32, priority 0xA0
        assertEquals(32, rd(C + 0x0C));
        gic.input("1").raise(); // ID 33, priority 0x80 preempts
        assertTrue(pins[0].isHigh());
        assertEquals(33, rd(C + 0x0C));
        assertEquals(0x80, rd(C + 0x14));
        wr(C + 0x10, 33); // priority drop only
        assertEquals(0xA0, rd(C + 0x14));
        assertEquals(2, rd(D + 0x300 + 4) & 2, "still active until GICC_DIR");
        wr(C + 0x1000, 33);
        assertEquals(0, rd(D + 0x300 + 4) & 2);
        assertTrue(pins[0].isHigh(), "level line still high, re-signalled (priority above running 0xA0)");
    }

    @Test
    void ppiIsPerCpu() {
        linuxInit();
        cpu = 1;
        wr(D + 0x100, 1 << 30); // enable PPI 14 (ID 30) on CPU1 only
        gic.input("ppi:1:14").raise();
        assertTrue(pins[1].isHigh());
        gic.input("ppi:0:14").raise();
        assertFalse(pins[0].isHigh(), "CPU0 did not enable its ID 30");
        assertEquals(30, rd(C + 0x0C));
        assertThrows(IllegalArgumentException.class, () -> gic.input("ppi:2:14"));
        assertThrows(IllegalArgumentException.class, () -> gic.input("128"));
    }

    @Test
    void group0GoesToFiqWhenFiqEnIsSet() {
        IrqLine[] fiqs = {new IrqLine("cpu0.fiq"), new IrqLine("cpu1.fiq")};
        gic = new Gic400("gic", 2, pins, fiqs, () -> cpu);
        linuxInit();
        wr(D + 0x100 + 4, 3);
        wr(D + 0x080 + 4, 2); // ID 33 in Group 1, ID 32 in Group 0
        wr(C, 1 | Gic400.CTLR_FIQEN);
        gic.input("0").raise();
        assertTrue(fiqs[0].isHigh());
        assertFalse(pins[0].isHigh());
        gic.input("0").lower();
        gic.input("1").raise();
        assertTrue(pins[0].isHigh(), "Group 1 stays on IRQ");
        assertFalse(fiqs[0].isHigh());
        wr(C, 1);
        gic.input("1").lower();
        gic.input("0").raise();
        assertTrue(pins[0].isHigh(), "without FIQEn everything is IRQ");
        assertFalse(fiqs[0].isHigh());
    }

    @Test
    void ispendrSetsSoftwarePendingAndIcpendrClearsIt() {
        linuxInit();
        wr(D + 0x100 + 8, 1);
        wr(D + 0x200 + 8, 1); // ID 64
        assertTrue(pins[0].isHigh());
        wr(D + 0x280 + 8, 1);
        assertFalse(pins[0].isHigh());
    }
}
