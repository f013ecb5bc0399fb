package org.socemu.core.load;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.socemu.core.UserError;

/** Reads an image file the user named, turning every I/O problem into a one-line {@link UserError}. */
public final class ImageFile {
    /** Java arrays stop a little short of 2 GiB; no image we boot comes near. */
    private static final long MAX_SIZE = Integer.MAX_VALUE - 16;

    private ImageFile() {}

    /** The name errors use for {@code file}: the path as the user gave it. */
    public static String nameOf(Path file) {
        return file.toString();
    }

    public static byte[] read(Path file) {
        String name = nameOf(file);
        try {
            if (Files.isDirectory(file)) throw new UserError(name + ": is a directory, not an image file");
            long size = Files.size(file);
            if (size > MAX_SIZE) throw new UserError(name + ": too large (" + size + " bytes) to be an image");
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserError(name + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UserError(name + ": permission denied");
        } catch (IOException e) {
            throw new UserError(name + ": cannot read: " + e.getMessage());
        }
    }
}
