package org.socemu.armv7;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socemu.core.dev.MmioDevice;
import org.socemu.core.gdb.GdbClient;
import org.socemu.core.gdb.GdbServer;
import org.socemu.core.gdb.MachineGdbTarget;
import org.socemu.core.machine.BootImages;
import org.socemu.core.machine.BootProtocol;
import org.socemu.core.machine.DeviceType;
import org.socemu.core.machine.Machine;
import org.socemu.core.machine.MachineBuilder;
import org.socemu.core.machine.MachineDescription;
import org.socemu.core.machine.Outcome;
import org.socemu.core.machine.Registry;

/**
 * Random and malformed packets against the GDB stub serving two real Cortex-A7s: a7.0 with an
 * LPAE translation regime, a7.1 with short descriptors, both with a table that points into a
 * device whose reads pop a FIFO. Whatever a client sends, every packet gets a well-formed answer,
 * the debugger never pops the FIFO (memory reads and MMU walks have no side effects), the
 * emulator never fails, and afterwards a well-behaved client can still continue and interrupt.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GdbFuzzTest {
    private static final long DDR = 0x80000000L, FIFO = 0x30000000L;
    /** Both cores: r1 = 0x80001000 + 4 * cpu index; loop { [r1] += 1 }. */
    private static final int[] PROGRAM = {
        0xee104fb0, // mrc p15, 0, r4, c0, c0, 5    (MPIDR)
        0xe2044003, // and r4, r4, #3
        0xe3011000, // movw r1, #0x1000
        0xe3481000, // movt r1, #0x8000
        0xe0811104, // add r1, r1, r4, lsl #2
        0xe5910000, // loop: ldr r0, [r1]
        0xe2800001, // add r0, r0, #1
        0xe5810000, // str r0, [r1]
        0xeafffffb, // b loop
    };
    private static final String BOARD = """
            { "name": "a7-fuzz", "description": "two A7s and a FIFO", "endian": "little", "boot": "fuzz",
              "cores": [ { "id": "a7.0", "type": "cortex-a7", "hz": 100000000, "props": {"cpu-index": 0} },
                         { "id": "a7.1", "type": "cortex-a7", "hz": 100000000, "props": {"cpu-index": 1} } ],
              "memory": [ { "name": "ddr", "base": "0x80000000", "size": "1M", "main": true } ],
              "devices": [ { "name": "fifo", "type": "test-fifo", "base": "0x30000000" } ] }
            """;

    /**
     * A device every word of whose first 4 KiB pops a FIFO when read; it counts the pops made on the
     * stub's threads ("gdb-PORT"), that is by the debugger rather than by a core's instruction.
     */
    static final class Fifo extends MmioDevice {
        int pops, debuggerPops;

        Fifo(String name) {
            super(name, 0x10000);
            for (var r : regs.words(0, 4, 1024, "POP"))
                r.onRead(() -> {
                    if (Thread.currentThread().getName().startsWith("gdb-")) debuggerPops++;
                    return ++pops;
                });
        }

        @Override public void reset() {}
    }

    /** Loads the program, starts both cores, and gives each its translation regime. */
    static final class FuzzBoot implements BootProtocol {
        @Override public String name() { return "fuzz"; }
        @Override public Set<String> options() { return Set.of(); }

        @Override
        public void boot(Machine m, BootImages images) {
            var view = m.systemView();
            for (int i = 0; i < PROGRAM.length; i++) view.write(DDR + 4L * i, 4, PROGRAM[i]);
            // short descriptors (a7.1): identity sections of 4 GiB, but VA 0x40000000 through a page table in the FIFO
            long l1 = DDR + 0x4000;
            for (int i = 0; i < 4096; i++) view.write(l1 + 4L * i, 4, (i << 20) | 0xc02);
            view.write(l1 + 4L * 0x400, 4, (int) FIFO | 1);
            // LPAE (a7.0): four 1 GiB identity blocks (AF set), but the second one a table in the FIFO
            long lpae = DDR + 0x8000;
            for (int i = 0; i < 4; i++) {
                view.write(lpae + 8L * i, 4, (i << 30) | 0x401);
                view.write(lpae + 8L * i + 4, 4, 0);
            }
            view.write(lpae + 8, 4, (int) FIFO | 3);
            for (var c : m.cpus()) {
                CortexA7 a = (CortexA7) c;
                a.powerOn(DDR, 0);
                Cp15 cp = a.cp15();
                cp.dacr = 0x55555555;
                if (a.cpuIndex() == 0) {
                    cp.ttbcr = Cp15.TTBCR_EAE;
                    cp.ttbr0 = (int) lpae;
                } else {
                    cp.ttbr0 = (int) l1;
                }
                cp.sctlr |= Cp15.SCTLR_M;
                a.flushTlb();
            }
        }
    }

    private Machine machine;
    private Fifo fifo;
    private GdbServer server;
    private CompletableFuture<Outcome> emulation;
    private GdbClient client;

    @BeforeEach
    void start() throws Exception {
        Registry r = new Registry();
        r.register(new CortexA7Type());
        r.register(new DeviceType() {
            @Override public String type() { return "test-fifo"; }
            @Override public org.socemu.core.dev.Device create(org.socemu.core.machine.DeviceContext ctx) { return new Fifo(ctx.name()); }
        });
        r.register(new FuzzBoot());
        MachineDescription d = MachineDescription.read(new ByteArrayInputStream(BOARD.getBytes(StandardCharsets.UTF_8)), "a7-fuzz");
        machine = new MachineBuilder(r).build(d, new BootImages());
        machine.powerOn();
        fifo = (Fifo) machine.component("fifo");
        MachineGdbTarget target = new MachineGdbTarget(machine, machine.cpus());
        server = new GdbServer(target, "127.0.0.1", 0);
        server.start();
        emulation = CompletableFuture.supplyAsync(() -> target.serve(Long.MAX_VALUE, true));
        connect();
    }

    private void connect() throws Exception {
        client = new GdbClient(server.port(), 20_000);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
        machine.close();
    }

    // ---- the protocol, from the client's side ----

    private String ask(String payload) throws Exception {
        return client.ask(payload);
    }

    private String ask(byte[] payload) throws Exception {
        return client.ask(payload);
    }

    // ---- packets ----

    /** An address a debugger might well ask for: code, data, tables, the FIFO, holes, the ends of the space. */
    private static long address(Random rnd) {
        long[] near = {DDR, DDR + 0x1000, DDR + 0x4000, DDR + 0x8000, DDR + 0xffff8, FIFO, FIFO + 0xffc, 0x40000000L,
            0x40000ffcL, 0, 0xfffffffcL, 0xffffffffL, 0x100000000L, 0x7ffffffffffffff0L};
        return switch (rnd.nextInt(3)) {
            case 0 -> near[rnd.nextInt(near.length)] + rnd.nextInt(64) - 8;
            case 1 -> rnd.nextLong() & 0xffffffffL;
            default -> rnd.nextLong();
        };
    }

    private static String hex(long v) {
        return Long.toHexString(v);
    }

    private static String hexBytes(Random rnd, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append(String.format("%02x", rnd.nextInt(256)));
        return sb.toString();
    }

    /** A packet of a kind the stub knows, with random (often wrong) arguments; never one that runs the machine freely or ends the session. */
    private static byte[] packet(Random rnd) {
        String p = switch (rnd.nextInt(20)) {
            case 0 -> "m" + hex(address(rnd)) + "," + hex(rnd.nextInt(0x5000));
            case 1 -> "m" + hex(address(rnd)) + "," + hex(rnd.nextInt(16));
            case 2 -> {
                int n = rnd.nextInt(24);
                yield "M" + hex(address(rnd)) + "," + hex(rnd.nextBoolean() ? n : rnd.nextInt(30)) + ":" + hexBytes(rnd, n);
            }
            case 3 -> {
                byte[] data = new byte[rnd.nextInt(40)];
                rnd.nextBytes(data);
                yield "X" + hex(address(rnd)) + "," + hex(rnd.nextBoolean() ? data.length : rnd.nextInt(50)) + ":"
                        + new String(data, StandardCharsets.ISO_8859_1);
            }
            case 4 -> "p" + hex(rnd.nextInt(120) - 10);
            case 5 -> {
                int reg = rnd.nextInt(110);
                // keep the cores where they are most of the time: pc and cpsr only now and then
                if ((reg == 15 || reg == 16) && rnd.nextInt(4) != 0) reg = 0;
                yield "P" + hex(reg) + "=" + hexBytes(rnd, rnd.nextInt(3) == 0 ? rnd.nextInt(10) : reg >= 17 && reg < 49 ? 8 : 4);
            }
            case 6 -> "g";
            case 7 -> "G" + hexBytes(rnd, rnd.nextInt(500));
            case 8 -> "Z" + rnd.nextInt(6) + "," + hex(address(rnd)) + "," + hex(rnd.nextInt(6));
            case 9 -> "z" + rnd.nextInt(6) + "," + hex(address(rnd)) + "," + hex(rnd.nextInt(6));
            case 10 -> "H" + "gcx".charAt(rnd.nextInt(3)) + (rnd.nextBoolean() ? "-1" : hex(rnd.nextInt(5)));
            case 11 -> "vCont;s:" + hex(rnd.nextInt(4));
            case 12 -> "s";
            case 13 -> "qXfer:features:read:" + List.of("target.xml", "arm-core.xml", "arm-banked.xml", "nope.xml", "../x").get(rnd.nextInt(5))
                    + ":" + hex(rnd.nextInt(0x3000)) + "," + hex(rnd.nextInt(0x1000));
            case 14 -> "qXfer:threads:read::" + hex(rnd.nextInt(300)) + "," + hex(rnd.nextInt(300));
            case 15 -> "qRcmd," + hexBytes(rnd, rnd.nextInt(12));
            case 16 -> "T" + hex(rnd.nextInt(5) - 1);
            case 17 -> List.of("?", "qC", "qfThreadInfo", "qsThreadInfo", "qAttached", "qSupported:swbreak+", "vCont?", "qOffsets",
                    "qThreadExtraInfo,2", "qThreadExtraInfo,9", "vMustReplyEmpty", "qSymbol::").get(rnd.nextInt(12));
            case 18 -> {
                // a known packet cut short or with junk appended
                String[] known = {"m80000000,4", "M80000000,4:00000000", "Z0,80000014,4", "p10", "Hg1", "vCont;s:1", "qXfer:features:read:target.xml:0,100"};
                String k = known[rnd.nextInt(known.length)];
                yield rnd.nextBoolean() ? k.substring(0, rnd.nextInt(k.length())) : k + hexBytes(rnd, 1 + rnd.nextInt(3)).replace('0', ',');
            }
            default -> {
                byte[] junk = new byte[rnd.nextInt(60)];
                rnd.nextBytes(junk);
                // no packet that runs freely or ends the session
                if (junk.length > 0 && "cCsSkDvR!".indexOf(junk[0]) >= 0) junk[0] = 'q';
                yield new String(junk, StandardCharsets.ISO_8859_1);
            }
        };
        return p.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean wellFormed(String packet, String reply) {
        if (reply.isEmpty() || reply.equals("OK") || reply.matches("E[0-9a-fA-F]{2}")) return true;
        char k = packet.isEmpty() ? ' ' : packet.charAt(0);
        return switch (k) {
            case 'm', 'g', 'p' -> reply.matches("([0-9a-f]{2})+");
            case 's', 'v' -> reply.matches("T[0-9a-f]{2}thread:[0-9a-f]+;((swbreak|watch|rwatch|awatch):[0-9a-f]*;)?") || reply.equals("vCont;c;C;s;S");
            case '?' -> reply.startsWith("T");
            case 'q' -> true; // documents, thread lists, monitor text: shapes of their own
            default -> false;
        };
    }

    @Test
    void randomAndMalformedPacketsAreAnsweredWithoutSideEffectsOrFailures() throws Exception {
        assertTrue(ask("qSupported:swbreak+;hwbreak+").contains("PacketSize"));
        Random rnd = new Random(0x5eed);
        for (int i = 0; i < 4000; i++) {
            byte[] p = packet(rnd);
            String text = new String(p, StandardCharsets.ISO_8859_1);
            if (rnd.nextInt(10) == 0) {
                // a bad checksum: refused ('-'), no answer, and the stub goes on
                client.raw(("$" + text.replace("#", "").replace("$", "") + "#zz").getBytes(StandardCharsets.ISO_8859_1));
                continue;
            }
            String r = ask(p);
            assertTrue(wellFormed(text, r), "packet " + text + " -> " + r);
            assertFalse(emulation.isDone(), "the emulation thread ended after " + text + ": " + (emulation.isDone() ? emulation.get() : ""));
        }
        assertEquals(0, fifo.debuggerPops, "the debugger never read the FIFO (the cores did " + fifo.pops + " times)");
        // a well-behaved client still gets its way: no breakpoints left, registers, continue, Ctrl-C
        assertEquals("OK", ask("D"));
        client.close();
        connect();
        String regs = ask("g");
        assertTrue(regs.matches("([0-9a-f]{2})+") && regs.length() == 2 * (16 * 4 + 4 + 32 * 8 + 4 + 12 * 4 + 2 * 8 + 30 * 4), regs);
        long before = machine.cpus().get(0).retired() + machine.cpus().get(1).retired();
        client.send("c".getBytes(StandardCharsets.ISO_8859_1));
        Thread.sleep(300);
        client.raw(new byte[] {3});
        assertTrue(client.reply().startsWith("T02"));
        long after = machine.cpus().get(0).retired() + machine.cpus().get(1).retired();
        assertTrue(after > before + 1000, "the cores ran: " + before + " -> " + after);
        assertFalse(emulation.isDone());
        assertEquals("OK", ask("vKill;1"));
        assertEquals(Outcome.Kind.QUIT, emulation.get(10, TimeUnit.SECONDS).kind());
    }
}
