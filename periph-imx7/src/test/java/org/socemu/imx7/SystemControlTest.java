package org.socemu.imx7;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.socemu.core.irq.IrqLine;
import org.socemu.core.time.Clock;
import org.socemu.core.time.Scheduler;

/** WDOG, SNVS, SRC and GPC: the blocks that reset, power off, start cores and gate power. */
class SystemControlTest {
    Scheduler clock = new Scheduler();
    List<String> requests = new ArrayList<>();

    // ---------------------------------------------------------------- WDOG

    ImxWdog wdog(IrqLine irq) {
        return new ImxWdog("wdog1", irq, clock, requests::add);
    }

    @Test
    void wdogResetValuesAndSixteenBitRegisters() {
        ImxWdog w = wdog(new IrqLine("w"));
        assertEquals(0x0030, w.read(0x00, 2));
        assertEquals(ImxWdog.WRSR_POR, w.read(0x04, 2));
        assertEquals(0x0004, w.read(0x06, 2));
        assertEquals(0x0001, w.read(0x08, 2));
        w.write(0x08, 2, 0); // imx2_wdt probe clears PDE
        assertEquals(0, w.read(0x08, 2));
    }

    @Test
    void wdogTimesOutUnlessServiced() {
        ImxWdog w = wdog(new IrqLine("w"));
        w.write(0x00, 2, (1 << 8) | 0x34); // WT = 1: 1 s, WDE, WDA, SRS
        TestTime.advance(clock, 900 * Clock.PS_PER_MS);
        w.write(0x02, 2, 0x5555);
        w.write(0x02, 2, 0xAAAA);
        TestTime.advance(clock, 900 * Clock.PS_PER_MS);
        assertTrue(requests.isEmpty(), "serviced in time");
        TestTime.advance(clock, 200 * Clock.PS_PER_MS);
        assertEquals(1, requests.size());
        assertTrue(requests.get(0).contains("timeout"));
        w.reset(); // what the machine reset does
        assertEquals(ImxWdog.WRSR_TOUT, w.read(0x04, 2), "WRSR tells the next boot");
    }

    @Test
    void wdeCannotBeClearedOnceSet() {
        ImxWdog w = wdog(new IrqLine("w"));
        w.write(0x00, 2, 0x34);
        w.write(0x00, 2, 0x30);
        assertEquals(ImxWdog.WCR_WDE, w.read(0x00, 2) & ImxWdog.WCR_WDE);
    }

    @Test
    void linuxRestartWritesSoftwareReset() {
        ImxWdog w = wdog(new IrqLine("w"));
        w.write(0x00, 2, ImxWdog.WCR_WDE | ImxWdog.WCR_WDA); // imx2_wdt_restart: SRS = 0
        assertEquals(1, requests.size());
        w.reset();
        assertEquals(ImxWdog.WRSR_SFTW, w.read(0x04, 2));
    }

    @Test
    void pretimeoutInterruptBeforeTheTimeout() {
        IrqLine irq = new IrqLine("w");
        ImxWdog w = wdog(irq);
        w.write(0x06, 2, ImxWdog.WICR_WIE | 2); // 1 s before
        w.write(0x00, 2, (3 << 8) | 0x34); // 2 s
        TestTime.advance(clock, 900 * Clock.PS_PER_MS);
        assertFalse(irq.isHigh());
        TestTime.advance(clock, 200 * Clock.PS_PER_MS);
        assertTrue(irq.isHigh());
        w.write(0x06, 2, ImxWdog.WICR_WIE | ImxWdog.WICR_WTIS | 2);
        assertFalse(irq.isHigh());
    }

    // ---------------------------------------------------------------- SNVS

    Snvs snvs(IrqLine rtc, IrqLine key) {
        return new Snvs("snvs", clock, rtc, key, requests::add, 1000);
    }

    long rtcRead(Snvs s) {
        return ((long) s.read(0x50, 4) << 32) | (s.read(0x54, 4) & 0xFFFFFFFFL);
    }

    @Test
    void srtcEnableLatchesAndCountsAt32768Hz() {
        Snvs s = snvs(null, null);
        s.write(0x64, 4, 0x41736166); // LPPGDR
        s.write(0x4C, 4, -1); // LPSR clear
        s.write(0x38, 4, s.read(0x38, 4) | Snvs.LPCR_SRTC_ENV);
        assertEquals(Snvs.LPCR_SRTC_ENV, s.read(0x38, 4) & 1, "snvs_rtc polls SRTC_ENV");
        long a = rtcRead(s);
        assertEquals(1000, a >> 15);
        TestTime.advance(clock, 2 * Clock.PS_PER_S);
        assertEquals(a + 65536, rtcRead(s));
        s.write(0x38, 4, 0); // disable freezes
        long frozen = rtcRead(s);
        TestTime.advance(clock, Clock.PS_PER_S);
        assertEquals(frozen, rtcRead(s));
        s.write(0x50, 4, 0);
        s.write(0x54, 4, 5 << 15);
        assertEquals(5, rtcRead(s) >> 15, "set time while disabled");
    }

