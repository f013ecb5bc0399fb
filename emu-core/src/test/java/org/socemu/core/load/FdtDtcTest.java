package org.socemu.core.load;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FDT reader and writer against dtc: a blob dtc compiled from test resources parses to the
 * values the source says, and a blob we write is read back by dtc as the same tree. Skipped when
 * dtc is not installed.
 */
@Timeout(60)
class FdtDtcTest {
    @TempDir Path dir;
    Path dtb;

    @BeforeEach
    void compile() throws Exception {
        ExternalTool.assumeOnPath("dtc");
        try (InputStream src = getClass().getResourceAsStream("/load/board.dts")) {
            assertNotNull(src, "test resource load/board.dts");
            Files.write(dir.resolve("board.dts"), src.readAllBytes());
        }
        ExternalTool.run(dir, "dtc", "-q", "-I", "dts", "-O", "dtb", "-b", "0", "-o", "board.dtb", "board.dts");
        dtb = dir.resolve("board.dtb");
    }

    @Test
    void dtcBlobParsesToTheSourceValues() {
        Fdt fdt = Fdt.read(dtb);
        assertEquals(List.of(new Fdt.Reservation(0x9ff00000L, 0x100000), new Fdt.Reservation(0x180000000L, 0x1000)),
                fdt.reservations());
        FdtNode root = fdt.root();
        assertEquals("socemu test board", root.string("model"));
        assertEquals(List.of("socemu,test-board", "socemu,test-soc"), root.strings("compatible"));
        assertEquals(1, root.addressCells());
        assertEquals(1, root.sizeCells());
        assertEquals("serial0:115200n8", fdt.requireNode("/chosen").string("stdout-path"));

        FdtNode cpu0 = fdt.requireNode("/cpus/cpu@0");
        assertEquals(996000000, cpu0.u32("clock-frequency"));
        assertEquals(0, cpu0.u32("reg"));
        assertSame(cpu0, fdt.byPhandle(fdt.requireNode("/cpus/cpu@1").u32("next-level")), "label reference");

        assertArrayEquals(new long[] {0x80000000L, 0x80000000L}, fdt.requireNode("/memory").reg("reg", 1, 1));
        FdtNode intc = fdt.requireNode("/soc/interrupt-controller@31001000");
        assertSame(intc, fdt.byPhandle(root.u32("interrupt-parent")));
        assertArrayEquals(new long[] {0x31001000L, 0x1000, 0x31002000L, 0x2000}, intc.reg("reg", 1, 1));
        assertEquals(0, intc.bytes("interrupt-controller").length);

        assertEquals("/soc/serial@30860000", fdt.node("serial0").path(), "alias made from a label by dtc");
        assertEquals("/soc/serial@30870000", fdt.node("serial1").path());
        FdtNode uart1 = fdt.node("serial0");
        assertArrayEquals(new int[] {0, 26, 4}, uart1.u32Array("interrupts"));
        assertEquals("okay", uart1.string("status"));
        assertEquals(2, fdt.findCompatible("fsl,imx6q-uart").size());

        FdtNode blob = fdt.requireNode("/blob");
        assertArrayEquals(new byte[] {0x00, 0x11, 0x22, 0x33, 0x44, 0x55}, blob.bytes("mac-address"));
        assertEquals(0x123456789abcdef0L, blob.u64("timestamp"));
        assertEquals("", blob.string("empty-string"));
        assertTrue(blob.has("flag"));
    }

    @Test
    void roundTripOfADtcBlob() throws Exception {
        Fdt a = Fdt.read(dtb);
        Fdt b = Fdt.parse("ours.dtb", a.toBytes());
        assertTrue(a.contentEquals(b), () -> a.toDts() + "\n---\n" + b.toDts());
        // Same layout and string table as dtc: the very same bytes.
        assertArrayEquals(Files.readAllBytes(dtb), a.toBytes());
    }

    @Test
    void dtcAcceptsWhatWeWriteAndSeesTheSameTree() throws Exception {
        Fdt fdt = Fdt.read(dtb);
        Files.write(dir.resolve("ours.dtb"), fdt.toBytes());
        String theirs = ExternalTool.run(dir, "dtc", "-q", "-I", "dtb", "-O", "dts", "board.dtb");
        String ours = ExternalTool.run(dir, "dtc", "-q", "-I", "dtb", "-O", "dts", "ours.dtb");
        assertEquals(theirs, ours);
    }

    @Test
    void dtcAcceptsAFixedUpTree() throws Exception {
        Fdt fdt = Fdt.read(dtb);
        LinuxBoot.patchChosen(fdt, "console=ttymxc0,115200 rdinit=/init", 0x88000000L, 0x88123456L, null);
        LinuxBoot.setMemory(fdt, 0x80000000L, 0x40000000L, 1, 1);
        LinuxBoot.addPsci(fdt, "smc");
        fdt.requireNode("/soc/serial@30870000").remove();
        Files.write(dir.resolve("fixed.dtb"), fdt.toBytes(1024));
        String dts = ExternalTool.run(dir, "dtc", "-q", "-I", "dtb", "-O", "dts", "fixed.dtb");
        assertTrue(dts.contains("bootargs = \"console=ttymxc0,115200 rdinit=/init\";"), dts);
        assertTrue(dts.contains("linux,initrd-start = <0x88000000>;"), dts);
        assertTrue(dts.contains("linux,initrd-end = <0x88123456>;"), dts);
        assertTrue(dts.contains("memory@80000000 {"), dts);
        assertTrue(dts.contains("reg = <0x80000000 0x40000000>;"), dts);
        assertTrue(dts.contains("method = \"smc\";"), dts);
        assertFalse(dts.contains("serial@30870000 {"), dts);
        // And dtc can compile its own decompilation of our blob back: a well-formed tree.
        Files.writeString(dir.resolve("fixed.dts"), dts);
        ExternalTool.run(dir, "dtc", "-q", "-I", "dts", "-O", "dtb", "-o", "again.dtb", "fixed.dts");
        assertTrue(fdt.contentEquals(Fdt.read(dir.resolve("again.dtb"))));
    }
}
