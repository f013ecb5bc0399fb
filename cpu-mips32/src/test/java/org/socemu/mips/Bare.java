package org.socemu.mips;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import org.socemu.core.mem.BusView;
import org.socemu.core.mem.Endian;
import org.socemu.core.mem.Ram;
import org.socemu.core.time.Clock;
import org.socemu.core.time.Scheduler;

/**
 * A bare test machine: 32 MiB RAM at 0, 64 KiB of RAM at the boot vector 0x1FC00000 (so tests
 * can place exception handlers there), the {@link TestDevice} at 0x1F000000 (KSEG1 0xBF000000) and
 * one 24Kc at 100 MHz.
 */
final class Bare {
    static final long HZ = 100_000_000L;
    /** Assembly that ends a test program: EXIT with $v0 as the code, then spin. */
    static final String EXIT = "lui $k1, 0xbf00\n sw $v0, 4($k1)\n 9: b 9b\n nop\n";

    final Endian endian;
    final Scheduler sched = new Scheduler();
    final Ram ram;
    final Ram boot;
    final BusView view;
    final TestDevice dev = new TestDevice(sched);
    final Mips24k cpu;

    Bare(Endian endian) {
        this(endian, MipsConfig.defaults(endian));
    }

    Bare(Endian endian, MipsConfig config) {
        this.endian = endian;
        ram = new Ram("ram", 32 << 20, endian);
        boot = new Ram("boot", 64 << 10, endian);
        view = new BusView("system", endian);
        view.map(0, ram);
        view.map(0x1FC00000L, boot);
        dev.attach(new org.socemu.core.dev.UnimpLog(), endian);
        view.map(TestDevice.BASE, dev);
        cpu = new Mips24k("cpu0", HZ, view, sched, config);
        sched.addCpu(cpu);
    }

    boolean big() {
        return endian == Endian.BIG;
    }

    /** Assembles {@code src} at virtual {@code va} (KSEG0/KSEG1) and loads it at its physical address. */
    void asm(long va, String src) throws IOException {
        view.load(va & 0x1FFFFFFFL, Toolchain.assemble(src, va, big()));
    }

    /** Loads {@code src} at 0x80001000, starts there in kernel mode (ERL/BEV cleared) and runs to EXIT. */
    int runKernel(String src) throws IOException {
        asm(0x80001000L, src + "\n" + EXIT);
        cpu.setStatus(0);
        cpu.setPc(0x80001000L);
        return runToExit(10 * Clock.PS_PER_MS);
    }

    /** Runs until the program writes EXIT; fails if it never does within {@code ps} of virtual time. */
    int runToExit(long ps) {
        sched.run(sched.now() + ps);
        assertNotNull(dev.exitCode, () -> "program did not exit; " + cpu.describeState());
        return dev.exitCode;
    }

    int reg(int n) {
        return (int) cpu.register(n);
    }

    int word(long pa) {
        return view.read(pa, 4);
    }
}
