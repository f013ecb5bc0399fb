package org.socemu.core.gdb;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GdbServerTest {
    /** Two threads of 4 32-bit registers and 64 KiB of memory at 0x1000. */
    static final class FakeTarget implements GdbTarget {
        final int[][] regs = new int[2][4];
        final byte[] mem = new byte[0x10000];
        final List<String> points = new ArrayList<>();
        final Map<Integer, Integer> steps = new HashMap<>();
        volatile CountDownLatch running;
        volatile boolean killed;
        GdbTarget.Stop nextStop = new GdbTarget.Stop(1, Reason.BREAKPOINT, 0);

        @Override public List<String> threadNames() { return List.of("a7.0", "a7.1"); }
        @Override public String targetXml(String annex) {
            return annex.equals("target.xml") ? "<?xml version=\"1.0\"?><target><architecture>arm</architecture></target>" : null;
        }
        @Override public int registerCount() { return 4; }
        @Override public byte[] readRegister(int t, int n) {
            int v = regs[t - 1][n];
            return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
        }
        @Override public boolean writeRegister(int t, int n, byte[] v) {
            if (v.length != 4) return false;
            regs[t - 1][n] = (v[0] & 0xff) | (v[1] & 0xff) << 8 | (v[2] & 0xff) << 16 | (v[3] & 0xff) << 24;
            return true;
        }
        @Override public byte[] readMemory(int t, long a, int len) {
            if (a < 0x1000 || a + len > 0x11000) return null;
            return java.util.Arrays.copyOfRange(mem, (int) a - 0x1000, (int) a - 0x1000 + len);
        }
        @Override public boolean writeMemory(int t, long a, byte[] d) {
            if (a < 0x1000 || a + d.length > 0x11000) return false;
            System.arraycopy(d, 0, mem, (int) a - 0x1000, d.length);
            return true;
        }
        @Override public boolean insertPoint(int type, long a, int kind) { return points.add(type + "@" + Long.toHexString(a)); }
        @Override public boolean removePoint(int type, long a, int kind) { return points.remove(type + "@" + Long.toHexString(a)); }
        @Override public Stop resume(int step) {
            if (step > 0) {
                steps.merge(step, 1, Integer::sum);
                return new Stop(step, Reason.STEP, 0);
            }
            if (nextStop.reason() == Reason.SIGNAL_INT) {
                CountDownLatch l = new CountDownLatch(1);
                running = l;
                try {
                    if (!l.await(10, TimeUnit.SECONDS)) return new Stop(1, Reason.HALTED, 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return nextStop;
        }
        @Override public void interrupt() { CountDownLatch l = running; if (l != null) l.countDown(); }
        @Override public String monitor(String c) { return c.equals("info cores") ? "a7.0 running\na7.1 off" : "unknown command: " + c; }
        @Override public void kill() { killed = true; }
    }

    FakeTarget target;
    GdbServer server;
    GdbClient client;

    @BeforeEach
    void start() throws Exception {
        target = new FakeTarget();
        server = new GdbServer(target, "127.0.0.1", 0);
        server.start();
        client = new GdbClient(server.port(), 10_000);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    String ask(String payload) throws Exception {
        return client.ask(payload);
    }

    String readReply() throws Exception {
        return client.reply();
    }

    @Test
    void handshakeThreadsAndTargetDescription() throws Exception {
        assertTrue(ask("qSupported:multiprocess+;swbreak+").contains("qXfer:features:read+"));
        assertEquals("OK", ask("QStartNoAckMode"));
        assertEquals("m1,2", ask("qfThreadInfo"));
        assertEquals("l", ask("qsThreadInfo"));
        assertTrue(ask("qXfer:threads:read::0,1000").contains("name=\"a7.1\""));
        String x = ask("qXfer:features:read:target.xml:0,1000");
        assertTrue(x.startsWith("l<?xml") && x.contains("<architecture>arm"), x);
        assertEquals("E00", ask("qXfer:features:read:nope.xml:0,1000"));
        String chunk = ask("qXfer:features:read:target.xml:0,10");
        assertTrue(chunk.startsWith("m") && chunk.length() == 1 + 0x10, chunk);
    }

    @Test
    void registersPerThread() throws Exception {
        target.regs[1][2] = 0x12345678;
        assertEquals("OK", ask("Hg2"));
        assertEquals("78563412", ask("p2"));
        assertEquals("OK", ask("P3=efbeadde"));
        assertEquals(0xdeadbeef, target.regs[1][3]);
        assertEquals("00000000" + "00000000" + "78563412" + "efbeadde", ask("g"));
        assertEquals("OK", ask("G" + "01000000".repeat(4)));
        assertEquals(1, target.regs[1][0]);
        assertEquals("E01", ask("p99"));
        assertEquals("E01", ask("Hg9"));
    }

    @Test
    void memoryReadWriteAndBinaryWrite() throws Exception {
        assertEquals("OK", ask("M1000,4:01020304"));
        assertEquals("01020304", ask("m1000,4"));
        byte[] bin = {'$', '#', '}', '*', 0, (byte) 0xff};
        ByteArrayOutputStream pkt = new ByteArrayOutputStream();
        pkt.writeBytes("X1010,6:".getBytes(StandardCharsets.ISO_8859_1));
        pkt.writeBytes(bin);
        client.raw(GdbPackets.frame(new String(pkt.toByteArray(), StandardCharsets.ISO_8859_1)));
        assertEquals("OK", readReply());
        assertEquals("24237d2a00ff", ask("m1010,6"));
        assertEquals("E14", ask("m0,4"));
        assertEquals("E01", ask("M1000,4:0102"));
    }

    @Test
    void breakpointsContinueStepAndStopReplies() throws Exception {
        assertEquals("OK", ask("Z0,1234,4"));
        assertEquals("OK", ask("Z2,1100,4"));
        assertEquals(List.of("0@1234", "2@1100"), target.points);
        assertEquals("T05thread:1;swbreak:;", ask("c"));
        assertEquals("vCont;c;C;s;S", ask("vCont?"));
        assertEquals("T05thread:2;", ask("vCont;s:2;c"));
        assertEquals(1, target.steps.get(2));
        target.nextStop = new GdbTarget.Stop(2, GdbTarget.Reason.WATCH_WRITE, 0x1100);
        assertEquals("T05thread:2;watch:1100;", ask("vCont;c"));
        assertEquals("T05thread:2;watch:1100;", ask("?"));
        assertEquals("OK", ask("z0,1234,4"));
        assertEquals(List.of("2@1100"), target.points);
    }

    @Test
    void ctrlCInterruptsARunningMachine() throws Exception {
        target.nextStop = new GdbTarget.Stop(1, GdbTarget.Reason.SIGNAL_INT, 0);
        client.raw(GdbPackets.frame("c"));
        Thread.sleep(200);
        client.raw(new byte[] {3});
        assertEquals("T02thread:1;", readReply());
    }

    @Test
    void monitorCommands() throws Exception {
        String r = ask("qRcmd," + GdbPackets.hex("info cores"));
        assertEquals("a7.0 running\na7.1 off\n", new String(GdbPackets.unhex(r), StandardCharsets.UTF_8));
    }

    @Test
    void malformedAndRandomPacketsAreAnsweredAndServingGoesOn() throws Exception {
        // malformed forms of known packets get an error; unknown ones the empty "not supported"
        String[] bad = {"m", "mzz,4", "M1000", "M1000,4:zz", "M1000,4:010", "p", "Pxx", "P0=123", "Z", "Z0,zz,4", "Z0,1000", "H", "Hq1",
                "Hgzz", "X1000", "X1000,zz:", "G0", "Gzz", "qXfer:features:read:target.xml:zz", "qXfer:features:read:target.xml:100000,10",
                "qXfer:threads:read::,", "vCont;q", "vCont;s:zz", "T", "Tzz", "T9", "qRcmd,zz", "qThreadExtraInfo,zz",
                "m1000,ffffffffffffffffff", "p1ffffffffffffffff"};
        for (String b : bad) {
            String r = ask(b);
            assertTrue(r.matches("E[0-9a-f]{2}"), b + " -> " + r);
            assertEquals("T02thread:1;", ask("?"), "still serving after " + b);
        }
        for (String b : new String[] {"Z9,1,1", "!", "y", "qNoSuchThing", "vNoSuchThing", "Qbogus"}) assertEquals("", ask(b), b);
        assertTrue(ask("g1").matches("([0-9a-f]{8}){4}"), "g ignores what follows it");
        Random rnd = new Random(1234);
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[rnd.nextInt(40)];
            rnd.nextBytes(junk);
            for (int k = 0; k < junk.length; k++) if (junk[k] == 3 || junk[k] == 'c' || junk[k] == 's' || junk[k] == 'k' || junk[k] == 'D' || junk[k] == 'C' || junk[k] == 'S' || junk[k] == 'v') junk[k] = 'q';
            String payload = new String(junk, StandardCharsets.ISO_8859_1);
            if (rnd.nextBoolean()) {
                client.raw(GdbPackets.frame(payload));
                try {
                    readReply();
                } catch (AssertionError e) {
                    throw new AssertionError("after " + GdbPackets.hex(junk), e);
                }
            } else {
                client.raw(("$" + payload.replace("#", "").replace("$", "") + "#zz").getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        assertEquals("01020304", ask("M1000,4:01020304").equals("OK") ? ask("m1000,4") : "");
        assertFalse(target.killed);
    }
}
