package org.socemu.armv7;

/** T32 decode table (in progress). */
public final class ThumbDecoder {
    private ThumbDecoder() {}

    public static ThumbOp decode16(int hw) {
        return (c, i) -> c.undefined(i);
    }

    public static ThumbOp decode32(int insn) {
        return (c, i) -> c.undefined(i);
    }
}
