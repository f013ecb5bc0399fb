package org.socemu.core.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.socemu.core.UserError;

/** InitramfsSpec: the gen_init_cpio line format, its errors, and the archives built from it. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CpioInitramfsSpecTest {
    @TempDir
    Path tmp;

    private Path specDir;

    @BeforeEach
    void files() throws IOException {
        specDir = Files.createDirectories(tmp.resolve("spec"));
        Files.writeString(specDir.resolve("init"), "#!/bin/sh\necho hi\n");
        Files.createDirectories(tmp.resolve("bin-dir"));
        Files.write(tmp.resolve("bin-dir/busybox"), new byte[] {0x7f, 'E', 'L', 'F', 1, 1, 1});
    }

    private InitramfsSpec parse(String... lines) {
        return InitramfsSpec.parse(List.of(lines), specDir, "t.spec", Map.of("BB", tmp.resolve("bin-dir").toString()));
    }

    private static List<CpioReader.Entry> entries(InitramfsSpec spec) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        spec.writeTo(out, 0);
        return new CpioReader(new java.io.ByteArrayInputStream(out.toByteArray()), "t").readAll();
    }

    private UserError error(String... lines) {
        return assertThrows(UserError.class, () -> parse(lines));
    }

    @Test
    void everyLineTypeBecomesItsEntry() throws IOException {
        InitramfsSpec spec = parse(
                "# a comment",
                "",
                "dir /dev 0755 0 0",
                "nod /dev/console 0600 0 0 c 5 1",
                "nod /dev/sda 0660 0 6 b 8 0",
                "   # an indented comment",
                "dir /bin 0755 0 0",
                "file /bin/busybox ${BB}/busybox 0755 0 0",
                "slink /bin/sh busybox 0777 0 0",
                "file /init init 0755 0 0",
                "pipe /fifo 0600 0 0",
                "sock /sock 0600 0 0",
                "dir\t/tabs\t0700  1   2");
        assertEquals(10, spec.entries().size());
        assertInstanceOf(InitramfsSpec.NodEntry.class, spec.entries().get(1));
        assertEquals(7, spec.entries().get(3).line(), "line numbers count comments and blank lines");

        List<CpioReader.Entry> e = entries(spec);
        assertEquals(List.of("dev", "dev/console", "dev/sda", "bin", "bin/busybox", "bin/sh", "init", "fifo", "sock", "tabs"),
                e.stream().map(CpioReader.Entry::name).toList());
        assertEquals(CpioType.CHAR_DEVICE, e.get(1).type());
        assertEquals(5, e.get(1).rdevMajor());
        assertEquals(1, e.get(1).rdevMinor());
        assertEquals(CpioType.BLOCK_DEVICE, e.get(2).type());
        assertEquals(6, e.get(2).gid());
        assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F', 1, 1, 1}, e.get(4).data(), "${BB} expanded");
        assertEquals("busybox", e.get(5).linkTarget());
        assertEquals("#!/bin/sh\necho hi\n", new String(e.get(6).data(), StandardCharsets.UTF_8),
                "location relative to the spec's directory");
        assertEquals(0755, e.get(6).perm());
        assertEquals(CpioType.FIFO, e.get(7).type());
        assertEquals(CpioType.SOCKET, e.get(8).type());
        assertEquals(0700, e.get(9).perm());
        assertEquals(1, e.get(9).uid());
        assertEquals(2, e.get(9).gid());
    }

    @Test
    void extraNamesOnAFileLineAreHardLinks() throws IOException {
        List<CpioReader.Entry> e = entries(parse("file /bin/a init 0755 0 0 /bin/b /bin/c"));
        assertEquals(List.of("bin/a", "bin/b", "bin/c"), e.stream().map(CpioReader.Entry::name).toList());
        assertEquals(3, e.get(0).nlink());
        assertEquals(e.get(0).ino(), e.get(2).ino());
        assertEquals(0, e.get(0).data().length);
        assertEquals(18, e.get(2).data().length);
    }

    @Test
    void setUidAndStickyBitsAreKept() throws IOException {
        List<CpioReader.Entry> e = entries(parse("dir /tmp 1777 0 0", "file /su init 4755 0 0"));
        assertEquals(01777, e.get(0).perm());
        assertEquals(04755, e.get(1).perm());
    }

    @Test
    void errorsNameTheLine() {
        assertEquals("t.spec:2: unknown type 'fil' (expected file, dir, nod, slink, pipe or sock)",
                error("dir /a 0755 0 0", "fil /b init 0755 0 0").getMessage());
        assertEquals("t.spec:1: 'dir' takes 4 fields, found 3", error("dir /a 0755 0").getMessage());
        assertEquals("t.spec:1: 'nod' takes 7 fields, found 8", error("nod /n 0600 0 0 c 5 1 9").getMessage());
        assertTrue(error("dir /a 0855 0 0").getMessage().startsWith("t.spec:1: mode '0855' is not octal"));
        assertTrue(error("dir /a 100755 0 0").getMessage().startsWith("t.spec:1: mode '100755'"));
        assertEquals("t.spec:1: 'root' is not a decimal number", error("dir /a 0755 root 0").getMessage());
        assertEquals("t.spec:1: '-1' is not a decimal number", error("dir /a 0755 0 -1").getMessage());
        assertEquals("t.spec:1: device type 'p' is neither c nor b", error("nod /n 0600 0 0 p 5 1").getMessage());
        assertEquals("t.spec:1: ${NOPE} is not set", error("file /x ${NOPE}/x 0755 0 0").getMessage());
        assertTrue(error("file /x missing 0755 0 0").getMessage().matches("t\\.spec:1: .*missing is not a regular file"));
        assertTrue(error("file /x . 0755 0 0").getMessage().endsWith("is not a regular file"));
        assertEquals("t.spec:1: expected: file <name> <location> <mode> <uid> <gid> [<hard links>...]",
                error("file /x init 0755 0").getMessage());
        assertEquals("t.spec:3: dev is already declared on line 1",
                error("dir /dev 0755 0 0", "dir /x 0755 0 0", "dir dev 0755 0 0").getMessage());
        assertEquals("t.spec:1: /b is already declared on line 1", error("file /b init 0644 0 0 /b").getMessage());
        assertTrue(error("dir /TRAILER!!! 0755 0 0").getMessage().contains("ends an archive"));
        assertEquals("t.spec:1: name TRAILER!!! is reserved", error("file /a init 0644 0 0 TRAILER!!!").getMessage());
    }

    @Test
    void parsesASpecFileRelativeToItsDirectory() throws IOException {
        Path spec = specDir.resolve("r.spec");
        Files.writeString(spec, "file /init init 0755 0 0\n");
        InitramfsSpec s = InitramfsSpec.parse(spec, Map.of());
        assertEquals(specDir.resolve("init").toAbsolutePath(), ((InitramfsSpec.FileEntry) s.entries().get(0)).source());
        UserError missing = assertThrows(UserError.class, () -> InitramfsSpec.parse(tmp.resolve("none.spec"), Map.of()));
        assertEquals(tmp.resolve("none.spec") + ": no such file", missing.getMessage());
    }

    @Test
    void buildWritesGzipOrPlainAtomically() throws IOException {
        InitramfsSpec spec = parse("dir /dev 0755 0 0", "nod /dev/console 0600 0 0 c 5 1", "file /init init 0755 0 0");
        Path plain = tmp.resolve("out.cpio");
        Path gz = tmp.resolve("out.cpio.gz");
        spec.build(plain, false, 0);
        spec.build(gz, true, 0);
        byte[] raw = Files.readAllBytes(plain);
        assertEquals("070701", new String(raw, 0, 6, StandardCharsets.US_ASCII));
        byte[] unzipped;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            unzipped = in.readAllBytes();
        }
        assertArrayEquals(raw, unzipped, "the gzip file holds the same archive");
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(gz)),
                "readable like any output file, not private like a temporary one");
        assertEquals(3, CpioReader.readAll(gz).size(), "CpioReader sniffs gzip");
        spec.build(plain, false, 0); // replacing an existing file
        assertArrayEquals(raw, Files.readAllBytes(plain));
        try (var listing = Files.list(tmp)) {
            assertFalse(listing.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary left");
        }
    }

    @Test
    void buildReportsAnUnwritableOutputAsUserError() {
        InitramfsSpec spec = parse("dir /dev 0755 0 0");
        UserError e = assertThrows(UserError.class, () -> spec.build(tmp.resolve("no/such/dir/x.cpio"), false, 0));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertThrows(UserError.class, () -> spec.build(tmp, false, 0));
    }

    @Test
    void theRepositorysInitramfsSpecParses() {
        // images/initramfs/busybox.spec is what images/get initramfs-* builds; a stand-in busybox
        // is enough to check that its syntax and its local files are right.
        Path spec = Path.of("..", "images", "initramfs", "busybox.spec");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(spec), "not run from the repository");
        InitramfsSpec s = InitramfsSpec.parse(spec, Map.of("BUSYBOX", tmp.resolve("bin-dir/busybox").toString()));
        List<String> names = s.entries().stream().map(InitramfsSpec.Entry::name).toList();
        assertTrue(names.contains("/dev/console"), "the kernel opens /dev/console before /init runs");
        assertTrue(names.contains("/init"));
        assertTrue(names.contains("/bin/busybox"));
    }
}
