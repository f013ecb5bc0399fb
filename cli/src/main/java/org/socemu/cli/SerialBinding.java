package org.socemu.cli;

import java.nio.file.Path;
import org.socemu.core.UserError;
import org.socemu.core.console.CharBackend;
import org.socemu.core.console.FileBackend;
import org.socemu.core.console.NullBackend;
import org.socemu.core.console.TcpBackend;

/**
 * One `--serial [UART=]BACKEND`: BACKEND is stdio, tcp:[HOST:]PORT (listens, loopback by
 * default), file:PATH (appends) or null; without UART= it binds the machine's console UART.
 */
record SerialBinding(String uart, String backend) {
    static SerialBinding parse(String spec) {
        String uart = "console", be = spec;
        int eq = spec.indexOf('=');
        if (eq > 0 && !spec.startsWith("file:") && !spec.startsWith("tcp:")) {
            uart = spec.substring(0, eq);
            be = spec.substring(eq + 1);
        }
        SerialBinding b = new SerialBinding(uart, be);
        b.check();
        return b;
    }

    private void check() {
        if (backend.equals("stdio") || backend.equals("null")) return;
        if (backend.startsWith("file:") && backend.length() > 5) return;
        if (backend.startsWith("tcp:")) {
            port();
            return;
        }
        throw new UserError("--serial " + backend + ": backend must be stdio, tcp:[HOST:]PORT, file:PATH or null");
    }

    private int port() {
        String rest = backend.substring(4);
        String p = rest.contains(":") ? rest.substring(rest.lastIndexOf(':') + 1) : rest;
        try {
            int n = Integer.parseInt(p);
            if (n < 0 || n > 65535) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new UserError("--serial " + backend + ": not a TCP port: " + p);
        }
    }

    boolean isStdio() {
        return backend.equals("stdio");
    }

    CharBackend open(StdioBackend stdio) {
        if (backend.equals("stdio")) return stdio;
        if (backend.equals("null")) return new NullBackend();
        if (backend.startsWith("file:")) return new FileBackend(Path.of(backend.substring(5)));
        String rest = backend.substring(4);
        String host = rest.contains(":") ? rest.substring(0, rest.lastIndexOf(':')) : "127.0.0.1";
        return new TcpBackend(host, port());
    }
}
