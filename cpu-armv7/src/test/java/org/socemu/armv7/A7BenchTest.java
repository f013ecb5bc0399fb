package org.socemu.armv7;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The benchmark as a test; excluded by default. Run:
 * {@code mvn -pl cpu-armv7 -am test -Dtest=A7BenchTest -Dbench.excluded=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class A7BenchTest {
    @Test
    void integerLoopRuns() {
        double a32 = A7Bench.measure(2_000_000_000L, false);
        System.out.printf("cortex-a7 A32 integer loop: %.1f guest MIPS%n", a32);
        double t32 = A7Bench.measure(2_000_000_000L, true);
        System.out.printf("cortex-a7 T32 integer loop: %.1f guest MIPS%n", t32);
        assertTrue(a32 > 0 && t32 > 0);
    }
}
