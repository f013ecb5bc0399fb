package org.socemu.periph.ar9331;

import static org.junit.jupiter.api.Assertions.*;
import static org.socemu.periph.ar9331.ResetBlock.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ResetBlockTest {
    private int resets;
    private final ResetBlock rst = Bus.attach(new ResetBlock("rst", REV_ID_AR9331_1, 0, () -> resets++));

    private int read(int blockOffset) {
        return rst.read(blockOffset - WINDOW, 4);
    }

    private void write(int blockOffset, int v) {
        rst.write(blockOffset - WINDOW, 4, v);
    }

    @Test
    void fullChipResetBitRequestsAMachineReset() {
        write(RESET_MODULE, GE0_MAC | GE0_MDIO | ETH_SWITCH);
        assertEquals(0, resets, "block resets are not the chip's");
        assertEquals(GE0_MAC | GE0_MDIO | ETH_SWITCH, read(RESET_MODULE));
        write(RESET_MODULE, read(RESET_MODULE) | FULL_CHIP_RESET); // Linux's restart handler
        assertEquals(1, resets);
        rst.reset();
        assertEquals(0, read(RESET_MODULE));
    }

    @Test
    void revIdIsAr9331Rev1AndReadOnly() {
        assertEquals(0x1110, read(REV_ID) & 0xFFF0, "ath79_detect_sys_type: AR9331");
        assertEquals(1, read(REV_ID) & 3);
        write(REV_ID, 0);
        assertEquals(REV_ID_AR9331_1, read(REV_ID));
    }

    @Test
    void bootstrapStrapsAreFixedAndTheRestWritable() {
        ResetBlock b = Bus.attach(new ResetBlock("rst", REV_ID_AR9331_1, REF_CLK_40, () -> {}));
        assertEquals(REF_CLK_40, b.read(BOOTSTRAP - WINDOW, 4));
        b.write(BOOTSTRAP - WINDOW, 4, 0x0002110E | EEPBUSY);
        assertEquals(0x0002110E | REF_CLK_40, b.read(BOOTSTRAP - WINDOW, 4), "EEPBUSY stays 0, the strap stays");
        write(BOOTSTRAP, read(BOOTSTRAP) | MDIO_GPIO_EN);
        assertEquals(MDIO_GPIO_EN, read(BOOTSTRAP) & (MDIO_GPIO_EN | REF_CLK_40));
    }
}
