package org.socemu.armv7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Differential test of VFP and Advanced SIMD against QEMU user mode: random sequences (fixed seed)
 * of {@link NeonAsmGenerator} instructions start from random D registers (NaNs, infinities,
 * denormals, zeros, integer saturation limits, random bits), a random FPSCR (rounding mode, FZ,
 * DN, AHP, flags) and random core registers; after the sequence d0-d31, r0-r12, FPSCR, APSR and
 * the sequence's data buffer must match what qemu-arm computed.
 *
 * <p>Defaults: 2500 A32 and 1500 T32 sequences of 3 instructions. A longer run:
 * {@code mvn -pl cpu-armv7 -am test -Dtest=NeonDifferentialTest -Dsurefire.failIfNoSpecifiedTests=false -Da7.neon.count=100000 -Da7.neon.seed=7}.
 */
class NeonDifferentialTest {
    static final int BUF = 384;
    /** Per sequence: d0-d31, r0-r12, FPSCR, APSR, and the address of an UNDEFINED instruction (0: none). */
    static final int STATE = 256 + 13 * 4 + 4 + 4 + 4;
    static final long TEXT = 0x10000, DATA = 0x800000;
    /** Where the sequences start: after the exception handlers (TEXT) and the start-up code (TEXT + 128). */
    static final long MAIN = TEXT + 192;

    /**
     * The handlers that make an UNDEFINED instruction visible and skip it, on both sides: ours (the
     * A7's undefined-instruction vector branches here) and qemu-arm's (a SIGILL handler installed
     * with rt_sigaction at start-up; it moves the PC in the signal frame's ucontext). Both record
     * the instruction's address in undef_flag.
     */
    private static final String HANDLERS = """
              .arm
            und_handler:                  @ Undefined mode: LR = the instruction + 4 (ARM) or + 2 (Thumb)
              movw sp, #:lower16:undef_flag
              movt sp, #:upper16:undef_flag
              str r0, [sp, #4]
              mrs r0, spsr
              tst r0, #0x20
              subne lr, lr, #2
              subeq lr, lr, #4
              str lr, [sp]
              add lr, lr, #4
              ldr r0, [sp, #4]
              movs pc, lr
            sigill_handler:               @ r2 = ucontext; uc_mcontext.arm_pc at offset 92
              ldr r1, [r2, #92]
              movw r3, #:lower16:undef_flag
              movt r3, #:upper16:undef_flag
              str r1, [r3]
              add r1, r1, #4
              str r1, [r2, #92]
              bx lr
              .org 128                    @ (an error if the handlers outgrow it)
              .globl _start
            _start:                       @ rt_sigaction(SIGILL, &sigact, NULL, 8), then the sequences
              mov r7, #174
              mov r0, #4
              movw r1, #:lower16:sigact
              movt r1, #:upper16:sigact
              mov r2, #0
              mov r3, #8
              svc #0
              movw r0, #:lower16:main
              movt r0, #:upper16:main
              orr r0, r0, #THUMB
              bx r0
              .org 192
            """;

    @Test
    @Timeout(value = 170, unit = TimeUnit.SECONDS)
    void randomA32SequencesMatchQemu() throws Exception {
        run(false, false, Integer.getInteger("a7.neon.count", 2500));
    }

    @Test
    @Timeout(value = 170, unit = TimeUnit.SECONDS)
    void randomT32SequencesMatchQemu() throws Exception {
        run(true, false, Integer.getInteger("a7.neon.count", 1500));
    }

    /** Random words of the Advanced SIMD and VFP encoding spaces: decode, UNDEFINED included, must agree. */
    @Test
    @Timeout(value = 170, unit = TimeUnit.SECONDS)
    void randomA32EncodingsMatchQemu() throws Exception {
        run(false, true, Integer.getInteger("a7.neon.count", 1500));
    }

    @Test
    @Timeout(value = 170, unit = TimeUnit.SECONDS)
    void randomT32EncodingsMatchQemu() throws Exception {
        run(true, true, Integer.getInteger("a7.neon.count", 1000));
    }

