package org.socemu.core.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Output to a stream and, optionally, input from another on a daemon thread (plain stdio, pipes). */
public class StreamBackend implements CharBackend {
    private final OutputStream out;
    private final InputStream in;

    public StreamBackend(OutputStream out, InputStream in) {
        this.out = out;
        this.in = in;
    }

    @Override
    public void write(int b) {
        try {
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
        Thread t = new Thread(() -> {
            byte[] buf = new byte[256];
            try {
                int n;
                while ((n = in.read(buf)) > 0) port.hostInput(buf, 0, n);
            } catch (IOException ignored) {
            }
        }, "serial-in-" + port.name());
        t.setDaemon(true);
        t.start();
    }
}
