package org.socemu.core.machine;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;
import org.socemu.core.UserError;

/**
 * What `--trace` asked for: "unimp" (unmodelled registers and bus holes), "exc" (exceptions and
 * interrupts taken by the cores), "insn" (every instruction: slow). Cores read the flags when they
 * start a run, so turning them on costs nothing while they are off.
 */
public final class Trace {
    public static final Set<String> KINDS = Set.of("unimp", "exc", "insn");

    public volatile boolean unimp;
    public volatile boolean exc;
    public volatile boolean insn;
    public PrintStream out = System.err;

    public static Trace parse(String list) {
        Trace t = new Trace();
        if (list == null || list.isBlank()) return t;
        for (String k : list.split(",")) {
            switch (k.trim().toLowerCase(Locale.ROOT)) {
                case "unimp" -> t.unimp = true;
                case "exc" -> t.exc = true;
                case "insn" -> t.insn = true;
                case "" -> { }
                default -> throw new UserError("unknown trace kind '" + k.trim() + "' (known: unimp, exc, insn)");
            }
        }
        return t;
    }
}
