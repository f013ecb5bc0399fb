package org.socemu.periph.ar9331;

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
 * Linux 6.1 on the DPT-Module in virtual time (src/test/resources/boot/ar9331-linux.yaml): boot to
 * the busybox shell, write the SPI flash through mtdblock, let the watchdog reset the chip. Needs
 * the mips-24kc core and the images of images/ar9331/build-linux.sh; skipped without them.
 */
@Timeout(900)
class LinuxBootTest {
    @TempDir Path logs;

    @Test
    void linuxBootTests() throws URISyntaxException {
        Registry r = Registry.load();
        assumeTrue(r.hasCpuType("mips-24kc"), "no mips-24kc core on the class path");
        Path images = DefaultImages.cacheDir().resolve("ar9331");
        assumeTrue(Files.isRegularFile(images.resolve("vmlinux"))
                && Files.isRegularFile(images.resolve("ar9331_dpt_module-socemu.dtb")),
                "no AR9331 images in " + images + " (images/ar9331/build-linux.sh)");
        Path yaml = Path.of(getClass().getResource("/boot/ar9331-linux.yaml").toURI());
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
