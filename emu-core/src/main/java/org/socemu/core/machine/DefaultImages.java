package org.socemu.core.machine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.socemu.core.UserError;

/**
 * The images a machine boots when the user names none. They live in the image cache
 * ($SOCEMU_IMAGES, default ~/.cache/socemu/images) and are made by the scripts in the
 * repository's images/ folder: `images/get NAME` prints the path of image NAME, fetching or
 * building it first if needed. The `socemu` launcher sets SOCEMU_HOME to the repository.
 */
public final class DefaultImages {
    private DefaultImages() {}

    public static Path cacheDir() {
        String env = System.getenv("SOCEMU_IMAGES");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("user.home"), ".cache", "socemu", "images");
    }

    /** The path of default image {@code name}, obtained through images/get when needed. */
    public static Path get(String name) {
        String home = System.getenv("SOCEMU_HOME");
        Path script = home == null ? null : Path.of(home, "images", "get");
        if (script == null || !Files.isExecutable(script))
            throw new UserError("default image '" + name + "' is not available: run images/get " + name
                    + " from the socemu repository, or pass the image options");
        ProcessBuilder pb = new ProcessBuilder(script.toString(), name).redirectError(ProcessBuilder.Redirect.INHERIT);
        try {
            Process p = pb.start();
            String last = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) if (!line.isBlank()) last = line.trim();
            }
            int rc = p.waitFor();
            if (rc != 0 || last == null || !Files.isRegularFile(Path.of(last)))
                throw new UserError("images/get " + name + " failed (exit " + rc + "); see its messages above");
            return Path.of(last);
        } catch (IOException e) {
            throw new UserError("cannot run images/get: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while fetching image " + name);
        }
    }
}
