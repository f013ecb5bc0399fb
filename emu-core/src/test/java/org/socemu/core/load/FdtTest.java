package org.socemu.core.load;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socemu.core.UserError;

/** The FDT reader and writer on trees built in code: no dtc needed. */
@Timeout(20)
class FdtTest {
    /** A tree with each kind of value, built through the API. */
    static Fdt sample() {
        Fdt fdt = new Fdt("sample.dtb");
        fdt.setBootCpuidPhys(1);
        fdt.reservations().add(new Fdt.Reservation(0x9ff00000L, 0x100000));
        FdtNode root = fdt.root();
        root.setString("model", "test").setStrings("compatible", "socemu,a", "socemu,b");
        root.setU32("#address-cells", 1).setU32("#size-cells", 1);
        FdtNode cpus = root.addChild("cpus").setU32("#address-cells", 1).setU32("#size-cells", 0);
        cpus.addChild("cpu@0").setString("device_type", "cpu").setU32("reg", 0).setU32("phandle", 7);
        cpus.addChild("cpu@1").setString("device_type", "cpu").setU32("reg", 1).setU32s("next", 7);
        root.addChild("memory@80000000").setString("device_type", "memory").setU32s("reg", 0x80000000, 0x40000000);
        FdtNode soc = root.addChild("soc");
        soc.addChild("serial@30860000").setStrings("compatible", "fsl,imx7d-uart", "fsl,imx6q-uart")
           .setU32s("reg", 0x30860000, 0x10000).setBytes("flag", new byte[0]);
        soc.addChild("blob").setBytes("mac-address", new byte[] {0, 0x11, 0x22, 0x33, 0x44, 0x55})
           .setU64("timestamp", 0x123456789abcdef0L);
        root.addChild("aliases").setString("serial0", "/soc/serial@30860000");
        return fdt;
    }

    static int be32(byte[] b, int at) {
        return FdtNode.cell(b, at);
    }

    @Test
    void roundTripGivesAnEqualTree() {
        Fdt a = sample();
        byte[] blob = a.toBytes();
        Fdt b = Fdt.parse("again.dtb", blob);
        assertTrue(a.contentEquals(b), () -> a.toDts() + "\n---\n" + b.toDts());
        assertArrayEquals(blob, b.toBytes(), "writing is deterministic");
        assertEquals(a.toDts(), b.toDts());
        // A change is seen by the comparison (the comparison can fail).
        b.requireNode("/soc/blob").setU32("extra", 1);
        assertFalse(a.contentEquals(b));
    }

    @Test
    void headerFieldsAreConsistent() {
        Fdt fdt = sample();
        byte[] blob = fdt.toBytes();
        assertEquals(Fdt.MAGIC, be32(blob, 0));
        assertEquals(blob.length, be32(blob, 4), "totalsize");
        int offStruct = be32(blob, 8), offStrings = be32(blob, 12), offRsv = be32(blob, 16);
        assertEquals(17, be32(blob, 20), "version");
        assertEquals(16, be32(blob, 24), "last_comp_version");
        assertEquals(1, be32(blob, 28), "boot_cpuid_phys");
        int sizeStrings = be32(blob, 32), sizeStruct = be32(blob, 36);
        assertEquals(40, offRsv);
        assertEquals(offRsv + 2 * 16, offStruct, "one reservation plus the terminator");
        assertEquals(offStruct + sizeStruct, offStrings);
        assertEquals(offStrings + sizeStrings, blob.length);
        assertEquals(0, offStruct % 4);
        assertEquals(FdtReader.FDT_BEGIN_NODE, be32(blob, offStruct));
        assertEquals(FdtReader.FDT_END, be32(blob, offStruct + sizeStruct - 4));
        // Each property name is stored once: "reg" appears 4 times in the tree, once in the block.
        String strings = new String(blob, offStrings, sizeStrings, StandardCharsets.US_ASCII);
        assertEquals(1, strings.split("\0reg\0", -1).length - 1 + (strings.startsWith("reg\0") ? 1 : 0));
        List<String> names = Arrays.asList(strings.split("\0"));
        assertEquals(names.size(), names.stream().distinct().count(), "no duplicate names: " + names);
        assertEquals(0x9ff00000L, ((long) be32(blob, 40) << 32) | (be32(blob, 44) & 0xffffffffL));
    }

