package org.socemu.imx7.boot;

import java.util.List;
import org.socemu.armv7.CortexA7;
import org.socemu.armv7.SmcHandler;
import org.socemu.core.machine.Machine;

/**
 * The machine's built-in PSCI 1.0 firmware, answering SMC calls (SMC Calling Convention, 32-bit
 * function IDs in r0, arguments in r1-r3, result in r0) as the firmware a bootloader would leave
 * behind does: VERSION, FEATURES, CPU_ON, CPU_OFF, AFFINITY_INFO, MIGRATE_INFO_TYPE, SYSTEM_OFF,
 * SYSTEM_RESET.
 */
final class Psci implements SmcHandler {
    static final int VERSION = 0x8400_0000, CPU_SUSPEND = 0x8400_0001, CPU_OFF = 0x8400_0002,
            CPU_ON = 0x8400_0003, AFFINITY_INFO = 0x8400_0004, MIGRATE_INFO_TYPE = 0x8400_0006,
            SYSTEM_OFF = 0x8400_0008, SYSTEM_RESET = 0x8400_0009, FEATURES = 0x8400_000A;
    static final int SUCCESS = 0, NOT_SUPPORTED = -1, INVALID_PARAMETERS = -2, ALREADY_ON = -4;
    /** PSCI 1.0: major 1, minor 0. */
    static final int PSCI_1_0 = 0x0001_0000;
    /** MIGRATE_INFO_TYPE: a trusted OS is not present. */
    static final int NO_TRUSTED_OS = 2;

    private final Machine machine;
    private final List<CortexA7> cores;

    Psci(Machine machine, List<CortexA7> cores) {
        this.machine = machine;
        this.cores = cores;
    }

    @Override
    public boolean smc(CortexA7 cpu) {
        int fn = (int) cpu.register(0);
        int result = switch (fn) {
            case VERSION -> PSCI_1_0;
            case FEATURES -> features((int) cpu.register(1));
            case CPU_ON -> cpuOn(cpu.register(1), cpu.register(2), cpu.register(3));
            case CPU_OFF -> {
                cpu.powerOff();
                yield SUCCESS;
            }
            case AFFINITY_INFO -> affinityInfo(cpu.register(1));
            case MIGRATE_INFO_TYPE -> NO_TRUSTED_OS;
            case SYSTEM_OFF -> {
                machine.powerOff("PSCI SYSTEM_OFF");
                yield SUCCESS;
            }
            case SYSTEM_RESET -> {
                machine.requestReset("PSCI SYSTEM_RESET");
                yield SUCCESS;
            }
            default -> NOT_SUPPORTED;
        };
        cpu.setRegister(0, result & 0xffffffffL);
        return true;
    }

    private static int features(int fn) {
        return switch (fn) {
            case VERSION, FEATURES, CPU_ON, CPU_OFF, AFFINITY_INFO, MIGRATE_INFO_TYPE, SYSTEM_OFF, SYSTEM_RESET -> SUCCESS;
            default -> NOT_SUPPORTED;
        };
    }

    private CortexA7 byMpidr(long mpidr) {
        for (CortexA7 c : cores) if (c.cpuIndex() == (int) (mpidr & 0xff) && ((mpidr >> 8) & 0xff) == 0) return c;
        return null;
    }

    private int cpuOn(long mpidr, long entry, long contextId) {
        CortexA7 target = byMpidr(mpidr);
        if (target == null) return INVALID_PARAMETERS;
        if (target.isRunnable()) return ALREADY_ON;
        target.powerOn(entry, contextId);
        return SUCCESS;
    }

    private int affinityInfo(long mpidr) {
        CortexA7 target = byMpidr(mpidr);
        if (target == null) return INVALID_PARAMETERS;
        return target.isRunnable() ? 0 : 1;
    }
}