    private void run(boolean thumb, boolean raw, int count) throws Exception {
        long seed = Long.getLong("a7.neon.seed", 20261201L) + (thumb ? 1 : 0) + (raw ? 2 : 0);
        int length = Integer.getInteger("a7.neon.length", 3);
        int batch = 2000;
        for (int first = 0; first < count; first += batch)
            runBatch(seed + first, Math.min(batch, count - first), length, thumb, raw);
    }

    /**
     * A random word of the Advanced SIMD data-processing, VFP data-processing or element/structure
     * load/store space (the latter based on r12 with Rm = r11, r13 or r15, as the buffer allows).
     */
    private static String rawWord(Random rnd, boolean thumb) {
        int w;
        do {
            switch (rnd.nextInt(5)) {
                case 0: case 1: w = 0xf2000000 | (rnd.nextInt() & 0x01ffffff); break;
                case 2: w = 0xee000a00 | (rnd.nextInt() & 0x00fff1ef); break;
                default: // Vd small enough that no register list runs past d31 (UNPREDICTABLE)
                    w = 0xf40c0000 | (rnd.nextInt() & 0x00e00ff0) | new int[] {11, 13, 15}[rnd.nextInt(3)];
                    w |= ((w & (1 << 22)) != 0 ? rnd.nextInt(8) : rnd.nextInt(16)) << 12;
                    break;
            }
        } while (unpredictable(w));
        if (thumb && (w & 0xfe000000) == 0xf2000000) w = 0xef000000 | ((w & 0x01000000) << 4) | (w & 0x00ffffff);
        else if (thumb && (w & 0xff000000) == 0xf4000000) w = 0xf9000000 | (w & 0x00ffffff);
        String insn = (thumb ? ".inst.w 0x" : ".inst 0x") + Integer.toHexString(w);
        return (w & 0x0e000000) == 0x04000000 || (w & 0xff000000) == 0xf9000000 ? insn + "\n  bic r12, r12, #31" : insn;
    }

    /**
     * UNPREDICTABLE encodings the random words avoid: VFP fixed-point VCVT with fewer than zero
     * fraction bits, VTRN/VUZP/VZIP of a register with itself.
     */
    private static boolean unpredictable(int w) {
        if ((w & 0xffb30810) == 0xf3b20000 && ((w >>> 7) & 0xf) >= 1 && ((w >>> 7) & 0xf) <= 3
                && (((w >>> 18) & 0x10) | ((w >>> 12) & 15)) == (((w >>> 1) & 0x10) | (w & 15)))
            return true;
        if ((w & 0x0fb00a50) == 0x0eb00a40 && ((w >>> 16) & 10) == 10) { // VCVT (floating point <-> fixed point)
            int size = (w & 0x80) != 0 ? 32 : 16, imm = ((w & 15) << 1) | ((w >>> 5) & 1);
            return size - imm < 0;
        }
        return false;
    }