    @Test
    void paddingIsCountedInTotalsize() {
        byte[] blob = sample().toBytes(4096);
        assertEquals(blob.length, be32(blob, 4));
        assertEquals(sample().toBytes().length + 4096, blob.length);
        assertTrue(sample().contentEquals(Fdt.parse("padded", blob)));
    }

    @Test
    void pathLookup() {
        Fdt fdt = Fdt.parse("s.dtb", sample().toBytes());
        assertSame(fdt.root(), fdt.node("/"));
        assertEquals("/cpus/cpu@0", fdt.node("/cpus/cpu@0").path());
        assertEquals("/memory@80000000", fdt.node("/memory").path(), "a name without unit address matches");
        assertEquals("/cpus/cpu@0", fdt.node("/cpus/cpu").path(), "the first such child");
        assertEquals("/soc/serial@30860000", fdt.node("serial0").path(), "aliases");
        assertNull(fdt.node("serial1"));
        assertEquals("/soc/serial@30860000", fdt.node("serial0:115200n8").path(), "stdout-path options");
        assertEquals("/soc/serial@30860000", fdt.node("/soc/serial@30860000:115200").path());
        assertNull(fdt.node("/soc/nothere"));
        assertNull(fdt.node("/cpus/cpu@2"));
        assertEquals("cpu@1", fdt.node("/cpus/cpu@1").name());
        assertEquals("cpu", fdt.node("/cpus/cpu@1").baseName());
        assertEquals("1", fdt.node("/cpus/cpu@1").unitAddress());
        assertEquals("s.dtb: no node /chosen", assertThrows(UserError.class, () -> fdt.requireNode("/chosen")).getMessage());
    }

    @Test
    void compatibleAndPhandle() {
        Fdt fdt = Fdt.parse("s.dtb", sample().toBytes());
        assertEquals(List.of(fdt.node("/soc/serial@30860000")), fdt.findCompatible("fsl,imx6q-uart"));
        assertEquals(List.of(fdt.root()), fdt.findCompatible("socemu,b"));
        assertTrue(fdt.findCompatible("fsl,imx6q").isEmpty(), "whole strings only, no prefixes");
        assertSame(fdt.node("/cpus/cpu@0"), fdt.byPhandle(fdt.node("/cpus/cpu@1").u32Array("next")[0]));
        assertNull(fdt.byPhandle(8));
        fdt.requireNode("/soc").setU32("linux,phandle", 8);
        assertSame(fdt.node("/soc"), fdt.byPhandle(8), "the older linux,phandle too");
    }

    @Test
    void typedGetters() {
        Fdt fdt = Fdt.parse("s.dtb", sample().toBytes());
        FdtNode uart = fdt.requireNode("/soc/serial@30860000");
        assertEquals(List.of("fsl,imx7d-uart", "fsl,imx6q-uart"), uart.strings("compatible"));
        assertEquals("fsl,imx7d-uart", uart.string("compatible"));
        assertArrayEquals(new int[] {0x30860000, 0x10000}, uart.u32Array("reg"));
        assertArrayEquals(new long[] {0x30860000L, 0x10000}, uart.reg("reg", 1, 1));
        assertEquals(0, uart.bytes("flag").length);
        assertEquals(0x123456789abcdef0L, fdt.requireNode("/soc/blob").u64("timestamp"));
        assertArrayEquals(new long[] {0x123456789abcdef0L}, fdt.requireNode("/soc/blob").numbers("timestamp", 2));
        assertArrayEquals(new byte[] {0, 0x11, 0x22, 0x33, 0x44, 0x55}, fdt.requireNode("/soc/blob").bytes("mac-address"));
        assertEquals(0x80000000, fdt.requireNode("/memory").u32Array("reg")[0]);
        assertEquals(1, fdt.root().addressCells());
        assertEquals(0, fdt.requireNode("/cpus").sizeCells());
        assertEquals(2, fdt.requireNode("/soc").addressCells(), "spec default");
        assertEquals(1, fdt.requireNode("/soc").sizeCells(), "spec default");
        assertEquals(42, uart.u32("clock-frequency", 42));
        assertEquals("x", uart.string("status", "x"));
    }

