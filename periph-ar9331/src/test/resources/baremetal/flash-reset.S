/*
 * socemu AR9331 bare-metal check for the reset-vector boot: this image is the SPI flash's
 * content, run from 0xBFC00000. Like barebox's "Hornet 1.1" workaround, the first pass stores a
 * flag in the on-chip SRAM and resets the whole chip through RESET_MODULE bit 24; the second pass
 * finds the flag (the SRAM kept it), clears it and reports over the UART.
 */
	.set	noreorder
	.text
	.globl	_start
_start:
	lui	$s0, 0xb802		/* UART DATA, KSEG1 0xB8020000 */
	lui	$s1, 0xbd00		/* on-chip SRAM, KSEG1 0xBD000000 */
	lw	$t0, 0($s1)
	li	$t1, 0x12345678
	beq	$t0, $t1, second
	nop
	sw	$t1, 0($s1)
	la	$a0, msg_first
	bal	puts
	nop
	lui	$t2, 0xb806		/* reset block, KSEG1 0xB8060000 */
	li	$t3, 0x01000000		/* RESET_MODULE.FULL_CHIP_RESET */
	sw	$t3, 0x1c($t2)
1:	b	1b
	nop
second:
	li	$t1, -1
	sw	$t1, 0($s1)
	la	$a0, msg_second
	bal	puts
	nop
done:
	wait
	b	done
	nop

/* puts(a0): send a NUL-terminated string */
puts:
	lbu	$t2, 0($a0)
	beqz	$t2, 2f
	nop
1:	lw	$t3, 0($s0)
	andi	$t3, $t3, 0x200		/* TX_CSR */
	beqz	$t3, 1b
	nop
	ori	$t2, $t2, 0x200
	sw	$t2, 0($s0)
	b	puts
	addiu	$a0, $a0, 1
2:	jr	$ra
	nop

	.section .rodata
msg_first:	.asciz	"FLASH-BOOT first pass, full-chip reset\n"
msg_second:	.asciz	"FLASH-BOOT second pass, SRAM flag kept\n"
