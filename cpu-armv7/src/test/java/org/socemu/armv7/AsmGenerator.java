package org.socemu.armv7;

import java.util.Random;

/**
 * Random A32 or T32 instruction sequences for the differential test (unified syntax; in Thumb,
 * conditional execution comes from IT blocks). Registers: r0-r10 are free
 * destinations; r11 is a small word-aligned index; r12 points into the test's data buffer; r13-r15
 * are never named. Memory accesses stay inside the buffer and are naturally aligned (unaligned
 * behaviour is the MMU tests' business).
 */
final class AsmGenerator {
    private static final String[] COND = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", ""};
    private static final String[] DP = {"and", "eor", "sub", "rsb", "add", "adc", "sbc", "rsc", "orr", "bic"};
    private static final String[] SHIFT = {"lsl", "lsr", "asr", "ror"};
    private static final String[] PAR_KIND = {"s", "q", "sh", "u", "uq", "uh"};
    private static final String[] PAR_OP = {"add16", "asx", "sax", "sub16", "add8", "sub8"};

    private final Random rnd;
    private final boolean thumb;
    private int label;
    /** Inside an IT block: the condition the next instruction must carry. */
    private String itCond = null;

    AsmGenerator(long seed, boolean thumb) {
        rnd = new Random(seed);
        this.thumb = thumb;
    }

    private static final String[] COND_ONLY = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le"};

    private static String invert(String c) {
        for (int k = 0; k < COND_ONLY.length; k++) if (COND_ONLY[k].equals(c)) return COND_ONLY[k ^ 1];
        throw new IllegalArgumentException(c);
    }

    /** A32: one instruction (or a short forward branch). T32: that, or an IT block of up to four. */
    String next() {
        if (!thumb || rnd.nextInt(5) != 0) return instruction();
        String first = COND_ONLY[rnd.nextInt(COND_ONLY.length)];
        int n = 1 + rnd.nextInt(4);
        StringBuilder pattern = new StringBuilder();
        String[] conds = new String[n];
        conds[0] = first;
        for (int k = 1; k < n; k++) {
            boolean then = rnd.nextBoolean();
            pattern.append(then ? 't' : 'e');
            conds[k] = then ? first : invert(first);
        }
        StringBuilder out = new StringBuilder("it" + pattern + " " + first);
        for (int k = 0; k < n; k++) {
            itCond = conds[k];
            out.append("\n  ").append(instructionNoBranch());
        }
        itCond = null;
        return out.toString();
    }

    private String d() { return "r" + rnd.nextInt(11); }
    private String s() { return "r" + rnd.nextInt(13); }
    private String cond() {
        if (thumb) return itCond == null ? "" : itCond;
        return rnd.nextInt(3) == 0 ? COND[rnd.nextInt(COND.length)] : "";
    }

    private String imm() {
        if (thumb) { // the values ThumbExpandImm can make
            int imm8 = rnd.nextInt(256);
            switch (rnd.nextInt(5)) {
                case 0: return "#" + imm8;
                case 1: return "#" + Integer.toUnsignedString(imm8 * 0x00010001);
                case 2: return "#" + Integer.toUnsignedString(imm8 * 0x01000100);
                case 3: return "#" + Integer.toUnsignedString(imm8 * 0x01010101);
                default: return "#" + Integer.toUnsignedString(Integer.rotateRight(0x80 | (imm8 & 0x7f), 8 + rnd.nextInt(24)));
            }
        }
        int rot = rnd.nextInt(16) * 2;
        return "#" + (Integer.toUnsignedString(Integer.rotateRight(rnd.nextInt(256), rot)));
    }

    private String op2() {
        switch (rnd.nextInt(thumb ? 3 : 4)) {
            case 0: return imm();
            case 1: return s();
            case 2: {
                int k = rnd.nextInt(5);
                if (k == 4) return s() + ", rrx";
                String sh = SHIFT[k];
                int amt = sh.equals("lsl") || sh.equals("ror") ? rnd.nextInt(31) + 1 : rnd.nextInt(32) + 1;
                return s() + ", " + sh + " #" + amt;
            }
            default: return s() + ", " + SHIFT[rnd.nextInt(4)] + " " + s();
        }
    }

    /** Four distinct destination registers. */
    private String[] distinct(int n) {
        String[] out = new String[n];
        boolean[] used = new boolean[11];
        for (int i = 0; i < n; i++) {
            int r;
            do { r = rnd.nextInt(11); } while (used[r]);
            used[r] = true;
            out[i] = "r" + r;
        }
        return out;
    }

