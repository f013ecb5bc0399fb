package org.socemu.armv7;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.socemu.core.mem.BusView;
import org.socemu.core.mem.Endian;
import org.socemu.core.mem.Ram;
import org.socemu.core.time.Scheduler;

/** A bare test machine: one Cortex-A7 with RAM at 0, plus helpers to assemble code with binutils. */
final class TestBoard {
    static final String AS = "arm-linux-gnueabihf-as";
    static final String LD = "arm-linux-gnueabihf-ld";
    static final String OBJCOPY = "arm-linux-gnueabihf-objcopy";

    final Ram ram;
    final BusView view;
    final Scheduler scheduler = new Scheduler();
    final CortexA7 cpu;

    TestBoard(long ramSize) {
        ram = new Ram("ram", ramSize, Endian.LITTLE);
        view = new BusView("a7", Endian.LITTLE).map(0, ram).map(0xffff0000L, new Ram("high-vectors", 0x10000, Endian.LITTLE));
        for (int v = 0; v < 8; v++) view.write(0xffff0000L + 4 * v, 4, 0xeafffffe); // b . at every high vector
        cpu = new CortexA7("a7.0", 1_000_000_000L, view, scheduler, 0, 0, 2, 8_000_000, 0);
        scheduler.addCpu(cpu);
    }

    TestBoard() {
        this(16 << 20);
    }

    void words(long addr, int... w) {
        for (int i = 0; i < w.length; i++) view.write(addr + 4L * i, 4, w[i]);
    }

    int word(long addr) {
        return view.read(addr, 4);
    }

    static boolean haveTool(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":"))
            if (Files.isExecutable(Path.of(dir, tool))) return true;
        return false;
    }

    static void assumeTools(String... tools) {
        for (String t : tools) Assumptions.assumeTrue(haveTool(t), t + " not installed");
    }

    static void exec(Path dir, List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timeout: " + cmd);
        }
        if (p.exitValue() != 0) throw new IOException(cmd + " failed:\n" + new String(out));
    }

    /** Assembles {@code source} (ARM or Thumb per its directives) linked at {@code base}; returns the flat image. */
    static byte[] assemble(String source, long base) throws IOException, InterruptedException {
        assumeTools(AS, LD, OBJCOPY);
        Path dir = Files.createTempDirectory("a7asm");
        try {
            Files.writeString(dir.resolve("t.s"), source);
            exec(dir, List.of(AS, "-march=armv7ve", "-mfpu=neon-vfpv4", "-o", "t.o", "t.s"));
            exec(dir, List.of(LD, "-static", "-N", "-Ttext=0x" + Long.toHexString(base), "-o", "t.elf", "t.o"));
            exec(dir, List.of(OBJCOPY, "-O", "binary", "t.elf", "t.bin"));
            return Files.readAllBytes(dir.resolve("t.bin"));
        } finally {
            deleteTree(dir);
        }
    }

    /** A Linux user program's two sections, as the differential tests feed them to qemu-arm and to our core. */
    record UserProgram(byte[] text, byte[] data) {}

    /**
     * Assembles {@code source} (VFP and NEON allowed) into {@code dir}/t.elf, linked at
     * {@code text}/{@code data} for qemu-arm, and returns the two sections as flat images.
     */
    static UserProgram assembleUser(Path dir, String source, long text, long data) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("t.s"), source);
        exec(dir, List.of(AS, "-march=armv7ve", "-mfpu=neon-vfpv4", "-o", "t.o", "t.s"));
        exec(dir, List.of(LD, "-static", "-Ttext=0x" + Long.toHexString(text), "-Tdata=0x" + Long.toHexString(data), "-o", "t.elf", "t.o"));
        exec(dir, List.of(OBJCOPY, "-O", "binary", "-j", ".text", "t.elf", "text.bin"));
        exec(dir, List.of(OBJCOPY, "-O", "binary", "-j", ".data", "t.elf", "data.bin"));
        return new UserProgram(Files.readAllBytes(dir.resolve("text.bin")), Files.readAllBytes(dir.resolve("data.bin")));
    }

    static void deleteTree(Path dir) throws IOException {
        List<Path> all = new ArrayList<>();
        try (var s = Files.walk(dir)) {
            s.forEach(all::add);
        }
        for (int i = all.size() - 1; i >= 0; i--) Files.deleteIfExists(all.get(i));
    }

    /**
     * Loads ARM assembly at 0x1000 (vectors at 0 spin in place) and runs it in SVC mode until it
     * reaches the label {@code done:} (which must be followed by nothing) or the budget runs out.
     */
    void runAsm(String body, long budget) throws IOException, InterruptedException {
        String src = "  .syntax unified\n  .arm\n  .text\n  .globl _start\n_start:\n" + body + "\ndone: b done\n";
        byte[] img = assemble(src, 0x1000);
        view.load(0x1000, img);
        for (int v = 0; v < 8; v++) words(4L * v, 0xeafffffe); // b . at every vector
        cpu.setPc(0x1000);
        cpu.run(budget);
    }
}
