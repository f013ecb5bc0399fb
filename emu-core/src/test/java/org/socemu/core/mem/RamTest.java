package org.socemu.core.mem;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RamTest {
    @Test
    void untouchedPagesReadZeroAndAllocateNothing() {
        Ram ram = new Ram("ddr", 1L << 30, Endian.LITTLE);
        assertEquals(0, ram.read(0x1234_5678L & ~3, 4));
        assertEquals(0, ram.read(0x3fff_fffcL, 4));
        assertEquals(0, ram.allocatedPages());
        ram.write(0x1000, 1, 0xab);
        assertEquals(1, ram.allocatedPages());
        assertEquals(0xab, ram.read(0x1000, 1));
    }

    @Test
    void wordAccessFollowsByteOrder() {
        Ram le = new Ram("le", 4096, Endian.LITTLE);
        Ram be = new Ram("be", 4096, Endian.BIG);
        le.write(0, 4, 0x11223344);
        be.write(0, 4, 0x11223344);
        assertEquals(0x44, le.read(0, 1));
        assertEquals(0x11, be.read(0, 1));
        assertEquals(0x3344, le.read(0, 2));
        assertEquals(0x1122, be.read(0, 2));
        le.write64(8, 0x0102030405060708L);
        assertEquals(0x05060708, le.read(8, 4));
        assertEquals(0x0102030405060708L, le.read64(8));
        be.write64(8, 0x0102030405060708L);
        assertEquals(0x01020304, be.read(8, 4));
        assertEquals(0x0102030405060708L, be.read64(8));
    }

    @Test
    void accessAcrossAPageBoundaryIsSplitCorrectly() {
        Ram ram = new Ram("r", 3 * 4096, Endian.LITTLE);
        ram.write(4094, 4, 0xaabbccdd);
        assertEquals(0xaabbccdd, ram.read(4094, 4));
        assertEquals(0xdd, ram.read(4094, 1));
        assertEquals(0xaa, ram.read(4097, 1));
        Ram be = new Ram("b", 3 * 4096, Endian.BIG);
        be.write(4095, 2, 0x1234);
        assertEquals(0x12, be.read(4095, 1));
        assertEquals(0x1234, be.read(4095, 2));
    }

    @Test
    void loadAndCopyOutSpanPages() {
        Ram ram = new Ram("r", 4 * 4096, Endian.LITTLE);
        byte[] data = new byte[9000];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 7);
        ram.load(100, data, 0, data.length);
        byte[] back = new byte[9000];
        ram.copyOut(100, back, 0, back.length);
        assertArrayEquals(data, back);
        assertThrows(IndexOutOfBoundsException.class, () -> ram.load(4 * 4096 - 10, data, 0, 20));
    }

    @Test
    void storesToWatchedPagesTellTheCodeListenersOnce() {
        Ram ram = new Ram("r", 8192, Endian.LITTLE);
        List<String> events = new ArrayList<>();
        ram.addCodeListener(new Ram.CodeListener() {
            @Override public void codeWritten(Ram r, int page) { events.add("written " + page); }
            @Override public void pageWatched(Ram r, int page) { events.add("watched " + page); }
        });
        ram.write(0, 4, 1);
        assertTrue(events.isEmpty());
        ram.watch(1);
        ram.watch(1);
        assertTrue(ram.isWatched(1));
        ram.write(4096 + 8, 4, 2);
        ram.write(4096 + 12, 4, 3);
        assertEquals(List.of("watched 1", "written 1"), events);
        assertFalse(ram.isWatched(1));
    }

    @Test
    void softTlbRefusesWriteMappingsOfCodePagesAndDropsThemWhenWatched() {
        Ram ram = new Ram("r", 8192, Endian.LITTLE);
        SoftTlb tlb = new SoftTlb();
        ram.addCodeListener(tlb);
        assertTrue(tlb.fillWrite(0x80001, ram, 1));
        assertEquals(0x80001, tlb.writeTag[0x80001 & SoftTlb.MASK]);
        ram.watch(1);
        assertEquals(SoftTlb.INVALID, tlb.writeTag[0x80001 & SoftTlb.MASK]);
        assertFalse(tlb.fillWrite(0x80001, ram, 1));
    }

    @Test
    void romIgnoresBusWritesButLoadsThroughItsContents() {
        Rom rom = new Rom("bootrom", 4096, Endian.LITTLE);
        rom.contents().load(0, new byte[] {1, 2, 3, 4}, 0, 4);
        rom.write(0, 4, 0xffffffff);
        assertEquals(0x04030201, rom.read(0, 4));
        assertFalse(rom.directWrite());
        assertSame(rom.contents(), rom.ram());
    }
}
