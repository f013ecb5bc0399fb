package org.socemu.core.script;

import org.socemu.core.machine.Machine;
import org.socemu.core.machine.TestParts;

/**
 * A guest written in Java for the test engine's tests: it boots (prints a banner after a while),
 * shows a prompt, answers each line, powers off on "poweroff", prints an Oops on "oops".
 * Everything it does goes through the test board's UART registers, in virtual time.
 */
final class EchoGuest {
    private static final long UART = 0x30010000L, INTC = 0x30000000L;
    private final Machine m;
    private final StringBuilder line = new StringBuilder();
    private String pendingOut = "";
    private int outPos;

    private EchoGuest(Machine m) {
        this.m = m;
    }

    static void install(Machine m) {
        EchoGuest g = new EchoGuest(m);
        ((TestParts.ScriptCpu) m.cpu("cpu0")).step = g::step;
        m.onReset(() -> ((TestParts.ScriptCpu) m.cpu("cpu0")).step = new EchoGuest(m)::step);
    }

    private void step(long n) {
        if (n == 50_000) say("Booting echo guest\nready\n/ # ");
        if (outPos < pendingOut.length()) {
            if (n % 10 == 0) m.systemView().write(UART, 4, pendingOut.charAt(outPos++));
            return;
        }
        if (n > 50_000 && (m.systemView().read(INTC, 4) & (1 << 3)) != 0) {
            int c = m.systemView().read(UART, 4);
            if (c == '\n') {
                answer(line.toString());
                line.setLength(0);
            } else line.append((char) c);
        }
    }

    private void answer(String cmd) {
        switch (cmd) {
            case "poweroff" -> m.powerOff("poweroff");
            case "oops" -> say("Oops: 0000 [#1] test\n/ # ");
            case "reboot" -> m.requestReset("reboot");
            default -> say("you said: " + cmd + "\n/ # ");
        }
    }

    private void say(String s) {
        pendingOut = pendingOut.substring(outPos) + s;
        outPos = 0;
    }
}
