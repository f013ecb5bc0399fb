package org.socemu.mips;

import org.socemu.core.dev.MmioDevice;
import org.socemu.core.time.Scheduler;

/**
 * A test-only MMIO device: TX (0x0) prints a character, EXIT (0x4) ends the run with a code.
 * Firmware written for these tests reports PASS/FAIL through it.
 */
final class TestDevice extends MmioDevice {
    static final long BASE = 0x1F000000L;
    static final int TX = 0x0, EXIT = 0x4, SYSCALL = 0x8;

    final StringBuilder out = new StringBuilder();
    Integer exitCode;
    /** Called on a write to SYSCALL (a test's exception handler forwards Linux system calls here). */
    Runnable syscallHook = () -> { };

    TestDevice(Scheduler sched) {
        super("testdev", 0x100);
        regs.word(TX, "TX").onWrite(v -> out.append((char) (v & 0xFF)));
        regs.word(EXIT, "EXIT").onWrite(v -> {
            exitCode = v;
            sched.requestStop();
        });
        regs.word(SYSCALL, "SYSCALL").onWrite(v -> syscallHook.run());
    }

    @Override
    public void reset() {
        out.setLength(0);
        exitCode = null;
    }
}
