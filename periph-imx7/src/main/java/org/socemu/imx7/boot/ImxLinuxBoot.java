package org.socemu.imx7.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.socemu.armv7.CortexA7;
import org.socemu.core.Sizes;
import org.socemu.core.UserError;
import org.socemu.core.cpu.Cpu;
import org.socemu.core.irq.IrqSink;
import org.socemu.core.load.AddressRange;
import org.socemu.core.load.Fdt;
import org.socemu.core.load.FdtNode;
import org.socemu.core.load.ImageFile;
import org.socemu.core.load.Initrd;
import org.socemu.core.load.LinuxBoot;
import org.socemu.core.load.ElfFile;
import org.socemu.core.load.ElfSegment;
import org.socemu.core.load.ZImage;
import org.socemu.core.machine.BootImages;
import org.socemu.core.machine.BootProtocol;
import org.socemu.core.machine.DefaultImages;
import org.socemu.core.machine.Machine;
import org.socemu.core.machine.MachineDescription;
import org.socemu.core.mem.BusView;
import org.socemu.imx7.Src;

/**
 * Boot protocol "imx-linux": a firmware-less Linux boot of the i.MX7D's A7 cores, as a bootloader
 * would leave things (Documentation/arm/booting.rst). The kernel goes to DDR + 32 KiB: an XZ or
 * gzip zImage is unpacked on the host and its Image placed there (booting.rst allows an Image as
 * well as a zImage), which saves the guest the decompressor's work (1.9 G instructions for
 * Debian's armmp kernel); other zImages, or all with --run-decompressor, go there whole and
 * decompress themselves. The initrd
 * and the patched DTB go high in the first 512 MiB (lowmem); CPU0 starts in SVC mode with r0 = 0,
 * r1 = ~0, r2 = DTB; CPU1 stays off until PSCI CPU_ON, or, with --no-psci, until Linux releases it
 * through the SRC (entry in GPR3, enable in A7RCR1) as on the board.
 *
 * <p>DTB fix-ups: /chosen bootargs (from --append, default "console=ttymxc0,115200"), initrd,
 * /memory (DDR size from --mem), and /psci (method smc) with enable-method = "psci" on the cpus,
 * unless --no-psci. --smp 1 removes the other cpu nodes.
 */
public final class ImxLinuxBoot implements BootProtocol {
    static final long KERNEL_OFFSET = 0x8000;
    static final long LOWMEM_WINDOW = 512L << 20;
    static final long HIGH_START = 128L << 20;
    static final String DEFAULT_APPEND = "console=ttymxc0,115200";

    @Override
    public String name() {
        return "imx-linux";
    }

    @Override
    public Set<String> options() {
        return Set.of("kernel", "dtb", "initrd", "append", "mem", "smp", "no-psci", "run-decompressor");
    }

    @Override
    public void defaults(MachineDescription desc, BootImages images) {
        if (images.kernel == null) {
            if (images.initrd != null) throw new UserError("--initrd needs --kernel");
            images.kernel = DefaultImages.get(desc.prop("default-kernel", "debian-armmp-zimage"));
            images.initrd = DefaultImages.get(desc.prop("default-initrd", "initramfs-armhf"));
        }
        if (images.dtb == null) images.dtb = DefaultImages.get(desc.prop("default-dtb", "imx7d-sdb-dtb"));
    }

