package org.socemu.mips;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.socemu.core.mem.Endian;

/** Loads and stores of every width, unaligned word pairs and LL/SC, in both byte orders. */
@Timeout(60)
class MemoryTest {
    @ParameterizedTest
    @EnumSource(Endian.class)
    void loadsAndStores(Endian e) throws IOException {
        Bare m = new Bare(e);
        m.runKernel("""
                li $a0, 0x80100000
                li $t0, 0x8899AABB
                sw $t0, 0($a0)
                lb $s0, 0($a0)
                lbu $s1, 0($a0)
                lh $s2, 2($a0)
                lhu $s3, 2($a0)
                lw $s4, 0($a0)
                sb $t0, 4($a0)
                sh $t0, 6($a0)
                lw $s5, 4($a0)
                li $a1, 0xA0100000       # the same memory through KSEG1
                lw $s6, 0($a1)
                """);
        boolean be = e == Endian.BIG;
        assertEquals(be ? (byte) 0x88 : (byte) 0xBB, m.reg(16));
        assertEquals(be ? 0x88 : 0xBB, m.reg(17));
        assertEquals(be ? (short) 0xAABB : (short) 0x8899, m.reg(18));
        assertEquals(be ? 0xAABB : 0x8899, m.reg(19));
        assertEquals(0x8899AABB, m.reg(20));
        assertEquals(be ? 0xBB00AABB : 0xAABB00BB, m.reg(21));
        assertEquals(0x8899AABB, m.reg(22));
        assertEquals(0x8899AABB, m.word(0x100000));
    }

    @ParameterizedTest
    @EnumSource(Endian.class)
    void unalignedWordPairs(Endian e) throws IOException {
        Bare m = new Bare(e);
        m.runKernel("""
                li $a0, 0x80100000
                li $t0, 0x00010203
                sw $t0, 0($a0)
                li $t0, 0x04050607
                sw $t0, 4($a0)
                li $s0, 0
                ulw $s0, 1($a0)          # lwl/lwr pair
                li $t1, 0xA1B2C3D4
                usw $t1, 9($a0)          # swl/swr pair
                lw $s1, 8($a0)
                lw $s2, 12($a0)
                li $s3, 0x11111111
                lwl $s3, 2($a0)
                li $s4, 0x11111111
                lwr $s4, 2($a0)
                """);
        boolean be = e == Endian.BIG;
        // memory bytes at 0..7 as the CPU stored them
        assertEquals(be ? 0x01020304 : 0x07000102, m.reg(16));
        if (be) {
            assertEquals(0x00A1B2C3, m.reg(17));
            assertEquals(0xD4000000, m.reg(18));
            assertEquals(0x02031111, m.reg(19));
            assertEquals(0x11000102, m.reg(20));
        } else {
            assertEquals(0xB2C3D400, m.reg(17));
            assertEquals(0x000000A1, m.reg(18));
            assertEquals(0x01020311, m.reg(19));
            assertEquals(0x11110001, m.reg(20));
        }
    }

    @ParameterizedTest
    @EnumSource(Endian.class)
    void linkedLoadAndStoreConditional(Endian e) throws IOException {
        Bare m = new Bare(e);
        m.runKernel("""
                li $a0, 0x80100000
                li $t0, 5
                sw $t0, 0($a0)
                ll $t1, 0($a0)
                addiu $t1, $t1, 1
                sc $t1, 0($a0)
                move $s0, $t1            # 1: success
                lw $s1, 0($a0)
                li $t1, 77
                sc $t1, 0($a0)           # no link any more
                move $s2, $t1
                lw $s3, 0($a0)
                """);
        assertEquals(1, m.reg(16));
        assertEquals(6, m.reg(17));
        assertEquals(0, m.reg(18));
        assertEquals(6, m.reg(19));
    }

    @ParameterizedTest
    @EnumSource(Endian.class)
    void clearExclusiveBreaksTheLink(Endian e) throws IOException {
        Bare m = new Bare(e);
        m.asm(0x80001000L, """
                li $a0, 0x80100000
                ll $t1, 0($a0)
                lui $k1, 0xbf00
                sw $zero, 4($k1)         # stop here: another core "runs"
                b 1f                     # end the block so the run stops here
                nop
            1:
                li $t1, 9
                sc $t1, 0($a0)
                move $s0, $t1
                li $v0, 1
                """ + Bare.EXIT);
        m.cpu.setStatus(0);
        m.cpu.setPc(0x80001000L);
        m.runToExit(1_000_000_000L);
        m.cpu.clearExclusive();
        m.dev.exitCode = null;
        m.runToExit(1_000_000_000L);
        assertEquals(0, m.reg(16));
        assertEquals(0, m.word(0x100000));
    }
}
