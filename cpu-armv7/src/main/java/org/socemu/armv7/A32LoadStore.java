package org.socemu.armv7;

/** A32 loads and stores: word/byte, halfword/doubleword, multiple, exclusive (ARM ARM A5.3, A5.5). */
final class A32LoadStore {
    private A32LoadStore() {}

    private static final int P = 1 << 24, U = 1 << 23, BIT22 = 1 << 22, W = 1 << 21, L = 1 << 20;

    /** LDR, STR, LDRB, STRB and their T (unprivileged) forms, immediate or scaled-register offset. */
    static void wordByte(CortexA7 c, int i) {
        int[] r = c.r;
        int rn = (i >>> 16) & 15, rt = (i >>> 12) & 15;
        int off = (i & (1 << 25)) != 0 ? ArmAlu.shiftImm(c, r[i & 15], (i >>> 5) & 3, (i >>> 7) & 31) : i & 0xfff;
        int base = r[rn];
        int addr = (i & U) != 0 ? base + off : base - off;
        boolean pre = (i & P) != 0;
        int ea = pre ? addr : base;
        boolean wb = !pre || (i & W) != 0;
        boolean user = !pre && (i & W) != 0;
        boolean byteAccess = (i & BIT22) != 0;
        if ((i & L) != 0) {
            int v;
            if (user) v = c.ldUser(ea, byteAccess ? 1 : 4);
            else v = byteAccess ? c.ld8(ea) : c.ld32(ea);
            if (wb) r[rn] = addr;
            if (rt == 15) c.loadWritePc(v);
            else r[rt] = v;
        } else {
            int v = r[rt];
            if (user) c.stUser(ea, byteAccess ? 1 : 4, v);
            else if (byteAccess) c.st8(ea, v);
            else c.st32(ea, v);
            if (wb) r[rn] = addr;
        }
    }

    /** LDR (immediate, offset, no writeback): the commonest load gets its own handler. */
    static void ldrImmOffset(CortexA7 c, int i) {
        int off = i & 0xfff;
        int base = c.r[(i >>> 16) & 15];
        int v = c.ld32((i & U) != 0 ? base + off : base - off);
        int rt = (i >>> 12) & 15;
        if (rt == 15) c.loadWritePc(v);
        else c.r[rt] = v;
    }

    /** STR (immediate, offset, no writeback). */
    static void strImmOffset(CortexA7 c, int i) {
        int off = i & 0xfff;
        int base = c.r[(i >>> 16) & 15];
        c.st32((i & U) != 0 ? base + off : base - off, c.r[(i >>> 12) & 15]);
    }

    /** STRH, LDRD, STRD, LDRH, LDRSB, LDRSH (and LDRHT, STRHT, LDRSBT, LDRSHT): bits 6:5 and L choose. */
    static void extra(CortexA7 c, int i) {
        int[] r = c.r;
        int rn = (i >>> 16) & 15, rt = (i >>> 12) & 15;
        int off = (i & BIT22) != 0 ? ((i >>> 4) & 0xf0) | (i & 0xf) : r[i & 15];
        int base = r[rn];
        int addr = (i & U) != 0 ? base + off : base - off;
        boolean pre = (i & P) != 0;
        int ea = pre ? addr : base;
        boolean wb = !pre || (i & W) != 0;
        boolean user = !pre && (i & W) != 0;
        int op = (i >>> 5) & 3;
        if ((i & L) != 0) {
            int v;
            switch (op) {
                case 1: v = user ? c.ldUser(ea, 2) : c.ld16(ea); break;
                case 2: v = (byte) (user ? c.ldUser(ea, 1) : c.ld8(ea)); break;
                default: v = (short) (user ? c.ldUser(ea, 2) : c.ld16(ea)); break;
            }
            if (wb) r[rn] = addr;
            r[rt] = v;
            return;
        }
        switch (op) {
            case 1:
                if (user) c.stUser(ea, 2, r[rt]);
                else c.st16(ea, r[rt]);
                break;
            case 2: { // LDRD
                int lo = c.ld32Aligned(ea), hi = c.ld32Aligned(ea + 4);
                if (wb) r[rn] = addr;
                r[rt & 14] = lo;
                r[(rt & 14) + 1] = hi;
                return;
            }
            default: // STRD
                c.st32Aligned(ea, r[rt & 14]);
                c.st32Aligned(ea + 4, r[(rt & 14) + 1]);
                break;
        }
        if (wb) r[rn] = addr;
    }

