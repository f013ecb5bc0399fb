package org.socemu.core.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * Round trip through Debian's GNU cpio: what cpio -t -v lists and what cpio -i extracts from our
 * archives must be what the spec said. Skipped when cpio is not installed (CI installs it).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CpioGnuCpioTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void needCpio() {
        try {
            Process p = new ProcessBuilder("cpio", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) throw new TestAbortedException("cpio --version failed");
        } catch (IOException e) {
            throw new TestAbortedException("GNU cpio is not installed (Debian package cpio)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestAbortedException("interrupted");
        }
    }

    private static String run(Path dir, Path stdin, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectInput(stdin.toFile());
        Path err = Files.createTempFile(dir.getParent(), "cpio", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        assertEquals(0, rc, String.join(" ", command) + " failed: " + Files.readString(err));
        return out;
    }

    private Path build(String... specLines) throws IOException {
        Path spec = tmp.resolve("t.spec");
        Files.write(spec, List.of(specLines));
        Path out = tmp.resolve("t.cpio");
        InitramfsSpec.parse(spec, java.util.Map.of()).build(out, false, 0);
        return out;
    }

    @Test
    void cpioListsEveryEntryAsTheSpecSaid() throws Exception {
        Files.writeString(tmp.resolve("init"), "#!/bin/sh\nexec sh\n");
        Path archive = build(
                "dir /dev 0755 0 0",
                "nod /dev/console 0600 0 0 c 5 1",
                "nod /dev/mmcblk0p2 0660 0 6 b 179 2",
                "dir /bin 0755 0 0",
                "file /bin/tool init 0751 1000 100 /bin/tool2",
                "slink /bin/sh busybox 0777 0 0",
                "file /init init 0755 0 0",
                "dir /tmp 1777 0 0",
                "pipe /tmp/fifo 0620 0 0");
        Path work = Files.createDirectories(tmp.resolve("list"));
        String listing = run(work, archive, "cpio", "-t", "-v", "-n", "--quiet");
        List<String[]> rows = new ArrayList<>();
        for (String line : listing.split("\n")) rows.add(line.trim().split("\\s+"));
        // Columns of cpio -t -v -n: mode, links, uid, gid, size (or "major," minor), month, day, year, name [-> target]
        assertEquals(10, rows.size(), listing);
        expect(rows.get(0), "drwxr-xr-x", "0", "0", "dev");
        expect(rows.get(1), "crw-------", "0", "0", "dev/console");
        assertEquals("5,", rows.get(1)[4], listing);
        assertEquals("1", rows.get(1)[5], listing);
        expect(rows.get(2), "brw-rw----", "0", "6", "dev/mmcblk0p2");
        assertEquals("179,", rows.get(2)[4], listing);
        assertEquals("2", rows.get(2)[5], listing);
        expect(rows.get(4), "-rwxr-x--x", "1000", "100", "bin/tool");
        expect(rows.get(5), "-rwxr-x--x", "1000", "100", "bin/tool2");
        assertEquals("2", rows.get(5)[1], "hard link count");
        assertEquals("18", rows.get(5)[4], "the data lies with the last link");
        String[] sh = rows.get(6);
        expect(new String[] {sh[0], sh[1], sh[2], sh[3], sh[4], sh[5], sh[6], sh[7], sh[8]}, "lrwxrwxrwx", "0", "0", "bin/sh");
        assertEquals("->", sh[9], listing);
        assertEquals("busybox", sh[10], listing);
        assertEquals("7", sh[4], "a link's size is its target's length");
        expect(rows.get(7), "-rwxr-xr-x", "0", "0", "init");
        assertEquals("18", rows.get(7)[4]);
        expect(rows.get(8), "drwxrwxrwt", "0", "0", "tmp");
        expect(rows.get(9), "prw--w----", "0", "0", "tmp/fifo");
        assertTrue(listing.contains("1970"), "mtime 0 by default");
    }

    private static void expect(String[] row, String mode, String uid, String gid, String name) {
        String all = String.join(" ", row);
        assertEquals(mode, row[0], all);
        assertEquals(uid, row[2], all);
        assertEquals(gid, row[3], all);
        assertEquals(name, row[row.length - 1], all);
    }

    @Test
    void cpioExtractsTheSameFilesLinksAndModes() throws Exception {
        byte[] data = new byte[70_001];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i ^ (i >>> 8));
        Files.write(tmp.resolve("blob"), data);
        Path archive = build(
                "dir /etc 0755 0 0",
                "file /etc/blob blob 0640 0 0",
                "slink /etc/link blob 0777 0 0",
                "dir /etc/sub 0700 0 0",
                "file /etc/sub/a blob 0600 0 0 /etc/sub/b");
        Path out = Files.createDirectories(tmp.resolve("x"));
        // Regular files, links and directories only: no device nodes, so no root needed.
        run(out, archive, "cpio", "-i", "-d", "-m", "--no-absolute-filenames", "--quiet");
        assertTrue(java.util.Arrays.equals(data, Files.readAllBytes(out.resolve("etc/blob"))));
        assertEquals("blob", Files.readSymbolicLink(out.resolve("etc/link")).toString());
        assertEquals("rw-r-----", perms(out.resolve("etc/blob")));
        assertEquals("rwx------", perms(out.resolve("etc/sub")));
        assertTrue(java.util.Arrays.equals(data, Files.readAllBytes(out.resolve("etc/sub/a"))));
        assertTrue(Files.isSameFile(out.resolve("etc/sub/a"), out.resolve("etc/sub/b")), "extracted as hard links");
    }

    private static String perms(Path p) throws IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void ourReaderReadsWhatGnuCpioWrites() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("hello"), "hello, world\n");
        Files.createDirectories(src.resolve("d"));
        Files.createSymbolicLink(src.resolve("d/l"), Path.of("../hello"));
        Path names = tmp.resolve("names");
        Files.write(names, List.of("hello", "d", "d/l"));
        Path archive = tmp.resolve("gnu.cpio");
        ProcessBuilder pb = new ProcessBuilder("cpio", "-o", "-H", "newc", "--quiet")
                .directory(src.toFile()).redirectInput(names.toFile()).redirectOutput(archive.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        assertEquals(0, pb.start().waitFor());
        List<CpioReader.Entry> e = CpioReader.readAll(archive);
        assertEquals(List.of("hello", "d", "d/l"), e.stream().map(CpioReader.Entry::name).toList());
        assertEquals("hello, world\n", new String(e.get(0).data(), StandardCharsets.UTF_8));
        assertEquals(CpioType.DIRECTORY, e.get(1).type());
        assertEquals("../hello", e.get(2).linkTarget());
        // Byte equality with cpio's own output is not the aim (cpio records host inode numbers and
        // times); reading it back shows that both sides agree on the layout.
    }
}
