package org.socemu.core.gdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * The client side of the GDB remote serial protocol, for tests of the stub: framing with escapes,
 * replies with their checksum checked and acknowledged, and raw bytes for what no GDB would send.
 */
public final class GdbClient implements AutoCloseable {
    private final Socket sock;
    private final InputStream in;
    private final OutputStream out;
    private final int timeoutMs;

    public GdbClient(int port, int timeoutMs) throws IOException {
        this.timeoutMs = timeoutMs;
        sock = new Socket("127.0.0.1", port);
        sock.setSoTimeout(timeoutMs);
        sock.setTcpNoDelay(true);
        in = sock.getInputStream();
        out = sock.getOutputStream();
    }

    /** $payload#xx, with '#', '$', '}' and '*' escaped (binary payloads of X packets included). */
    public static byte[] frame(byte[] payload) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write('$');
        int sum = 0;
        for (byte x : payload) {
            int c = x & 0xff;
            if (c == '#' || c == '$' || c == '}' || c == '*') {
                b.write('}');
                sum += '}';
                c ^= 0x20;
            }
            b.write(c);
            sum += c;
        }
        b.writeBytes(String.format("#%02x", sum & 0xff).getBytes(StandardCharsets.ISO_8859_1));
        return b.toByteArray();
    }

    public String ask(String payload) throws IOException {
        return ask(payload.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends one packet and returns the stub's answer. */
    public String ask(byte[] payload) throws IOException {
        send(payload);
        return reply();
    }

    /** Sends one packet without waiting (a continue, say). */
    public void send(byte[] payload) throws IOException {
        raw(frame(payload));
    }

    /** Bytes as they are: Ctrl-C (0x03), broken frames. */
    public void raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next packet from the stub (acks skipped), its checksum checked and acknowledged. */
    public String reply() throws IOException {
        int c;
        try {
            while ((c = in.read()) != '$') if (c < 0) throw new AssertionError("the stub closed the connection");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer from the stub within " + timeoutMs + " ms");
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int sum = 0;
        while ((c = in.read()) != '#') {
            assertTrue(c >= 0, "truncated reply");
            sum += c;
            if (c == '}') {
                int n = in.read();
                sum += n;
                c = n ^ 0x20;
            }
            b.write(c);
        }
        int want = Integer.parseInt("" + (char) in.read() + (char) in.read(), 16);
        assertEquals(want, sum & 0xff, "reply checksum");
        out.write('+');
        return new String(b.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        sock.close();
    }
}
