package org.socemu.mips;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socemu.core.mem.Endian;

/**
 * The benchmark as a test, tagged "bench" and excluded from the default build. Run with
 * {@code mvn -pl cpu-mips32 -am test -Dgroups=bench -DexcludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
@Timeout(300)
class MipsBenchTest {
    @Test
    void guestMips() {
        MipsBench.Result r = MipsBench.best(Endian.BIG, 2.0, 3);
        // CPU time of the emulation thread, so that other work on a shared host does not decide the result
        assertTrue(r.cpuMips() >= 100, "target is 100 guest MIPS, got " + r.cpuMips());
    }
}
