package org.socemu.mips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socemu.core.mem.Endian;

/** The JTLB instructions, refill/invalid/modified exceptions and their vectors, ASIDs. */
@Timeout(60)
class TlbTest {
    private final Bare m = new Bare(Endian.BIG);

    private static int code(int cause) { return (cause >>> 2) & 31; }

    /** TLBWI of va 0x00400000 -> phys 0x200000 (even) / 0x201000 (odd, read-only) for ASID 5. */
    static final String MAP = """
            li $t0, 0x00400005
            mtc0 $t0, $10            # EntryHi: VPN2, ASID 5
            li $t0, (0x200000 >> 6) | 0x1E   # PFN, C=3, D, V
            mtc0 $t0, $2
            li $t0, (0x201000 >> 6) | 0x1A   # PFN, C=3, V (not dirty)
            mtc0 $t0, $3
            mtc0 $zero, $5
            li $t0, 3
            mtc0 $t0, $0
            tlbwi
            """;

    @Test
    void mappedAccessAndProbeAndRead() throws IOException {
        m.runKernel(MAP + """
                li $t1, 0x00400010
                li $t2, 0xCAFE
                sw $t2, 0($t1)
                lw $s0, 0($t1)
                mtc0 $zero, $0
                tlbp
                mfc0 $s1, $0             # index 3
                li $t0, 0x00800005
                mtc0 $t0, $10
                tlbp
                mfc0 $s2, $0             # P set: no match
                li $t0, 3
                mtc0 $t0, $0
                tlbr
                mfc0 $s3, $10
                mfc0 $s4, $3
                """);
        assertEquals(0xCAFE, m.reg(16));
        assertEquals(0xCAFE, m.word(0x200010));
        assertEquals(3, m.reg(17));
        assertTrue(m.reg(18) < 0);
        assertEquals(0x00400005, m.reg(19));
        assertEquals((0x201000 >> 6) | 0x1A, m.reg(20));
    }

    @Test
    void refillGoesToEbaseWithBadVAddrContextAndEntryHi() throws IOException {
        m.asm(0x80000000L, """
                mfc0 $s0, $8
                mfc0 $s1, $4
                mfc0 $s2, $10
                mfc0 $s3, $14
                mfc0 $s4, $13
                li $v0, 0x42
                """ + Bare.EXIT);
        assertEquals(0x42, m.runKernel(MAP + """
                li $t0, 0x80800000
                mtc0 $t0, $4             # Context.PTEBase
                li $t1, 0x00812344
                lw $t2, 0($t1)
                """));
        assertEquals(0x00812344, m.reg(16));
        assertEquals(0x80800000 | ((0x00812344 >>> 9) & 0x7FFFF0), m.reg(17));
        assertEquals(0x00812000 | 5, m.reg(18));
        assertEquals(Exceptions.TLBL, code(m.reg(20)));
        assertEquals(0x80001000 + 4 * 15, m.reg(19));
    }

    @Test
    void rewritingAnEntryRetiresItsOldMapping() throws IOException {
        m.view.write(0x300010, 4, 0x3333);
        m.runKernel(MAP + """
                li $t1, 0x00400010
                lw $s0, 0($t1)           # through the old mapping (phys 0x200010), now in the soft TLB
                li $t0, (0x300000 >> 6) | 0x1E
                mtc0 $t0, $2
                tlbwi                    # same index, same VPN2, new PFN
                lw $s1, 0($t1)
                li $t0, 1
                mtc0 $t0, $0
                tlbwi                    # index 1 now maps it; index 3 still does too (first match wins)
                li $t0, 0x00800005       # entry 3 moves away: the VA must still map through index 1
                mtc0 $t0, $10
                li $t0, 3
                mtc0 $t0, $0
                tlbwi
                lw $s2, 0($t1)
                """);
        assertEquals(0, m.reg(16));
        assertEquals(0x3333, m.reg(17));
        assertEquals(0x3333, m.reg(18));
    }

