package org.socemu.periph.ar9331;

import static org.junit.jupiter.api.Assertions.*;
import static org.socemu.periph.ar9331.Ar933xUart.*;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socemu.core.console.CharBackend;
import org.socemu.core.console.SerialPort;
import org.socemu.core.irq.IrqLine;
import org.socemu.core.time.Scheduler;

@Timeout(10)
class Ar933xUartTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final SerialPort port = new SerialPort("uart", new Scheduler());
    private final IrqLine irq = new IrqLine("misc:3");
    private final Ar933xUart uart;

    Ar933xUartTest() {
        port.setBackend(new CharBackend() {
            @Override public void write(int b) { out.write(b); }
        });
        uart = Bus.attach(new Ar933xUart("uart", port, irq));
    }

    private void send(String s) {
        for (char c : s.toCharArray()) {
            assertNotEquals(0, uart.read(DATA, 4) & DATA_TX_CSR, "TX_CSR must say the FIFO takes a byte");
            uart.write(DATA, 4, DATA_TX_CSR | c);
        }
    }

    @Test
    void transmitPollingLikeEarlyPrintk() {
        send("Linux\n");
        assertEquals("Linux\n", out.toString());
        assertEquals(0, uart.read(CS, 4) & CS_TX_BUSY, "TX completes at once");
    }

    @Test
    void writeWithoutTxCsrSendsNothing() {
        uart.write(DATA, 4, 'x');
        assertEquals(0, out.size());
    }

    @Test
    void receiveAndPop() {
        assertEquals(0, uart.read(DATA, 4) & DATA_RX_CSR);
        port.inject("ab".getBytes());
        int d = uart.read(DATA, 4);
        assertEquals(DATA_RX_CSR, d & DATA_RX_CSR);
        assertEquals('a', d & 0xFF);
        assertEquals(d, uart.read(DATA, 4), "reading does not pop");
        uart.write(DATA, 4, DATA_RX_CSR);
        assertEquals('b', uart.read(DATA, 4) & 0xFF);
        uart.write(DATA, 4, DATA_RX_CSR);
        assertEquals(0, uart.read(DATA, 4) & DATA_RX_CSR);
    }

    @Test
    void rxFifoHoldsSixteenAndRefillsFromThePort() {
        byte[] in = new byte[20];
        for (int i = 0; i < in.length; i++) in[i] = (byte) ('A' + i);
        port.inject(in);
        assertEquals(FIFO_DEPTH, uart.rxQueued());
        assertTrue(port.hasInput(), "the rest waits in the port");
        assertNotEquals(0, uart.read(INT, 4) & INT_RX_FULL);
        StringBuilder got = new StringBuilder();
        while ((uart.read(DATA, 4) & DATA_RX_CSR) != 0) {
            got.append((char) (uart.read(DATA, 4) & 0xFF));
            uart.write(DATA, 4, DATA_RX_CSR);
        }
        assertEquals("ABCDEFGHIJKLMNOPQRST", got.toString());
    }

    @Test
    void rxInterruptNeedsIntEnAndHostIntEn() {
        port.inject("x".getBytes());
        assertNotEquals(0, uart.read(INT, 4) & INT_RX_VALID);
        assertEquals(0, uart.read(CS, 4) & CS_HOST_INT, "nothing enabled");
        uart.write(INT_EN, 4, INT_RX_VALID);
        assertNotEquals(0, uart.read(CS, 4) & CS_HOST_INT);
        assertFalse(irq.isHigh(), "HOST_INT_EN still clear");
        uart.write(CS, 4, uart.read(CS, 4) | CS_HOST_INT_EN);
        assertTrue(irq.isHigh());
        // the handler acks RX_VALID, then drains: the level stays until the FIFO is empty
        uart.write(INT, 4, INT_RX_VALID);
        assertTrue(irq.isHigh());
        uart.write(DATA, 4, DATA_RX_CSR);
        assertFalse(irq.isHigh());
        assertEquals(0, uart.read(CS, 4) & CS_HOST_INT);
    }

    @Test
    void txEmptyIsALevelThatSurvivesTheConsoleClear() {
        uart.write(CS, 4, CS_HOST_INT_EN);
        uart.write(INT, 4, INT_ALL); // every console write ends with this
        assertNotEquals(0, uart.read(INT, 4) & INT_TX_EMPTY);
        assertFalse(irq.isHigh());
        uart.write(INT_EN, 4, INT_TX_EMPTY); // start_tx
        assertTrue(irq.isHigh(), "userspace output depends on TX_EMPTY coming straight back");
        uart.write(INT_EN, 4, 0); // stop_tx
        assertFalse(irq.isHigh());
    }

    @Test
    void registersReadBackAndNarrowReadsUseBigEndianLanes() {
        uart.write(CLOCK, 4, 0x002B67CF);
        assertEquals(0x002B67CF, uart.read(CLOCK, 4));
        assertEquals(0x002B, uart.read(CLOCK, 2));
        assertEquals(0x67CF, uart.read(CLOCK + 2, 2));
        uart.write(CS, 4, 0x188);
        assertEquals(0x188, uart.read(CS, 4));
    }
}
