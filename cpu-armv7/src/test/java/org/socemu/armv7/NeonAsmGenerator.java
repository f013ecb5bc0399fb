package org.socemu.armv7;

import java.util.Random;

/**
 * Random VFP and Advanced SIMD instructions (unified syntax, valid in A32 and T32) for the
 * floating-point and SIMD differential test. Operands: any of d0-d31 / q0-q15 / s0-s31; core
 * registers r0-r10 for transfers; r12 points into the sequence's data buffer (32-byte aligned)
 * and r11 holds a small non-negative multiple of 8 for register post-indexing.
 */
final class NeonAsmGenerator {
    private final Random rnd;

    NeonAsmGenerator(long seed) {
        rnd = new Random(seed);
    }

    private int pick(int n) { return rnd.nextInt(n); }
    private <T> T pick(T[] a) { return a[rnd.nextInt(a.length)]; }
    private boolean coin() { return rnd.nextBoolean(); }

    private String d() { return "d" + pick(32); }
    private String q() { return "q" + pick(16); }
    private String s() { return "s" + pick(32); }
    private String r() { return "r" + pick(11); }
    private String v(boolean quad) { return quad ? q() : d(); }

    private static final String[] S8_32 = {"s8", "s16", "s32", "u8", "u16", "u32"};
    private static final String[] S8_64 = {"s8", "s16", "s32", "s64", "u8", "u16", "u32", "u64"};
    private static final String[] I8_32 = {"i8", "i16", "i32"};
    private static final String[] I8_64 = {"i8", "i16", "i32", "i64"};
    private static final String[] SS = {"s8", "s16", "s32"};

    private static int esize(String type) {
        return Integer.parseInt(type.replaceAll("[a-z]", ""));
    }

    /** One instruction (sometimes two, when a transfer out makes a result visible). */
    String next() {
        switch (pick(20)) {
            case 0: case 1: case 2: return threeSameInt();
            case 3: case 4: return threeSameFloat();
            case 5: return threeDifferent();
            case 6: return scalar();
            case 7: case 8: return shiftImmediate();
            case 9: case 10: return twoMisc();
            case 11: return immediateAndPermute();
            case 12: return transfer();
            case 13: case 14: return loadStore();
            default: return vfp();
        }
    }

    private String threeSameInt() {
        boolean quad = coin();
        String d = v(quad), n = v(quad), m = v(quad);
        switch (pick(12)) {
            case 0: return pick(new String[] {"vhadd", "vrhadd", "vhsub", "vmax", "vmin", "vabd", "vaba", "vcgt", "vcge"}) + "." + pick(S8_32) + " " + d + ", " + n + ", " + m;
            case 1: return pick(new String[] {"vqadd", "vqsub", "vshl", "vqshl", "vrshl", "vqrshl"}) + "." + pick(S8_64) + " " + d + ", " + n + ", " + m;
            case 2: return pick(new String[] {"vand", "vbic", "vorr", "vorn", "veor", "vbsl", "vbit", "vbif"}) + " " + d + ", " + n + ", " + m;
            case 3: return pick(new String[] {"vadd", "vsub"}) + "." + pick(I8_64) + " " + d + ", " + n + ", " + m;
            case 4: return (coin() ? "vtst." + pick(new String[] {"8", "16", "32"}) : "vceq." + pick(I8_32)) + " " + d + ", " + n + ", " + m;
            case 5: return pick(new String[] {"vmla", "vmls", "vmul"}) + "." + pick(I8_32) + " " + d + ", " + n + ", " + m;
            case 6: return "vmul.p8 " + d + ", " + n + ", " + m;
            case 7: return pick(new String[] {"vpmax", "vpmin"}) + "." + pick(S8_32) + " " + d() + ", " + d() + ", " + d();
            case 8: return "vpadd." + pick(I8_32) + " " + d() + ", " + d() + ", " + d();
            case 9: return pick(new String[] {"vqdmulh", "vqrdmulh"}) + "." + pick(new String[] {"s16", "s32"}) + " " + d + ", " + n + ", " + m;
            case 10: return pick(new String[] {"vclt", "vcle"}) + "." + pick(S8_32) + " " + d + ", " + n + ", " + m;
            default: return "vmov " + d + ", " + n;
        }
    }

