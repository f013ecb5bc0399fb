package org.socemu.core.gdb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socemu.core.UserError;

/**
 * A GDB remote-serial-protocol stub for one {@link GdbTarget} (the cores of one architecture).
 * One client at a time; when it detaches another may attach. Malformed packets get an error
 * reply; nothing a client sends can crash or hang the stub.
 */
public final class GdbServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GdbServer.class);
    private static final int MAX_PACKET = 0x4000;
    private static final byte[] CTRL_C = {3};
    private static final byte[] EOF = {};

    private final GdbTarget target;
    private final ServerSocket server;
    private volatile boolean closed;
    private volatile boolean running;
    private boolean noAck;
    private boolean detaching;
    private int gThread = 1, cThread = 1;
    private GdbTarget.Stop lastStop;

    public GdbServer(GdbTarget target, String host, int port) {
        this.target = target;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new UserError("cannot listen for GDB on " + host + ":" + port + ": " + e.getMessage());
        }
        lastStop = new GdbTarget.Stop(1, GdbTarget.Reason.SIGNAL_INT, 0);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Serves clients on a daemon thread until {@link #close}. */
    public Thread start() {
        Thread t = new Thread(this::acceptLoop, "gdb-" + port());
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void acceptLoop() {
        while (!closed) {
            try (Socket s = server.accept()) {
                s.setTcpNoDelay(true);
                target.attach();
                try {
                    serve(s.getInputStream(), s.getOutputStream());
                } finally {
                    target.detach();
                }
            } catch (IOException e) {
                if (!closed) log.debug("gdb client gone: {}", e.getMessage());
            }
        }
    }

    /** Speaks the protocol on one connection until it closes or detaches. */
    void serve(InputStream in, OutputStream out) throws IOException {
        noAck = false;
        detaching = false;
        BlockingQueue<byte[]> packets = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readPackets(in, out, packets), "gdb-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            while (!closed) {
                byte[] p = packets.take();
                if (p == EOF) return; // connection closed
                if (p == CTRL_C) continue; // Ctrl-C while stopped: nothing to do
                String reply;
                try {
                    reply = handle(p);
                } catch (RuntimeException e) {
                    reply = "E01";
                }
                if (reply == null) return; // kill
                send(out, reply);
                if (detaching) return; // detach and vKill end the session after their OK, which GDB waits for
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Splits the byte stream into packets (checked and acknowledged) and Ctrl-C interrupts. */
    private void readPackets(InputStream in, OutputStream out, BlockingQueue<byte[]> packets) {
        try {
            int c;
            while ((c = in.read()) >= 0) {
                if (c == 3) {
                    if (running) target.interrupt();
                    else packets.add(CTRL_C);
                    continue;
                }
                if (c != '$') continue; // acks, noise
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                boolean tooLong = false;
                while ((c = in.read()) >= 0 && c != '#') {
                    if (buf.size() < MAX_PACKET) buf.write(c);
                    else tooLong = true;
                }
                int h = in.read(), l = in.read();
                if (c < 0 || h < 0 || l < 0) break;
                byte[] data = buf.toByteArray();
                int want = Character.digit(h, 16) << 4 | Character.digit(l, 16);
                boolean ok = !tooLong && (noAck || want == GdbPackets.checksum(data, 0, data.length));
                if (!noAck) {
                    synchronized (out) {
                        out.write(ok ? '+' : '-');
                        out.flush();
                    }
                }
                if (ok) packets.add(data);
                else if (tooLong) packets.add("!toolong".getBytes(StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            // connection closed
        }
        if (running) target.interrupt();
        packets.add(EOF);
    }

    private void send(OutputStream out, String payload) throws IOException {
        synchronized (out) {
            out.write(GdbPackets.frame(payload));
            out.flush();
        }
    }

    /** One packet in, one reply out (null: end the session). */
    String handle(byte[] raw) {
        String p = new String(raw, StandardCharsets.ISO_8859_1);
        if (p.isEmpty()) return "";
        switch (p.charAt(0)) {
            case '!': return p.equals("!toolong") ? "E02" : "";
            case '?': return stopReply(lastStop);
            case 'g': return readAllRegisters();
            case 'G': return writeAllRegisters(p.substring(1));
            case 'p': return readRegister(p.substring(1));
            case 'P': return writeRegister(p.substring(1));
            case 'm': return readMemory(p.substring(1));
            case 'M': return writeMemory(p.substring(1));
            case 'X': return writeBinary(raw);
            case 'Z': return point(p.substring(1), true);
            case 'z': return point(p.substring(1), false);
            case 'H': return setThread(p.substring(1));
            case 'T': return alive(p.substring(1)) ? "OK" : "E01";
            case 'c': return resume(0);
            case 's': return resume(cThread > 0 ? cThread : 1);
            case 'C': return resume(0);
            case 'S': return resume(cThread > 0 ? cThread : 1);
            case 'D': return detach();
            case 'k': target.kill(); return null;
            case 'v': return vPacket(p);
            case 'q': return query(p);
            case 'Q': return p.equals("QStartNoAckMode") ? startNoAck() : "";
            default: return "";
        }
    }

    private String startNoAck() {
        noAck = true;
        return "OK";
    }

    private String detach() {
        running = false;
        detaching = true;
        return "OK";
    }

    private String query(String p) {
        if (p.startsWith("qSupported"))
            return "PacketSize=" + Integer.toHexString(MAX_PACKET) + ";qXfer:features:read+;qXfer:threads:read+;"
                    + "swbreak+;hwbreak+;vContSupported+;QStartNoAckMode+";
        if (p.equals("qAttached")) return "1";
        if (p.equals("qC")) return "QC" + Integer.toHexString(gThread > 0 ? gThread : 1);
        if (p.equals("qfThreadInfo")) {
            StringBuilder sb = new StringBuilder("m");
            for (int i = 1; i <= target.threadNames().size(); i++) sb.append(i > 1 ? "," : "").append(Integer.toHexString(i));
            return sb.toString();
        }
        if (p.equals("qsThreadInfo")) return "l";
        if (p.startsWith("qThreadExtraInfo,")) {
            int t = (int) GdbPackets.parseHex(p.substring(17));
            return alive(Integer.toHexString(t)) ? GdbPackets.hex(target.threadNames().get(t - 1)) : "E01";
        }
        if (p.startsWith("qXfer:features:read:")) {
            String rest = p.substring(20);
            int colon = rest.indexOf(':');
            String xml = target.targetXml(rest.substring(0, colon));
            return xml == null ? "E00" : xfer(xml, rest.substring(colon + 1));
        }
        if (p.startsWith("qXfer:threads:read::")) return xfer(threadsXml(), p.substring(20));
        if (p.startsWith("qRcmd,")) {
            String cmd = new String(GdbPackets.unhex(p.substring(6)), StandardCharsets.UTF_8).trim();
            String text = target.monitor(cmd);
            return text == null ? "" : GdbPackets.hex(text.endsWith("\n") || text.isEmpty() ? text : text + "\n");
        }
        if (p.equals("qSymbol::")) return "OK";
        if (p.equals("qOffsets")) return "";
        return "";
    }

    private String threadsXml() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<threads>\n");
        List<String> names = target.threadNames();
        for (int i = 0; i < names.size(); i++)
            sb.append(String.format("<thread id=\"%x\" core=\"%d\" name=\"%s\"/>%n", i + 1, i, names.get(i)));
        return sb.append("</threads>\n").toString();
    }

    /** offset,length of a qXfer read: 'm' chunk or 'l' last chunk. */
    private static String xfer(String doc, String range) {
        int comma = range.indexOf(',');
        int off = (int) GdbPackets.parseHex(range.substring(0, comma));
        int len = (int) GdbPackets.parseHex(range.substring(comma + 1));
        if (off > doc.length()) return "E01";
        int end = Math.min(doc.length(), off + Math.min(len, MAX_PACKET / 2));
        return (end >= doc.length() ? "l" : "m") + doc.substring(off, end);
    }

    private String vPacket(String p) {
        if (p.equals("vCont?")) return "vCont;c;C;s;S";
        if (p.startsWith("vCont;")) {
            int step = 0;
            for (String action : p.substring(6).split(";")) {
                String[] a = action.split(":");
                char k = a[0].isEmpty() ? ' ' : a[0].charAt(0);
                if (k == 's' || k == 'S') {
                    int t = a.length > 1 ? (int) GdbPackets.parseHex(a[1]) : (cThread > 0 ? cThread : 1);
                    if (step == 0) step = t <= 0 ? 1 : t;
                } else if (k != 'c' && k != 'C' && k != 't') return "E01";
            }
            return resume(step);
        }
        if (p.startsWith("vKill")) {
            target.kill();
            detaching = true; // vKill, unlike 'k', is answered: GDB waits for the OK
            return "OK";
        }
        if (p.equals("vMustReplyEmpty")) return "";
        return "";
    }

    private String resume(int stepThread) {
        if (stepThread > target.threadNames().size()) return "E01";
        running = true;
        try {
            lastStop = target.resume(stepThread);
        } finally {
            running = false;
        }
        if (lastStop.thread() > 0) gThread = lastStop.thread();
        return stopReply(lastStop);
    }

    private String stopReply(GdbTarget.Stop s) {
        String t = "thread:" + Integer.toHexString(Math.max(1, s.thread())) + ";";
        return switch (s.reason()) {
            case EXITED -> "W00";
            case SIGNAL_INT -> "T02" + t;
            case BREAKPOINT -> "T05" + t + "swbreak:;";
            case STEP, HALTED -> "T05" + t;
            case WATCH_WRITE -> "T05" + t + "watch:" + Long.toHexString(s.address()) + ";";
            case WATCH_READ -> "T05" + t + "rwatch:" + Long.toHexString(s.address()) + ";";
            case WATCH_ACCESS -> "T05" + t + "awatch:" + Long.toHexString(s.address()) + ";";
        };
    }

    private String setThread(String p) {
        char op = p.charAt(0);
        long id = p.substring(1).equals("-1") ? -1 : GdbPackets.parseHex(p.substring(1));
        if (id > target.threadNames().size()) return "E01";
        if (op == 'g') gThread = id <= 0 ? 1 : (int) id;
        else if (op == 'c') cThread = (int) id;
        else return "E01";
        return "OK";
    }

    private boolean alive(String id) {
        long t = GdbPackets.parseHex(id);
        return t >= 1 && t <= target.threadNames().size();
    }

    private String readAllRegisters() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < target.registerCount(); i++) {
            byte[] v = target.readRegister(gThread, i);
            if (v == null) break;
            sb.append(GdbPackets.hex(v));
        }
        return sb.toString();
    }

    private String writeAllRegisters(String hex) {
        byte[] all = GdbPackets.unhex(hex);
        int pos = 0;
        for (int i = 0; i < target.registerCount() && pos < all.length; i++) {
            byte[] cur = target.readRegister(gThread, i);
            if (cur == null) break;
            if (pos + cur.length > all.length) return "E01";
            byte[] v = java.util.Arrays.copyOfRange(all, pos, pos + cur.length);
            pos += cur.length;
            if (!target.writeRegister(gThread, i, v)) return "E01";
        }
        return "OK";
    }

    private String readRegister(String p) {
        int n = (int) GdbPackets.parseHex(p);
        if (n < 0 || n >= target.registerCount()) return "E01";
        byte[] v = target.readRegister(gThread, n);
        return v == null ? "E01" : GdbPackets.hex(v);
    }

    private String writeRegister(String p) {
        int eq = p.indexOf('=');
        int n = (int) GdbPackets.parseHex(p.substring(0, eq));
        if (n < 0 || n >= target.registerCount()) return "E01";
        return target.writeRegister(gThread, n, GdbPackets.unhex(p.substring(eq + 1))) ? "OK" : "E01";
    }

    private String readMemory(String p) {
        int comma = p.indexOf(',');
        long addr = GdbPackets.parseHex(p.substring(0, comma));
        long len = GdbPackets.parseHex(p.substring(comma + 1));
        if (len > MAX_PACKET / 2) len = MAX_PACKET / 2;
        byte[] data = target.readMemory(gThread, addr, (int) len);
        return data == null ? "E14" : GdbPackets.hex(data);
    }

    private String writeMemory(String p) {
        int comma = p.indexOf(','), colon = p.indexOf(':');
        long addr = GdbPackets.parseHex(p.substring(0, comma));
        long len = GdbPackets.parseHex(p.substring(comma + 1, colon));
        byte[] data = GdbPackets.unhex(p.substring(colon + 1));
        if (data.length != len) return "E01";
        return target.writeMemory(gThread, addr, data) ? "OK" : "E14";
    }

    private String writeBinary(byte[] raw) {
        int colon = -1;
        for (int i = 0; i < raw.length; i++) if (raw[i] == ':') { colon = i; break; }
        if (colon < 0) return "E01";
        String head = new String(raw, 1, colon - 1, StandardCharsets.ISO_8859_1);
        int comma = head.indexOf(',');
        long addr = GdbPackets.parseHex(head.substring(0, comma));
        long len = GdbPackets.parseHex(head.substring(comma + 1));
        byte[] data = GdbPackets.unescape(raw, colon + 1, raw.length);
        if (data.length != len) return "E01";
        if (len == 0) return "OK";
        return target.writeMemory(gThread, addr, data) ? "OK" : "E14";
    }

    private String point(String p, boolean insert) {
        String[] f = p.split(",");
        if (f.length < 3) return "E01";
        int type = Integer.parseInt(f[0]);
        if (type < 0 || type > 4) return "";
        long addr = GdbPackets.parseHex(f[1]);
        int kind = (int) GdbPackets.parseHex(f[2].split(";")[0]);
        boolean ok = insert ? target.insertPoint(type, addr, kind) : target.removePoint(type, addr, kind);
        return ok ? "OK" : "E01";
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
        }
    }
}