    private void runBatch(long seed, int count, int length, boolean thumb, boolean raw) throws Exception {
        TestBoard.assumeTools(TestBoard.AS, TestBoard.LD, TestBoard.OBJCOPY, "qemu-arm");
        NeonAsmGenerator gen = new NeonAsmGenerator(seed);
        Random rnd = new Random(seed ^ 0x5deece66dL);
        List<String> bodies = new ArrayList<>();
        String w = thumb ? ".w" : "";
        StringBuilder text = new StringBuilder("  .syntax unified\n  .fpu neon-vfpv4\n  .text\n  .set THUMB, " + (thumb ? 1 : 0) + "\n")
                .append(HANDLERS).append(thumb ? "  .thumb\n  .thumb_func\n" : "").append("main:\n");
        StringBuilder data = new StringBuilder("  .data\n  .balign 32\ndata_start:\n");
        for (int t = 0; t < count; t++) {
            StringBuilder body = new StringBuilder();
            for (int k = 0; k < length; k++) body.append("  ").append(raw ? rawWord(rnd, thumb) : gen.next()).append('\n');
            bodies.add(body.toString());
            text.append("  ldr r14, =undef_flag\n  mov r0, #0\n  str r0, [r14]\n")
                .append("  ldr r14, =init").append(t).append("\n  vldmia r14!, {d0-d15}\n  vldmia r14!, {d16-d31}\n")
                .append("  ldr r0, [r14], #4\n  vmsr fpscr, r0\n  ldr r0, [r14, #52]\n  msr APSR_nzcvqg, r0\n  ldm").append(w).append(" r14, {r0-r12}\n")
                .append(body)
                .append("  ldr r14, =results+").append(t * STATE).append("\n  vstmia r14!, {d0-d15}\n  vstmia r14!, {d16-d31}\n")
                .append("  stm").append(w).append(" r14, {r0-r12}\n  vmrs r0, fpscr\n  str r0, [r14, #52]\n  mrs r0, apsr\n  str r0, [r14, #56]\n")
                .append("  ldr r0, =undef_flag\n  ldr r0, [r0]\n  str r0, [r14, #60]\n");
            if (t % 8 == 7) text.append("  b 9").append(t).append("f\n  .ltorg\n9").append(t).append(":\n");
            data.append("init").append(t).append(":\n");
            for (int k = 0; k < 32; k++) data.append("  .quad ").append(Long.toUnsignedString(dRegister(rnd))).append('\n');
            data.append("  .word ").append(Integer.toUnsignedString(fpscr(rnd))).append('\n');
            for (int k = 0; k < 11; k++) data.append("  .word ").append(Integer.toUnsignedString(core(rnd))).append('\n');
            data.append("  .word ").append(new int[] {0, 8, 16, 32}[rnd.nextInt(4)]).append("\n  .word buf").append(t).append("+64\n");
            data.append("  .word ").append(Integer.toUnsignedString(rnd.nextInt(32) << 27 | rnd.nextInt(16) << 16)).append('\n');
            data.append("  .balign 32\nbuf").append(t).append(":\n");
            for (int k = 0; k < BUF / 8; k++) data.append("  .quad ").append(Long.toUnsignedString(dRegister(rnd))).append('\n');
        }
        text.append("done:\n  mov r7, #4\n  mov r0, #1\n  ldr r1, =data_start\n  ldr r2, =data_end\n  sub r2, r2, r1\n  svc #0\n")
            .append("  mov r7, #1\n  mov r0, #0\n  svc #0\n  .ltorg\n");
        data.append("  .balign 32\nresults:\n  .space ").append(count * STATE).append("\ndata_end:\n")
            .append("sigact:\n  .word sigill_handler, 4, 0, 0, 0\nundef_flag:\n  .word 0, 0\n"); // SA_SIGINFO

        Path dir = Files.createTempDirectory("a7neon");
        try {
            TestBoard.UserProgram prog = TestBoard.assembleUser(dir, text.toString() + data, TEXT, DATA);
            byte[] expected = runQemu(dir);
            byte[] textBin = prog.text(), dataBin = prog.data();
            byte[] actual = runOurs(textBin, dataBin, expected.length, thumb, bodies);
            compare(expected, actual, dataBin, count, bodies, seed);
        } finally {
            TestBoard.deleteTree(dir);
        }
    }

    /** Values that exercise the rules: NaNs of both kinds and signs, infinities, zeros, denormals, limits. */
    private static int single(Random rnd) {
        int sign = rnd.nextBoolean() ? 0x80000000 : 0;
        switch (rnd.nextInt(16)) {
            case 0: return sign | 0x7fc00000 | rnd.nextInt(1 << 22);             // quiet NaN
            case 1: return sign | 0x7f800000 | (1 + rnd.nextInt((1 << 22) - 1)); // signalling NaN
            case 2: return sign | 0x7f800000;                                   // infinity
            case 3: return sign;                                                // zero
            case 4: return sign | (1 + rnd.nextInt((1 << 23) - 1));             // denormal
            case 5: return sign | (rnd.nextInt(3) + 1) << 23 | rnd.nextInt(1 << 23); // tiny normal
            case 6: return sign | (0xfc + rnd.nextInt(3)) << 23 | rnd.nextInt(1 << 23); // huge
            case 7: return new int[] {0x7fffffff, 0x80000000, 0x7fff, 0x8000, 0xffff8000, 0x7f, 0x80, 0xff, 0xffff, 0x80000001, 1, -1}[rnd.nextInt(12)];
            case 8: return Float.floatToRawIntBits((rnd.nextInt(2001) - 1000) / (float) (1 << rnd.nextInt(8)));
            case 9: return Float.floatToRawIntBits((float) (rnd.nextGaussian() * Math.scalb(1.0, rnd.nextInt(80) - 40)));
            case 10: return sign | (0x7e + rnd.nextInt(4)) << 23 | rnd.nextInt(1 << 23);  // near one
            default: return rnd.nextInt();
        }
    }

