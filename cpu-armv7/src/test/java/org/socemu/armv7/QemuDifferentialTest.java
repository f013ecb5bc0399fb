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
 * Differential test against QEMU user mode: random A32 and T32 sequences (fixed seed) run by qemu-arm and
 * by our core in User mode from the same static binary; registers r0-r12, APSR (NZCVQ, GE) and the
 * data buffer each sequence worked on must match. All sequences share one qemu process.
 *
 * <p>Defaults: 5000 sequences of 12 instructions per instruction set. A longer run:
 * {@code mvn -pl cpu-armv7 test -Dtest=QemuDifferentialTest -Da7.diff.count=50000 -Da7.diff.seed=7}.
 */
class QemuDifferentialTest {
    static final int BUF = 1024;
    static final int REGS = 14; // r0-r12 + APSR
    static final long TEXT = 0x10000, DATA = 0x800000;

    @Test
    @Timeout(value = 170, unit = TimeUnit.SECONDS)
    void randomA32SequencesMatchQemu() throws Exception {
        run(false);
    }

    @Test
    @Timeout(value = 170, unit = TimeUnit.SECONDS)
    void randomT32SequencesMatchQemu() throws Exception {
        run(true);
    }

    private void run(boolean thumb) throws Exception {
        int count = Integer.getInteger("a7.diff.count", 5000);
        long seed = Long.getLong("a7.diff.seed", 20261124L);
        int length = Integer.getInteger("a7.diff.length", 12);
        int batch = 4000;
        for (int first = 0; first < count; first += batch)
            runBatch(seed + first, Math.min(batch, count - first), length, thumb);
    }

    private void runBatch(long seed, int count, int length, boolean thumb) throws Exception {
        TestBoard.assumeTools(TestBoard.AS, TestBoard.LD, TestBoard.OBJCOPY, "qemu-arm");
        AsmGenerator gen = new AsmGenerator(seed, thumb);
        Random rnd = new Random(seed ^ 0x5deece66dL);
        List<String> bodies = new ArrayList<>();
        StringBuilder text = new StringBuilder("  .syntax unified\n  " + (thumb ? ".thumb" : ".arm")
                + "\n  .text\n  .globl _start\n" + (thumb ? "  .thumb_func\n" : "") + "_start:\n");
        StringBuilder data = new StringBuilder("  .data\n  .balign 8\ndata_start:\n");
        for (int t = 0; t < count; t++) {
            StringBuilder body = new StringBuilder();
            for (int k = 0; k < length; k++) body.append("  ").append(gen.next()).append('\n');
            bodies.add(body.toString());
            text.append("  ldr r14, =init").append(t).append("\n  ldr r0, [r14, #52]\n  msr APSR_nzcvqg, r0\n  ldm" + (thumb ? ".w" : "") + " r14, {r0-r12}\n")
                .append(body).append("  ldr r14, =results+").append(t * REGS * 4)
                .append("\n  stm" + (thumb ? ".w" : "") + " r14, {r0-r12}\n  mrs r0, apsr\n  str r0, [r14, #52]\n");
            if (t % 8 == 7) text.append("  b 9").append(t).append("f\n  .ltorg\n9").append(t).append(":\n");
            data.append("init").append(t).append(":\n");
            for (int k = 0; k < 11; k++) data.append("  .word ").append(interesting(rnd)).append('\n');
            data.append("  .word ").append(4 * rnd.nextInt(16)).append("\n  .word buf").append(t).append("+").append(BUF / 2).append('\n');
            data.append("  .word ").append(rnd.nextInt(32) << 27 | rnd.nextInt(16) << 16).append('\n');
            data.append("buf").append(t).append(":\n");
            for (int k = 0; k < BUF / 4; k++) data.append("  .word ").append(rnd.nextInt()).append('\n');
        }
        text.append("done:\n  mov r7, #4\n  mov r0, #1\n  ldr r1, =data_start\n  ldr r2, =data_end\n  sub r2, r2, r1\n  svc #0\n")
            .append("  mov r7, #1\n  mov r0, #0\n  svc #0\n  .ltorg\n");
        data.append("results:\n  .space ").append(count * REGS * 4).append("\ndata_end:\n");

        Path dir = Files.createTempDirectory("a7diff");
        try {
            TestBoard.UserProgram prog = TestBoard.assembleUser(dir, text.toString() + data, TEXT, DATA);
            byte[] expected = runQemu(dir);
            byte[] textBin = prog.text(), dataBin = prog.data();
            ourFailure = null;
            byte[] actual = runOurs(textBin, dataBin, expected.length, thumb);
            if (ourFailure != null) {
                int results = count * (14 * 4 + BUF), t = 0;
                while (t < count && ByteBuffer.wrap(actual).order(ByteOrder.LITTLE_ENDIAN).getInt(results + t * REGS * 4 + 52) != 0) t++;
                fail(ourFailure + "\nin sequence " + t + ":\n" + bodies.get(Math.min(t, count - 1)));
            }
            compare(expected, actual, count, bodies);
        } finally {
            TestBoard.deleteTree(dir);
        }
    }

