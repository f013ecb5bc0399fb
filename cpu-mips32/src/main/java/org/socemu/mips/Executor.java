package org.socemu.mips;

import static org.socemu.mips.Fields.*;

/**
 * Executes decoded blocks: a dispatch on {@link Op} to one-line ALU semantics and to the small
 * handler groups ({@link MemOps}, {@link MulDiv}, {@link SystemOps}). Guest exceptions leave
 * through {@link GuestTrap} after {@link Exceptions} has set up CP0 and the PC.
 */
final class Executor {
    private Executor() {}

    /**
     * Runs the block's ops from the first up to {@code c.blockEnd} (re-read after every op: a
     * redirect sets it to 0) and returns how many ran. The dispatch sits inside the loop so that
     * HotSpot keeps the loop state in registers; {@code c.idx} names the op being executed, for
     * exceptions, the PC and the exact retired count.
     */
    static int runBlock(Mips24k c, Op[] ops, int[] raw) {
        final int[] r = c.r;
        int k = 0;
        for (; k < c.blockEnd; k++) {
            c.idx = k;
            final int i = raw[k];
            switch (ops[k]) {
                case NOP, SYNC, PREF -> { }
                // shifts
                case SLL -> r[rd(i)] = r[rt(i)] << sa(i);
                case SRL -> r[rd(i)] = r[rt(i)] >>> sa(i);
                case SRA -> r[rd(i)] = r[rt(i)] >> sa(i);
                case ROTR -> r[rd(i)] = Integer.rotateRight(r[rt(i)], sa(i));
                case SLLV -> r[rd(i)] = r[rt(i)] << r[rs(i)];
                case SRLV -> r[rd(i)] = r[rt(i)] >>> r[rs(i)];
                case SRAV -> r[rd(i)] = r[rt(i)] >> r[rs(i)];
                case ROTRV -> r[rd(i)] = Integer.rotateRight(r[rt(i)], r[rs(i)]);
                // register ALU
                case ADD -> c.set(rd(i), addTrapping(c, r[rs(i)], r[rt(i)]));
                case ADDU -> r[rd(i)] = r[rs(i)] + r[rt(i)];
                case SUB -> c.set(rd(i), subTrapping(c, r[rs(i)], r[rt(i)]));
                case SUBU -> r[rd(i)] = r[rs(i)] - r[rt(i)];
                case AND -> r[rd(i)] = r[rs(i)] & r[rt(i)];
                case OR -> r[rd(i)] = r[rs(i)] | r[rt(i)];
                case XOR -> r[rd(i)] = r[rs(i)] ^ r[rt(i)];
                case NOR -> r[rd(i)] = ~(r[rs(i)] | r[rt(i)]);
                case SLT -> r[rd(i)] = r[rs(i)] < r[rt(i)] ? 1 : 0;
                case SLTU -> r[rd(i)] = Integer.compareUnsigned(r[rs(i)], r[rt(i)]) < 0 ? 1 : 0;
                case MOVZ -> { if (r[rt(i)] == 0) r[rd(i)] = r[rs(i)]; }
                case MOVN -> { if (r[rt(i)] != 0) r[rd(i)] = r[rs(i)]; }
                // immediate ALU
                case ADDI -> c.set(rt(i), addTrapping(c, r[rs(i)], simm(i)));
                case ADDIU -> r[rt(i)] = r[rs(i)] + simm(i);
                case SLTI -> r[rt(i)] = r[rs(i)] < simm(i) ? 1 : 0;
                case SLTIU -> r[rt(i)] = Integer.compareUnsigned(r[rs(i)], simm(i)) < 0 ? 1 : 0;
                case ANDI -> r[rt(i)] = r[rs(i)] & uimm(i);
                case ORI -> r[rt(i)] = r[rs(i)] | uimm(i);
                case XORI -> r[rt(i)] = r[rs(i)] ^ uimm(i);
                case LUI -> r[rt(i)] = i << 16;
                // bit manipulation (release 2)
                case CLZ -> r[rd(i)] = Integer.numberOfLeadingZeros(r[rs(i)]);
                case CLO -> r[rd(i)] = Integer.numberOfLeadingZeros(~r[rs(i)]);
                case SEB -> r[rd(i)] = (byte) r[rt(i)];
                case SEH -> r[rd(i)] = (short) r[rt(i)];
                case WSBH -> r[rd(i)] = ((r[rt(i)] & 0x00FF00FF) << 8) | ((r[rt(i)] >>> 8) & 0x00FF00FF);
                case EXT -> r[rt(i)] = ext(r[rs(i)], sa(i), rd(i) + 1);
                case INS -> r[rt(i)] = ins(r[rt(i)], r[rs(i)], sa(i), rd(i));
                // HI/LO, multiply, divide
                case MFHI -> r[rd(i)] = c.hi;
                case MFLO -> r[rd(i)] = c.lo;
                case MTHI -> c.hi = r[rs(i)];
                case MTLO -> c.lo = r[rs(i)];
                case MULT -> MulDiv.setAcc(c, (long) r[rs(i)] * r[rt(i)]);
                case MULTU -> MulDiv.setAcc(c, (r[rs(i)] & 0xFFFFFFFFL) * (r[rt(i)] & 0xFFFFFFFFL));
                case MADD -> MulDiv.setAcc(c, MulDiv.acc(c) + (long) r[rs(i)] * r[rt(i)]);
                case MADDU -> MulDiv.setAcc(c, MulDiv.acc(c) + (r[rs(i)] & 0xFFFFFFFFL) * (r[rt(i)] & 0xFFFFFFFFL));
                case MSUB -> MulDiv.setAcc(c, MulDiv.acc(c) - (long) r[rs(i)] * r[rt(i)]);
                case MSUBU -> MulDiv.setAcc(c, MulDiv.acc(c) - (r[rs(i)] & 0xFFFFFFFFL) * (r[rt(i)] & 0xFFFFFFFFL));
                case MUL -> r[rd(i)] = r[rs(i)] * r[rt(i)];
                case DIV -> MulDiv.div(c, r[rs(i)], r[rt(i)]);
                case DIVU -> MulDiv.divu(c, r[rs(i)], r[rt(i)]);
                // branches and jumps
                case BEQ -> c.branch(r[rs(i)] == r[rt(i)], c.branchTarget(i));
                case BNE -> c.branch(r[rs(i)] != r[rt(i)], c.branchTarget(i));
                case BLEZ -> c.branch(r[rs(i)] <= 0, c.branchTarget(i));
                case BGTZ -> c.branch(r[rs(i)] > 0, c.branchTarget(i));
                case BLTZ -> c.branch(r[rs(i)] < 0, c.branchTarget(i));
                case BGEZ -> c.branch(r[rs(i)] >= 0, c.branchTarget(i));
                case BLTZAL -> c.branchAndLink(r[rs(i)] < 0, c.branchTarget(i), false);
                case BGEZAL -> c.branchAndLink(r[rs(i)] >= 0, c.branchTarget(i), false);
                case BEQL -> c.branchLikely(r[rs(i)] == r[rt(i)], c.branchTarget(i));
                case BNEL -> c.branchLikely(r[rs(i)] != r[rt(i)], c.branchTarget(i));
                case BLEZL -> c.branchLikely(r[rs(i)] <= 0, c.branchTarget(i));
                case BGTZL -> c.branchLikely(r[rs(i)] > 0, c.branchTarget(i));
                case BLTZL -> c.branchLikely(r[rs(i)] < 0, c.branchTarget(i));
                case BGEZL -> c.branchLikely(r[rs(i)] >= 0, c.branchTarget(i));
                case BLTZALL -> c.branchAndLink(r[rs(i)] < 0, c.branchTarget(i), true);
                case BGEZALL -> c.branchAndLink(r[rs(i)] >= 0, c.branchTarget(i), true);
                case J -> c.branch(true, c.jumpTarget(i));
                case JAL -> c.jumpAndLink(c.jumpTarget(i), 31);
                case JR -> c.branch(true, r[rs(i)]);
                case JALR -> c.jumpAndLink(r[rs(i)], rd(i));
                // loads and stores
                case LB -> c.set(rt(i), (byte) c.mmu.lbu(r[rs(i)] + simm(i)));
                case LBU -> c.set(rt(i), c.mmu.lbu(r[rs(i)] + simm(i)));
                case LH -> c.set(rt(i), (short) c.mmu.lhu(r[rs(i)] + simm(i)));
                case LHU -> c.set(rt(i), c.mmu.lhu(r[rs(i)] + simm(i)));
                case LW -> c.set(rt(i), c.mmu.lw(r[rs(i)] + simm(i)));
                case SB -> c.mmu.sb(r[rs(i)] + simm(i), r[rt(i)]);
                case SH -> c.mmu.sh(r[rs(i)] + simm(i), r[rt(i)]);
                case SW -> c.mmu.sw(r[rs(i)] + simm(i), r[rt(i)]);
                case LWL -> MemOps.lwl(c, i);
                case LWR -> MemOps.lwr(c, i);
                case SWL -> MemOps.swl(c, i);
                case SWR -> MemOps.swr(c, i);
                case LL -> MemOps.ll(c, i);
                case SC -> MemOps.sc(c, i);
                // traps
                case TEQ -> trapIf(c, r[rs(i)] == r[rt(i)]);
                case TNE -> trapIf(c, r[rs(i)] != r[rt(i)]);
                case TGE -> trapIf(c, r[rs(i)] >= r[rt(i)]);
                case TGEU -> trapIf(c, Integer.compareUnsigned(r[rs(i)], r[rt(i)]) >= 0);
                case TLT -> trapIf(c, r[rs(i)] < r[rt(i)]);
                case TLTU -> trapIf(c, Integer.compareUnsigned(r[rs(i)], r[rt(i)]) < 0);
                case TEQI -> trapIf(c, r[rs(i)] == simm(i));
                case TNEI -> trapIf(c, r[rs(i)] != simm(i));
                case TGEI -> trapIf(c, r[rs(i)] >= simm(i));
                case TGEIU -> trapIf(c, Integer.compareUnsigned(r[rs(i)], simm(i)) >= 0);
                case TLTI -> trapIf(c, r[rs(i)] < simm(i));
                case TLTIU -> trapIf(c, Integer.compareUnsigned(r[rs(i)], simm(i)) < 0);
                case SYSCALL -> throw c.exc.raise(Exceptions.SYS);
                case BREAK -> throw c.exc.raise(Exceptions.BP);
                case SDBBP -> throw c.exc.debugBreakpoint();
                case RESERVED -> throw c.exc.raise(Exceptions.RI);
                case COP_UNUSABLE -> throw c.exc.coprocessorUnusable(SystemOps.coprocessorOf(i));
                // system control
                case MFC0 -> SystemOps.mfc0(c, i);
                case MTC0 -> SystemOps.mtc0(c, i);
                case DI -> SystemOps.setInterruptEnable(c, i, false);
                case EI -> SystemOps.setInterruptEnable(c, i, true);
                case RDPGPR, WRPGPR -> SystemOps.shadowMove(c, i);
                case TLBR -> SystemOps.tlbr(c);
                case TLBWI -> SystemOps.tlbwi(c);
                case TLBWR -> SystemOps.tlbwr(c);
                case TLBP -> SystemOps.tlbp(c);
                case ERET -> SystemOps.eret(c);
                case DERET -> SystemOps.deret(c);
                case WAIT -> SystemOps.waitForInterrupt(c);
                case CACHE -> SystemOps.cache(c, i);
                case SYNCI -> SystemOps.synci(c, i);
                case RDHWR -> SystemOps.rdhwr(c, i);
                default -> throw new IllegalStateException("no handler for " + ops[k]);
            }
        }
        return k;
    }

    private static int addTrapping(Mips24k c, int a, int b) {
        int s = a + b;
        if (((a ^ s) & (b ^ s)) < 0) throw c.exc.raise(Exceptions.OV);
        return s;
    }

    private static int subTrapping(Mips24k c, int a, int b) {
        int s = a - b;
        if (((a ^ b) & (a ^ s)) < 0) throw c.exc.raise(Exceptions.OV);
        return s;
    }

    private static void trapIf(Mips24k c, boolean condition) {
        if (condition) throw c.exc.raise(Exceptions.TR);
    }

    /** EXT: {@code size} bits of {@code v} from bit {@code pos}. */
    static int ext(int v, int pos, int size) {
        int field = v >>> pos;
        return size >= 32 ? field : field & ((1 << size) - 1);
    }

    /** INS: bits lsb..msb of {@code into} replaced by the low bits of {@code from}. */
    static int ins(int into, int from, int lsb, int msb) {
        int size = msb - lsb + 1;
        if (size <= 0) return into; // UNPREDICTABLE in the architecture; we leave rt alone
        int mask = (size >= 32 ? -1 : (1 << size) - 1) << lsb;
        return (into & ~mask) | ((from << lsb) & mask);
    }
}