    @Test
    void alarmRaisesTheRtcInterrupt() {
        IrqLine rtc = new IrqLine("rtc");
        Snvs s = snvs(rtc, null);
        s.write(0x38, 4, Snvs.LPCR_SRTC_ENV);
        s.write(0x58, 4, 1003); // 3 s from now
        s.write(0x38, 4, Snvs.LPCR_SRTC_ENV | Snvs.LPCR_LPTA_EN | Snvs.LPCR_LPWUI_EN);
        TestTime.advance(clock, 2 * Clock.PS_PER_S);
        assertFalse(rtc.isHigh());
        TestTime.advance(clock, 2 * Clock.PS_PER_S);
        assertTrue(rtc.isHigh());
        s.write(0x4C, 4, Snvs.LPSR_LPTA);
        assertFalse(rtc.isHigh());
    }

    @Test
    void lpcrDpEnAndTopPowerOff() {
        Snvs s = snvs(null, null);
        s.write(0x38, 4, Snvs.LPCR_DP_EN);
        assertTrue(requests.isEmpty());
        s.write(0x38, 4, Snvs.LPCR_DP_EN | Snvs.LPCR_TOP); // syscon-poweroff: offset 0x38, value 0x60
        assertEquals(1, requests.size());
    }

    @Test
    void powerKeySetsSpoAndButtonStatus() {
        IrqLine key = new IrqLine("key");
        Snvs s = snvs(null, key);
        s.powerKey(true);
        assertTrue(key.isHigh());
        assertEquals(Snvs.HPSR_BTN, s.read(0x14, 4) & Snvs.HPSR_BTN);
        s.write(0x4C, 4, s.read(0x4C, 4)); // the driver writes LPSR back
        assertFalse(key.isHigh());
        s.powerKey(false);
        assertEquals(0, s.read(0x14, 4) & Snvs.HPSR_BTN);
    }

    // ---------------------------------------------------------------- SRC

    @Test
    void core1ReleaseReportsGpr3AndGpr4() {
        Src src = new Src("src");
        long[] started = {-1, -1, -1};
        src.setCoreControl((index, entry, arg) -> {
            started[0] = index;
            started[1] = entry;
            started[2] = arg;
        });
        src.write(0x07C, 4, 0x80101000); // GPR3: secondary entry
        src.write(0x080, 4, 0x1234);
        src.write(0x008, 4, src.read(0x008, 4) | Src.A7RCR1_CORE1_ENABLE);
        assertArrayEquals(new long[] {1, 0x80101000L, 0x1234}, started);
        assertEquals(0x80101000, src.gpr(3));
    }

    @Test
    void heldM4ReadsStopAndResetPulsesSelfClear() {
        Src src = new Src("src");
        assertEquals(0xB, src.read(0x00C, 4) & 0xF, "imx_rproc sees a stopped M4");
        src.write(0x00C, 4, 0xE); // start: enable + both pulses, hold released
        assertEquals(0x8, src.read(0x00C, 4) & 0xF);
        src.write(0x00C, 4, 0xB); // stop
        assertEquals(0xB, src.read(0x00C, 4) & 0xF);
    }

    @Test
    void resetLinesAreReadModifyWriteStorage() {
        Src src = new Src("src");
        src.write(0x02C, 4, 0x6); // assert PCIEPHY (G_RST | BTN)
        assertEquals(0x6, src.read(0x02C, 4));
        assertEquals(0xA0, src.read(0x000, 4));
    }

    // ---------------------------------------------------------------- GPC

    @Test
    void powerUpRequestClearsItselfAsLinuxPollsIt() {
        Gpc gpc = new Gpc("gpc");
        gpc.write(0x840, 4, 1); // PGC_C1
        gpc.write(0x0F0, 4, gpc.read(0x0F0, 4) | 2); // CPU_PGC_SW_PUP_REQ core 1
        assertEquals(0, gpc.read(0x0F0, 4) & 2);
        gpc.write(0x0EC, 4, 1 << 3); // PCIe PHY mapped to the A7
        gpc.write(0x104, 4, 1 << 1); // power the PCIe PHY down
        assertEquals(0, gpc.read(0x104, 4));
        assertEquals(Gpc.PGC_SR_PSR, gpc.read(0xC4C, 4));
        gpc.write(0x0F8, 4, 1 << 1);
        assertEquals(0, gpc.read(0xC4C, 4));
        assertEquals(1 << 3, gpc.read(0x0EC, 4));
    }

    @Test
    void interruptMasksAreStoredPerCore() {
        Gpc gpc = new Gpc("gpc");
        for (int i = 0; i < 4; i++) {
            gpc.write(0x30 + 4 * i, 4, -1);
            gpc.write(0x40 + 4 * i, 4, -1);
        }
        gpc.write(0x30, 4, 0xFFFFFFFE);
        assertEquals(0xFFFFFFFE, gpc.read(0x30, 4));
        assertEquals(-1, gpc.read(0x40, 4));
    }
}
