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

    @Test
    void conversionsFollowTheirOwnRoundingRules() throws Exception {
        b.runAsm("""
                  ldr r0, =(0xf << 20)
                  mcr p15, 0, r0, c1, c0, 2
                  mov r0, #0x40000000
                  vmsr fpexc, r0
                  mov r0, #(2 << 22)           @ FPSCR.RMode: toward minus infinity
                  vmsr fpscr, r0
                  vmov.f32 s0, #-2.5
                  vcvt.s32.f32 s1, s0          @ VCVT: toward zero always
                  vcvtr.s32.f32 s2, s0         @ VCVTR: the FPSCR mode
                  ldr r1, =-5
                  vmov s4, r1
                  vcvt.f32.s32 s4, s4, #1      @ fixed point to float (in place): -2.5, exact
                  ldr r1, =0x02000006
                  vmov s7, r1
                  vcvt.f32.s32 s7, s7, #1      @ 2^24 + 3: to nearest (even) always, here up
                  ldr r1, =0x01000003
                  vmov s8, r1
                  vcvt.f32.s32 s10, s8         @ integer to float: the FPSCR mode, down
                  vmov.f32 s11, #1.0
                  vcvtt.f16.f32 s12, s11       @ top half only
                  vmov r2, s1
                  vmov r3, s2
                  vmrs r4, fpscr
                  b done
                  .ltorg
                """, 200);
        assertEquals(-2L & 0xffffffffL, b.cpu.register(2));
        assertEquals(-3L & 0xffffffffL, b.cpu.register(3));
        assertEquals(Float.floatToIntBits(-2.5f), Vfp.sBits(b.cpu, 4));
        assertEquals(Float.floatToIntBits(16777220f), Vfp.sBits(b.cpu, 7));
        assertEquals(Float.floatToIntBits(16777218f), Vfp.sBits(b.cpu, 10));
        assertEquals(0x3c00, Vfp.sBits(b.cpu, 12) >>> 16);
        assertEquals(FpRules.IXC, b.cpu.register(4) & 0x9f, "the inexact conversions");
    }

    @Test
    void idRegistersAreUndefinedInUserMode() throws Exception {
        b.runAsm("""
                  ldr r0, =(0xf << 20)
                  mcr p15, 0, r0, c1, c0, 2
                  mov r0, #0x40000000
                  vmsr fpexc, r0
                  cps #0x10                    @ User mode
                  vmrs r1, fpscr               @ allowed
                  mov r2, #1
                  vmrs r3, mvfr0               @ UNDEFINED at PL0
                  mov r2, #2
                  b done
                  .ltorg
                """, 100);
        assertEquals(0x04, b.cpu.pc());
        assertEquals(1, b.cpu.register(2));
    }
}
