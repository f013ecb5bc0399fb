package org.socemu.core.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.socemu.core.UserError;

/** The newc layout that CpioWriter produces, checked byte for byte and through CpioReader. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CpioWriterTest {
    @TempDir
    Path tmp;

    private static byte[] archive(CpioAction action) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CpioWriter w = new CpioWriter(bytes);
        action.run(w);
        w.finish();
        return bytes.toByteArray();
    }

    private interface CpioAction {
        void run(CpioWriter w) throws IOException;
    }

    private static List<CpioReader.Entry> read(byte[] archive) throws IOException {
        return new CpioReader(new ByteArrayInputStream(archive), "test").readAll();
    }

    private static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    @Test
    void directoryHeaderIsTheNewcLayoutByteForByte() throws IOException {
        byte[] a = archive(w -> w.mtime(0x5F5E100).directory("/dev", 0755, 0, 0));
        // magic, ino 1, mode 040755, uid, gid, nlink 2, mtime, size 0, dev 0:0, rdev 0:0,
        // namesize 4 ("dev" + NUL), check 0; then the name and padding to 4 (110 + 4 = 114 -> 116).
        String expected = "070701" + "00000001" + "000041ED" + "00000000" + "00000000" + "00000002"
                + "05F5E100" + "00000000" + "00000000" + "00000000" + "00000000" + "00000000"
                + "00000004" + "00000000";
        assertEquals(expected, ascii(a, 0, 110));
        assertEquals("dev\0\0\0", ascii(a, 110, 116));
        assertEquals("070701", ascii(a, 116, 122), "the trailer follows right after the padding");
    }

    @Test
    void fileDataFollowsThePaddedNameAndIsPadded() throws IOException {
        byte[] data = "hello".getBytes(StandardCharsets.US_ASCII);
        byte[] a = archive(w -> w.file("/init", 0755, 0, 0, data));
        assertEquals("000081ED", ascii(a, 14, 22), "mode: regular file 0755");
        assertEquals("00000005", ascii(a, 54, 62), "filesize");
        assertEquals("00000005", ascii(a, 94, 102), "namesize of \"init\\0\"");
        // 110 + 5 = 115 -> padded to 116; data 5 bytes -> padded to 124.
        assertEquals("init\0\0", ascii(a, 110, 116));
        assertEquals("hello\0\0\0", ascii(a, 116, 124));
        assertEquals("070701", ascii(a, 124, 130));
    }

    @Test
    void trailerEndsTheArchiveWhichIsWholeBlocks() throws IOException {
        byte[] a = archive(w -> w.file("a", 0644, 0, 0, new byte[1000]));
        assertEquals(0, a.length % CpioWriter.BLOCK_SIZE, "padded to 512");
        String text = ascii(a, 0, a.length);
        int trailer = text.indexOf(CpioWriter.TRAILER);
        assertTrue(trailer > 0);
        int header = trailer - CpioWriter.HEADER_SIZE;
        assertEquals("070701" + "00000000" + "00000000", ascii(a, header, header + 22), "trailer: ino 0, mode 0");
        assertEquals("00000001", ascii(a, header + 38, header + 46), "trailer nlink 1");
        assertEquals("0000000B", ascii(a, header + 94, header + 102), "namesize of TRAILER!!!\\0");
        for (int i = trailer + 11; i < a.length; i++) assertEquals(0, a[i], "zero padding at " + i);
    }

    @Test
    void emptyArchiveIsJustTheTrailer() throws IOException {
        byte[] a = archive(w -> { });
        assertEquals(512, a.length);
        assertTrue(read(a).isEmpty());
    }

    @Test
    void everyEntryStartsFourByteAligned() throws IOException {
        byte[] a = archive(w -> {
            w.directory("d", 0755, 0, 0);
            w.file("d/x", 0600, 1, 2, new byte[] {1});
            w.symlink("d/yy", "x", 0777, 0, 0);
            w.file("d/zzz", 0600, 0, 0, new byte[] {1, 2, 3});
            w.device("d/n", CpioType.BLOCK_DEVICE, 0660, 0, 6, 8, 1);
        });
        String text = ascii(a, 0, a.length);
        int count = 0;
        for (int i = text.indexOf("070701"); i >= 0; i = text.indexOf("070701", i + 1)) {
            assertEquals(0, i % 4, "header at " + i);
            count++;
        }
        assertEquals(6, count, "five entries and the trailer");
    }

    @Test
    void entriesReadBackWithTheirTypesAndNumbers() throws IOException {
        byte[] a = archive(w -> {
            w.mtime(1234);
            w.directory("/", 0755, 0, 0);
            w.directory("/dev", 0755, 0, 0);
            w.device("/dev/console", CpioType.CHAR_DEVICE, 0600, 0, 5, 5, 1);
            w.device("/dev/mmcblk0", CpioType.BLOCK_DEVICE, 0660, 0, 6, 179, 0);
            w.symlink("/bin/sh", "busybox", 0777, 0, 0);
            w.file("/etc/motd", 0644, 1000, 100, "hi\n".getBytes(StandardCharsets.UTF_8));
            w.special("/run/fifo", CpioType.FIFO, 0600, 0, 0);
            w.special("/run/sock", CpioType.SOCKET, 0600, 0, 0);
        });
        List<CpioReader.Entry> e = read(a);
        assertEquals(List.of(".", "dev", "dev/console", "dev/mmcblk0", "bin/sh", "etc/motd", "run/fifo", "run/sock"),
                e.stream().map(CpioReader.Entry::name).toList());
        assertEquals(CpioType.DIRECTORY, e.get(1).type());
        assertEquals(2, e.get(1).nlink());
        CpioReader.Entry console = e.get(2);
        assertEquals(CpioType.CHAR_DEVICE, console.type());
        assertEquals(0600, console.perm());
        assertEquals(5, console.gid());
        assertEquals(5, console.rdevMajor());
        assertEquals(1, console.rdevMinor());
        assertEquals(0, console.data().length);
        assertEquals(CpioType.BLOCK_DEVICE, e.get(3).type());
        assertEquals(179, e.get(3).rdevMajor());
        assertEquals(CpioType.SYMLINK, e.get(4).type());
        assertEquals("busybox", e.get(4).linkTarget());
        assertEquals(0777, e.get(4).perm());
        assertEquals(1000, e.get(5).uid());
        assertEquals(100, e.get(5).gid());
        assertArrayEquals("hi\n".getBytes(StandardCharsets.UTF_8), e.get(5).data());
        assertEquals(CpioType.FIFO, e.get(6).type());
        assertEquals(CpioType.SOCKET, e.get(7).type());
        for (CpioReader.Entry x : e) assertEquals(1234, x.mtime());
        long distinct = e.stream().mapToLong(CpioReader.Entry::ino).distinct().count();
        assertEquals(e.size(), distinct, "every entry has its own inode");
    }

    @Test
    void hardLinksShareAnInodeAndTheLastCarriesTheData() throws IOException {
        Path src = tmp.resolve("src");
        Files.write(src, new byte[] {9, 8, 7, 6, 5, 4, 3});
        byte[] a = archive(w -> w.file(List.of("/bin/a", "/bin/b", "/bin/c"), 0755, 0, 0, src));
        List<CpioReader.Entry> e = read(a);
        assertEquals(3, e.size());
        for (CpioReader.Entry x : e) {
            assertEquals(e.get(0).ino(), x.ino());
            assertEquals(3, x.nlink());
        }
        assertEquals(0, e.get(0).data().length);
        assertEquals(0, e.get(1).data().length);
        assertArrayEquals(new byte[] {9, 8, 7, 6, 5, 4, 3}, e.get(2).data());
    }

    @Test
    void fileFromPathStreamsItsContent() throws IOException {
        byte[] big = new byte[200_003];
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31 + 7);
        Path src = tmp.resolve("big");
        Files.write(src, big);
        List<CpioReader.Entry> e = read(archive(w -> w.file(List.of("big"), 0644, 0, 0, src)));
        assertArrayEquals(big, e.get(0).data());
    }

    @Test
    void sameInputGivesTheSameBytes() throws IOException {
        CpioAction a = w -> {
            w.directory("etc", 0755, 0, 0);
            w.file("etc/x", 0644, 0, 0, new byte[] {1, 2});
        };
        assertArrayEquals(archive(a), archive(a));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> archive(w -> w.directory("d", 010000, 0, 0)));
        assertThrows(IllegalArgumentException.class, () -> archive(w -> w.directory("d", 0755, -1, 0)));
        assertThrows(IllegalArgumentException.class, () -> archive(w -> w.symlink("s", "", 0777, 0, 0)));
        assertThrows(IllegalArgumentException.class, () -> archive(w -> w.directory(CpioWriter.TRAILER, 0755, 0, 0)));
        assertThrows(IllegalArgumentException.class,
                () -> archive(w -> w.device("n", CpioType.FILE, 0600, 0, 0, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> archive(w -> w.mtime(1L << 32)));
        assertThrows(IllegalStateException.class, () -> archive(w -> {
            w.finish();
            w.directory("late", 0755, 0, 0);
        }));
    }

    @Test
    void readerRejectsWhatIsNotANewcArchive() {
        UserError bad = assertThrows(UserError.class, () -> read("070707 old odc format...".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(bad.getMessage().contains("bad magic"), bad.getMessage());
        assertThrows(UserError.class, () -> read(new byte[0]));
    }

    @Test
    void readerRejectsATruncatedArchive() throws IOException {
        byte[] a = archive(w -> w.file("f", 0644, 0, 0, new byte[100]));
        byte[] cut = java.util.Arrays.copyOf(a, 150);
        UserError e = assertThrows(UserError.class, () -> read(cut));
        assertTrue(e.getMessage().contains("ends inside an entry"), e.getMessage());
    }

    @Test
    void readerStopsAtTheTrailer() throws IOException {
        byte[] a = archive(w -> w.directory("d", 0755, 0, 0));
        CpioReader r = new CpioReader(new ByteArrayInputStream(a), "test");
        assertEquals("d", r.next().name());
        assertNull(r.next());
        assertNull(r.next());
    }
}
