package org.socemu.imx7;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socemu.core.console.ExpectBuffer;
import org.socemu.core.machine.BootImages;
import org.socemu.core.machine.Harness;
import org.socemu.core.machine.Machine;
import org.socemu.core.machine.MachineBuilder;
import org.socemu.core.machine.MachineDescription;
import org.socemu.core.machine.Registry;
import org.socemu.core.mem.BusView;
import org.socemu.core.time.Clock;

/** The imx7d-sdb machine built from its description with stand-in cores, driven like Linux drives it. */
class Imx7dSdbTest {
    static final long GICD = 0x31001000L, GICC = 0x31002000L;
    Machine m;
    BusView bus;
    StubA7 cpu0, cpu1;

    @BeforeEach
    void build() {
        Registry r = StubA7.registry();
        MachineDescription d = r.machine("imx7d-sdb");
        m = new MachineBuilder(r).build(d, new BootImages());
        m.powerOn();
        bus = m.systemView();
        cpu0 = (StubA7) m.cpu("a7.0");
        cpu1 = (StubA7) m.cpu("a7.1");
    }

    @Test
    void theBoardIsWhereTheReferenceManualPutsIt() {
        assertEquals("NXP i.MX7D SABRE: 2x Cortex-A7 996 MHz, Cortex-M4 200 MHz", m.description().description);
        assertEquals(1L << 30, m.memory("ddr").size());
        assertEquals(128 << 10, m.memory("ocram").size());
        assertEquals(8_000_000, bus.read(0x306C0020L, 4), "SYS_CTR CNTFID0");
        assertEquals(0x00720012, bus.read(0x30360800L, 4), "ANATOP DIGPROG");
        assertEquals(0x0202143B, bus.read(GICC + 0xFC, 4), "GICC_IIDR");
        assertEquals(0x0060, bus.read(0x30860000L + 0xB4, 4) & 0x60, "UART1 UTS: FIFOs empty");
        assertEquals(0xB, bus.read(0x3039000CL, 4) & 0xF, "SRC M4RCR: M4 held");
        assertEquals(2, (bus.read(0x30350440L, 4) >> 8) & 3, "OCOTP speed grade");
        bus.write(0x80000000L, 4, 0x12345678);
        assertEquals(0x12345678, bus.read(0x80000000L, 4));
        assertFalse(cpu1.isRunnable(), "a7.1 starts off");
        assertEquals(0xB9, bus.read(0x30041FE4L, 4), "CoreSight funnel PIDR1");
        assertEquals(0xC0000000, bus.read(0x33000000L, 4), "APBH CTRL0 in reset, clock gated");
        bus.write(0x30AA0000L, 4, 0x1234); // MU side A TR0
        assertEquals(0x1234, bus.read(0x30AB0010L, 4), "MU side B RR0");
        Gic400 gic = m.component("gic", Gic400.class);
        assertSame(gic.input("ppi:a7.1:14"), gic.input("ppi:1:14"), "PPIs by core id or index");
    }

    /** GIC init as Linux's gic_dist_init + gic_cpu_init, run by whichever core executes. */
    void gicInit(boolean distributor) {
        if (distributor) {
            bus.write(GICD, 4, 0);
            int mask = bus.read(GICD + 0x800, 4) & 0xFF;
            for (int i = 32; i < 160; i += 4) bus.write(GICD + 0x800 + i, 4, mask * 0x01010101);
            for (int i = 32; i < 160; i += 4) bus.write(GICD + 0x400 + i, 4, 0xA0A0A0A0);
            bus.write(GICD, 4, 1);
        }
        bus.write(GICD + 0x180, 4, 0xFFFF0000);
        bus.write(GICD + 0x100, 4, 0x0000FFFF);
        for (int i = 0; i < 32; i += 4) bus.write(GICD + 0x400 + i, 4, 0xA0A0A0A0);
        bus.write(GICC + 0x04, 4, 0xF0);
        bus.write(GICC, 4, 1);
    }

