package org.socemu.mips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socemu.core.mem.Endian;

/**
 * Synchronous exceptions: EPC, Cause (ExcCode, BD, CE), BadVAddr and the vectors. The handler at
 * EBase + 0x180 records Cause, EPC, BadVAddr and Status at physical 0x2000 and counts entries; it
 * either resumes after the faulting instruction or ends the program.
 */
@Timeout(60)
class ExceptionTest {
    static final String RECORD = """
            lui $k0, 0x8000
            mfc0 $k1, $13
            sw $k1, 0x2000($k0)
            mfc0 $k1, $14
            sw $k1, 0x2004($k0)
            mfc0 $k1, $8
            sw $k1, 0x2008($k0)
            mfc0 $k1, $12
            sw $k1, 0x200c($k0)
            lw $k1, 0x2010($k0)
            addiu $k1, $k1, 1
            sw $k1, 0x2010($k0)
            """;
    /** Resume after the faulting instruction (not for faults in delay slots). */
    static final String SKIP = RECORD + """
            mfc0 $k1, $14
            addiu $k1, $k1, 4
            mtc0 $k1, $14
            eret
            """;
    static final String STOP = RECORD + "li $v0, 0x77\n" + Bare.EXIT;

    private final Bare m = new Bare(Endian.BIG);

    private int cause() { return m.word(0x2000); }
    private int epc() { return m.word(0x2004); }
    private int badVAddr() { return m.word(0x2008); }
    private int status() { return m.word(0x200c); }
    private int entries() { return m.word(0x2010); }
    private static int code(int cause) { return (cause >>> 2) & 31; }

    private void handler(String src) throws IOException {
        m.asm(0x80000180L, src);
    }

    @Test
    void syscallAndBreakResume() throws IOException {
        handler(SKIP);
        m.runKernel("""
                syscall
                li $s0, 1
                break
                li $s1, 2
                """);
        assertEquals(2, entries());
        assertEquals(Exceptions.BP, code(cause()));
        assertEquals(0x80001008, epc());
        assertEquals(1, m.reg(16));
        assertEquals(2, m.reg(17));
        assertEquals(0, m.cpu.status() & Cp0.ST_EXL, "ERET cleared EXL");
        assertTrue((status() & Cp0.ST_EXL) != 0, "the handler ran with EXL set");
    }

    @Test
    void eretClearsTheLinkBit() throws IOException {
        handler(SKIP);
        m.runKernel("""
                li $a0, 0x80100000
                ll $t0, 0($a0)
                syscall                  # the handler's ERET breaks the link
                li $t0, 5
                sc $t0, 0($a0)
                move $s0, $t0
                ll $t0, 0($a0)
                li $t0, 6
                sc $t0, 0($a0)
                move $s1, $t0
                """);
        assertEquals(0, m.reg(16));
        assertEquals(1, m.reg(17));
        assertEquals(6, m.word(0x100000));
    }

    @Test
    void exceptionInADelaySlotReportsTheBranch() throws IOException {
        handler(STOP);
        assertEquals(0x77, m.runKernel("""
                nop
                b 1f
                lw $t0, 1($zero)         # address error in the delay slot
            1:  nop
                """));
        assertEquals(Exceptions.ADEL, code(cause()));
        assertTrue(cause() < 0, "Cause.BD");
        assertEquals(0x80001004, epc());
        assertEquals(1, badVAddr());
    }

    @Test
    void overflowTrapsLeaveTheDestinationAlone() throws IOException {
        handler(SKIP);
        m.runKernel("""
                li $t0, 0x7fffffff
                li $s0, 5
                add $s0, $t0, $t0
                addi $s1, $t0, 1
                addu $s2, $t0, $t0
                """);
        assertEquals(Exceptions.OV, code(cause()));
        assertEquals(2, entries());
        assertEquals(5, m.reg(16));
        assertEquals(-2, m.reg(18));
    }

    @Test
    void conditionalTrapsOnlyWhenTheConditionHolds() throws IOException {
        handler(SKIP);
        m.runKernel("""
                li $t0, 3
                tne $t0, $t0
                teq $t0, $zero
                tgei $t0, 4
                tltiu $t0, 3
                teqi $t0, 3
                """);
        assertEquals(1, entries());
        assertEquals(Exceptions.TR, code(cause()));
        assertEquals(0x80001014, epc());
    }

    @Test
    void reservedAndCoprocessorUnusable() throws IOException {
        handler(SKIP);
        m.runKernel(".word 0xFC000000\n");
        assertEquals(Exceptions.RI, code(cause()));
        m.dev.exitCode = null;
        m.runKernel("mfc1 $t0, $f0\n");
        assertEquals(Exceptions.CPU, code(cause()));
        assertEquals(1, (cause() >>> 28) & 3, "Cause.CE names the FPU");
        m.dev.exitCode = null;
        m.runKernel("lwc1 $f2, 0($zero)\n");
        assertEquals(1, (cause() >>> 28) & 3);
        m.dev.exitCode = null;
        m.runKernel("movf $t0, $t1, $fcc0\n madd.d $f0, $f2, $f4, $f6\n");
        assertEquals(1, (cause() >>> 28) & 3);
        assertEquals(5, entries());
    }

