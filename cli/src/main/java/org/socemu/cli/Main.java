package org.socemu.cli;

import java.io.PrintWriter;
import org.socemu.core.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `socemu` command. Exit codes: 0 success, 1 guest failure or timeout, 2 bad input, 3 emulator bug. */
@Command(name = "socemu", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Full-system emulator for heterogeneous SoCs: NXP i.MX7D (Cortex-A7 + Cortex-M4), Atheros AR9331 (MIPS 24Kc).",
        subcommands = {MachinesCommand.class, RunCommand.class, TestCommand.class, BenchCommand.class, MkInitramfsCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_BUG = 3;

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI and returns its exit code (tests call this). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("socemu: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof UserError) {
                err.println("socemu: " + ex.getMessage());
                return EXIT_USAGE;
            }
            err.println("socemu: internal error: " + ex);
            for (StackTraceElement e : ex.getStackTrace()) err.println("    at " + e);
            return EXIT_BUG;
        });
        return cl.execute(args);
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"socemu " + (v == null ? "(development build)" : v),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
