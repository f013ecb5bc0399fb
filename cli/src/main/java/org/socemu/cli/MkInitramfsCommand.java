package org.socemu.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.socemu.core.UserError;
import org.socemu.core.load.InitramfsSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `socemu mkinitramfs SPEC -o OUT [--gzip]`: a newc cpio initramfs from a gen_init_cpio spec. */
@Command(name = "mkinitramfs", mixinStandardHelpOptions = true,
        description = {"Build a newc cpio initramfs from a spec in the format of the Linux kernel's usr/gen_init_cpio:",
                "  file <name> <location> <mode> <uid> <gid> [<hard links>...]",
                "  dir <name> <mode> <uid> <gid>",
                "  nod <name> <mode> <uid> <gid> <c|b> <major> <minor>",
                "  slink <name> <target> <mode> <uid> <gid>",
                "  pipe <name> <mode> <uid> <gid>",
                "  sock <name> <mode> <uid> <gid>",
                "Locations are relative to the spec file and may use $${VAR}. Needs neither root nor mknod."})
public final class MkInitramfsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "the spec file")
    Path specFile;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "the archive to write")
    Path output;

    @Option(names = "--gzip", description = "compress the archive with gzip")
    boolean gzip;

    @Option(names = "--mtime", paramLabel = "SECONDS", defaultValue = "0",
            description = "modification time of every entry, in seconds since the epoch (default: ${DEFAULT-VALUE})")
    long mtime;

    @Override
    public Integer call() {
        try {
            if (mtime < 0 || mtime > 0xFFFF_FFFFL) throw new UserError("--mtime " + mtime + " does not fit a cpio header");
            InitramfsSpec.parse(specFile).build(output, gzip, mtime);
            return 0;
        } catch (UserError e) {
            spec.commandLine().getErr().println("socemu mkinitramfs: " + e.getMessage());
            return 2;
        }
    }
}
