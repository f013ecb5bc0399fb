package org.socemu.core.load;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.socemu.core.UserError;

/**
 * An initramfs described in the line format of the Linux kernel's usr/gen_init_cpio, and the
 * newc cpio archive built from it ({@link CpioWriter}):
 *
 * <pre>
 * # a comment
 * file  &lt;name&gt; &lt;location&gt; &lt;mode&gt; &lt;uid&gt; &lt;gid&gt; [&lt;hard links&gt;...]
 * dir   &lt;name&gt; &lt;mode&gt; &lt;uid&gt; &lt;gid&gt;
 * nod   &lt;name&gt; &lt;mode&gt; &lt;uid&gt; &lt;gid&gt; &lt;c|b&gt; &lt;major&gt; &lt;minor&gt;
 * slink &lt;name&gt; &lt;target&gt; &lt;mode&gt; &lt;uid&gt; &lt;gid&gt;
 * pipe  &lt;name&gt; &lt;mode&gt; &lt;uid&gt; &lt;gid&gt;
 * sock  &lt;name&gt; &lt;mode&gt; &lt;uid&gt; &lt;gid&gt;
 * </pre>
 *
 * Modes are octal permission bits (the type comes from the keyword), ids and device numbers
 * decimal. A file's location may use ${VAR} (environment variables, as in gen_init_cpio) and, if
 * relative, is taken relative to the spec file's directory.
 *
 * <p>Stricter than gen_init_cpio, because a mistake there shows up only as a failed boot: every
 * error names the spec line; an unset ${VAR}, a missing source file, extra fields, an unknown
 * keyword and a name declared twice are errors, not warnings or silent choices. All entries get
 * one modification time (0 unless given), so that the same spec gives the same archive.
 */
public final class InitramfsSpec {
    /** One line of the spec, ready to be written. */
    public interface Entry {
        /** The line of the spec that declared it. */
        int line();

        /** The name in the archive, as written in the spec. */
        String name();

        void writeTo(CpioWriter cpio) throws IOException;
    }

    public record FileEntry(int line, String name, Path source, int perm, int uid, int gid,
                            List<String> links) implements Entry {
        @Override
        public void writeTo(CpioWriter cpio) throws IOException {
            List<String> names = new ArrayList<>();
            names.add(name);
            names.addAll(links);
            cpio.file(names, perm, uid, gid, source);
        }
    }

    public record DirEntry(int line, String name, int perm, int uid, int gid) implements Entry {
        @Override
        public void writeTo(CpioWriter cpio) throws IOException {
            cpio.directory(name, perm, uid, gid);
        }
    }

    public record NodEntry(int line, String name, int perm, int uid, int gid, CpioType type, int major,
                           int minor) implements Entry {
        @Override
        public void writeTo(CpioWriter cpio) throws IOException {
            cpio.device(name, type, perm, uid, gid, major, minor);
        }
    }

    public record SlinkEntry(int line, String name, String target, int perm, int uid, int gid) implements Entry {
        @Override
        public void writeTo(CpioWriter cpio) throws IOException {
            cpio.symlink(name, target, perm, uid, gid);
        }
    }

    /** A pipe or a socket. */
    public record SpecialEntry(int line, String name, CpioType type, int perm, int uid, int gid) implements Entry {
        @Override
        public void writeTo(CpioWriter cpio) throws IOException {
            cpio.special(name, type, perm, uid, gid);
        }
    }

    /** Turns the fields of one line (keyword first) into an entry. */
    private interface LineParser {
        Entry parse(Line l);
    }

    /** The keywords of gen_init_cpio and their parsers. */
    private static final Map<String, LineParser> PARSERS = Map.of(
            "file", InitramfsSpec::file,
            "dir", l -> { l.fields(5); return new DirEntry(l.number, l.name(), l.mode(2), l.id(3), l.id(4)); },
            "nod", InitramfsSpec::nod,
            "slink", l -> { l.fields(6); return new SlinkEntry(l.number, l.name(), l.field(2), l.mode(3), l.id(4), l.id(5)); },
            "pipe", l -> special(l, CpioType.FIFO),
            "sock", l -> special(l, CpioType.SOCKET));

    private static final Pattern VAR = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern WHITESPACE = Pattern.compile("[ \\t]+");

    private final List<Entry> entries;

    private InitramfsSpec(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Reads a spec file; ${VAR} in locations comes from the process environment. */
    public static InitramfsSpec parse(Path spec) {
        return parse(spec, System.getenv());
    }

    public static InitramfsSpec parse(Path spec, Map<String, String> env) {
        List<String> lines;
        try {
            lines = Files.readAllLines(spec, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError(spec + ": no such file");
        } catch (IOException e) {
            throw new UserError(spec + ": cannot read: " + e.getMessage());
        }
        Path dir = spec.toAbsolutePath().getParent();
        return parse(lines, dir, spec.toString(), env);
    }

    /**
     * Parses spec lines. Relative locations are taken relative to {@code baseDir}; {@code origin}
     * names the spec in error messages.
     */
    public static InitramfsSpec parse(List<String> lines, Path baseDir, String origin, Map<String, String> env) {
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> declared = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty() || text.startsWith("#")) continue;
            Line l = new Line(origin, i + 1, WHITESPACE.split(text), baseDir, env);
            LineParser parser = PARSERS.get(l.field(0));
            if (parser == null)
                throw l.error("unknown type '" + l.field(0) + "' (expected file, dir, nod, slink, pipe or sock)");
            Entry e = parser.parse(l);
            List<String> names = new ArrayList<>(List.of(e.name()));
            if (e instanceof FileEntry f) names.addAll(f.links());
            for (String name : names) {
                String stored;
                try {
                    stored = CpioWriter.archiveName(name);
                } catch (IllegalArgumentException bad) {
                    throw l.error(bad.getMessage());
                }
                Integer before = declared.putIfAbsent(stored, l.number);
                if (before != null) throw l.error(name + " is already declared on line " + before);
            }
            entries.add(e);
        }
        return new InitramfsSpec(entries);
    }

