package org.socemu.armv7;

/**
 * Advanced SIMD element and structure loads and stores (ARM ARM A7.7): VLD1-VLD4 and VST1-VST4 of
 * multiple structures, of a single structure to one lane, and (loads) to all lanes. The alignment
 * an encoding specifies is checked before any access (an Alignment fault otherwise); each element
 * access then follows SCTLR.A like any load or store of its size. Rm = 15: no writeback; Rm = 13:
 * Rn advances by the bytes transferred; otherwise by Rm.
 */
final class NeonLoadStore {
    private NeonLoadStore() {}

    static void exec(ArmCore c, int i) {
        int rn = (i >>> 16) & 15;
        if (rn == 15) { c.undefined(i); return; } // UNPREDICTABLE
        if ((i & (1 << 23)) == 0) multiple(c, i);
        else if (((i >>> 10) & 3) == 3) allLanes(c, i);
        else singleLane(c, i);
    }

    private static boolean isLoad(int i) { return (i & (1 << 21)) != 0; }

    private static void writeBack(ArmCore c, int i, int bytes) {
        int rn = (i >>> 16) & 15, rm = i & 15;
        if (rm == 13) c.r[rn] += bytes;
        else if (rm != 15) c.r[rn] += c.r[rm];
    }

    /** The address in Rn, checked against the alignment the encoding asks for. */
    private static int address(ArmCore c, int i, int alignment) {
        int addr = c.r[(i >>> 16) & 15];
        if ((addr & (alignment - 1)) != 0) ((CortexA7) c).alignmentFault(addr, !isLoad(i));
        return addr;
    }

    private static boolean strictAlignment(ArmCore c) {
        return (((CortexA7) c).cp15().sctlr & Cp15.SCTLR_A) != 0;
    }

    // ---- element accesses ----

    private static long load(ArmCore c, int addr, int ebytes) {
        switch (ebytes) {
            case 1: return c.ld8(addr) & 0xffL;
            case 2: return c.ld16(addr) & 0xffffL;
            case 4: return c.ld32(addr) & 0xffffffffL;
            default:
                if ((addr & 7) != 0 && strictAlignment(c)) ((CortexA7) c).alignmentFault(addr, false);
                return (c.ld32(addr) & 0xffffffffL) | ((long) c.ld32(addr + 4) << 32);
        }
    }

    private static void store(ArmCore c, int addr, int ebytes, long v) {
        switch (ebytes) {
            case 1: c.st8(addr, (int) v); break;
            case 2: c.st16(addr, (int) v); break;
            case 4: c.st32(addr, (int) v); break;
            default:
                if ((addr & 7) != 0 && strictAlignment(c)) ((CortexA7) c).alignmentFault(addr, true);
                c.st32(addr, (int) v);
                c.st32(addr + 4, (int) (v >>> 32));
                break;
        }
    }

    private static long lane(ArmCore c, int reg, int e, int esize) {
        return esize == 64 ? c.d[reg] : (c.d[reg] >>> (e * esize)) & ((1L << esize) - 1);
    }

    private static void setLane(ArmCore c, int reg, int e, int esize, long v) {
        if (esize == 64) {
            c.d[reg] = v;
            return;
        }
        long mask = ((1L << esize) - 1) << (e * esize);
        c.d[reg] = (c.d[reg] & ~mask) | ((v << (e * esize)) & mask);
    }

    // ---- multiple structures ----

