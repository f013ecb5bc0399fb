package org.socemu.mips;

/**
 * Every operation the 24Kc decodes to. The decoder ({@link Decoder}) maps instruction patterns to
 * these; the executor ({@link Executor}) dispatches on them to small handlers.
 *
 * <p>Flags: {@code branch} means the op has a delay slot (the decoded block ends after the slot);
 * {@code endsBlock} means the op changes state that the block loop must look at again (mode, ASID,
 * interrupts, control flow) so the block ends right after it.
 */
enum Op {
    NOP, RESERVED(F.E), COP_UNUSABLE(F.E),
    // SPECIAL
    SLL, SRL, ROTR, SRA, SLLV, SRLV, ROTRV, SRAV, JR(F.B), JALR(F.B), MOVZ, MOVN, SYSCALL(F.E), BREAK(F.E), SYNC,
    MFHI, MTHI, MFLO, MTLO, MULT, MULTU, DIV, DIVU, ADD, ADDU, SUB, SUBU, AND, OR, XOR, NOR, SLT, SLTU,
    TGE, TGEU, TLT, TLTU, TEQ, TNE,
    // REGIMM
    BLTZ(F.B), BGEZ(F.B), BLTZL(F.B), BGEZL(F.B), BLTZAL(F.B), BGEZAL(F.B), BLTZALL(F.B), BGEZALL(F.B),
    TGEI, TGEIU, TLTI, TLTIU, TEQI, TNEI, SYNCI(F.E),
    // primary
    J(F.B), JAL(F.B), BEQ(F.B), BNE(F.B), BLEZ(F.B), BGTZ(F.B), BEQL(F.B), BNEL(F.B), BLEZL(F.B), BGTZL(F.B),
    ADDI, ADDIU, SLTI, SLTIU, ANDI, ORI, XORI, LUI,
    LB, LH, LWL, LW, LBU, LHU, LWR, SB, SH, SWL, SW, SWR, CACHE(F.E), LL, SC, PREF,
    // COP0
    MFC0, MTC0(F.E), DI(F.E), EI(F.E), RDPGPR, WRPGPR, TLBR(F.E), TLBWI(F.E), TLBWR(F.E), TLBP(F.E), ERET(F.E), DERET(F.E), WAIT(F.E),
    // SPECIAL2
    MADD, MADDU, MUL, MSUB, MSUBU, CLZ, CLO, SDBBP(F.E),
    // SPECIAL3
    EXT, INS, WSBH, SEB, SEH, RDHWR;

    /** Flag bits for the constructor (a nested class, since enum constants cannot use the enum's statics). */
    private static final class F {
        static final int B = 1, E = 2;
    }

    final boolean branch;
    final boolean endsBlock;

    Op() { this(0); }

    Op(int flags) {
        this.branch = (flags & F.B) != 0;
        this.endsBlock = (flags & F.E) != 0;
    }
}
