package org.socemu.imx7;

import org.socemu.core.console.SerialPort;
import org.socemu.core.dev.Device;
import org.socemu.core.dev.MmioDevice;
import org.socemu.core.dev.Register;
import org.socemu.core.irq.IrqLine;
import org.socemu.core.machine.DeviceContext;
import org.socemu.core.machine.DeviceType;
import org.socemu.core.time.Clock;
import org.socemu.core.time.Event;

/**
 * i.MX UART (i.MX7D RM chapter "Universal Asynchronous Receiver/Transmitter"; Linux imx.c).
 *
 * <p>Transmission is immediate: a byte written to UTXD while the transmitter is enabled goes to
 * the serial port at once, so the TX FIFO is empty whenever the transmitter runs (TRDY, TXFE,
 * TXDC set). With the transmitter off, bytes wait in the 32-entry TX FIFO. Reception pulls bytes
 * from the serial port while the 32-entry RX FIFO has room. The aging timer is a virtual-time
 * event 8 character times after the last received byte.
 */
public final class ImxUart extends MmioDevice {
    static final int FIFO = 32;

    // URXD
    static final int URXD_CHARRDY = 1 << 15, URXD_ERR = 1 << 14, URXD_OVRRUN = 1 << 13;
    // UCR1
    static final int UCR1_UARTEN = 1, UCR1_TXMPTYEN = 1 << 6, UCR1_RRDYEN = 1 << 9, UCR1_TRDYEN = 1 << 13,
            UCR1_RTSDEN = 1 << 5;
    // UCR2
    static final int UCR2_SRST = 1, UCR2_RXEN = 1 << 1, UCR2_TXEN = 1 << 2, UCR2_ATEN = 1 << 3, UCR2_WS = 1 << 5,
            UCR2_IRTS = 1 << 14;
    // UCR3
    static final int UCR3_RXDMUXSEL = 1 << 2;
    // UCR4
    static final int UCR4_DREN = 1, UCR4_OREN = 1 << 1, UCR4_TCEN = 1 << 3;
    // USR1
    static final int USR1_AGTIM = 1 << 8, USR1_RRDY = 1 << 9, USR1_RTSD = 1 << 12, USR1_TRDY = 1 << 13,
            USR1_RXDS = 1 << 6, USR1_RTSS = 1 << 14;
    static final int USR1_W1C = USR1_AGTIM | USR1_RTSD | (1 << 15) | (1 << 11) | (1 << 10) | (1 << 7) | (1 << 5) | (1 << 4);
    // USR2
    static final int USR2_RDR = 1, USR2_ORE = 1 << 1, USR2_BRCD = 1 << 2, USR2_TXDC = 1 << 3, USR2_TXFE = 1 << 14,
            USR2_DCDIN = 1 << 5;
    static final int USR2_W1C = USR2_ORE | USR2_BRCD | (1 << 4) | (1 << 6) | (1 << 7) | (1 << 8) | (1 << 10) | (1 << 11)
            | (1 << 12) | (1 << 13) | (1 << 15);
    // UTS
    static final int UTS_RXFULL = 1 << 3, UTS_TXFULL = 1 << 4, UTS_RXEMPTY = 1 << 5, UTS_TXEMPTY = 1 << 6,
            UTS_LOOP = 1 << 12;

    private final IrqLine irq;
    private final SerialPort port;
    private final Clock clock;
    private final long refHz;
    private final boolean preset;
    private final Register ucr1, ucr2, ucr3, ucr4, ufcr, usr1, usr2, ubir, ubmr, uts;

    private final int[] rx = new int[FIFO];
    private int rxHead, rxCount;
    private final int[] tx = new int[FIFO];
    private int txCount;
    private final Event aging;

