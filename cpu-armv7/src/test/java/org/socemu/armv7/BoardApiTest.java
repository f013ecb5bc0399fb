package org.socemu.armv7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socemu.core.cpu.CpuType;

/** What a board uses: the SPI registration, Linux entry state, PSCI-style power control, SEV/WFE. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BoardApiTest {
    @Test
    void registeredAsCortexA7() {
        boolean found = false;
        for (CpuType t : ServiceLoader.load(CpuType.class)) found |= t.type().equals("cortex-a7");
        assertTrue(found);
    }

    @Test
    void linuxEntryState() {
        TestBoard b = new TestBoard();
        b.cpu.bootLinux(0x8000, 0x4000000);
        assertEquals(0, b.cpu.register(0));
        assertEquals(0xffffffffL, b.cpu.register(1));
        assertEquals(0x4000000, b.cpu.register(2));
        assertEquals(0x8000, b.cpu.pc());
        assertEquals(ArmMode.SVC, b.cpu.mode());
        assertEquals(0xc0, b.cpu.cpsr() & 0xc0, "IRQ and FIQ masked");
        assertEquals(0, b.cpu.cp15().sctlr & (Cp15.SCTLR_M | Cp15.SCTLR_C | Cp15.SCTLR_I), "MMU and caches off");
    }

    @Test
    void secondaryCoreStaysOffUntilPowerOn() {
        TestBoard b = new TestBoard();
        b.cpu.setPoweredAtReset(false);
        b.cpu.reset();
        assertFalse(b.cpu.isRunnable());
        assertEquals(0, b.cpu.run(100));
        b.words(0x2000, 0xe1a01000, 0xeafffffe); // mov r1, r0 ; b .
        b.cpu.powerOn(0x2000, 0x1234);
        assertTrue(b.cpu.isRunnable());
        b.cpu.run(10);
        assertEquals(0x1234, b.cpu.register(1), "context id arrives in r0");
        b.cpu.powerOff();
        assertFalse(b.cpu.isRunnable());
    }

    @Test
    void innerShareableTlbMaintenanceReachesEveryCoreOfTheDomain() {
        TestBoard a = new TestBoard(), b = new TestBoard();
        java.util.List<CortexA7> domain = java.util.List.of(a.cpu, b.cpu);
        a.cpu.setInnerShareableDomain(() -> domain);
        // mcr p15, 0, r0, c8, c7, 0 (TLBIALL, local) ; mcr p15, 0, r0, c8, c3, 0 (TLBIALLIS) ; b .
        a.words(0x2000, 0xee080f17, 0xee080f13, 0xeafffffe);
        a.cpu.setPc(0x2000);
        int before = b.cpu.fetchEpoch;
        a.cpu.run(1);
        assertEquals(before, b.cpu.fetchEpoch, "TLBIALL stays on its core");
        a.cpu.run(1);
        assertTrue(b.cpu.fetchEpoch > before, "TLBIALLIS flushes the other core's soft TLB");
    }

    @Test
    void wfeSleepsUntilAnotherCoreSignals() {
        TestBoard b = new TestBoard();
        b.words(0x2000, 0xe320f002, 0xe3a01001, 0xeafffffe); // wfe ; mov r1, #1 ; b .
        b.cpu.setPc(0x2000);
        b.cpu.run(10);
        assertTrue(b.cpu.isWaiting());
        assertEquals(0, b.cpu.register(1));
        b.cpu.signalEvent();
        assertFalse(b.cpu.isWaiting());
        b.cpu.run(10);
        assertEquals(1, b.cpu.register(1));
    }

    @Test
    void errorReportsShowTheLastTakenBranches() {
        TestBoard b = new TestBoard();
        b.words(0x2000, 0xea000001, 0, 0, 0xeafffffe); // b 0x200c ; ... ; b .
        b.cpu.setPc(0x2000);
        b.cpu.run(3);
        String state = b.cpu.describeState();
        assertTrue(state.contains("00002000 -> 0000200c"), state);
        assertTrue(state.contains("0000200c -> 0000200c"), state);
    }
}