    String instruction() {
        String c = cond();
        switch (rnd.nextInt(22)) {
            case 0: case 1: case 2: case 3:
            {
                String op = DP[rnd.nextInt(DP.length)];
                if (thumb && op.equals("rsc")) op = "orn"; // T32 has ORN instead of RSC
                return op + (rnd.nextBoolean() ? "s" : "") + c + " " + d() + ", " + s() + ", " + op2();
            }
            case 4: {
                String[] t = {"mov", "mvn"};
                return t[rnd.nextInt(2)] + (rnd.nextBoolean() ? "s" : "") + c + " " + d() + ", " + op2();
            }
            case 5: {
                String[] t = {"cmp", "cmn", "tst", "teq"};
                return t[rnd.nextInt(4)] + c + " " + s() + ", " + op2();
            }
            case 6:
                return (rnd.nextBoolean() ? "movw" : "movt") + c + " " + d() + ", #" + rnd.nextInt(65536);
            case 7: {
                String[] r = distinct(4);
                String fs = thumb ? "" : "s";
                switch (rnd.nextInt(9)) {
                    case 0: return "mul" + (rnd.nextBoolean() ? fs : "") + c + " " + r[0] + ", " + s() + ", " + s();
                    case 1: return "mla" + (rnd.nextBoolean() ? fs : "") + c + " " + r[0] + ", " + s() + ", " + s() + ", " + s();
                    case 2: return "mls" + c + " " + r[0] + ", " + s() + ", " + s() + ", " + s();
                    case 3: return "umull" + (rnd.nextBoolean() ? fs : "") + c + " " + r[0] + ", " + r[1] + ", " + s() + ", " + s();
                    case 4: return "umlal" + (rnd.nextBoolean() ? fs : "") + c + " " + r[0] + ", " + r[1] + ", " + s() + ", " + s();
                    case 5: return "smull" + (rnd.nextBoolean() ? fs : "") + c + " " + r[0] + ", " + r[1] + ", " + s() + ", " + s();
                    case 6: return "smlal" + (rnd.nextBoolean() ? fs : "") + c + " " + r[0] + ", " + r[1] + ", " + s() + ", " + s();
                    case 7: return "umaal" + c + " " + r[0] + ", " + r[1] + ", " + s() + ", " + s();
                    default: return (rnd.nextBoolean() ? "sdiv" : "udiv") + c + " " + d() + ", " + s() + ", " + s();
                }
            }
            case 8: {
                String[] t = {"clz", "rbit", "rev", "rev16", "revsh"};
                return t[rnd.nextInt(t.length)] + c + " " + d() + ", " + s();
            }
            case 9: {
                String[] t = {"sxtb", "sxth", "uxtb", "uxth", "sxtb16", "uxtb16"};
                String[] ta = {"sxtab", "sxtah", "uxtab", "uxtah", "sxtab16", "uxtab16"};
                String rot = rnd.nextBoolean() ? "" : ", ror #" + (8 * (1 + rnd.nextInt(3)));
                int k = rnd.nextInt(6);
                if (rnd.nextBoolean()) return t[k] + c + " " + d() + ", " + s() + rot;
                return ta[k] + c + " " + d() + ", " + s() + ", " + s() + rot;
            }
            case 10: {
                int lsb = rnd.nextInt(32), w = 1 + rnd.nextInt(32 - lsb);
                switch (rnd.nextInt(4)) {
                    case 0: return "ubfx" + c + " " + d() + ", " + s() + ", #" + lsb + ", #" + w;
                    case 1: return "sbfx" + c + " " + d() + ", " + s() + ", #" + lsb + ", #" + w;
                    case 2: return "bfi" + c + " " + d() + ", " + s() + ", #" + lsb + ", #" + w;
                    default: return "bfc" + c + " " + d() + ", #" + lsb + ", #" + w;
                }
            }
            case 11: {
                String sh = rnd.nextBoolean() ? "" : (rnd.nextBoolean() ? ", lsl #" + rnd.nextInt(32) : ", asr #" + (1 + rnd.nextInt(thumb ? 31 : 32)));
                switch (rnd.nextInt(4)) {
                    case 0: return "ssat" + c + " " + d() + ", #" + (1 + rnd.nextInt(32)) + ", " + s() + sh;
                    case 1: return "usat" + c + " " + d() + ", #" + rnd.nextInt(32) + ", " + s() + sh;
                    case 2: return "ssat16" + c + " " + d() + ", #" + (1 + rnd.nextInt(16)) + ", " + s();
                    default: return "usat16" + c + " " + d() + ", #" + rnd.nextInt(16) + ", " + s();
                }
            }
            case 12: {
                String[] t = {"qadd", "qsub", "qdadd", "qdsub"};
                return t[rnd.nextInt(4)] + c + " " + d() + ", " + s() + ", " + s();
            }
            case 13:
                return PAR_KIND[rnd.nextInt(6)] + PAR_OP[rnd.nextInt(6)] + c + " " + d() + ", " + s() + ", " + s();
            case 14:
                switch (rnd.nextInt(3)) {
                    case 0: return "sel" + c + " " + d() + ", " + s() + ", " + s();
                    case 1: return "pkhbt" + c + " " + d() + ", " + s() + ", " + s() + ", lsl #" + rnd.nextInt(32);
                    default: return "pkhtb" + c + " " + d() + ", " + s() + ", " + s() + ", asr #" + (1 + rnd.nextInt(32));
                }
            case 15: {
                String[] r = distinct(2);
                String x = rnd.nextBoolean() ? "x" : "";
                switch (rnd.nextInt(12)) {
                    case 0: return "smlad" + x + c + " " + r[0] + ", " + s() + ", " + s() + ", " + s();
                    case 1: return "smlsd" + x + c + " " + r[0] + ", " + s() + ", " + s() + ", " + s();
                    case 2: return "smuad" + x + c + " " + r[0] + ", " + s() + ", " + s();
                    case 3: return "smusd" + x + c + " " + r[0] + ", " + s() + ", " + s();
                    case 4: return "smlald" + x + c + " " + r[0] + ", " + r[1] + ", " + s() + ", " + s();
                    case 5: return "smlsld" + x + c + " " + r[0] + ", " + r[1] + ", " + s() + ", " + s();
                    case 6: return "smmul" + (rnd.nextBoolean() ? "r" : "") + c + " " + r[0] + ", " + s() + ", " + s();
                    case 7: return "smmla" + (rnd.nextBoolean() ? "r" : "") + c + " " + r[0] + ", " + s() + ", " + s() + ", " + s();
                    case 8: return "smmls" + (rnd.nextBoolean() ? "r" : "") + c + " " + r[0] + ", " + s() + ", " + s() + ", " + s();
                    case 9: return rnd.nextBoolean() ? "usad8" + c + " " + r[0] + ", " + s() + ", " + s()
                            : "usada8" + c + " " + r[0] + ", " + s() + ", " + s() + ", " + s();
                    case 10: {
                        String xy = (rnd.nextBoolean() ? "b" : "t") + (rnd.nextBoolean() ? "b" : "t");
                        switch (rnd.nextInt(3)) {
                            case 0: return "smul" + xy + c + " " + r[0] + ", " + s() + ", " + s();
                            case 1: return "smla" + xy + c + " " + r[0] + ", " + s() + ", " + s() + ", " + s();
                            default: return "smlal" + xy + c + " " + r[0] + ", " + r[1] + ", " + s() + ", " + s();
                        }
                    }
                    default: {
                        String y = rnd.nextBoolean() ? "b" : "t";
                        return rnd.nextBoolean() ? "smulw" + y + c + " " + r[0] + ", " + s() + ", " + s()
                                : "smlaw" + y + c + " " + r[0] + ", " + s() + ", " + s() + ", " + s();
                    }
                }
            }
            case 16: case 17: case 18:
                return memory(c);
            case 19: {
                // LDM/STM on r12 with a short list of r0-r10
                String[] modes = thumb ? new String[] {"ia", "db"} : new String[] {"ia", "ib", "da", "db"};
                StringBuilder list = new StringBuilder();
                int mask = 1 + rnd.nextInt(0x7ff);
                for (int k = 0; k < 11; k++) if ((mask & (1 << k)) != 0) list.append(list.length() == 0 ? "" : ", ").append("r").append(k);
                boolean load = rnd.nextBoolean();
                return (load ? "ldm" : "stm") + modes[rnd.nextInt(modes.length)] + c + (thumb ? ".w" : "") + " r12, {" + list + "}";
            }
            case 21:
                if (rnd.nextBoolean() && itCond == null) return vfp();
                return "adds" + c + " " + d() + ", " + s() + ", " + s();
            case 20: {
                if (itCond != null) return "adds" + c + " " + d() + ", " + s() + ", " + s();
                int l = label++;
                String skip = instructionNoBranch();
                return "b" + COND[rnd.nextInt(COND.length)] + (thumb ? ".w" : "") + " 1" + l + "f\n  " + skip + "\n1" + l + ":";
            }
            default:
                return "adds" + c + " " + d() + ", " + s() + ", " + s();
        }
    }