    /** Writes the archive (uncompressed) to {@code out}, which is left open. */
    public void writeTo(OutputStream out, long mtime) throws IOException {
        CpioWriter cpio = new CpioWriter(out).mtime(mtime);
        for (Entry e : entries) e.writeTo(cpio);
        cpio.finish();
    }

    /**
     * Writes the archive to the file {@code out}, gzip-compressed if asked. The file appears
     * complete or not at all: it is written beside its destination and renamed into place.
     */
    public void build(Path out, boolean gzip, long mtime) {
        Path target = out.toAbsolutePath();
        Path dir = target.getParent();
        if (!Files.isDirectory(dir)) throw new UserError(out + ": directory " + dir + " does not exist");
        if (Files.isDirectory(target)) throw new UserError(out + " is a directory");
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            // A temporary file is private (0600); the archive is an ordinary output file.
            if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class))
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            try (OutputStream file = Files.newOutputStream(tmp);
                 OutputStream compressed = gzip ? new GZIPOutputStream(file, 64 * 1024) : file;
                 OutputStream buffered = new BufferedOutputStream(compressed, 64 * 1024)) {
                writeTo(buffered, mtime);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UserError("cannot write " + out + ": " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the error that brought us here is the one to report
                }
            }
        }
    }

    private static Entry file(Line l) {
        if (l.count() < 6) throw l.error("expected: file <name> <location> <mode> <uid> <gid> [<hard links>...]");
        Path source = l.location(2);
        List<String> links = new ArrayList<>();
        for (int i = 6; i < l.count(); i++) links.add(l.field(i));
        return new FileEntry(l.number, l.name(), source, l.mode(3), l.id(4), l.id(5), links);
    }

    private static Entry nod(Line l) {
        l.fields(8);
        CpioType type;
        switch (l.field(5)) {
            case "c": type = CpioType.CHAR_DEVICE; break;
            case "b": type = CpioType.BLOCK_DEVICE; break;
            default: throw l.error("device type '" + l.field(5) + "' is neither c nor b");
        }
        return new NodEntry(l.number, l.name(), l.mode(2), l.id(3), l.id(4), type, l.id(6), l.id(7));
    }

    private static Entry special(Line l, CpioType type) {
        l.fields(5);
        return new SpecialEntry(l.number, l.name(), type, l.mode(2), l.id(3), l.id(4));
    }

    /** The fields of one spec line and their checked conversions. */
    private static final class Line {
        final String origin;
        final int number;
        final String[] fields;
        final Path baseDir;
        final Map<String, String> env;

        Line(String origin, int number, String[] fields, Path baseDir, Map<String, String> env) {
            this.origin = origin;
            this.number = number;
            this.fields = fields;
            this.baseDir = baseDir;
            this.env = env;
        }

        int count() {
            return fields.length;
        }

        String field(int i) {
            return fields[i];
        }

        /** Requires exactly {@code n} fields, keyword included. */
        void fields(int n) {
            if (fields.length != n)
                throw error("'" + fields[0] + "' takes " + (n - 1) + " fields, found " + (fields.length - 1));
        }

        String name() {
            String name = fields[1];
            if (name.equals(CpioWriter.TRAILER) || name.equals("/" + CpioWriter.TRAILER))
                throw error("the name " + CpioWriter.TRAILER + " ends an archive and cannot be used");
            return name;
        }

        int mode(int i) {
            try {
                int mode = Integer.parseInt(fields[i], 8);
                if (mode >= 0 && (mode & ~CpioType.PERM_MASK) == 0) return mode;
            } catch (NumberFormatException e) {
                // reported below
            }
            throw error("mode '" + fields[i] + "' is not octal permission bits (0000 to 7777)");
        }

        int id(int i) {
            try {
                long v = Long.parseLong(fields[i]);
                if (v >= 0 && v <= Integer.MAX_VALUE) return (int) v;
            } catch (NumberFormatException e) {
                // reported below
            }
            throw error("'" + fields[i] + "' is not a decimal number");
        }

        Path location(int i) {
            Matcher m = VAR.matcher(fields[i]);
            StringBuilder expanded = new StringBuilder();
            while (m.find()) {
                String value = env.get(m.group(1));
                if (value == null) throw error("${" + m.group(1) + "} is not set");
                m.appendReplacement(expanded, Matcher.quoteReplacement(value));
            }
            m.appendTail(expanded);
            Path p = baseDir.resolve(expanded.toString()).normalize();
            if (!Files.isRegularFile(p)) throw error(p + " is not a regular file");
            if (!Files.isReadable(p)) throw error(p + " is not readable");
            return p;
        }

        UserError error(String message) {
            return new UserError(origin + ":" + number + ": " + message);
        }
    }
}