    @Test
    void gettersOnWrongShapesAreUserErrors() {
        Fdt fdt = Fdt.parse("s.dtb", sample().toBytes());
        FdtNode uart = fdt.requireNode("/soc/serial@30860000");
        assertEquals("s.dtb: /soc/serial@30860000: no property 'clocks'",
                assertThrows(UserError.class, () -> uart.u32("clocks")).getMessage());
        assertEquals("s.dtb: /soc/serial@30860000: property 'reg' has 8 bytes, not one 32-bit cell",
                assertThrows(UserError.class, () -> uart.u32("reg")).getMessage());
        assertEquals("s.dtb: /soc/blob: property 'mac-address' has 6 bytes, not whole 32-bit cells",
                assertThrows(UserError.class, () -> fdt.requireNode("/soc/blob").u32Array("mac-address")).getMessage());
        assertThrows(UserError.class, () -> fdt.requireNode("/soc/blob").string("timestamp"));
        assertThrows(UserError.class, () -> uart.reg("reg", 2, 1));
    }

    @Test
    void settersAndStructureEdits() {
        Fdt fdt = sample();
        FdtNode blob = fdt.requireNode("/soc/blob");
        blob.setU64("timestamp", 5);  // replacing keeps the place in the order
        assertEquals(List.of("mac-address", "timestamp"), blob.properties().stream().map(FdtProperty::name).toList());
        assertTrue(blob.removeProperty("mac-address"));
        assertFalse(blob.removeProperty("mac-address"));
        FdtNode added = fdt.nodeOrCreate("/chosen/sub");
        assertEquals("/chosen/sub", added.path());
        assertSame(added, fdt.nodeOrCreate("/chosen/sub"));
        assertThrows(UserError.class, () -> fdt.root().addChild("chosen"));
        fdt.requireNode("/cpus/cpu@1").remove();
        assertEquals(1, fdt.requireNode("/cpus").children().size());
        fdt.requireNode("/memory").rename("memory@0");
        assertEquals("/memory@0", fdt.node("/memory").path());
        assertThrows(IllegalArgumentException.class, () -> fdt.root().addChild("a/b"));
        assertThrows(IllegalStateException.class, () -> fdt.root().remove());

        blob.setReg("reg", 2, 1, 0x1_2345_6789L, 0x100);
        assertArrayEquals(new int[] {1, 0x23456789, 0x100}, blob.u32Array("reg"));
        assertEquals("sample.dtb: /soc/blob: 0x123456789 does not fit in 1 cell of property 'reg'",
                assertThrows(UserError.class, () -> blob.setReg("reg", 1, 1, 0x1_2345_6789L, 1)).getMessage());

        Fdt back = Fdt.parse("x", fdt.toBytes());
        assertTrue(fdt.contentEquals(back));
        assertNull(back.node("/cpus/cpu@1"));
        assertEquals(5, back.requireNode("/soc/blob").u64("timestamp"));
    }

    @Test
    void copyIsIndependent() {
        Fdt a = sample();
        Fdt b = a.copy();
        b.requireNode("/soc").addChild("new");
        assertNull(a.node("/soc/new"));
        assertNotNull(b.node("/soc/new"));
    }

    @Test
    void dtsPrinting() {
        String dts = sample().toDts();
        assertTrue(dts.contains("compatible = \"socemu,a\", \"socemu,b\";"), dts);
        assertTrue(dts.contains("reg = <0x80000000 0x40000000>;"), dts);
        assertTrue(dts.contains("mac-address = [00 11 22 33 44 55];"), dts);
        assertTrue(dts.contains("\t\t\tflag;\n"), dts);
        assertTrue(dts.contains("/memreserve/ 0x000000009ff00000 0x0000000000100000;"), dts);
    }

    // ---- malformed blobs ----

