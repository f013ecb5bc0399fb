package org.socemu.core.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.socemu.core.UserError;

/**
 * Listens on HOST:PORT (loopback unless another address is given) and connects the first client
 * to the UART; output while nobody is connected is dropped, like an unplugged cable. A client that
 * leaves can be replaced by a new one.
 */
public final class TcpBackend implements CharBackend {
    private final ServerSocket server;
    private volatile OutputStream client;

    public TcpBackend(String host, int port) {
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new UserError("cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void write(int b) {
        OutputStream c = client;
        if (c == null) return;
        try {
            c.write(b);
            if (b == '\n') c.flush();
        } catch (IOException e) {
            client = null;
        }
    }

    @Override
    public void flush() {
        OutputStream c = client;
        if (c != null) try {
            c.flush();
        } catch (IOException e) {
            client = null;
        }
    }

    @Override
    public void attach(SerialPort port) {
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    s.setTcpNoDelay(true);
                    client = s.getOutputStream();
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[256];
                    int n;
                    while ((n = in.read(buf)) > 0) port.hostInput(buf, 0, n);
                } catch (IOException e) {
                    // client gone; wait for the next one
                } finally {
                    client = null;
                }
            }
        }, "serial-tcp-" + port.name());
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
        }
    }
}
