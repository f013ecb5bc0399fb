/*
 * Bare-metal start-up and exception handlers for the 24Kc self-test (socemu cpu-mips32 tests).
 * Entered with ERL and BEV set (reset state). Devices: the test device at 0xBF000000
 * (TX at +0, EXIT at +4).
 */
	.set noreorder
	.set noat
	.text
	.globl _start
	.ent _start
_start:
	la	$sp, stack_top
	mtc0	$zero, $12		/* Status: kernel mode, BEV = ERL = EXL = IE = 0 */
	mtc0	$zero, $13		/* Cause: IV = 0, general vector for interrupts */
	ehb
	jal	main
	nop
	lui	$k1, 0xbf00
	sw	$v0, 4($k1)		/* EXIT with main's result */
1:	b	1b
	nop
	.end _start

/* Copied to EBase + 0x000: the TLB refill vector. */
	.globl refill_stub, refill_stub_end
refill_stub:
	j	refill_handler
	nop
refill_stub_end:

/* Copied to EBase + 0x180: the general exception vector. */
	.globl general_stub, general_stub_end
general_stub:
	j	general_handler
	nop
general_stub_end:

/*
 * TLB refill for the test window 0x10000000-0x10FFFFFF: identity-offset map to physical
 * 0x00100000 + (va - 0x10000000), 4 KiB pages, dirty and valid. Counts refills.
 */
refill_handler:
	mfc0	$k0, $8			/* BadVAddr */
	lui	$k1, 0x1000
	subu	$k0, $k0, $k1
	srl	$k0, $k0, 13
	sll	$k0, $k0, 13		/* offset of the even page */
	lui	$k1, 0x0010
	addu	$k0, $k0, $k1		/* physical address of the even page */
	srl	$k0, $k0, 6		/* PFN at bit 6 */
	ori	$k0, $k0, 0x1e		/* C = 3, D, V */
	mtc0	$k0, $2
	addiu	$k0, $k0, 0x40		/* the odd page: next PFN */
	mtc0	$k0, $3
	ehb
	tlbwr
	la	$k0, refills
	lw	$k1, 0($k0)
	addiu	$k1, $k1, 1
	sw	$k1, 0($k0)
	eret

/* Syscalls and the Count/Compare interrupt; anything else ends the test with code 0x80+ExcCode. */
general_handler:
	mfc0	$k0, $13
	andi	$k1, $k0, 0x7c
	beqz	$k1, interrupt
	nop
	li	$k0, 8 << 2
	bne	$k1, $k0, unexpected
	nop
	la	$k0, syscalls
	lw	$k1, 0($k0)
	addiu	$k1, $k1, 1
	sw	$k1, 0($k0)
	mfc0	$k0, $14
	addiu	$k0, $k0, 4
	mtc0	$k0, $14
	eret
interrupt:
	srl	$k1, $k0, 30
	andi	$k1, $k1, 1		/* Cause.TI */
	beqz	$k1, unexpected
	nop
	mfc0	$k1, $11
	mtc0	$k1, $11		/* acknowledge: writing Compare clears TI */
	la	$k0, ticks
	lw	$k1, 0($k0)
	addiu	$k1, $k1, 1
	sw	$k1, 0($k0)
	eret
unexpected:
	srl	$k1, $k1, 2
	ori	$v0, $k1, 0x80
	lui	$k1, 0xbf00
	sw	$v0, 4($k1)
2:	b	2b
	nop

	.data
	.globl refills, syscalls, ticks
refills:	.word 0
syscalls:	.word 0
ticks:		.word 0
	.bss
	.align 4
	.space 4096
stack_top:
