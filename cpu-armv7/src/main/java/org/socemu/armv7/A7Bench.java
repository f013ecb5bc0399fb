package org.socemu.armv7;

import org.socemu.core.mem.BusView;
import org.socemu.core.mem.Endian;
import org.socemu.core.mem.Ram;
import org.socemu.core.time.Scheduler;

/**
 * CPU-bound integer benchmark of the Cortex-A7 core: an ALU/load/store loop (11 instructions per
 * iteration) in A32, run for a fixed number of guest instructions after a warm-up; prints guest
 * MIPS. Run: {@code java -cp ... org.socemu.armv7.A7Bench [millions of instructions]}.
 */
public final class A7Bench {
    private A7Bench() {}

    /** The loop, hand-assembled so that the benchmark needs no toolchain. */
    private static final int[] LOOP = {
        0xe3a00000, // mov  r0, #0
        0xe30f1fff, // movw r1, #0xffff
        0xe3471fff, // movt r1, #0x7fff
        0xe3a08902, // mov  r8, #0x8000
        0xe0822000, // loop: add r2, r2, r0
        0xe0233082, // eor  r3, r3, r2, lsl #1
        0xe0434000, // sub  r4, r3, r0
        0xe20450ff, // and  r5, r4, #0xff
        0xe1856002, // orr  r6, r5, r2
        0xe5886004, // str  r6, [r8, #4]
        0xe5987004, // ldr  r7, [r8, #4]
        0xe0899007, // add  r9, r9, r7
        0xe2800001, // add  r0, r0, #1
        0xe1500001, // cmp  r0, r1
        0x1afffff4, // bne  loop
    };

    /** The same loop in T32 (assembled with binutils, halfwords in memory order). */
    private static final int[] THUMB_LOOP = {
        0x2000,         // movs   r0, #0
        0xf64f, 0x71ff, // movw   r1, #0xffff
        0xf6c7, 0x71ff, // movt   r1, #0x7fff
        0xf44f, 0x4800, // mov.w  r8, #0x8000
        0x1812,         // loop: adds r2, r2, r0
        0xea83, 0x0342, // eor.w  r3, r3, r2, lsl #1
        0x1a1c,         // subs   r4, r3, r0
        0xf004, 0x05ff, // and.w  r5, r4, #0xff
        0xea45, 0x0602, // orr.w  r6, r5, r2
        0xf8c8, 0x6004, // str.w  r6, [r8, #4]
        0xf8d8, 0x7004, // ldr.w  r7, [r8, #4]
        0x44b9,         // add    r9, r7
        0x3001,         // adds   r0, #1
        0x4288,         // cmp    r0, r1
        0xd1ef,         // bne.n  loop
    };

    /** Runs {@code instructions} guest A32 instructions (after a warm-up) and returns guest MIPS. */
    public static double measure(long instructions) {
        return measure(instructions, false);
    }

    /** Runs {@code instructions} guest instructions of the A32 or T32 loop and returns guest MIPS. */
    public static double measure(long instructions, boolean thumb) {
        Ram ram = new Ram("ram", 1 << 20, Endian.LITTLE);
        BusView view = new BusView("bench", Endian.LITTLE).map(0, ram);
        CortexA7 cpu = new CortexA7("bench", 1_000_000_000L, view, new Scheduler(), 0, 0, 1, 8_000_000, 0);
        if (thumb) for (int i = 0; i < THUMB_LOOP.length; i++) view.write(0x1000 + 2L * i, 2, THUMB_LOOP[i]);
        else for (int i = 0; i < LOOP.length; i++) view.write(0x1000 + 4L * i, 4, LOOP[i]);
        cpu.setPc(thumb ? 0x1001 : 0x1000);
        long chunk = 10_000_000;
        for (int i = 0; i < 30; i++) cpu.run(chunk); // warm-up: let the JIT compile the loop
        long start = System.nanoTime(), done = 0;
        while (done < instructions) done += cpu.run(Math.min(chunk, instructions - done));
        long ns = System.nanoTime() - start;
        return done * 1e3 / ns;
    }

    public static void main(String[] args) {
        long millions = args.length > 0 ? Long.parseLong(args[0]) : 2000;
        System.out.printf("cortex-a7 A32 integer loop: %.1f guest MIPS%n", measure(millions * 1_000_000L, false));
        System.out.printf("cortex-a7 T32 integer loop: %.1f guest MIPS%n", measure(millions * 1_000_000L, true));
    }
}