    /** type = bits 11:8, size = bits 7:6, align = bits 5:4. */
    private static void multiple(ArmCore c, int i) {
        int type = (i >>> 8) & 15, size = (i >>> 6) & 3, align = (i >>> 4) & 3;
        int nelem, regs, inc;
        switch (type) {
            case 7: nelem = 1; regs = 1; inc = 1; if ((align & 2) != 0) { c.undefined(i); return; } break;
            case 10: nelem = 1; regs = 2; inc = 1; if (align == 3) { c.undefined(i); return; } break;
            case 6: nelem = 1; regs = 3; inc = 1; if ((align & 2) != 0) { c.undefined(i); return; } break;
            case 2: nelem = 1; regs = 4; inc = 1; break;
            case 8: case 9: nelem = 2; regs = 1; inc = type - 7; if (align == 3) { c.undefined(i); return; } break;
            case 3: nelem = 2; regs = 2; inc = 2; break;
            case 4: case 5: nelem = 3; regs = 1; inc = type - 3; if ((align & 2) != 0) { c.undefined(i); return; } break;
            case 0: case 1: nelem = 4; regs = 1; inc = type + 1; break;
            default: c.undefined(i); return;
        }
        if (nelem > 1 && size == 3) { c.undefined(i); return; }
        int d = Neon.vd(i);
        int last = nelem == 1 ? d + regs - 1 : nelem == 2 ? d + inc + regs - 1 : d + (nelem - 1) * inc;
        if (last > 31) { c.undefined(i); return; } // UNPREDICTABLE
        int alignment = nelem == 3 ? ((align & 1) != 0 ? 8 : 1) : align == 0 ? 1 : 4 << align;
        int addr = address(c, i, alignment);
        boolean load = isLoad(i);
        int ebytes = 1 << size, esize = 8 * ebytes, elements = 8 / ebytes;
        if (nelem == 1) {
            if (load) loadConsecutive(c, d, regs, addr, ebytes);
            else storeConsecutive(c, d, regs, addr, ebytes);
        } else {
            for (int r = 0; r < regs; r++) {
                for (int e = 0; e < elements; e++) {
                    for (int s = 0; s < nelem; s++) {
                        int reg = d + r + s * inc;
                        if (load) setLane(c, reg, e, esize, load(c, addr, ebytes));
                        else store(c, addr, ebytes, lane(c, reg, e, esize));
                        addr += ebytes;
                    }
                }
            }
        }
        writeBack(c, i, 8 * regs * nelem);
    }

    /**
     * VLD1 (multiple): registers are memory in order, whatever the element size, so aligned words
     * are moved whole (glibc's memcpy); otherwise element by element, as SCTLR.A decides.
     */
    private static void loadConsecutive(ArmCore c, int d, int regs, int addr, int ebytes) {
        if ((addr & (ebytes == 8 ? 7 : 3)) == 0) {
            for (int k = 0; k < regs; k++, addr += 8)
                c.d[d + k] = (c.ld32(addr) & 0xffffffffL) | ((long) c.ld32(addr + 4) << 32);
            return;
        }
        for (int k = 0; k < regs; k++)
            for (int e = 0; e < 8 / ebytes; e++, addr += ebytes) setLane(c, d + k, e, 8 * ebytes, load(c, addr, ebytes));
    }

    private static void storeConsecutive(ArmCore c, int d, int regs, int addr, int ebytes) {
        if ((addr & (ebytes == 8 ? 7 : 3)) == 0) {
            for (int k = 0; k < regs; k++, addr += 8) {
                c.st32(addr, (int) c.d[d + k]);
                c.st32(addr + 4, (int) (c.d[d + k] >>> 32));
            }
            return;
        }
        for (int k = 0; k < regs; k++)
            for (int e = 0; e < 8 / ebytes; e++, addr += ebytes) store(c, addr, ebytes, lane(c, d + k, e, 8 * ebytes));
    }

    // ---- single structure to one lane ----

