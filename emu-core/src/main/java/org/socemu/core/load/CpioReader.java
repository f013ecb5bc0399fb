package org.socemu.core.load;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.socemu.core.UserError;

/**
 * Reads a cpio archive in the "newc" format (magic 070701, or 070702 whose checksum is not
 * verified): to look into an initramfs before booting it, and to check what {@link CpioWriter}
 * wrote. Entries are read up to the {@value CpioWriter#TRAILER} entry; whatever follows it
 * (block padding, a further archive concatenated as the kernel allows) is not read.
 */
public final class CpioReader {
    /** Data larger than this is not read into memory (initramfs members are far smaller). */
    private static final long MAX_DATA = 1L << 30;

    /** One entry as stored: numbers are the header's, data is the file's bytes or a link's target. */
    public record Entry(String name, long ino, int mode, long uid, long gid, long nlink, long mtime,
                        long devMajor, long devMinor, long rdevMajor, long rdevMinor, byte[] data) {
        public CpioType type() {
            return CpioType.of(mode);
        }

        public int perm() {
            return mode & CpioType.PERM_MASK;
        }

        /** A symbolic link's target. */
        public String linkTarget() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    private final InputStream in;
    private final String origin;
    private long offset;
    private boolean ended;

    /** {@code origin} names the archive in error messages. */
    public CpioReader(InputStream in, String origin) {
        this.in = in;
        this.origin = origin;
    }

    /** The next entry, or null after the trailer. A malformed archive is a {@link UserError}. */
    public Entry next() throws IOException {
        if (ended) return null;
        long at = offset;
        String magic = ascii(6);
        if (!magic.equals(CpioWriter.MAGIC) && !magic.equals("070702"))
            throw malformed(at, "bad magic '" + printable(magic) + "' (not a newc cpio archive)");
        long ino = hex(), mode = hex(), uid = hex(), gid = hex(), nlink = hex(), mtime = hex();
        long size = hex(), devMajor = hex(), devMinor = hex(), rdevMajor = hex(), rdevMinor = hex();
        long nameSize = hex();
        hex(); // check
        if (nameSize < 1 || nameSize > 4096) throw malformed(at, "name size " + nameSize);
        byte[] rawName = bytes((int) nameSize);
        if (rawName[rawName.length - 1] != 0) throw malformed(at, "name is not NUL-terminated");
        String name = new String(rawName, 0, rawName.length - 1, StandardCharsets.UTF_8);
        skipPad();
        if (name.equals(CpioWriter.TRAILER)) {
            ended = true;
            return null;
        }
        if (size > MAX_DATA) throw malformed(at, name + ": data size " + size + " is too large");
        byte[] data = bytes((int) size);
        skipPad();
        return new Entry(name, ino, (int) mode, uid, gid, nlink, mtime, devMajor, devMinor, rdevMajor, rdevMinor, data);
    }

    /** All entries of the archive (without the trailer). */
    public List<Entry> readAll() throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (Entry e; (e = next()) != null; ) entries.add(e);
        return entries;
    }

    /** All entries of the archive in {@code file}, which may be gzip-compressed. */
    public static List<Entry> readAll(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = gzip ? new GZIPInputStream(raw) : raw;
            return new CpioReader(in, file.toString()).readAll();
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read: " + e.getMessage());
        }
    }

    private long hex() throws IOException {
        String s = ascii(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) throw malformed(offset - 8, "header field '" + printable(s) + "' is not hexadecimal");
            v = v << 4 | d;
        }
        return v;
    }

    private String ascii(int n) throws IOException {
        return new String(bytes(n), StandardCharsets.ISO_8859_1);
    }

    private byte[] bytes(int n) throws IOException {
        byte[] b = new byte[n];
        try {
            int got = in.readNBytes(b, 0, n);
            if (got != n) throw new EOFException();
        } catch (EOFException e) {
            throw malformed(offset, "archive ends inside an entry (no " + CpioWriter.TRAILER + ")");
        }
        offset += n;
        return b;
    }

    private void skipPad() throws IOException {
        if ((offset & 3) != 0) bytes((int) (4 - (offset & 3)));
    }

    private UserError malformed(long at, String why) {
        return new UserError(origin + ": malformed cpio archive at byte " + at + ": " + why);
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
