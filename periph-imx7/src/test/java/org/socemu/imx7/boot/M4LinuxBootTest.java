package org.socemu.imx7.boot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.socemu.core.machine.DefaultImages;
import org.socemu.core.machine.Registry;
import org.socemu.core.script.TestFile;
import org.socemu.core.script.TestResult;
import org.socemu.core.script.TestRunner;

/**
 * socemu's own A7 kernel and device tree for the M4 work (images/get imx7-linux-zimage
 * imx7d-sdb-m4-dtb initramfs-armhf) on imx7d-sdb, in virtual time
 * (src/test/resources/boot/imx7-m4-linux.yaml): the shell comes up, the mailbox test client sends
 * and receives through the MU, remoteproc0 loads an ELF into the M4's memories and starts and
 * stops the M4 through the SRC. Skipped when the images are not in the cache, except under CI
 * (CI=true), where .ci/run built them: there a missing image is a failure.
 */
@Timeout(900)
class M4LinuxBootTest {
    @TempDir Path logs;

    @Test
    void ourKernelDrivesTheMuAndRemoteproc() throws Exception {
        Path cache = DefaultImages.cacheDir();
        List<Path> images = List.of(cache.resolve("imx7-linux/zImage"), cache.resolve("imx7-linux/imx7d-sdb-m4.dtb"),
                cache.resolve("initramfs-armhf/initramfs.cpio.gz"));
        boolean present = images.stream().allMatch(Files::isRegularFile);
        if (!present && "true".equals(System.getenv("CI"))) fail("CI without the imx7-linux images in " + cache);
        assumeTrue(present, "imx7-linux images not in " + cache + " (images/get imx7-linux-zimage imx7d-sdb-m4-dtb initramfs-armhf)");
        TestFile file = TestFile.read(Path.of(getClass().getResource("/boot/imx7-m4-linux.yaml").toURI()));
        assertFalse(file.tests.isEmpty(), "no tests in imx7-m4-linux.yaml");
        TestRunner runner = new TestRunner(Registry.load(), logs);
        for (TestFile.Case c : file.tests) {
            TestResult r = runner.run(file, c);
            assertTrue(r.passed(), c.name + ": " + r.failedStep() + ": " + r.message() + "\n" + r.consoleTail());
        }
    }
}
