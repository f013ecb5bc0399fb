package org.socemu.core.machine;

import java.util.Set;
import org.socemu.core.console.SerialPort;
import org.socemu.core.cpu.Cpu;
import org.socemu.core.cpu.CpuType;
import org.socemu.core.dev.Device;
import org.socemu.core.dev.MmioDevice;
import org.socemu.core.irq.IrqLine;
import org.socemu.core.irq.IrqSink;
import org.socemu.core.time.Frequency;

/** Minimal parts for machine-level tests: a scripted core, an interrupt collector, a UART. */
public final class TestParts {
    private TestParts() {}

    public static Registry registry() {
        Registry r = new Registry();
        r.register(new CpuType() {
            @Override public String type() { return "fake"; }
            @Override public Cpu create(CoreContext ctx) { return new ScriptCpu(ctx); }
        });
        r.register(new DeviceType() {
            @Override public String type() { return "test-intc"; }
            @Override public Device create(DeviceContext ctx) { return new Intc(ctx.name()); }
        });
        r.register(new DeviceType() {
            @Override public String type() { return "test-uart"; }
            @Override public Device create(DeviceContext ctx) { return new Uart(ctx); }
        });
        r.register(new BootProtocol() {
            @Override public String name() { return "test"; }
            @Override public Set<String> options() { return Set.of("kernel", "mem"); }
            @Override public void boot(Machine m, BootImages images) { boots++; }
        });
        return r;
    }

    static int boots;

    /** Runs a Java step per instruction: enough to drive devices from "guest code". */
    public static final class ScriptCpu implements Cpu {
    @Override public void setTrace(org.socemu.core.machine.Trace trace) {}

        final CoreContext ctx;
        final Frequency f;
        long retired;
        boolean exit;
        boolean held;
        public java.util.function.LongConsumer step = n -> {};

        ScriptCpu(CoreContext ctx) {
            this.ctx = ctx;
            this.f = new Frequency(ctx.hz());
            this.held = ctx.desc().reset.equals("held");
        }

        @Override public String id() { return ctx.id(); }
        @Override public String type() { return "fake"; }
        @Override public Frequency frequency() { return f; }
        @Override public long run(long budget) {
            exit = false;
            long n = 0;
            while (n < budget && !exit) { retired++; n++; step.accept(retired); }
            return n;
        }
        @Override public long retired() { return retired; }
        @Override public boolean isWaiting() { return false; }
        @Override public boolean isRunnable() { return !held; }
        @Override public void requestExit() { exit = true; }
        @Override public void reset() { retired = 0; }
        @Override public void clearExclusive() {}
        @Override public long pc() { return retired; }
        @Override public void setPc(long pc) {}
        @Override public long register(int n) { return 0; }
        @Override public void setRegister(int n, long v) {}
        @Override public String describeState() { return ""; }
        @Override public IrqLine input(String pin) { throw new IllegalArgumentException("no pins"); }
    }

    static final class Intc extends MmioDevice implements IrqSink {
        final IrqLine[] in = new IrqLine[8];
        int pending;

        Intc(String name) {
            super(name, 0x1000);
            for (int i = 0; i < in.length; i++) {
                int n = i;
                in[i] = new IrqLine(name + "." + i, high -> pending = high ? pending | 1 << n : pending & ~(1 << n));
            }
            regs.word(0x0, "PENDING").onRead(() -> pending);
        }

        @Override
        public IrqLine input(String pin) {
            int n = Integer.parseInt(pin);
            if (n < 0 || n >= in.length) throw new IllegalArgumentException("no input " + pin);
            return in[n];
        }
    }

    static final class Uart extends MmioDevice {
        final SerialPort port;

        Uart(DeviceContext ctx) {
            super(ctx.name(), 0x1000);
            port = ctx.serial();
            IrqLine irq = ctx.irq(0);
            port.setReceiver(() -> irq.set(port.hasInput()));
            regs.word(0x0, "DATA").onWriteRaw(port::transmit).onRead(() -> {
                int b = port.poll();
                irq.set(port.hasInput());
                return b < 0 ? 0 : b;
            });
        }
    }
}
