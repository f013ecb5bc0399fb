package org.socemu.core.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Device tree fix-ups a firmware-less Linux boot makes, as a bootloader would: /chosen (command
 * line, initrd, console), /memory (the RAM the machine really has) and, for ARM, /psci.
 */
public final class LinuxBoot {
    private LinuxBoot() {}

    /**
     * Fills in /chosen, creating it if needed. A null {@code bootargs} or {@code stdoutPath} leaves
     * the DTB's own value alone. The initrd properties always describe what was loaded: with no
     * initrd (both null) stale linux,initrd-* properties are removed. Their width follows the
     * root's #address-cells (Linux reads either width), widened to two cells if an address needs it.
     */
    public static void patchChosen(Fdt fdt, String bootargs, Long initrdStart, Long initrdEnd, String stdoutPath) {
        if ((initrdStart == null) != (initrdEnd == null))
            throw new IllegalArgumentException("initrd start and end go together");
        FdtNode chosen = fdt.nodeOrCreate("/chosen");
        if (bootargs != null) chosen.setString("bootargs", bootargs);
        if (stdoutPath != null) chosen.setString("stdout-path", stdoutPath);
        if (initrdStart == null) {
            chosen.removeProperty("linux,initrd-start");
            chosen.removeProperty("linux,initrd-end");
            return;
        }
        if (initrdEnd < initrdStart) throw new IllegalArgumentException("initrd ends before it starts");
        boolean fitsOneCell = initrdEnd >>> 32 == 0;
        int cells = fdt.root().addressCells() == 1 && fitsOneCell ? 1 : 2;
        chosen.setNumbers("linux,initrd-start", cells, initrdStart);
        chosen.setNumbers("linux,initrd-end", cells, initrdEnd);
    }

    /**
     * Makes the tree describe one bank of RAM at {@code base}: the first memory node (device_type
     * "memory") is kept, renamed memory@base and given the new reg; other memory nodes are removed;
     * one is added if there is none.
     *
     * <p>reg is written with the root's #address-cells / #size-cells, which are how the kernel
     * reads it; {@code addressCells} and {@code sizeCells} are used (and written to the root) only
     * when the root does not say. A value that does not fit its cells is a UserError.
     */
    public static FdtNode setMemory(Fdt fdt, long base, long size, int addressCells, int sizeCells) {
        FdtNode root = fdt.root();
        if (!root.has("#address-cells")) root.setU32("#address-cells", addressCells);
        if (!root.has("#size-cells")) root.setU32("#size-cells", sizeCells);
        int ac = root.u32("#address-cells"), sc = root.u32("#size-cells");

        List<FdtNode> banks = new ArrayList<>();
        for (FdtNode c : root.children())
            if (c.has("device_type") && "memory".equals(c.string("device_type"))) banks.add(c);
        String name = "memory@" + Long.toHexString(base);
        FdtNode mem;
        if (banks.isEmpty()) {
            mem = root.addChild(name);
        } else {
            for (int i = 1; i < banks.size(); i++) banks.get(i).remove();
            mem = banks.get(0);
            FdtNode clash = root.child(name);  // a node without device_type already called memory@base
            if (clash != null && clash != mem) clash.remove();
            mem.rename(name);
        }
        mem.setString("device_type", "memory");
        mem.setReg("reg", ac, sc, base, size);
        return mem;
    }

    /**
     * The DTB built into a MIPS vmlinux (CONFIG_MIPS_ELF_APPENDED_DTB: a section .appended_dtb,
     * filled after the link), or null when there is no such section or it holds no DTB (zeros).
     * Linux prefers a filled one to the DTB passed in a1.
     */
    public static Fdt appendedDtb(ElfFile kernel) {
        ElfSection s = kernel.section(".appended_dtb");
        if (s == null) return null;
        byte[] bytes = kernel.sectionData(s);
        if (!Fdt.isFdt(bytes)) return null;
        return Fdt.parse(kernel.name() + " (.appended_dtb)", bytes);
    }

    /**
     * Adds /psci for PSCI calls over {@code method} ("smc" or "hvc"), answered by the emulator:
     * PSCI 1.0 with the 0.2 function IDs, plus the 0.1 IDs that older kernels read from the node.
     * An existing /psci is replaced.
     */
    public static FdtNode addPsci(Fdt fdt, String method) {
        FdtNode old = fdt.root().child("psci");
        if (old != null) old.remove();
        FdtNode psci = fdt.root().addChild("psci");
        psci.setStrings("compatible", "arm,psci-1.0", "arm,psci-0.2", "arm,psci");
        psci.setString("method", method);
        psci.setU32("cpu_suspend", 0x84000001);
        psci.setU32("cpu_off", 0x84000002);
        psci.setU32("cpu_on", 0x84000003);
        psci.setU32("migrate", 0x84000005);
        return psci;
    }
}
