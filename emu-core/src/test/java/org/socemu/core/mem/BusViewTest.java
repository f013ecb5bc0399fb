package org.socemu.core.mem;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.socemu.core.UserError;

class BusViewTest {
    /** A region that records accesses, standing in for a device. */
    static final class Probe implements Region {
        final List<String> log = new ArrayList<>();
        @Override public String name() { return "probe"; }
        @Override public long size() { return 0x100; }
        @Override public int read(long off, int size) { log.add("r" + size + "@" + off); return 0x5a; }
        @Override public void write(long off, int size, int v) { log.add("w" + size + "@" + off + "=" + v); }
    }

    @Test
    void twoViewsShareOneRegionAtDifferentAddresses() {
        Ram tcm = new Ram("tcm", 0x8000, Endian.LITTLE);
        BusView a7 = new BusView("a7", Endian.LITTLE).map(0x007F8000L, tcm);
        BusView m4 = new BusView("m4", Endian.LITTLE).map(0x1FFF8000L, tcm);
        a7.write(0x007F8010L, 4, 0xcafef00d);
        assertEquals(0xcafef00d, m4.read(0x1FFF8010L, 4));
        assertEquals(0, a7.read(0x1FFF8010L, 4), "the A7 does not see the M4's alias");
    }

    @Test
    void windowsWithOffsetsReachTheRightBytes() {
        Ram ddr = new Ram("ddr", 0x10_0000, Endian.LITTLE);
        BusView v = new BusView("v", Endian.LITTLE).map(0x8000_0000L, ddr).map(0x1000_0000L, 0x1000, ddr, 0x8000);
        v.write(0x8000_8004L, 4, 77);
        assertEquals(77, v.read(0x1000_0004L, 4));
        assertEquals(ddr, v.find(0x1000_0fffL).target());
        assertNull(v.find(0x1000_1000L));
    }

    @Test
    void devicesSharingA64KGranuleAreBothFound() {
        Probe a = new Probe(), b = new Probe();
        BusView v = new BusView("v", Endian.BIG).map(0x1810_7000L, a).map(0x1810_7100L, b);
        v.write(0x1810_7004L, 4, 9);
        v.read(0x1810_7108L, 2);
        assertEquals(List.of("w4@4=9"), a.log);
        assertEquals(List.of("r2@8"), b.log);
    }

    @Test
    void holesReadZeroAndAreReported() {
        List<String> seen = new ArrayList<>();
        BusView v = new BusView("v", Endian.LITTLE);
        v.setUnmappedHandler((view, addr, size, write, value) -> seen.add((write ? "w" : "r") + Long.toHexString(addr)));
        assertEquals(0, v.read(0x3000_0000L, 4));
        v.write(0x3000_0004L, 4, 1);
        assertEquals(List.of("r30000000", "w30000004"), seen);
    }

    @Test
    void overlappingMappingsAreRejected() {
        Ram r = new Ram("r", 0x2000, Endian.LITTLE);
        BusView v = new BusView("v", Endian.LITTLE).map(0x1000, r);
        assertThrows(IllegalArgumentException.class, () -> v.map(0x2000, new Ram("s", 0x1000, Endian.LITTLE)));
        assertThrows(IllegalArgumentException.class, () -> v.map(0x10_0800, new Ram("t", 0x1000, Endian.LITTLE)));
    }

    @Test
    void loadRefusesAddressesOutsideMemoryWithAUserError() {
        BusView v = new BusView("v", Endian.LITTLE).map(0, new Ram("r", 0x1000, Endian.LITTLE));
        UserError e = assertThrows(UserError.class, () -> v.load(0xff0, new byte[32]));
        assertTrue(e.getMessage().contains("0x00001000"), e.getMessage());
    }

    @Test
    void dumpAndRead64FollowTheViewsByteOrder() {
        BusView v = new BusView("v", Endian.BIG).map(0, new Ram("r", 0x1000, Endian.BIG));
        v.load(0x10, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertEquals(0x0102030405060708L, v.read64(0x10));
        assertArrayEquals(new byte[] {3, 4, 5}, v.dump(0x12, 3));
    }
}
