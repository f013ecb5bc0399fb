package org.socemu.mips;

import java.lang.invoke.VarHandle;
import org.socemu.core.mem.BusView;
import org.socemu.core.mem.Endian;
import org.socemu.core.mem.Mapping;
import org.socemu.core.mem.Ram;
import org.socemu.core.mem.SoftTlb;

/**
 * The 24Kc's address translation: the fixed segments (kuseg, kseg0, kseg1, ksseg/kseg2, kseg3),
 * privilege checks, ERL's unmapped kuseg, the JTLB walk, and the soft TLBs that make the common
 * load, store and fetch an array lookup.
 *
 * <p>One soft TLB per translation regime: kernel, kernel with ERL (kuseg unmapped), supervisor and
 * user. The current one follows Status/Debug ({@link #modeChanged}); all are flushed when the JTLB
 * is written or the ASID changes, since their entries were filled under the old mapping.
 */
final class Mmu {
    static final int LOAD = 0, STORE = 1, FETCH = 2;

    private static final VarHandle BE16 = Endian.BIG.i16, BE32 = Endian.BIG.i32;
    private static final VarHandle LE16 = Endian.LITTLE.i16, LE32 = Endian.LITTLE.i32;

    private final Cp0 cp0;
    private final Tlb tlb;
    private final BusView view;
    private final boolean big;
    private final boolean busErrors;
    Exceptions exc;
    /** The debugger's watchpoints, or null when there are none (the slow path's only extra cost). */
    MipsDebug watch;

    private final SoftTlb kernel = new SoftTlb(), kernelErl = new SoftTlb(), supervisor = new SoftTlb(),
            user = new SoftTlb();
    /** The soft TLB of the current privilege regime. */
    SoftTlb cur = kernelErl;

    Mmu(Cp0 cp0, Tlb tlb, BusView view, boolean busErrors) {
        this.cp0 = cp0;
        this.tlb = tlb;
        this.view = view;
        this.big = view.endian() == Endian.BIG;
        this.busErrors = busErrors;
    }

    SoftTlb[] softTlbs() {
        return new SoftTlb[] {kernel, kernelErl, supervisor, user};
    }

    boolean bigEndian() {
        return big;
    }

    void modeChanged() {
        if (cp0.kernelMode()) cur = cp0.erl() ? kernelErl : kernel;
        else cur = cp0.userMode() ? user : supervisor;
    }

    /** The ASID in EntryHi changed: entries of mapped segments were filled for the old one. */
    void asidChanged() {
        flush();
    }

    /**
     * JTLB entry {@code i} is about to be overwritten: drop what the soft TLBs learned from it.
     * Nothing else can be stale, since a soft-TLB entry only ever comes from a matching JTLB entry
     * (or an unmapped segment, which TLB writes do not change). A refill handler's TLBWR thus costs
     * a few stores, not a full flush.
     */
    void entryReplaced(int i) {
        int span = tlb.pageSize(i) * 2;
        if (span > 64 * Ram.PAGE_SIZE) {
            flush();
            return;
        }
        int first = (tlb.vpn2[i] & ~(span - 1)) >>> 12;
        for (int p = 0; p < span >>> 12; p++) {
            kernel.flushPage(first + p);
            supervisor.flushPage(first + p);
            user.flushPage(first + p);
            kernelErl.flushPage(first + p);
        }
    }

    void flush() {
        kernel.flush();
        kernelErl.flush();
        supervisor.flush();
        user.flush();
    }

    // ---- translation ----

    /** Virtual to physical for {@code access}, raising the guest's exception when it faults. */
    long translate(int va, int access) {
        boolean store = access == STORE;
        if (va >= 0) { // kuseg
            if (cp0.erl() && cp0.kernelMode()) return va;
            return mapped(va, access);
        }
        if (!cp0.kernelMode()) {
            // user mode sees only kuseg; supervisor mode also sees sseg (0xC0000000-0xDFFFFFFF)
            if (cp0.userMode() || (va & 0xE0000000) != 0xC0000000) throw exc.addressError(va, store);
            return mapped(va, access);
        }
        if (va < 0xC0000000) return va & 0x1FFFFFFFL; // kseg0 and kseg1 (unsigned compare on negatives)
        return mapped(va, access);
    }

    private long mapped(int va, int access) {
        boolean store = access == STORE;
        int i = tlb.find(va, cp0.asid());
        if (i < 0) throw exc.tlbFault(va, store, true);
        int lo = tlb.loFor(i, va);
        if ((lo & Tlb.LO_V) == 0) throw exc.tlbFault(va, store, false);
        if (store && (lo & Tlb.LO_D) == 0) throw exc.tlbModified(va);
        return tlb.physical(i, lo, va);
    }

    /**
     * Virtual to physical for a debugger: the segments as kernel mode sees them (so that a core
     * stopped in user mode still shows kernel memory), ERL's unmapped kuseg, and the JTLB for the
     * current ASID. No exception, no side effect; -1 where nothing valid maps {@code va}.
     */
    long debugTranslate(int va) {
        if (va >= 0 && cp0.erl()) return va;
        if (va < 0 && va < 0xC0000000) return va & 0x1FFFFFFFL; // kseg0, kseg1
        int i = tlb.find(va, cp0.asid());
        if (i < 0) return -1;
        int lo = tlb.loFor(i, va);
        return (lo & Tlb.LO_V) == 0 ? -1 : tlb.physical(i, lo, va);
    }

