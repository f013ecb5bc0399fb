package org.socemu.imx7;

import org.socemu.core.dev.MmioDevice;
import org.socemu.core.dev.Register;
import org.socemu.core.dev.RegisterTable;

/**
 * The i.MX "SCT" register convention (CCM, CCM_ANALOG, OCOTP, ...): every register at offset n has
 * aliases at n+4 (SET: ORs the written bits in), n+8 (CLR: clears them) and n+0xC (TOG: inverts
 * them). Reading an alias reads the register. Alias writes go through the register's own write
 * path, so its write mask and hooks apply as for a direct write.
 */
final class SetClrTog {
    private SetClrTog() {}

    /** Declares {@code name} at {@code offset} and its three aliases; returns the register. */
    static Register declare(MmioDevice dev, RegisterTable regs, int offset, String name) {
        Register r = regs.word(offset, name);
        alias(dev, regs, offset, name + "_SET", 4, v -> r.value() | v);
        alias(dev, regs, offset, name + "_CLR", 8, v -> r.value() & ~v);
        alias(dev, regs, offset, name + "_TOG", 12, v -> r.value() ^ v);
        return r;
    }

    private static void alias(MmioDevice dev, RegisterTable regs, int base, String name, int delta,
                              java.util.function.IntUnaryOperator op) {
        regs.word(base + delta, name)
                .onRead(() -> dev.read(base, 4))
                .onWriteRaw(v -> dev.write(base, 4, op.applyAsInt(v)));
    }
}
