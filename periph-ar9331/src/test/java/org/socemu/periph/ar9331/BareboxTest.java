package org.socemu.periph.ar9331;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.socemu.core.machine.BootImages;
import org.socemu.core.machine.DefaultImages;
import org.socemu.core.machine.Harness;
import org.socemu.core.machine.Machine;
import org.socemu.core.machine.MachineBuilder;
import org.socemu.core.machine.Registry;
import org.socemu.core.script.TestFile;
import org.socemu.core.script.TestResult;
import org.socemu.core.script.TestRunner;
import org.socemu.core.time.Clock;

/**
 * barebox on the DPT-Module from its SPI flash. No package registry serves a barebox image and it
 * must not be built by this repository, so these tests run only when SOCEMU_BAREBOX_IMAGE names
 * one (barebox's ath79_defconfig builds images/barebox-dptechnics-dpt-module.img) and are skipped
 * otherwise.
 */
@Timeout(300)
class BareboxTest {
    private static final String PROMPT = "barebox@(\\e\\[[0-9;]*m)?DPTechnics DPT-Module:/";
    @TempDir Path dir;

    private static Path image() {
        String env = System.getenv("SOCEMU_BAREBOX_IMAGE");
        assumeTrue(env != null && !env.isEmpty(), "SOCEMU_BAREBOX_IMAGE is not set: no barebox image to boot");
        Path p = Path.of(env);
        assertTrue(Files.isRegularFile(p), "SOCEMU_BAREBOX_IMAGE=" + env + " is not a file");
        return p;
    }

    /** Banner, autoboot stopped by a key, prompt, version, md, ls /dev, reset (boot/ar9331-barebox.yaml). */
    @Test
    void promptCommandsAndReset() throws Exception {
        image();
        Registry r = Registry.load();
        TestFile file = TestFile.read(Path.of(getClass().getResource("/boot/ar9331-barebox.yaml").toURI()));
        TestRunner runner = new TestRunner(r, dir);
        for (TestFile.Case c : file.tests) {
            TestResult res = runner.run(file, c);
            assertTrue(res.passed(), c.name + ": " + res.failedStep() + ": " + res.message() + "\n" + res.consoleTail());
        }
    }

    /**
     * barebox's bootm starts the repo's vmlinux (UHI: a0 = -2, a1 = barebox's device tree), which
     * reaches its shell. The vmlinux sits in flash at 1 MiB; barebox copies it into its RAM file
     * system through the memory-mapped flash window (FUNCTION_SELECT = 0).
     */
    @Test
    void bootmStartsLinuxFromFlash() throws Exception {
        byte[] barebox = Files.readAllBytes(image());
        Path vmlinux = DefaultImages.cacheDir().resolve("ar9331/vmlinux");
        assumeTrue(Files.isRegularFile(vmlinux), "no AR9331 vmlinux in the image cache (images/get ar9331-vmlinux)");
        byte[] kernel = Files.readAllBytes(vmlinux);
        byte[] flash = new byte[16 << 20];
        Arrays.fill(flash, (byte) 0xff);
        System.arraycopy(barebox, 0, flash, 0, barebox.length);
        System.arraycopy(kernel, 0, flash, 1 << 20, kernel.length);
        Path flashFile = Files.write(dir.resolve("flash.img"), flash);

        Registry r = Registry.load();
        BootImages img = new BootImages();
        img.flash = flashFile;
        Machine m = new MachineBuilder(r).build(r.machine("ar9331-dpt-module"), img);
        try {
            Harness h = new Harness(m);
            m.powerOn();
            long s = Clock.PS_PER_S;
            assertTrue(h.expect("console", "Hit any( key)? to stop autoboot", 10 * s).matched(), "autoboot countdown");
            // barebox's Hornet 1.1 workaround: a marker in the SRAM (kept across a chip reset) and
            // one full-chip reset through RESET_MODULE before the banner
            org.junit.jupiter.api.Assertions.assertEquals(1, m.resetCount(), "barebox's double reset");
            h.send("console", " ");
            assertTrue(h.expect("console", PROMPT, 5 * s).matched(), "prompt");
            h.send("console", "mw 0xbf000000 0\n");
            assertTrue(h.expect("console", PROMPT, 5 * s).matched(), "SPI window back to the flash");
            h.send("console", "memcpy -d /vmlinux 0xbf100000 0 " + kernel.length + "\n");
            assertTrue(h.expect("console", PROMPT, 10 * s).matched(), "vmlinux copied");
            h.send("console", "bootm /vmlinux\n");
            assertTrue(h.expect("console", "Linux version 6\\.1", 10 * s).matched(), "Linux starts");
            assertTrue(h.expect("console", "INIT-READY", 20 * s).matched(), "Linux reaches its shell");
            h.send("console", "uname -m\n");
            assertTrue(h.expect("console", "(?m)^mips", 5 * s).matched(), "the shell answers");
        } finally {
            m.close();
        }
    }
}
