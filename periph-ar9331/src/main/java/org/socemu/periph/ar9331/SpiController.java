package org.socemu.periph.ar9331;

import org.socemu.core.dev.Device;
import org.socemu.core.dev.MmioDevice;
import org.socemu.core.dev.Register;
import org.socemu.core.machine.DeviceContext;
import org.socemu.core.machine.DeviceType;

/**
 * AR9331 SPI controller (qca,ar7100-spi at 0x1F000000; Linux spi-ath79, barebox ath79_spi).
 *
 * <p>Two faces share the window. With FUNCTION_SELECT = 0 the controller reads the flash on CS0
 * by itself and the window shows the flash array, big-endian and wrapping at the chip size. With
 * FUNCTION_SELECT = 1 ("GPIO mode") the first 16 bytes are the registers and software bit-bangs
 * the bus through IOC: DO, CLK and the three chip-select lines (low = selected); each rising CLK
 * edge clocks DO into the selected device and shifts the device's MISO bit into RDS at bit 0.
 * Writes to the first 16 bytes always reach the registers (both drivers write FS first).
 */
public final class SpiController extends MmioDevice {
    static final int FUNCTION_SELECT = 0x00, CTRL = 0x04, IOC = 0x08, RDS = 0x0C;
    static final int REGISTER_BYTES = 0x10;

    static final int FS_GPIO = 1 << 0;
    static final int IOC_DO = 1 << 0, IOC_CLK = 1 << 8;
    static final int IOC_CS0 = 1 << 16, IOC_CS_ALL = 7 << 16;

    private final SpiNorFlash flash;
    private final Register fs;
    private final Register rds;

    public SpiController(String name, long window, SpiNorFlash flash) {
        super(name, window);
        this.flash = flash;
        fs = regs.word(FUNCTION_SELECT, "SPI_FUNCTION_SELECT").mask(FS_GPIO).onWrite(v -> modeChanged());
        regs.word(CTRL, "SPI_CTRL");
        // chip selects idle high (released)
        regs.word(IOC, "SPI_IO_CTRL").reset(IOC_CS_ALL).onWrite(this::ioControl);
        rds = regs.word(RDS, "SPI_READ_DATA").readOnly();
    }

    private boolean gpioMode() {
        return (fs.value() & FS_GPIO) != 0;
    }

    @Override
    public int read(long offset, int size) {
        if (offset < REGISTER_BYTES && gpioMode()) return super.read(offset, size);
        if (gpioMode()) return unmodelledRead(offset, size); // the array is not readable while bit-banging
        return flash.readMapped(offset, size);
    }

    @Override
    public int peek(long offset, int size) {
        if (offset < REGISTER_BYTES && gpioMode()) return super.peek(offset, size);
        return flash.readMapped(offset, size);
    }

    @Override
    public void write(long offset, int size, int value) {
        if (offset < REGISTER_BYTES) super.write(offset, size, value);
        else unmodelledWrite(offset, size, value); // the memory-mapped flash is read-only
    }

    /** Leaving GPIO mode hands the bus back to the controller's own flash reads: CS0 is released. */
    private void modeChanged() {
        if (!gpioMode()) flash.select(false);
        else ioControl(regs.find(IOC).value(), regs.find(IOC).value());
    }

    /** An IOC write: chip selects first, then a rising clock edge shifts one bit each way. */
    private void ioControl(int old, int now) {
        if (!gpioMode()) return;
        flash.select((now & IOC_CS0) == 0);
        if ((old & IOC_CLK) == 0 && (now & IOC_CLK) != 0) {
            boolean cs0 = (now & IOC_CS0) == 0;
            int miso = cs0 ? flash.miso() : 1; // nothing else sits on the bus: the line floats high
            if (cs0) flash.clock(now & IOC_DO);
            rds.set((rds.value() << 1) | miso);
        }
    }

    @Override
    public void reset() {
        super.reset();
        flash.select(false);
    }

    /**
     * "ar9331-spi". Props: "flash", the {@link SpiNorFlash} device on CS0 (default "flash"). The
     * description's "size" gives the window (12 MiB below the 0x1FC00000 reset-vector alias).
     */
    public static final class Type implements DeviceType {
        @Override public String type() { return "ar9331-spi"; }

        @Override public Device create(DeviceContext ctx) {
            SpiNorFlash flash = ctx.machine().component(ctx.props().string("flash", "flash"), SpiNorFlash.class);
            long window = ctx.props().number("window", 0xC00000L);
            return new SpiController(ctx.name(), window, flash);
        }
    }
}
