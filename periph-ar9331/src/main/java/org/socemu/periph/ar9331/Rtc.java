package org.socemu.periph.ar9331;

import org.socemu.core.dev.Device;
import org.socemu.core.dev.MmioDevice;
import org.socemu.core.dev.Register;
import org.socemu.core.machine.DeviceContext;
import org.socemu.core.machine.DeviceType;

/**
 * The AR9331's RTC control block inside the WMAC (0x18107000): the power-state machine barebox
 * wakes before it touches the chip (FORCE_WAKE, then RESET low and high, then polls STATUS.ON with
 * no timeout). Only its status is modelled: the block is ON while RESET bit 0 is high and in
 * SHUTDOWN while RESET holds it low. It keeps no time.
 */
public final class Rtc extends MmioDevice {
    static final int RTC_RESET = 0x40, RTC_STATUS = 0x44, RTC_DERIVED = 0x48, RTC_FORCE_WAKE = 0x4C,
            RTC_INT_CAUSE = 0x50, RTC_INT_ENABLE = 0x54, RTC_INT_MASK = 0x58;
    static final int RESET_DEASSERT = 1 << 0;
    static final int STATUS_SHUTDOWN = 1 << 0, STATUS_ON = 1 << 1;

    private final Register reset;

    public Rtc(String name) {
        super(name, 0x100);
        reset = regs.word(RTC_RESET, "RTC_RESET").mask(RESET_DEASSERT).reset(RESET_DEASSERT);
        regs.word(RTC_STATUS, "RTC_STATUS").readOnly().onRead(this::status);
        regs.word(RTC_DERIVED, "RTC_DERIVED");
        regs.word(RTC_FORCE_WAKE, "RTC_FORCE_WAKE");
        regs.word(RTC_INT_CAUSE, "RTC_INT_CAUSE").writeOneToClear(-1);
        regs.word(RTC_INT_ENABLE, "RTC_INT_ENABLE");
        regs.word(RTC_INT_MASK, "RTC_INT_MASK");
    }

    private int status() {
        return (reset.value() & RESET_DEASSERT) != 0 ? STATUS_ON : STATUS_SHUTDOWN;
    }

    /** "ar9331-rtc". */
    public static final class Type implements DeviceType {
        @Override public String type() { return "ar9331-rtc"; }
        @Override public Device create(DeviceContext ctx) { return new Rtc(ctx.name()); }
    }
}