    /**
     * @param refHz  the module clock (UART root), before the UFCR.RFDIV divider
     * @param preset whether the port starts as a bootloader leaves a console (enabled, 8N1): for
     *               firmware-less boots whose earlycon writes without setting the UART up
     */
    public ImxUart(String name, IrqLine irq, SerialPort port, Clock clock, long refHz, boolean preset) {
        super(name, 0x10000);
        this.irq = irq;
        this.port = port;
        this.clock = clock;
        this.refHz = refHz;
        this.preset = preset;
        this.aging = Event.of(name + ".aging", now -> agingExpired());
        regs.word(0x00, "URXD").onRead(this::popRx).readOnly();
        regs.word(0x40, "UTXD").onWriteRaw(this::pushTx);
        ucr1 = regs.word(0x80, "UCR1").mask(0xFFFF).onWrite(v -> { drainTx(); update(); });
        ucr2 = regs.word(0x84, "UCR2").mask(0xFFFF).reset(UCR2_SRST).onWrite(this::ucr2Written);
        ucr3 = regs.word(0x88, "UCR3").mask(0xFFFF).reset(0x0700).onWrite(v -> update());
        ucr4 = regs.word(0x8C, "UCR4").mask(0xFFFF).reset(0x8000).onWrite(v -> update());
        ufcr = regs.word(0x90, "UFCR").mask(0xFFFF).reset(0x0801).onWrite(v -> { scheduleAging(); update(); });
        usr1 = regs.word(0x94, "USR1").mask(USR1_W1C).writeOneToClear(USR1_W1C).reset(USR1_TRDY | USR1_RXDS)
                .onRead(this::usr1).onWrite(v -> update());
        usr2 = regs.word(0x98, "USR2").mask(USR2_W1C).writeOneToClear(USR2_W1C).reset(USR2_TXFE | USR2_TXDC | USR2_DCDIN)
                .onRead(this::usr2).onWrite(v -> update());
        regs.word(0x9C, "UESC").mask(0xFF).reset(0x2B);
        regs.word(0xA0, "UTIM").mask(0xFFF);
        ubir = regs.word(0xA4, "UBIR").mask(0xFFFF);
        ubmr = regs.word(0xA8, "UBMR").mask(0xFFFF);
        regs.word(0xAC, "UBRC").readOnly().reset(0x0004);
        regs.word(0xB0, "ONEMS").mask(0xFFFFFF);
        uts = regs.word(0xB4, "UTS").mask(0x3E81).onRead(this::uts);
        regs.word(0xB8, "UMCR").mask(0xFFFF);
        port.setReceiver(this::receive);
        applyPreset();
    }

    private void applyPreset() {
        if (!preset) return;
        ucr1.set(UCR1_UARTEN);
        ucr2.set(UCR2_SRST | UCR2_RXEN | UCR2_TXEN | UCR2_WS | UCR2_IRTS);
        ucr3.set(0x0700 | UCR3_RXDMUXSEL);
        ufcr.set((8 << 10) | (5 << 7) | 1); // TXTL 8, RFDIV /1, RXTL 1
    }

    private boolean txEnabled() {
        return ucr1.isSet(UCR1_UARTEN) && ucr2.isSet(UCR2_TXEN);
    }

    private boolean rxEnabled() {
        return ucr1.isSet(UCR1_UARTEN) && ucr2.isSet(UCR2_RXEN);
    }

    private int rxTrigger() { return ufcr.value() & 0x3F; }

    private int txTrigger() { return (ufcr.value() >>> 10) & 0x3F; }

    // ---------------------------------------------------------------- transmit

    private void pushTx(int v) {
        if (txCount < FIFO) tx[txCount++] = v & 0xFF;
        drainTx();
        update();
    }

    private void drainTx() {
        if (!txEnabled()) return;
        for (int i = 0; i < txCount; i++) {
            port.transmit(tx[i]);
            if (uts.isSet(UTS_LOOP)) pushRx(tx[i]);
        }
        txCount = 0;
    }

    // ---------------------------------------------------------------- receive

    /** The serial port has input: take what fits. */
    private void receive() {
        if (!rxEnabled()) return;
        boolean got = false;
        while (rxCount < FIFO && port.hasInput()) {
            int b = port.poll();
            if (b < 0) break;
            pushRx(b);
            got = true;
        }
        if (got) update();
    }

    private void pushRx(int b) {
        if (rxCount == FIFO) {
            usr2.setBits(USR2_ORE);
            return;
        }
        rx[(rxHead + rxCount) % FIFO] = b & 0xFF;
        rxCount++;
        scheduleAging();
    }

    private int popRx() {
        if (rxCount == 0) return 0;
        int b = rx[rxHead];
        rxHead = (rxHead + 1) % FIFO;
        rxCount--;
        receive(); // room again: the port's waiting bytes move in
        scheduleAging();
        update();
        return URXD_CHARRDY | b;
    }

