package org.socemu.periph.ar9331;

import static org.junit.jupiter.api.Assertions.*;
import static org.socemu.periph.ar9331.SpiController.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class SpiFlashTest {
    static final byte[] W25Q128 = {(byte) 0xEF, 0x40, 0x18};
    static final int SIZE = 16 << 20;

    private SpiNorFlash flash = new SpiNorFlash("flash", SIZE, W25Q128, pattern(8192), null, false);
    private SpiController spi = Bus.attach(new SpiController("spi", 0xC00000, flash));

    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (i * 7 + 3);
        return b;
    }

    /** One SPI message the way Linux's spi-ath79 bit-bangs it (mode 0, MSB first, CS0). */
    private byte[] transfer(int... bytes) {
        spi.write(FUNCTION_SELECT, 4, FS_GPIO);
        int base = spi.read(IOC, 4) & ~(IOC_DO | IOC_CLK);
        base &= ~IOC_CS0; // select
        spi.write(IOC, 4, base);
        byte[] in = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            for (int bit = 7; bit >= 0; bit--) {
                int ioc = base | ((bytes[i] >>> bit) & 1);
                spi.write(IOC, 4, ioc);
                spi.write(IOC, 4, ioc | IOC_CLK);
            }
            spi.write(IOC, 4, base);
            in[i] = (byte) spi.read(RDS, 4);
        }
        spi.write(IOC, 4, base | IOC_CS0); // release
        return in;
    }

    private static int[] cmd(int op, int addr, int extra) {
        int[] b = new int[4 + extra];
        b[0] = op;
        b[1] = addr >>> 16 & 0xFF;
        b[2] = addr >>> 8 & 0xFF;
        b[3] = addr & 0xFF;
        return b;
    }

    private byte[] read(int addr, int n) {
        byte[] in = transfer(cmd(SpiNorFlash.CMD_READ, addr, n));
        return Arrays.copyOfRange(in, 4, 4 + n);
    }

    private int rdsr() {
        return transfer(SpiNorFlash.CMD_RDSR, 0)[1] & 0xFF;
    }

    @Test
    void rdidAnswersTheJedecId() {
        byte[] id = transfer(SpiNorFlash.CMD_RDID, 0, 0, 0);
        assertArrayEquals(new byte[] {(byte) 0xEF, 0x40, 0x18}, Arrays.copyOfRange(id, 1, 4));
    }

    @Test
    void readReturnsTheImage() {
        assertArrayEquals(Arrays.copyOfRange(pattern(8192), 100, 140), read(100, 40));
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xFF}, read(8192, 2), "beyond the image: erased");
    }

    @Test
    void fastReadSkipsTheDummyByte() {
        byte[] in = transfer(cmd(SpiNorFlash.CMD_FAST_READ, 16, 1 + 4));
        assertArrayEquals(Arrays.copyOfRange(pattern(8192), 16, 20), Arrays.copyOfRange(in, 5, 9));
    }

    @Test
    void barebox_mode3_bitbang_reads_rds_bit0() {
        // barebox: CLK low, DO, CLK high, then RDS bit 0 is the MISO bit just sampled
        spi.write(FUNCTION_SELECT, 4, FS_GPIO);
        int base = 0x00060000; // CS0 low, CS1/CS2 high
        int[] out = {SpiNorFlash.CMD_RDID, 0};
        int got = 0;
        for (int b : out) {
            got = 0;
            for (int bit = 7; bit >= 0; bit--) {
                spi.write(IOC, 4, base);
                spi.write(IOC, 4, base | (b >>> bit & 1));
                spi.write(IOC, 4, base | (b >>> bit & 1) | IOC_CLK);
                got = got << 1 | (spi.read(RDS, 4) & 1);
            }
        }
        spi.write(IOC, 4, base | IOC_CS0);
        assertEquals(0xEF, got);
    }

    @Test
    void pageProgramNeedsWrenAndOnlyClearsBits() {
        int addr = 0x10000;
        transfer(cmd(SpiNorFlash.CMD_PP, addr, 0)[0], 1, 0, 0, 0x12);
        assertEquals((byte) 0xFF, read(addr, 1)[0], "no WREN: no program");

        transfer(SpiNorFlash.CMD_WREN);
        assertEquals(SpiNorFlash.SR_WEL, rdsr());
        transfer(SpiNorFlash.CMD_PP, 1, 0, 0, 0xF0, 0x0F);
        assertEquals(0, rdsr() & (SpiNorFlash.SR_WEL | SpiNorFlash.SR_WIP), "program clears WEL and is done");
        assertArrayEquals(new byte[] {(byte) 0xF0, 0x0F}, read(addr, 2));

        transfer(SpiNorFlash.CMD_WREN);
        transfer(SpiNorFlash.CMD_PP, 1, 0, 0, 0x0F, 0xFF);
        assertArrayEquals(new byte[] {0x00, 0x0F}, read(addr, 2), "program is an AND: 0 bits stay 0");
    }

    @Test
    void pageProgramWrapsWithinThePage() {
        transfer(SpiNorFlash.CMD_WREN);
        transfer(SpiNorFlash.CMD_PP, 0, 0x21, 0xFF, 0x11, 0x22, 0x33);
        assertEquals(0x11, read(0x21FF, 1)[0]);
        assertArrayEquals(new byte[] {0x22, 0x33}, read(0x2100, 2), "wraps to the page start, not to 0x2200");
        assertEquals((byte) 0xFF, read(0x2200, 1)[0]);
    }

    @Test
    void sectorEraseErasesExactlyFourKiB() {
        transfer(SpiNorFlash.CMD_SE, 0, 0x10, 0x00); // no WREN: nothing happens
        assertEquals(pattern(8192)[0x1000], read(0x1000, 1)[0]);
        transfer(SpiNorFlash.CMD_WREN);
        transfer(SpiNorFlash.CMD_SE, 0, 0x10, 0x80); // any address inside the sector
        assertEquals(pattern(8192)[0xFFF], read(0xFFF, 1)[0], "sector below untouched");
        byte[] sector = read(0x1000, 16);
        for (byte b : sector) assertEquals((byte) 0xFF, b);
        assertEquals((byte) 0xFF, read(0x1FFF, 1)[0]);
        assertEquals(0, rdsr() & SpiNorFlash.SR_WEL);
    }

    @Test
    void blockAndChipErase() {
        transfer(SpiNorFlash.CMD_WREN);
        transfer(SpiNorFlash.CMD_BE, 0, 0, 0);
        assertEquals((byte) 0xFF, read(0x100, 1)[0]);
        transfer(SpiNorFlash.CMD_WREN);
        transfer(SpiNorFlash.CMD_PP, 0xFF, 0, 0, 0);
        assertEquals(0, read(0xFF0000, 1)[0]);
        transfer(SpiNorFlash.CMD_WREN);
        transfer(SpiNorFlash.CMD_CE2);
        assertEquals((byte) 0xFF, read(0xFF0000, 1)[0]);
    }

    @Test
    void memoryMappedWindowOnlyOutsideGpioMode() {
        spi.write(FUNCTION_SELECT, 4, 0);
        assertEquals(0x030A1118, spi.read(0, 4), "flash bytes 3, 10, 17, 24 big-endian");
        assertEquals(0x030A, spi.read(0, 2));
        assertEquals(flash.readMapped(0x100, 4), spi.read(0x100, 4));
        spi.write(FUNCTION_SELECT, 4, FS_GPIO);
        spi.write(CTRL, 4, 0x43);
        assertEquals(0x43, spi.read(CTRL, 4), "registers overlay the window in GPIO mode");
        assertEquals(0, spi.read(0x100, 4), "the array is not readable while bit-banging");
        assertEquals(0x030A1118, flash.read(0, 4), "the reset-vector alias always shows the array");
    }

    @Test
    void smallFlashRepeatsThroughTheWindow() {
        SpiNorFlash small = new SpiNorFlash("flash", 4 << 20, new byte[] {1, 2, 0x15, 0x4D, 0}, pattern(16), null, false);
        SpiController c = Bus.attach(new SpiController("spi", 0xC00000, small));
        assertEquals(c.read(4, 4), c.read((4 << 20) + 4, 4));
    }

    @Test
    void writeBackOnlyWhenWritable(@TempDir Path dir) throws Exception {
        Path img = dir.resolve("flash.bin");
        Files.write(img, new byte[8192]);
        flash = new SpiNorFlash("flash", SIZE, W25Q128, Files.readAllBytes(img), img, true);
        spi = Bus.attach(new SpiController("spi", 0xC00000, flash));
        transfer(SpiNorFlash.CMD_WREN);
        transfer(SpiNorFlash.CMD_SE, 0, 0, 0);
        byte[] after = Files.readAllBytes(img);
        assertEquals((byte) 0xFF, after[0]);
        assertEquals((byte) 0xFF, after[4095]);
        assertEquals(0, after[4096]);

        Path ro = dir.resolve("ro.bin");
        Files.write(ro, new byte[8192]);
        flash = new SpiNorFlash("flash", SIZE, W25Q128, Files.readAllBytes(ro), ro, false);
        spi = Bus.attach(new SpiController("spi", 0xC00000, flash));
        transfer(SpiNorFlash.CMD_WREN);
        transfer(SpiNorFlash.CMD_SE, 0, 0, 0);
        assertEquals((byte) 0xFF, read(0, 1)[0]);
        assertEquals(0, Files.readAllBytes(ro)[0], "file untouched without --flash-writable");
    }

    @Test
    void jedecParsing() {
        assertArrayEquals(new byte[] {1, 2, 0x15, 0x4D, 0}, SpiNorFlash.parseJedec("01 02 15 4D 00"));
        assertArrayEquals(W25Q128, SpiNorFlash.parseJedec("0xEF4018"));
        assertThrows(org.socemu.core.UserError.class, () -> SpiNorFlash.parseJedec("E"));
    }
}
