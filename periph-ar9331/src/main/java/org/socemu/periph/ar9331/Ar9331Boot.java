package org.socemu.periph.ar9331;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socemu.core.UserError;
import org.socemu.core.cpu.Cpu;
import org.socemu.core.machine.BootImages;
import org.socemu.core.machine.BootProtocol;
import org.socemu.core.machine.Machine;
import org.socemu.core.machine.MachineDescription;

/**
 * How an AR9331 board starts.
 *
 * <ul>
 * <li>{@code --kernel vmlinux} (or a bare-metal ELF): firmware-less, the way barebox's bootm hands
 * over. Each PT_LOAD goes to physical {@code vaddr & 0x1FFFFFFF}, its bss zeroed; the DTB (--dtb,
 * or the board's default from the image cache) goes above the image; the core enters at e_entry
 * with the UHI convention a0 = -2, a1 = the DTB's KSEG0 address, a2 = a3 = 0. A vmlinux with a
 * filled {@code .appended_dtb} (CONFIG_MIPS_ELF_APPENDED_DTB) uses its own DTB in preference to a1;
 * then no default DTB is needed.</li>
 * <li>{@code --flash image}: from the reset vector: the core starts in its reset state at
 * 0xBFC00000, which shows flash offset 0. The flash device loads the file.</li>
 * </ul>
 */
public final class Ar9331Boot implements BootProtocol {
    private static final Logger log = LoggerFactory.getLogger(Ar9331Boot.class);

    static final long PHYS_MASK = 0x1FFFFFFFL;
    static final long KSEG0 = 0x80000000L;
    static final int UHI_MAGIC = -2;
    static final int REG_A0 = 4, REG_A1 = 5, REG_A2 = 6, REG_A3 = 7;
    /** Lowest DTB address: clear of the kernel's early allocations right after _end. */
    static final long DTB_MIN = 0x01000000L;
    static final long DTB_ALIGN = 0x100000L;
    static final int FDT_MAGIC = 0xD00DFEED;

    @Override public String name() { return "ar9331"; }

    @Override public Set<String> options() {
        return Set.of("kernel", "dtb", "append", "flash", "flash-writable");
    }

    @Override
    public void defaults(MachineDescription desc, BootImages images) {
        if (images.kernel == null && images.flash == null)
            throw new UserError("machine " + desc.name + " needs --kernel (an ELF) or --flash (a SPI flash image)");
        if (images.flashWritable && images.flash == null) throw new UserError("--flash-writable needs --flash");
        if (images.kernel == null || images.dtb != null) return;
        if (hasAppendedDtb(elf(images.kernel))) return;
        String dtbName = desc.prop("dtb", null);
        if (dtbName == null) throw new UserError("machine " + desc.name + " has no default DTB: give --dtb");
        Path dflt = imageCache().resolve(dtbName);
        if (!Files.isRegularFile(dflt))
            throw new UserError("no --dtb given and the default " + dflt + " is missing (build it with images/ar9331/build-linux.sh)");
        images.dtb = dflt;
    }

    @Override
    public void boot(Machine machine, BootImages images) {
        Cpu cpu = machine.cpus().get(0);
        if (images.kernel == null) {
            cpu.reset(); // the reset vector 0xBFC00000 shows the flash
            return;
        }
        TemporaryElfReader elf = elf(images.kernel);
        long end = 0;
        for (TemporaryElfReader.Segment s : elf.segments) {
            long phys = s.vaddr() & PHYS_MASK;
            machine.systemView().load(phys, s.data());
            if (s.memsz() > s.data().length)
                machine.systemView().load(phys + s.data().length, new byte[(int) (s.memsz() - s.data().length)]);
            end = Math.max(end, phys + s.memsz());
        }
        long dtbAddr = 0;
        if (images.dtb != null) {
            byte[] dtb = withBootargs(read(images.dtb, "DTB"), images.append);
            dtbAddr = Math.max(DTB_MIN, (end + DTB_ALIGN - 1) & -DTB_ALIGN);
            machine.systemView().load(dtbAddr, dtb);
        } else if (images.append != null) {
            log.warn("--append ignored: the kernel uses its appended DTB");
        }
        cpu.reset();
        cpu.setRegister(REG_A0, UHI_MAGIC);
        cpu.setRegister(REG_A1, dtbAddr == 0 ? 0 : KSEG0 | dtbAddr);
        cpu.setRegister(REG_A2, 0);
        cpu.setRegister(REG_A3, 0);
        cpu.setPc(elf.entry);
    }

    /**
     * The DTB with /chosen/bootargs = {@code append}. Until emu-core's FDT writer lands the DTB is
     * passed through unchanged and --append only gives a warning (the kernel still appends its
     * built-in console=ttyATH0,115200).
     */
    static byte[] withBootargs(byte[] dtb, String append) {
        if (dtb.length < 40 || readBe32(dtb, 0) != FDT_MAGIC) throw new UserError("the DTB is not a flattened device tree");
        if (append != null) log.warn("--append is not applied yet (no FDT writer in emu-core): DTB passed unchanged");
        return dtb;
    }

    /** Whether the ELF carries a filled .appended_dtb section (CONFIG_MIPS_ELF_APPENDED_DTB). */
    static boolean hasAppendedDtb(TemporaryElfReader elf) {
        byte[] sec = elf.section(".appended_dtb");
        return sec != null && sec.length >= 4 && readBe32(sec, 0) == FDT_MAGIC;
    }

    private static TemporaryElfReader elf(Path p) {
        return new TemporaryElfReader(read(p, "kernel"), p.toString());
    }

    private static int readBe32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static byte[] read(Path p, String what) {
        if (!Files.isRegularFile(p)) throw new UserError(what + " not found: " + p);
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UserError("cannot read " + what + " " + p + ": " + e.getMessage());
        }
    }

    /** Where images/ar9331/build-linux.sh leaves its output. */
    static Path imageCache() {
        String env = System.getenv("SOCEMU_IMAGES");
        Path base = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "socemu", "images");
        return base.resolve("ar9331");
    }
}
