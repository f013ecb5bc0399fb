package org.socemu.armv7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Thumb control flow and state: interworking, table branches, CBZ, exceptions from and into Thumb. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ThumbTest {
    private final TestBoard b = new TestBoard();

    private long reg(int n) { return b.cpu.register(n); }

    @Test
    void interworkingCallsAndTableBranches() throws Exception {
        b.runAsm("""
                  ldr sp, =0x8000
                  adr r0, thumb_code + 1
                  blx r0                       @ ARM -> Thumb
                  mov r5, #1                   @ back in ARM
                  b done
                  .thumb
                  .thumb_func
                thumb_code:
                  push {r4, lr}
                  movs r1, #2
                  tbb [pc, r1]
                table:
                  .byte (case0 - table) / 2
                  .byte (case1 - table) / 2
                  .byte (case2 - table) / 2
                  .byte 0
                case0:
                  movs r2, #10
                  b join
                case1:
                  movs r2, #11
                  b join
                case2:
                  movs r2, #12
                join:
                  movs r3, #0
                  cbz r3, zero
                  movs r2, #99
                zero:
                  blx arm_func                 @ Thumb -> ARM
                  pop {r4, pc}                 @ interworking return to ARM
                  .arm
                arm_func:
                  mov r4, #44
                  mov r6, r4
                  bx lr
                  .ltorg
                """, 1000);
        assertEquals(12, reg(2));
        assertEquals(44, reg(6));
        assertEquals(1, reg(5));
        assertEquals(0, b.cpu.cpsr() & 0x20, "ARM state at the end");
    }

    @Test
    void svcFromThumbReturnsToTheNextHalfword() throws Exception {
        b.runAsm("""
                  ldr r0, =vectors
                  mcr p15, 0, r0, c12, c0, 0
                  adr r0, t + 1
                  bx r0
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
                  mov r4, lr
                  mrs r5, spsr
                  movs pc, lr
                  .thumb
                  .thumb_func
                t:
                  svc #1
                  movs r6, #6
                  b done_t
                done_t:
                  b done_t
                  .arm
                  .ltorg
                """, 100);
        assertEquals(6, reg(6));
        assertEquals(0x20, reg(5) & 0x20, "SPSR.T set");
        assertTrue((reg(4) & 1) == 0, "LR holds the halfword address after the 16-bit SVC");
        assertEquals(0x20, b.cpu.cpsr() & 0x20, "back in Thumb");
    }

    @Test
    void exceptionsEnterThumbWhenSctlrTeIsSet() throws Exception {
        b.runAsm("""
                  ldr r0, =vectors
                  mcr p15, 0, r0, c12, c0, 0
                  mrc p15, 0, r0, c1, c0, 0
                  orr r0, r0, #(1 << 30)       @ TE
                  mcr p15, 0, r0, c1, c0, 0
                  svc #0
                  b done
                  .balign 32
                vectors:
                  .thumb
                  b.w .
                  b.w .
                  b.w thumb_svc
                  b.w .
                  b.w .
                  b.w .
                  b.w .
                  b.w .
                thumb_svc:
                  movs r7, #77                 @ only decodes as intended in Thumb state
                  mov r8, lr
                  movs pc, lr
                  .arm
                  .ltorg
                """, 100);
        assertEquals(77, reg(7));
        assertEquals(0x20, b.cpu.spsrOf(ArmMode.SVC) & 0x20 ^ 0x20, "the SVC was taken from ARM state");
        assertEquals(0, b.cpu.cpsr() & 0x20, "returned to ARM");
    }

    @Test
    void itBlockSkipsElseInstructionsAndTheirFlagUpdates() throws Exception {
        b.runAsm("""
                  adr r0, t + 1
                  bx r0
                  .thumb
                  .thumb_func
                t:
                  movs r0, #5
                  cmp r0, #5
                  ite eq
                  moveq r1, #1
                  movne r1, #2
                  itt ne
                  addne r2, r2, #100
                  cmpne r0, r0
                spin:
                  b spin
                  .arm
                """, 100);
        assertEquals(1, reg(1));
        assertEquals(0, reg(2));
    }

    @Test
    void thirtyTwoBitInstructionAcrossAPageBoundary() {
        b.view.write(0x1ffe, 2, 0xf241); // movw r0, #0x1234 (first halfword)
        b.view.write(0x2000, 2, 0x2034); //                  (second halfword, next page)
        b.view.write(0x2002, 2, 0xe7fe); // b .
        b.cpu.setPc(0x1fff);
        b.cpu.run(3);
        assertEquals(0x1234, reg(0));
        assertEquals(0x2002, b.cpu.pc());
    }

    @Test
    void selfModifyingCodeIsDecodedAfresh() throws Exception {
        b.runAsm("""
                  mov r2, #0
                loop:
                  add r2, r2, #1
                target:
                  mov r1, #1                   @ replaced by a different kind of instruction
                  cmp r2, #2
                  beq done
                  ldr r0, =target
                  ldr r3, =0xe3011234          @ movw r1, #0x1234
                  str r3, [r0]
                  b loop
                  .ltorg
                """, 1000);
        assertEquals(0x1234, reg(1), "the stored instruction ran, not the stale decoded one");
    }

    @Test
    void userModeThreadRegisterFromThumb() throws Exception {
        b.runAsm("""
                  ldr r0, =0xdead0001
                  mcr p15, 0, r0, c13, c0, 3   @ TPIDRURO, written at PL1
                  adr r1, t + 1
                  cps #0x10
                  bx r1
                  .thumb
                  .thumb_func
                t:
                  mrc p15, 0, r2, c13, c0, 3   @ readable at PL0
                  mrc p15, 0, r3, c13, c0, 4   @ TPIDRPRW: UNDEFINED at PL0
                  .arm
                  .ltorg
                """, 20);
        assertEquals(0xdead0001L, reg(2));
        assertEquals(0x04, b.cpu.pc(), "PL1-only register traps");
        assertEquals(ArmMode.UND, b.cpu.mode());
        // LR_und is the faulting Thumb instruction + 2, for 32-bit encodings too: Linux's __und_usr
        // reads the first halfword at LR - 2 (here MRC's 0xee1d, then 0x3f90).
        long lr = b.cpu.register(14);
        assertEquals(0xee1d, b.cpu.view().read(lr - 2, 2), "first halfword at LR - 2");
        assertEquals(0x3f90, b.cpu.view().read(lr, 2), "second halfword at LR");
    }
}
