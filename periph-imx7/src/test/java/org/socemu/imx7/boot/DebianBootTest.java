package org.socemu.imx7.boot;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * Debian's armmp and armmp-lpae kernels on imx7d-sdb to the busybox shell, in virtual time (src/test/resources/boot/imx7d-debian.yaml).
 * Skipped when the Debian images are not in the cache, except under CI (CI=true), where .ci/run
 * fetched them: there a missing image is a failure, so that a broken fetch cannot pass quietly.
 */
@Timeout(900)
class DebianBootTest {
    @TempDir Path logs;

    @Test
    void debianBootsToItsShell() throws Exception {
        Path cache = DefaultImages.cacheDir().resolve("debian-armhf/linux-image-armmp");
        boolean present = Files.isRegularFile(cache.resolve("zImage")) && Files.isRegularFile(cache.resolve("dtbs/imx7d-sdb.dtb"))
                && Files.isRegularFile(DefaultImages.cacheDir().resolve("debian-armhf/linux-image-armmp-lpae/zImage"))
                && Files.isRegularFile(DefaultImages.cacheDir().resolve("initramfs-armhf/initramfs.cpio.gz"));
        if (!present && "true".equals(System.getenv("CI"))) fail("CI without the Debian images in " + DefaultImages.cacheDir());
        assumeTrue(present, "Debian armhf images not in " + DefaultImages.cacheDir() + " (images/get --all)");
        TestFile file = TestFile.read(Path.of(getClass().getResource("/boot/imx7d-debian.yaml").toURI()));
        TestRunner runner = new TestRunner(Registry.load(), logs);
        for (TestFile.Case c : file.tests) {
            TestResult r = runner.run(file, c);
            assertTrue(r.passed(), c.name + ": " + r.failedStep() + ": " + r.message() + "\n" + r.consoleTail());
        }
    }
}
