/*
 * Bare-metal guest for GdbMipsTest (AR9331, big-endian MIPS32 24Kc, linked in kseg0).
 * It greets over the AR933X UART, then calls bump() forever: the debugger breaks on bump,
 * steps, prints and watches `counter`, and interrupts the endless loop.
 */
#define UART_DATA (*(volatile unsigned int *) 0xB8020000) /* AR933X UART_DATA, KSEG1 */
#define UART_TX_CSR (1u << 9)                              /* write: send the low byte */

volatile int counter;   /* the watched global */
int calls;

/* Stack below 4 MiB (KSEG0), then main; nothing returns. */
__asm__(".section .text.start\n"
        ".globl _start\n"
        ".set noreorder\n"
        "_start:\n"
        "  lui $sp, 0x8040\n"
        "  jal main\n"
        "  nop\n"
        "1: b 1b\n"
        "  nop\n"
        ".set reorder\n"
        ".previous\n");

static void uart_puts(const char *s)
{
    while (*s)
        UART_DATA = UART_TX_CSR | (unsigned char) *s++;
}

int __attribute__((noinline)) bump(int by)
{
    int next = counter + by;
    counter = next;
    calls++;
    return next;
}

int main(void)
{
    uart_puts("gdb target ready\n");
    for (;;)
        bump(2);
}
