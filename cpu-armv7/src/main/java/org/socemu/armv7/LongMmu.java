package org.socemu.armv7;

/**
 * VMSAv7 long-descriptor translation (LPAE, ARM ARM B3.6), selected by TTBCR.EAE: 4 KiB granule,
 * up to three levels, 1 GiB and 2 MiB blocks, 4 KiB pages, 40-bit physical addresses,
 * hierarchical APTable/XNTable/PXNTable, the access flag, AP[2:1], XN, PXN and WXN. Faults are
 * reported in the long-descriptor FSR format through {@link ShortMmu#longFault}.
 */
final class LongMmu {
    private static final long ADDR_MASK = 0x000000fffffff000L;
    // STATUS[5:0] codes (ARM ARM table B3-24); the low two bits are the lookup level
    private static final int TRANSLATION = 0x04, ACCESS_FLAG = 0x08, PERMISSION = 0x0c;

    private final ShortMmu owner;
    private final Cp15 cp15;

    LongMmu(ShortMmu owner, Cp15 cp15) {
        this.owner = owner;
        this.cp15 = cp15;
    }

    long translate(int va, int kind, boolean user) {
        int ttbcr = cp15.ttbcr;
        int t0sz = ttbcr & 7, t1sz = (ttbcr >>> 16) & 7;
        long uva = va & 0xffffffffL;
        long ttbr;
        int tsz;
        if (t0sz == 0 && t1sz == 0 || t0sz != 0 && uva < (1L << (32 - t0sz)) || t0sz == 0 && t1sz != 0 && uva < (1L << 32) - (1L << (32 - t1sz))) {
            if ((ttbcr & (1 << 7)) != 0) return owner.longFault(TRANSLATION | 1); // EPD0
            ttbr = (cp15.ttbr0 & 0xffffffffL) | ((long) cp15.ttbr0Hi << 32);
            tsz = t0sz;
        } else if (t1sz != 0 && uva >= (1L << 32) - (1L << (32 - t1sz))) {
            if ((ttbcr & (1 << 23)) != 0) return owner.longFault(TRANSLATION | 1); // EPD1
            ttbr = (cp15.ttbr1 & 0xffffffffL) | ((long) cp15.ttbr1Hi << 32);
            tsz = t1sz;
        } else {
            return owner.longFault(TRANSLATION | 1);
        }
        // TxSZ 0-1: start at level 1 (VA[31-TxSZ:30]); 2-7: start at level 2 (VA[31-TxSZ:21])
        int first = tsz <= 1 ? 1 : 2;
        int level = first;
        int x = level == 1 ? 5 - tsz : 14 - tsz;
        long table = ttbr & 0x000000ffffffffffL & ~((1L << x) - 1);
        boolean apNoUser = false, apNoWrite = false, xnTable = false, pxnTable = false;
        while (true) {
            int shift = level == 1 ? 30 : level == 2 ? 21 : 12;
            int indexBits = level != first ? 9 : first == 1 ? 2 - tsz : 11 - tsz;
            long index = (uva >>> shift) & ((1L << indexBits) - 1);
            long desc = owner.descriptor64(table + index * 8);
            int type = (int) desc & 3;
            if ((type & 1) == 0) return owner.longFault(TRANSLATION | level);
            if (type == 3 && level < 3) { // table
                apNoUser |= (desc & (1L << 61)) != 0;
                apNoWrite |= (desc & (1L << 62)) != 0;
                xnTable |= (desc & (1L << 60)) != 0;
                pxnTable |= (desc & (1L << 59)) != 0;
                table = desc & ADDR_MASK;
                level++;
                continue;
            }
            if (type == 1 && level == 3) return owner.longFault(TRANSLATION | level); // reserved
            long blockMask = (1L << shift) - 1;
            owner.mappingBits = shift;
            long pa = (desc & ADDR_MASK & ~blockMask) | (uva & blockMask);
            if (kind == ShortMmu.PROBE) return pa;
            if ((desc & (1L << 10)) == 0) return owner.longFault(ACCESS_FLAG | level);
            int ap = (int) (desc >>> 6) & 3;
            boolean pl0 = (ap & 1) != 0 && !apNoUser;
            boolean ro = (ap & 2) != 0 || apNoWrite;
            boolean xn = (desc & (1L << 54)) != 0 || xnTable;
            boolean pxn = (desc & (1L << 53)) != 0 || pxnTable;
            boolean canRead = !user || pl0;
            boolean canWrite = canRead && !ro;
            boolean ok;
            if (kind == ShortMmu.READ) ok = canRead;
            else if (kind == ShortMmu.WRITE) ok = canWrite;
            else {
                ok = canRead && !xn && !(pxn && !user);
                if (ok && (cp15.sctlr & Cp15.SCTLR_WXN) != 0 && canWrite) ok = false;
                if (ok && !user && (cp15.sctlr & Cp15.SCTLR_UWXN) != 0 && pl0 && !ro) ok = false;
            }
            return ok ? pa : owner.longFault(PERMISSION | level);
        }
    }
}
