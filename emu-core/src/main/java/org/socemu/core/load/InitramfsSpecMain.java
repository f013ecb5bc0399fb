package org.socemu.core.load;

import java.nio.file.Path;
import org.socemu.core.UserError;

/**
 * {@code java -cp CLASSES org.socemu.core.load.InitramfsSpecMain SPEC OUT [--gzip]}: builds an
 * initramfs for scripts that run before the project is built (images/initramfs.sh compiles the
 * few classes this needs with javac alone). Users run {@code socemu mkinitramfs}.
 */
public final class InitramfsSpecMain {
    private InitramfsSpecMain() {}

    public static void main(String[] args) {
        boolean gzip = args.length == 3 && args[2].equals("--gzip");
        if (args.length != 2 && !gzip) {
            System.err.println("usage: InitramfsSpecMain SPEC OUT [--gzip]");
            System.exit(2);
        }
        try {
            InitramfsSpec.parse(Path.of(args[0])).build(Path.of(args[1]), gzip, 0);
        } catch (UserError e) {
            System.err.println("mkinitramfs: " + e.getMessage());
            System.exit(2);
        }
    }
}
