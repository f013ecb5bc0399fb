package org.socemu.mips;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socemu.core.mem.Endian;

/** Branches, jumps, links and their delay slots, including branch-likely nullification. */
@Timeout(60)
class BranchTest {
    private final Bare m = new Bare(Endian.BIG);

    @Test
    void delaySlotRunsOnTakenAndNotTakenBranches() throws IOException {
        m.runKernel("""
                li $t0, 1
                beq $t0, $t0, 1f
                addiu $s0, $zero, 5      # delay slot: runs
                addiu $s1, $zero, 99     # skipped
            1:  bne $t0, $t0, 2f
                addiu $s2, $zero, 6      # delay slot of a not-taken branch: runs
                addiu $s3, $zero, 7
            2:  nop
                """);
        assertEquals(5, m.reg(16));
        assertEquals(0, m.reg(17));
        assertEquals(6, m.reg(18));
        assertEquals(7, m.reg(19));
    }

    @Test
    void branchLikelyNullifiesItsSlotWhenNotTaken() throws IOException {
        m.runKernel("""
                li $t0, 1
                beql $t0, $zero, 1f
                addiu $s0, $zero, 5      # nullified
                bnel $t0, $zero, 1f
                addiu $s1, $zero, 6      # runs (taken)
                addiu $s2, $zero, 7      # skipped
            1:  blezl $t0, 2f
                addiu $s3, $zero, 8      # nullified
                bgtzl $t0, 2f
                addiu $s4, $zero, 9
            2:  nop
                """);
        assertEquals(0, m.reg(16));
        assertEquals(6, m.reg(17));
        assertEquals(0, m.reg(18));
        assertEquals(0, m.reg(19));
        assertEquals(9, m.reg(20));
    }

    @Test
    void jumpsAndLinks() throws IOException {
        m.runKernel("""
                jal sub1
                addiu $s0, $zero, 1      # delay slot
                la $t9, sub2
                jalr $t9
                addiu $s1, $zero, 2
                bgezal $zero, sub3
                nop
                bltzal $zero, sub3       # not taken, but links
                nop
                move $s4, $ra
                b done
                nop
            sub1: jr $ra
                addiu $s2, $s0, 10
            sub2: jr $ra
                addiu $s3, $s1, 20
            sub3: jr $ra
                addiu $s5, $s5, 1
            done: nop
                """);
        assertEquals(1, m.reg(16));
        assertEquals(2, m.reg(17));
        assertEquals(11, m.reg(18));
        assertEquals(22, m.reg(19));
        assertEquals(1, m.reg(21));
        assertEquals(0x80001000 + 4 * 8 + 8, m.reg(20)); // return address of the bltzal
    }

    @Test
    void loopCountsExactly() throws IOException {
        m.runKernel("""
                li $t0, 1000
                move $s0, $zero
            1:  addiu $t0, $t0, -1
                bnez $t0, 1b
                addiu $s0, $s0, 3
                """);
        assertEquals(3000, m.reg(16));
    }

    @Test
    void branchInADelaySlotRunsAsNotTaken() throws IOException {
        // barebox's cache init has a never-taken blez in a delay slot; it must not trap.
        m.runKernel("""
                li $t0, 1
                b 1f
                blez $t0, 2f
                addiu $s0, $zero, 1
            1:  addiu $s1, $zero, 2
            2:  nop
                """);
        assertEquals(0, m.reg(16));
        assertEquals(2, m.reg(17));
    }

    @Test
    void delaySlotOnTheNextPageRuns() throws IOException {
        // The branch is the last word of a page; its delay slot is the first word of the next.
        StringBuilder src = new StringBuilder("li $t0, 0\n b 8f\n nop\n .org 0xFFC\n 8: b 7f\n addiu $t0, $t0, 42\n addiu $t0, $t0, 1000\n 7: move $s0, $t0\n");
        m.runKernel(src.toString());
        assertEquals(42, m.reg(16));
    }
}