    /** LDM/STM in all four addressing modes, with user-bank and exception-return forms (S bit). */
    static void multiple(CortexA7 c, int i) {
        int[] r = c.r;
        int rn = (i >>> 16) & 15, list = i & 0xffff;
        int count = Integer.bitCount(list);
        int base = r[rn];
        boolean up = (i & U) != 0, pre = (i & P) != 0;
        int start = up ? (pre ? base + 4 : base) : (pre ? base - 4 * count : base - 4 * count + 4);
        int wbValue = up ? base + 4 * count : base - 4 * count;
        boolean wb = (i & W) != 0;
        boolean userBank = (i & BIT22) != 0 && !((i & L) != 0 && (list & 0x8000) != 0);
        int mode = c.mode;
        if (userBank && (mode == ArmMode.USR || mode == ArmMode.SYS)) userBank = false;
        int addr = start;
        if ((i & L) != 0) {
            int pcValue = 0;
            boolean loadedBase = false;
            for (int k = 0; k < 15; k++) {
                if ((list & (1 << k)) == 0) continue;
                int v = c.ld32Aligned(addr);
                addr += 4;
                if (userBank && k >= 8) c.bankedWrite(ArmMode.USR, k, v);
                else r[k] = v;
                if (k == rn) loadedBase = true;
            }
            if ((list & 0x8000) != 0) pcValue = c.ld32Aligned(addr);
            if (wb && !loadedBase) r[rn] = wbValue;
            if ((list & 0x8000) != 0) {
                if ((i & BIT22) != 0) c.exceptionReturn(pcValue);
                else c.loadWritePc(pcValue);
            }
        } else {
            for (int k = 0; k < 16; k++) {
                if ((list & (1 << k)) == 0) continue;
                int v = userBank && k >= 8 && k < 15 ? c.bankedRead(ArmMode.USR, k) : r[k];
                c.st32Aligned(addr, v);
                addr += 4;
            }
            if (wb) r[rn] = wbValue;
        }
    }

    /** LDREX, LDREXD, LDREXB, LDREXH: size in bits 22:21 (word, doubleword, byte, halfword). */
    static void loadExclusive(CortexA7 c, int i) {
        int[] r = c.r;
        int addr = r[(i >>> 16) & 15], rt = (i >>> 12) & 15;
        switch ((i >>> 21) & 3) {
            case 0: r[rt] = c.ldAligned(addr, 4); c.markExclusive(addr, 4); break;
            case 1: {
                if ((addr & 7) != 0) c.alignmentFault(addr, false); // doubleword alignment
                int lo = c.ld32(addr), hi = c.ld32(addr + 4);
                r[rt & 14] = lo;
                r[(rt & 14) + 1] = hi;
                c.markExclusive(addr, 8);
                break;
            }
            case 2: r[rt] = c.ld8(addr); c.markExclusive(addr, 1); break;
            default: r[rt] = c.ldAligned(addr, 2); c.markExclusive(addr, 2); break;
        }
    }

    /** STREX family: Rd = 0 if the store happened, 1 if the monitor was lost. */
    static void storeExclusive(CortexA7 c, int i) {
        int[] r = c.r;
        int addr = r[(i >>> 16) & 15], rd = (i >>> 12) & 15, rt = i & 15;
        int size;
        switch ((i >>> 21) & 3) {
            case 0: size = 4; break;
            case 1: size = 8; break;
            case 2: size = 1; break;
            default: size = 2; break;
        }
        if ((addr & (size - 1)) != 0) c.alignmentFault(addr, true); // whatever the monitor says
        if (!c.checkExclusive(addr, size)) {
            r[rd] = 1;
            return;
        }
        if (size == 8) {
            c.st32(addr, r[rt & 14]);
            c.st32(addr + 4, r[(rt & 14) + 1]);
        } else {
            c.stAligned(addr, size, r[rt]);
        }
        r[rd] = 0;
    }
}
