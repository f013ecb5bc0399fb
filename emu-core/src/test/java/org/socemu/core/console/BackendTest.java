package org.socemu.core.console;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.socemu.core.UserError;
import org.socemu.core.time.Scheduler;

/** The host ends of the serial lines: TCP (both directions, reconnects) and file. */
@Timeout(30)
class BackendTest {
    @TempDir Path dir;

    /** Delivers posted input on this thread, as the scheduler does between slices. */
    private static void drain(Scheduler s) {
        s.run(s.now() + 1);
    }

    private static String readLine(InputStream in) throws Exception {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') sb.append((char) c);
        return sb.toString();
    }

    @Test
    void tcpCarriesBothDirectionsAndTakesANewClientAfterTheFirstLeaves() throws Exception {
        Scheduler sched = new Scheduler();
        SerialPort port = new SerialPort("uart2", sched);
        TcpBackend tcp = new TcpBackend("127.0.0.1", 0);
        port.setBackend(tcp);
        try {
            for (int round = 0; round < 2; round++) {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), tcp.port())) {
                    s.setSoTimeout(10_000);
                    OutputStream out = s.getOutputStream();
                    out.write(("ping" + round + "\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    StringBuilder got = new StringBuilder();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (got.length() < 6 && System.nanoTime() < deadline) {
                        drain(sched);
                        int b;
                        while ((b = port.poll()) >= 0) got.append((char) b);
                        Thread.sleep(5);
                    }
                    assertEquals("ping" + round + "\n", got.toString(), "host -> guest");
                    // guest -> host: the accept thread may still be installing the client
                    String line = "";
                    for (int k = 0; k < 200 && line.isEmpty(); k++) {
                        for (byte b : ("pong" + round + "\n").getBytes(StandardCharsets.US_ASCII)) port.transmit(b);
                        if (s.getInputStream().available() > 0) line = readLine(s.getInputStream());
                        else Thread.sleep(10);
                    }
                    assertEquals("pong" + round, line);
                }
            }
        } finally {
            tcp.close();
        }
    }

    @Test
    void outputWithNoClientIsDroppedNotFatal() {
        TcpBackend tcp = new TcpBackend("127.0.0.1", 0);
        try {
            for (int i = 0; i < 10_000; i++) tcp.write('x');
        } finally {
            tcp.close();
        }
    }

    @Test
    void aPortInUseIsAUserError() throws Exception {
        TcpBackend first = new TcpBackend("127.0.0.1", 0);
        try {
            UserError e = assertThrows(UserError.class, () -> new TcpBackend("127.0.0.1", first.port()));
            assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + first.port()), e.getMessage());
        } finally {
            first.close();
        }
    }

    @Test
    void fileAppendsAndFlushesEachLine() throws Exception {
        Path f = dir.resolve("uart1.log");
        Files.writeString(f, "earlier run\n");
        FileBackend fb = new FileBackend(f);
        for (byte b : "boot\n".getBytes(StandardCharsets.US_ASCII)) fb.write(b);
        assertEquals("earlier run\nboot\n", Files.readString(f), "a whole line is on disk before close");
        fb.write('x');
        fb.close();
        assertEquals("earlier run\nboot\nx", Files.readString(f));
    }

    @Test
    void anUnwritableFileIsAUserError() {
        Path f = dir.resolve("no-such-dir").resolve("log");
        UserError e = assertThrows(UserError.class, () -> new FileBackend(f));
        assertTrue(e.getMessage().startsWith("cannot open serial log file"), e.getMessage());
    }
}