    /** Ten (nine with 7-bit words) bit times per character at the programmed baud rate. */
    long characterTime() {
        int rfdiv = (ufcr.value() >>> 7) & 7;
        int div = rfdiv == 6 ? 7 : rfdiv == 7 ? 1 : 6 - rfdiv;
        long num = (long) (ubmr.value() + 1) * 16 * div;
        long bits = ucr2.isSet(UCR2_WS) ? 10 : 9;
        // baud = refHz / div / (16 * (UBMR+1) / (UBIR+1)); bit time = 1 / baud
        return Math.max(1, bits * Clock.PS_PER_S / refHz * num / (ubir.value() + 1));
    }

    private void scheduleAging() {
        if (rxCount == 0) {
            clock.cancel(aging);
            return;
        }
        clock.schedule(aging, clock.now() + 8 * characterTime());
    }

    /** Data waited 8 character times below the RX trigger level: the aging timer fires. */
    private void agingExpired() {
        if (rxCount > 0 && rxCount < rxTrigger()) usr1.setBits(USR1_AGTIM);
        update();
    }

    // ---------------------------------------------------------------- status

    private int usr1() {
        int v = usr1.value() & ~(USR1_RRDY | USR1_TRDY);
        if (rxCount >= Math.max(1, rxTrigger())) v |= USR1_RRDY;
        if (txCount < Math.max(1, txTrigger())) v |= USR1_TRDY;
        return v | USR1_RXDS;
    }

    private int usr2() {
        int v = usr2.value() & ~(USR2_RDR | USR2_TXFE | USR2_TXDC);
        if (rxCount > 0) v |= USR2_RDR;
        if (txCount == 0) v |= USR2_TXFE | USR2_TXDC;
        return v;
    }

    private int uts() {
        int v = uts.value() & ~(UTS_RXFULL | UTS_TXFULL | UTS_RXEMPTY | UTS_TXEMPTY);
        if (rxCount == FIFO) v |= UTS_RXFULL;
        if (rxCount == 0) v |= UTS_RXEMPTY;
        if (txCount == FIFO) v |= UTS_TXFULL;
        if (txCount == 0) v |= UTS_TXEMPTY;
        return v;
    }

    private void ucr2Written(int v) {
        if ((v & UCR2_SRST) == 0) softReset();
        drainTx();
        receive();
        update();
    }

    /** UCR2.SRST = 0: FIFOs and status flags are reset; SRST reads 1 again when done (at once). */
    private void softReset() {
        rxCount = 0;
        rxHead = 0;
        txCount = 0;
        clock.cancel(aging);
        usr1.set(USR1_TRDY | USR1_RXDS);
        usr2.set(USR2_TXFE | USR2_TXDC | USR2_DCDIN);
        uts.clearBits(UTS_LOOP);
        ucr2.setBits(UCR2_SRST);
    }

    private void update() {
        int s1 = usr1(), s2 = usr2();
        int c1 = ucr1.value(), c2 = ucr2.value(), c4 = ucr4.value();
        boolean on = ((s1 & USR1_RRDY) != 0 && (c1 & UCR1_RRDYEN) != 0)
                || ((s1 & USR1_TRDY) != 0 && (c1 & UCR1_TRDYEN) != 0)
                || ((s1 & USR1_AGTIM) != 0 && (c2 & UCR2_ATEN) != 0)
                || ((s1 & USR1_RTSD) != 0 && (c1 & UCR1_RTSDEN) != 0)
                || ((s2 & USR2_TXFE) != 0 && (c1 & UCR1_TXMPTYEN) != 0)
                || ((s2 & USR2_TXDC) != 0 && (c4 & UCR4_TCEN) != 0)
                || ((s2 & USR2_RDR) != 0 && (c4 & UCR4_DREN) != 0)
                || ((s2 & USR2_ORE) != 0 && (c4 & UCR4_OREN) != 0);
        irq.set(on && (c1 & UCR1_UARTEN) != 0);
    }

    @Override
    protected boolean peekSafe(Register r) {
        return r.offset() != 0x00;
    }

    @Override
    public void reset() {
        super.reset();
        rxCount = 0;
        rxHead = 0;
        txCount = 0;
        clock.cancel(aging);
        ucr2.set(UCR2_SRST);
        applyPreset();
        update();
    }

    /** "imx-uart": props "clock-hz" (module clock, default 24 MHz), "preset" (bootloader-enabled console). */
    public static final class Type implements DeviceType {
        @Override public String type() { return "imx-uart"; }

        @Override
        public Device create(DeviceContext ctx) {
            return new ImxUart(ctx.name(), ctx.irq(0), ctx.serial(), ctx.clock(),
                    ctx.props().number("clock-hz", 24_000_000), ctx.props().bool("preset", false));
        }
    }
}
