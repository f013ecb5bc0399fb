package org.socemu.core.load;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socemu.core.UserError;
import org.socemu.core.mem.BusView;
import org.socemu.core.mem.Endian;
import org.socemu.core.mem.Ram;

@Timeout(10)
class InitrdTest {
    static final AddressRange RAM = new AddressRange(0x80000000L, 0x10000000L);  // 256 MiB

    @Test
    void topOfTheWindowAligned() {
        assertEquals(0x8ffff000L, Initrd.chooseAddress("i", 0x800, RAM, 0x1000, List.of()));
        assertEquals(0x8ff00000L, Initrd.chooseAddress("i", 0x80001, RAM, 0x100000, List.of()));
        assertEquals(0x80000000L, Initrd.chooseAddress("i", 0x10000000L, RAM, 0x1000, List.of()), "exactly fills it");
    }

    @Test
    void goesBelowWhatIsAlreadyThere() {
        AddressRange dtb = new AddressRange(0x8fff0000L, 0x8000);
        AddressRange kernel = new AddressRange(0x8ff00000L, 0xe0000);
        long at = Initrd.chooseAddress("i", 0x20000, RAM, 0x1000, List.of(dtb, kernel));
        assertEquals(0x8fee0000L, at);
        assertFalse(new AddressRange(at, 0x20000).overlaps(kernel));
        // Free space above the DTB is used when it is large enough...
        assertEquals(0x8fff8000L, Initrd.chooseAddress("i", 0x8000, RAM, 0x1000, List.of(dtb, kernel)));
        // ...and so is the gap between the kernel and the DTB.
        assertEquals(0x8ffe7000L, Initrd.chooseAddress("i", 0x9000, RAM, 0x1000, List.of(dtb, kernel)));
    }

    @Test
    void doesNotFit() {
        AddressRange kernel = new AddressRange(0x80000000L, 0x0ff00000L);
        UserError e = assertThrows(UserError.class,
                () -> Initrd.chooseAddress("rootfs.cpio.gz", 0x200000, RAM, 0x1000, List.of(kernel)));
        assertEquals("rootfs.cpio.gz: 0x200000 bytes do not fit in RAM 0x80000000..0x90000000 beside [0x80000000..0x8ff00000]",
                e.getMessage());
        assertThrows(UserError.class, () -> Initrd.chooseAddress("big", 0x10000001L, RAM, 1, List.of()));
        assertThrows(IllegalArgumentException.class, () -> Initrd.chooseAddress("x", 1, RAM, 3, List.of()));
    }

    @Test
    void placesAndLoads() {
        Ram ram = new Ram("ddr", 0x10000000L, Endian.LITTLE);
        BusView v = new BusView("system", Endian.LITTLE).map(0x80000000L, ram);
        byte[] cpio = "070701 fake cpio archive".getBytes();
        AddressRange r = Initrd.place(v, "initrd", cpio, RAM, 0x1000, List.of(new AddressRange(0x80008000L, 0x800000)));
        assertEquals(new AddressRange(0x8ffff000L, cpio.length), r);
        assertArrayEquals(cpio, v.dump(r.start(), cpio.length));
        assertEquals("empty: the initrd is empty",
                assertThrows(UserError.class, () -> Initrd.place(v, "empty", new byte[0], RAM, 0x1000, List.of())).getMessage());
    }

    @Test
    void windowBeyondMappedMemoryIsAUserError() {
        Ram ram = new Ram("ddr", 0x1000000L, Endian.LITTLE);  // only 16 MiB mapped of the 256 MiB window
        BusView v = new BusView("system", Endian.LITTLE).map(0x80000000L, ram);
        UserError e = assertThrows(UserError.class, () -> Initrd.place(v, "initrd", new byte[16], RAM, 0x1000, List.of()));
        assertTrue(e.getMessage().startsWith("initrd: initrd of 0x10 bytes at 0x8ffff000..0x8ffff010 does not fit in memory"),
                e.getMessage());
    }
}
