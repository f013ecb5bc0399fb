package org.socemu.armv7;

import java.util.ArrayList;
import java.util.List;

/**
 * The Thumb decode tables (ARM ARM A6.2 for 16-bit, A6.3 for 32-bit encodings): ordered (mask,
 * value) patterns, first match wins. Handlers are written against {@link ArmCore}, and the
 * profile-specific encodings (MSR/MRS/CPS, coprocessors, exception return) go through ArmCore's
 * abstract methods, so the Cortex-M4 uses this decoder unchanged.
 */
public final class ThumbDecoder {
    private ThumbDecoder() {}

    private record Pattern(int mask, int value, String name, ThumbOp op) {}

    private static final List<Pattern> T16 = new ArrayList<>();
    private static final List<Pattern> T32 = new ArrayList<>();

    private static void p16(int mask, int value, String name, ThumbOp op) {
        T16.add(new Pattern(mask, value, name, op));
    }

    private static void p32(int mask, int value, String name, ThumbOp op) {
        T32.add(new Pattern(mask, value, name, op));
    }

    static {
        p16(0xf800, 0x1800, "ADD/SUB (3-bit)", Thumb16::addSub3);
        p16(0xe000, 0x0000, "LSL/LSR/ASR (imm)", Thumb16::shiftImm);
        p16(0xe000, 0x2000, "MOV/CMP/ADD/SUB (imm8)", Thumb16::imm8);
        p16(0xfc00, 0x4000, "data-processing", Thumb16::dataProc);
        p16(0xfc00, 0x4400, "ADD/CMP/MOV (high), BX, BLX", Thumb16::special);
        p16(0xf800, 0x4800, "LDR (literal)", Thumb16::ldrLiteral);
        p16(0xf000, 0x5000, "load/store (register)", Thumb16::loadStoreReg);
        p16(0xe000, 0x6000, "LDR/STR/LDRB/STRB (imm)", Thumb16::loadStoreImm);
        p16(0xf000, 0x8000, "LDRH/STRH (imm)", Thumb16::loadStoreHalf);
        p16(0xf000, 0x9000, "LDR/STR (SP)", Thumb16::loadStoreSp);
        p16(0xf800, 0xa000, "ADR", Thumb16::adr);
        p16(0xf800, 0xa800, "ADD (SP + imm)", Thumb16::addSpImm);
        p16(0xff00, 0xb000, "ADD/SUB SP", Thumb16::adjustSp);
        p16(0xf500, 0xb100, "CBZ/CBNZ", Thumb16::cbz);
        p16(0xff00, 0xb200, "SXTH/SXTB/UXTH/UXTB", Thumb16::extend);
        p16(0xfe00, 0xb400, "PUSH", Thumb16::push);
        p16(0xffe8, 0xb660, "CPS", Thumb16::system);
        p16(0xff00, 0xba00, "REV/REV16/REVSH", Thumb16::reverse);
        p16(0xfe00, 0xbc00, "POP", Thumb16::pop);
        p16(0xff00, 0xbe00, "BKPT", Thumb16::bkpt);
        p16(0xff00, 0xbf00, "IT/hints", Thumb16::itOrHint);
        p16(0xf800, 0xc000, "STM", Thumb16::stm);
        p16(0xf800, 0xc800, "LDM", Thumb16::ldm);
        p16(0xff00, 0xde00, "UDF", Thumb16::undefined);
        p16(0xff00, 0xdf00, "SVC", Thumb16::svc);
        p16(0xf000, 0xd000, "B<cond>", Thumb16::bCond);
        p16(0xf800, 0xe000, "B", Thumb16::b);
        p16(0x0000, 0x0000, "undefined", Thumb16::undefined);

        // load/store multiple, dual, exclusive, table branch
        p32(0xffc00000, 0xe8800000, "LDM/STM (IA)", Thumb32::multiple);
        p32(0xffc00000, 0xe9000000, "LDMDB/STMDB", Thumb32::multiple);
        p32(0xfe400000, 0xe8000000, "SRS/RFE", Thumb32::system);
        p32(0xfff00000, 0xe8400000, "STREX", Thumb32::strex);
        p32(0xfff00000, 0xe8500000, "LDREX", Thumb32::ldrex);
        p32(0xfff000c0, 0xe8c00040, "STREXB/H/D", Thumb32::strexSized);
        p32(0xfff00000, 0xe8d00000, "TBB/TBH/LDREXB/H/D", Thumb32::ldrexOrTable);
        p32(0xfe400000, 0xe8400000, "LDRD/STRD", Thumb32::dual);
        p32(0xfe000000, 0xea000000, "data-processing (shifted register)", Thumb32::dpShiftedReg);
        p32(0xec000000, 0xec000000, "coprocessor, VFP, Advanced SIMD", Thumb32::coprocessor);
        // data processing (immediates)
        p32(0xfa008000, 0xf0000000, "data-processing (modified immediate)", Thumb32::dpModImm);
        p32(0xfbf08000, 0xf2000000, "ADDW/ADR", Thumb32::addw);
        p32(0xfbf08000, 0xf2400000, "MOVW", Thumb32::movw);
        p32(0xfbf08000, 0xf2a00000, "SUBW/ADR", Thumb32::subw);
        p32(0xfbf08000, 0xf2c00000, "MOVT", Thumb32::movt);
        p32(0xfbd08000, 0xf3000000, "SSAT/SSAT16", Thumb32::sat);
        p32(0xfbd08000, 0xf3800000, "USAT/USAT16", Thumb32::sat);
        p32(0xfbf08000, 0xf3400000, "SBFX", Thumb32::sbfx);
        p32(0xfbf08000, 0xf3600000, "BFI/BFC", Thumb32::bfi);
        p32(0xfbf08000, 0xf3c00000, "UBFX", Thumb32::ubfx);
        p32(0xfa008000, 0xf2000000, "plain-immediate undefined", Thumb32::undefined);
        // branches and miscellaneous control
        p32(0xf800d000, 0xf000d000, "BL", Thumb32::bl);
        p32(0xf800d000, 0xf000c000, "BLX (imm)", Thumb32::blx);
        p32(0xf800d000, 0xf0009000, "B.W", Thumb32::b);
        p32(0xfb80d000, 0xf3808000, "MSR/MRS/CPS/hints/SUBS PC,LR/SMC", Thumb32::system);
        p32(0xf800d000, 0xf0008000, "B<cond>.W", Thumb32::bCond);
        // loads and stores
        p32(0xff100000, 0xf9000000, "Advanced SIMD load/store", Thumb32::coprocessor);
        p32(0xff100000, 0xf8000000, "STR/STRB/STRH", Thumb32::single);
        p32(0xfe100000, 0xf8100000, "LDR/LDRB/LDRH/LDRSB/LDRSH/PLD", Thumb32::single);
        // data processing (register), multiplies
        p32(0xff80f0f0, 0xfa00f000, "LSL/LSR/ASR/ROR (register)", Thumb32::shiftReg);
        p32(0xff80f0c0, 0xfa00f080, "SXTA/UXTA", Thumb32::extend);
        p32(0xff80f080, 0xfa80f000, "parallel add/sub", Thumb32::parallel);
        p32(0xffc0f0c0, 0xfa80f080, "QADD/REV/SEL/CLZ", Thumb32::misc);
        p32(0xff8000c0, 0xfb000000, "MUL/MLA/MLS/SMLA/SMMUL/USAD8", Thumb32::multiply);
        p32(0xff800000, 0xfb800000, "long multiply, divide", Thumb32::longMultiply);
        p32(0x00000000, 0x00000000, "undefined", Thumb32::undefined);
    }

    public static ThumbOp decode16(int hw) {
        for (Pattern p : T16) if ((hw & p.mask) == p.value) return p.op;
        return Thumb16::undefined;
    }

    public static ThumbOp decode32(int insn) {
        for (Pattern p : T32) if ((insn & p.mask) == p.value) return p.op;
        return Thumb32::undefined;
    }

    /** The matching table entry's name (tests, traces). */
    public static String name(int insn, boolean wide) {
        for (Pattern p : wide ? T32 : T16) if ((insn & p.mask) == p.value) return p.name;
        return "undefined";
    }
}
