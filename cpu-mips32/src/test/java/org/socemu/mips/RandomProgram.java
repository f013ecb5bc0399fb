package org.socemu.mips;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates batches of random user-mode instruction sequences for the differential test against
 * QEMU: ALU, shifts, multiply/divide with HI/LO, release 2 bit ops, loads and stores into a
 * per-sequence 256-byte buffer, and forward branches (plain, likely, and-link) with delay slots.
 *
 * <p>Every sequence starts from random register values and a random buffer, then stores all its
 * registers and HI/LO after the buffer; at the end one write(2) system call emits every record and
 * exit(2) ends the program. The same static ELF runs under qemu-mips(el) and on our core.
 * Register $30 holds the record base and is never written; $26/$27 (k0/k1) are left to the
 * exception handler and never used.
 */
final class RandomProgram {
    static final int BUF = 256;
    static final int RECORD = BUF + 34 * 4;
    private static final int[] REGS;

    static {
        List<Integer> r = new ArrayList<>();
        for (int i = 1; i <= 31; i++) if (i != 26 && i != 27 && i != 30) r.add(i);
        REGS = r.stream().mapToInt(Integer::intValue).toArray();
    }

    private static final String[] R3 = {"addu", "subu", "and", "or", "xor", "nor", "slt", "sltu", "sllv", "srlv",
            "srav", "rotrv", "movz", "movn", "mul"};
    private static final String[] SHIFT = {"sll", "srl", "sra", "rotr"};
    private static final String[] IMM = {"addiu", "slti", "sltiu", "andi", "ori", "xori"};
    private static final String[] R2 = {"clz", "clo", "seb", "seh", "wsbh"};
    private static final String[] ACC = {"mult", "multu", "madd", "maddu", "msub", "msubu"};
    private static final String[] LOAD = {"lb", "lbu", "lh", "lhu", "lw", "lwl", "lwr"};
    private static final String[] STORE = {"sb", "sh", "sw", "swl", "swr"};
    private static final String[] BR2 = {"beq", "bne", "beql", "bnel"};
    private static final String[] BR1 = {"blez", "bgtz", "bltz", "bgez", "blezl", "bgtzl", "bltzl", "bgezl", "bltzal", "bgezal"};

    private final SplittableRandom rnd;
    private int labels;

