/*
 * socemu AR9331 bare-metal check, entered by the "ar9331" boot protocol like a kernel:
 * a0 must be -2 (UHI) and a1 must point at a flattened device tree. It prints what it finds
 * on the AR933X UART (polling DATA.TX_CSR, as Linux's early printk does) and then waits.
 */
	.set	noreorder
	.text
	.globl	_start
_start:
	lui	$s0, 0xb802		/* UART DATA register, KSEG1 0xB8020000 */
	li	$t0, -2
	bne	$a0, $t0, bad_a0
	nop
	lw	$t1, 0($a1)
	li	$t0, 0xd00dfeed
	bne	$t1, $t0, bad_dtb
	nop
	la	$a0, msg_ok
	bal	puts
	nop
done:
	wait
	b	done
	nop
bad_a0:
	la	$a0, msg_bad_a0
	bal	puts
	nop
	b	done
	nop
bad_dtb:
	la	$a0, msg_bad_dtb
	bal	puts
	nop
	b	done
	nop

/* puts(a0): send a NUL-terminated string */
puts:
	lbu	$t2, 0($a0)
	beqz	$t2, 2f
	nop
1:	lw	$t3, 0($s0)
	andi	$t3, $t3, 0x200		/* TX_CSR: the FIFO takes a byte */
	beqz	$t3, 1b
	nop
	ori	$t2, $t2, 0x200
	sw	$t2, 0($s0)
	b	puts
	addiu	$a0, $a0, 1
2:	jr	$ra
	nop

	.data
msg_ok:		.asciz	"UHI-OK a0=-2 dtb=d00dfeed\n"
msg_bad_a0:	.asciz	"UHI-BAD a0\n"
msg_bad_dtb:	.asciz	"UHI-BAD dtb\n"