    /**
     * A VFP operation on values taken from core registers and returned to one, so that the
     * register comparison sees it: vmov in, operate, vmov out (single or double precision).
     */
    /** Advanced SIMD: operands in d0/d1 from core registers or memory, the result d2 back to core registers. */
    private String neon() {
        StringBuilder sb = new StringBuilder();
        if (rnd.nextBoolean()) {
            sb.append("vld1.").append(new String[] {"8", "16", "32", "64"}[rnd.nextInt(4)]).append(" {d0-d1}, [r12]\n  ");
        } else {
            sb.append("vmov d0, ").append(s()).append(", ").append(s()).append("\n  ");
            sb.append("vmov d1, ").append(s()).append(", ").append(s()).append("\n  ");
        }
        sb.append("vmov d2, ").append(s()).append(", ").append(s()).append("\n  ");
        String[] bit = {"vand", "vbic", "vorr", "vorn", "veor", "vbsl", "vbit", "vbif"};
        String[] size = {"i8", "i16", "i32", "i64"};
        switch (rnd.nextInt(6)) {
            case 5: {
                String[] cmp = {"vceq.i", "vtst.", "vpadd.i"};
                sb.append(cmp[rnd.nextInt(3)]).append(new String[] {"8", "16", "32"}[rnd.nextInt(3)]).append(" d2, d0, d1");
                break;
            }
            case 0: sb.append(bit[rnd.nextInt(bit.length)]).append(" d2, d0, d1"); break;
            case 1: sb.append(rnd.nextBoolean() ? "vadd." : "vsub.").append(size[rnd.nextInt(4)]).append(" d2, d0, d1"); break;
            case 2: {
                String[] imms = {"vmov.i8 d2, #" + rnd.nextInt(256), "vmov.i16 d2, #" + (rnd.nextInt(256) << 8), "vmvn.i32 d2, #" + (rnd.nextInt(256) << 16),
                        "vorr.i32 d2, #" + rnd.nextInt(256), "vbic.i16 d2, #" + rnd.nextInt(256), "vmov.i64 d2, #0xff00ff0000ffff00", "vmov.f32 d2, #0.5"};
                sb.append(imms[rnd.nextInt(imms.length)]);
                break;
            }
            case 3: sb.append("vdup.").append(new String[] {"8", "16", "32"}[rnd.nextInt(3)]).append(" d2, d0[").append(rnd.nextInt(2)).append(']'); break;
            default:
                switch (rnd.nextInt(4)) {
                    case 0: sb.append("vst1.8 {d1-d2}, [r12]"); break;
                    case 1: {
                        int esize = rnd.nextInt(3), lanes = 8 >> esize;
                        sb.append(rnd.nextBoolean() ? "vld1." : "vst1.").append(8 << esize).append(" {d2[").append(rnd.nextInt(lanes)).append("]}, [r12]");
                        break;
                    }
                    case 2: sb.append("vld1.").append(8 << rnd.nextInt(3)).append(" {d2[]}, [r12]"); break;
                    default: sb.append("vld1.").append(8 << rnd.nextInt(3)).append(" {d1[], d2[]}, [r12]"); break;
                }
                break;
        }
        String out = "r" + rnd.nextInt(10);
        String out2 = "r" + (Integer.parseInt(out.substring(1)) + 1);
        sb.append("\n  vmov ").append(out).append(", ").append(out2).append(", d2");
        return sb.toString();
    }