    RandomProgram(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    private String reg() {
        return "$" + REGS[rnd.nextInt(REGS.length)];
    }

    /** A destination register (the same set as sources). */
    private String dst() {
        return reg();
    }

    /** One random instruction that is not a branch (so it may sit in a delay slot). */
    private String simple() {
        int k = rnd.nextInt(100);
        if (k < 22) return pick(R3) + " " + dst() + ", " + reg() + ", " + reg();
        if (k < 32) return pick(SHIFT) + " " + dst() + ", " + reg() + ", " + rnd.nextInt(32);
        if (k < 46) {
            String op = pick(IMM);
            return op + " " + dst() + ", " + reg() + ", " + imm16(op);
        }
        if (k < 49) return "lui " + dst() + ", " + rnd.nextInt(65536);
        if (k < 53) return pick(R2) + " " + dst() + ", " + reg();
        if (k < 56) {
            int pos = rnd.nextInt(32), size = 1 + rnd.nextInt(32 - pos);
            return (rnd.nextBoolean() ? "ext " : "ins ") + dst() + ", " + reg() + ", " + pos + ", " + size;
        }
        if (k < 62) return pick(ACC) + " " + reg() + ", " + reg();
        if (k < 66) {
            String d = reg();
            // a non-zero divisor: division by zero is UNPREDICTABLE
            return "ori " + d + ", " + d + ", 1\n\t" + (rnd.nextBoolean() ? "div" : "divu") + " $zero, " + reg() + ", " + d;
        }
        if (k < 72) {
            return switch (rnd.nextInt(6)) {
                case 4 -> "sync";
                case 5 -> "pref 0, " + rnd.nextInt(BUF) + "($30)";
                case 0 -> "mfhi " + dst();
                case 1 -> "mflo " + dst();
                case 2 -> "mthi " + reg();
                default -> "mtlo " + reg();
            };
        }
        if (k < 86) {
            String op = pick(LOAD);
            return op + " " + dst() + ", " + offset(op) + "($30)";
        }
        String op = pick(STORE);
        return op + " " + reg() + ", " + offset(op) + "($30)";
    }

    private String pick(String[] a) {
        return a[rnd.nextInt(a.length)];
    }

    private String imm16(String op) {
        int v = rnd.nextInt(65536);
        boolean signed = op.equals("addiu") || op.equals("slti") || op.equals("sltiu");
        return Integer.toString(signed ? (short) v : v);
    }

    private int offset(String op) {
        int align = switch (op) {
            case "lh", "lhu", "sh" -> 2;
            case "lw", "sw" -> 4;
            default -> 1;
        };
        return rnd.nextInt(BUF / align) * align;
    }

    /** Sequence {@code n}: set registers, run {@code length} random instructions, store the record. */
    String sequence(int n, int length) {
        StringBuilder s = new StringBuilder();
        s.append("\tla $30, rec").append(n).append('\n');
        for (int r : REGS) s.append("\tli $").append(r).append(", ").append(rnd.nextInt()).append('\n');
        s.append("\tmthi $1\n\tmtlo $2\n");
        List<String> body = new ArrayList<>();
        List<String> pendingLabels = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            if (rnd.nextInt(100) < 12 && i + 1 < length) {
                int skip = rnd.nextInt(4);
                int target = Math.min(i + 2 + skip, length);
                String label = "L" + (labels++);
                body.add(branch(label));
                body.add(simple());
                pendingLabels.add(target + ":" + label);
                i++;
            } else {
                body.add(simple());
            }
        }
        // emit with labels: a label for target t goes right before body instruction index t
        for (int i = 0; i <= body.size(); i++) {
            for (String pl : pendingLabels) {
                int colon = pl.indexOf(':');
                if (Integer.parseInt(pl.substring(0, colon)) == i) s.append(pl.substring(colon + 1)).append(":\n");
            }
            if (i < body.size()) s.append('\t').append(body.get(i)).append('\n');
        }
        for (int r = 1; r < 32; r++) if (r != 26 && r != 27) s.append("\tsw $").append(r).append(", ").append(BUF + 4 * r).append("($30)\n");
        s.append("\tmfhi $1\n\tsw $1, ").append(BUF + 4 * 32).append("($30)\n");
        s.append("\tmflo $1\n\tsw $1, ").append(BUF + 4 * 33).append("($30)\n");
        return s.toString();
    }

    private String branch(String label) {
        int k = rnd.nextInt(100);
        if (k < 40) return pick(BR2) + " " + reg() + ", " + reg() + ", " + label;
        if (k < 95) {
            String op = pick(BR1);
            String rs = reg();
            while (op.endsWith("al") && rs.equals("$31")) rs = reg(); // the link register may not be the source
            return op + " " + rs + ", " + label;
        }
        if (k < 97) return "jal " + label;
        // indirect: the target address through a register (la is two instructions, never in a slot)
        String t = reg();
        while (t.equals("$31")) t = reg();
        return "la " + t + ", " + label + "\n\t" + (rnd.nextBoolean() ? "jr " + t : "jalr " + dstNot(t) + ", " + t);
    }

    /** A destination register other than {@code not} (JALR's link may not be its source). */
    private String dstNot(String not) {
        String d = reg();
        while (d.equals(not)) d = reg();
        return d;
    }

    /** A whole program: {@code count} sequences, then write(1, records, count * RECORD) and exit(0). */
    String program(int count, int length) {
        StringBuilder s = new StringBuilder();
        s.append(".set noreorder\n.set noat\n.text\n.globl __start\n__start:\n");
        for (int n = 0; n < count; n++) s.append(sequence(n, length));
        s.append("\tli $2, 4004\n\tli $4, 1\n\tla $5, rec0\n\tli $6, ").append(count * RECORD).append("\n\tsyscall\n");
        s.append("\tli $2, 4001\n\tli $4, 0\n\tsyscall\n\tnop\n");
        s.append(".data\n.align 4\n");
        for (int n = 0; n < count; n++) {
            s.append("rec").append(n).append(":\n");
            for (int w = 0; w < BUF / 4; w++) s.append("\t.word ").append(rnd.nextInt()).append('\n');
            s.append("\t.space ").append(RECORD - BUF).append('\n');
        }
        return s.toString();
    }
}
