package org.socemu.armv7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socemu.core.time.Clock;

/** Modes, exceptions, interrupts, exclusives, CP15 identification, MMU faults and the generic timer. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class A32SystemTest {
    private final TestBoard b = new TestBoard();

    private long reg(int n) { return b.cpu.register(n); }

    @Test
    void svcEntersSupervisorModeAndMovsReturns() throws Exception {
        b.runAsm("""
                  ldr r0, =vectors
                  mcr p15, 0, r0, c12, c0, 0   @ VBAR
                  cps #0x10                    @ user mode
                  mov r1, #1
                  svc #42
                  add r1, r1, #100             @ returns here
                  b done
                  .balign 32
                vectors:
                  b .
                  b .
                  b svc_handler
                  b .
                  b .
                  b .
                  b .
                  b .
                svc_handler:
                  mrs r2, spsr
                  mrs r3, cpsr
                  mov r4, lr
                  ldr r5, [lr, #-4]
                  add r1, r1, #10
                  movs pc, lr
                  .ltorg
                """, 1000);
        assertEquals(111, reg(1));
        assertEquals(0x10, reg(2) & 0x1f, "SPSR holds user mode");
        assertEquals(0x13, reg(3) & 0x1f, "handler runs in SVC");
        assertEquals(0x80, reg(3) & 0x80, "IRQs masked on entry");
        assertEquals(0xef00002aL, reg(5), "LR points after the SVC");
        assertEquals(0x10, b.cpu.cpsr() & 0x1f, "back in user mode");
    }

    @Test
    void undefinedInstructionTrapsWithLrAfterIt() throws Exception {
        b.runAsm("""
                  ldr r0, =0x2000
                  mcr p15, 0, r0, c12, c0, 0
                  ldr r0, =0x2004
                  ldr r1, =0xe1a0300e          @ mov r3, lr
                  str r1, [r0]
                  ldr r1, =0xeafffffe          @ b .
                  str r1, [r0, #4]
                here:
                  .word 0xe7f000f0             @ udf #0
                """, 100);
        assertEquals(0x2008, b.cpu.pc());
        assertEquals(0x1b, b.cpu.mode());
        long here = reg(3) - 4;
        assertEquals(0xe7f000f0L, b.word(here) & 0xffffffffL);
    }

    @Test
    void bankedRegistersPerMode() throws Exception {
        b.runAsm("""
                  mov sp, #0x100
                  mov r8, #8
                  cps #0x12        @ IRQ
                  mov sp, #0x200
                  mov lr, #0x210
                  cps #0x11        @ FIQ
                  mov r8, #0x88
                  mov sp, #0x300
                  cps #0x1f        @ System shares User's registers
                  mov sp, #0x400
                  cps #0x13        @ back to SVC
                  mov r0, sp
                  mov r1, r8
                  mrs r2, sp_irq
                  mrs r3, lr_irq
                  mrs r4, r8_fiq
                  mrs r5, sp_usr
                  msr sp_abt, r0
                  cps #0x17
                  mov r6, sp
                  cps #0x13
                """, 1000);
        assertEquals(0x100, reg(0));
        assertEquals(8, reg(1));
        assertEquals(0x200, reg(2));
        assertEquals(0x210, reg(3));
        assertEquals(0x88, reg(4));
        assertEquals(0x400, reg(5));
        assertEquals(0x100, reg(6));
    }

    @Test
    void irqIsTakenWhenUnmaskedAndReturnsWithSubsPc() throws Exception {
        b.runAsm("""
                  ldr r0, =vectors
                  mcr p15, 0, r0, c12, c0, 0
                  mov r1, #0
                  mov r2, #0
                  cpsie i
                loop:
                  add r1, r1, #1
                  cmp r2, #0
                  beq loop
                  b done
                  .balign 32
                vectors:
                  b .
                  b .
                  b .
                  b .
                  b .
                  b .
                  b irq
                  b .
                irq:
                  mov r2, #1
                  mov r3, lr
                  mrs r4, spsr
                  subs pc, lr, #4
                  .ltorg
                """, 50);
        assertEquals(0, reg(2), "no interrupt yet");
        b.cpu.input("irq").raise();
        b.cpu.run(100);
        assertEquals(1, reg(2));
        assertEquals(0x13, reg(4) & 0x1f, "SPSR saved SVC mode");
        assertEquals(0, b.cpu.cpsr() & 0x80, "I clear again after the return");
        assertTrue(b.cpu.pc() >= 0x1000 && b.cpu.pc() < 0x1100, "returned to the loop, not the vector");
    }

    @Test
    void wfiSleepsUntilAnInterruptIsPendingEvenIfMasked() throws Exception {
        b.runAsm("""
                  wfi
                  mov r0, #7
                """, 100);
        assertTrue(b.cpu.isWaiting());
        assertEquals(0, reg(0));
        b.cpu.input("irq").raise();
        assertFalse(b.cpu.isWaiting());
        b.cpu.run(10);
        assertEquals(7, reg(0), "masked IRQ wakes WFI without being taken");
    }

    @Test
    void exclusivesSucceedAndFailAfterAnotherCoreRan() throws Exception {
        b.runAsm("""
                  ldr r0, =0x3000
                  mov r1, #5
                  str r1, [r0]
                  ldrex r2, [r0]
                  add r2, r2, #1
                  strex r3, r2, [r0]
                  ldrexb r4, [r0]
                  clrex
                  strexb r5, r4, [r0]
                  ldrexd r6, r7, [r0]
                  strexd r8, r6, r7, [r0]
                  ldrex r9, [r0]
                  b done
                  .ltorg
                """, 1000);
        assertEquals(0, reg(3), "STREX after LDREX succeeds");
        assertEquals(6, b.word(0x3000));
        assertEquals(1, reg(5), "STREX after CLREX fails");
        assertEquals(0, reg(8), "STREXD succeeds");
        b.cpu.clearExclusive(); // the scheduler switched cores
        b.words(0x1800, 0xe1801f92, 0xeafffffe); // strex r1, r2, [r0] ; b .
        b.cpu.setPc(0x1800);
        b.cpu.run(2);
        assertEquals(1, reg(1), "monitor lost across a core switch");
    }

    @Test
    void cp15IdentificationAsACortexA7() throws Exception {
        b.runAsm("""
                  mrc p15, 0, r0, c0, c0, 0    @ MIDR
                  mrc p15, 0, r1, c0, c0, 5    @ MPIDR
                  mrc p15, 0, r2, c0, c0, 1    @ CTR
                  mrc p15, 1, r3, c0, c0, 1    @ CLIDR
                  mov r4, #0
                  mcr p15, 2, r4, c0, c0, 0    @ CSSELR = L1 D
                  mrc p15, 1, r5, c0, c0, 0    @ CCSIDR
                  mrc p15, 0, r6, c1, c0, 0    @ SCTLR
                  mov r4, #2
                  mcr p15, 2, r4, c0, c0, 0    @ CSSELR = L2
                  mrc p15, 1, r7, c0, c0, 0
                  mrc p15, 0, r8, c0, c2, 0    @ ID_ISAR0
                """, 100);
        assertEquals(0x410fc075L, reg(0));
        assertEquals(0x80000000L, reg(1));
        assertEquals(0x84448003L, reg(2));
        assertEquals(0x0a200023L, reg(3));
        int ccsidr = (int) reg(5);
        int lineBytes = 16 << (ccsidr & 7), ways = ((ccsidr >>> 3) & 0x3ff) + 1, sets = ((ccsidr >>> 13) & 0x7fff) + 1;
        assertEquals(32 * 1024, lineBytes * ways * sets, "32 KiB L1 D-cache");
        assertEquals(4, ways);
        int l2 = (int) reg(7);
        assertEquals(512 * 1024, (16 << (l2 & 7)) * (((l2 >>> 3) & 0x3ff) + 1) * (((l2 >>> 13) & 0x7fff) + 1), "512 KiB L2");
        assertEquals(0x02000000, reg(8) & 0x0f000000, "SDIV/UDIV in ARM and Thumb state");
        assertEquals(0, reg(6) & 1, "MMU off at reset");
    }

    @Test
    void unknownCp15RegisterIsUndefined() throws Exception {
        b.runAsm("  mrc p15, 7, r0, c15, c15, 7\n", 10);
        assertEquals(0x04, b.cpu.pc());
        assertEquals(0x1b, b.cpu.mode());
    }

    @Test
    void smcGoesToTheFirmwareHandler() throws Exception {
        b.cpu.setSmcHandler(cpu -> {
            cpu.setRegister(0, cpu.register(0) + 1);
            return true;
        });
        b.runAsm("""
                  .arch_extension sec
                  mov r0, #41
                  smc #0
                  mov r1, r0
                """, 100);
        assertEquals(42, reg(1));
    }

    /** Identity sections for the first MiB (code), a small page table for 0x10000000, a no-access domain at 0x20000000. */
    private static final String PAGE_TABLES = """
                  ldr r0, =0x4000              @ L1 table, 16 KiB aligned
                  ldr r1, =0x00000c02          @ section 0 -> 0, AP=11, domain 0
                  str r1, [r0]
                  ldr r1, =0x8001              @ page table at 0x8000, domain 0
                  ldr r2, =0x400               @ index of 0x10000000
                  str r1, [r0, r2]
                  ldr r1, =0x00100c22          @ section -> 0x00100000, domain 1
                  ldr r2, =0x800               @ index of 0x20000000
                  str r1, [r0, r2]
                  ldr r1, =0x00200c02 | (1 << 4) @ XN section -> 0x200000 at 0x30000000
                  ldr r2, =0xc00
                  str r1, [r0, r2]
                  ldr r3, =0x8000
                  ldr r1, =0x00005032          @ small page -> 0x5000, AP=11
                  str r1, [r3, #4]             @ for 0x10001000
                  ldr r1, =0x00006232          @ small page at 0x10002000 -> 0x6000, APX=1 AP=11: read-only everywhere
                  str r1, [r3, #8]
                  mcr p15, 0, r0, c2, c0, 0    @ TTBR0
                  mov r1, #0
                  mcr p15, 0, r1, c2, c0, 2    @ TTBCR = 0
                  ldr r1, =0x1                 @ domain 0 client, domain 1 no access
                  mcr p15, 0, r1, c3, c0, 0
                  mrc p15, 0, r1, c1, c0, 0
                  orr r1, r1, #1
                  mcr p15, 0, r1, c1, c0, 0    @ MMU on
                  isb
            """;

    @Test
    void mmuTranslatesSmallPagesAndReportsFaults() throws Exception {
        b.view.write(0x5004, 4, 0x12345678);
        b.runAsm(PAGE_TABLES + """
                  ldr r4, =0x10001004
                  ldr r5, [r4]                 @ through the small page
                  ldr r6, =0x55aa
                  str r6, [r4, #4]
                  ldr r7, =vectors
                  mcr p15, 0, r7, c12, c0, 0
                  ldr r4, =0x20000010
                  ldr r8, [r4]                 @ domain fault
                  b done
                  .balign 32
                vectors:
                  b .
                  b .
                  b .
                  b .
                  b dabt
                  b .
                  b .
                  b .
                dabt:
                  mrc p15, 0, r9, c5, c0, 0    @ DFSR
                  mrc p15, 0, r10, c6, c0, 0   @ DFAR
                  mov r11, lr
                  b done
                  .ltorg
                """, 10_000);
        assertEquals(0x12345678L, reg(5));
        assertEquals(0x55aa, b.word(0x5008), "store went to the physical page");
        assertEquals(0x20000010L, reg(10));
        assertEquals(0x19, reg(9) & 0x7ff, "domain fault (section) in domain 1");
    }

    @Test
    void translationFaultOnUnmappedAndPermissionFaultForUser() throws Exception {
        b.runAsm(PAGE_TABLES + """
                  ldr r7, =vectors
                  mcr p15, 0, r7, c12, c0, 0
                  mov r12, #0
                  ldr r4, =0x40000000
                  ldr r8, [r4]                 @ translation fault (section)
                  mov r5, r9
                  ldr r4, =0x10002000
                  ldr r8, [r4]                 @ fine at PL1
                  mrc p15, 0, r0, c2, c0, 0
                  ldrt r8, [r4]                @ user read of AP=10: allowed
                  strt r8, [r4]                @ user write: permission fault (page)
                  mov r6, r9
                  b done
                  .balign 32
                vectors:
                  b .
                  b .
                  b .
                  b .
                  b dabt
                  b .
                  b .
                  b .
                dabt:
                  mrc p15, 0, r9, c5, c0, 0
                  mrc p15, 0, r10, c6, c0, 0
                  sub lr, lr, #4               @ skip the faulting instruction
                  movs pc, lr
                  .ltorg
                """, 10_000);
        assertEquals(0x05, reg(5) & 0x40f, "translation fault, section");
        assertEquals(0x80f, reg(6) & 0xc0f, "permission fault, page, on a write");
        assertEquals(0x10002000L, reg(10));
    }

    @Test
    void alignmentFaultOnlyWithSctlrA() throws Exception {
        b.runAsm("""
                  ldr r0, =0x3001
                  ldr r1, =0x3000
                  ldr r2, =0x44332211
                  str r2, [r1]
                  ldr r3, =0x88776655
                  str r3, [r1, #4]
                  ldr r4, [r0]                 @ unaligned is fine with A = 0
                  mrc p15, 0, r5, c1, c0, 0
                  orr r5, r5, #2
                  mcr p15, 0, r5, c1, c0, 0
                  ldr r6, [r0]                 @ alignment fault
                """, 100);
        assertEquals(0x55443322L, reg(4));
        assertEquals(0x10, b.cpu.pc(), "data abort vector");
        assertEquals(0x01, b.cpu.cp15().dfsr & 0x40f);
        assertEquals(0x3001, b.cpu.cp15().dfar);
    }

    @Test
    void virtualTimerRaisesItsLineAtCval() throws Exception {
        b.runAsm("""
                  mov r0, #100
                  mcr p15, 0, r0, c14, c3, 0   @ CNTV_TVAL = 100 ticks
                  mov r0, #1
                  mcr p15, 0, r0, c14, c3, 1   @ CNTV_CTL = enable
                  mrrc p15, 1, r2, r3, c14     @ CNTVCT
                  mrc p15, 0, r4, c14, c0, 0   @ CNTFRQ
                """, 100);
        assertEquals(8_000_000, reg(4));
        assertFalse(b.cpu.timer().virtualIrq().isHigh());
        b.scheduler.run(100 * 125_000L + 20 * Clock.PS_PER_US);  // 100 ticks at 8 MHz = 12.5 us
        assertTrue(b.cpu.timer().virtualIrq().isHigh());
    }

    @Test
    void highVectorsPerSctlrV() throws Exception {
        b.runAsm("""
                  mrc p15, 0, r0, c1, c0, 0
                  orr r0, r0, #0x2000
                  mcr p15, 0, r0, c1, c0, 0
                  svc #0
                """, 10);
        assertEquals(0xffff0008L, b.cpu.pc());
        assertEquals(0x13, b.cpu.mode());
    }

    @Test
    void lpaeLongDescriptorWalkAndAccessFlagFault() throws Exception {
        b.view.write(0x5004, 4, 0xcafe);
        b.runAsm("""
                  ldr r0, =0x8000
                  ldr r1, =0x441               @ L1[0]: 1 GiB block at 0, AF, PL0 RW
                  str r1, [r0]
                  mov r1, #0
                  str r1, [r0, #4]
                  ldr r1, =0x9003              @ L1[1]: table at 0x9000
                  str r1, [r0, #8]
                  ldr r1, =0xa003              @ L2[0]: table at 0xa000
                  ldr r2, =0x9000
                  str r1, [r2]
                  ldr r2, =0xa000
                  ldr r1, =0x5403              @ L3[1]: page at 0x5000, AF
                  str r1, [r2, #8]
                  ldr r1, =0x6003              @ L3[2]: page at 0x6000, no AF
                  str r1, [r2, #16]
                  ldr r1, =0x80000000
                  mcr p15, 0, r1, c2, c0, 2    @ TTBCR: EAE, T0SZ = T1SZ = 0
                  mov r1, #0
                  mcrr p15, 0, r0, r1, c2      @ TTBR0 (64-bit)
                  mrc p15, 0, r1, c1, c0, 0
                  orr r1, r1, #1
                  mcr p15, 0, r1, c1, c0, 0
                  isb
                  ldr r4, =0x40001004
                  ldr r5, [r4]
                  ldr r4, =0x40002000
                  ldr r6, [r4]                 @ access flag fault, level 3
                  .ltorg
                """, 1000);
        assertEquals(0xcafe, reg(5));
        assertEquals(0x10, b.cpu.pc(), "data abort");
        assertEquals(0x20b, b.cpu.cp15().dfsr, "long-descriptor FSR: access flag fault, level 3");
        assertEquals(0x40002000, b.cpu.cp15().dfar);
    }

    @Test
    void srsAndRfeSaveAndRestoreReturnState() throws Exception {
        b.runAsm("""
                  mov sp, #0x6000              @ SVC stack
                  ldr r0, =0x20000110          @ an SPSR to save: C set, IRQ masked... user mode
                  msr spsr_fsxc, r0
                  adr lr, back
                  srsdb sp!, #0x13             @ push LR and SPSR on the SVC stack
                  mov r4, sp
                  rfeia sp!                    @ pop them into PC and CPSR
                back:
                  mov r5, #5
                  mrs r6, cpsr
                  b done
                  .ltorg
                """, 100);
        assertEquals(0x6000 - 8, reg(4), "SRS wrote two words and updated SP");
        assertEquals(5, reg(5));
        assertEquals(0x20000010, reg(6) & 0xf00000ff, "CPSR restored from memory: user mode, C set");
    }

    @Test
    void bkptIsAPrefetchAbortWithDebugStatus() throws Exception {
        b.runAsm("  mov r0, #1\n  bkpt #3\n", 10);
        assertEquals(0x0c, b.cpu.pc());
        assertEquals(0x17, b.cpu.mode());
        assertEquals(0x2, b.cpu.cp15().ifsr & 0x40f);
    }

    @Test
    void fiqUsesItsOwnBankAndVector() throws Exception {
        b.runAsm("""
                  mov r8, #8
                  cpsie f
                spin:
                  b spin
                """, 20);
        b.cpu.input("fiq").raise();
        b.cpu.run(1);
        assertEquals(0x1c, b.cpu.pc());
        assertEquals(0x11, b.cpu.mode());
        assertEquals(0xc0, b.cpu.cpsr() & 0xc0, "FIQ entry masks IRQ and FIQ");
        assertEquals(8, b.cpu.bankedRead(ArmMode.USR, 8), "user r8 preserved in its bank");
        assertEquals(0, reg(8), "FIQ mode sees its own r8");
    }

    @Test
    void dacrChangesTakeEffectWithoutTlbMaintenance() throws Exception {
        b.view.write(0x100010, 4, 0x77);
        b.runAsm(PAGE_TABLES + """
                  ldr r7, =vectors
                  mcr p15, 0, r7, c12, c0, 0
                  ldr r1, =0x5                 @ domain 1 client too
                  mcr p15, 0, r1, c3, c0, 0
                  ldr r4, =0x20000010
                  ldr r5, [r4]                 @ fine now, and cached in the soft TLB
                  ldr r1, =0x1                 @ domain 1 no access again
                  mcr p15, 0, r1, c3, c0, 0
                  mov r9, #0
                  ldr r6, [r4]                 @ must fault despite the cached translation
                  b done
                  .balign 32
                vectors:
                  b .
                  b .
                  b .
                  b .
                  b dabt
                  b .
                  b .
                  b .
                dabt:
                  mrc p15, 0, r9, c5, c0, 0
                  b done
                  .ltorg
                """, 10_000);
        assertEquals(0x77, reg(5));
        assertEquals(0x19, reg(9) & 0x7ff, "domain fault after DACR revoked the domain");
    }

    @Test
    void prefetchAbortFromThumbCodeEntersTheVectorInArmState() throws Exception {
        // Demand paging of Thumb user code (Debian's armhf userspace) takes this path: the fetch
        // faults, and the handler must run as ARM code (SCTLR.TE = 0), not as Thumb.
        b.runAsm(PAGE_TABLES + """
                  ldr r7, =vectors
                  mcr p15, 0, r7, c12, c0, 0
                  adr r0, thumbcode + 1
                  bx r0
                  .thumb
                thumbcode:
                  ldr r1, =0x30000001
                  bx r1                        @ execute-never section: Prefetch Abort
                  .ltorg
                  .arm
                  .balign 32
                vectors:
                  b .
                  b .
                  b .
                  b pabt
                  b .
                  b .
                  b .
                  b .
                pabt:
                  mrc p15, 0, r9, c5, c0, 1
                  mrc p15, 0, r11, c6, c0, 2
                  mov r10, #1
                  b done
                  .ltorg
                """, 10_000);
        assertEquals(1, reg(10), "the abort handler ran as ARM code");
        assertEquals(0x0d, reg(9) & 0x40f, "IFSR: permission fault (XN), section");
        assertEquals(0x30000000, reg(11), "IFAR");
        assertEquals(0, b.cpu.cpsr() & 0x20, "T clear in the handler");
    }

    @Test
    void tlbInvalidateByAddressDropsTheCachedTranslation() throws Exception {
        b.view.write(0x5004, 4, 0x1111);
        b.view.write(0x7004, 4, 0x2222);
        b.view.write(0x100008, 4, 0x3333);
        b.view.write(0x200008, 4, 0x4444);
        b.runAsm(PAGE_TABLES + """
                  ldr r4, =0x10001004
                  ldr r5, [r4]                 @ small page -> 0x5000, now in the soft TLB
                  ldr r1, =0x00007032          @ remap it to 0x7000
                  ldr r3, =0x8000
                  str r1, [r3, #4]
                  ldr r1, =0x10001000
                  mcr p15, 0, r1, c8, c7, 1    @ TLBIMVA
                  ldr r7, [r4]                 @ the new one
                  ldr r0, =0x4000
                  ldr r1, =0x00100c02          @ section 0x40000000 -> 0x00100000
                  ldr r2, =0x1000
                  str r1, [r0, r2]
                  ldr r4, =0x40000008
                  ldr r8, [r4]
                  ldr r1, =0x00200c02          @ -> 0x00200000
                  str r1, [r0, r2]
                  ldr r1, =0x400ff000          @ another address of the same section
                  mcr p15, 0, r1, c8, c3, 3    @ TLBIMVAAIS
                  ldr r9, [r4]
                  b done
                  .ltorg
                """, 10_000);
        assertEquals(0x1111, reg(5));
        assertEquals(0x2222, reg(7));
        assertEquals(0x3333, reg(8));
        assertEquals(0x4444, reg(9), "invalidating one address of a section drops all of the section");
    }

    @Test
    void traceReportsExceptionsAndInstructions() throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        var t = new org.socemu.core.machine.Trace();
        t.exc = true;
        t.insn = true;
        t.out = new java.io.PrintStream(out, true);
        b.cpu.setTrace(t);
        b.runAsm("  mov r0, #1\n  svc #5\n", 3);
        String log = out.toString();
        org.junit.jupiter.api.Assertions.assertTrue(log.contains("a7.0: 00001000: e3a00001"), log);
        org.junit.jupiter.api.Assertions.assertTrue(log.contains("a7.0: 00001004: ef000005"), log);
        org.junit.jupiter.api.Assertions.assertTrue(log.contains("a7.0: SVC at pc=00001004 (svc) -> 00000008 lr=00001008"), log);
    }
}