    private String vfp() {
        if (rnd.nextInt(3) == 0) return neon();
        String c = "";
        String[] ops2 = {"vadd", "vsub", "vmul", "vdiv", "vnmul"};
        String[] ops3 = {"vmla", "vmls", "vnmla", "vnmls", "vfma", "vfms", "vfnma", "vfnms"};
        String[] ops1 = {"vabs", "vneg", "vsqrt", "vmov"};
        boolean dbl = rnd.nextBoolean();
        String t = dbl ? ".f64" : ".f32";
        String a = dbl ? "d0" : "s0", b = dbl ? "d1" : "s1", r = dbl ? "d2" : "s2";
        StringBuilder sb = new StringBuilder();
        if (dbl) {
            sb.append("vmov").append(c).append(" d0, ").append(s()).append(", ").append(s()).append("\n  ");
            sb.append("vmov").append(c).append(" d1, ").append(s()).append(", ").append(s()).append("\n  ");
            sb.append("vmov").append(c).append(" d2, ").append(s()).append(", ").append(s()).append("\n  ");
        } else {
            sb.append("vmov").append(c).append(" s0, ").append(s()).append("\n  ");
            sb.append("vmov").append(c).append(" s1, ").append(s()).append("\n  ");
            sb.append("vmov").append(c).append(" s2, ").append(s()).append("\n  ");
        }
        switch (rnd.nextInt(6)) {
            case 0: case 1: sb.append(ops2[rnd.nextInt(ops2.length)]).append(c).append(t).append(' ').append(r).append(", ").append(a).append(", ").append(b); break;
            case 2: sb.append(ops3[rnd.nextInt(ops3.length)]).append(c).append(t).append(' ').append(r).append(", ").append(a).append(", ").append(b); break;
            case 3: sb.append(ops1[rnd.nextInt(ops1.length)]).append(c).append(t).append(' ').append(r).append(", ").append(a); break;
            case 4:
                sb.append(rnd.nextBoolean() ? "vcmp" : "vcmpe").append(c).append(t).append(' ').append(a).append(", ").append(rnd.nextBoolean() ? b : "#0")
                  .append("\n  vmrs").append(c).append(" APSR_nzcv, fpscr");
                return sb.toString();
            default: {
                String[] cv = dbl ? new String[] {"vcvt.s32.f64 s4, d0", "vcvt.u32.f64 s4, d0", "vcvtr.s32.f64 s4, d0", "vcvt.f64.s32 d2, s0", "vcvt.f64.u32 d2, s1", "vcvt.f32.f64 s4, d0"}
                        : new String[] {"vcvt.s32.f32 s4, s0", "vcvt.u32.f32 s4, s0", "vcvtr.u32.f32 s4, s1", "vcvt.f32.s32 s2, s0", "vcvt.f32.u32 s2, s1", "vcvt.f64.f32 d2, s0"};
                String conv = cv[rnd.nextInt(cv.length)];
                sb.append(conv);
                sb.append("\n  vmov").append(c).append(' ').append(d()).append(", s4");
                break;
            }
        }
        String out = d(), out2 = d();
        if (dbl) sb.append("\n  vmov").append(c).append(' ').append(out).append(", ").append(out2.equals(out) ? "r" + ((Integer.parseInt(out.substring(1)) + 1) % 11) : out2).append(", d2");
        else sb.append("\n  vmov").append(c).append(' ').append(out).append(", s2");
        return sb.toString();
    }