    private static long dRegister(Random rnd) {
        long sign = rnd.nextBoolean() ? Long.MIN_VALUE : 0;
        switch (rnd.nextInt(12)) {
            case 0: return sign | 0x7ff8000000000000L | (rnd.nextLong() & 0x0007ffffffffffffL);      // quiet NaN
            case 1: return sign | 0x7ff0000000000000L | (1 + (rnd.nextLong() & 0x0007fffffffffffeL)); // signalling NaN
            case 2: return sign | (rnd.nextBoolean() ? 0x7ff0000000000000L : 0);                      // infinity or zero
            case 3: return sign | (rnd.nextLong() & 0x000fffffffffffffL);                              // denormal
            case 4: return sign | (long) (1 + rnd.nextInt(60)) << 52 | (rnd.nextLong() & 0x000fffffffffffffL); // tiny
            case 5: return sign | (long) (0x7fe - rnd.nextInt(60)) << 52 | (rnd.nextLong() & 0x000fffffffffffffL); // huge
            case 6: return Double.doubleToRawLongBits(rnd.nextGaussian() * Math.scalb(1.0, rnd.nextInt(200) - 100));
            case 7: return Double.doubleToRawLongBits((rnd.nextInt(2001) - 1000) / (double) (1 << rnd.nextInt(8)));
            case 8: return sign | (long) (0x3fe + rnd.nextInt(4)) << 52 | (rnd.nextLong() & 0x000fffffffffffffL); // near one
            default: return (single(rnd) & 0xffffffffL) | ((long) single(rnd) << 32);
        }
    }

    /** NZCV, AHP, DN, FZ, RMode random; cumulative flags and QC mostly clear. */
    private static int fpscr(Random rnd) {
        int v = rnd.nextInt() & 0xf7c00000;
        if (rnd.nextInt(4) == 0) v |= rnd.nextInt() & 0x9f;
        if (rnd.nextInt(8) == 0) v |= FpRules.QC;
        return v;
    }

    private static int core(Random rnd) {
        switch (rnd.nextInt(4)) {
            case 0: return rnd.nextInt(256) - 128;
            case 1: return 0x80000000 + rnd.nextInt(3) - 1;
            default: return rnd.nextInt();
        }
    }

    private static byte[] runQemu(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("qemu-arm", "-cpu", "cortex-a7", "t.elf").directory(dir.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("qemu-arm timed out");
        }
        assertEquals(0, p.exitValue(), "qemu-arm exit status: " + new String(p.getErrorStream().readAllBytes()));
        return out;
    }

    private byte[] runOurs(byte[] text, byte[] data, int len, boolean thumb, List<String> bodies) {
        TestBoard b = new TestBoard(32 << 20);
        b.view.load(TEXT, text);
        b.view.load(DATA, data);
        for (int v = 0; v < 8; v++) b.words(4L * v, 0xeafffffe);
        b.cpu.cp15().cpacr = 0x00f00000; // FP enabled, as Linux does for a process
        b.cpu.fpexc = CortexA7.FPEXC_EN;
        b.cpu.setCpsr(0x10); // User mode, like a Linux process
        b.words(4, 0xea000000 | (int) ((TEXT - 4 - 8) >>> 2)); // the undefined-instruction vector: b und_handler
        b.cpu.setPc(MAIN | (thumb ? 1 : 0));
        for (int i = 0; i < 400; i++) {
            b.cpu.run(1 << 20);
            if (b.cpu.pc() < 0x20) {
                if (b.cpu.pc() == 8 && b.cpu.register(7) == 4) return b.view.dump(DATA, len);
                String where = "our core took an exception: vector " + b.cpu.pc() + ", LR " + Long.toHexString(b.cpu.register(14)) + "\n" + b.cpu.describeState();
                fail(where + "\nbodies near it are not identified; run with -Da7.neon.count=1 to narrow down\n" + (bodies.size() == 1 ? bodies.get(0) : ""));
            }
        }
        fail("our core did not finish\n" + b.cpu.describeState());
        return null;
    }

