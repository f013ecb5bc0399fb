package org.socemu.periph.ar9331;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socemu.core.Sizes;
import org.socemu.core.UserError;
import org.socemu.core.cpu.Cpu;
import org.socemu.core.load.AddressRange;
import org.socemu.core.load.ElfFile;
import org.socemu.core.load.ElfSection;
import org.socemu.core.load.ElfSymbol;
import org.socemu.core.load.Fdt;
import org.socemu.core.load.GuestMemory;
import org.socemu.core.load.LinuxBoot;
import org.socemu.core.machine.BootImages;
import org.socemu.core.machine.BootProtocol;
import org.socemu.core.machine.DefaultImages;
import org.socemu.core.machine.Machine;
import org.socemu.core.machine.MachineDescription;
import org.socemu.core.mem.BusView;
import org.socemu.mips.Mips24k;

/**
 * How an AR9331 board starts.
 *
 * <ul>
 * <li>{@code --kernel vmlinux} (or a bare-metal ELF of ours): firmware-less, the way barebox's
 * bootm hands over. Each PT_LOAD goes to physical {@code vaddr & 0x1FFFFFFF}, its bss zeroed; an
 * --initrd goes above the image, then the DTB (--dtb, or the board's default from the image cache)
 * with /chosen patched (bootargs from --append, linux,initrd-start/end). The core enters at e_entry
 * with the UHI convention: a0 = -2, a1 = the DTB's KSEG0 address, a2 = a3 = 0. A vmlinux with a
 * filled {@code .appended_dtb} (CONFIG_MIPS_ELF_APPENDED_DTB) uses that DTB in preference to a1,
 * so then no DTB is placed and --append/--initrd cannot be applied.</li>
 * <li>{@code --flash image}: from the reset vector: the core starts in its reset state at
 * 0xBFC00000, which shows flash offset 0. The flash device itself loads the file.</li>
 * </ul>
 */
public final class Ar9331Boot implements BootProtocol {
    private static final Logger log = LoggerFactory.getLogger(Ar9331Boot.class);

    static final long PHYS_MASK = 0x1FFFFFFFL;
    static final long KSEG0 = 0x80000000L;
    static final int UHI_MAGIC = -2;
    static final int REG_A0 = 4, REG_A1 = 5, REG_A2 = 6, REG_A3 = 7;
    /** Lowest address for what we place after the kernel: clear of its early allocations past _end. */
    static final long PLACE_MIN = 0x01000000L;
    static final long PLACE_ALIGN = 0x100000L;

    @Override public String name() { return "ar9331"; }

    @Override public Set<String> options() {
        return Set.of("kernel", "dtb", "initrd", "append", "flash", "flash-writable", "mem");
    }

    @Override
    public void defaults(MachineDescription desc, BootImages images) {
        boolean defaultKernel = images.kernel == null && images.flash == null;
        if (defaultKernel) {
            // no images named: the Linux the images/ scripts build from Debian's linux-source-6.1
            if (images.dtb != null || images.initrd != null)
                throw new UserError("--dtb and --initrd go with --kernel (an ELF) or are read from --flash");
            images.kernel = DefaultImages.get("ar9331-vmlinux");
        }
        if (images.flashWritable && images.flash == null) throw new UserError("--flash-writable needs --flash");
        MachineDescription.MemoryDesc ram = desc.mainMemory();
        if (images.mem != null && ram != null && images.mem != Sizes.parse(ram.size))
            throw new UserError("machine " + desc.name + " has " + ram.size + " of DRAM, mirrored up to 256 MiB "
                    + "(Linux sizes memory by that mirror): --mem can only repeat that size");
        if (images.kernel == null) {
            if (images.dtb != null || images.initrd != null || images.append != null)
                throw new UserError("--dtb, --initrd and --append go with --kernel; a --flash boot reads them from flash");
            return;
        }
        if (images.dtb != null || hasAppendedDtb(ElfFile.read(images.kernel))) return;
        String dtbName = desc.prop("dtb", null);
        if (dtbName == null) throw new UserError("machine " + desc.name + " has no default DTB: give --dtb");
        Path dflt = DefaultImages.cacheDir().resolve("ar9331").resolve(dtbName);
        images.dtb = Files.isRegularFile(dflt) ? dflt : DefaultImages.get(desc.name + "-dtb");
    }

