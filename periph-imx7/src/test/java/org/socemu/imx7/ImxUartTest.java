package org.socemu.imx7;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socemu.core.console.ExpectBuffer;
import org.socemu.core.console.SerialPort;
import org.socemu.core.irq.IrqLine;
import org.socemu.core.time.Clock;
import org.socemu.core.time.Scheduler;

class ImxUartTest {
    Scheduler clock = new Scheduler();
    SerialPort port = new SerialPort("uart1", clock);
    ExpectBuffer out = new ExpectBuffer();
    IrqLine irq = new IrqLine("uart1.irq");
    ImxUart uart;

    @BeforeEach
    void setUp() {
        port.setBackend(out);
        uart = new ImxUart("uart1", irq, port, clock, 24_000_000, false);
    }

    int rd(int off) { return uart.read(off, 4); }
    void wr(int off, int v) { uart.write(off, 4, v); }

    /** imx_uart_startup / set_termios for 115200 8N1 at a 24 MHz module clock, console thresholds. */
    void linuxSetup() {
        wr(0x84, 0); // soft reset
        assertEquals(1, rd(0x84) & 1, "SRST reads 1 when the reset is done");
        wr(0x90, (8 << 10) | (5 << 7) | 1); // TXTL 8, RFDIV /1, RXTL 1
        wr(0xA4, 0xF); // UBIR
        wr(0xA8, 0xCF); // UBMR: 24 MHz / (16 * 0xD0/0x10) = 115384 baud
        wr(0x80, ImxUart.UCR1_UARTEN | ImxUart.UCR1_RRDYEN);
        wr(0x84, ImxUart.UCR2_SRST | ImxUart.UCR2_RXEN | ImxUart.UCR2_TXEN | ImxUart.UCR2_WS | ImxUart.UCR2_IRTS);
    }

    @Test
    void resetValuesAsTheManualGivesThem() {
        assertEquals(0x0001, rd(0x84), "UCR2: SRST reads 1 (no reset in progress)");
        assertEquals(0x0700, rd(0x88));
        assertEquals(0x8000, rd(0x8C));
        assertEquals(0x0801, rd(0x90));
        assertEquals(0x2040, rd(0x94));
        assertEquals(0x4028, rd(0x98));
        assertEquals(0x0060, rd(0xB4), "UTS: TX and RX FIFOs empty");
        assertFalse(irq.isHigh());
    }

    @Test
    void transmitGoesToTheSerialPortWhenEnabled() {
        linuxSetup();
        for (char c : "hello\n".toCharArray()) {
            assertEquals(0, rd(0xB4) & ImxUart.UTS_TXFULL);
            wr(0x40, c);
        }
        assertEquals("hello\n", out.text());
        assertTrue((rd(0x98) & ImxUart.USR2_TXDC) != 0, "transmission complete");
    }

    @Test
    void disabledTransmitterFillsTheFifoUntilFull() {
        for (int i = 0; i < 32; i++) wr(0x40, 'a');
        assertEquals("", out.text());
        assertEquals(ImxUart.UTS_TXFULL, rd(0xB4) & ImxUart.UTS_TXFULL);
        assertEquals(0, rd(0x98) & ImxUart.USR2_TXDC);
        wr(0x80, ImxUart.UCR1_UARTEN);
        wr(0x84, ImxUart.UCR2_SRST | ImxUart.UCR2_TXEN);
        assertEquals("a".repeat(32), out.text(), "enabling the transmitter sends the FIFO");
    }

    @Test
    void presetPortTransmitsWithoutSetup() {
        ImxUart early = new ImxUart("uart1", irq, port, clock, 24_000_000, true);
        early.write(0x40, 4, 'E');
        assertEquals("E", out.text());
    }

    @Test
    void receiveRaisesRrdyInterruptAndReadsWithCharRdy() {
        linuxSetup();
        port.inject("ok".getBytes(StandardCharsets.US_ASCII));
        assertTrue(irq.isHigh());
        assertTrue((rd(0x94) & ImxUart.USR1_RRDY) != 0);
        assertTrue((rd(0x98) & ImxUart.USR2_RDR) != 0);
        assertEquals(0x8000 | 'o', rd(0x00));
        assertEquals(0x8000 | 'k', rd(0x00));
        assertEquals(0, rd(0x98) & ImxUart.USR2_RDR);
        assertFalse(irq.isHigh());
        assertEquals(ImxUart.UTS_RXEMPTY, rd(0xB4) & ImxUart.UTS_RXEMPTY);
    }

    @Test
    void rxFifoTakes32AndTheRestWaitsInThePort() {
        linuxSetup();
        port.inject("x".repeat(40).getBytes(StandardCharsets.US_ASCII));
        assertEquals(ImxUart.UTS_RXFULL, rd(0xB4) & ImxUart.UTS_RXFULL);
        assertTrue(port.hasInput());
        for (int i = 0; i < 40; i++) assertEquals(0x8000 | 'x', rd(0x00), "byte " + i);
        assertFalse(port.hasInput());
        assertEquals(0, rd(0x98) & ImxUart.USR2_ORE, "no overrun: the port waits");
    }

    @Test
    void txReadyInterruptFollowsTrdyen() {
        linuxSetup();
        assertFalse(irq.isHigh());
        wr(0x80, rd(0x80) | ImxUart.UCR1_TRDYEN); // start_tx
        assertTrue(irq.isHigh(), "TX FIFO below TXTL");
        wr(0x80, rd(0x80) & ~ImxUart.UCR1_TRDYEN);
        assertFalse(irq.isHigh());
        wr(0x8C, rd(0x8C) | ImxUart.UCR4_TCEN);
        assertTrue(irq.isHigh(), "transmission complete interrupt");
    }

    @Test
    void agingTimerFiresAfterEightIdleCharacters() {
        linuxSetup();
        wr(0x90, (8 << 10) | (5 << 7) | 4); // RXTL 4: two bytes do not reach it
        wr(0x84, rd(0x84) | ImxUart.UCR2_ATEN);
        wr(0x80, ImxUart.UCR1_UARTEN);
        port.inject("ab".getBytes(StandardCharsets.US_ASCII));
        assertFalse(irq.isHigh());
        long charTime = uart.characterTime();
        assertEquals(86_666_666, charTime, 100_000, "10 bits at 115384 baud");
        TestTime.advance(clock, 7 * charTime);
        assertEquals(0, rd(0x94) & ImxUart.USR1_AGTIM);
        TestTime.advance(clock, 2 * charTime);
        assertTrue((rd(0x94) & ImxUart.USR1_AGTIM) != 0);
        assertTrue(irq.isHigh());
        wr(0x94, ImxUart.USR1_AGTIM);
        assertEquals(0, rd(0x94) & ImxUart.USR1_AGTIM, "write 1 to clear");
        assertFalse(irq.isHigh());
        assertTrue(clock.now() < Clock.PS_PER_MS);
    }

    @Test
    void baudRegistersReadBack() {
        wr(0xA4, 0x1234);
        wr(0xA8, 0x5678);
        assertEquals(0x1234, rd(0xA4));
        assertEquals(0x5678, rd(0xA8));
        wr(0xB0, 24000);
        assertEquals(24000, rd(0xB0));
    }

    @Test
    void loopbackReturnsTransmittedBytes() {
        linuxSetup();
        wr(0xB4, ImxUart.UTS_LOOP);
        wr(0x40, 'L');
        assertEquals(0x8000 | 'L', rd(0x00));
    }
}