    @Test
    void userModeCannotTouchKernelSpaceOrCp0() throws IOException {
        handler(STOP);
        // map user page 0x00400000 -> phys 0x00001000.. via a 4 KiB pair, then drop to user mode there
        m.cpu.writeTlb(0, 0x00400000, (0x1000 >> 12) << 6 | 0x7, (0x2000 >> 12) << 6 | 0x7, 0);
        m.asm(0x80001000L, """
                lui $t0, 0x8000
                lw $t1, 0($t0)           # kernel address from user mode
                """);
        m.cpu.setStatus(0x10); // KSU = user, EXL = ERL = 0
        m.cpu.setPc(0x00400000L);
        m.runToExit(1_000_000_000L);
        assertEquals(Exceptions.ADEL, code(cause()));
        assertEquals(0x80000000, badVAddr());
        assertEquals(0x00400004, epc());

        m.dev.exitCode = null;
        m.asm(0x80001000L, "mfc0 $t0, $12\n");
        m.cpu.setStatus(0x10);
        m.cpu.setPc(0x00400000L);
        m.runToExit(1_000_000_000L);
        assertEquals(Exceptions.CPU, code(cause()));
        assertEquals(0, (cause() >>> 28) & 3);
    }

    @Test
    void rdhwrInUserModeNeedsHwrEna() throws IOException {
        handler(STOP);
        m.cpu.writeTlb(0, 0x00400000, (0x1000 >> 12) << 6 | 0x7, (0x2000 >> 12) << 6 | 0x7, 0);
        m.asm(0x80001000L, """
                rdhwr $s0, $1
                rdhwr $s1, $3
                rdhwr $s2, $29            # no UserLocal: reserved instruction
                """);
        m.cpu.setCp0(Cp0.HWRENA, 0, 0xF);
        m.cpu.setStatus(0x10);
        m.cpu.setPc(0x00400000L);
        m.runToExit(1_000_000_000L);
        assertEquals(32, m.reg(16));
        assertEquals(2, m.reg(17));
        assertEquals(Exceptions.RI, code(cause()));
        assertEquals(0x00400008, epc());
    }

    @Test
    void sdbbpEntersDebugMode() throws IOException {
        m.asm(0xBFC00480L, "li $v0, 0x55\n" + Bare.EXIT);
        m.asm(0x80001000L, "nop\n sdbbp\n");
        m.cpu.setStatus(0);
        m.cpu.setPc(0x80001000L);
        assertEquals(0x55, m.runToExit(1_000_000_000L));
        int debug = m.cpu.cp0(Cp0.DEBUG, 0);
        assertTrue((debug & Cp0.DBG_DM) != 0);
        assertTrue((debug & Cp0.DBG_DBP) != 0);
        assertEquals(0x80001004, m.cpu.cp0(Cp0.DEPC, 0));
    }

    @Test
    void deretReturnsFromDebugMode() throws IOException {
        m.asm(0xBFC00480L, """
                mfc0 $k0, $24            # DEPC
                addiu $k0, $k0, 4
                mtc0 $k0, $24
                addiu $s1, $s1, 1
                deret
                """);
        m.runKernel("""
                sdbbp
                li $s0, 7
                """);
        assertEquals(7, m.reg(16));
        assertEquals(1, m.reg(17));
        assertEquals(0, m.cpu.cp0(Cp0.DEBUG, 0) & Cp0.DBG_DM);
    }

    @Test
    void resetStartsAtTheBootVectorWithErlAndBev() throws IOException {
        m.cpu.reset();
        m.asm(0xBFC00000L, "mfc0 $s0, $12\n mfc0 $s1, $15\n mfc0 $s2, $16, 1\n li $v0, 1\n" + Bare.EXIT);
        m.runToExit(1_000_000_000L);
        assertEquals(Cp0.ST_BEV | Cp0.ST_ERL, m.reg(16));
        assertEquals(0x00019374, m.reg(17));
        assertEquals(0, m.reg(18) & MipsConfig.CONFIG1_FP, "no FPU");
        assertEquals(15, (m.reg(18) >>> 25) & 63, "16 JTLB entries");
    }

    @Test
    void traceReportsExceptionsAndInstructions() throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        var t = new org.socemu.core.machine.Trace();
        t.exc = true;
        t.insn = true;
        t.out = new java.io.PrintStream(out, true);
        m.cpu.setTrace(t);
        handler(SKIP);
        m.runKernel("""
                syscall
                li $s0, 1
                """);
        String log = out.toString();
        assertTrue(log.contains("cpu0: 80001000: 0000000c"), log);
        assertTrue(log.contains("cpu0: exception 8 at epc=80001000 -> 80000180"), log);
        assertTrue(log.contains("cpu0: 80000180: "), "the handler's instructions: " + log);
    }
}
