package org.socemu.cli;

import picocli.CommandLine.Command;

/**
 * `socemu bench`: a run with statistics and the console discarded unless --serial binds it. The
 * figure it prints is guest instructions per wall-clock second, per core and in total.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a machine for speed: like 'run', with --stats on and the console discarded (bind it with --serial to see it).",
                "Give --timeout or --until so that the run ends."})
final class BenchCommand extends RunCommand {
    @Override
    public Integer call() {
        stats = true;
        return super.call();
    }

    @Override
    String defaultConsoleBackend() {
        return "null";
    }
}
