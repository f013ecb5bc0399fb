package org.socemu.mips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socemu.core.mem.Endian;
import org.socemu.core.time.Clock;

/** Count/Compare on IP7, hardware lines IP2-IP7, software interrupts, WAIT with idle skip. */
@Timeout(60)
class InterruptTest {
    private final Bare m = new Bare(Endian.BIG);

    private static final String IRQ_STOP = """
            mfc0 $s6, $13
            mfc0 $s7, $14
            li $v0, 0x99
            """ + Bare.EXIT;

    @Test
    void countRunsAtHalfTheCoreClock() throws IOException {
        m.runKernel("""
                mfc0 $s0, $9
                li $t0, 10000
            1:  addiu $t0, $t0, -1
                bnez $t0, 1b
                nop
                mfc0 $s1, $9
                """);
        int ticks = m.reg(17) - m.reg(16);
        // 30 000 instructions at one per cycle: 15 000 Count ticks (give or take the instructions around)
        assertTrue(ticks >= 15000 && ticks <= 15010, "Count advanced " + ticks);
    }

    @Test
    void compareMatchInterruptsOnIp7AndWaitSkipsIdleTime() throws IOException {
        m.asm(0x80000180L, IRQ_STOP);
        int code = m.runKernel("""
                mfc0 $t0, $9
                li $t1, 400000           # 8 ms of Count at 100 MHz / 2
                addu $t0, $t0, $t1
                mtc0 $t0, $11
                li $t0, 0x8001           # IM7, IE
                mtc0 $t0, $12
                wait
                li $v0, 1                # not reached before the interrupt
                """);
        assertEquals(0x99, code);
        assertTrue((m.reg(22) & Cp0.CA_TI) != 0, "Cause.TI");
        assertTrue((m.reg(22) & 0x8000) != 0, "Cause.IP7");
        assertEquals(Exceptions.INT, (m.reg(22) >>> 2) & 31);
        assertEquals(0x80001000 + 4 * 8, m.reg(23), "EPC after the WAIT");
        long now = m.sched.now();
        assertTrue(now >= 8 * Clock.PS_PER_MS && now < 9 * Clock.PS_PER_MS, "virtual time jumped to the match: " + now);
        assertTrue(m.cpu.retired() < 100, "idle time was skipped, not executed: " + m.cpu.retired());
    }

    @Test
    void compareWriteAcknowledgesAndPendingWorksWithInterruptsOff() throws IOException {
        m.runKernel("""
                mfc0 $t0, $9
                addiu $t0, $t0, 20
                mtc0 $t0, $11
                li $t2, 200
            1:  addiu $t2, $t2, -1
                bnez $t2, 1b
                nop
                mfc0 $s0, $13            # TI set although IE = 0
                mtc0 $t0, $11
                mfc0 $s1, $13            # cleared by the Compare write
                """);
        // well inside one scheduler slice: Cause.TI must not wait for the slice to end
        assertTrue((m.reg(16) & Cp0.CA_TI) != 0, "Cause.TI pending right after Count passed Compare");
        assertTrue((m.reg(16) & 0x8000) != 0, "and IP7 with it");
        assertEquals(0, m.reg(17) & Cp0.CA_TI);
    }

    @Test
    void hardwareLineInterruptsWhenUnmasked() throws IOException {
        m.asm(0x80000180L, IRQ_STOP);
        m.cpu.input("6").set(true);
        int code = m.runKernel("""
                li $t0, 0x0001           # IE only: IP6 masked
                mtc0 $t0, $12
                nop
                li $t0, 0x4001           # IM6 + IE
                mtc0 $t0, $12
                nop
                li $v0, 1
                """);
        assertEquals(0x99, code);
        assertTrue((m.reg(22) & 0x4000) != 0);
        assertEquals(0x80001000 + 4 * 5, m.reg(23), "taken right after the MTC0 that unmasked it");
    }

    @Test
    void softwareInterruptAndVectoredOffsetWithIv() throws IOException {
        m.asm(0x80000200L, IRQ_STOP);
        int code = m.runKernel("""
                li $t0, 0x00800000       # Cause.IV: interrupts at EBase + 0x200
                mtc0 $t0, $13
                li $t0, 0x0101           # IM0 + IE
                mtc0 $t0, $12
                li $t0, 0x00800100       # raise IP0
                mtc0 $t0, $13
                nop
                li $v0, 1
                """);
        assertEquals(0x99, code);
        assertTrue((m.reg(22) & 0x100) != 0);
    }

    @Test
    void idleWithNothingPendingLetsTheSchedulerSkip() throws IOException {
        m.asm(0x80001000L, "li $t0, 0x8001\n mtc0 $t0, $12\n wait\n nop\n");
        m.cpu.setStatus(0);
        m.cpu.setPc(0x80001000L);
        m.sched.run(Clock.PS_PER_MS);
        assertTrue(m.cpu.isWaiting());
    }
}