    private String threeSameFloat() {
        boolean quad = coin();
        String d = v(quad), n = v(quad), m = v(quad);
        if (pick(6) == 0) return pick(new String[] {"vpadd", "vpmax", "vpmin"}) + ".f32 " + d() + ", " + d() + ", " + d();
        return pick(new String[] {"vadd", "vsub", "vabd", "vmla", "vmls", "vmul", "vceq", "vcge", "vcgt", "vacge", "vacgt",
                "vmax", "vmin", "vrecps", "vrsqrts", "vfma", "vfms", "vclt", "vcle", "vaclt", "vacle"}) + ".f32 " + d + ", " + n + ", " + m;
    }

    private String threeDifferent() {
        String t = pick(S8_32);
        switch (pick(6)) {
            case 0: return pick(new String[] {"vaddl", "vsubl", "vabal", "vabdl", "vmlal", "vmlsl", "vmull"}) + "." + t + " " + q() + ", " + d() + ", " + d();
            case 1: return pick(new String[] {"vaddw", "vsubw"}) + "." + t + " " + q() + ", " + q() + ", " + d();
            case 2: return pick(new String[] {"vaddhn", "vraddhn", "vsubhn", "vrsubhn"}) + "." + pick(new String[] {"i16", "i32", "i64"}) + " " + d() + ", " + q() + ", " + q();
            case 3: return pick(new String[] {"vqdmlal", "vqdmlsl", "vqdmull"}) + "." + pick(new String[] {"s16", "s32"}) + " " + q() + ", " + d() + ", " + d();
            case 4: return "vmull.p8 " + q() + ", " + d() + ", " + d();
            default: return "vabdl." + t + " " + q() + ", " + d() + ", " + d();
        }
    }

    private String scalarOf(int esize) {
        return esize == 16 ? "d" + pick(8) + "[" + pick(4) + "]" : "d" + pick(16) + "[" + pick(2) + "]";
    }

    private String scalar() {
        boolean quad = coin();
        switch (pick(5)) {
            case 0: {
                String t = pick(new String[] {"i16", "i32", "f32"});
                return pick(new String[] {"vmla", "vmls", "vmul"}) + "." + t + " " + v(quad) + ", " + v(quad) + ", " + scalarOf(t.equals("i16") ? 16 : 32);
            }
            case 1: {
                String t = pick(new String[] {"s16", "s32", "u16", "u32"});
                return pick(new String[] {"vmlal", "vmlsl", "vmull"}) + "." + t + " " + q() + ", " + d() + ", " + scalarOf(esize(t));
            }
            case 2: {
                String t = pick(new String[] {"s16", "s32"});
                return pick(new String[] {"vqdmlal", "vqdmlsl", "vqdmull"}) + "." + t + " " + q() + ", " + d() + ", " + scalarOf(esize(t));
            }
            default: {
                String t = pick(new String[] {"s16", "s32"});
                return pick(new String[] {"vqdmulh", "vqrdmulh"}) + "." + t + " " + v(quad) + ", " + v(quad) + ", " + scalarOf(esize(t));
            }
        }
    }

    private String shiftImmediate() {
        boolean quad = coin();
        String t = pick(S8_64);
        int es = esize(t);
        switch (pick(9)) {
            case 0: return pick(new String[] {"vshr", "vsra", "vrshr", "vrsra"}) + "." + t + " " + v(quad) + ", " + v(quad) + ", #" + (1 + pick(es));
            case 1: return "vsri." + es + " " + v(quad) + ", " + v(quad) + ", #" + (1 + pick(es));
            case 2: return (coin() ? "vsli." + es : "vshl.i" + es) + " " + v(quad) + ", " + v(quad) + ", #" + pick(es);
            case 3: return (coin() ? "vqshl." + t : "vqshlu.s" + es) + " " + v(quad) + ", " + v(quad) + ", #" + pick(es);
            case 4: {
                int w = 16 << pick(3);
                return pick(new String[] {"vshrn.i", "vrshrn.i"}) + w + " " + d() + ", " + q() + ", #" + (1 + pick(w / 2));
            }
            case 5: {
                int w = 16 << pick(3);
                String k = pick(new String[] {"vqshrn.s", "vqshrn.u", "vqrshrn.s", "vqrshrn.u", "vqshrun.s", "vqrshrun.s"});
                return k + w + " " + d() + ", " + q() + ", #" + (1 + pick(w / 2));
            }
            case 6: {
                String n = pick(S8_32);
                int e = esize(n);
                int sh = 1 + pick(e); // 0 is VMOVL
                if (sh == e) n = "i" + e;
                return "vshll." + n + " " + q() + ", " + d() + ", #" + sh;
            }
            case 7: return "vmovl." + pick(S8_32) + " " + q() + ", " + d();
            default:
                return "vcvt." + pick(new String[] {"s32.f32", "u32.f32", "f32.s32", "f32.u32"}) + " " + v(quad) + ", " + v(quad) + ", #" + (1 + pick(32));
        }
    }

