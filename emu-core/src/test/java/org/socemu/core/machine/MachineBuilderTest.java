package org.socemu.core.machine;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.socemu.core.UserError;
import org.socemu.core.console.ExpectBuffer;
import org.socemu.core.mem.Ram;
import org.socemu.core.time.Clock;

class MachineBuilderTest {
    static MachineDescription board() {
        InputStream in = MachineBuilderTest.class.getResourceAsStream("/machines/test-board.json");
        return MachineDescription.read(in, "test-board.json");
    }

    static Machine build(BootImages images) {
        return new MachineBuilder(TestParts.registry()).build(board(), images);
    }

    @Test
    void memoriesViewsAndAliasesAreWhereTheDescriptionSays() {
        Machine m = build(new BootImages());
        m.systemView().write(0x80000010L, 4, 42);
        assertEquals(42, m.memory("ddr").read(0x10, 4));
        m.systemView().write(0x00000100L, 4, 7);
        assertEquals(7, m.systemView().read(0x00900100L, 4), "sram alias at 0");
        // the second core's view: no DDR at 0x80000000, a 1 MiB window of it at 0x10000000
        m.systemView().write(0x80100000L, 4, 99);
        assertEquals(99, m.view("small").read(0x10000000L, 4));
        assertNull(m.view("small").find(0x80000000L));
        assertNotNull(m.view("small").find(0x30010000L), "devices are inherited from system");
        assertEquals(64L << 20, m.memory("ddr").size());
    }

    @Test
    void memOptionResizesTheMainMemory() {
        BootImages img = new BootImages();
        img.mem = 128L << 20;
        Machine m = build(img);
        assertEquals(128L << 20, m.memory("ddr").size());
    }

    @Test
    void optionsTheBootProtocolDoesNotKnowAreRefused() {
        BootImages img = new BootImages();
        img.dtb = java.nio.file.Path.of("x.dtb");
        UserError e = assertThrows(UserError.class, () -> build(img));
        assertTrue(e.getMessage().contains("does not support --dtb"), e.getMessage());
    }

    @Test
    void interruptWiresReachTheController() {
        Machine m = build(new BootImages());
        TestParts.Intc intc = m.component("intc", TestParts.Intc.class);
        ExpectBuffer out = new Harness(m).capture("uart0", null);
        m.serialPort("uart0").inject("x".getBytes(StandardCharsets.US_ASCII));
        assertEquals(1 << 3, m.systemView().read(0x30000000L, 4));
        assertEquals('x', m.systemView().read(0x30010000L, 4));
        assertEquals(0, intc.pending, "reading the byte lowers the UART's interrupt");
        m.systemView().write(0x30010000L, 4, 'y');
        assertEquals("y", out.text());
    }

    @Test
    void consoleNameAliasesTheConsoleUart() {
        Machine m = build(new BootImages());
        assertSame(m.serialPort("uart0"), m.serialPort("console"));
    }

    @Test
    void harnessWaitsForOutputInVirtualTime() {
        Machine m = build(new BootImages());
        m.powerOn();
        TestParts.ScriptCpu cpu = (TestParts.ScriptCpu) m.cpu("cpu0");
        String msg = "socemu-initramfs: ready\n/ # ";
        cpu.step = n -> {
            if (n >= 1_000_000 && n < 1_000_000 + msg.length()) m.systemView().write(0x30010000L, 4, msg.charAt((int) (n - 1_000_000)));
        };
        Harness h = new Harness(m);
        Harness.Result r = h.expect("console", "ready", Clock.PS_PER_S);
        assertTrue(r.matched());
        long t = m.scheduler().now();
        assertTrue(t >= 10 * Clock.PS_PER_MS && t < 11 * Clock.PS_PER_MS, "1M instructions at 100 MHz: " + t);
        assertTrue(h.expect("console", "^/ # $", Clock.PS_PER_S).matched(), "prompt without newline matches");
        Harness.Result miss = h.expect("console", "never", Clock.PS_PER_MS);
        assertFalse(miss.matched());
        assertEquals(Outcome.Kind.TIMEOUT, miss.outcome().kind());
    }

    @Test
    void resetClearsVolatileRamKeepsRetainedAndBootsAgain() {
        Machine m = build(new BootImages());
        m.powerOn();
        int before = TestParts.boots;
        m.systemView().write(0x80000000L, 4, 1);
        m.systemView().write(0x00900000L, 4, 2);
        TestParts.ScriptCpu cpu = (TestParts.ScriptCpu) m.cpu("cpu0");
        int[] resetsAsked = {0};
        cpu.step = n -> {
            if (n == 100 && resetsAsked[0]++ == 0) m.requestReset("test");
            else if (n == 200) m.powerOff("done");
        };
        Outcome o = m.run(Long.MAX_VALUE);
        assertEquals(Outcome.Kind.POWER_OFF, o.kind());
        assertEquals(before + 1, TestParts.boots);
        assertEquals(1, m.resetCount());
        assertEquals(0, m.systemView().read(0x80000000L, 4));
        assertEquals(2, m.systemView().read(0x00900000L, 4));
        assertEquals(0, ((Ram) m.memory("ddr")).allocatedPages());
    }

    @Test
    void malformedDescriptionsAreOneLineUserErrors() {
        String[] bad = {
            "{ \"name\": \"x\", \"cores\": [] }",
            "{ \"name\": \"x\", \"cores\": [ { \"id\": \"c\", \"type\": \"fake\", \"hz\": 1 } ], \"bogus\": 1 }",
            "{ \"name\": \"x\", \"cores\": [ { \"id\": \"c\", \"type\": \"fake\" } ] }",
            "{ \"name\": ",
        };
        for (String s : bad) {
            UserError e = assertThrows(UserError.class,
                    () -> MachineDescription.read(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)), "b.json"));
            assertTrue(e.getMessage().startsWith("b.json"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void unknownTypesAndWiresAreUserErrors() {
        MachineDescription d = board();
        d.devices.get(1).type = "nope";
        assertThrows(UserError.class, () -> new MachineBuilder(TestParts.registry()).build(d, new BootImages()));
        MachineDescription d2 = board();
        d2.devices.get(1).irq = java.util.List.of("intc:99");
        UserError e = assertThrows(UserError.class, () -> new MachineBuilder(TestParts.registry()).build(d2, new BootImages()));
        assertTrue(e.getMessage().contains("intc:99"), e.getMessage());
    }
}
