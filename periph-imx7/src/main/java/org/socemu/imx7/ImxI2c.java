package org.socemu.imx7;

import org.socemu.core.dev.Device;
import org.socemu.core.dev.MmioDevice;
import org.socemu.core.dev.Register;
import org.socemu.core.irq.IrqLine;
import org.socemu.core.machine.DeviceContext;
import org.socemu.core.machine.DeviceType;
import org.socemu.core.time.Clock;
import org.socemu.core.time.Event;

/**
 * I2C controller (i.MX7D RM chapter "I2C"; Linux i2c-imx.c, i.MX21-style flags: IIF and IAL are
 * cleared by writing 0). 16-bit registers at a 4-byte stride. The bus has no devices: a master
 * transmits the address byte, nobody acknowledges, and after the byte's nine clocks the
 * controller reports transfer complete with RXAK = 1 (no ACK), so drivers see -ENXIO and stop.
 * START sets the bus busy, STOP frees it; arbitration is never lost (single master).
 */
public final class ImxI2c extends MmioDevice {
    static final int I2CR_RSTA = 1 << 2, I2CR_TXAK = 1 << 3, I2CR_MTX = 1 << 4, I2CR_MSTA = 1 << 5, I2CR_IIEN = 1 << 6,
            I2CR_IEN = 1 << 7;
    static final int I2SR_RXAK = 1, I2SR_IIF = 1 << 1, I2SR_SRW = 1 << 2, I2SR_IAL = 1 << 4, I2SR_IBB = 1 << 5,
            I2SR_IAAS = 1 << 6, I2SR_ICF = 1 << 7;
    /** Clock divider for each IFDR value (RM table "I2C_IFDR"). */
    static final int[] DIVIDERS = {30, 32, 36, 42, 48, 52, 60, 72, 80, 88, 104, 128, 144, 160, 192, 240, 288, 320,
        384, 480, 576, 640, 768, 960, 1152, 1280, 1536, 1920, 2304, 2560, 3072, 3840, 22, 24, 26, 28, 32, 36, 40, 44,
        48, 56, 64, 72, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448, 512, 640, 768, 896, 1024, 1280, 1536,
        1792, 2048};

    private final IrqLine irq;
    private final Clock clock;
    private final long clockHz;
    private final Register ifdr, i2cr, i2sr, i2dr;
    private final Event byteDone;

    public ImxI2c(String name, IrqLine irq, Clock clock, long clockHz) {
        super(name, 0x10000);
        this.irq = irq;
        this.clock = clock;
        this.clockHz = clockHz;
        this.byteDone = Event.of(name + ".byte", now -> transferComplete());
        regs.half(0x00, "IADR").mask(0xFE);
        ifdr = regs.half(0x04, "IFDR").mask(0x3F);
        i2cr = regs.half(0x08, "I2CR").mask(0xFC).onWrite(this::i2crWritten);
        i2sr = regs.half(0x0C, "I2SR").reset(I2SR_ICF | I2SR_RXAK).mask(I2SR_IAL | I2SR_IIF).onWriteRaw(this::i2srWritten);
        i2dr = regs.half(0x10, "I2DR").onWriteRaw(this::transmit).onRead(this::receive);
    }

    private void i2crWritten(int old, int val) {
        if ((val & I2CR_IEN) == 0) {
            // module off: bus logic reset
            clock.cancel(byteDone);
            i2sr.set(I2SR_ICF | I2SR_RXAK);
            update();
            return;
        }
        if ((old & I2CR_MSTA) == 0 && (val & I2CR_MSTA) != 0) {
            i2sr.setBits(I2SR_IBB); // START
        } else if ((old & I2CR_MSTA) != 0 && (val & I2CR_MSTA) == 0) {
            i2sr.clearBits(I2SR_IBB); // STOP
        }
        if ((val & I2CR_RSTA) != 0) {
            // repeated START: RSTA reads 0
            i2cr.clearBits(I2CR_RSTA);
        }
        update();
    }

    /** IIF and IAL are cleared by writing 0 to them; the other flags are read-only. */
    private void i2srWritten(int v) {
        int clear = ~v & (I2SR_IIF | I2SR_IAL);
        i2sr.clearBits(clear);
        update();
    }

    private void transmit(int v) {
        i2dr.set(v & 0xFF);
        if (!i2cr.isSet(I2CR_IEN) || !i2cr.isSet(I2CR_MSTA)) return;
        startByte();
    }

    /** Reading I2DR in master receive mode starts the next byte; with nobody on the bus it reads 0xFF. */
    private int receive() {
        int v = i2dr.value();
        if (i2cr.isSet(I2CR_IEN) && i2cr.isSet(I2CR_MSTA) && !i2cr.isSet(I2CR_MTX)) {
            i2dr.set(0xFF);
            startByte();
        }
        return v;
    }

    private void startByte() {
        i2sr.clearBits(I2SR_ICF);
        clock.schedule(byteDone, clock.now() + 9 * bitTime());
    }

    /** One SCL period: the module clock divided as IFDR selects. */
    long bitTime() {
        return Clock.PS_PER_S / clockHz * DIVIDERS[ifdr.value() & 0x3F];
    }

    private void transferComplete() {
        // Nobody acknowledges: the address byte (and anything after it) goes unanswered.
        i2sr.setBits(I2SR_ICF | I2SR_IIF | I2SR_RXAK);
        update();
    }

    private void update() {
        irq.set(i2cr.isSet(I2CR_IEN | I2CR_IIEN) && i2sr.isSet(I2SR_IIF));
    }

    @Override
    protected boolean peekSafe(Register r) {
        return r.offset() != 0x10;
    }

    @Override
    public void reset() {
        super.reset();
        clock.cancel(byteDone);
        update();
    }

    /** "imx-i2c": props "clock-hz" (the I2C root clock, default 24 MHz: the oscillator). */
    public static final class Type implements DeviceType {
        @Override public String type() { return "imx-i2c"; }

        @Override
        public Device create(DeviceContext ctx) {
            return new ImxI2c(ctx.name(), ctx.irq(0), ctx.clock(), ctx.props().number("clock-hz", 24_000_000));
        }
    }
}
