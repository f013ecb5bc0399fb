package org.socemu.periph.ar9331;

import java.util.LinkedHashMap;
import java.util.Map;
import org.socemu.core.cpu.Cpu;
import org.socemu.core.cpu.CpuType;
import org.socemu.core.irq.IrqLine;
import org.socemu.core.machine.CoreContext;
import org.socemu.core.time.Frequency;

/**
 * Test stand-in for the MIPS 24Kc (another branch): it retires whatever budget it gets, records
 * what the boot protocol sets, and offers the interrupt pins "2".."7" a real core has.
 */
final class FakeMipsCore implements Cpu {
    @Override public void setTrace(org.socemu.core.machine.Trace trace) {}

    static final long RESET_VECTOR = 0xBFC00000L;

    final CoreContext ctx;
    final Map<String, IrqLine> pins = new LinkedHashMap<>();
    final long[] regs = new long[32];
    long pc = RESET_VECTOR;
    long retired;
    int resets;

    FakeMipsCore(CoreContext ctx) {
        this.ctx = ctx;
        for (int i = 2; i <= 7; i++) pins.put(Integer.toString(i), new IrqLine("cpu:" + i));
    }

    @Override public String id() { return ctx.id(); }
    @Override public String type() { return "mips-24kc"; }
    @Override public Frequency frequency() { return new Frequency(ctx.hz()); }
    @Override public long run(long budget) { retired += budget; return budget; }
    @Override public long retired() { return retired; }
    @Override public boolean isWaiting() { return false; }
    @Override public boolean isRunnable() { return true; }
    @Override public void requestExit() {}
    @Override public void reset() { resets++; pc = RESET_VECTOR; java.util.Arrays.fill(regs, 0); }
    @Override public void clearExclusive() {}
    @Override public long pc() { return pc; }
    @Override public void setPc(long pc) { this.pc = pc; }
    @Override public long register(int n) { return regs[n]; }
    @Override public void setRegister(int n, long value) { if (n != 0) regs[n] = value; }
    @Override public String describeState() { return "pc=" + Long.toHexString(pc); }

    @Override
    public IrqLine input(String pin) {
        IrqLine l = pins.get(pin);
        if (l == null) throw new IllegalArgumentException("no pin " + pin);
        return l;
    }

    static final class Type implements CpuType {
        @Override public String type() { return "mips-24kc"; }
        @Override public Cpu create(CoreContext ctx) { return new FakeMipsCore(ctx); }
    }
}
