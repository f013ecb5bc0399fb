package org.socemu.armv7;

import org.socemu.core.mem.BusView;

/**
 * VMSAv7 short-descriptor translation (ARM ARM B3.5): sections, supersections, large and small
 * pages, domains, AP[2:0] (or the simplified model when SCTLR.AFE is set), XN, PXN, WXN.
 * Memory attributes (TEX/C/B, TEX remap) only matter to caches, which are not modelled.
 *
 * <p>{@link #translate} returns the physical address, or -1 with {@link #faultStatus} and
 * {@link #faultDomain} describing the fault, so that the hot path stays free of exceptions.
 */
final class ShortMmu {
    static final int READ = 0, WRITE = 1, EXEC = 2;
    /** A debugger's look-up: permissions, domains and the access flag are not checked. */
    static final int PROBE = 3;

    // Fault status codes FS[4:0] (ARM ARM table B3-23)
    static final int FS_ALIGNMENT = 0x01;
    static final int FS_ACCESS_SECTION = 0x03, FS_ACCESS_PAGE = 0x06;
    static final int FS_TRANSLATION_SECTION = 0x05, FS_TRANSLATION_PAGE = 0x07;
    static final int FS_DOMAIN_SECTION = 0x09, FS_DOMAIN_PAGE = 0x0b;
    static final int FS_PERMISSION_SECTION = 0x0d, FS_PERMISSION_PAGE = 0x0f;

    private final Cp15 cp15;
    private final BusView view;

    int faultStatus;
    int faultDomain;
    /** The fault as DFSR/IFSR want it (without WnR): short- or long-descriptor format. */
    int faultFsr;
    /** log2 of the size of the mapping the last successful translation went through (for the soft TLB). */
    int mappingBits;

    private final LongMmu lpae;
    /** True during {@link #probe}: descriptors are read without device side effects. */
    private boolean probing;

    ShortMmu(Cp15 cp15, BusView view) {
        this.cp15 = cp15;
        this.view = view;
        this.lpae = new LongMmu(this, cp15);
    }

    /** True when TTBCR.EAE selects the long-descriptor (LPAE) format. */
    boolean longFormat() {
        return (cp15.ttbcr & Cp15.TTBCR_EAE) != 0;
    }

    /** An alignment fault in the current format. */
    int alignmentFsr() {
        return longFormat() ? 0x200 | 0x21 : FS_ALIGNMENT;
    }

    /**
     * The debugger's translation of {@code va} (-1 where nothing maps it): the walk of {@link
     * #translate} with every permission check skipped and descriptors peeked rather than read, so
     * that tables a broken TTBR points into a device cannot trigger its read side effects. The
     * fault fields are overwritten: the caller saves them.
     */
    long probe(int va) {
        probing = true;
        try {
            return translate(va, PROBE, false);
        } finally {
            probing = false;
        }
    }

    /** A descriptor of the walk (the bus, or a side-effect-free peek while probing). */
    int descriptor(long pa) {
        return probing ? view.peek(pa, 4) : view.read(pa, 4);
    }

    long descriptor64(long pa) {
        long a = descriptor(pa) & 0xffffffffL, b = descriptor(pa + 4) & 0xffffffffL;
        return (b << 32) | a; // the A7's translation tables are little-endian (SCTLR.EE = 0)
    }

