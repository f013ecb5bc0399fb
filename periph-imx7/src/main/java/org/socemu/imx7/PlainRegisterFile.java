package org.socemu.imx7;

import org.socemu.core.dev.Device;
import org.socemu.core.dev.MmioDevice;
import org.socemu.core.machine.DeviceContext;
import org.socemu.core.machine.DeviceType;

/**
 * A block of 32-bit registers that only hold what software writes (IOMUXC, IOMUXC_LPSR: pad and
 * mux settings whose effect on pins is not modelled). Every word of the window reads back the last
 * value written, reset 0. Nothing is logged as unmodelled: storage is the whole model. Subclasses
 * declare the few registers that do more (status bits, reset values) in {@link #regs}; those take
 * precedence over the storage.
 */
public class PlainRegisterFile extends MmioDevice {
    private final int[] words;

    public PlainRegisterFile(String name, int size) {
        super(name, size);
        words = new int[size / 4];
    }

    @Override
    protected int unmodelledRead(long offset, int size) {
        int v = words[(int) (offset >>> 2)];
        int shift = 8 * (int) (offset & 3);
        return size == 4 ? v : (v >>> shift) & ((1 << (8 * size)) - 1);
    }

    @Override
    protected void unmodelledWrite(long offset, int size, int value) {
        int i = (int) (offset >>> 2);
        if (size == 4) {
            words[i] = value;
            return;
        }
        int shift = 8 * (int) (offset & 3);
        int mask = ((1 << (8 * size)) - 1) << shift;
        words[i] = (words[i] & ~mask) | ((value << shift) & mask);
    }

    @Override
    public int peek(long offset, int size) {
        return regs.find((int) offset) != null ? super.peek(offset, size) : unmodelledRead(offset, size);
    }

    @Override
    public void reset() {
        super.reset();
        java.util.Arrays.fill(words, 0);
    }

    /** "imx-regfile": props "size" (window size, default 64K). */
    public static final class Type implements DeviceType {
        @Override public String type() { return "imx-regfile"; }

        @Override
        public Device create(DeviceContext ctx) {
            return new PlainRegisterFile(ctx.name(), (int) ctx.props().number("size", 0x10000));
        }
    }
}
