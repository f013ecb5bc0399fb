package org.socemu.core.dev;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.socemu.core.mem.Endian;

class RegisterTableTest {
    /** A device shaped like a manual's table: a control register, a status register, a FIFO. */
    static final class Demo extends MmioDevice {
        final List<Integer> fifo = new ArrayList<>();
        int controlWrites;

        Demo() {
            super("demo", 0x100);
            regs.word(0x00, "CTRL").reset(0x10).mask(0x0000_00ff).onWrite((o, n) -> controlWrites++);
            regs.word(0x04, "STAT").reset(0x0000_0007).mask(0x3).writeOneToClear(0x3);
            regs.word(0x08, "ID").reset(0x1234_5678).readOnly();
            regs.word(0x0c, "DATA").onWriteRaw(fifo::add).onRead(() -> fifo.isEmpty() ? 0 : fifo.remove(0));
            regs.half(0x10, "HALF").reset(0xbeef);
        }
    }

    @Test
    void resetValuesMasksAndHooks() {
        Demo d = new Demo();
        assertEquals(0x10, d.read(0x00, 4));
        d.write(0x00, 4, 0xffff_ff42);
        assertEquals(0x42, d.read(0x00, 4), "only the writable bits change");
        assertEquals(1, d.controlWrites);
        d.write(0x08, 4, 0);
        assertEquals(0x1234_5678, d.read(0x08, 4));
        d.reset();
        assertEquals(0x10, d.read(0x00, 4));
    }

    @Test
    void writeOneToClearOnlyClearsTheNamedBits() {
        Demo d = new Demo();
        d.write(0x04, 4, 0x1);
        assertEquals(0x6, d.read(0x04, 4));
        d.write(0x04, 4, 0x0);
        assertEquals(0x6, d.read(0x04, 4), "writing 0 clears nothing");
        d.write(0x04, 4, 0x6);
        assertEquals(0x4, d.read(0x04, 4), "bit 2 is read-only status, bit 1 cleared");
    }

    @Test
    void rawWriteHandlersAndReadHooksModelFifos() {
        Demo d = new Demo();
        d.write(0x0c, 4, 'a');
        d.write(0x0c, 4, 'b');
        assertEquals('a', d.read(0x0c, 4));
        assertEquals('b', d.read(0x0c, 4));
        assertEquals(0, d.read(0x0c, 4));
    }

    @Test
    void narrowAccessesSelectByteLanesOfTheBusOrder() {
        Demo le = new Demo();
        le.attach(new UnimpLog(), Endian.LITTLE);
        assertEquals(0x78, le.read(0x08, 1));
        assertEquals(0x1234, le.read(0x0a, 2));
        le.write(0x01, 1, 0xff);
        assertEquals(0x10, le.read(0x00, 4), "byte 1 of CTRL is not writable");
        le.write(0x00, 1, 0x33);
        assertEquals(0x33, le.read(0x00, 4));
        Demo be = new Demo();
        be.attach(new UnimpLog(), Endian.BIG);
        assertEquals(0x12, be.read(0x08, 1));
        assertEquals(0x5678, be.read(0x0a, 2));
        assertEquals(0xbe, be.read(0x10, 1));
    }

    @Test
    void unmodelledOffsetsReadZeroAndAreLoggedOncePerAddress() {
        Demo d = new Demo();
        UnimpLog log = new UnimpLog();
        log.setPcSource(() -> 0x8000_1000L);
        d.attach(log, Endian.LITTLE);
        assertEquals(0, d.read(0x40, 4));
        assertEquals(0, d.read(0x40, 4));
        d.write(0x40, 4, 5);
        d.write(0x44, 2, 6);
        assertEquals(3, log.entries().size());
        UnimpLog.Entry first = log.entries().iterator().next();
        assertEquals("demo", first.where());
        assertEquals(0x8000_1000L, first.firstPc());
        assertTrue(first.toString().contains("offset 0x40"), first.toString());
    }

    @Test
    void overlappingRegisterDeclarationsAreABug() {
        RegisterTable t = new RegisterTable();
        t.word(0x0, "A");
        assertThrows(IllegalArgumentException.class, () -> t.half(0x2, "B"));
        assertThrows(IllegalArgumentException.class, () -> t.word(0x6, "C"));
    }
}