    @Test
    void sgiFromCpu0ReachesCpu1AndCpu1AcknowledgesIt() {
        cpu1.off = false; // as if PSCI CPU_ON had started it
        int[] seen = {-1};
        cpu0.step = n -> {
            if (n == 1) gicInit(true);
            if (n == 1000) bus.write(GICD + 0xF00, 4, (2 << 16) | 1); // IPI 1 to CPU1
        };
        cpu1.step = n -> {
            if (n == 1) gicInit(false);
            if (cpu1.irq.isHigh() && seen[0] < 0) {
                seen[0] = bus.read(GICC + 0x0C, 4);
                bus.write(GICC + 0x10, 4, seen[0]);
            }
        };
        new Harness(m).runFor(50 * Clock.PS_PER_US);
        assertEquals(1, seen[0] & 0x3FF, "SGI 1");
        assertEquals(0, seen[0] >> 10, "from CPU0");
        assertFalse(cpu0.irq.isHigh());
        assertFalse(cpu1.irq.isHigh());
        assertEquals(0x02020202, readAs(cpu1, GICD + 0x800), "banked ITARGETSR0 seen from CPU1");
    }

    /** Reads {@code addr} while {@code cpu} executes (banked registers answer the running core). */
    int readAs(StubA7 cpu, long addr) {
        int[] v = {0};
        boolean[] done = {false};
        cpu.step = n -> {
            if (!done[0]) {
                v[0] = bus.read(addr, 4);
                done[0] = true;
            }
        };
        new Harness(m).runFor(Clock.PS_PER_US);
        return v[0];
    }

    @Test
    void consoleOutputGoesThroughTheSerialPort() {
        ExpectBuffer out = new Harness(m).capture("console", null);
        for (char c : "Booting Linux\n".toCharArray()) {
            while ((bus.read(0x30860000L + 0xB4, 4) & ImxUart.UTS_TXFULL) != 0) { /* earlycon waits */ }
            bus.write(0x30860000L + 0x40, 4, c);
        }
        assertEquals("Booting Linux\n", out.text());
    }

    @Test
    void gpt1CompareInterruptArrivesInVirtualTime() {
        long gpt1 = 0x302D0000L;
        long[] irqAt = {-1};
        // enable ID 87 (SPI 55): ISENABLER2 bit 23
        cpu0.step = n -> {
            if (n == 1) {
                gicInit(true);
                bus.write(GICD + 0x100 + 8, 4, 1 << (87 - 64));
                bus.write(gpt1, 4, 0);
                bus.write(gpt1 + 0x04, 4, 0);
                bus.write(gpt1, 4, 0x289);
                bus.write(gpt1 + 0x0C, 4, 1); // OF1IE
                int tcn = bus.read(gpt1 + 0x24, 4);
                bus.write(gpt1 + 0x10, 4, tcn + 24_000); // 1 ms ahead
            }
            if (irqAt[0] < 0 && cpu0.irq.isHigh()) irqAt[0] = m.scheduler().now();
        };
        new Harness(m).runFor(2 * Clock.PS_PER_MS);
        assertTrue(irqAt[0] > 0, "the compare interrupt reached CPU0");
        assertEquals(Clock.PS_PER_MS, irqAt[0], 2 * Clock.PS_PER_US, "1 ms after programming");
        assertEquals(87, readAs(cpu0, GICC + 0x0C), "GICC_IAR: GPT1 is SPI 55");
    }

    @Test
    void watchdogRestartResetsTheMachine() {
        boolean[] written = {false};
        cpu0.step = n -> {
            if (n == 10 && !written[0]) {
                written[0] = true; // once: the reset restarts the core's count
                bus.write(0x30280000L, 2, ImxWdog.WCR_WDE | ImxWdog.WCR_WDA); // imx2_wdt_restart
            }
        };
        new Harness(m).runFor(100 * Clock.PS_PER_US);
        assertEquals(1, m.resetCount());
        assertEquals(ImxWdog.WRSR_SFTW, bus.read(0x30280004L, 2));
    }
}
