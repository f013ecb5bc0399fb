package org.socemu.mips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.socemu.core.mem.Endian;
import org.socemu.core.time.Clock;

/**
 * Differential test against QEMU user mode: random instruction sequences ({@link RandomProgram},
 * fixed seed) are built into one static ELF per batch and run by qemu-mips / qemu-mipsel and by
 * our core in user mode on a bare machine (one wired 2x16 MiB TLB entry maps the program; the
 * syscall vector forwards write/exit to the test device). The output records (registers, HI/LO,
 * the data buffer after each sequence) must be identical.
 *
 * <p>Default: 2 x 4000 sequences per byte order. Longer runs:
 * {@code mvn -pl cpu-mips32 -am test -Dtest=QemuDiffTest -Dsurefire.failIfNoSpecifiedTests=false -Dmips.diff.count=100000}
 * (optionally {@code -Dmips.diff.seed=N}).
 */
@Timeout(600)
class QemuDiffTest {
    private static final int PER_BATCH = 400;
    private static final int LENGTH = 24;

    @ParameterizedTest
    @EnumSource(Endian.class)
    void randomSequencesMatchQemu(Endian endian) throws IOException {
        boolean big = endian == Endian.BIG;
        String qemu = big ? "qemu-mips" : "qemu-mipsel";
        Toolchain.assumeBinutils();
        assumeTrue(Toolchain.has(qemu), qemu + " not installed");
        int count = Integer.getInteger("mips.diff.count", 4000);
        long seed = Long.getLong("mips.diff.seed", 24_000_000L) + (big ? 0 : 1);
        RandomProgram gen = new RandomProgram(seed);
        Path dir = Toolchain.workDir("diff-" + endian.name().toLowerCase());
        for (int done = 0, batch = 0; done < count; batch++) {
            int n = Math.min(PER_BATCH, count - done);
            String src = gen.program(n, LENGTH);
            Path s = dir.resolve("b.S"), o = dir.resolve("b.o"), elf = dir.resolve("b.elf");
            Files.writeString(s, src);
            String e = big ? "-EB" : "-EL";
            Toolchain.run(dir, Toolchain.PREFIX + "as", e, "-march=24kc", "-mno-shared", "-O0", "-o", o.toString(), s.toString());
            Toolchain.run(dir, Toolchain.PREFIX + "ld", e, "-static", "-e", "__start", "-o", elf.toString(), o.toString());
            byte[] image = Files.readAllBytes(elf);
            byte[] expected = Toolchain.runForBytes(dir, 120, qemu, "-cpu", "24Kc", elf.toString());
            byte[] actual = runOurs(endian, image);
            if (!Arrays.equals(expected, actual)) {
                Path keep = dir.resolve("failed-batch" + batch + ".S");
                Files.writeString(keep, src);
                fail(describeMismatch(expected, actual, big) + " (program kept in " + keep + ")");
            }
            done += n;
        }
    }

    /** Runs the ELF in user mode on a bare machine and returns what it wrote to fd 1. */
    private static byte[] runOurs(Endian endian, byte[] image) {
        Bare m = new Bare(endian);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        m.dev.syscallHook = () -> {
            int nr = m.reg(2);
            if (nr == 4004) {
                int addr = m.reg(5), len = m.reg(6);
                out.writeBytes(m.view.dump(addr & 0xFFFFFFFFL, len));
            } else if (nr == 4001) {
                m.dev.exitCode = m.reg(4);
                m.sched.requestStop();
            }
        };
        try {
            // The general exception vector with BEV = 1: forward to the device, return after the syscall.
            m.asm(0xBFC00380L, """
                    lui $k0, 0xbf00
                    sw $zero, 8($k0)
                    mfc0 $k0, $14
                    addiu $k0, $k0, 4
                    mtc0 $k0, $14
                    eret
                    """);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
        long entry = Elf32.load(image, m.view);
        // VA 0..32 MiB -> PA 0..32 MiB, global, dirty, valid, 16 MiB pages
        m.cpu.writeTlb(0, 0, (0 << 6) | 0x17, ((0x1000000 >> 12) << 6) | 0x17, 0x01FFE000);
        m.cpu.setStatus(Cp0.ST_BEV | Cp0.ST_UM);
        m.cpu.setPc(entry);
        m.runToExit(10 * Clock.PS_PER_S);
        assertEquals(0, m.dev.exitCode);
        return out.toByteArray();
    }

    private static String describeMismatch(byte[] expected, byte[] actual, boolean big) {
        if (expected.length != actual.length)
            return "output length differs: qemu " + expected.length + ", ours " + actual.length;
        ByteBuffer q = ByteBuffer.wrap(expected).order(big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        ByteBuffer o = ByteBuffer.wrap(actual).order(big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < expected.length; i += 4) {
            if (q.getInt(i) != o.getInt(i)) {
                int rec = i / RandomProgram.RECORD, off = i % RandomProgram.RECORD;
                String what = off < RandomProgram.BUF ? "buffer +" + off
                        : off >= RandomProgram.BUF + 128 ? (off == RandomProgram.BUF + 128 ? "HI" : "LO")
                        : "$" + (off - RandomProgram.BUF) / 4;
                return String.format("sequence %d, %s: qemu %08x, ours %08x", rec, what, q.getInt(i), o.getInt(i));
            }
        }
        return "outputs differ";
    }
}
