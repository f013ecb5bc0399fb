package org.socemu.core.dev;

import org.socemu.core.mem.Endian;
import org.socemu.core.mem.Region;

/**
 * Base of memory-mapped devices. Subclasses declare their registers in {@link #regs} in the
 * constructor; accesses to offsets no register covers read as zero, ignore writes and are recorded
 * in the machine's {@link UnimpLog}. Narrow accesses to wider registers select the byte lanes the
 * bus's byte order gives.
 */
public abstract class MmioDevice implements Region, Device {
    protected final RegisterTable regs = new RegisterTable();
    private final String name;
    private final long size;
    private UnimpLog unimp = new UnimpLog();
    private Endian lanes = Endian.LITTLE;

    protected MmioDevice(String name, long size) {
        this.name = name;
        this.size = size;
    }

    @Override public String name() { return name; }
    @Override public long size() { return size; }

    /** Set by the machine builder: where unmodelled accesses are recorded. */
    public void attach(UnimpLog log, Endian busOrder) {
        this.unimp = log;
        this.lanes = busOrder;
    }

    public RegisterTable registers() {
        return regs;
    }

    @Override
    public int read(long offset, int size) {
        Register r = regs.find((int) offset);
        if (r == null) return unmodelledRead(offset, size);
        int v = r.read();
        if (size >= r.width) return v & r.widthMask();
        return (v >>> laneShift(r, offset, size)) & ((1 << (8 * size)) - 1);
    }

    @Override
    public void write(long offset, int size, int value) {
        Register r = regs.find((int) offset);
        if (r == null) {
            unmodelledWrite(offset, size, value);
            return;
        }
        if (size >= r.width) {
            r.write(value);
            return;
        }
        int shift = laneShift(r, offset, size);
        int laneMask = ((1 << (8 * size)) - 1) << shift;
        r.write((r.value & ~laneMask) | ((value << shift) & laneMask));
    }

    @Override
    public int peek(long offset, int size) {
        Register r = regs.find((int) offset);
        if (r == null) return 0;
        int v = r.onRead != null && !peekSafe(r) ? r.value : r.read();
        if (size >= r.width) return v & r.widthMask();
        return (v >>> laneShift(r, offset, size)) & ((1 << (8 * size)) - 1);
    }

    /** Whether reading {@code r} through its hook is free of side effects (FIFO pops are not). */
    protected boolean peekSafe(Register r) {
        return false;
    }

    private int laneShift(Register r, long offset, int size) {
        int byteInReg = (int) offset - r.offset;
        return 8 * (lanes == Endian.LITTLE ? byteInReg : r.width - size - byteInReg);
    }

    /** Offsets without a register: read zero, recorded once. Subclasses with arrays override. */
    protected int unmodelledRead(long offset, int size) {
        unimp.record(name, offset, false, size, 0);
        return 0;
    }

    protected void unmodelledWrite(long offset, int size, int value) {
        unimp.record(name, offset, true, size, value);
    }

    protected UnimpLog unimp() {
        return unimp;
    }

    @Override
    public void reset() {
        regs.reset();
    }
}
