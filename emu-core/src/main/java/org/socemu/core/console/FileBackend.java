package org.socemu.core.console;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.socemu.core.UserError;

/** Appends output to a file; receives nothing. */
public final class FileBackend implements CharBackend {
    private final OutputStream out;

    public FileBackend(Path path) {
        try {
            this.out = new BufferedOutputStream(new FileOutputStream(path.toFile(), true));
        } catch (IOException e) {
            throw new UserError("cannot open serial log file " + path + ": " + e.getMessage());
        }
    }

    @Override
    public void write(int b) {
        try {
            out.write(b);
            if (b == '\n') out.flush();
        } catch (IOException e) {
            // a full disk must not crash the guest: drop the byte
        }
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException ignored) {
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException ignored) {
        }
    }
}
