package org.socemu.mips;

import org.socemu.core.mem.BusView;
import org.socemu.core.mem.Endian;
import org.socemu.core.mem.Ram;
import org.socemu.core.time.Clock;
import org.socemu.core.time.Scheduler;

/**
 * Guest-instruction throughput of the 24Kc model: a checksum loop over a 4 KiB buffer (load, ALU,
 * shifts, store, branch with delay slot) run through the scheduler as a machine would run it.
 * The guest code is encoded here so the benchmark needs no toolchain:
 *
 * <pre>
 * java -cp cpu-mips32/target/test-classes:cpu-mips32/target/classes:emu-core/target/classes:$SLF4J_API_JAR \
 *      org.socemu.mips.MipsBench [seconds-of-guest-time] [big|little]
 * </pre>
 */
public final class MipsBench {
    static final long HZ = 400_000_000L;

    private MipsBench() {}

    /** Result of one measurement. */
    record Result(long instructions, long nanos, long cpuNanos) {
        /** Guest MIPS by wall-clock time. */
        double mips() {
            return instructions * 1000.0 / nanos;
        }

        /** Guest MIPS by the CPU time of the emulation thread (robust on a shared, loaded host). */
        double cpuMips() {
            return cpuNanos <= 0 ? mips() : instructions * 1000.0 / cpuNanos;
        }
    }

    // MIPS32 encodings
    static int r(int rs, int rt, int rd, int sa, int funct) { return rs << 21 | rt << 16 | rd << 11 | sa << 6 | funct; }
    static int i(int op, int rs, int rt, int imm) { return op << 26 | rs << 21 | rt << 16 | (imm & 0xFFFF); }

    static final int A0 = 4, S0 = 16, T0 = 8, T1 = 9, T2 = 10, T3 = 11;

    /** The guest loop, to be placed at 0x80001000. */
    static int[] program() {
        return new int[] {
            i(0x0F, 0, A0, 0x8010),        // 0  lui   a0, 0x8010
            i(0x09, 0, S0, 0),             // 1  addiu s0, zero, 0
            r(A0, 0, T0, 0, 0x25),         // 2  outer: or t0, a0, zero
            i(0x09, A0, T1, 4096),         // 3  addiu t1, a0, 4096
            i(0x23, T0, T2, 0),            // 4  inner: lw t2, 0(t0)
            r(S0, T2, S0, 0, 0x21),        // 5  addu s0, s0, t2
            r(0, S0, T3, 5, 0x00),         // 6  sll  t3, s0, 5
            r(S0, T3, S0, 0, 0x26),        // 7  xor  s0, s0, t3
            r(0, S0, T3, 3, 0x02),         // 8  srl  t3, s0, 3
            r(S0, T3, S0, 0, 0x26),        // 9  xor  s0, s0, t3
            i(0x2B, T0, S0, 0),            // 10 sw   s0, 0(t0)
            i(0x09, T0, T0, 4),            // 11 addiu t0, t0, 4
            i(0x05, T0, T1, 4 - 13),       // 12 bne t0, t1, inner
            0,                             // 13 nop
            i(0x04, 0, 0, 2 - 15),         // 14 b outer
            0,                             // 15 nop
        };
    }

    static Result measure(Endian endian, long guestPs) {
        Scheduler sched = new Scheduler();
        Ram ram = new Ram("ram", 32 << 20, endian);
        BusView view = new BusView("system", endian);
        view.map(0, ram);
        Mips24k cpu = new Mips24k("cpu0", HZ, view, sched, MipsConfig.defaults(endian));
        sched.addCpu(cpu);
        int[] code = program();
        for (int k = 0; k < code.length; k++) view.write(0x1000 + 4L * k, 4, code[k]);
        cpu.setStatus(0);
        cpu.setPc(0x80001000L);
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        sched.run(guestPs);
        long t1 = System.nanoTime();
        long c1 = mx.getCurrentThreadCpuTime();
        return new Result(cpu.retired(), t1 - t0, c1 - c0);
    }

    /** A warm-up run (HotSpot compiles the interpreter), then the best of {@code rounds}. */
    static Result best(Endian endian, double seconds, int rounds) {
        measure(endian, Clock.PS_PER_S / 2);
        Result best = null;
        for (int round = 0; round < rounds; round++) {
            Result res = measure(endian, (long) (seconds * Clock.PS_PER_S));
            System.out.printf("round %d: %,d guest instructions in %.3f s: %.1f guest MIPS (%.1f by thread CPU time)%n",
                    round, res.instructions(), res.nanos() / 1e9, res.mips(), res.cpuMips());
            if (best == null || res.mips() > best.mips()) best = res;
        }
        System.out.printf("MipsBench (%s-endian, checksum loop): best %.1f guest MIPS (%.1f by thread CPU time)%n",
                endian, best.mips(), best.cpuMips());
        return best;
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
        Endian endian = args.length > 1 ? Endian.parse(args[1]) : Endian.BIG;
        best(endian, seconds, 3);
    }
}
