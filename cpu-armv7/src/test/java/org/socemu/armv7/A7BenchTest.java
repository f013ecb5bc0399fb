package org.socemu.armv7;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The benchmark as a test; excluded by default (run with {@code -Dgroups=bench}). */
@Tag("bench")
class A7BenchTest {
    @Test
    void integerLoopRuns() {
        double mips = A7Bench.measure(2_000_000_000L);
        System.out.printf("cortex-a7 A32 integer loop: %.1f guest MIPS%n", mips);
        assertTrue(mips > 0);
    }
}
