package org.socemu.mips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socemu.core.UserError;
import org.socemu.core.cpu.Cpu;
import org.socemu.core.cpu.CpuType;
import org.socemu.core.machine.CoreContext;
import org.socemu.core.machine.Props;
import org.socemu.core.mem.BusView;
import org.socemu.core.mem.Endian;
import org.socemu.core.mem.Ram;
import org.socemu.core.time.Scheduler;

/** The CpuType SPI, core props, decoded-code invalidation, vectored interrupts and bus errors. */
@Timeout(60)
class IntegrationTest {
    private static Cpu create(Map<String, JsonNode> props, Endian endian) {
        BusView view = new BusView("system", endian);
        view.map(0, new Ram("ram", 1 << 20, endian));
        CpuType type = ServiceLoader.load(CpuType.class).stream().map(ServiceLoader.Provider::get)
                .filter(t -> t.type().equals("mips-24kc")).findFirst().orElseThrow();
        return type.create(new CoreContext("cpu0", 400_000_000L, view, new Scheduler(), null, new Props("cpu0", props), null));
    }

    @Test
    void spiCreatesA24kcWithDefaultsAndProps() {
        Mips24k plain = (Mips24k) create(new LinkedHashMap<>(), Endian.BIG);
        assertEquals("mips-24kc", plain.type());
        assertEquals(0x00019374, plain.cp0(Cp0.PRID, 0));
        assertTrue((plain.cp0(Cp0.CONFIG, 0) & MipsConfig.CONFIG0_BE) != 0);
        assertEquals(0xBFC00000L, plain.pc());

        Map<String, JsonNode> props = new LinkedHashMap<>();
        props.put("prid", new TextNode("0x00019300"));
        props.put("tlb-entries", new IntNode(32));
        props.put("config3", new IntNode(MipsConfig.CONFIG3_VINT));
        Mips24k custom = (Mips24k) create(props, Endian.LITTLE);
        assertEquals(0x00019300, custom.cp0(Cp0.PRID, 0));
        assertEquals(31, (custom.cp0(Cp0.CONFIG, 1) >>> 25) & 63);
        assertEquals(MipsConfig.CONFIG3_VINT, custom.cp0(Cp0.CONFIG, 3));
        assertEquals(0, custom.cp0(Cp0.CONFIG, 0) & MipsConfig.CONFIG0_BE);
    }

    @Test
    void contradictoryEndiannessIsAUserError() {
        Map<String, JsonNode> props = new LinkedHashMap<>();
        props.put("config0", new TextNode("0x80008483"));
        assertThrows(UserError.class, () -> create(props, Endian.LITTLE));
    }

    @Test
    void storesToDecodedCodeAreSeen() throws IOException {
        Bare m = new Bare(Endian.BIG);
        // Run a subroutine, patch its first instruction, run it again.
        m.runKernel("""
                jal sub
                nop
                move $s0, $v1
                la $t0, sub
                lui $t1, 0x2403          # addiu $v1, $zero, 2
                ori $t1, $t1, 2
                sw $t1, 0($t0)
                jal sub
                nop
                move $s1, $v1
                b done
                nop
            sub: addiu $v1, $zero, 1
                jr $ra
                nop
            done: nop
                """);
        assertEquals(1, m.reg(16));
        assertEquals(2, m.reg(17));
    }

    @Test
    void codeLoadedOverDecodedCodeIsSeen() throws IOException {
        Bare m = new Bare(Endian.BIG);
        m.asm(0x80001000L, "li $v0, 1\n" + Bare.EXIT);
        m.cpu.setStatus(0);
        m.cpu.setPc(0x80001000L);
        assertEquals(1, m.runToExit(1_000_000_000L));
        m.dev.exitCode = null;
        m.asm(0x80001000L, "li $v0, 2\n" + Bare.EXIT);
        m.cpu.setPc(0x80001000L);
        assertEquals(2, m.runToExit(1_000_000_000L));
    }