    private static String interesting(Random rnd) {
        switch (rnd.nextInt(6)) {
            case 0: return Integer.toString(rnd.nextInt(256) - 128);
            case 1: return Integer.toString(0x80000000 + rnd.nextInt(3) - 1);
            case 2: return Integer.toString(rnd.nextInt(65536) << 16);
            default: return Integer.toString(rnd.nextInt());
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

    private String ourFailure;

    private byte[] runOurs(byte[] text, byte[] data, int len, boolean thumb) {
        TestBoard b = new TestBoard(32 << 20);
        b.view.load(TEXT, text);
        b.view.load(DATA, data);
        for (int v = 0; v < 8; v++) b.words(4L * v, 0xeafffffe);
        b.cpu.cp15().cpacr = 0x00f00000; // FP enabled, as Linux does for a process
        b.cpu.fpexc = CortexA7.FPEXC_EN;
        b.cpu.setCpsr(0x10); // User mode, like a Linux process
        b.cpu.setPc(TEXT | (thumb ? 1 : 0));
        long doneSvc = -1;
        for (int i = 0; i < 400; i++) {
            b.cpu.run(1 << 20);
            if (b.cpu.pc() < 0x20) {
                if (b.cpu.pc() == 8 && b.cpu.register(7) == 4) { doneSvc = b.cpu.pc(); break; }
                ourFailure = "our core took an exception: vector " + b.cpu.pc() + "\n" + b.cpu.describeState();
                break;
            }
        }
        if (doneSvc < 0) ourFailure = "our core did not finish\n" + b.cpu.describeState();
        return b.view.dump(DATA, len);
    }

    private static void compare(byte[] expected, byte[] actual, int count, List<String> bodies) {
        ByteBuffer e = ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer a = ByteBuffer.wrap(actual).order(ByteOrder.LITTLE_ENDIAN);
        int initWords = 14; // r0-r10, r11, r12, APSR
        int block = initWords * 4 + BUF;
        int results = count * block;
        StringBuilder failures = new StringBuilder();
        int failed = 0;
        for (int t = 0; t < count; t++) {
            List<String> diffs = new ArrayList<>();
            for (int k = 0; k < REGS; k++) {
                int off = results + (t * REGS + k) * 4;
                int ev = e.getInt(off), av = a.getInt(off);
                if (k == 13) { ev &= 0xf80f0000; av &= 0xf80f0000; }
                if (ev != av) diffs.add(String.format("%s qemu=%08x ours=%08x", k == 13 ? "apsr" : "r" + k, ev, av));
            }
            int bufOff = t * block + initWords * 4;
            for (int k = 0; k < BUF; k += 4)
                if (e.getInt(bufOff + k) != a.getInt(bufOff + k)) {
                    diffs.add(String.format("buf+%d qemu=%08x ours=%08x", k, e.getInt(bufOff + k), a.getInt(bufOff + k)));
                    break;
                }
            if (!diffs.isEmpty()) {
                if (++failed <= 10) failures.append("sequence ").append(t).append(": ").append(diffs).append('\n').append(bodies.get(t));
            }
        }
        if (failed > 0) fail(failed + " of " + count + " sequences differ from qemu-arm:\n" + failures);
    }
}
