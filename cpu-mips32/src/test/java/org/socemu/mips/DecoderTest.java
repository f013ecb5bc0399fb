package org.socemu.mips;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socemu.core.mem.Endian;

/** Decoder table spot checks on hand-encoded words, and the few system ops not covered elsewhere. */
@Timeout(60)
class DecoderTest {
    @Test
    void encodingsDecodeToTheirOps() {
        assertEquals(Op.NOP, Decoder.decode(0x00000000));          // sll $0,$0,0
        assertEquals(Op.NOP, Decoder.decode(0x000000C0));          // ehb (sll $0,$0,3)
        assertEquals(Op.ADDU, Decoder.decode(0x00851021));         // addu $2,$4,$5
        assertEquals(Op.NOP, Decoder.decode(0x00850021));          // addu $0,$4,$5: no effect
        assertEquals(Op.ADD, Decoder.decode(0x00850020));          // add $0,$4,$5 still traps on overflow
        assertEquals(Op.ROTR, Decoder.decode(0x00221102));         // rotr $2,$2,4
        assertEquals(Op.SRL, Decoder.decode(0x00021102));          // srl $2,$2,4
        assertEquals(Op.ROTRV, Decoder.decode(0x00A21046));        // rotrv
        assertEquals(Op.JR, Decoder.decode(0x03E00408));           // jr.hb $ra
        assertEquals(Op.JALR, Decoder.decode(0x0320F809));         // jalr $t9
        assertEquals(Op.SYNC, Decoder.decode(0x0000000F | (0x10 << 6))); // sync 0x10
        assertEquals(Op.WAIT, Decoder.decode(0x42000020));
        assertEquals(Op.ERET, Decoder.decode(0x42000018));
        assertEquals(Op.DI, Decoder.decode(0x41606000));
        assertEquals(Op.EI, Decoder.decode(0x41606020));
        assertEquals(Op.RDHWR, Decoder.decode(0x7C03E83B));        // rdhwr $3,$29
        assertEquals(Op.EXT, Decoder.decode(0x7C8311C0 & ~0x3F));
        assertEquals(Op.SEB, Decoder.decode(0x7C021420));
        assertEquals(Op.COP_UNUSABLE, Decoder.decode(0x44020000)); // mfc1
        assertEquals(Op.COP_UNUSABLE, Decoder.decode(0x4C000021)); // COP1X
        assertEquals(Op.COP_UNUSABLE, Decoder.decode(0x00010001 | (2 << 21))); // movf
        assertEquals(Op.RESERVED, Decoder.decode(0x74000000));     // JALX: no MIPS16e
        assertEquals(Op.RESERVED, Decoder.decode(0xFC000000));
        assertEquals(Op.SYNCI, Decoder.decode(0x041F0000));
        assertEquals(Op.BGEZAL, Decoder.decode(0x04110003));
    }

    @Test
    void diEiAndShadowMoves() throws IOException {
        Bare m = new Bare(Endian.BIG);
        m.runKernel("""
                li $t0, 0xFF01
                mtc0 $t0, $12
                di $s0
                mfc0 $s1, $12
                ei $s2
                mfc0 $s3, $12
                li $t1, 1234
                rdpgpr $s4, $t1
                mtc0 $zero, $12
                """);
        assertEquals(0xFF01, m.reg(16));
        assertEquals(0xFF00, m.reg(17));
        assertEquals(0xFF00, m.reg(18));
        assertEquals(0xFF01, m.reg(19));
        assertEquals(1234, m.reg(20));
    }

    @Test
    void registerTrapsCompareSignedAndUnsigned() throws IOException {
        Bare m = new Bare(Endian.BIG);
        m.asm(0x80000180L, ExceptionTest.SKIP);
        m.runKernel("""
                li $t0, -1
                li $t1, 1
                tge $t1, $t0             # 1 >= -1: trap
                tgeu $t1, $t0            # 1 >= 0xffffffff unsigned: no
                tlt $t0, $t1             # trap
                tltu $t0, $t1            # no
                tgeiu $t0, -1            # 0xffffffff >= 0xffffffff: trap
                tlti $t1, 0              # no
                """);
        assertEquals(3, m.word(0x2010));
    }
}
