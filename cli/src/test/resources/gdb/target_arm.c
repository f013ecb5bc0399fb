/*
 * Bare-metal guest for GdbA7Test (i.MX7D, Cortex-A7, A32, linked in DDR).
 * It greets over UART1, then calls bump() and the Thumb function tbump() forever: the debugger
 * breaks on them, steps, prints and watches `counter`, and interrupts the endless loop.
 */
#define UART1 0x30860000u
#define REG(off) (*(volatile unsigned int *) (UART1 + (off)))
#define UTXD 0x40
#define UCR1 0x80
#define UCR2 0x84

volatile int counter;   /* the watched global */
int calls;
int tcalls;             /* tbump's */

__asm__(".section .text.start\n"
        ".globl _start\n"
        "_start:\n"
        "  ldr sp, =0x80400000\n"
        "  bl main\n"
        "1: b 1b\n"
        ".ltorg\n"
        ".previous\n");

static void uart_puts(const char *s)
{
    REG(UCR1) = 1;                               /* UARTEN */
    REG(UCR2) = (1 << 2) | (1 << 1) | 1;         /* TXEN, RXEN, not in reset */
    while (*s)
        REG(UTXD) = (unsigned char) *s++;
}

int __attribute__((noinline)) bump(int by)
{
    int next = counter + by;
    counter = next;
    calls++;
    return next;
}

/* Thumb-2 code in an ARM program: GDB's breakpoints here are Thumb ones (kind 2 or 3). */
int __attribute__((noinline, target("thumb"))) tbump(int by)
{
    tcalls += by;
    return tcalls * 3;
}

int main(void)
{
    uart_puts("gdb target ready\n");
    for (;;) {
        bump(2);
        tbump(1);
    }
}