    @Override
    public void boot(Machine machine, BootImages images) {
        Cpu cpu = machine.cpus().get(0);
        if (cpu instanceof Mips24k mips) {
            mips.setHaltHandler(() -> halted(machine));
            mips.setHaltAddress(-1);
        }
        if (images.kernel == null) {
            cpu.reset(); // the reset vector 0xBFC00000 shows the flash
            return;
        }
        BusView view = machine.view(machine.description().cores.get(0).view);
        ElfFile elf = ElfFile.read(images.kernel);
        elf.requireMachine(ElfFile.EM_MIPS, machine.endian(), machine.name());
        List<AddressRange> loaded = elf.load(view, ElfFile.AddressKind.VIRTUAL, a -> a & PHYS_MASK);
        // Linux on ath79 powers off (and halts) into ath79_halt: a WAIT loop with interrupts on.
        ElfSymbol halt = elf.symbols().get("ath79_halt");
        if (halt != null && cpu instanceof Mips24k mips) mips.setHaltAddress(halt.value());
        long next = PLACE_MIN;
        for (AddressRange r : loaded) next = Math.max(next, align(r.end()));

        long dtbAddr = 0;
        if (images.dtb != null) {
            Long initrdStart = null, initrdEnd = null;
            if (images.initrd != null) {
                byte[] rd = read(images.initrd, "initrd");
                AddressRange at = GuestMemory.copy(view, next, rd, 0, rd.length, images.initrd.toString(), "initrd");
                initrdStart = at.start();
                initrdEnd = at.end();
                next = align(at.end());
            }
            Fdt fdt = Fdt.read(images.dtb);
            LinuxBoot.patchChosen(fdt, images.append, initrdStart, initrdEnd, null);
            byte[] blob = fdt.toBytes();
            GuestMemory.copy(view, next, blob, 0, blob.length, images.dtb.toString(), "DTB");
            dtbAddr = KSEG0 | next;
        } else if (images.append != null || images.initrd != null) {
            log.warn("--append/--initrd not applied: {} boots with its appended DTB", images.kernel);
        }
        cpu.reset();
        cpu.setRegister(REG_A0, UHI_MAGIC);
        cpu.setRegister(REG_A1, dtbAddr);
        cpu.setRegister(REG_A2, 0);
        cpu.setRegister(REG_A3, 0);
        cpu.setPc(elf.entry());
    }

    /**
     * The CPU halted: WAIT with every interrupt masked (Linux's machine_hang), or the kernel reached
     * ath79_halt, where Linux's poweroff and halt end on this SoC without a power switch. The run
     * ends as a power-off, unless the watchdog is armed: its expiry would still reset the chip.
     */
    private static void halted(Machine machine) {
        for (Object d : machine.devices()) if (d instanceof Watchdog w && w.armed()) return;
        machine.powerOff("the CPU halted with every interrupt masked (the AR9331 has no power switch)");
    }

    private static long align(long addr) {
        return (addr + PLACE_ALIGN - 1) & -PLACE_ALIGN;
    }

    /** Whether the ELF carries a filled .appended_dtb section (CONFIG_MIPS_ELF_APPENDED_DTB). */
    static boolean hasAppendedDtb(ElfFile elf) {
        ElfSection s = elf.section(".appended_dtb");
        return s != null && s.hasFileData() && Fdt.isFdt(elf.sectionData(s));
    }

    private static byte[] read(Path p, String what) {
        if (!Files.isRegularFile(p)) throw new UserError(what + " not found: " + p);
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UserError("cannot read " + what + " " + p + ": " + e.getMessage());
        }
    }
}
