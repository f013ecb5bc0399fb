package org.socemu.core.machine;

import java.util.Set;
import java.util.function.LongUnaryOperator;
import org.socemu.core.UserError;
import org.socemu.core.cpu.Cpu;
import org.socemu.core.load.ElfFile;
import org.socemu.core.mem.BusView;

/**
 * Boot protocol "elf": loads the bare-metal ELF given with --kernel into the first core's view by
 * its program headers and starts that core at the ELF's entry. The machine's "props" may set
 * "elf-addresses" to "mips-kseg" (segments at kseg0/kseg1 addresses go to physical memory), and
 * "elf-machine" to the e_machine the cores execute (checked, with the machine's byte order).
 */
public final class ElfBoot implements BootProtocol {
    @Override
    public String name() {
        return "elf";
    }

    @Override
    public Set<String> options() {
        return Set.of("kernel", "mem");
    }

    @Override
    public void boot(Machine m, BootImages images) {
        if (images.kernel == null) throw new UserError("machine " + m.name() + " needs --kernel ELF");
        ElfFile elf = ElfFile.read(images.kernel);
        int em = Integer.parseInt(m.description().prop("elf-machine", "0"));
        if (em != 0) elf.requireMachine(em, m.endian(), m.name());
        else if (elf.endian() != m.endian())
            throw new UserError(images.kernel + ": ELF is " + elf.endian().name().toLowerCase() + "-endian but machine "
                    + m.name() + " is " + m.endian().name().toLowerCase() + "-endian");
        LongUnaryOperator tr = "mips-kseg".equals(m.description().prop("elf-addresses", ""))
                ? ElfFile.MIPS_KSEG_TO_PHYSICAL : LongUnaryOperator.identity();
        Cpu boot = m.cpus().get(0);
        BusView view = m.view(m.description().cores.get(0).view);
        elf.load(view, tr);
        boot.setPc(elf.entry());
    }
}
