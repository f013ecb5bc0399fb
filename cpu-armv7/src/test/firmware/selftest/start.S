/*
 * Cortex-A7 bare-metal self-test: vectors, per-mode stacks, and exception handlers that pass
 * (kind, LR, SPSR) to C, which returns the address to resume at. Linked at 0 (VBAR = 0).
 */
    .syntax unified
    .arm
    .section .vectors, "ax"
    .globl _start
_start:
    ldr pc, =reset
    ldr pc, =und_entry
    ldr pc, =svc_entry
    ldr pc, =pabt_entry
    ldr pc, =dabt_entry
    b .
    ldr pc, =irq_entry
    ldr pc, =fiq_entry
    .ltorg

    .text
reset:
    cps #0x1b                       @ UND
    ldr sp, =stack_und
    cps #0x17                       @ ABT
    ldr sp, =stack_abt
    cps #0x12                       @ IRQ
    ldr sp, =stack_irq
    cps #0x11                       @ FIQ
    ldr sp, =stack_fiq
    cps #0x13                       @ SVC
    ldr sp, =stack_svc
    mov r0, #0
    mcr p15, 0, r0, c12, c0, 0      @ VBAR = 0
    ldr r0, =__bss_start
    ldr r1, =__bss_end
    mov r2, #0
1:  cmp r0, r1
    strlo r2, [r0], #4
    blo 1b
    bl main
2:  b 2b

/* Every handler: save the caller-saved registers and LR, call exception_c(kind, lr, spsr),
 * put its result where LR was saved, restore, and return with SPSR -> CPSR. */
    .macro HANDLER name, kind
\name:
    push {r0-r3, r12, lr}
    mov r0, #\kind
    mov r1, lr
    mrs r2, spsr
    bl exception_c
    str r0, [sp, #20]
    pop {r0-r3, r12, lr}
    movs pc, lr
    .endm

    HANDLER und_entry, 1
    HANDLER svc_kernel, 2
    HANDLER pabt_entry, 3
    HANDLER dabt_entry, 4
    HANDLER irq_entry, 6
    HANDLER fiq_entry, 7

/* SVC from user mode ends run_user(): the user's r0 is its result. From SVC mode it is a test. */
svc_entry:
    push {r0}
    mrs r0, spsr
    and r0, r0, #0x1f
    cmp r0, #0x10
    pop {r0}
    bne svc_kernel
    ldr r1, =user_result
    str r0, [r1]
    ldr r1, =saved_svc_sp
    ldr sp, [r1]
    pop {r4-r12, pc}                @ back into run_user's caller, in SVC mode

/* int run_user(int (*fn)(void), void *stack): runs fn in User mode until it executes SVC. */
    .globl run_user
run_user:
    push {r4-r12, lr}
    ldr r2, =saved_svc_sp
    str sp, [r2]
    cps #0x1f                       @ System mode shares User's SP and LR
    mov sp, r1
    ldr lr, =user_exit              @ fn returns into an SVC
    cps #0x13
    mov r2, #0xd0                   @ User mode, IRQ and FIQ masked, ARM state
    msr spsr_cxsf, r2
    mov lr, r0
    movs pc, lr

user_exit:
    svc #0

/* Helpers the C code calls. */
    .globl do_udf_arm, do_svc_arm, do_bkpt, do_udf_thumb, do_svc_thumb, thumb_add
do_udf_arm:
    .word 0xe7f000f0                @ UDF #0 (permanently undefined)
    mov r0, #0x55
    bx lr
do_svc_arm:
    push {lr}                       @ SVC from SVC mode overwrites LR_svc
    svc #0x4242
    pop {pc}
do_bkpt:
    bkpt #7
    bx lr
    .thumb
    .thumb_func
do_udf_thumb:
    udf #1
    movs r0, #0x66
    bx lr
    .thumb_func
do_svc_thumb:
    push {lr}
    svc #0x42
    pop {pc}
    .thumb_func
thumb_add:                          @ a Thumb leaf called through an alias mapping
    adds r0, r0, r1
    bx lr
    .arm

    .section .bss
    .balign 8
    .globl saved_svc_sp
saved_svc_sp:
    .space 8
    .space 1024
stack_und:
    .space 1024
stack_abt:
    .space 1024
stack_irq:
    .space 1024
stack_fiq:
    .space 4096
stack_svc:
