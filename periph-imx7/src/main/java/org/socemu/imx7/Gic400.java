package org.socemu.imx7;

import java.util.List;
import java.util.function.IntSupplier;
import org.socemu.core.dev.Device;
import org.socemu.core.dev.MmioDevice;
import org.socemu.core.irq.IrqLine;
import org.socemu.core.irq.IrqSink;
import org.socemu.core.machine.DeviceContext;
import org.socemu.core.machine.DeviceType;

/**
 * ARM GIC-400 (GICv2 architecture specification; GIC-400 TRM), as the i.MX7D's A7 cluster has it
 * at 0x31000000: distributor at +0x1000, CPU interface at +0x2000 (GICC_DIR at +0x3000). 128 SPIs
 * (interrupt IDs 32..159), 16 PPIs and 16 SGIs per CPU, 32 priority levels.
 *
 * <p>Inputs: "N" is SPI N (the i.MX interrupt number of the device tree, GIC ID 32+N);
 * "ppi:C:N" is PPI N (0..15, GIC ID 16+N) of CPU C (an index or a core id). Outputs: each CPU's
 * "irq" pin, and its "fiq" pin if the core has one. Banked registers and the CPU interface answer
 * the core that is executing.
 *
 * <p>Security Extensions are not modelled: there is one register view for all accesses.
 * GICC_CTLR bit 0 or 1 enables the CPU interface; with FIQEn (bit 3) set, a Group 0 interrupt
 * (IGROUPR bit 0) is signalled on FIQ, otherwise everything is IRQ. Bit 9 (EOImode) splits
 * priority drop (EOIR) from deactivation (DIR), as Linux uses it when entered in HYP mode.
 */
public final class Gic400 extends MmioDevice implements IrqSink {
    static final int SPIS = 128;
    static final int IDS = 32 + SPIS;
    static final int WORDS = IDS / 32;
    static final int SPURIOUS = 1023;
    /** 32 priority levels: the low three bits of every priority field are RAZ/WI. */
    static final int PRIO_MASK = 0xF8;
    static final int GICD = 0x1000;
    static final int GICC = 0x2000;
    /** GICD_IIDR and GICC_IIDR of a GIC-400 r0p1 (ARM, product 0x020/0x202, variant 0, revision 1). */
    static final int GICD_IIDR_VALUE = 0x0200143B;
    static final int GICC_IIDR_VALUE = 0x0202143B;
    static final int CTLR_FIQEN = 1 << 3;
    static final int CTLR_EOIMODE = 1 << 9;

    private final int ncpu;
    private final IrqLine[] irqOut;
    private final IrqLine[] fiqOut;
    private final IntSupplier current;
    private final IrqLine[] spiIn = new IrqLine[SPIS];
    private final IrqLine[][] ppiIn;
    private List<String> cpuIds = List.of();

    // Distributor state. Word 0 (IDs 0..31) is banked per CPU, words 1..4 are shared.
    private int dctlr;
    private final BankedBits group, enabled, latched, active, level, edge;
    private final byte[] priority;
    private final byte[] spiTargets = new byte[SPIS];
    /** Per CPU, the CPU-mask of SPIs that target it (kept in step with spiTargets). */
    private final int[][] targetsMe;
    /** Per target CPU and SGI ID, the set of source CPUs with that SGI pending. */
    private final int[][] sgiSources;

    // CPU interface state, per CPU.
    private final int[] cctlr, pmr, bpr, abpr;
    /** Active interrupts whose priority has not been dropped yet (the active priorities). */
    private final int[][] dropId, dropPrio;
    private final int[] dropDepth;

    public Gic400(String name, int ncpu, IrqLine[] irqOut, IntSupplier current) {
        this(name, ncpu, irqOut, new IrqLine[ncpu], current);
    }

    /** @param fiqOut each CPU's FIQ pin; null entries for cores without one */
    public Gic400(String name, int ncpu, IrqLine[] irqOut, IrqLine[] fiqOut, IntSupplier current) {
        super(name, 0x8000);
        if (ncpu < 1 || ncpu > 8) throw new IllegalArgumentException("GIC-400 supports 1..8 CPUs");
        this.ncpu = ncpu;
        this.irqOut = irqOut;
        this.fiqOut = fiqOut;
        this.current = current;
        group = new BankedBits(ncpu);
        enabled = new BankedBits(ncpu);
        latched = new BankedBits(ncpu);
        active = new BankedBits(ncpu);
        level = new BankedBits(ncpu);
        edge = new BankedBits(ncpu);
        priority = new byte[ncpu * 32 + SPIS];
        targetsMe = new int[ncpu][WORDS - 1];
        sgiSources = new int[ncpu][16];
        cctlr = new int[ncpu];
        pmr = new int[ncpu];
        bpr = new int[ncpu];
        abpr = new int[ncpu];
        dropId = new int[ncpu][IDS];
        dropPrio = new int[ncpu][IDS];
        dropDepth = new int[ncpu];
        for (int n = 0; n < SPIS; n++) {
            int id = 32 + n;
            spiIn[n] = new IrqLine(name + ".spi" + n, high -> lineChanged(0, id, high));
        }
        ppiIn = new IrqLine[ncpu][16];
        for (int c = 0; c < ncpu; c++)
            for (int n = 0; n < 16; n++) {
                int cpu = c, id = 16 + n;
                ppiIn[c][n] = new IrqLine(name + ".ppi" + c + "." + n, high -> lineChanged(cpu, id, high));
            }
        declareDistributor();
        declareCpuInterface();
        resetState();
    }

    // ---------------------------------------------------------------- register map

    private void declareDistributor() {
        regs.word(GICD + 0x000, "GICD_CTLR").onRead(() -> dctlr).onWriteRaw(v -> { dctlr = v & 3; updateAll(); });
        regs.word(GICD + 0x004, "GICD_TYPER").readOnly()
                .reset(0x1F << 11 | 1 << 10 | (ncpu - 1) << 5 | (WORDS - 1));
        regs.word(GICD + 0x008, "GICD_IIDR").readOnly().reset(GICD_IIDR_VALUE);
        for (int w = 0; w < WORDS; w++) {
            int word = w;
            regs.word(GICD + 0x080 + 4 * w, "GICD_IGROUPR" + w)
                    .onRead(() -> group.get(cpu(), word)).onWriteRaw(v -> group.set(cpu(), word, v));
            regs.word(GICD + 0x100 + 4 * w, "GICD_ISENABLER" + w)
                    .onRead(() -> enabled.get(cpu(), word)).onWriteRaw(v -> changeBits(enabled, word, v, true));
            regs.word(GICD + 0x180 + 4 * w, "GICD_ICENABLER" + w)
                    .onRead(() -> enabled.get(cpu(), word)).onWriteRaw(v -> changeBits(enabled, word, v, false));
            regs.word(GICD + 0x200 + 4 * w, "GICD_ISPENDR" + w)
                    .onRead(() -> pending(cpu(), word)).onWriteRaw(v -> changeBits(latched, word, sgiProof(word, v), true));
            regs.word(GICD + 0x280 + 4 * w, "GICD_ICPENDR" + w)
                    .onRead(() -> pending(cpu(), word)).onWriteRaw(v -> changeBits(latched, word, sgiProof(word, v), false));
            regs.word(GICD + 0x300 + 4 * w, "GICD_ISACTIVER" + w)
                    .onRead(() -> active.get(cpu(), word)).onWriteRaw(v -> changeBits(active, word, v, true));
            regs.word(GICD + 0x380 + 4 * w, "GICD_ICACTIVER" + w)
                    .onRead(() -> active.get(cpu(), word)).onWriteRaw(v -> changeBits(active, word, v, false));
        }
        for (int i = 0; i < IDS / 4; i++) {
            int first = 4 * i;
            regs.word(GICD + 0x400 + 4 * i, "GICD_IPRIORITYR" + i)
                    .onRead(() -> priorities(cpu(), first)).onWriteRaw(v -> setPriorities(cpu(), first, v));
            regs.word(GICD + 0x800 + 4 * i, "GICD_ITARGETSR" + i)
                    .onRead(() -> targets(cpu(), first)).onWriteRaw(v -> setTargets(first, v));
        }
        for (int i = 0; i < IDS / 16; i++) {
            int first = 16 * i;
            regs.word(GICD + 0xC00 + 4 * i, "GICD_ICFGR" + i)
                    .onRead(() -> config(cpu(), first)).onWriteRaw(v -> setConfig(cpu(), first, v));
        }
        regs.word(GICD + 0xF00, "GICD_SGIR").onWriteRaw(this::sgir);
        for (int i = 0; i < 4; i++) {
            int first = 4 * i;
            regs.word(GICD + 0xF10 + 4 * i, "GICD_CPENDSGIR" + i)
                    .onRead(() -> sgiPendingBytes(cpu(), first)).onWriteRaw(v -> changeSgiPending(cpu(), first, v, false));
            regs.word(GICD + 0xF20 + 4 * i, "GICD_SPENDSGIR" + i)
                    .onRead(() -> sgiPendingBytes(cpu(), first)).onWriteRaw(v -> changeSgiPending(cpu(), first, v, true));
        }
        // Peripheral and component identification (GIC-400 TRM: PIDR2 ArchRev = 2).
        int[] pidr = {0x04, 0, 0, 0, 0x90, 0xB4, 0x2B, 0x00};
        for (int i = 0; i < 8; i++) regs.word(GICD + 0xFD0 + 4 * i, "GICD_PIDR" + ((i + 4) % 8)).readOnly().reset(pidr[i]);
        int[] cidr = {0x0D, 0xF0, 0x05, 0xB1};
        for (int i = 0; i < 4; i++) regs.word(GICD + 0xFF0 + 4 * i, "GICD_CIDR" + i).readOnly().reset(cidr[i]);
    }

