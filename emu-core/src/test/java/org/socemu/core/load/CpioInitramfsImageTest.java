package org.socemu.core.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The test initramfs that images/get initramfs-armhf built with our writer: what the kernel and
 * busybox need to reach the shell must be in it. Skipped when the image has not been fetched
 * (./test.sh and CI fetch it before the tests).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CpioInitramfsImageTest {
    /** The image cache, as images/lib.sh defines it. */
    private static Path cache() {
        String env = System.getenv("SOCEMU_IMAGES");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("user.home"), ".cache", "socemu", "images");
    }

    @Test
    void armhfInitramfsHoldsConsoleInitAndBusybox() {
        Path image = cache().resolve("initramfs-armhf/initramfs.cpio.gz");
        Assumptions.assumeTrue(Files.isRegularFile(image), "run images/get initramfs-armhf first");
        Map<String, CpioReader.Entry> byName = CpioReader.readAll(image).stream()
                .collect(Collectors.toMap(CpioReader.Entry::name, Function.identity()));

        CpioReader.Entry console = byName.get("dev/console");
        assertNotNull(console, "the kernel opens /dev/console for /init before devtmpfs exists");
        assertEquals(CpioType.CHAR_DEVICE, console.type());
        assertEquals(5, console.rdevMajor());
        assertEquals(1, console.rdevMinor());

        CpioReader.Entry init = byName.get("init");
        assertNotNull(init);
        assertEquals(CpioType.FILE, init.type());
        assertEquals(0755, init.perm());
        String script = new String(init.data(), StandardCharsets.UTF_8);
        assertTrue(script.startsWith("#!/bin/sh\n"));
        assertTrue(script.contains("socemu-initramfs: ready"), "the marker boot tests wait for");

        CpioReader.Entry busybox = byName.get("bin/busybox");
        assertNotNull(busybox);
        byte[] elf = busybox.data();
        assertEquals(0x7f, elf[0]);
        assertEquals("ELF", new String(elf, 1, 3, StandardCharsets.US_ASCII));
        assertEquals(1, elf[4], "32-bit");
        assertEquals(1, elf[5], "little-endian");
        assertEquals(40, (elf[18] & 0xff) | (elf[19] & 0xff) << 8, "e_machine EM_ARM");

        assertEquals("busybox", byName.get("bin/sh").linkTarget());
        for (String dir : List.of("proc", "sys", "dev", "tmp", "etc")) {
            assertEquals(CpioType.DIRECTORY, byName.get(dir).type(), dir);
        }
        assertTrue(byName.containsKey("etc/inittab"));
    }
}