    @Override
    public void boot(Machine m, BootImages images) {
        List<CortexA7> a7 = new ArrayList<>();
        for (Cpu c : m.cpus()) if (c instanceof CortexA7 a) a7.add(a);
        if (a7.isEmpty()) throw new UserError(m.name() + ": no Cortex-A7 core to boot");
        int smp = images.smp == null ? a7.size() : images.smp;
        if (smp > a7.size()) throw new UserError("--smp " + smp + ": machine " + m.name() + " has " + a7.size() + " A7 cores");
        if (m.resetCount() == 0) wire(m, a7);

        MachineDescription.MemoryDesc ddrDesc = m.description().mainMemory();
        long base = Sizes.parse(ddrDesc.base), size = m.memory(ddrDesc.name).size();
        BusView view = m.view(m.description().cores.get(0).view);

        byte[] kernel = ImageFile.read(images.kernel);
        long entry = base + KERNEL_OFFSET;
        AddressRange kernelRange;
        if (ElfFile.isElf(kernel)) {
            // A bare-metal program (or a vmlinux): its segments at their physical addresses, the
            // entry translated from virtual to physical through the segment that holds it.
            ElfFile elf = ElfFile.parse(images.kernel.toString(), kernel);
            if (elf.machine() != ElfFile.EM_ARM)
                throw new UserError(images.kernel + ": ELF for " + ElfFile.machineName(elf.machine()) + ", not ARM");
            List<AddressRange> loaded = elf.load(view, ElfFile.AddressKind.PHYSICAL, a -> a);
            entry = elf.entry();
            for (ElfSegment s : elf.loadSegments())
                if (elf.entry() >= s.vaddr() && elf.entry() < s.vaddr() + s.memsz()) entry = elf.entry() - s.vaddr() + s.paddr();
            long lo = Long.MAX_VALUE, hi = 0;
            for (AddressRange r : loaded) {
                lo = Math.min(lo, r.start());
                hi = Math.max(hi, r.end());
            }
            kernelRange = new AddressRange(lo, hi - lo);
        } else if (ZImage.isZImage(kernel)) {
            ZImage z = ZImage.parse(images.kernel.toString(), kernel);
            z.requireEndian(m.endian(), m.name());
            byte[] image = images.runDecompressor ? null : unpacked(kernel, z);
            if (image != null) {
                // The Image where the decompressor would have put it (RAM start + TEXT_OFFSET,
                // which is 0x208000 in a multi-platform kernel with Meson or Qualcomm support),
                // entered as the decompressor enters it: MMU and caches off, r0 = 0, r1 = machine, r2 = DTB.
                entry = base + (z.textOffset() >= 0 ? z.textOffset() : KERNEL_OFFSET);
                view.load(entry, image);
                kernelRange = new AddressRange(entry, image.length + Math.max(0, z.bssSize()));
            } else {
                kernelRange = z.load(view, entry);
            }
        } else {
            throw new UserError(images.kernel + ": neither an ARM zImage nor an ELF");
        }

        AddressRange window = new AddressRange(base + HIGH_START, Math.min(size, LOWMEM_WINDOW) - HIGH_START);
        if (size <= HIGH_START) throw new UserError("--mem must be more than 128M for a Linux boot");
        List<AddressRange> taken = new ArrayList<>(List.of(kernelRange));
        Long initrdStart = null, initrdEnd = null;
        if (images.initrd != null) {
            AddressRange r = Initrd.place(view, images.initrd, window, 4096, taken);
            taken.add(r);
            initrdStart = r.start();
            initrdEnd = r.end();
        }

        Fdt fdt = Fdt.read(images.dtb);
        LinuxBoot.patchChosen(fdt, images.append != null ? images.append : DEFAULT_APPEND, initrdStart, initrdEnd, null);
        LinuxBoot.setMemory(fdt, base, size, 1, 1);
        fixCpus(fdt, smp, !images.noPsci);
        byte[] dtb = fdt.toBytes(4096);
        long dtbAt = Initrd.chooseAddress(images.dtb.toString(), dtb.length, window, 4096, taken);
        view.load(dtbAt, dtb);

        for (int i = 1; i < a7.size(); i++) a7.get(i).powerOff();
        a7.get(0).bootLinux(entry, dtbAt);
    }

    /** The last zImage unpacked on the host (a reboot unpacks the same file again), with its bytes as key. */
    private static byte[] unpackedFrom, unpackedImage;

    /** The zImage's kernel unpacked on the host, or null to run the decompressor. */
    private static synchronized byte[] unpacked(byte[] zimage, ZImage z) {
        if (!java.util.Arrays.equals(zimage, unpackedFrom)) {
            unpackedImage = z.unpack();
            unpackedFrom = zimage;
        }
        return unpackedImage;
    }

    /** Keeps {@code smp} cpu nodes and, with PSCI, points them at it. */
    private static void fixCpus(Fdt fdt, int smp, boolean psci) {
        FdtNode cpus = fdt.node("/cpus");
        if (cpus == null) return;
        int kept = 0;
        for (FdtNode c : new ArrayList<>(cpus.children())) {
            if (!c.has("device_type") || !"cpu".equals(c.string("device_type"))) continue;
            if (kept++ >= smp) {
                c.remove();
                continue;
            }
            if (psci) c.setString("enable-method", "psci");
        }
        if (psci) LinuxBoot.addPsci(fdt, "smc");
    }

    /** Once per machine: timers to the GIC's PPIs, PSCI, the SRC's core release (SEV is the core type's). */
    private static void wire(Machine m, List<CortexA7> a7) {
        IrqSink gic = m.component("gic", IrqSink.class);
        Psci psci = new Psci(m, a7);
        for (CortexA7 c : a7) {
            // Linux on a non-hyp ARMv7 core uses the virtual timer (PPI 11, ID 27); the physical
            // timer is wired to the secure (ID 29) and non-secure (ID 30) PPIs.
            c.timer().virtualIrq().connectTo(gic.input("ppi:" + c.id() + ":11"));
            c.timer().physicalIrq().connectTo(gic.input("ppi:" + c.id() + ":13"));
            c.timer().physicalIrq().connectTo(gic.input("ppi:" + c.id() + ":14"));
            c.setSmcHandler(psci);
        }
        Src src = m.component("src", Src.class);
        src.setCoreControl(new Src.CoreControl() {
            @Override
            public void a7CoreEnabled(int index, long entry, long arg) {
                if (index < a7.size() && !a7.get(index).isRunnable()) a7.get(index).powerOn(entry, arg);
            }
        });
    }
}