    private void declareCpuInterface() {
        regs.word(GICC + 0x00, "GICC_CTLR").onRead(() -> cctlr[cpu()]).onWriteRaw(v -> {
            int c = cpu();
            cctlr[c] = v & (CTLR_EOIMODE | 0x1F | 1 << 10);
            update(c);
        });
        regs.word(GICC + 0x04, "GICC_PMR").onRead(() -> pmr[cpu()]).onWriteRaw(v -> {
            int c = cpu();
            pmr[c] = v & PRIO_MASK;
            update(c);
        });
        regs.word(GICC + 0x08, "GICC_BPR").onRead(() -> bpr[cpu()]).onWriteRaw(v -> {
            int c = cpu();
            bpr[c] = Math.max(2, v & 7); // 5 priority bits: binary point 2 is the minimum
            update(c);
        });
        regs.word(GICC + 0x0C, "GICC_IAR").onRead(() -> acknowledge(cpu())).readOnly();
        regs.word(GICC + 0x10, "GICC_EOIR").onWriteRaw(v -> endOfInterrupt(cpu(), v));
        regs.word(GICC + 0x14, "GICC_RPR").onRead(() -> runningPriority(cpu()) & 0xFF).readOnly();
        regs.word(GICC + 0x18, "GICC_HPPIR").onRead(() -> highestPending(cpu())).readOnly();
        regs.word(GICC + 0x1C, "GICC_ABPR").onRead(() -> abpr[cpu()]).onWriteRaw(v -> abpr[cpu()] = Math.max(3, v & 7));
        regs.word(GICC + 0xD0, "GICC_APR0").onRead(() -> activePriorities(cpu())).onWriteRaw(v -> {
            // Software writes zero (Linux at CPU init) to forget active priorities.
            if (v == 0) {
                int c = cpu();
                dropDepth[c] = 0;
                update(c);
            }
        });
        for (int i = 1; i < 4; i++) regs.word(GICC + 0xD0 + 4 * i, "GICC_APR" + i); // one register holds 32 levels
        for (int i = 0; i < 4; i++) regs.word(GICC + 0xE0 + 4 * i, "GICC_NSAPR" + i);
        regs.word(GICC + 0xFC, "GICC_IIDR").readOnly().reset(GICC_IIDR_VALUE);
        regs.word(GICC + 0x1000, "GICC_DIR").onWriteRaw(v -> deactivate(cpu(), v & 0x3FF));
    }

    @Override
    public void write(long offset, int size, int value) {
        int off = (int) offset;
        if (size < 4 && isByteRegister(off)) {
            int base = off & ~3;
            int shift = 8 * (off & 3);
            int mask = ((1 << (8 * size)) - 1) << shift;
            // Priority and target bytes are read-modify-write; SGI pending bytes are set/clear masks.
            int keep = isSgiPendingRegister(off) ? 0 : read(base, 4) & ~mask;
            super.write(base, 4, keep | ((value << shift) & mask));
            return;
        }
        super.write(offset, size, value);
    }

    private static boolean isByteRegister(int off) {
        return (off >= GICD + 0x400 && off < GICD + 0x400 + IDS) || (off >= GICD + 0x800 && off < GICD + 0x800 + IDS)
                || isSgiPendingRegister(off);
    }

    private static boolean isSgiPendingRegister(int off) {
        return off >= GICD + 0xF10 && off < GICD + 0xF30;
    }

    @Override
    protected boolean peekSafe(org.socemu.core.dev.Register r) {
        return r.offset() != GICC + 0x0C; // only reading IAR has side effects
    }

    // ---------------------------------------------------------------- inputs

    @Override
    public IrqLine input(String pin) {
        if (pin.startsWith("ppi:")) {
            String[] p = pin.split(":");
            if (p.length != 3) throw new IllegalArgumentException("PPI inputs are ppi:CPU:N");
            int c = cpuNumber(p[1]);
            int n = parse(p[2], 16, pin);
            return ppiIn[c][n];
        }
        return spiIn[parse(pin, SPIS, pin)];
    }

    /** Core ids in CPU interface order, so that PPI inputs can name the core ("ppi:a7.1:14"). */
    void setCpuIds(List<String> ids) {
        this.cpuIds = ids;
    }

    private int cpuNumber(String s) {
        int i = cpuIds.indexOf(s);
        return i >= 0 ? i : parse(s, ncpu, "ppi CPU " + s);
    }

    private static int parse(String s, int limit, String what) {
        int n;
        try {
            n = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("no input " + what);
        }
        if (n < 0 || n >= limit) throw new IllegalArgumentException("no input " + what + " (0.." + (limit - 1) + ")");
        return n;
    }

    private void lineChanged(int cpu, int id, boolean high) {
        int w = id >>> 5, bit = 1 << (id & 31);
        level.set(cpu, w, high ? level.get(cpu, w) | bit : level.get(cpu, w) & ~bit);
        // An edge-triggered interrupt latches its rising edge; a level one follows the line.
        if (high && (edge.get(cpu, w) & bit) != 0) latched.set(cpu, w, latched.get(cpu, w) | bit);
        if (w == 0) update(cpu);
        else updateAll();
    }

    // ---------------------------------------------------------------- distributor behaviour

    private int cpu() {
        int c = current.getAsInt();
        return c < ncpu ? c : 0;
    }

    /** SGIs are made pending through GICD_SGIR and GICD_SPENDSGIR only. */
    private static int sgiProof(int word, int v) {
        return word == 0 ? v & 0xFFFF0000 : v;
    }

    private void changeBits(BankedBits bits, int word, int v, boolean set) {
        int c = cpu();
        int old = bits.get(c, word);
        bits.set(c, word, set ? old | v : old & ~v);
        if (word == 0) update(c);
        else updateAll();
    }

    int pending(int cpu, int w) {
        int p = latched.get(cpu, w) | (level.get(cpu, w) & ~edge.get(cpu, w));
        if (w == 0) {
            p &= 0xFFFF0000;
            for (int id = 0; id < 16; id++) if (sgiSources[cpu][id] != 0) p |= 1 << id;
        }
        return p;
    }

    private int slot(int cpu, int id) {
        return id < 32 ? cpu * 32 + id : ncpu * 32 + id - 32;
    }

    private int prio(int cpu, int id) {
        return priority[slot(cpu, id)] & 0xFF;
    }

    private int priorities(int cpu, int first) {
        int v = 0;
        for (int i = 0; i < 4; i++) v |= prio(cpu, first + i) << (8 * i);
        return v;
    }

    private void setPriorities(int cpu, int first, int v) {
        for (int i = 0; i < 4; i++) priority[slot(cpu, first + i)] = (byte) ((v >>> (8 * i)) & PRIO_MASK);
        if (first < 32) update(cpu);
        else updateAll();
    }

    /** ITARGETSR0..7 are read-only and read as the accessing CPU's own bit in every byte. */
    private int targets(int cpu, int first) {
        if (first < 32) return 0x01010101 * (1 << cpu);
        int v = 0;
        for (int i = 0; i < 4; i++) v |= (spiTargets[first - 32 + i] & 0xFF) << (8 * i);
        return v;
    }

    private void setTargets(int first, int v) {
        if (first < 32) return;
        int cpuMask = (1 << ncpu) - 1;
        for (int i = 0; i < 4; i++) {
            int n = first - 32 + i;
            int t = (v >>> (8 * i)) & cpuMask;
            spiTargets[n] = (byte) t;
            int w = n >>> 5, bit = 1 << (n & 31);
            for (int c = 0; c < ncpu; c++)
                targetsMe[c][w] = (t & (1 << c)) != 0 ? targetsMe[c][w] | bit : targetsMe[c][w] & ~bit;
        }
        updateAll();
    }

    /** ICFGR: bit 2k+1 set = edge-triggered. SGIs are always edge (ICFGR0 reads 0xAAAAAAAA). */
    private int config(int cpu, int first) {
        if (first == 0) return 0xAAAAAAAA;
        int e = edge.get(cpu, first >>> 5) >>> (first & 31);
        int v = 0;
        for (int k = 0; k < 16; k++) if ((e & (1 << k)) != 0) v |= 2 << (2 * k);
        return v;
    }

    private void setConfig(int cpu, int first, int v) {
        if (first == 0) return;
        int w = first >>> 5;
        int e = edge.get(cpu, w);
        for (int k = 0; k < 16; k++) {
            int bit = 1 << ((first & 31) + k);
            e = (v & (2 << (2 * k))) != 0 ? e | bit : e & ~bit;
        }
        if (first < 32) edge.set(cpu, w, e);
        else edge.set(0, w, e);
        if (first < 32) update(cpu);
        else updateAll();
    }

    /** GICD_SGIR: [25:24] target list filter, [23:16] CPU target list, [3:0] SGI ID. */
    private void sgir(int v) {
        int src = cpu();
        int id = v & 0xF;
        int filter = (v >>> 24) & 3;
        int targetsList = switch (filter) {
            case 0 -> (v >>> 16) & 0xFF;
            case 1 -> ~(1 << src) & 0xFF;
            case 2 -> 1 << src;
            default -> 0; // reserved
        };
        for (int c = 0; c < ncpu; c++)
            if ((targetsList & (1 << c)) != 0) {
                sgiSources[c][id] |= 1 << src;
                update(c);
            }
    }

    private int sgiPendingBytes(int cpu, int first) {
        int v = 0;
        for (int i = 0; i < 4; i++) v |= (sgiSources[cpu][first + i] & 0xFF) << (8 * i);
        return v;
    }

    private void changeSgiPending(int cpu, int first, int v, boolean set) {
        for (int i = 0; i < 4; i++) {
            int b = (v >>> (8 * i)) & ((1 << ncpu) - 1);
            sgiSources[cpu][first + i] = set ? sgiSources[cpu][first + i] | b : sgiSources[cpu][first + i] & ~b;
        }
        update(cpu);
    }

    // ---------------------------------------------------------------- CPU interface behaviour

    private boolean forwarding(int cpu) {
        return dctlr != 0 && (cctlr[cpu] & 3) != 0;
    }

    private int groupPriority(int cpu, int p) {
        return p & (0xFF << (bpr[cpu] + 1)) & 0xFF;
    }

    /** Priority of the highest-priority active interrupt not yet dropped; 0x100 when idle. */
    private int runningPriority(int cpu) {
        int r = 0x100;
        for (int i = 0; i < dropDepth[cpu]; i++) r = Math.min(r, dropPrio[cpu][i]);
        return r == 0x100 ? 0xFF | 0x100 : r;
    }

    private int activePriorities(int cpu) {
        int v = 0;
        for (int i = 0; i < dropDepth[cpu]; i++) v |= 1 << (dropPrio[cpu][i] >>> 3);
        return v;
    }

    /**
     * The highest-priority pending, enabled, inactive interrupt for {@code cpu} (lowest ID wins a
     * tie), or SPURIOUS. With {@code masked}, only one that may be signalled now: above the
     * priority mask and preempting the running priority.
     */
    private int best(int cpu, boolean masked) {
        int bestId = SPURIOUS, bestPrio = 0x100;
        for (int w = 0; w < WORDS; w++) {
            int cand = pending(cpu, w) & enabled.get(cpu, w) & ~active.get(cpu, w);
            if (w > 0) cand &= targetsMe[cpu][w - 1];
            while (cand != 0) {
                int b = Integer.numberOfTrailingZeros(cand);
                cand &= cand - 1;
                int id = 32 * w + b;
                int p = prio(cpu, id);
                if (p < bestPrio) {
                    bestPrio = p;
                    bestId = id;
                }
            }
        }
        if (bestId == SPURIOUS || !masked) return bestId;
        int running = runningPriority(cpu);
        boolean preempts = running > 0xFF || groupPriority(cpu, bestPrio) < groupPriority(cpu, running);
        return bestPrio < pmr[cpu] && preempts ? bestId : SPURIOUS;
    }

    private int withSource(int cpu, int id) {
        if (id >= 16) return id;
        return id | Integer.numberOfTrailingZeros(sgiSources[cpu][id]) << 10;
    }

    private int highestPending(int cpu) {
        int id = best(cpu, false);
        return id == SPURIOUS ? SPURIOUS : withSource(cpu, id);
    }

    /** GICC_IAR read: the interrupt becomes active (and stops being pending if edge or SGI). */
    private int acknowledge(int cpu) {
        if (!forwarding(cpu)) return SPURIOUS;
        int id = best(cpu, true);
        if (id == SPURIOUS) return SPURIOUS;
        int value = withSource(cpu, id);
        int w = id >>> 5, bit = 1 << (id & 31);
        if (id < 16) sgiSources[cpu][id] &= ~(1 << (value >>> 10));
        else latched.set(cpu, w, latched.get(cpu, w) & ~bit);
        active.set(cpu, w, active.get(cpu, w) | bit);
        int d = dropDepth[cpu];
        if (d < IDS) {
            dropId[cpu][d] = id;
            dropPrio[cpu][d] = prio(cpu, id);
            dropDepth[cpu] = d + 1;
        }
        if (w == 0) update(cpu);
        else updateAll();
        return value;
    }

    /** GICC_EOIR: priority drop, and deactivation too unless EOImode splits it off to GICC_DIR. */
    private void endOfInterrupt(int cpu, int v) {
        int id = v & 0x3FF;
        if (id >= IDS) return;
        for (int i = dropDepth[cpu] - 1; i >= 0; i--)
            if (dropId[cpu][i] == id) {
                System.arraycopy(dropId[cpu], i + 1, dropId[cpu], i, dropDepth[cpu] - i - 1);
                System.arraycopy(dropPrio[cpu], i + 1, dropPrio[cpu], i, dropDepth[cpu] - i - 1);
                dropDepth[cpu]--;
                break;
            }
        if ((cctlr[cpu] & CTLR_EOIMODE) == 0) deactivate(cpu, id);
        else update(cpu);
    }

    private void deactivate(int cpu, int id) {
        if (id >= IDS) return;
        int w = id >>> 5, bit = 1 << (id & 31);
        active.set(cpu, w, active.get(cpu, w) & ~bit);
        if (w == 0) update(cpu);
        else updateAll();
    }

    private void update(int cpu) {
        int id = forwarding(cpu) ? best(cpu, true) : SPURIOUS;
        boolean fiq = id != SPURIOUS && fiqOut[cpu] != null && (cctlr[cpu] & CTLR_FIQEN) != 0
                && (group.get(cpu, id >>> 5) & (1 << (id & 31))) == 0;
        irqOut[cpu].set(id != SPURIOUS && !fiq);
        if (fiqOut[cpu] != null) fiqOut[cpu].set(fiq);
    }

    private void updateAll() {
        for (int c = 0; c < ncpu; c++) update(c);
    }

    // ---------------------------------------------------------------- reset

    private void resetState() {
        dctlr = 0;
        for (BankedBits b : new BankedBits[] {group, enabled, latched, active}) b.clear();
        edge.clear();
        java.util.Arrays.fill(priority, (byte) 0);
        java.util.Arrays.fill(spiTargets, (byte) 0);
        for (int c = 0; c < ncpu; c++) {
            java.util.Arrays.fill(targetsMe[c], 0);
            java.util.Arrays.fill(sgiSources[c], 0);
            cctlr[c] = 0;
            pmr[c] = 0;
            bpr[c] = 2;
            abpr[c] = 3;
            dropDepth[c] = 0;
        }
    }

    @Override
    public void reset() {
        super.reset();
        resetState(); // input line levels are the devices' and stay as they are
        updateAll();
    }

    /** One bit per interrupt ID: word 0 banked per CPU, words 1.. shared by all CPUs. */
    static final class BankedBits {
        private final int ncpu;
        private final int[] bits;

        BankedBits(int ncpu) {
            this.ncpu = ncpu;
            this.bits = new int[ncpu + WORDS - 1];
        }

        int get(int cpu, int w) {
            return bits[w == 0 ? cpu : ncpu + w - 1];
        }

        void set(int cpu, int w, int v) {
            bits[w == 0 ? cpu : ncpu + w - 1] = v;
        }

        void clear() {
            java.util.Arrays.fill(bits, 0);
        }
    }

    /** "gic-400": props "cpus" (core ids in CPU interface order). */
    public static final class Type implements DeviceType {
        @Override public String type() { return "gic-400"; }

        @Override
        public Device create(DeviceContext ctx) {
            CoreIndex index = new CoreIndex(ctx);
            List<String> ids = index.ids();
            IrqLine[] outs = new IrqLine[ids.size()];
            IrqLine[] fiqs = new IrqLine[ids.size()];
            for (int i = 0; i < outs.length; i++) {
                Object core = ctx.component(ids.get(i));
                if (!(core instanceof IrqSink sink))
                    throw new org.socemu.core.UserError(ctx.name() + ": " + ids.get(i) + " takes no interrupts");
                outs[i] = new IrqLine(ctx.name() + ".irq" + i);
                outs[i].connectTo(sink.input("irq"));
                try {
                    IrqLine corePin = sink.input("fiq");
                    fiqs[i] = new IrqLine(ctx.name() + ".fiq" + i);
                    fiqs[i].connectTo(corePin);
                } catch (IllegalArgumentException noFiqPin) {
                    fiqs[i] = null; // the core type has no FIQ input: everything goes to IRQ
                }
            }
            Gic400 gic = new Gic400(ctx.name(), outs.length, outs, fiqs, index);
            gic.setCpuIds(ids);
            return gic;
        }
    }
}