    @Test
    void cacheAndSynciOpsDoNotFaultOnKseg0AndKseg1() throws IOException {
        Bare m = new Bare(Endian.BIG);
        m.asm(0x80000180L, ExceptionTest.STOP);
        assertEquals(0, m.runKernel("""
                lui $t0, 0x8000
                cache 0x00, 0($t0)
                cache 0x01, 0($t0)
                cache 0x08, 0($t0)
                cache 0x09, 0($t0)
                cache 0x10, 0x1000($t0)
                cache 0x11, 0($t0)
                cache 0x15, 0($t0)
                lui $t1, 0xa000
                cache 0x10, 0($t1)
                synci 0x1000($t0)
                sync
                pref 0, 0($t0)
                li $v0, 0
                """));
    }

    @Test
    void instructionCacheOpsDropDecodedBlocks() throws IOException {
        Bare m = new Bare(Endian.BIG);
        m.runKernel("li $t0, 10\n 1: addiu $t0, $t0, -1\n bnez $t0, 1b\n nop\n");
        long plain = m.cpu.decodedBlocks();
        Bare c = new Bare(Endian.BIG);
        c.runKernel("lui $t1, 0x8000\n li $t0, 10\n 1: cache 0x00, 0($t1)\n addiu $t0, $t0, -1\n bnez $t0, 1b\n nop\n");
        assertTrue(c.cpu.decodedBlocks() >= plain + 10, "each Index_Invalidate_I forces a re-decode: "
                + c.cpu.decodedBlocks() + " vs " + plain);
        Bare d = new Bare(Endian.BIG);
        d.runKernel("lui $t1, 0x8000\n li $t0, 10\n 1: cache 0x01, 0($t1)\n addiu $t0, $t0, -1\n bnez $t0, 1b\n nop\n");
        assertTrue(d.cpu.decodedBlocks() < plain + 5, "data cache ops keep decoded blocks");
    }

    @Test
    void vectoredInterruptsWhenConfig3SaysSo() throws IOException {
        MipsConfig vint = new MipsConfig(MipsConfig.PRID_24KC, MipsConfig.defaults(Endian.BIG).config0(),
                MipsConfig.defaults(Endian.BIG).config1(), MipsConfig.defaults(Endian.BIG).config2(),
                MipsConfig.CONFIG3_VINT, MipsConfig.defaults(Endian.BIG).config7(), 16, true);
        Bare m = new Bare(Endian.BIG, vint);
        // IntCtl.VS = 8 (0x100 spacing): IP6 enters at EBase + 0x200 + 6 * 0x100
        m.asm(0x80000800L, "li $v0, 0x66\n" + Bare.EXIT);
        m.cpu.input("6").set(true);
        assertEquals(0x66, m.runKernel("""
                li $t0, 8 << 5
                mtc0 $t0, $12, 1
                li $t0, 0x00800000
                mtc0 $t0, $13
                li $t0, 0x4001
                mtc0 $t0, $12
                nop
                li $v0, 1
                """));
    }

    @Test
    void loadFromAHoleIsABusError() throws IOException {
        Bare m = new Bare(Endian.BIG);
        m.asm(0x80000180L, ExceptionTest.STOP);
        assertEquals(0x77, m.runKernel("""
                lui $t0, 0xb000          # physical 0x10000000: nothing there
                lw $t1, 0($t0)
                """));
        assertEquals(Exceptions.DBE, (m.word(0x2000) >>> 2) & 31);
    }

    @Test
    void debuggerSeesHiLoAndCp0() throws IOException {
        Bare m = new Bare(Endian.BIG);
        m.runKernel("li $t0, 6\n li $t1, 7\n mult $t0, $t1\n li $t2, 0x1234\n mtc0 $t2, $14\n");
        assertEquals(42, m.cpu.lo());
        assertEquals(0, m.cpu.hi());
        assertEquals(0x1234, m.cpu.cp0(Cp0.EPC, 0));
        assertTrue(m.cpu.describeState().contains("epc=00001234"));
    }
}
