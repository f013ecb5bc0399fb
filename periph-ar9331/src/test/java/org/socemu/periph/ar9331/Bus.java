package org.socemu.periph.ar9331;

import org.socemu.core.dev.MmioDevice;
import org.socemu.core.dev.UnimpLog;
import org.socemu.core.mem.Endian;

/** Test helper: a device attached as the AR9331's big-endian bus attaches it. */
final class Bus {
    private Bus() {}

    static <T extends MmioDevice> T attach(T d) {
        d.attach(new UnimpLog(), Endian.BIG);
        return d;
    }
}
