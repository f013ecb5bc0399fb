package org.socemu.armv7;

import org.socemu.core.irq.IrqLine;
import org.socemu.core.time.Clock;
import org.socemu.core.time.Event;
import org.socemu.core.time.Frequency;

/**
 * The ARMv7 Generic Timer of one core (ARM ARM B8): the system count comes from virtual time at
 * the counter frequency (props "cntfrq"); the physical and virtual timers compare it with their
 * CVAL and drive output lines that the board wires to its GIC as PPIs (Linux on 32-bit ARM booted
 * in SVC mode uses the virtual timer, PPI 27; the physical one is PPI 30 non-secure, 29 secure).
 */
public final class GenericTimer {
    static final int CTL_ENABLE = 1, CTL_IMASK = 2, CTL_ISTATUS = 4;

    /** One comparator: physical or virtual. */
    final class Comparator {
        final IrqLine out;
        final Event event;
        final boolean virtual;
        int ctl;
        long cval;

        Comparator(String name, boolean virtual) {
            this.virtual = virtual;
            this.out = new IrqLine(name);
            this.event = Event.of(name, now -> update());
        }

        long count() {
            return virtual ? physicalCount() - cntvoff : physicalCount();
        }

        boolean istatus() {
            return Long.compareUnsigned(count(), cval) >= 0;
        }

        int ctl() {
            return (ctl & 3) | ((ctl & CTL_ENABLE) != 0 && istatus() ? CTL_ISTATUS : 0);
        }

        int tval() {
            return (int) (cval - count());
        }

        void setTval(int v) {
            cval = count() + v;
            update();
        }

        void setCval(long v) {
            cval = v;
            update();
        }

        void setCtl(int v) {
            ctl = v & 3;
            update();
        }

        /** Recomputes the output level and schedules the next change. */
        void update() {
            boolean enabled = (ctl & CTL_ENABLE) != 0;
            boolean fire = enabled && istatus();
            out.set(fire && (ctl & CTL_IMASK) == 0);
            if (enabled && !fire) {
                long target = virtual ? cval + cntvoff : cval;
                clock.schedule(event, freq.timeOfTick(target));
            } else {
                clock.cancel(event);
            }
        }

        void reset() {
            ctl = 0;
            cval = 0;
            clock.cancel(event);
            out.set(false);
        }
    }

    private final Clock clock;
    private Frequency freq;
    private int cntfrq;
    long cntvoff;
    int cntkctl;
    final Comparator phys;
    final Comparator virt;

    GenericTimer(String coreId, Clock clock, long hz) {
        this.clock = clock;
        this.cntfrq = (int) hz;
        this.freq = new Frequency(hz);
        this.phys = new Comparator(coreId + ".cntp", false);
        this.virt = new Comparator(coreId + ".cntv", true);
    }

    /** The physical timer's interrupt output (PPI 30 / 29 on a GIC). */
    public IrqLine physicalIrq() { return phys.out; }

    /** The virtual timer's interrupt output (PPI 27 on a GIC). */
    public IrqLine virtualIrq() { return virt.out; }

    public long physicalCount() {
        return freq.ticksAt(clock.now());
    }

    void reset() {
        phys.reset();
        virt.reset();
        cntvoff = 0;
        cntkctl = 0;
    }

    private Cp15.Reg frq;

    void declare(Cp15 cp) {
        frq = cp.declareReg(14, 0, 0, 0, "CNTFRQ", () -> cntfrq, v -> cntfrq = v);
        cp.declareReg(14, 0, 1, 0, "CNTKCTL", () -> cntkctl, v -> cntkctl = v & 0x3ff);
        cp.declareReg(14, 0, 2, 0, "CNTP_TVAL", phys::tval, phys::setTval);
        cp.declareReg(14, 0, 2, 1, "CNTP_CTL", phys::ctl, phys::setCtl);
        cp.declareReg(14, 0, 3, 0, "CNTV_TVAL", virt::tval, virt::setTval);
        cp.declareReg(14, 0, 3, 1, "CNTV_CTL", virt::ctl, virt::setCtl);
    }

    /** CNTKCTL.PL0PCTEN/PL0VCTEN (bits 0, 1) also open CNTFRQ to PL0. */
    boolean pl0Allowed(Cp15.Reg r) {
        return r == frq && (cntkctl & 3) != 0;
    }

    /** 64-bit registers (MRRC/MCRR p15, opc1, c14). Returns false for an unknown one. */
    boolean read64(int opc1, long[] out) {
        switch (opc1) {
            case 0: out[0] = physicalCount(); return true;
            case 1: out[0] = virt.count(); return true;
            case 2: out[0] = phys.cval; return true;
            case 3: out[0] = virt.cval; return true;
            case 4: out[0] = cntvoff; return true;
            default: return false;
        }
    }

    boolean write64(int opc1, long v) {
        switch (opc1) {
            case 2: phys.setCval(v); return true;
            case 3: virt.setCval(v); return true;
            case 4: cntvoff = v; virt.update(); return true;
            default: return false;
        }
    }

    /** Which 64-bit registers PL0 may read: CNTPCT per PL0PCTEN, CNTVCT per PL0VCTEN. */
    boolean pl0Read64(int opc1) {
        if (opc1 == 0) return (cntkctl & 1) != 0;
        if (opc1 == 1) return (cntkctl & 2) != 0;
        return false;
    }
}