    private String twoMisc() {
        boolean quad = coin();
        String d = v(quad), m = v(quad);
        switch (pick(14)) {
            case 0: {
                String[] k = {"vrev64.8", "vrev64.16", "vrev64.32", "vrev32.8", "vrev32.16", "vrev16.8"};
                return pick(k) + " " + d + ", " + m;
            }
            case 1: return pick(new String[] {"vpaddl", "vpadal"}) + "." + pick(S8_32) + " " + d + ", " + m;
            case 2: return pick(new String[] {"vcls.s", "vclz.i"}) + (8 << pick(3)) + " " + d + ", " + m;
            case 3: return (coin() ? "vcnt.8 " : "vmvn ") + d + ", " + m;
            case 4: return pick(new String[] {"vqabs", "vqneg", "vabs", "vneg"}) + "." + pick(SS) + " " + d + ", " + m;
            case 5: return pick(new String[] {"vcgt", "vcge", "vcle", "vclt"}) + "." + pick(SS) + " " + d + ", " + m + ", #0";
            case 6: return pick(new String[] {"vcgt", "vcge", "vceq", "vcle", "vclt"}) + ".f32 " + d + ", " + m + ", #0";
            case 7: return pick(new String[] {"vabs", "vneg"}) + ".f32 " + d + ", " + m;
            case 8: { // the same register twice is UNPREDICTABLE
                String k = pick(new String[] {"vswp", "vtrn.8", "vtrn.16", "vtrn.32", "vuzp.8", "vuzp.16", "vzip.8", "vzip.16"});
                if (quad && coin()) k = pick(new String[] {"vuzp.32", "vzip.32"});
                while (m.equals(d)) m = v(quad);
                return k + " " + d + ", " + m;
            }
            case 9: {
                String[] k = {"vmovn.i16", "vmovn.i32", "vmovn.i64", "vqmovn.s16", "vqmovn.s32", "vqmovn.s64", "vqmovn.u16", "vqmovn.u32",
                    "vqmovn.u64", "vqmovun.s16", "vqmovun.s32", "vqmovun.s64"};
                return pick(k) + " " + d() + ", " + q();
            }
            case 10: return coin() ? "vcvt.f16.f32 " + d() + ", " + q() : "vcvt.f32.f16 " + q() + ", " + d();
            case 11: return pick(new String[] {"vrecpe", "vrsqrte"}) + "." + pick(new String[] {"u32", "f32"}) + " " + d + ", " + m;
            case 12: return "vcvt." + pick(new String[] {"s32.f32", "u32.f32", "f32.s32", "f32.u32"}) + " " + d + ", " + m;
            default: return "vceq.i" + (8 << pick(3)) + " " + d + ", " + m + ", #0";
        }
    }

