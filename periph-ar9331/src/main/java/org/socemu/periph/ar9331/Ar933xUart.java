package org.socemu.periph.ar9331;

import org.socemu.core.console.SerialPort;
import org.socemu.core.dev.Device;
import org.socemu.core.dev.MmioDevice;
import org.socemu.core.dev.Register;
import org.socemu.core.irq.IrqLine;
import org.socemu.core.machine.DeviceContext;
import org.socemu.core.machine.DeviceType;

/**
 * The AR933X high-speed UART (qca,ar9330-uart at 0x18020000; Linux ar933x_uart, not a 16550).
 *
 * <p>Transmit completes at once: a byte written with TX_CSR goes straight to the serial port, so
 * the TX FIFO is always empty, TX_CSR always reads 1 and CS.TX_BUSY 0. Receive has a 16-byte FIFO
 * filled from the serial port whenever it has room. INT.RX_VALID and INT.TX_EMPTY are levels (set
 * while bytes wait / while the TX FIFO is empty, straight back after a clear): Linux's console
 * writes INT = 0x3FF after each message and its start_tx only enables TX_EMPTY, so shell output
 * depends on that. CS.HOST_INT = (INT & INT_EN) != 0; the interrupt (misc 3) is HOST_INT while
 * CS.HOST_INT_EN is set.
 */
public final class Ar933xUart extends MmioDevice implements SerialPort.Receiver {
    static final int DATA = 0x00, CS = 0x04, CLOCK = 0x08, INT = 0x0C, INT_EN = 0x10;

    // DATA
    static final int DATA_RX_CSR = 1 << 8, DATA_TX_CSR = 1 << 9;
    // CS
    static final int CS_TX_BUSY = 1 << 14, CS_RX_BUSY = 1 << 15, CS_HOST_INT = 1 << 12, CS_HOST_INT_EN = 1 << 13,
            CS_TX_READY = 1 << 9;
    // INT / INT_EN
    static final int INT_RX_VALID = 1 << 0, INT_TX_READY = 1 << 1, INT_RX_FRAMING_ERR = 1 << 2,
            INT_RX_OFLOW_ERR = 1 << 3, INT_TX_OFLOW_ERR = 1 << 4, INT_RX_PARITY_ERR = 1 << 5,
            INT_RX_BREAK_ON = 1 << 6, INT_RX_BREAK_OFF = 1 << 7, INT_RX_FULL = 1 << 8, INT_TX_EMPTY = 1 << 9,
            INT_ALL = 0x3FF;

    static final int FIFO_DEPTH = 16;

    private final SerialPort port;
    private final IrqLine irq;
    private final Register cs;
    private final Register intStatus;
    private final Register intEnable;
    private final int[] rxFifo = new int[FIFO_DEPTH];
    private int rxHead;
    private int rxCount;

    public Ar933xUart(String name, SerialPort port, IrqLine irq) {
        super(name, 0x14);
        this.port = port;
        this.irq = irq;
        regs.word(DATA, "UART_DATA").onRead(this::readData).onWriteRaw(this::writeData);
        cs = regs.word(CS, "UART_CS").mask(~(CS_HOST_INT | CS_TX_BUSY | CS_RX_BUSY)).onRead(this::readCs)
                .onWrite(v -> updateIrq());
        regs.word(CLOCK, "UART_CLOCK");
        // The event bits (errors, breaks) latch and clear on a 1 written; the level bits are recomputed.
        intStatus = regs.word(INT, "UART_INT").writeOneToClear(INT_ALL).mask(0).onRead(this::readInt)
                .onWrite(v -> updateIrq());
        intEnable = regs.word(INT_EN, "UART_INT_EN").mask(INT_ALL).onWrite(v -> updateIrq());
        port.setReceiver(this);
    }

    // ---- DATA ----

    private int readData() {
        int v = DATA_TX_CSR; // transmit is instant: the FIFO can always take a byte
        if (rxCount > 0) v |= DATA_RX_CSR | rxFifo[rxHead];
        return v;
    }

    private void writeData(int value) {
        if ((value & DATA_RX_CSR) != 0 && rxCount > 0) popRx();
        if ((value & DATA_TX_CSR) != 0) port.transmit(value & 0xFF);
        updateIrq();
    }

    private void popRx() {
        rxHead = (rxHead + 1) % FIFO_DEPTH;
        rxCount--;
        fillRx();
    }

    /** Takes bytes from the serial port while the FIFO has room. */
    private void fillRx() {
        while (rxCount < FIFO_DEPTH) {
            int b = port.poll();
            if (b < 0) break;
            rxFifo[(rxHead + rxCount) % FIFO_DEPTH] = b;
            rxCount++;
        }
    }

    @Override
    public void inputAvailable() {
        fillRx();
        updateIrq();
    }

    // ---- status ----

    /** Latched event bits plus the current levels. */
    private int readInt() {
        int v = intStatus.value() | INT_TX_EMPTY | INT_TX_READY;
        if (rxCount > 0) v |= INT_RX_VALID;
        if (rxCount == FIFO_DEPTH) v |= INT_RX_FULL;
        return v;
    }

    private boolean hostInt() {
        return (readInt() & intEnable.value()) != 0;
    }

    private int readCs() {
        int v = cs.value();
        if (hostInt()) v |= CS_HOST_INT;
        return v;
    }

    private void updateIrq() {
        irq.set(hostInt() && (cs.value() & CS_HOST_INT_EN) != 0);
    }

    int rxQueued() { return rxCount; }

    @Override
    public void reset() {
        super.reset();
        rxHead = 0;
        rxCount = 0;
        fillRx();
        updateIrq();
    }

    /** Every read hook here is side-effect free: popping a byte is a write of RX_CSR, not a read. */
    @Override
    protected boolean peekSafe(Register r) {
        return true;
    }

    /** "ar933x-uart": irq[0] to misc 3; its serial port is named after the device. */
    public static final class Type implements DeviceType {
        @Override public String type() { return "ar933x-uart"; }
        @Override public Device create(DeviceContext ctx) { return new Ar933xUart(ctx.name(), ctx.serial(), ctx.irq(0)); }
    }
}
