package org.socemu.periph.ar9331;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.socemu.core.machine.DefaultImages;
import org.socemu.core.machine.Registry;
import org.socemu.core.script.TestFile;
import org.socemu.core.script.TestResult;
import org.socemu.core.script.TestRunner;

/**
 * Linux 6.1 in virtual time (src/test/resources/boot/*.yaml): on the DPT-Module boot to the busybox
 * shell, write the SPI flash through mtdblock, let the watchdog reset the chip; on the TL-MR3020
 * boot with a command line from --append. Needs
 * the mips-24kc core and the images of images/ar9331/build-linux.sh; skipped without them.
 */
@Timeout(900)
class LinuxBootTest {
    @TempDir Path logs;

    @Test
    void dptModule() throws URISyntaxException {
        runFile("/boot/ar9331-linux.yaml", "ar9331_dpt_module-socemu.dtb");
    }

    @Test
    void tlMr3020() throws URISyntaxException {
        runFile("/boot/tl-mr3020-linux.yaml", "ar9331_tl_mr3020-socemu.dtb");
    }

    /**
     * On the DPT-Module with a --flash file of our own: /proc/cpuinfo names the AR9331 and the
     * 24Kc, /dev/mtd0 reads the file's first partition, and poweroff ends the run as a power-off.
     */
    @Test
    void cpuinfoFlashContentsAndPowerOff() throws Exception {
        Registry r = Registry.load();
        assumeTrue(r.hasCpuType("mips-24kc"), "no mips-24kc core on the class path");
        Path images = DefaultImages.cacheDir().resolve("ar9331");
        Path dtb = images.resolve("ar9331_dpt_module-socemu.dtb");
        boolean present = Files.isRegularFile(images.resolve("vmlinux")) && Files.isRegularFile(dtb);
        if (!present && "true".equals(System.getenv("CI"))) org.junit.jupiter.api.Assertions.fail("CI without the AR9331 images in " + images);
        assumeTrue(present, "no AR9331 images in " + images);

        byte[] flash = new byte[16 << 20];
        new java.util.Random(9331).nextBytes(flash);
        Path flashFile = logs.resolve("flash.bin");
        Files.write(flashFile, flash);
        // mtd0 is the DTB's first partition, "barebox": 0x000000-0x080000
        String md5 = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("MD5").digest(java.util.Arrays.copyOf(flash, 0x80000)));

        org.socemu.core.machine.BootImages img = new org.socemu.core.machine.BootImages();
        img.kernel = images.resolve("vmlinux");
        img.dtb = dtb;
        img.flash = flashFile;
        org.socemu.core.machine.Machine m = new org.socemu.core.machine.MachineBuilder(r).build(r.machine("ar9331-dpt-module"), img);
        try {
            org.socemu.core.machine.Harness h = new org.socemu.core.machine.Harness(m);
            m.powerOn();
            long s = org.socemu.core.time.Clock.PS_PER_S;
            assertTrue(h.expect("console", "INIT-READY", 10 * s).matched(), "boot");
            h.send("console", "cat /proc/cpuinfo\n");
            assertTrue(h.expect("console", "system type\\s+: Atheros AR9331 rev", 2 * s).matched(), "cpuinfo names the SoC");
            assertTrue(h.expect("console", "cpu model\\s+: MIPS 24Kc", 2 * s).matched(), "cpuinfo names the core");
            h.send("console", "md5sum /dev/mtd0\n");
            assertTrue(h.expect("console", "(?m)^" + md5 + "  /dev/mtd0", 5 * s).matched(), "mtd0 holds the flash file's first 512 KiB");
            h.send("console", "poweroff -f\n");
            org.socemu.core.machine.Outcome o = h.runFor(5 * s);
            assertEquals(org.socemu.core.machine.Outcome.Kind.POWER_OFF, o.kind(), o.toString());
        } finally {
            m.close();
        }
    }

    private void runFile(String resource, String dtb) throws URISyntaxException {
        Registry r = Registry.load();
        assumeTrue(r.hasCpuType("mips-24kc"), "no mips-24kc core on the class path");
        Path images = DefaultImages.cacheDir().resolve("ar9331");
        boolean present = Files.isRegularFile(images.resolve("vmlinux")) && Files.isRegularFile(images.resolve(dtb));
        if (!present && "true".equals(System.getenv("CI")))
            org.junit.jupiter.api.Assertions.fail("CI without the AR9331 images in " + images);
        assumeTrue(Files.isRegularFile(images.resolve("vmlinux"))
                && Files.isRegularFile(images.resolve(dtb)),
                "no AR9331 images in " + images + " (images/ar9331/build-linux.sh)");
        Path yaml = Path.of(getClass().getResource(resource).toURI());
        TestFile file = TestFile.read(yaml);
        TestRunner runner = new TestRunner(r, logs);
        StringBuilder failures = new StringBuilder();
        for (TestFile.Case c : file.tests) {
            TestResult res = runner.run(file, c);
            if (!res.passed())
                failures.append(c.name).append(": ").append(res.failedStep()).append(": ").append(res.message())
                        .append('\n').append(res.consoleTail()).append('\n');
        }
        assertTrue(failures.length() == 0, failures.toString());
    }
}
