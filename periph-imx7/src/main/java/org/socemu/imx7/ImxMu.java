package org.socemu.imx7;

import org.socemu.core.UserError;
import org.socemu.core.dev.Device;
import org.socemu.core.dev.MmioDevice;
import org.socemu.core.dev.Register;
import org.socemu.core.irq.IrqLine;
import org.socemu.core.machine.DeviceContext;
import org.socemu.core.machine.DeviceType;

/**
 * Messaging Unit (i.MX7D RM chapter "MU"; Linux imx-mailbox.c, {@code fsl,imx6sx-mu} layout): two
 * register sides, A for the A7s (0x30AA0000) and B for the M4 (0x30AB0000), each with four
 * transmit and four receive registers, status and control. A word written to TRn of one side
 * appears in RRn of the other; the flags follow the hand-over. In every 4-bit flag group,
 * channel 0 is the highest bit.
 */
public final class ImxMu {
    static final int SR_GIP = 28, SR_RF = 24, SR_TE = 20;
    static final int CR_GIE = 28, CR_RIE = 24, CR_TIE = 20, CR_GIR = 16;
    static final int CR_MUR = 1 << 5;
    static final int SR_MURS = 1 << 7;

    private ImxMu() {}

    /** Connects the two sides of one MU. */
    static void link(Side a, Side b) {
        if (a.peer != null || b.peer != null) throw new IllegalArgumentException("MU side already linked");
        a.peer = b;
        b.peer = a;
    }

    /** Bit of channel {@code ch} in the 4-bit group that starts (its channel 3) at {@code shift}. */
    static int bit(int shift, int ch) {
        return 1 << (shift + 3 - ch);
    }

    /** One side's registers. */
    public static final class Side extends MmioDevice {
        private final IrqLine irq;
        /** The other side; null until the machine has both (then nothing arrives anywhere). */
        private Side peer;
        private final int[] tr = new int[4];
        private final Register sr, cr;

        public Side(String name, IrqLine irq) {
            super(name, 0x10000);
            this.irq = irq;
            for (int n = 0; n < 4; n++) {
                int ch = n;
                regs.word(0x00 + 4 * n, "MU_TR" + n).onRead(() -> tr[ch]).onWriteRaw(v -> transmit(ch, v));
                regs.word(0x10 + 4 * n, "MU_RR" + n).readOnly().onRead(() -> receive(ch));
            }
            sr = regs.word(0x20, "MU_SR").reset(0xF << SR_TE).onWriteRaw(this::srWritten);
            cr = regs.word(0x24, "MU_CR").mask(0xFFFF0000 | CR_MUR).onWrite(this::crWritten);
        }

        private void transmit(int ch, int v) {
            tr[ch] = v;
            if (peer == null) return;
            sr.clearBits(bit(SR_TE, ch));
            peer.sr.setBits(bit(SR_RF, ch));
            update();
            peer.update();
        }

        private int receive(int ch) {
            if (peer == null) return 0;
            sr.clearBits(bit(SR_RF, ch));
            peer.sr.setBits(bit(SR_TE, ch));
            update();
            peer.update();
            return peer.tr[ch];
        }

        /** GIPn are write-1-to-clear; clearing one ends the peer's general interrupt request. */
        private void srWritten(int v) {
            int gip = v & (0xF << SR_GIP);
            sr.clearBits(gip);
            update();
            if (peer == null) return;
            peer.cr.clearBits(gip >>> (SR_GIP - CR_GIR));
            peer.update();
        }

        private void crWritten(int old, int val) {
            if ((val & CR_MUR) != 0) {
                // MU reset: both sides back to their reset state, at once (SR.MURS reads 0 again)
                resetState();
                if (peer != null) peer.resetState();
                return;
            }
            update();
            if (peer == null) return;
            int raised = val & ~old & (0xF << CR_GIR);
            peer.sr.setBits(raised << (SR_GIP - CR_GIR));
            peer.update();
        }

        private void resetState() {
            java.util.Arrays.fill(tr, 0);
            sr.set(0xF << SR_TE);
            cr.set(0);
            update();
        }

        private void update() {
            int s = sr.value(), c = cr.value();
            boolean on = ((s >>> SR_TE) & (c >>> CR_TIE) & 0xF) != 0
                    || ((s >>> SR_RF) & (c >>> CR_RIE) & 0xF) != 0
                    || ((s >>> SR_GIP) & (c >>> CR_GIE) & 0xF) != 0;
            if (irq != null) irq.set(on);
        }

        @Override
        protected boolean peekSafe(Register r) {
            return r.offset() < 0x10 || r.offset() >= 0x20;
        }

        @Override
        public void reset() {
            super.reset();
            resetState();
        }
    }

    /**
     * "imx-mu": props "side" ("a" or "b"); side B also names its side A in "peer" (side A comes
     * first in the description). One irq per side.
     */
    public static final class Type implements DeviceType {
        @Override public String type() { return "imx-mu"; }

        @Override
        public Device create(DeviceContext ctx) {
            IrqLine irq = ctx.irqCount() > 0 ? ctx.irq(0) : null;
            String side = ctx.props().string("side", "a");
            Side self = new Side(ctx.name(), irq);
            if (side.equals("a")) return self;
            if (!side.equals("b")) throw new UserError(ctx.name() + ": side must be a or b");
            String peer = ctx.props().string("peer", null);
            if (peer == null) throw new UserError(ctx.name() + ": side b needs \"peer\": the name of side a");
            Object other = ctx.component(peer);
            if (!(other instanceof Side sideA) || sideA.peer != null)
                throw new UserError(ctx.name() + ": " + peer + " is not an unpaired imx-mu side a");
            link(sideA, self);
            return self;
        }
    }
}
