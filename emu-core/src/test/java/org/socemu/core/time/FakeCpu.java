package org.socemu.core.time;

import java.util.function.LongConsumer;
import org.socemu.core.cpu.Cpu;
import org.socemu.core.irq.IrqLine;

/** A core that retires instructions one by one and can be told to wait for an interrupt. */
final class FakeCpu implements Cpu {
    @Override public void setTrace(org.socemu.core.machine.Trace trace) {}

    private final String id;
    private final Frequency freq;
    private final IrqLine irq;
    private long retired;
    private boolean waiting;
    private boolean exit;
    long waitAfter = -1;
    int exclusiveClears;
    LongConsumer onInstruction = n -> {};

    FakeCpu(String id, long hz) {
        this.id = id;
        this.freq = new Frequency(hz);
        this.irq = new IrqLine(id + ".irq", high -> { if (high) waiting = false; });
    }

    @Override public String id() { return id; }
    @Override public String type() { return "fake"; }
    @Override public Frequency frequency() { return freq; }

    @Override
    public long run(long budget) {
        exit = false;
        long n = 0;
        while (n < budget && !exit && !waiting) {
            retired++;
            n++;
            onInstruction.accept(retired);
            if (retired == waitAfter) waiting = true;
        }
        return n;
    }

    @Override public long retired() { return retired; }
    @Override public boolean isWaiting() { return waiting || waitAfter == 0; }
    @Override public boolean isRunnable() { return true; }
    @Override public void requestExit() { exit = true; }
    @Override public void reset() { retired = 0; }
    @Override public void clearExclusive() { exclusiveClears++; }
    @Override public long pc() { return retired * 4; }
    @Override public void setPc(long pc) {}
    @Override public long register(int n) { return 0; }
    @Override public void setRegister(int n, long v) {}
    @Override public String describeState() { return id + " retired " + retired; }

    @Override
    public IrqLine input(String pin) {
        if (!pin.equals("irq")) throw new IllegalArgumentException("no pin " + pin);
        return irq;
    }
}
