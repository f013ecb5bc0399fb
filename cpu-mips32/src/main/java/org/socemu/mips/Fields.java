package org.socemu.mips;

/** Instruction word fields (MIPS32 Instruction Set, "Instruction Formats"). */
final class Fields {
    private Fields() {}

    static int rs(int i) { return (i >>> 21) & 31; }
    static int rt(int i) { return (i >>> 16) & 31; }
    static int rd(int i) { return (i >>> 11) & 31; }
    static int sa(int i) { return (i >>> 6) & 31; }
    /** Sign-extended 16-bit immediate. */
    static int simm(int i) { return (short) i; }
    /** Zero-extended 16-bit immediate. */
    static int uimm(int i) { return i & 0xFFFF; }
    static int sel(int i) { return i & 7; }
}
