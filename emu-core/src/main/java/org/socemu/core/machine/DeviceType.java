package org.socemu.core.machine;

import org.socemu.core.dev.Device;

/** A kind of device ("imx-uart", "ar933x-uart"), found through {@link java.util.ServiceLoader}. */
public interface DeviceType {
    String type();

    Device create(DeviceContext ctx);
}
