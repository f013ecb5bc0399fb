package org.socemu.core.machine;

/** How a run ended, and the exit code `socemu run` gives for it. */
public record Outcome(Kind kind, String message) {
    public enum Kind {
        /** The guest powered the machine off. */
        POWER_OFF(0),
        /** A condition the caller waited for (--until, a test's expect) was met. */
        MATCHED(0),
        /** The user quit (Ctrl-A x) or a debugger killed the machine. */
        QUIT(0),
        /** Virtual time ran out. */
        TIMEOUT(1),
        /** The guest stopped for good: a fatal fault, a lockup, every core halted with nothing to wake it. */
        GUEST_FATAL(1);

        public final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }
    }

    public int exitCode() {
        return kind.exitCode;
    }
}
