package org.socemu.core.load;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a cpio archive in the SVR4 "newc" format (magic 070701), the format the Linux kernel
 * unpacks as an initramfs (Documentation/driver-api/early-userspace/buffer-format.rst).
 *
 * <p>Each entry is a 110-byte ASCII header (the magic, then 13 fields of 8 hexadecimal digits),
 * the NUL-terminated name, zero padding to a multiple of 4, the data and zero padding to a
 * multiple of 4. A symbolic link's data is its target (without a NUL, as cpio(1) writes it; the
 * kernel accepts both). The archive ends with an entry named {@value #TRAILER} and is padded to a
 * multiple of 512 bytes, as cpio(1) and the kernel's gen_init_cpio do.
 *
 * <p>Nothing is read from or created in the host file system except the data of regular files,
 * so device nodes and root-owned files need neither root nor mknod. Names are written as given
 * (UTF-8), without a leading '/', like gen_init_cpio. Every entry gets the same modification
 * time ({@link #mtime(long)}, 0 unless set), so that the same input gives the same archive.
 * The writer emits padding a byte at a time: give it a buffered stream.
 */
public final class CpioWriter implements Closeable {
    public static final String MAGIC = "070701";
    public static final String TRAILER = "TRAILER!!!";
    public static final int HEADER_SIZE = 110;
    /** cpio(1)'s block size: the archive's length is a multiple of it. */
    public static final int BLOCK_SIZE = 512;
    private static final long MAX_FIELD = 0xFFFF_FFFFL;

    private final OutputStream out;
    private final byte[] header = new byte[HEADER_SIZE];
    private final byte[] copyBuffer = new byte[64 * 1024];
    private long offset;
    /** Inode numbers only need to be unique: the kernel uses them to find hard links. */
    private long nextIno = 1;
    private long mtime;
    private boolean finished;

    public CpioWriter(OutputStream out) {
        this.out = out;
    }

    /** Sets the modification time (seconds since the epoch) of the entries written after this. */
    public CpioWriter mtime(long seconds) {
        this.mtime = field("mtime", seconds);
        return this;
    }

    /** Bytes written so far. */
    public long offset() {
        return offset;
    }

    public void directory(String name, int perm, int uid, int gid) throws IOException {
        // A directory links to itself from its parent and from its own ".".
        entry(name, CpioType.DIRECTORY, perm, uid, gid, nextIno++, 2, 0, 0, 0);
    }

    public void file(String name, int perm, int uid, int gid, byte[] data) throws IOException {
        entry(name, CpioType.FILE, perm, uid, gid, nextIno++, 1, data.length, 0, 0);
        write(data, 0, data.length);
        pad4();
    }

    /**
     * A regular file whose data is read from {@code source}. With more than one name, the names
     * are hard links to one inode: every entry carries the link count, and the data follows the
     * last one only (the kernel and cpio(1) take the data of a linked set from the entry that has
     * it).
     */
    public void file(List<String> names, int perm, int uid, int gid, Path source) throws IOException {
        if (names.isEmpty()) throw new IllegalArgumentException("a file needs a name");
        long size = Files.size(source);
        field("file size of " + source, size);
        long ino = nextIno++;
        for (int i = 0; i < names.size(); i++) {
            boolean last = i == names.size() - 1;
            entry(names.get(i), CpioType.FILE, perm, uid, gid, ino, names.size(), last ? size : 0, 0, 0);
            if (last) copy(source, size);
        }
    }

    public void symlink(String name, String target, int perm, int uid, int gid) throws IOException {
        byte[] t = target.getBytes(StandardCharsets.UTF_8);
        if (t.length == 0) throw new IllegalArgumentException("symlink " + name + " has an empty target");
        entry(name, CpioType.SYMLINK, perm, uid, gid, nextIno++, 1, t.length, 0, 0);
        write(t, 0, t.length);
        pad4();
    }

    /** A character or block device node: the kernel creates it with mknod at unpack time. */
    public void device(String name, CpioType type, int perm, int uid, int gid, int major, int minor)
            throws IOException {
        if (type != CpioType.CHAR_DEVICE && type != CpioType.BLOCK_DEVICE)
            throw new IllegalArgumentException(type + " is not a device type");
        entry(name, type, perm, uid, gid, nextIno++, 1, 0, major, minor);
    }

    /** A named pipe or a socket: entries without data. */
    public void special(String name, CpioType type, int perm, int uid, int gid) throws IOException {
        if (type != CpioType.FIFO && type != CpioType.SOCKET)
            throw new IllegalArgumentException(type + " is not a FIFO or socket");
        entry(name, type, perm, uid, gid, nextIno++, 1, 0, 0, 0);
    }

    /** Writes the trailer and pads the archive to a whole block. Later calls do nothing. */
    public void finish() throws IOException {
        if (finished) return;
        header(TRAILER, 0, 0, 0, 0, 1, 0, 0, 0, 0);
        while (offset % BLOCK_SIZE != 0) zero();
        finished = true;
        out.flush();
    }

    /** Finishes the archive and closes the stream. */
    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            out.close();
        }
    }

    private void entry(String name, CpioType type, int perm, int uid, int gid, long ino, int nlink,
                       long size, int rdevMajor, int rdevMinor) throws IOException {
        if (finished) throw new IllegalStateException("archive already finished");
        if ((perm & ~CpioType.PERM_MASK) != 0)
            throw new IllegalArgumentException(String.format("%s: mode %o has bits outside 07777", name, perm));
        header(archiveName(name), ino, type.bits() | perm, field("uid", uid), field("gid", gid), nlink,
                size, field("major", rdevMajor), field("minor", rdevMinor), mtime);
    }

    /** The name as stored: without the leading '/', the root directory as ".". */
    static String archiveName(String name) {
        String n = name.startsWith("/") ? name.substring(1) : name;
        if (n.isEmpty()) n = ".";
        if (n.indexOf('\0') >= 0) throw new IllegalArgumentException("name contains NUL: " + name);
        if (n.equals(TRAILER)) throw new IllegalArgumentException("name " + TRAILER + " is reserved");
        return n;
    }

    private void header(String name, long ino, int mode, long uid, long gid, long nlink, long size,
                        long rdevMajor, long rdevMinor, long mtime) throws IOException {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        int pos = 0;
        for (int i = 0; i < MAGIC.length(); i++) header[pos++] = (byte) MAGIC.charAt(i);
        // The field order of the newc header (see cpio(5) or the kernel's buffer-format.rst).
        pos = hex8(pos, ino);
        pos = hex8(pos, mode);
        pos = hex8(pos, uid);
        pos = hex8(pos, gid);
        pos = hex8(pos, nlink);
        pos = hex8(pos, mtime);
        pos = hex8(pos, size);
        pos = hex8(pos, 0);         // devmajor: of the file system the file came from; none here
        pos = hex8(pos, 0);         // devminor
        pos = hex8(pos, rdevMajor); // rdevmajor: the device a node stands for
        pos = hex8(pos, rdevMinor); // rdevminor
        pos = hex8(pos, n.length + 1L); // namesize, counting the NUL
        hex8(pos, 0);               // check: 0 in newc (only the 070702 "crc" format sums data)
        write(header, 0, HEADER_SIZE);
        write(n, 0, n.length);
        zero();
        pad4();
    }

    private int hex8(int pos, long value) {
        for (int shift = 28; shift >= 0; shift -= 4) {
            header[pos++] = (byte) Character.toUpperCase(Character.forDigit((int) (value >>> shift) & 0xF, 16));
        }
        return pos;
    }

    private void copy(Path source, long size) throws IOException {
        long copied = 0;
        try (InputStream in = Files.newInputStream(source)) {
            for (int n; (n = in.read(copyBuffer)) > 0; copied += n) {
                if (copied + n > size) break;
                write(copyBuffer, 0, n);
            }
        }
        if (copied != size) throw new IOException(source + " changed size while being archived");
        pad4();
    }

    private void pad4() throws IOException {
        while ((offset & 3) != 0) zero();
    }

    private void zero() throws IOException {
        out.write(0);
        offset++;
    }

    private void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        offset += len;
    }

    private static long field(String what, long value) {
        if (value < 0 || value > MAX_FIELD)
            throw new IllegalArgumentException(what + " " + value + " does not fit a cpio header field");
        return value;
    }
}