    @Test
    void badMagic() {
        byte[] blob = sample().toBytes();
        blob[0] = 0x12;
        assertEquals("bad.dtb: not a device tree blob (bad magic 0x120dfeed, expected 0xd00dfeed)",
                assertThrows(UserError.class, () -> Fdt.parse("bad.dtb", blob)).getMessage());
        assertTrue(assertThrows(UserError.class, () -> Fdt.parse("tiny", new byte[2])).getMessage().startsWith("tiny: not a device tree"));
    }

    @Test
    void truncatedBlob() {
        byte[] blob = sample().toBytes();
        byte[] cut = Arrays.copyOf(blob, blob.length - 10);
        assertEquals(String.format("cut.dtb: truncated device tree: totalsize is 0x%x, the blob has 0x%x", blob.length, cut.length),
                assertThrows(UserError.class, () -> Fdt.parse("cut.dtb", cut)).getMessage());
        for (int len = 0; len < blob.length; len++) {
            byte[] c = Arrays.copyOf(blob, len);
            UserError e = assertThrows(UserError.class, () -> Fdt.parse("c", c), "cut to " + len);
            assertTrue(e.getMessage().startsWith("c: "));
        }
    }

    @Test
    void stringOffsetOutOfRange() {
        Fdt small = new Fdt("x");
        small.root().setU32("only", 1);
        byte[] blob = small.toBytes();
        int offStruct = be32(blob, 8);
        // root: BEGIN_NODE, "" padded to 4, then PROP len nameoff
        assertEquals(FdtReader.FDT_PROP, be32(blob, offStruct + 8));
        FdtNode.putCell(blob, offStruct + 16, 0x1000);
        assertEquals("o.dtb: /: property name offset 0x1000 is outside the strings block (0x5 bytes)",
                assertThrows(UserError.class, () -> Fdt.parse("o.dtb", blob)).getMessage());
    }

    @Test
    void unsupportedVersions() {
        byte[] blob = sample().toBytes();
        FdtNode.putCell(blob, 20, 3);
        assertTrue(assertThrows(UserError.class, () -> Fdt.parse("old", blob)).getMessage().contains("version 3 is too old"));
        byte[] future = sample().toBytes();
        FdtNode.putCell(future, 20, 18);
        FdtNode.putCell(future, 24, 18);
        assertTrue(assertThrows(UserError.class, () -> Fdt.parse("new", future)).getMessage().contains("version 18"));
        byte[] newer = sample().toBytes();
        FdtNode.putCell(newer, 20, 20);  // newer but compatible with 16: readable
        assertTrue(sample().contentEquals(Fdt.parse("newer", newer)));
    }

    @Test
    void version16WithoutStructSize() {
        byte[] blob = sample().toBytes();
        FdtNode.putCell(blob, 20, 16);
        FdtNode.putCell(blob, 36, 0xdeadbeef);  // not a v16 field: must be ignored
        assertTrue(sample().contentEquals(Fdt.parse("v16", blob)));
    }

    @Test
    void corruptedBlobsGiveUserErrorsNeverCrashes() {
        byte[] good = sample().toBytes();
        Random rnd = new Random(7);
        int parsed = 0, rejected = 0;
        for (int round = 0; round < 5000; round++) {
            byte[] bad = good.clone();
            for (int k = 1 + rnd.nextInt(3); k > 0; k--) bad[rnd.nextInt(bad.length)] = (byte) rnd.nextInt(256);
            try {
                Fdt f = Fdt.parse("fuzz", bad);
                f.toBytes();
                f.toDts();
                parsed++;
            } catch (UserError e) {
                assertTrue(e.getMessage().startsWith("fuzz: "), e.getMessage());
                rejected++;
            }
        }
        assertTrue(parsed > 0 && rejected > 0, parsed + " parsed, " + rejected + " rejected");
    }

    @Test
    void duplicatePropertyIsRejected() {
        Fdt f = new Fdt("d");
        f.root().setU32("aa", 1).setU32("ab", 2);
        byte[] blob = f.toBytes();
        int offStruct = be32(blob, 8);
        // Make the second property use the first one's name.
        int firstNameOff = be32(blob, offStruct + 16);
        FdtNode.putCell(blob, offStruct + 16 + 16, firstNameOff);
        assertEquals("d: /: duplicate property 'aa'", assertThrows(UserError.class, () -> Fdt.parse("d", blob)).getMessage());
    }
}
