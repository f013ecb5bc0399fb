package org.socemu.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.socemu.core.EmulatorBug;
import org.socemu.core.Sizes;
import org.socemu.core.UserError;
import org.socemu.core.console.CharBackend;
import org.socemu.core.console.ExpectBuffer;
import org.socemu.core.cpu.Cpu;
import org.socemu.core.gdb.GdbServer;
import org.socemu.core.gdb.MachineDebugger;
import org.socemu.core.gdb.MachineGdbTarget;
import org.socemu.core.machine.BootImages;
import org.socemu.core.machine.Machine;
import org.socemu.core.machine.MachineBuilder;
import org.socemu.core.machine.MachineDescription;
import org.socemu.core.machine.Outcome;
import org.socemu.core.machine.Registry;
import org.socemu.core.machine.Trace;
import org.socemu.core.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** `socemu run MACHINE [options]`: boots a machine on the given (or its default) images. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Boot a machine.",
                "Exit codes: 0 the guest powered off or --until matched; 1 the guest faulted fatally or the timeout passed; 2 bad usage or input; 3 emulator bug."})
class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MACHINE", description = "Machine name (see 'socemu machines').")
    String machineName;

    @Option(names = "--machine-file", paramLabel = "FILE", description = "Run a board described in your own JSON file.")
    Path machineFile;

    @Option(names = "--kernel", paramLabel = "FILE", description = "Kernel image (zImage, uImage, vmlinux ELF) or bare-metal ELF.")
    Path kernel;

    @Option(names = "--dtb", paramLabel = "FILE", description = "Flattened device tree for the kernel.")
    Path dtb;

    @Option(names = "--initrd", paramLabel = "FILE", description = "Initial ramdisk / initramfs.")
    Path initrd;

    @Option(names = "--append", paramLabel = "ARGS", description = "Kernel command line.")
    String append;

    @Option(names = "--flash", paramLabel = "FILE", description = "SPI/NOR flash contents (boots from the reset vector).")
    Path flash;

    @Option(names = "--flash-writable", description = "Write flash changes back to the --flash file.")
    boolean flashWritable;

    @Option(names = "--bios", paramLabel = "FILE", description = "Boot ROM / firmware image.")
    Path bios;

    @Option(names = "--m4-firmware", paramLabel = "FILE", description = "ELF for the Cortex-M4, started at boot.")
    Path m4Firmware;

    @Option(names = "--mem", paramLabel = "SIZE", description = "Main memory size (e.g. 512M, 1G).")
    String mem;

    @Option(names = "--smp", paramLabel = "N", description = "Number of application cores to start.")
    Integer smp;

    @Option(names = "--no-psci", description = "Do not add a /psci node: secondary cores start through the SoC's reset controller.")
    boolean noPsci;

    @Option(names = "--run-decompressor", description = "Run a zImage's own decompressor in the guest instead of unpacking the kernel on the host (XZ and gzip zImages are unpacked by default).")
    boolean runDecompressor;

    @Option(names = "--serial", paramLabel = "[UART=]BACKEND",
            description = "Bind a UART to stdio, tcp:[HOST:]PORT, file:PATH or null (repeatable). Without UART= the console UART.")
    List<String> serial = new ArrayList<>();

    @Option(names = "--gdb", paramLabel = "[GROUP=][HOST:]PORT",
            description = "Listen for GDB (remote serial protocol) on 127.0.0.1:PORT (0: a free port) for the cores of one type, one thread per core: "
                    + "GROUP is a core type (cortex-a7 or a7, mips-24kc); without it, the machine's first core type. "
                    + "Repeat for other core types: the machine stops and goes as a whole.")
    List<String> gdb = new ArrayList<>();

    @Option(names = "--wait-gdb", description = "Hold the cores at reset until GDB continues.")
    boolean waitGdb;

    @Option(names = "--trace", paramLabel = "KINDS", description = "Comma-separated: unimp (unmodelled registers), exc (exceptions), insn (every instruction).")
    String trace;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Stop with exit code 1 after this much virtual time.")
    Double timeout;

    @Option(names = "--until", paramLabel = "REGEX", description = "Stop with exit code 0 when the console prints a line matching REGEX.")
    String until;

    @Option(names = "--realtime", description = "Pace virtual time to the host clock (interactive use).")
    boolean realtime;

    @Option(names = "--stats", description = "After the run, print wall time, virtual time and guest instructions per second for each core.")
    boolean stats;

    @Option(names = "--quantum", paramLabel = "MICROSECONDS", description = "Round-robin slice per core in virtual microseconds (default 10).")
    Double quantumUs;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        // Check everything the user typed before building anything.
        BootImages images = images();
        Trace tr = Trace.parse(trace);
        Pattern untilPattern = compileUntil();
        long limit = timeoutPs();
        for (String s : serial) SerialBinding.parse(s);
        List<GdbBinding> gdbBindings = gdb.stream().map(GdbBinding::parse).toList();
        Registry registry = Registry.load();
        MachineDescription desc = describe(registry);
        List<String> missing = MachinesCommand.missingParts(registry, desc);
        if (!missing.isEmpty())
            throw new UserError("machine " + desc.name + " is not yet implemented in this build (missing: " + String.join(", ", missing) + ")");
        if (waitGdb && gdbBindings.isEmpty()) throw new UserError("--wait-gdb needs --gdb");

        Machine m = new MachineBuilder(registry).build(desc, images);
        m.setTrace(tr);
        if (quantumUs != null) {
            if (quantumUs <= 0) throw new UserError("--quantum must be positive");
            m.scheduler().setQuantum((long) (quantumUs * Clock.PS_PER_US));
        }
        m.scheduler().setRealtime(realtime);
        StdioBackend[] stdio = {null};
        try {
            bindSerial(m, stdio, untilPattern);
            m.powerOn();
            long wall0 = System.nanoTime();
            Outcome o;
            List<GdbServer> servers = new ArrayList<>();
            try {
                if (!gdbBindings.isEmpty()) {
                    MachineDebugger debugger = serveGdb(m, gdbBindings, servers, err);
                    o = debugger.serve(limit, waitGdb);
                } else {
                    o = m.run(limit);
                }
            } catch (UserError e) {
                throw e;
            } catch (RuntimeException e) {
                throw new EmulatorBug(describeCrash(m, e), e);
            } finally {
                for (GdbServer s : servers) s.close();
            }
            long wallNanos = System.nanoTime() - wall0;
            if (stdio[0] != null) stdio[0].close();
            report(err, o, m);
            if (stats) printStats(err, m, wallNanos);
            return o.exitCode();
        } finally {
            if (stdio[0] != null) stdio[0].close();
            m.close();
        }
    }

    /** One GDB server per --gdb, each for one core type, all on one all-stop debugger; the ports go to stderr. */
    private static MachineDebugger serveGdb(Machine m, List<GdbBinding> bindings, List<GdbServer> servers, PrintWriter err) {
        Map<String, List<Cpu>> groups = MachineDebugger.coreGroups(m.cpus());
        MachineDebugger debugger = new MachineDebugger(m);
        debugger.setNotices(msg -> {
            err.println("socemu: " + msg);
            err.flush();
        });
        Map<String, GdbBinding> byType = new LinkedHashMap<>();
        for (GdbBinding b : bindings) {
            String type = b.resolve(groups, m.name());
            if (byType.put(type, b) != null) throw new UserError("--gdb: the " + type + " cores are given two ports");
        }
        for (Map.Entry<String, GdbBinding> e : byType.entrySet()) {
            GdbBinding b = e.getValue();
            MachineGdbTarget target = debugger.group(groups.get(e.getKey()));
            GdbServer server = new GdbServer(target, b.host(), b.port());
            servers.add(server);
            server.start();
            err.printf("socemu: waiting for GDB on %s:%d (cores %s)%n", b.host(), server.port(), String.join(", ", target.threadNames()));
        }
        err.flush();
        return debugger;
    }

    private MachineDescription describe(Registry registry) {
        if (machineFile != null) {
            if (machineName != null) throw new UserError("give either a MACHINE name or --machine-file, not both");
            return MachineDescription.read(machineFile);
        }
        if (machineName == null) throw new UserError("no machine given (see 'socemu machines')");
        return registry.machine(machineName);
    }

    private BootImages images() {
        BootImages b = new BootImages();
        b.kernel = existing(kernel, "--kernel");
        b.dtb = existing(dtb, "--dtb");
        b.initrd = existing(initrd, "--initrd");
        b.append = append;
        b.flash = existing(flash, "--flash");
        b.flashWritable = flashWritable;
        if (flashWritable && flash == null) throw new UserError("--flash-writable needs --flash");
        b.bios = existing(bios, "--bios");
        b.m4Firmware = existing(m4Firmware, "--m4-firmware");
        if (mem != null) {
            long v = Sizes.parse(mem);
            if (v < (1L << 20) || (v & 0xfff) != 0) throw new UserError("--mem must be at least 1M and a multiple of 4K: " + mem);
            b.mem = v;
        }
        if (smp != null && smp < 1) throw new UserError("--smp must be at least 1");
        b.smp = smp;
        b.noPsci = noPsci;
        b.runDecompressor = runDecompressor;
        return b;
    }

    private static Path existing(Path p, String option) {
        if (p == null) return null;
        if (!Files.isRegularFile(p)) throw new UserError(option + ": file not found: " + p);
        if (!Files.isReadable(p)) throw new UserError(option + ": cannot read " + p);
        return p;
    }

    private Pattern compileUntil() {
        if (until == null) return null;
        try {
            return Pattern.compile(until);
        } catch (PatternSyntaxException e) {
            throw new UserError("--until: bad regular expression: " + e.getDescription());
        }
    }

    private long timeoutPs() {
        if (timeout == null) return Long.MAX_VALUE;
        if (timeout <= 0 || timeout > 1e6) throw new UserError("--timeout must be between 0 and 1000000 seconds");
        return (long) (timeout * Clock.PS_PER_S);
    }

    private void bindSerial(Machine m, StdioBackend[] stdio, Pattern untilPattern) {
        Map<String, SerialBinding> bindings = new LinkedHashMap<>();
        for (String s : serial) {
            SerialBinding b = SerialBinding.parse(s);
            String uart = m.serialPort(b.uart()).name();
            if (!"console".equals(b.uart()) && !m.description().devices.stream().anyMatch(d -> d.name.equals(uart)))
                throw new UserError("--serial " + s + ": machine " + m.name() + " has no UART '" + b.uart() + "'");
            bindings.put(uart, b);
        }
        String console = m.description().console;
        if (console != null) bindings.putIfAbsent(console, new SerialBinding(console, defaultConsoleBackend()));
        long stdios = bindings.values().stream().filter(SerialBinding::isStdio).count();
        if (stdios > 1) throw new UserError("only one UART can use stdio");
        for (Map.Entry<String, SerialBinding> e : bindings.entrySet()) {
            CharBackend backend;
            if (e.getValue().isStdio()) {
                stdio[0] = new StdioBackend(() -> m.scheduler().post(() -> m.stop(new Outcome(Outcome.Kind.QUIT, "quit by user"))), true);
                backend = stdio[0];
                m.scheduler().setWaitForInput(true);
            } else {
                backend = e.getValue().open(null);
            }
            if (untilPattern != null && e.getKey().equals(console)) {
                ExpectBuffer buf = new ExpectBuffer(backend);
                buf.arm(untilPattern, () -> m.stop(new Outcome(Outcome.Kind.MATCHED, "--until matched")));
                backend = buf;
            }
            m.serialPort(e.getKey()).setBackend(backend);
        }
    }

    /** Where the console goes when no --serial names it. */
    String defaultConsoleBackend() {
        return "stdio";
    }

    private static void printStats(PrintWriter err, Machine m, long wallNanos) {
        double wall = wallNanos / 1e9, virt = m.scheduler().now() / (double) Clock.PS_PER_S;
        err.printf(java.util.Locale.ROOT, "socemu: wall %.3f s, virtual %.6f s (%.2fx real time)%n", wall, virt, virt / wall);
        long total = 0;
        for (Cpu c : m.cpus()) {
            total += c.retired();
            err.printf(java.util.Locale.ROOT, "socemu:   %-6s %-12s %,15d instructions  %8.1f MIPS  pc 0x%08x%s%n", c.id(), c.type(),
                    c.retired(), c.retired() / wall / 1e6, c.pc(), !c.isRunnable() ? " (off)" : c.isWaiting() ? " (waiting)" : "");
        }
        err.printf(java.util.Locale.ROOT, "socemu:   total  %-12s %,15d instructions  %8.1f MIPS%n", "", total, total / wall / 1e6);
        err.flush();
    }

    private static void report(PrintWriter err, Outcome o, Machine m) {
        double t = m.scheduler().now() / (double) Clock.PS_PER_S;
        String what = switch (o.kind()) {
            case POWER_OFF -> "guest powered off";
            case MATCHED -> "--until matched";
            case QUIT -> "quit";
            case TIMEOUT -> "timeout: virtual time limit reached";
            case GUEST_FATAL -> "guest stopped: " + o.message();
        };
        err.printf("%nsocemu: %s after %.6f s of virtual time%n", what, t);
        if (o.kind() == Outcome.Kind.GUEST_FATAL) for (Cpu c : m.cpus()) err.println("  " + c.describeState());
    }

    private static String describeCrash(Machine m, RuntimeException e) {
        StringBuilder sb = new StringBuilder("emulator failure (" + e + ")");
        for (Cpu c : m.cpus()) sb.append("; ").append(c.describeState());
        return sb.toString();
    }
}
