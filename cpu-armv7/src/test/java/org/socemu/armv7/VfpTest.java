package org.socemu.armv7;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** FP enable checks (CPACR, FPEXC.EN) and the FP identification registers. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VfpTest {
    private final TestBoard b = new TestBoard();

    @Test
    void vfpIsUndefinedUntilCpacrAndFpexcEnableIt() throws Exception {
        b.runAsm("  vmov s0, r0\n", 10);
        assertEquals(0x04, b.cpu.pc(), "UNDEFINED with CPACR = 0");
    }

    @Test
    void vfpIsUndefinedWithFpexcEnClear() throws Exception {
        b.runAsm("""
                  ldr r0, =(0xf << 20)
                  mcr p15, 0, r0, c1, c0, 2    @ CPACR: cp10, cp11 full access
                  isb
                  vmrs r1, fpsid
                  vmrs r2, mvfr0
                  vmrs r3, mvfr1
                  vadd.f32 s0, s1, s2          @ FPEXC.EN = 0: undefined
                  .ltorg
                """, 100);
        assertEquals(0x41023075L, b.cpu.register(1));
        assertEquals(0x10110222L, b.cpu.register(2));
        assertEquals(0x11111111L, b.cpu.register(3));
        assertEquals(0x04, b.cpu.pc());
    }

    @Test
    void arithmeticOnceEnabled() throws Exception {
        b.runAsm("""
                  ldr r0, =(0xf << 20)
                  mcr p15, 0, r0, c1, c0, 2
                  mov r0, #0x40000000
                  vmsr fpexc, r0
                  vmov.f64 d0, #1.5
                  vmov.f64 d1, #2.0
                  vmul.f64 d2, d0, d1
                  vcvt.s32.f64 s6, d2
                  vmov r4, s6
                  vcmp.f64 d0, d1
                  vmrs APSR_nzcv, fpscr
                  movlt r5, #1
                  ldr r6, =0x3000
                  vstmia r6, {d0-d2}
                  vldr d3, [r6, #16]
                  vmov r7, r8, d3
                  b done
                  .ltorg
                """, 100);
        assertEquals(3, b.cpu.register(4));
        assertEquals(1, b.cpu.register(5));
        assertEquals(Double.doubleToLongBits(3.0), (b.cpu.register(8) << 32) | b.cpu.register(7));
    }
}
