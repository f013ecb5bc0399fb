package org.socemu.periph.ar9331;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socemu.core.dev.UnimpLog;
import org.socemu.core.mem.Endian;

@Timeout(10)
class SmallDevicesTest {
    @Test
    void ddrHoldsTheBareboxValuesAndFlushesAtOnce() {
        DdrController ddr = Bus.attach(new DdrController("ddr"));
        ddr.write(DdrController.CONFIG, 4, 0x7FBC8CD0);
        ddr.write(DdrController.REFRESH, 4, 0x4186);
        ddr.write(DdrController.CTRL, 4, 8);
        assertEquals(0x7FBC8CD0, ddr.read(DdrController.CONFIG, 4));
        assertEquals(0x4186, ddr.read(DdrController.REFRESH, 4));
        assertEquals(0, ddr.read(DdrController.CTRL, 4), "commands complete at once");
        ddr.write(DdrController.WB_FLUSH_WMAC, 4, 1);
        assertEquals(0, ddr.read(DdrController.WB_FLUSH_WMAC, 4) & 1, "Linux polls bit 0 until clear");
    }

    @Test
    void rtcIsOnOnlyOutOfReset() {
        Rtc rtc = Bus.attach(new Rtc("rtc"));
        rtc.write(Rtc.RTC_FORCE_WAKE, 4, 3);
        rtc.write(Rtc.RTC_RESET, 4, 0);
        assertEquals(0, rtc.read(Rtc.RTC_STATUS, 4) & Rtc.STATUS_ON);
        rtc.write(Rtc.RTC_RESET, 4, 1);
        assertEquals(Rtc.STATUS_ON, rtc.read(Rtc.RTC_STATUS, 4) & Rtc.STATUS_ON, "barebox polls this with no timeout");
        assertEquals(3, rtc.read(Rtc.RTC_FORCE_WAKE, 4));
    }

    @Test
    void unmodelledBlockReadsZeroAndLogs() {
        UnmodelledBlock eth = new UnmodelledBlock("eth0", 0x10000);
        UnimpLog log = new UnimpLog();
        eth.attach(log, Endian.BIG);
        eth.write(0x00, 4, 0x800C0000);
        assertEquals(0, eth.read(0x00, 4));
        assertEquals(0, eth.read(0x19C, 4));
        assertEquals(0, eth.read(0x19C, 4));
        assertEquals(3, log.entries().size(), "one entry per address and direction");
    }
}
