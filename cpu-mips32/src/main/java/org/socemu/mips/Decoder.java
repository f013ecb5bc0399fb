package org.socemu.mips;

import java.util.ArrayList;
import java.util.List;

/**
 * The MIPS32r2 (24Kc) instruction decoder: a table of (mask, match) patterns, one line per
 * instruction as the MIPS32 Instruction Set manual lists them, grouped by primary opcode so a
 * lookup scans only a handful of entries. Decoding happens once per decoded block, not per
 * executed instruction.
 */
final class Decoder {
    /** Which instruction field names the destination of an op without side effects. */
    private enum Dest { NONE, RD, RT }

    private record Pattern(int mask, int match, Op op, Dest dest) {}

    private static final int OPC = 0xFC000000;
    private static final int SPECIAL = OPC | 0x3F;
    private static final int REGIMM = OPC | 0x001F0000;
    private static final int COP0_RS = OPC | 0x03E00000;
    private static final int COP0_CO = OPC | 0x02000000 | 0x3F;

    @SuppressWarnings("unchecked")
    private static final List<Pattern>[] BY_OPCODE = new List[64];

    static {
        // SPECIAL (opcode 0), by function field
        p(SPECIAL | 0x03E00000, 0x00000000, Op.SLL, Dest.RD);
        p(SPECIAL | 0x03E00000, 0x00000002, Op.SRL, Dest.RD);
        p(SPECIAL | 0x03E00000, 0x00200002, Op.ROTR, Dest.RD);
        p(SPECIAL | 0x03E00000, 0x00000003, Op.SRA, Dest.RD);
        p(SPECIAL | 0x7C0, 0x00000004, Op.SLLV, Dest.RD);
        p(SPECIAL | 0x7C0, 0x00000006, Op.SRLV, Dest.RD);
        p(SPECIAL | 0x7C0, 0x00000046, Op.ROTRV, Dest.RD);
        p(SPECIAL | 0x7C0, 0x00000007, Op.SRAV, Dest.RD);
        p(SPECIAL | 0x001FF800, 0x00000008, Op.JR, Dest.NONE); // hint bits 10:6 ignored (JR.HB)
        p(SPECIAL | 0x001F0000, 0x00000009, Op.JALR, Dest.NONE);
        p(SPECIAL | 0x7C0, 0x0000000A, Op.MOVZ, Dest.RD);
        p(SPECIAL | 0x7C0, 0x0000000B, Op.MOVN, Dest.RD);
        p(SPECIAL, 0x00000001, Op.COP_UNUSABLE, Dest.NONE); // MOVF/MOVT need the FPU
        p(SPECIAL, 0x0000000C, Op.SYSCALL, Dest.NONE);
        p(SPECIAL, 0x0000000D, Op.BREAK, Dest.NONE);
        p(SPECIAL | 0x03FFF800, 0x0000000F, Op.SYNC, Dest.NONE);
        p(SPECIAL | 0x03FF07C0, 0x00000010, Op.MFHI, Dest.RD);
        p(SPECIAL | 0x001FFFC0, 0x00000011, Op.MTHI, Dest.NONE);
        p(SPECIAL | 0x03FF07C0, 0x00000012, Op.MFLO, Dest.RD);
        p(SPECIAL | 0x001FFFC0, 0x00000013, Op.MTLO, Dest.NONE);
        p(SPECIAL | 0xFFC0, 0x00000018, Op.MULT, Dest.NONE);
        p(SPECIAL | 0xFFC0, 0x00000019, Op.MULTU, Dest.NONE);
        p(SPECIAL | 0xFFC0, 0x0000001A, Op.DIV, Dest.NONE);
        p(SPECIAL | 0xFFC0, 0x0000001B, Op.DIVU, Dest.NONE);
        p(SPECIAL | 0x7C0, 0x00000020, Op.ADD, Dest.NONE); // traps on overflow: never a NOP
        p(SPECIAL | 0x7C0, 0x00000021, Op.ADDU, Dest.RD);
        p(SPECIAL | 0x7C0, 0x00000022, Op.SUB, Dest.NONE);
        p(SPECIAL | 0x7C0, 0x00000023, Op.SUBU, Dest.RD);
        p(SPECIAL | 0x7C0, 0x00000024, Op.AND, Dest.RD);
        p(SPECIAL | 0x7C0, 0x00000025, Op.OR, Dest.RD);
        p(SPECIAL | 0x7C0, 0x00000026, Op.XOR, Dest.RD);
        p(SPECIAL | 0x7C0, 0x00000027, Op.NOR, Dest.RD);
        p(SPECIAL | 0x7C0, 0x0000002A, Op.SLT, Dest.RD);
        p(SPECIAL | 0x7C0, 0x0000002B, Op.SLTU, Dest.RD);
        p(SPECIAL, 0x00000030, Op.TGE, Dest.NONE);
        p(SPECIAL, 0x00000031, Op.TGEU, Dest.NONE);
        p(SPECIAL, 0x00000032, Op.TLT, Dest.NONE);
        p(SPECIAL, 0x00000033, Op.TLTU, Dest.NONE);
        p(SPECIAL, 0x00000034, Op.TEQ, Dest.NONE);
        p(SPECIAL, 0x00000036, Op.TNE, Dest.NONE);

        // REGIMM (opcode 1), by rt field
        p(REGIMM, 0x04000000, Op.BLTZ, Dest.NONE);
        p(REGIMM, 0x04010000, Op.BGEZ, Dest.NONE);
        p(REGIMM, 0x04020000, Op.BLTZL, Dest.NONE);
        p(REGIMM, 0x04030000, Op.BGEZL, Dest.NONE);
        p(REGIMM, 0x04080000, Op.TGEI, Dest.NONE);
        p(REGIMM, 0x04090000, Op.TGEIU, Dest.NONE);
        p(REGIMM, 0x040A0000, Op.TLTI, Dest.NONE);
        p(REGIMM, 0x040B0000, Op.TLTIU, Dest.NONE);
        p(REGIMM, 0x040C0000, Op.TEQI, Dest.NONE);
        p(REGIMM, 0x040E0000, Op.TNEI, Dest.NONE);
        p(REGIMM, 0x04100000, Op.BLTZAL, Dest.NONE);
        p(REGIMM, 0x04110000, Op.BGEZAL, Dest.NONE);
        p(REGIMM, 0x04120000, Op.BLTZALL, Dest.NONE);
        p(REGIMM, 0x04130000, Op.BGEZALL, Dest.NONE);
        p(REGIMM, 0x041F0000, Op.SYNCI, Dest.NONE);

        // primary opcodes
        p(OPC, 0x08000000, Op.J, Dest.NONE);
        p(OPC, 0x0C000000, Op.JAL, Dest.NONE);
        p(OPC, 0x10000000, Op.BEQ, Dest.NONE);
        p(OPC, 0x14000000, Op.BNE, Dest.NONE);
        p(OPC | 0x001F0000, 0x18000000, Op.BLEZ, Dest.NONE);
        p(OPC | 0x001F0000, 0x1C000000, Op.BGTZ, Dest.NONE);
        p(OPC, 0x20000000, Op.ADDI, Dest.NONE);
        p(OPC, 0x24000000, Op.ADDIU, Dest.RT);
        p(OPC, 0x28000000, Op.SLTI, Dest.RT);
        p(OPC, 0x2C000000, Op.SLTIU, Dest.RT);
        p(OPC, 0x30000000, Op.ANDI, Dest.RT);
        p(OPC, 0x34000000, Op.ORI, Dest.RT);
        p(OPC, 0x38000000, Op.XORI, Dest.RT);
        p(OPC | 0x03E00000, 0x3C000000, Op.LUI, Dest.RT);
        p(OPC, 0x44000000, Op.COP_UNUSABLE, Dest.NONE); // COP1: no FPU on the 24Kc
        p(OPC, 0x48000000, Op.COP_UNUSABLE, Dest.NONE); // COP2
        p(OPC, 0x4C000000, Op.COP_UNUSABLE, Dest.NONE); // COP1X
        p(OPC, 0x50000000, Op.BEQL, Dest.NONE);
        p(OPC, 0x54000000, Op.BNEL, Dest.NONE);
        p(OPC | 0x001F0000, 0x58000000, Op.BLEZL, Dest.NONE);
        p(OPC | 0x001F0000, 0x5C000000, Op.BGTZL, Dest.NONE);
        p(OPC, 0x80000000, Op.LB, Dest.NONE);
        p(OPC, 0x84000000, Op.LH, Dest.NONE);
        p(OPC, 0x88000000, Op.LWL, Dest.NONE);
        p(OPC, 0x8C000000, Op.LW, Dest.NONE);
        p(OPC, 0x90000000, Op.LBU, Dest.NONE);
        p(OPC, 0x94000000, Op.LHU, Dest.NONE);
        p(OPC, 0x98000000, Op.LWR, Dest.NONE);
        p(OPC, 0xA0000000, Op.SB, Dest.NONE);
        p(OPC, 0xA4000000, Op.SH, Dest.NONE);
        p(OPC, 0xA8000000, Op.SWL, Dest.NONE);
        p(OPC, 0xAC000000, Op.SW, Dest.NONE);
        p(OPC, 0xB8000000, Op.SWR, Dest.NONE);
        p(OPC, 0xBC000000, Op.CACHE, Dest.NONE);
        p(OPC, 0xC0000000, Op.LL, Dest.NONE);
        p(OPC, 0xC4000000, Op.COP_UNUSABLE, Dest.NONE); // LWC1
        p(OPC, 0xC8000000, Op.COP_UNUSABLE, Dest.NONE); // LWC2
        p(OPC, 0xCC000000, Op.PREF, Dest.NONE);
        p(OPC, 0xD4000000, Op.COP_UNUSABLE, Dest.NONE); // LDC1
        p(OPC, 0xD8000000, Op.COP_UNUSABLE, Dest.NONE); // LDC2
        p(OPC, 0xE0000000, Op.SC, Dest.NONE);
        p(OPC, 0xE4000000, Op.COP_UNUSABLE, Dest.NONE); // SWC1
        p(OPC, 0xE8000000, Op.COP_UNUSABLE, Dest.NONE); // SWC2
        p(OPC, 0xF4000000, Op.COP_UNUSABLE, Dest.NONE); // SDC1
        p(OPC, 0xF8000000, Op.COP_UNUSABLE, Dest.NONE); // SDC2

        // COP0 (opcode 16)
        p(COP0_RS | 0x7F8, 0x40000000, Op.MFC0, Dest.NONE);
        p(COP0_RS | 0x7F8, 0x40800000, Op.MTC0, Dest.NONE);
        p(COP0_RS | 0xFFFF, 0x41606000, Op.DI, Dest.NONE);
        p(COP0_RS | 0xFFFF, 0x41606020, Op.EI, Dest.NONE);
        p(COP0_RS | 0x7FF, 0x41400000, Op.RDPGPR, Dest.NONE);
        p(COP0_RS | 0x7FF, 0x41C00000, Op.WRPGPR, Dest.NONE);
        p(COP0_CO, 0x42000001, Op.TLBR, Dest.NONE);
        p(COP0_CO, 0x42000002, Op.TLBWI, Dest.NONE);
        p(COP0_CO, 0x42000006, Op.TLBWR, Dest.NONE);
        p(COP0_CO, 0x42000008, Op.TLBP, Dest.NONE);
        p(COP0_CO, 0x42000018, Op.ERET, Dest.NONE);
        p(COP0_CO, 0x4200001F, Op.DERET, Dest.NONE);
        p(COP0_CO, 0x42000020, Op.WAIT, Dest.NONE);

        // SPECIAL2 (opcode 28)
        p(SPECIAL | 0xFFC0, 0x70000000, Op.MADD, Dest.NONE);
        p(SPECIAL | 0xFFC0, 0x70000001, Op.MADDU, Dest.NONE);
        p(SPECIAL | 0x7C0, 0x70000002, Op.MUL, Dest.RD);
        p(SPECIAL | 0xFFC0, 0x70000004, Op.MSUB, Dest.NONE);
        p(SPECIAL | 0xFFC0, 0x70000005, Op.MSUBU, Dest.NONE);
        p(SPECIAL | 0x7C0, 0x70000020, Op.CLZ, Dest.RD);
        p(SPECIAL | 0x7C0, 0x70000021, Op.CLO, Dest.RD);
        p(SPECIAL, 0x7000003F, Op.SDBBP, Dest.NONE);

        // SPECIAL3 (opcode 31)
        p(SPECIAL, 0x7C000000, Op.EXT, Dest.RT);
        p(SPECIAL, 0x7C000004, Op.INS, Dest.RT);
        p(SPECIAL | 0x03E007C0, 0x7C0000A0, Op.WSBH, Dest.RD);
        p(SPECIAL | 0x03E007C0, 0x7C000420, Op.SEB, Dest.RD);
        p(SPECIAL | 0x03E007C0, 0x7C000620, Op.SEH, Dest.RD);
        p(SPECIAL | 0x03E007C0, 0x7C00003B, Op.RDHWR, Dest.NONE);
    }

    private static void p(int mask, int match, Op op, Dest dest) {
        if ((match & ~mask) != 0) throw new IllegalStateException("pattern for " + op + " has bits outside its mask");
        int opc = match >>> 26;
        if (BY_OPCODE[opc] == null) BY_OPCODE[opc] = new ArrayList<>(4);
        BY_OPCODE[opc].add(new Pattern(mask, match, op, dest));
    }

    private Decoder() {}

    /** The op for instruction word {@code insn}; RESERVED when no pattern matches. */
    static Op decode(int insn) {
        List<Pattern> list = BY_OPCODE[insn >>> 26];
        if (list == null) return Op.RESERVED;
        for (int i = 0; i < list.size(); i++) {
            Pattern p = list.get(i);
            if ((insn & p.mask) == p.match) {
                // A side-effect-free op that writes $0 does nothing (and $0 stays zero for free).
                if (p.dest == Dest.RD && ((insn >>> 11) & 31) == 0) return Op.NOP;
                if (p.dest == Dest.RT && ((insn >>> 16) & 31) == 0) return Op.NOP;
                return p.op;
            }
        }
        return Op.RESERVED;
    }
}
