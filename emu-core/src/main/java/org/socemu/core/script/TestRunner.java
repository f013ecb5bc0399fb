package org.socemu.core.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.socemu.core.UserError;
import org.socemu.core.console.ExpectBuffer;
import org.socemu.core.console.SerialPort;
import org.socemu.core.machine.BootImages;
import org.socemu.core.machine.Harness;
import org.socemu.core.machine.Machine;
import org.socemu.core.machine.MachineBuilder;
import org.socemu.core.machine.MachineDescription;
import org.socemu.core.machine.Outcome;
import org.socemu.core.machine.Registry;
import org.socemu.core.time.Clock;

/**
 * Runs boot tests: each test on a fresh machine, steps in virtual time, on the calling thread.
 * The same test gives the same console bytes and virtual times on every run.
 */
public final class TestRunner {
    private final Registry registry;
    private final Path logDir;

    public TestRunner(Registry registry, Path logDir) {
        this.registry = registry;
        this.logDir = logDir;
    }

    public TestResult run(TestFile file, TestFile.Case c) {
        long wall0 = System.nanoTime();
        MachineDescription desc = file.machineFileOf(c) != null ? MachineDescription.read(file.machineFileOf(c))
                : registry.machine(file.machineOf(c));
        BootImages images = file.imagesOf(c);
        Machine m = new MachineBuilder(registry).build(desc, images);
        Harness h = new Harness(m);
        Map<String, ExpectBuffer> buffers = new LinkedHashMap<>();
        for (SerialPort p : new ArrayList<>(m.serialPorts().values())) buffers.put(p.name(), h.capture(p.name(), null));
        String consoleName = m.serialPort("console").name();
        if (!buffers.containsKey(consoleName)) buffers.put(consoleName, h.capture(consoleName, null));

        String failedStep = null, message = null;
        List<Guard> guards = new ArrayList<>();
        try {
            m.powerOn();
            for (Step s : c.steps) {
                String err = step(file, c, m, h, s, guards);
                if (err == null) err = checkGuards(guards, h, s);
                if (err != null) {
                    failedStep = s.describe();
                    message = err;
                    break;
                }
            }
            if (failedStep == null) {
                String err = end(file, c, m);
                if (err == null) err = checkGuards(guards, h, null);
                if (err != null) {
                    failedStep = "end" + (c.end != null ? " (" + c.end + ")" : "");
                    message = err;
                }
            }
        } catch (UserError e) {
            throw e;
        } catch (RuntimeException e) {
            failedStep = failedStep == null ? "machine" : failedStep;
            message = "emulator failure: " + e;
        } finally {
            m.close();
        }
        double virtual = m.scheduler().now() / (double) Clock.PS_PER_S;
        double wall = (System.nanoTime() - wall0) / 1e9;
        Map<String, Path> logs = writeLogs(file, c, buffers);
        String tail = buffers.get(consoleName).tail(20);
        return new TestResult(file.path.toString(), c.name, failedStep == null, failedStep, message, tail, virtual, wall, logs);
    }

    /** Runs one step; returns a failure message or null. */
    private String step(TestFile file, TestFile.Case c, Machine m, Harness h, Step s, List<Guard> guards) {
        long timeout = (long) ((s.timeout != null ? s.timeout : file.timeoutOf(c)) * Clock.PS_PER_S);
        switch (s.kind) {
            case EXPECT -> {
                Harness.Result r = h.expect(s.uart, s.argument, timeout);
                if (r.matched()) return null;
                return r.outcome().kind() == Outcome.Kind.TIMEOUT
                        ? "no match for /" + s.argument + "/ within " + seconds(timeout) + " s of virtual time"
                        : "the run ended (" + r.outcome().kind() + ": " + r.outcome().message() + ") before /" + s.argument + "/ appeared";
            }
            case EXPECT_NOT -> {
                ExpectBuffer b = h.buffer(s.uart);
                guards.add(new Guard(s, b, Pattern.compile(s.argument), b.text().length()));
                return null;
            }
            case SEND -> {
                h.send(s.uart, s.argument + "\n");
                return null;
            }
            case SEND_RAW -> {
                h.send(s.uart, s.argument);
                return null;
            }
            case SLEEP -> {
                Outcome o = h.runFor((long) (Double.parseDouble(s.argument) * Clock.PS_PER_S));
                return o.kind() == Outcome.Kind.TIMEOUT ? null : "the run ended during sleep: " + o.kind() + ": " + o.message();
            }
            case POWERCYCLE -> {
                m.doReset();
                return null;
            }
        }
        return null;
    }

    private String end(TestFile file, TestFile.Case c, Machine m) {
        if (c.end == null && c.exitCode == null) return null;
        long timeout = (long) ((c.endTimeout != null ? c.endTimeout : file.timeoutOf(c)) * Clock.PS_PER_S);
        long now = m.scheduler().now();
        Outcome o = m.run(Math.addExact(now, timeout));
        if ("power-off".equals(c.end) && o.kind() != Outcome.Kind.POWER_OFF)
            return "expected the guest to power off, but: " + o.kind() + " (" + o.message() + ")";
        if ("fatal".equals(c.end) && o.kind() != Outcome.Kind.GUEST_FATAL)
            return "expected the guest to stop fatally, but: " + o.kind() + " (" + o.message() + ")";
        if (c.exitCode != null && o.exitCode() != c.exitCode)
            return "expected exit code " + c.exitCode + ", got " + o.exitCode() + " (" + o.kind() + ": " + o.message() + ")";
        return null;
    }

    /** An expect-not in force: the regex must not show up in output after {@code from}. */
    private record Guard(Step step, ExpectBuffer buffer, Pattern pattern, int from) {}

    private String checkGuards(List<Guard> guards, Harness h, Step current) {
        for (Guard g : new ArrayList<>(guards)) {
            String text = g.buffer.text();
            java.util.regex.Matcher mt = g.pattern.matcher(text);
            mt.region(g.from, text.length());
            if (mt.find()) {
                int ls = text.lastIndexOf('\n', mt.start()) + 1, le = text.indexOf('\n', mt.end());
                return "forbidden output /" + g.step.argument + "/ appeared (expect-not at line " + g.step.line + "): "
                        + text.substring(ls, le < 0 ? text.length() : le).strip();
            }
            if (current != null && current.name != null && current.name.equals(g.step.until)) guards.remove(g);
        }
        return null;
    }

    private Map<String, Path> writeLogs(TestFile file, TestFile.Case c, Map<String, ExpectBuffer> buffers) {
        Map<String, Path> out = new LinkedHashMap<>();
        if (logDir == null) return out;
        String stem = file.path.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        Path dir = logDir.resolve(safe(stem));
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, ExpectBuffer> e : buffers.entrySet()) {
                Path p = dir.resolve(safe(c.name) + "." + e.getKey() + ".log");
                Files.write(p, e.getValue().bytes());
                out.put(e.getKey(), p);
            }
        } catch (IOException e) {
            throw new UserError("cannot write test logs to " + dir + ": " + e.getMessage());
        }
        return out;
    }

    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]+", "_");
    }

    private static String seconds(long ps) {
        return String.format("%.3f", ps / (double) Clock.PS_PER_S);
    }
}
