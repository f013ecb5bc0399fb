package org.socemu.imx7;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.socemu.core.console.SerialPort;
import org.socemu.core.irq.IrqLine;
import org.socemu.core.time.Scheduler;

/**
 * Cost of the device accesses a Linux boot makes most often (QEMU counted ~50 000 UART and
 * ~20 000 GIC CPU-interface accesses per boot). Run with {@code -Dgroups=bench -DexcludedGroups=}.
 */
@Tag("bench")
class DeviceBench {
    static final int N = 2_000_000;

    interface Op { void run(int i); }

    static double nsPerOp(String what, Op op) {
        for (int i = 0; i < N; i++) op.run(i); // warm-up
        long t0 = System.nanoTime();
        for (int i = 0; i < N; i++) op.run(i);
        double ns = (System.nanoTime() - t0) / (double) N;
        System.out.printf("%-50s %8.1f ns%n", what, ns);
        return ns;
    }

    @Test
    void gicAcknowledgeEoiDeactivate() {
        IrqLine[] pins = {new IrqLine("c0"), new IrqLine("c1")};
        Gic400 gic = new Gic400("gic", 2, pins, () -> 0);
        gic.write(0x1000, 4, 1);
        gic.write(0x1104, 4, 1 << 26);
        gic.write(0x1800 + 56, 4, 0x01010101);
        gic.write(0x2004, 4, 0xF0);
        gic.write(0x2000, 4, 1 | 1 << 9);
        IrqLine uart = gic.input("26");
        int[] sum = {0};
        nsPerOp("GIC: line up, IAR, EOIR, line down, DIR", i -> {
            uart.raise();
            int iar = gic.read(0x200C, 4);
            gic.write(0x2010, 4, iar);
            uart.lower();
            gic.write(0x3000, 4, iar);
            sum[0] += iar;
        });
        assertEquals(58L * 2 * N, sum[0] & 0xFFFFFFFFL, "every cycle acknowledged ID 58");
    }

    @Test
    void uartEarlyconCharacter() {
        Scheduler clock = new Scheduler();
        SerialPort port = new SerialPort("uart1", clock);
        ImxUart uart = new ImxUart("uart1", new IrqLine("u"), port, clock, 24_000_000, true);
        nsPerOp("UART: UTS poll + UTXD write", i -> {
            if ((uart.read(0xB4, 4) & ImxUart.UTS_TXFULL) == 0) uart.write(0x40, 4, 'x');
        });
        assertEquals(2L * N, port.transmitted());
    }

    @Test
    void gptCounterRead() {
        Scheduler clock = new Scheduler();
        ImxGpt gpt = new ImxGpt("gpt1", new IrqLine("g"), clock, 66_000_000, 24_000_000);
        gpt.write(0, 4, 0x289);
        int[] sink = {0};
        nsPerOp("GPT: TCN read", i -> sink[0] += gpt.read(0x24, 4));
        assertEquals(0, sink[0], "time does not move without cores");
    }
}
