package org.socemu.mips;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's MIPS cross toolchain (gcc-mips-linux-gnu, binutils-mips-linux-gnu) driven from tests.
 * Tests that need it skip cleanly when it is not installed; CI installs it.
 */
final class Toolchain {
    static final String PREFIX = "mips-linux-gnu-";
    private static final Path WORK = Paths.get("target", "mips-tests");

    private Toolchain() {}

    static boolean has(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            if (Files.isExecutable(Paths.get(dir, tool))) return true;
        return false;
    }

    static void assumeBinutils() {
        assumeTrue(has(PREFIX + "as") && has(PREFIX + "ld") && has(PREFIX + "objcopy"),
                "mips-linux-gnu binutils not installed");
    }

    static void assumeGcc() {
        assumeBinutils();
        assumeTrue(has(PREFIX + "gcc"), "mips-linux-gnu-gcc not installed");
    }

    static Path workDir(String name) throws IOException {
        Path d = WORK.resolve(name).toAbsolutePath();
        Files.createDirectories(d);
        return d;
    }

    /** Assembles {@code source} with .text at {@code textAddr} and returns the flat image of .text (and data after it). */
    static byte[] assemble(String source, long textAddr, boolean big) throws IOException {
        assumeBinutils();
        Path dir = Files.createTempDirectory(workDir("asm"), "a");
        Path s = dir.resolve("t.S"), o = dir.resolve("t.o"), elf = dir.resolve("t.elf"), bin = dir.resolve("t.bin");
        Files.writeString(s, ".set noreorder\n.set noat\n.text\n" + source + "\n");
        String e = big ? "-EB" : "-EL";
        run(dir, PREFIX + "as", e, "-march=24kc", "-mno-shared", "-O0", "-o", o.toString(), s.toString());
        run(dir, PREFIX + "ld", e, "-nostdlib", "-N", "-Ttext=0x" + Long.toHexString(textAddr), "-e", "0x" + Long.toHexString(textAddr),
                "-o", elf.toString(), o.toString());
        run(dir, PREFIX + "objcopy", "-O", "binary", "-j", ".text", elf.toString(), bin.toString());
        byte[] out = Files.readAllBytes(bin);
        deleteTree(dir);
        return out;
    }

    static String run(Path dir, String... cmd) throws IOException {
        return runWithInput(dir, null, 60, cmd);
    }

    static String runWithInput(Path dir, byte[] stdoutSink, int timeoutSeconds, String... cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        byte[] out;
        try {
            out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timeout: " + String.join(" ", cmd));
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IOException(ie);
        }
        String text = new String(out);
        if (p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " failed:\n" + text);
        return text;
    }

    /** Runs a command and returns its raw standard output (stderr discarded). */
    static byte[] runForBytes(Path dir, int timeoutSeconds, String... cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timeout: " + String.join(" ", cmd));
            }
            if (p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " exited with " + p.exitValue());
            return out;
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IOException(ie);
        }
    }

    static List<String> list(String... a) {
        return new ArrayList<>(Arrays.asList(a));
    }

    static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
    }
}