    /**
     * The mapping of {@code pa} if its whole 4 KiB page is RAM (or ROM) in one mapping, so that the
     * page may enter a soft TLB; null for devices, holes and pages straddling a mapping's end.
     */
    private Mapping ramPage(long pa) {
        Mapping m = view.find(pa);
        if (m == null || m.target().ram() == null) return null;
        long pageStart = pa & ~0xFFFL;
        return pageStart >= m.base() && pageStart + Ram.PAGE_SIZE <= m.end() ? m : null;
    }

    // ---- loads ----

    int lw(int va) {
        if ((va & 3) != 0) throw exc.addressError(va, false);
        SoftTlb t = cur;
        int vpn = va >>> 12, i = vpn & SoftTlb.MASK;
        if (t.readTag[i] == vpn) return big ? (int) BE32.get(t.readPage[i], va & 0xFFF) : (int) LE32.get(t.readPage[i], va & 0xFFF);
        return slowRead(va, 4);
    }

    int lhu(int va) {
        if ((va & 1) != 0) throw exc.addressError(va, false);
        SoftTlb t = cur;
        int vpn = va >>> 12, i = vpn & SoftTlb.MASK;
        if (t.readTag[i] == vpn)
            return (big ? (short) BE16.get(t.readPage[i], va & 0xFFF) : (short) LE16.get(t.readPage[i], va & 0xFFF)) & 0xFFFF;
        return slowRead(va, 2) & 0xFFFF;
    }

    int lbu(int va) {
        SoftTlb t = cur;
        int vpn = va >>> 12, i = vpn & SoftTlb.MASK;
        if (t.readTag[i] == vpn) return t.readPage[i][va & 0xFFF] & 0xFF;
        return slowRead(va, 1) & 0xFF;
    }

    private int slowRead(int va, int size) {
        long pa = translate(va, LOAD);
        Mapping m = view.find(pa);
        int v;
        if (m == null || pa + size > m.end()) {
            if (busErrors) throw exc.busError(false);
            v = view.read(pa, size);
        } else {
            Ram ram = m.target().ram();
            if (ram != null && ramPage(pa) != null && (watch == null || !watch.watchesPage(va >>> 12, false)))
                cur.fillRead(va >>> 12, ram.pageForWrite((int) ((pa - m.base() + m.offset()) >>> Ram.PAGE_BITS)));
            v = m.target().read(pa - m.base() + m.offset(), size);
        }
        if (watch != null) watch.access(va, size, false);
        return v;
    }

    // ---- stores ----

    void sw(int va, int v) {
        if ((va & 3) != 0) throw exc.addressError(va, true);
        SoftTlb t = cur;
        int vpn = va >>> 12, i = vpn & SoftTlb.MASK;
        if (t.writeTag[i] == vpn) {
            if (big) BE32.set(t.writePage[i], va & 0xFFF, v);
            else LE32.set(t.writePage[i], va & 0xFFF, v);
        } else slowWrite(va, 4, v);
    }

    void sh(int va, int v) {
        if ((va & 1) != 0) throw exc.addressError(va, true);
        SoftTlb t = cur;
        int vpn = va >>> 12, i = vpn & SoftTlb.MASK;
        if (t.writeTag[i] == vpn) {
            if (big) BE16.set(t.writePage[i], va & 0xFFF, (short) v);
            else LE16.set(t.writePage[i], va & 0xFFF, (short) v);
        } else slowWrite(va, 2, v & 0xFFFF);
    }

    void sb(int va, int v) {
        SoftTlb t = cur;
        int vpn = va >>> 12, i = vpn & SoftTlb.MASK;
        if (t.writeTag[i] == vpn) t.writePage[i][va & 0xFFF] = (byte) v;
        else slowWrite(va, 1, v & 0xFF);
    }

    private void slowWrite(int va, int size, int v) {
        long pa = translate(va, STORE);
        Mapping m = view.find(pa);
        if (m == null || pa + size > m.end()) {
            if (busErrors) throw exc.busError(false);
            view.write(pa, size, v);
        } else {
            Ram ram = m.target().ram();
            if (ram != null && m.target().directWrite() && ramPage(pa) != null
                    && (watch == null || !watch.watchesPage(va >>> 12, true)))
                cur.fillWrite(va >>> 12, ram, (int) ((pa - m.base() + m.offset()) >>> Ram.PAGE_BITS));
            m.target().write(pa - m.base() + m.offset(), size, v);
        }
        if (watch != null) watch.access(va, size, true);
    }

    // ---- instruction fetch ----

    /** Physical address of the instruction at {@code va}; exec soft-TLB hit or a full translation. */
    long fetchPhys(int va) {
        if ((va & 3) != 0) throw exc.addressError(va, false);
        SoftTlb t = cur;
        int vpn = va >>> 12, i = vpn & SoftTlb.MASK;
        if (t.execTag[i] == vpn) return t.execPhys[i] | (va & 0xFFF);
        long pa = translate(va, FETCH);
        Mapping m = ramPage(pa);
        if (m != null) t.fillExec(vpn, null, pa & ~0xFFFL);
        else if (view.find(pa) == null && busErrors) throw exc.busError(true);
        return pa;
    }

    /** Translates a data address without touching memory (SYNCI, CACHE hit ops), faulting like a load. */
    long probeData(int va) {
        return translate(va, LOAD);
    }
}