    private String immediateAndPermute() {
        boolean quad = coin();
        String d = v(quad);
        switch (pick(9)) {
            case 0: return "vmov.i8 " + d + ", #" + pick(256);
            case 1: return pick(new String[] {"vmov", "vmvn", "vorr", "vbic"}) + ".i16 " + d + ", #" + (pick(256) << (8 * pick(2)));
            case 2: return pick(new String[] {"vmov", "vmvn", "vorr", "vbic"}) + ".i32 " + d + ", #" + Integer.toUnsignedString(pick(256) << (8 * pick(4)));
            case 3: return pick(new String[] {"vmov", "vmvn"}) + ".i32 " + d + ", #" + Integer.toUnsignedString(coin() ? (pick(256) << 8) | 0xff : (pick(256) << 16) | 0xffff);
            case 4: {
                StringBuilder imm = new StringBuilder("0x");
                for (int k = 0; k < 8; k++) imm.append(coin() ? "ff" : "00");
                return "vmov.i64 " + d + ", #" + imm;
            }
            case 5: return "vmov.f32 " + d + ", #" + pick(new String[] {"0.5", "-1.0", "2.0", "31.0", "-0.125", "1.9375", "0.1328125"});
            case 6: {
                String n = v(quad), m = v(quad);
                String[] sizes = {"8", "16", "32", "64"};
                String sz = pick(sizes);
                int lanes = (quad ? 16 : 8) / (esize("x" + sz) / 8);
                return "vext." + sz + " " + d + ", " + n + ", " + m + ", #" + pick(lanes);
            }
            case 7: {
                int len = 1 + pick(4), first = pick(33 - len);
                return (coin() ? "vtbl.8 " : "vtbx.8 ") + d() + ", {d" + first + (len > 1 ? "-d" + (first + len - 1) : "") + "}, " + d();
            }
            default: {
                int es = 8 << pick(3);
                return "vdup." + es + " " + d + ", d" + pick(32) + "[" + pick(64 / es) + "]";
            }
        }
    }

    private String transfer() {
        switch (pick(5)) {
            case 0: return "vdup." + (8 << pick(3)) + " " + v(coin()) + ", " + r();
            case 1: {
                int es = 8 << pick(3);
                return "vmov." + es + " " + d() + "[" + pick(64 / es) + "], " + r();
            }
            case 2: {
                int es = 8 << pick(3);
                String t = es == 32 ? "32" : pick(new String[] {"s", "u"}) + es;
                return "vmov." + t + " " + r() + ", " + d() + "[" + pick(64 / es) + "]";
            }
            case 3: return coin() ? "vmov " + r() + ", " + s() : "vmov " + s() + ", " + r();
            default: {
                String a = r(), b;
                do { b = r(); } while (b.equals(a));
                return coin() ? "vmov " + a + ", " + b + ", " + d() : "vmov " + d() + ", " + a + ", " + b;
            }
        }
    }

    /** A register list of n registers, spaced by inc, that stays within d0-d31. */
    private String list(int n, int inc, String lane) {
        int first = pick(32 - (n - 1) * inc);
        StringBuilder sb = new StringBuilder("{");
        for (int k = 0; k < n; k++) sb.append(k == 0 ? "" : ", ").append("d").append(first + k * inc).append(lane);
        return sb.append("}").toString();
    }

    private String addressing(int maxAlignBits) {
        String align = maxAlignBits > 0 && coin() ? ":" + maxAlignBits : "";
        switch (pick(3)) {
            case 0: return "[r12" + align + "]";
            case 1: return "[r12" + align + "]!";
            default: return "[r12" + align + "], r11";
        }
    }

    /** A load or store; after a writeback r12 is realigned to 32 bytes, so that later alignment hints hold. */
    private String loadStore() {
        String insn = loadStoreInsn();
        return insn.contains("]!") || insn.contains("], r11") ? insn + "\n  bic r12, r12, #31" : insn;
    }

