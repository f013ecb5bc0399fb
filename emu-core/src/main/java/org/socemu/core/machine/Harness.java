package org.socemu.core.machine;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.socemu.core.console.CharBackend;
import org.socemu.core.console.ExpectBuffer;
import org.socemu.core.console.SerialPort;

/**
 * Drives a machine the way a boot test does: wait for output on a UART (in virtual time), type,
 * wait for the run to end. Everything happens on the calling thread, so a test that passes once
 * passes every time. Used by our JUnit boot tests and by `socemu test`.
 */
public final class Harness {
    /** What an expect step found. */
    public record Result(boolean matched, String text, Outcome outcome) {}

    private final Machine machine;
    private final Map<String, ExpectBuffer> buffers = new LinkedHashMap<>();

    public Harness(Machine machine) {
        this.machine = machine;
    }

    public Machine machine() {
        return machine;
    }

    /** Captures UART {@code name} ("console" for the machine's console), passing output on to {@code tee} if not null. */
    public ExpectBuffer capture(String name, CharBackend tee) {
        SerialPort port = machine.serialPort(name);
        ExpectBuffer b = new ExpectBuffer(tee);
        port.setBackend(b);
        buffers.put(port.name(), b);
        return b;
    }

    public ExpectBuffer buffer(String name) {
        ExpectBuffer b = buffers.get(machine.serialPort(name).name());
        return b != null ? b : capture(name, null);
    }

    /**
     * Runs until {@code regex} appears on UART {@code name}, or {@code timeoutPs} of virtual time
     * pass, or the guest ends the run.
     */
    public Result expect(String name, String regex, long timeoutPs) {
        ExpectBuffer b = buffer(name);
        Pattern p = Pattern.compile(regex);
        if (b.arm(p, () -> {})) return new Result(true, b.lastMatch(), null);
        b.arm(p, () -> machine.stop(new Outcome(Outcome.Kind.MATCHED, regex)));
        Outcome o = machine.run(deadline(timeoutPs));
        b.disarm();
        if (o.kind() == Outcome.Kind.MATCHED) return new Result(true, b.lastMatch(), null);
        return new Result(false, null, o);
    }

    /** Types {@code text} into UART {@code name} (delivered as the UART takes it). */
    public void send(String name, String text) {
        machine.serialPort(name).inject(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Runs for {@code ps} of virtual time (or until the guest ends the run). */
    public Outcome runFor(long ps) {
        return machine.run(deadline(ps));
    }

    private long deadline(long ps) {
        long now = machine.scheduler().now();
        return ps >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + ps;
    }
}