    private static final String[] STATE_NAMES = new String[STATE / 4];

    static {
        for (int k = 0; k < 64; k++) STATE_NAMES[k] = "d" + k / 2 + (k % 2 == 0 ? ".lo" : ".hi");
        for (int k = 0; k < 13; k++) STATE_NAMES[64 + k] = "r" + k;
        STATE_NAMES[77] = "fpscr";
        STATE_NAMES[78] = "apsr";
        STATE_NAMES[79] = "undefined at";
    }

    /** The starting state a failing sequence's report shows: FPSCR and the registers the body names. */
    private static String initialState(ByteBuffer init, int base, String body) {
        StringBuilder sb = new StringBuilder(String.format("  (before: fpscr=%08x", init.getInt(base + 256)));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<=[\\s,{])([dqsr])(\\d+)\\b").matcher(body);
        java.util.Set<String> seen = new java.util.TreeSet<>();
        if (body.contains(".inst")) // raw words: all of it
            for (int n = 0; n < 32; n++) seen.add(String.format("d%d=%016x", n, init.getLong(base + 8 * n)));
        while (m.find()) {
            int n = Integer.parseInt(m.group(2));
            switch (m.group(1)) {
                case "d": seen.add(String.format("d%d=%016x", n, init.getLong(base + 8 * n))); break;
                case "q": seen.add(String.format("q%d=%016x:%016x", n, init.getLong(base + 16 * n + 8), init.getLong(base + 16 * n))); break;
                case "s": seen.add(String.format("s%d=%08x", n, init.getInt(base + 4 * n))); break;
                default: if (n <= 12) seen.add(String.format("r%d=%08x", n, init.getInt(base + 260 + 4 * n))); break;
            }
        }
        for (String x : seen) sb.append(' ').append(x);
        return sb.append(")\n").toString();
    }

    private static void compare(byte[] expected, byte[] actual, byte[] initial, int count, List<String> bodies, long seed) {
        ByteBuffer in = ByteBuffer.wrap(initial).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer e = ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer a = ByteBuffer.wrap(actual).order(ByteOrder.LITTLE_ENDIAN);
        int init = 256 + 4 + 14 * 4;
        int block = (init + 31) / 32 * 32 + BUF;
        int results = count * block;
        results = (results + 31) / 32 * 32;
        StringBuilder failures = new StringBuilder();
        int failed = 0;
        for (int t = 0; t < count; t++) {
            List<String> diffs = new ArrayList<>();
            for (int k = 0; k < STATE / 4; k++) {
                int off = results + t * STATE + 4 * k;
                int ev = e.getInt(off), av = a.getInt(off);
                if (k == 78) { ev &= 0xf80f0000; av &= 0xf80f0000; }
                if (ev != av) diffs.add(String.format("%s qemu=%08x ours=%08x", STATE_NAMES[k], ev, av));
            }
            int bufOff = t * block + (init + 31) / 32 * 32;
            for (int k = 0; k < BUF; k += 4)
                if (e.getInt(bufOff + k) != a.getInt(bufOff + k)) {
                    diffs.add(String.format("buf+%d qemu=%08x ours=%08x", k, e.getInt(bufOff + k), a.getInt(bufOff + k)));
                    break;
                }
            if (!diffs.isEmpty() && ++failed <= 12)
                failures.append("sequence ").append(t).append(": ").append(diffs).append('\n').append(bodies.get(t))
                        .append(initialState(in, t * block, bodies.get(t)));
        }
        if (failed > 0) fail(failed + " of " + count + " sequences (batch seed " + seed + ") differ from qemu-arm:\n" + failures);
    }
}
