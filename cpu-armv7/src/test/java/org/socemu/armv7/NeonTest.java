package org.socemu.armv7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Advanced SIMD per instruction group with known answers, and what the differential test cannot
 * see: alignment faults, the enables (FPEXC.EN, CPACR.ASEDIS), the FPSCR write mask, Len/Stride.
 * Each program runs in SVC mode from 0x1000 with the FPU enabled; memory for loads and stores is at
 * 0x3000.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NeonTest {
    private final TestBoard b = new TestBoard();

    private static final String ENABLE = """
              ldr r0, =(0xf << 20)
              mcr p15, 0, r0, c1, c0, 2    @ CPACR: cp10, cp11 full access
              isb
              mov r0, #0x40000000
              vmsr fpexc, r0               @ FPEXC.EN
            """;

    private void run(String body) throws Exception {
        b.runAsm(ENABLE + body + "\n  b done\n  .ltorg\n", 1000);
    }

    private long d(int n) { return b.cpu.d[n]; }
    private long r(int n) { return b.cpu.register(n); }

    @Test
    void saturatingArithmeticSetsQc() throws Exception {
        run("""
              vmov.i8 d0, #0x70
              vmov.i8 d1, #0x20
              vqadd.u8 d3, d0, d1
              vmrs r1, fpscr
              vqadd.s8 d2, d0, d1
              vmrs r2, fpscr
              vmov.i16 d4, #0x8000
              vqdmulh.s16 d5, d4, d4
              vmov.i16 d6, #0x4000
              vqrdmulh.s16 d7, d6, d6
            """);
        assertEquals(0x9090909090909090L, d(3));
        assertEquals(0, r(1) & FpRules.QC, "no saturation yet");
        assertEquals(0x7f7f7f7f7f7f7f7fL, d(2));
        assertNotEquals(0, r(2) & FpRules.QC, "QC is sticky once set");
        assertEquals(0x7fff7fff7fff7fffL, d(5), "-1 * -1 saturates");
        assertEquals(0x2000200020002000L, d(7), "(2 * 0x4000 * 0x4000 + 0x8000) >> 16");
    }

    @Test
    void shiftsByRegisterAndImmediate() throws Exception {
        run("""
              vmov.i8 d0, #0x80
              vmov.i8 d1, #0xfe             @ -2: shift right by 2
              vshl.s8 d2, d0, d1
              vshl.u8 d3, d0, d1
              vmov.i8 d4, #5
              vmov.i8 d5, #0xfd             @ -3
              vrshl.s8 d6, d4, d5           @ (5 + 4) >> 3
              vmov.i8 d7, #1
              vqshl.u8 d8, d0, d7           @ 0x80 << 1 saturates
              vmov.i8 d9, #6
              vrshr.u8 d10, d9, #2          @ (6 + 2) >> 2
              vmov.i8 d11, #0xab
              vmov.i8 d12, #0xcd
              vsri.8 d11, d12, #4
              vmov.i16 q7, #0xfff0          @ -16
              vqshrun.s16 d16, q7, #4       @ negative: 0
              vmov.i8 d17, #0x12
              vshll.i8 q9, d17, #8
              vmov.f32 d20, #1.5
              vcvt.s32.f32 d21, d20, #16
            """);
        assertEquals(0xe0e0e0e0e0e0e0e0L, d(2));
        assertEquals(0x2020202020202020L, d(3));
        assertEquals(0x0101010101010101L, d(6));
        assertEquals(-1L, d(8));
        assertEquals(0x0202020202020202L, d(10));
        assertEquals(0xacacacacacacacacL, d(11));
        assertEquals(0, d(16));
        assertEquals(0x1200120012001200L, d(18));
        assertEquals(0x0001800000018000L, d(21));
    }

    @Test
    void longNarrowAndScalarForms() throws Exception {
        run("""
              vmov.i8 d0, #0xff
              vmull.p8 q1, d0, d0           @ carry-less: 0x5555
              vmov.i8 d4, #3
              vmull.p8 q3, d4, d4           @ (x + 1)^2 = x^2 + 1
              vmov.i16 q4, #0x1200
              vorr.i16 q4, #0x34
              vmov.i16 q5, #0x100
              vaddhn.i16 d12, q4, q5        @ high byte of 0x1334
              ldr r0, =0x00020001
              ldr r1, =0x00040003
              vmov d5, r0, r1               @ lanes 1, 2, 3, 4 (a 16-bit scalar is in d0-d7)
              vmov.i16 d15, #5
              vmov.i16 d16, #1
              vmla.i16 d16, d15, d5[1]      @ 1 + 5 * 2
              vmov.i16 q9, #0x100
              vqmovn.s16 d20, q9            @ 256 saturates to 127
              vmovl.s8 q11, d0              @ -1 sign-extended
            """);
        assertEquals(0x5555555555555555L, d(2));
        assertEquals(0x0005000500050005L, d(6));
        assertEquals(0x1313131313131313L, d(12));
        assertEquals(0x000b000b000b000bL, d(16));
        assertEquals(0x7f7f7f7f7f7f7f7fL, d(20));
        assertEquals(-1L, d(22));
        assertEquals(-1L, d(23));
    }

    @Test
    void permutations() throws Exception {
        run("""
              ldr r0, =0x03020100
              ldr r1, =0x07060504
              ldr r2, =0x13121110
              ldr r3, =0x17161514
              vmov d0, r0, r1
              vmov d1, r2, r3
              vmov d2, d0
              vmov d3, d1
              vzip.8 d2, d3
              vmov d4, d2
              vmov d5, d3
              vuzp.8 d4, d5                 @ undoes the zip
              vmov d6, d0
              vmov d7, d1
              vtrn.16 d6, d7
              vext.8 d8, d0, d1, #3
              vrev64.8 d9, d0
              ldr r4, =0x0a000102
              ldr r5, =0xff030405
              vmov d10, r4, r5
              vtbl.8 d11, {d0}, d10         @ index >= 8: zero
              vmov.i8 d12, #0xee
              vtbx.8 d12, {d0}, d10         @ index >= 8: unchanged
              vdup.16 q7, d1[3]
              vcnt.8 d16, d10
              vclz.i32 d17, d10
              vcls.s8 d18, d12
            """);
        assertEquals(0x1303120211011000L, d(2));
        assertEquals(0x1707160615051404L, d(3));
        assertEquals(d(0), d(4));
        assertEquals(d(1), d(5));
        assertEquals(0x1514050411100100L, d(6));
        assertEquals(0x1716070613120302L, d(7));
        assertEquals(0x1211100706050403L, d(8));
        assertEquals(0x0001020304050607L, d(9));
        assertEquals(0x0003040500000102L, d(11));
        assertEquals(0xee030405ee000102L, d(12));
        assertEquals(0x1716171617161716L, d(14));
        assertEquals(0x1716171617161716L, d(15));
        assertEquals(0x0802010202000101L, d(16));
        assertEquals(0x0000000000000004L, d(17));
        assertEquals(0x0205040402070605L, d(18));
    }

    @Test
    void floatingPointUsesTheStandardValueAndSetsFlags() throws Exception {
        run("""
              mov r0, #(3 << 22)            @ FPSCR: round toward zero (NEON ignores it)
              vmsr fpscr, r0
              ldr r1, =0x3f800001           @ 1 + 2^-23
              ldr r2, =0x3f000000           @ 0.5
              vmov d0, r1, r1
              vmov d1, r2, r2
              vmul.f32 d2, d0, d1           @ exact
              vadd.f32 d3, d0, d2           @ 1.5 + 1.5*2^-23: a tie, to even
              vmrs r3, fpscr
              ldr r4, =0x00000100           @ a denormal: flushed, IDC
              vmov d4, r4, r4
              vadd.f32 d5, d4, d4
              vmrs r5, fpscr
              vcvt.f16.f32 d6, q0
              vrecpe.f32 d7, d0
            """);
        assertEquals(0x3fc000023fc00002L, d(3), "round to nearest even, not toward zero");
        assertEquals(FpRules.IXC, r(3) & 0x9f);
        assertEquals(0, d(5));
        assertEquals(FpRules.IXC | FpRules.IDC, r(5) & 0x9f);
        assertEquals(0x380038003c003c00L, d(6), "1 + 2^-23 and 0.5 in half precision");
        assertEquals(0x3f7f80003f7f8000L, d(7));
    }

    @Test
    void structureLoadsAndStoresInterleave() throws Exception {
        for (int k = 0; k < 64; k++) b.view.write(0x3000 + k, 1, k);
        run("""
              ldr r0, =0x3000
              vld3.8 {d0, d1, d2}, [r0]!
              ldr r1, =0x3000
              vld4.16 {d4[1], d5[1], d6[1], d7[1]}, [r1]
              ldr r2, =0x3010
              mov r3, #4
              vld2.32 {d8[], d9[]}, [r2], r3
              ldr r4, =0x3100
              vst4.8 {d0, d1, d2, d3}, [r4:64]
              ldr r5, =0x3200
              vst2.16 {d0, d2}, [r5]!
            """);
        assertEquals(0x15120f0c09060300L, d(0));
        assertEquals(0x1613100d0a070401L, d(1));
        assertEquals(0x1714110e0b080502L, d(2));
        assertEquals(0x3000 + 24, r(0), "writeback by the transfer size");
        assertEquals(0x01000000L, d(4) & 0xffff0000L, "lane 1 of each register");
        assertEquals(0x0706L << 16, d(7) & 0xffff0000L);
        assertEquals(0x1312111013121110L, d(8));
        assertEquals(0x1716151417161514L, d(9));
        assertEquals(0x3014, r(2), "writeback by Rm");
        assertEquals(0x00020100 | (d(3) & 0xff) << 24, b.word(0x3100), "d0[0] d1[0] d2[0] d3[0]");
        assertEquals(0x3200 + 16, r(5));
        assertEquals(0x05020300, b.word(0x3200), "d0.16[0], d2.16[0]");
    }

    @Test
    void alignmentFromTheEncodingFaultsBeforeAnyAccess() throws Exception {
        run("""
              ldr r0, =0x3004
              vld1.64 {d0}, [r0:64]!
            """);
        assertEquals(0x10, b.cpu.pc(), "Data Abort");
        assertEquals(0x3004, r(0) & 0xffffffffL, "no writeback");
        assertEquals(0x001, b.cpu.cp15().dfsr & 0x40f, "alignment fault");
        assertEquals(0x3004, b.cpu.cp15().dfar);
    }

    @Test
    void elementAlignmentFollowsSctlrA() throws Exception {
        run("""
              ldr r0, =0x3002
              vld1.8 {d0}, [r0]             @ bytes: never misaligned
              vld1.32 {d1}, [r0]            @ SCTLR.A = 0: fine
              mrc p15, 0, r1, c1, c0, 0
              orr r1, r1, #2
              mcr p15, 0, r1, c1, c0, 0     @ SCTLR.A = 1
              vld1.8 {d2}, [r0]
              mov r2, #1
              vld1.32 {d3}, [r0]            @ now an alignment fault
              mov r2, #2
            """);
        assertEquals(0x10, b.cpu.pc());
        assertEquals(1, r(2));
    }

    @Test
    void undefinedWithoutFpexcEnable() throws Exception {
        b.runAsm("""
              ldr r0, =(0xf << 20)
              mcr p15, 0, r0, c1, c0, 2
              isb
              vadd.i8 d0, d1, d2
              b done
              .ltorg
            """, 100);
        assertEquals(0x04, b.cpu.pc());
    }

    @Test
    void asedisDisablesAdvancedSimdButNotVfp() throws Exception {
        run("""
              ldr r0, =(0xf << 20) | (1 << 31)
              mcr p15, 0, r0, c1, c0, 2     @ CPACR.ASEDIS
              isb
              vmov.f32 s0, #1.0
              vadd.f32 s1, s0, s0
              vmov.32 r2, d0[0]             @ a VFP instruction too: allowed
              mov r1, #1
              vmov.u16 r3, d0[1]            @ Advanced SIMD only: UNDEFINED
              mov r1, #2
              vadd.i8 d2, d0, d0
            """);
        assertEquals(0x04, b.cpu.pc());
        assertEquals(1, r(1));
        assertEquals(0x40000000, Vfp.sBits(b.cpu, 1));
    }

    @Test
    void fpscrWriteMaskAndShortVectorLength() throws Exception {
        run("""
              mvn r0, #0
              vmsr fpscr, r0
              vmrs r1, fpscr
              vadd.i8 d0, d1, d2            @ Advanced SIMD ignores Len
              mov r2, #1
              vadd.f32 s0, s1, s2           @ VFP: Len != 0 is UNDEFINED (no short vectors)
              mov r2, #2
            """);
        assertEquals(0xfff7009fL, r(1), "trap enables read as zero; QC, Len, Stride are kept");
        assertEquals(1, r(2));
        assertEquals(0x04, b.cpu.pc());
    }
}