    /** size = bits 11:10, nelem - 1 = bits 9:8, index_align = bits 7:4. */
    private static void singleLane(ArmCore c, int i) {
        int size = (i >>> 10) & 3, nelem = ((i >>> 8) & 3) + 1, ia = (i >>> 4) & 15;
        int index = ia >>> (size + 1), inc = 1, alignment = 1;
        switch (nelem) {
            case 1:
                if (size == 0 && (ia & 1) != 0 || size == 1 && (ia & 2) != 0 || size == 2 && ((ia & 4) != 0 || (ia & 3) == 1 || (ia & 3) == 2)) {
                    c.undefined(i);
                    return;
                }
                if (size == 1 && (ia & 1) != 0) alignment = 2;
                if (size == 2 && (ia & 3) == 3) alignment = 4;
                break;
            case 2:
                if (size == 2 && (ia & 2) != 0) { c.undefined(i); return; }
                if ((ia & 1) != 0) alignment = 2 << size;
                if (size > 0 && (ia & (1 << size)) != 0) inc = 2;
                break;
            case 3:
                if ((size < 2 && (ia & 1) != 0) || (size == 2 && (ia & 3) != 0)) { c.undefined(i); return; }
                if (size > 0 && (ia & (1 << size)) != 0) inc = 2;
                break;
            default:
                if (size == 2 && (ia & 3) == 3) { c.undefined(i); return; }
                if (size < 2 && (ia & 1) != 0) alignment = 4 << size;
                if (size == 2 && (ia & 3) != 0) alignment = 4 << (ia & 3);
                if (size > 0 && (ia & (1 << size)) != 0) inc = 2;
                break;
        }
        int d = Neon.vd(i);
        if (d + (nelem - 1) * inc > 31) { c.undefined(i); return; } // UNPREDICTABLE
        int addr = address(c, i, alignment);
        int ebytes = 1 << size, esize = 8 * ebytes;
        boolean load = isLoad(i);
        for (int s = 0; s < nelem; s++, addr += ebytes) {
            int reg = d + s * inc;
            if (load) setLane(c, reg, index, esize, load(c, addr, ebytes));
            else store(c, addr, ebytes, lane(c, reg, index, esize));
        }
        writeBack(c, i, ebytes * nelem);
    }

    // ---- single structure to all lanes (loads only) ----

    /** size = bits 7:6, T = bit 5, a = bit 4. */
    private static void allLanes(ArmCore c, int i) {
        if (!isLoad(i)) { c.undefined(i); return; }
        int size = (i >>> 6) & 3, nelem = ((i >>> 8) & 3) + 1;
        boolean t = (i & 0x20) != 0, a = (i & 0x10) != 0;
        int ebytes = 1 << size, alignment = 1, regs = 1, inc = t ? 2 : 1;
        switch (nelem) {
            case 1:
                if (size == 3 || (size == 0 && a)) { c.undefined(i); return; }
                if (a) alignment = ebytes;
                regs = t ? 2 : 1;
                inc = 1;
                break;
            case 2:
                if (size == 3) { c.undefined(i); return; }
                if (a) alignment = 2 * ebytes;
                break;
            case 3:
                if (size == 3 || a) { c.undefined(i); return; }
                break;
            default:
                if (size == 3) {
                    if (!a) { c.undefined(i); return; }
                    ebytes = 4;
                    alignment = 16;
                } else if (a) {
                    alignment = size == 2 ? 8 : 4 * ebytes;
                }
                break;
        }
        int d = Neon.vd(i);
        int last = nelem == 1 ? d + regs - 1 : d + (nelem - 1) * inc;
        if (last > 31) { c.undefined(i); return; } // UNPREDICTABLE
        int addr = address(c, i, alignment);
        long[] reps = new long[nelem];
        for (int s = 0; s < nelem; s++) {
            long v = load(c, addr + s * ebytes, ebytes);
            reps[s] = ebytes == 1 ? v * 0x0101010101010101L : ebytes == 2 ? v * 0x0001000100010001L : v * 0x0000000100000001L;
        }
        if (nelem == 1) {
            for (int r = 0; r < regs; r++) c.d[d + r] = reps[0];
        } else {
            for (int s = 0; s < nelem; s++) c.d[d + s * inc] = reps[s];
        }
        writeBack(c, i, ebytes * nelem);
    }
}
