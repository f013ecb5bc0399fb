package org.socemu.armv7;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random instruction words, executed one at a time from random register state in both instruction
 * sets and several modes: whatever they do (UNDEFINED, aborts, mode changes, MMU on with garbage
 * tables), it must be an ARM exception, never a Java exception out of {@code run()}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RandomEncodingTest {
    @Test
    void noJavaExceptionEscapes() {
        TestBoard b = new TestBoard();
        Random rnd = new Random(Long.getLong("a7.fuzz.seed", 7));
        int count = Integer.getInteger("a7.fuzz.count", 200_000);
        int[] modes = {ArmMode.USR, ArmMode.SVC, ArmMode.IRQ, ArmMode.FIQ, ArmMode.SYS};
        for (int n = 0; n < count; n++) {
            if (n % 64 == 0) {
                b.cpu.reset();
                b.cpu.cp15().cpacr = 0x00f00000;
                b.cpu.fpexc = CortexA7.FPEXC_EN;
            }
            boolean thumb = rnd.nextBoolean();
            int word = rnd.nextInt();
            if (thumb && rnd.nextBoolean()) word = (word & 0x0000ffff) | 0xe7fe0000; // a 16-bit one, then "b ."
            b.view.write(0x1000, 4, thumb ? Integer.rotateLeft(word, 16) : word);
            for (int k = 0; k < 15; k++) b.cpu.r[k] = rnd.nextInt(4) == 0 ? rnd.nextInt() : 0x2000 + 4 * rnd.nextInt(256);
            b.cpu.setCpsr((rnd.nextInt(16) << 28) | 0xc0 | modes[rnd.nextInt(modes.length)]);
            b.cpu.setPc(0x1000 | (thumb ? 1 : 0));
            try {
                b.cpu.run(1);
            } catch (RuntimeException e) { // EmulatorBug included
                fail(String.format("%s word %08x escaped as %s", thumb ? "T32" : "A32", word, e), e);
            }
        }
    }
}
