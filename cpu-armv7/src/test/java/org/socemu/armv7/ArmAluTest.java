package org.socemu.armv7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ArmAlu against values worked out from the ARM ARM pseudo-code; needs no toolchain. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ArmAluTest {
    private final CortexA7 s = new TestBoard(1 << 20).cpu;

    private String flags() {
        return (s.n ? "N" : "-") + (s.z ? "Z" : "-") + (s.c ? "C" : "-") + (s.v ? "V" : "-");
    }

    @Test
    void addWithCarryFlags() {
        assertEquals(0x80000000, ArmAlu.dataProc(s, ArmAlu.ADD, true, 0x7fffffff, 1));
        assertEquals("N--V", flags());
        assertEquals(0, ArmAlu.dataProc(s, ArmAlu.ADD, true, 0xffffffff, 1));
        assertEquals("-ZC-", flags());
        assertEquals(-1, ArmAlu.dataProc(s, ArmAlu.SUB, true, 0, 1));
        assertEquals("N---", flags(), "borrow clears C");
        ArmAlu.dataProc(s, ArmAlu.CMP, true, 5, 5);
        assertEquals("-ZC-", flags());
        ArmAlu.dataProc(s, ArmAlu.CMP, true, 0x80000000, 1);
        assertEquals("--CV", flags());
        s.c = false;
        assertEquals(-2, ArmAlu.dataProc(s, ArmAlu.SBC, true, 0, 1), "SBC with C clear subtracts one more");
        s.c = true;
        assertEquals(3, ArmAlu.dataProc(s, ArmAlu.ADC, false, 1, 1));
        assertEquals(4, ArmAlu.dataProc(s, ArmAlu.RSB, false, 1, 5));
    }

    @Test
    void logicalOpsTakeCarryFromTheShifter() {
        s.c = false;
        int b = ArmAlu.shiftImm(s, 0x80000001, ArmAlu.LSL, 1);
        assertEquals(2, b);
        ArmAlu.dataProc(s, ArmAlu.MOV, true, 0, b);
        assertEquals("--C-", flags());
        s.v = true;
        ArmAlu.dataProc(s, ArmAlu.AND, true, 0, ArmAlu.shiftImm(s, 1, ArmAlu.LSR, 1));
        assertEquals("-ZCV", flags(), "V unchanged by logical ops");
    }

    @Test
    void shifterEdgeCases() {
        s.c = false;
        assertEquals(0, ArmAlu.shiftImm(s, 0x80000000, ArmAlu.LSR, 0)); // LSR #32
        assertTrue(s.shc);
        assertEquals(-1, ArmAlu.shiftImm(s, 0x80000000, ArmAlu.ASR, 0)); // ASR #32
        assertTrue(s.shc);
        s.c = true;
        assertEquals(0x80000000, ArmAlu.shiftImm(s, 0, ArmAlu.ROR, 0)); // RRX
        assertFalse(s.shc);
        assertEquals(0, ArmAlu.shiftReg(s, 1, ArmAlu.LSL, 32));
        assertTrue(s.shc, "LSL by 32: carry is bit 0");
        assertEquals(0, ArmAlu.shiftReg(s, 1, ArmAlu.LSL, 33));
        assertFalse(s.shc);
        assertEquals(0x80000000, ArmAlu.shiftReg(s, 0x80000000, ArmAlu.ROR, 32));
        assertTrue(s.shc, "ROR by 32: carry is bit 31");
        s.c = true;
        assertEquals(5, ArmAlu.shiftReg(s, 5, ArmAlu.ASR, 256)); // only the bottom byte counts: 0
        assertTrue(s.shc, "shift by 0: carry unchanged");
    }

    @Test
    void modifiedImmediates() {
        s.c = false;
        assertEquals(0xff000000, ArmAlu.armExpandImm(s, 0x4ff));
        assertTrue(s.shc);
        assertEquals(0x00ab00ab, ArmAlu.thumbExpandImm(s, 0x1ab));
        assertEquals(0xabababab, ArmAlu.thumbExpandImm(s, 0x3ab));
        assertEquals(0x80000000, ArmAlu.thumbExpandImm(s, 0x400)); // 1:0000000 rotated right by 8
        assertTrue(s.shc);
        assertEquals(0x40000000, ArmAlu.thumbExpandImm(s, 0x480)); // rotated right by 9
        assertFalse(s.shc);
    }

    @Test
    void saturationSetsQ() {
        s.q = false;
        assertEquals(127, ArmAlu.signedSat(s, 300, 8));
        assertTrue(s.q);
        s.q = false;
        assertEquals(0, ArmAlu.unsignedSat(s, -5, 8));
        assertTrue(s.q);
        s.q = false;
        assertEquals(Integer.MAX_VALUE, ArmAlu.qadd(s, Integer.MAX_VALUE, 1));
        assertTrue(s.q);
    }

    @Test
    void simdArithmeticAndGe() {
        // UADD8: bytes 80+80, 01+ff, 80+7f, 01+ff -> 00 (carry), 00 (carry), ff, 00 (carry)
        assertEquals(0x00ff0000, ArmAlu.parallel(s, 5, 4, 0x01800180, 0xff7fff80));
        assertEquals(0b1011, s.ge);
        // QADD16: 0x7fff + 1 saturates to 0x7fff, -32768 + -32768 to -32768
        assertEquals(0x7fff8000, ArmAlu.parallel(s, 2, 0, 0x7fff8000, 0x00018000));
        // SEL with GE = 1010: bytes 1 and 3 from the first operand
        assertEquals(0xaa22cc44, ArmAlu.sel(withGe(0b1010), 0xaabbccdd, 0x11223344));
        // USAD8: |05-01| + |0a-0e| + |00-00| + |00-ff|
        assertEquals(4 + 4 + 0 + 255, ArmAlu.usad8(0x00000a05, 0xff000e01));
    }

    private CortexA7 withGe(int ge) {
        s.ge = ge;
        return s;
    }

    @Test
    void bitsAndDivision() {
        assertEquals(0x3412, ArmAlu.rev16(0x1234) & 0xffff);
        assertEquals(0xffff8012, ArmAlu.revsh(0x1280));
        assertEquals(0x5, ArmAlu.ubfx(0xf5, 0, 3));
        assertEquals(-3, ArmAlu.sbfx(0xd0, 4, 3));
        assertEquals(0xffff00ff, ArmAlu.bfi(0xffffffff, 0, 8, 15));
        assertEquals(0, ArmAlu.sdiv(7, 0));
        assertEquals(Integer.MIN_VALUE, ArmAlu.sdiv(Integer.MIN_VALUE, -1));
        assertEquals(0x7fffffff, ArmAlu.udiv(-1, 2));
        assertEquals(-2, ArmAlu.sdiv(-7, 3), "rounds toward zero");
    }
}
