package org.socemu.periph.ar9331;

import static org.junit.jupiter.api.Assertions.*;
import static org.socemu.periph.ar9331.MiscInterruptController.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socemu.core.irq.IrqLine;

@Timeout(10)
class MiscInterruptControllerTest {
    private final IrqLine ip6 = new IrqLine("cpu:6");
    private final MiscInterruptController misc = Bus.attach(new MiscInterruptController("misc", ip6));

    @Test
    void sourceLatchesIntoStatusAndCascadesOnlyWhenEnabled() {
        misc.input("3").raise();
        assertEquals(1 << 3, misc.read(MISC_INT_STATUS, 4));
        assertFalse(ip6.isHigh(), "disabled source must not reach IP6");
        misc.write(MISC_INT_ENABLE, 4, 1 << 3);
        assertTrue(ip6.isHigh());
        misc.write(MISC_INT_ENABLE, 4, 0);
        assertFalse(ip6.isHigh());
    }

    @Test
    void ackStoresTheValueAndKeepsOtherPendingBits() {
        misc.write(MISC_INT_ENABLE, 4, (1 << 2) | (1 << 3));
        misc.input("2").raise();
        misc.input("3").raise();
        misc.input("2").lower();
        misc.input("3").lower();
        // Linux's ack: STATUS = STATUS & ~BIT(2)
        int status = misc.read(MISC_INT_STATUS, 4);
        misc.write(MISC_INT_STATUS, 4, status & ~(1 << 2));
        assertEquals(1 << 3, misc.read(MISC_INT_STATUS, 4), "a write-1-to-clear model would drop bit 3 here");
        assertTrue(ip6.isHigh());
        misc.write(MISC_INT_STATUS, 4, 0);
        assertEquals(0, misc.read(MISC_INT_STATUS, 4));
        assertFalse(ip6.isHigh());
    }

    @Test
    void asserteddSourceComesBackAfterAck() {
        misc.write(MISC_INT_ENABLE, 4, 1 << 4);
        misc.input("4").raise();
        misc.write(MISC_INT_STATUS, 4, 0);
        assertEquals(1 << 4, misc.read(MISC_INT_STATUS, 4), "a level still high sets its bit again");
        assertTrue(ip6.isHigh());
        misc.input("4").lower();
        misc.write(MISC_INT_STATUS, 4, 0);
        assertFalse(ip6.isHigh());
    }

    @Test
    void initSequenceAndReset() {
        misc.write(MISC_INT_ENABLE, 4, -1);
        misc.input("0").raise();
        misc.input("0").lower();
        misc.reset();
        assertEquals(0, misc.read(MISC_INT_ENABLE, 4));
        assertEquals(0, misc.read(MISC_INT_STATUS, 4));
        assertFalse(ip6.isHigh());
    }

    @Test
    void unknownPinIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> misc.input("32"));
        assertThrows(IllegalArgumentException.class, () -> misc.input("uart"));
    }
}
