package org.socemu.imx7;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.socemu.core.irq.IrqLine;

class ImxMuTest {
    IrqLine irqA = new IrqLine("mu_a"), irqB = new IrqLine("mu_b");
    ImxMu.Side a = new ImxMu.Side("mu_a", irqA), b = new ImxMu.Side("mu_b", irqB);

    ImxMuTest() {
        ImxMu.link(a, b);
    }

    static int te(int ch) { return ImxMu.bit(ImxMu.SR_TE, ch); }
    static int rf(int ch) { return ImxMu.bit(ImxMu.SR_RF, ch); }
    static int gip(int ch) { return ImxMu.bit(ImxMu.SR_GIP, ch); }

    @Test
    void resetStateHasAllTransmittersEmpty() {
        assertEquals(0x00F00000, a.read(0x20, 4));
        assertEquals(0x00F00000, b.read(0x20, 4));
        assertEquals(1 << 23, te(0), "channel 0 is the highest bit of its group");
    }

    @Test
    void wordWrittenOnOneSideIsReceivedOnTheOther() {
        b.write(0x24, 4, ImxMu.bit(ImxMu.CR_RIE, 1)); // M4 side listens on channel 1
        a.write(0x04, 4, 0xCAFE0001);
        assertEquals(0, a.read(0x20, 4) & te(1), "A's TE1 cleared");
        assertEquals(rf(1), b.read(0x20, 4) & rf(1), "B's RF1 set");
        assertTrue(irqB.isHigh());
        assertEquals(0xCAFE0001, b.read(0x14, 4));
        assertEquals(0, b.read(0x20, 4) & rf(1));
        assertFalse(irqB.isHigh());
        assertEquals(te(1), a.read(0x20, 4) & te(1), "A may send again");
    }

    @Test
    void txEmptyInterruptAsImxMailboxUsesIt() {
        a.write(0x00, 4, 42);
        a.write(0x24, 4, ImxMu.bit(ImxMu.CR_TIE, 0));
        assertFalse(irqA.isHigh(), "TE0 clear until B reads");
        assertEquals(42, b.read(0x10, 4));
        assertTrue(irqA.isHigh());
    }

    @Test
    void generalInterruptRequestIsADoorbell() {
        a.write(0x24, 4, ImxMu.bit(ImxMu.CR_GIE, 2));
        b.write(0x24, 4, ImxMu.bit(ImxMu.CR_GIR, 2));
        assertEquals(gip(2), a.read(0x20, 4) & gip(2));
        assertTrue(irqA.isHigh());
        a.write(0x20, 4, gip(2)); // write 1 to clear
        assertFalse(irqA.isHigh());
        assertEquals(0, b.read(0x24, 4) & ImxMu.bit(ImxMu.CR_GIR, 2), "GIR clears when the other side takes it");
    }

    @Test
    void muResetReturnsBothSidesToResetState() {
        a.write(0x00, 4, 1);
        b.write(0x24, 4, ImxMu.bit(ImxMu.CR_RIE, 0));
        a.write(0x24, 4, ImxMu.CR_MUR);
        assertEquals(0, a.read(0x20, 4) & ImxMu.SR_MURS, "reset done at once");
        assertEquals(0x00F00000, b.read(0x20, 4));
        assertEquals(0, b.read(0x24, 4));
        assertFalse(irqB.isHigh());
    }
}