    private String instructionNoBranch() {
        String i;
        do { i = instruction(); } while (i.contains("\n") || i.contains(":") || (!thumb && (i.startsWith("ldm") || i.contains("!") || i.contains("], "))));
        return i;
    }

    private String memory(String c) {
        String rt = d();
        int kind = rnd.nextInt(8);
        String[] ops = {"ldr", "str", "ldrb", "strb", "ldrh", "strh", "ldrsb", "ldrsh"};
        if (rnd.nextInt(6) == 0) {
            String[] r = {"r0", "r2", "r4", "r6", "r8"};
            String pair = r[rnd.nextInt(5)];
            String second = "r" + (Integer.parseInt(pair.substring(1)) + 1);
            int off = 8 * (rnd.nextInt(9) - 4);
            return (rnd.nextBoolean() ? "ldrd" : "strd") + c + " " + pair + ", " + second + ", [r12, #" + off + "]";
        }
        String op = ops[kind];
        int align = op.endsWith("h") || op.endsWith("sh") ? 2 : op.endsWith("b") ? 1 : 4;
        int off = align * (rnd.nextInt(33) - 16);
        boolean small = op.endsWith("h") || op.equals("ldrsb");
        switch (rnd.nextInt(5)) {
            // writeback moves r12 by multiples of 8, so that LDRD/LDM on it stay aligned
            case 0: return op + c + " " + rt + ", [r12, #" + 8 * (rnd.nextInt(9) - 4) + "]!";
            case 1: return op + c + " " + rt + ", [r12], #" + 8 * (rnd.nextInt(9) - 4);
            case 2: return op + c + " " + rt + ", [r12, " + (rnd.nextBoolean() || thumb ? "" : "-") + "r11]";
            case 3:
                if (!small || thumb) return op + c + " " + rt + ", [r12, r11, lsl #" + (rnd.nextBoolean() ? 0 : 1) + "]";
                return op + c + " " + rt + ", [r12, #" + off + "]";
            default: return op + c + " " + rt + ", [r12, #" + off + "]";
        }
    }
}