    private String loadStoreInsn() {
        String op = coin() ? "vld" : "vst";
        int es = 8 << pick(3);
        switch (pick(4)) {
            case 0: { // multiple structures
                int n = 1 + pick(4);
                if (n == 1) {
                    int regs = 1 + pick(4);
                    int align = regs == 1 || regs == 3 ? 64 : regs == 2 ? 64 << pick(2) : 64 << pick(3);
                    return op + "1." + (coin() ? "64" : "" + es) + " " + list(regs, 1, "") + ", " + addressing(align);
                }
                if (n == 2) {
                    int regs = coin() ? 2 : 4;
                    String l = regs == 4 ? list(4, 1, "") : list(2, 1 + pick(2), "");
                    return op + "2." + es + " " + l + ", " + addressing(regs == 4 ? 64 << pick(3) : 64 << pick(2));
                }
                return op + n + "." + es + " " + list(n, 1 + pick(2), "") + ", " + addressing(n == 3 ? 64 : 64 << pick(3));
            }
            case 1: case 2: { // single structure to one lane
                int n = 1 + pick(4), lane = pick(64 / es);
                int inc = es == 8 ? 1 : 1 + pick(2);
                if (n == 1) inc = 1;
                int align = 0;
                if (n == 1 && es > 8) align = es;
                if (n == 2) align = 2 * es;
                if (n == 4) align = es == 32 ? 64 << pick(2) : 4 * es;
                return op + n + "." + es + " " + list(n, inc, "[" + lane + "]") + ", " + addressing(align);
            }
            default: { // single structure to all lanes (loads only)
                int n = 1 + pick(4);
                int inc = n == 1 ? 1 : 1 + pick(2);
                int count = n == 1 ? 1 + pick(2) : n;
                int align = 0;
                if (n == 1 && es > 8) align = es;
                if (n == 2) align = 2 * es;
                if (n == 4) align = es == 32 ? 64 << pick(2) : 4 * es;
                if (n == 4 && es == 32 && align == 256) align = 128;
                return "vld" + n + "." + es + " " + list(count, inc, "[]") + ", " + addressing(align);
            }
        }
    }

    private String vfp() {
        boolean dbl = coin();
        String t = dbl ? ".f64" : ".f32";
        String a = dbl ? d() : s(), b = dbl ? d() : s(), dst = dbl ? d() : s();
        switch (pick(10)) {
            case 0: case 1: return pick(new String[] {"vadd", "vsub", "vmul", "vdiv", "vnmul"}) + t + " " + dst + ", " + a + ", " + b;
            case 2: case 3: return pick(new String[] {"vmla", "vmls", "vnmla", "vnmls", "vfma", "vfms", "vfnma", "vfnms"}) + t + " " + dst + ", " + a + ", " + b;
            case 4: return pick(new String[] {"vabs", "vneg", "vsqrt", "vmov"}) + t + " " + dst + ", " + a;
            case 5: return pick(new String[] {"vcmp", "vcmpe"}) + t + " " + a + ", " + (coin() ? b : "#0") + (coin() ? "\n  vmrs APSR_nzcv, fpscr" : "");
            case 6: {
                String[] cv = {"vcvt.s32.f64 " + s() + ", " + d(), "vcvt.u32.f64 " + s() + ", " + d(), "vcvtr.s32.f64 " + s() + ", " + d(),
                    "vcvtr.u32.f64 " + s() + ", " + d(), "vcvt.f64.s32 " + d() + ", " + s(), "vcvt.f64.u32 " + d() + ", " + s(),
                    "vcvt.f32.f64 " + s() + ", " + d(), "vcvt.f64.f32 " + d() + ", " + s(), "vcvt.s32.f32 " + s() + ", " + s(),
                    "vcvt.u32.f32 " + s() + ", " + s(), "vcvtr.s32.f32 " + s() + ", " + s(), "vcvtr.u32.f32 " + s() + ", " + s(),
                    "vcvt.f32.s32 " + s() + ", " + s(), "vcvt.f32.u32 " + s() + ", " + s()};
                return pick(cv);
            }
            case 7: { // fixed point, in place
                String ty = pick(new String[] {"s16", "u16", "s32", "u32"});
                int size = esize(ty), fbits = coin() ? pick(size + 1) : 1 + pick(size);
                if (fbits == 0 && size == 16) fbits = 1;
                if (fbits == 0) fbits = 32;
                String reg = dbl ? d() : s();
                return coin() ? "vcvt." + ty + t + " " + reg + ", " + reg + ", #" + fbits : "vcvt" + t + "." + ty + " " + reg + ", " + reg + ", #" + fbits;
            }
            case 8: return pick(new String[] {"vcvtb", "vcvtt"}) + (coin() ? ".f16.f32 " : ".f32.f16 ") + s() + ", " + s();
            default: {
                String[] imms = {"0.5", "-1.0", "2.0", "31.0", "-0.125", "1.9375", "0.1328125", "16.0", "-3.0"};
                return "vmov" + t + " " + dst + ", #" + pick(imms);
            }
        }
    }
}
