package org.socemu.mips;

import org.socemu.core.UserError;
import org.socemu.core.machine.Props;
import org.socemu.core.mem.Endian;

/**
 * The identification and configuration values a 24Kc reports (PRId, Config0-3, Config7, JTLB
 * size), with the defaults of a real 24Kc and overrides from the machine description's core props
 * ("prid", "config0".."config3", "config7", "tlb-entries", "bus-errors").
 */
public record MipsConfig(int prid, int config0, int config1, int config2, int config3, int config7,
                         int tlbEntries, boolean busErrors) {
    /** PRId of a "MIPS 24Kc V7.4": company 0x01 (MIPS), implementation 0x93 (24K). */
    public static final int PRID_24KC = 0x00019374;

    static final int CONFIG0_M = 1 << 31;
    static final int CONFIG0_BE = 1 << 15;
    static final int CONFIG1_FP = 1;
    static final int CONFIG1_CA = 1 << 2;
    static final int CONFIG3_VINT = 1 << 5;
    static final int CONFIG3_ULRI = 1 << 13;

    public static MipsConfig defaults(Endian endian) {
        return of(endian, 16);
    }

    static MipsConfig of(Endian endian, int tlbEntries) {
        // Config0: M, BE per bus, AT = 0 (MIPS32), AR = 1 (release 2), MT = 1 (standard TLB), K0 = 3 (cacheable).
        int c0 = CONFIG0_M | (endian == Endian.BIG ? CONFIG0_BE : 0) | (1 << 10) | (1 << 7) | 3;
        // Config1: M, MMUSize-1; I-cache 64 KiB (IS=3, IL=4: 32-byte lines, IA=3: 4-way);
        // D-cache 32 KiB (DS=2, DL=4, DA=3); no FPU, no MIPS16e, no perf counters, no watch regs.
        int c1 = (1 << 31) | ((tlbEntries - 1) << 25) | (3 << 22) | (4 << 19) | (3 << 16) | (2 << 13) | (4 << 10) | (3 << 7);
        int c2 = 1 << 31; // Config3 present, no L2
        int c3 = 0;       // no VInt/VEIC, no DSP, no SmartMIPS, no UserLocal
        int c7 = 1 << 31; // WII: WAIT wakes on a pending unmasked interrupt even with IE = 0
        return new MipsConfig(PRID_24KC, c0, c1, c2, c3, c7, tlbEntries, true);
    }

    /** Defaults overridden by the core's props. */
    public static MipsConfig from(Props p, Endian endian) {
        long entries = p.number("tlb-entries", 16);
        if (entries < 1 || entries > 64) throw new UserError("mips-24kc: tlb-entries must be 1..64, not " + entries);
        MipsConfig d = of(endian, (int) entries);
        MipsConfig c = new MipsConfig((int) p.number("prid", d.prid), (int) p.number("config0", d.config0),
                (int) p.number("config1", d.config1), (int) p.number("config2", d.config2),
                (int) p.number("config3", d.config3), (int) p.number("config7", d.config7), (int) entries,
                p.bool("bus-errors", true));
        boolean be = (c.config0 & CONFIG0_BE) != 0;
        if (be != (endian == Endian.BIG))
            throw new UserError("mips-24kc: config0.BE says " + (be ? "big" : "little") + "-endian but the bus is " + endian);
        return c;
    }
}
