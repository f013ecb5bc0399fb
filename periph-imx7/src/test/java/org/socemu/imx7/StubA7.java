package org.socemu.imx7;

import java.util.Set;
import java.util.function.LongConsumer;
import org.socemu.core.cpu.Cpu;
import org.socemu.core.cpu.CpuType;
import org.socemu.core.irq.IrqLine;
import org.socemu.core.machine.BootImages;
import org.socemu.core.machine.BootProtocol;
import org.socemu.core.machine.CoreContext;
import org.socemu.core.machine.Machine;
import org.socemu.core.machine.Registry;
import org.socemu.core.time.Frequency;

/**
 * A stand-in "cortex-a7" for machine tests of the devices: it retires instructions and runs a Java
 * step per instruction, so a test plays the guest's register accesses as the executing core.
 */
final class StubA7 implements Cpu {
    @Override public void setTrace(org.socemu.core.machine.Trace trace) {}

    final CoreContext ctx;
    final Frequency f;
    final IrqLine irq;
    long retired;
    boolean exit;
    boolean off;
    LongConsumer step = n -> {};

    StubA7(CoreContext ctx) {
        this.ctx = ctx;
        this.f = new Frequency(ctx.hz());
        this.irq = new IrqLine(ctx.id() + ".irq");
        this.off = !ctx.desc().reset.equals("run");
    }

    /** The machine registry with this module's plug-ins, the stub core and an empty "imx-linux" boot. */
    static Registry registry() {
        Registry r = Registry.load();
        r.register(new CpuType() {
            @Override public String type() { return "cortex-a7"; }
            @Override public Cpu create(CoreContext ctx) { return new StubA7(ctx); }
        });
        r.register(new BootProtocol() {
            @Override public String name() { return "imx-linux"; }
            @Override public Set<String> options() { return Set.of("kernel", "dtb", "initrd", "append", "mem"); }
            @Override public void boot(Machine m, BootImages images) {}
        });
        return r;
    }

    @Override public String id() { return ctx.id(); }
    @Override public String type() { return "cortex-a7"; }
    @Override public Frequency frequency() { return f; }

    @Override
    public long run(long budget) {
        exit = false;
        long n = 0;
        while (n < budget && !exit) {
            retired++;
            n++;
            step.accept(retired);
        }
        return n;
    }

    @Override public long retired() { return retired; }
    @Override public boolean isWaiting() { return false; }
    @Override public boolean isRunnable() { return !off; }
    @Override public void requestExit() { exit = true; }
    @Override public void reset() { retired = 0; }
    @Override public void clearExclusive() {}
    @Override public long pc() { return retired * 4; }
    @Override public void setPc(long pc) {}
    @Override public long register(int n) { return 0; }
    @Override public void setRegister(int n, long v) {}
    @Override public String describeState() { return ctx.id() + " retired " + retired; }

    @Override
    public IrqLine input(String pin) {
        if (!pin.equals("irq")) throw new IllegalArgumentException("no pin " + pin);
        return irq;
    }
}
