package org.socemu.mips;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socemu.core.mem.Endian;

/** ALU, shifts, HI/LO multiply/divide and the release 2 bit instructions. */
@Timeout(60)
class AluTest {
    private final Bare m = new Bare(Endian.BIG);

    @Test
    void arithmeticAndLogic() throws IOException {
        m.runKernel("""
                li $t0, 0x12345678
                li $t1, 0xF0F0F0F0
                addu $s0, $t0, $t1
                subu $s1, $t0, $t1
                and $s2, $t0, $t1
                or $s3, $t0, $t1
                xor $s4, $t0, $t1
                nor $s5, $t0, $t1
                slt $s6, $t1, $t0
                sltu $s7, $t1, $t0
                addiu $t2, $t0, -1
                slti $t3, $t1, -5
                sltiu $t4, $t0, -1
                andi $t5, $t1, 0xFF0F
                ori $t6, $zero, 0x8001
                xori $t7, $t0, 0xFFFF
                addu $zero, $t0, $t1
                """);
        assertEquals(0x12345678 + 0xF0F0F0F0, m.reg(16));
        assertEquals(0x12345678 - 0xF0F0F0F0, m.reg(17));
        assertEquals(0x12345678 & 0xF0F0F0F0, m.reg(18));
        assertEquals(0x12345678 | 0xF0F0F0F0, m.reg(19));
        assertEquals(0x12345678 ^ 0xF0F0F0F0, m.reg(20));
        assertEquals(~(0x12345678 | 0xF0F0F0F0), m.reg(21));
        assertEquals(1, m.reg(22));
        assertEquals(0, m.reg(23));
        assertEquals(0x12345677, m.reg(10));
        assertEquals(1, m.reg(11));
        assertEquals(1, m.reg(12));
        assertEquals(0xF000, m.reg(13));
        assertEquals(0x8001, m.reg(14));
        assertEquals(0x1234A987, m.reg(15));
        assertEquals(0, m.reg(0));
    }

    @Test
    void shiftsAndRotates() throws IOException {
        m.runKernel("""
                li $t0, 0x80000011
                li $t1, 36
                sll $s0, $t0, 4
                srl $s1, $t0, 4
                sra $s2, $t0, 4
                rotr $s3, $t0, 4
                sllv $s4, $t0, $t1
                srlv $s5, $t0, $t1
                srav $s6, $t0, $t1
                rotrv $s7, $t0, $t1
                """);
        assertEquals(0x00000110, m.reg(16));
        assertEquals(0x08000001, m.reg(17));
        assertEquals(0xF8000001, m.reg(18));
        assertEquals(0x18000001, m.reg(19));
        assertEquals(0x00000110, m.reg(20));
        assertEquals(0x08000001, m.reg(21));
        assertEquals(0xF8000001, m.reg(22));
        assertEquals(0x18000001, m.reg(23));
    }

    @Test
    void multiplyDivideAndAccumulate() throws IOException {
        m.runKernel("""
                li $t0, -7
                li $t1, 3
                mult $t0, $t1
                mfhi $s0
                mflo $s1
                multu $t0, $t1
                mfhi $s2
                mflo $s3
                div $zero, $t0, $t1
                mfhi $s4
                mflo $s5
                divu $zero, $t0, $t1
                mfhi $s6
                mflo $s7
                mul $t2, $t0, $t1
                li $t3, 1
                mtlo $t3
                mthi $zero
                madd $t0, $t1
                mflo $t4
                mfhi $t5
                msubu $t0, $t1
                mflo $t6
                mfhi $t7
                """);
        assertEquals(-1, m.reg(16));
        assertEquals(-21, m.reg(17));
        long u = 0xFFFFFFF9L * 3;
        assertEquals((int) (u >>> 32), m.reg(18));
        assertEquals((int) u, m.reg(19));
        assertEquals(-1, m.reg(20));
        assertEquals(-2, m.reg(21));
        assertEquals(Integer.remainderUnsigned(-7, 3), m.reg(22));
        assertEquals(Integer.divideUnsigned(-7, 3), m.reg(23));
        assertEquals(-21, m.reg(10));
        assertEquals(-20, m.reg(12));
        assertEquals(-1, m.reg(13));
        long acc = -20L - u;
        assertEquals((int) acc, m.reg(14));
        assertEquals((int) (acc >>> 32), m.reg(15));
    }

    @Test
    void bitInstructions() throws IOException {
        m.runKernel("""
                li $t0, 0x00F0FF80
                clz $s0, $t0
                clo $s1, $t0
                li $t1, -1
                clo $s2, $t1
                clz $s3, $zero
                seb $s4, $t0
                seh $s5, $t0
                wsbh $s6, $t0
                ext $s7, $t0, 4, 12
                li $t2, 0x11111111
                ins $t2, $t0, 8, 8
                ext $t3, $t0, 0, 32
                """);
        assertEquals(8, m.reg(16));
        assertEquals(0, m.reg(17));
        assertEquals(32, m.reg(18));
        assertEquals(32, m.reg(19));
        assertEquals(0xFFFFFF80, m.reg(20));
        assertEquals(0xFFFFFF80, m.reg(21));
        assertEquals(0xF00080FF, m.reg(22));
        assertEquals(0xFF8, m.reg(23));
        assertEquals(0x11118011, m.reg(10));
        assertEquals(0x00F0FF80, m.reg(11));
    }

    @Test
    void conditionalMoves() throws IOException {
        m.runKernel("""
                li $t0, 5
                li $t1, 7
                li $s0, 1
                li $s1, 1
                movz $s0, $t0, $zero
                movn $s1, $t1, $zero
                """);
        assertEquals(5, m.reg(16));
        assertEquals(1, m.reg(17));
    }
}
