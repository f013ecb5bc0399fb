package org.socemu.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the GDB tests share: `socemu run ... --gdb 0 --wait-gdb` in a child JVM, the port it
 * prints, and the real gdb-multiarch in batch mode (with a Ctrl-C when asked).
 */
final class GdbTool {
    static final String GDB = "gdb-multiarch";
    private static final Pattern WAITING = Pattern.compile("waiting for GDB on [^:\\s]+:(\\d+)");

    private GdbTool() {}

    /** `socemu run MACHINE ARGS... --gdb 0 --wait-gdb` in a child JVM (its own System.exit, killable); the guest console goes to a file in {@code dir}. */
    static Emu startEmulator(Path dir, String machine, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(machine));
        all.addAll(List.of(args));
        all.addAll(List.of("--gdb", "0", "--wait-gdb"));
        return startRun(dir, all);
    }

    /** `socemu run ARGS...` in a child JVM, the console to a file in {@code dir}; the GDB options are the caller's. */
    static Emu startRun(Path dir, List<String> args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xss4m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Path console = dir.resolve("console-" + System.nanoTime() + ".txt");
        pb.redirectOutput(console.toFile());
        return new Emu(pb.start(), console);
    }

    /** The emulator process and the file its stdout (the guest console) goes to. */
    record Emu(Process process, Path console) {}

    /** The port from the emulator's "waiting for GDB on HOST:PORT" line (stderr), within 60 s. */
    static int port(Process emu) throws Exception {
        return ports(emu, 1, new StringBuffer()).get(0);
    }

    /**
     * The ports of the first {@code n} "waiting for GDB on HOST:PORT" lines, within 60 s; the rest
     * of the emulator's stderr is collected in {@code rest}.
     */
    static List<Integer> ports(Process emu, int n, StringBuffer rest) throws Exception {
        CompletableFuture<List<Integer>> ports = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader r = new BufferedReader(new InputStreamReader(emu.getErrorStream(), StandardCharsets.UTF_8));
                StringBuilder seen = new StringBuilder();
                List<Integer> found = new ArrayList<>();
                String line;
                while ((line = r.readLine()) != null) {
                    Matcher m = WAITING.matcher(line);
                    if (m.find()) found.add(Integer.parseInt(m.group(1)));
                    if (found.size() == n) {
                        drain(r, rest);
                        return found;
                    }
                    seen.append(line).append('\n');
                }
                throw new AssertionError("socemu ended without listening for GDB:\n" + seen);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        return ports.get(60, TimeUnit.SECONDS);
    }

    /** Keeps reading a child's stream (into {@code into}) so that it never blocks on a full pipe. */
    private static void drain(BufferedReader r, StringBuffer into) {
        Thread t = new Thread(() -> {
            try {
                String line;
                while ((line = r.readLine()) != null) into.append(line).append('\n');
            } catch (IOException ignored) {
            }
        }, "drain");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Runs gdb-multiarch in batch mode on the guest ELF with {@code commands} after connecting;
     * with {@code sigintAfterMs} >= 0, sends gdb SIGINT after that delay (Ctrl-C). Killed after 60 s.
     */
    static String gdb(Path dir, Path elf, int port, long sigintAfterMs, String... commands) throws Exception {
        return gdb(dir, elf, List.of(), port, sigintAfterMs, commands);
    }

    /** As above, with {@code setup} commands before connecting; {@code elf} may be null (no symbols). */
    static String gdb(Path dir, Path elf, List<String> setup, int port, long sigintAfterMs, String... commands) throws Exception {
        List<String> script = new ArrayList<>(List.of("set pagination off", "set confirm off"));
        script.addAll(setup);
        script.add("target remote 127.0.0.1:" + port);
        script.addAll(List.of(commands));
        Path file = Files.write(dir.resolve("script-" + port + ".gdb"), script);
        List<String> cmd = new ArrayList<>(List.of(GDB, "-nx", "-batch", "-x", file.toString()));
        if (elf != null) cmd.add(elf.toString());
        Result r = exec(cmd, 60, sigintAfterMs);
        assertEquals(0, r.code(), r.out());
        return r.out();
    }

    static void stop(Process p) throws InterruptedException {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    record Result(int code, String out) {}

    /** Runs a command (stdout and stderr together) with a time limit; killed and failed on timeout. */
    static Result exec(List<String> cmd, int seconds, long sigintAfterMs) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return readAll(p.getInputStream());
            } catch (IOException e) {
                return "";
            }
        });
        try {
            if (sigintAfterMs >= 0) {
                if (p.waitFor(sigintAfterMs, TimeUnit.MILLISECONDS)) fail("ended before the interrupt:\n" + out.join());
                new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
            }
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(cmd.get(0) + " did not finish in " + seconds + " s:\n" + out.getNow(""));
            }
            return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (Exception e) {
            p.destroyForcibly();
            if (e instanceof RuntimeException re) throw re;
            throw new AssertionError(e);
        }
    }

    static boolean runs(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---- guests ----

    /** The ARM bare-metal guest (resource /gdb/target_arm.c) the A7 tests share, built in {@code dir}. */
    static Path armGuest(Path dir) throws IOException {
        String gcc = "arm-none-eabi-gcc";
        org.junit.jupiter.api.Assumptions.assumeTrue(runs(gcc, "--version"), gcc + " missing (Debian package gcc-arm-none-eabi)");
        return compile(dir, "target_arm.c", List.of(gcc, "-march=armv7-a", "-marm", "-nostdlib", "-ffreestanding", "-O1", "-g",
                "-Wl,-Ttext=0x80100000", "-Wl,-e,_start", "-Wl,--build-id=none"));
    }

    /** Copies test resource /gdb/{@code source} to {@code dir} and compiles it with {@code compiler} (flags included) to an ELF. */
    static Path compile(Path dir, String source, List<String> compiler) throws IOException {
        Path src = resource(dir, source);
        Path elf = dir.resolve(source.replaceFirst("\\.c$", ".elf"));
        List<String> cmd = new ArrayList<>(compiler);
        cmd.addAll(List.of("-o", elf.toString(), src.toString()));
        Result cc = exec(cmd, 60, -1);
        assertEquals(0, cc.code(), cc.out());
        return elf;
    }

    /** Test resource /gdb/{@code name} as a file in {@code dir}. */
    static Path resource(Path dir, String name) throws IOException {
        Path f = dir.resolve(name);
        try (InputStream in = GdbTool.class.getResourceAsStream("/gdb/" + name)) {
            assertNotNull(in, "no test resource /gdb/" + name);
            Files.write(f, in.readAllBytes());
        }
        return f;
    }

    /** An empty DTB: the boot protocols patch and place one; bare-metal guests ignore it. */
    static Path emptyDtb(Path dir) throws IOException {
        return Files.write(dir.resolve("empty.dtb"), new org.socemu.core.load.Fdt("empty").toBytes());
    }

    /** The address of {@code name} in {@code elf}'s symbol table. */
    static long symbol(Path elf, String name) {
        org.socemu.core.load.ElfSymbol s = org.socemu.core.load.ElfFile.read(elf).symbols().get(name);
        assertNotNull(s, "no symbol " + name);
        return s.value() & 0xFFFFFFFFL;
    }
}
