package org.socemu.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.socemu.core.console.CharBackend;
import org.socemu.core.console.SerialPort;

/**
 * The terminal as a serial console. On a real terminal it switches to raw mode through JLine, so
 * every key (Ctrl-C included) goes to the guest, and restores the terminal on exit. As in QEMU,
 * Ctrl-A x quits, Ctrl-A h prints help, and Ctrl-A Ctrl-A sends a Ctrl-A. Without a terminal
 * (pipes, CI) it reads stdin and writes stdout as they are.
 */
final class StdioBackend implements CharBackend {
    private static final int CTRL_A = 0x01;

    private final Runnable quit;
    private Terminal terminal;
    private Attributes saved;
    private OutputStream out;
    private InputStream in;
    private volatile boolean closed;

    StdioBackend(Runnable quit, boolean readInput) {
        this.quit = quit;
        if (System.console() != null) {
            try {
                terminal = TerminalBuilder.builder().system(true).streams(System.in, System.out).build();
                saved = terminal.enterRawMode();
                out = terminal.output();
                in = readInput ? terminal.input() : null;
            } catch (IOException | RuntimeException e) {
                terminal = null;
            }
        }
        if (terminal == null) {
            out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false);
            in = readInput ? System.in : null;
        }
        out = new BufferedOutputStream(out, 8192);
        startFlusher();
    }

    boolean isTerminal() {
        return terminal != null;
    }

    @Override
    public void write(int b) {
        try {
            if (terminal != null && b == '\n') out.write('\r');
            out.write(b);
            if (b == '\n') out.flush();
        } catch (IOException ignored) {
        }
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException ignored) {
        }
    }

    @Override
    public void attach(SerialPort port) {
        if (in == null) return;
        Thread t = new Thread(() -> readLoop(port), "stdio-in");
        t.setDaemon(true);
        t.start();
    }

    private void readLoop(SerialPort port) {
        boolean escape = false;
        byte[] one = new byte[1];
        try {
            int c;
            while (!closed && (c = in.read()) >= 0) {
                if (escape) {
                    escape = false;
                    if (c == 'x' || c == 'X') {
                        message("socemu: terminated by Ctrl-A x");
                        quit.run();
                        return;
                    }
                    if (c == 'h' || c == 'H') {
                        message("Ctrl-A x  quit socemu | Ctrl-A h  this help | Ctrl-A Ctrl-A  send Ctrl-A");
                        continue;
                    }
                    if (c != CTRL_A) continue;
                } else if (c == CTRL_A) {
                    escape = true;
                    continue;
                }
                one[0] = (byte) c;
                port.hostInput(one, 0, 1);
            }
        } catch (IOException ignored) {
        }
    }

    private void message(String text) {
        try {
            out.write(("\r\n" + text + "\r\n").getBytes());
            out.flush();
        } catch (IOException ignored) {
        }
    }

    private void startFlusher() {
        // Prompts end without a newline: push partial lines out a few times a second.
        Thread t = new Thread(() -> {
            while (!closed) {
                try {
                    Thread.sleep(30);
                } catch (InterruptedException e) {
                    return;
                }
                flush();
            }
        }, "stdio-flush");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        flush();
        if (terminal != null) {
            try {
                terminal.setAttributes(saved);
                terminal.close();
            } catch (IOException ignored) {
            }
        }
    }
}