    @Test
    void supervisorModeSeesSsegButNotKseg0() throws IOException {
        m.asm(0x80000180L, ExceptionTest.STOP);
        // sseg page 0xC0000000 -> phys 0x00300000, and kuseg 0 -> phys 0x1000 for the code
        m.cpu.writeTlb(0, 0xC0000000, (0x300000 >> 12) << 6 | 0x7, (0x301000 >> 12) << 6 | 0x7, 0);
        m.cpu.writeTlb(1, 0x00000000, (0x1000 >> 12) << 6 | 0x7, (0x2000 >> 12) << 6 | 0x7, 0);
        m.view.write(0x300000, 4, 0x5555);
        m.asm(0x80001000L, """
                lui $t0, 0xC000
                lw $s0, 0($t0)           # sseg: fine in supervisor mode
                lui $t0, 0x8000
                lw $s1, 0($t0)           # kseg0: address error
                """);
        m.cpu.setStatus(0x08);           // KSU = supervisor
        m.cpu.setPc(0);
        m.runToExit(1_000_000_000L);
        assertEquals(0x5555, m.reg(16));
        assertEquals(Exceptions.ADEL, code(m.word(0x2000)));
        assertEquals(0x80000000, m.word(0x2008));
    }

    @Test
    void erlLeavesKusegUnmapped() throws IOException {
        m.view.write(0x100000, 4, 0x1234);
        m.runKernel("""
                li $t0, 4                # ERL
                mtc0 $t0, $12
                lui $t1, 0x0010
                lw $s0, 0($t1)           # kuseg = physical while ERL
                mtc0 $zero, $12
                """);
        assertEquals(0x1234, m.reg(16));
    }

    @Test
    void refillVectorFollowsEbase() throws IOException {
        m.asm(0x80004000L, "li $v0, 0x44\n" + Bare.EXIT);
        m.asm(0x80000000L, "li $v0, 0x42\n" + Bare.EXIT);
        assertEquals(0x44, m.runKernel("""
                li $t0, 0x80004000
                mtc0 $t0, $15, 1         # EBase
                lw $t1, 0($zero)         # kuseg miss
                """));
    }

    @Test
    void otherAsidMissesAndGlobalMatches() throws IOException {
        m.asm(0x80000000L, "li $v0, 0x42\n" + Bare.EXIT);
        assertEquals(0x42, m.runKernel(MAP + """
                li $t0, 6
                mtc0 $t0, $10            # ASID 6: entry 3 (ASID 5) must not match
                li $t1, 0x00400010
                lw $t2, 0($t1)
                li $v0, 1
                """));
    }

    @Test
    void invalidAndModifiedUseTheGeneralVector() throws IOException {
        m.asm(0x80000180L, ExceptionTest.SKIP);
        m.runKernel(MAP + """
                li $t1, 0x00401000       # odd page: valid, not dirty
                lw $s0, 0($t1)
                sw $s0, 0($t1)           # TLB modified
                li $t0, 0x00600005
                mtc0 $t0, $10
                li $t0, (0x300000 >> 6)  # V = 0
                mtc0 $t0, $2
                mtc0 $t0, $3
                li $t0, 4
                mtc0 $t0, $0
                tlbwi
                li $t1, 0x00600000
                lw $s1, 0($t1)           # TLB invalid
                """);
        assertEquals(2, m.word(0x2010));
        assertEquals(Exceptions.TLBL, code(m.word(0x2000)));
        assertEquals(0x00600000, m.word(0x2008));
    }

    @Test
    void refillWithExlSetUsesTheGeneralVector() throws IOException {
        m.asm(0x80000180L, "mfc0 $s0, $13\n li $v0, 0x43\n" + Bare.EXIT);
        m.asm(0x80000000L, "li $v0, 0x42\n" + Bare.EXIT);
        assertEquals(0x43, m.runKernel("""
                li $t0, 2
                mtc0 $t0, $12            # EXL
                lui $t1, 0xC000
                lw $t2, 0($t1)           # kseg2 miss while EXL
                """));
        assertEquals(Exceptions.TLBL, code(m.reg(16)));
    }
}