    /** Translates {@code va} for an access of {@code kind} at PL0 ({@code user}) or PL1. */
    long translate(int va, int kind, boolean user) {
        int sctlr = cp15.sctlr;
        if ((sctlr & Cp15.SCTLR_M) == 0) {
            mappingBits = 32; // flat: one mapping of everything
            return va & 0xffffffffL;
        }
        if (longFormat()) return lpae.translate(va, kind, user);
        int n = cp15.ttbcr & 7;
        int ttbr;
        long l1;
        if (n == 0 || (va >>> (32 - n)) == 0) {
            if ((cp15.ttbcr & 0x10) != 0) return fault(FS_TRANSLATION_SECTION, 0); // PD0
            ttbr = cp15.ttbr0;
            int tableMask = 0xffffffff << (14 - n);
            l1 = ((ttbr & tableMask) | ((va >>> 20) << 2 & ~tableMask & 0x3ffc)) & 0xffffffffL;
        } else {
            if ((cp15.ttbcr & 0x20) != 0) return fault(FS_TRANSLATION_SECTION, 0); // PD1
            ttbr = cp15.ttbr1;
            l1 = ((ttbr & 0xffffc000) | ((va >>> 20) << 2)) & 0xffffffffL;
        }
        int d = descriptor(l1);
        int type = d & 3;
        if (type == 0) return fault(FS_TRANSLATION_SECTION, 0);
        if (type == 1) return pageTable(va, kind, user, d, sctlr);
        boolean supersection = (d & (1 << 18)) != 0;
        int domain = supersection ? 0 : (d >>> 5) & 0xf;
        long pa = supersection
                ? ((d & 0xff000000L) | (va & 0x00ffffffL) | ((long) ((d >>> 20) & 0xf) << 32) | ((long) ((d >>> 5) & 0xf) << 36))
                : ((d & 0xfff00000L) | (va & 0x000fffffL));
        int ap = ((d >>> 10) & 3) | ((d >>> 13) & 4);
        boolean xn = (d & 0x10) != 0, pxn = (d & 1) != 0;
        mappingBits = supersection ? 24 : 20;
        return check(pa, kind, user, domain, ap, xn, pxn, true, sctlr);
    }

    private long pageTable(int va, int kind, boolean user, int d, int sctlr) {
        int domain = (d >>> 5) & 0xf;
        boolean pxn = (d & 4) != 0;
        long l2 = ((d & 0xfffffc00) | (((va >>> 12) & 0xff) << 2)) & 0xffffffffL;
        int p = descriptor(l2);
        if ((p & 3) == 0) return fault(FS_TRANSLATION_PAGE, domain);
        int ap = ((p >>> 4) & 3) | ((p >>> 7) & 4);
        long pa;
        boolean xn;
        if ((p & 3) == 1) { // large page, 64 KiB
            pa = (p & 0xffff0000L) | (va & 0xffff);
            xn = (p & 0x8000) != 0;
            mappingBits = 16;
        } else {            // small page, 4 KiB
            pa = (p & 0xfffff000L) | (va & 0xfff);
            xn = (p & 1) != 0;
            mappingBits = 12;
        }
        return check(pa, kind, user, domain, ap, xn, pxn, false, sctlr);
    }

    private long check(long pa, int kind, boolean user, int domain, int ap, boolean xn, boolean pxn,
                       boolean section, int sctlr) {
        if (kind == PROBE) return pa;
        int dac = (cp15.dacr >>> (domain * 2)) & 3;
        if (dac == 3) return pa;                         // manager: no checks at all
        if (dac != 1) return fault(section ? FS_DOMAIN_SECTION : FS_DOMAIN_PAGE, domain);
        if ((sctlr & Cp15.SCTLR_AFE) != 0) {
            if ((ap & 1) == 0) return fault(section ? FS_ACCESS_SECTION : FS_ACCESS_PAGE, domain);
            ap = (ap & 4) | ((ap & 2) != 0 ? 3 : 1);     // simplified model onto the full one
        }
        boolean canRead, canWrite;
        switch (ap) {
            case 1: canRead = !user; canWrite = !user; break;
            case 2: canRead = true; canWrite = !user; break;
            case 3: canRead = true; canWrite = true; break;
            case 5: canRead = !user; canWrite = false; break;
            case 6: case 7: canRead = true; canWrite = false; break;
            default: canRead = false; canWrite = false; break;
        }
        boolean ok;
        if (kind == READ) ok = canRead;
        else if (kind == WRITE) ok = canWrite;
        else {
            ok = canRead && !xn && !(pxn && !user);
            if (ok && (sctlr & Cp15.SCTLR_WXN) != 0 && canWrite) ok = false;
            if (ok && !user && (sctlr & Cp15.SCTLR_UWXN) != 0 && ap == 3) ok = false;
        }
        return ok ? pa : fault(section ? FS_PERMISSION_SECTION : FS_PERMISSION_PAGE, domain);
    }

    long fault(int fs, int domain) {
        faultStatus = fs;
        faultDomain = domain;
        faultFsr = (fs & 0xf) | ((fs & 0x10) << 6) | (domain << 4);
        return -1;
    }

    /** A long-descriptor fault: STATUS[5:0] with the LPAE bit. */
    long longFault(int status) {
        faultStatus = status;
        faultDomain = 0;
        faultFsr = 0x200 | status;
        return -1;
    }
}
