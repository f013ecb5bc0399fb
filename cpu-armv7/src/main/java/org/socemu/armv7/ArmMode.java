package org.socemu.armv7;

/** Processor modes (CPSR.M) and the register bank each one uses. */
public final class ArmMode {
    private ArmMode() {}

    public static final int USR = 0x10, FIQ = 0x11, IRQ = 0x12, SVC = 0x13, MON = 0x16, ABT = 0x17,
            HYP = 0x1a, UND = 0x1b, SYS = 0x1f;

    /** True for an encoding of M that names a mode the A7 implements. */
    public static boolean valid(int m) {
        switch (m) {
            case USR: case FIQ: case IRQ: case SVC: case MON: case ABT: case HYP: case UND: case SYS: return true;
            default: return false;
        }
    }

    /** SP/LR bank: System shares User's registers. */
    public static int bank(int m) {
        return m == SYS ? USR : m;
    }

    public static boolean hasSpsr(int m) {
        return m != USR && m != SYS;
    }

    public static String name(int m) {
        switch (m) {
            case USR: return "usr";
            case FIQ: return "fiq";
            case IRQ: return "irq";
            case SVC: return "svc";
            case MON: return "mon";
            case ABT: return "abt";
            case HYP: return "hyp";
            case UND: return "und";
            case SYS: return "sys";
            default: return String.format("m%02x", m);
        }
    }
}
