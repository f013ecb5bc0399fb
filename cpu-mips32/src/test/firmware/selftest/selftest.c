/*
 * 24Kc self-test for socemu: takes a TLB refill, a syscall and a Count/Compare interrupt and
 * reports PASS or FAIL on the test device's TX register. Built big- and little-endian by
 * FirmwareTest with mips-linux-gnu-gcc -nostdlib -mno-abicalls -fno-pic -march=24kc.
 */
#define TX   (*(volatile unsigned *)0xbf000000)

extern volatile unsigned refills, syscalls, ticks;
extern char refill_stub[], refill_stub_end[], general_stub[], general_stub_end[];

static void puts(const char *s) { while (*s) TX = (unsigned char)*s++; }

static void puthex(unsigned v)
{
	for (int i = 28; i >= 0; i -= 4) TX = "0123456789abcdef"[(v >> i) & 15];
}

static void copy(char *dst, const char *from, const char *to)
{
	while (from < to) *dst++ = *from++;
}

#define mfc0(reg, sel) ({ unsigned __v; __asm__ volatile("mfc0 %0, $" #reg ", " #sel : "=r"(__v)); __v; })
#define mtc0(reg, sel, v) __asm__ volatile("mtc0 %0, $" #reg ", " #sel "\n\tehb" :: "r"(v))

static int failures;

static void check(int ok, const char *what, unsigned got)
{
	if (!ok) {
		failures++;
		puts("FAIL ");
		puts(what);
		puts(" ");
		puthex(got);
		puts("\n");
	}
}

int main(void)
{
	puts("24Kc self-test\n");
	copy((char *)0x80000000, refill_stub, refill_stub_end);
	copy((char *)0x80000180, general_stub, general_stub_end);

	/* Identification as Linux reads it. */
	check((mfc0(15, 0) & 0xff00) == 0x9300, "PRId", mfc0(15, 0));
	check((mfc0(16, 1) & 1) == 0, "Config1.FP", mfc0(16, 1));

	/* TLB: invalidate all entries, then let the refill handler map the test window. */
	mtc0(6, 0, 0);                       /* Wired */
	mtc0(5, 0, 0);                       /* PageMask: 4 KiB */
	for (unsigned i = 0; i < 16; i++) {
		mtc0(10, 0, 0x80000000 + (i << 13));  /* unmatchable (kseg0) VPN2 */
		mtc0(2, 0, 0);
		mtc0(3, 0, 0);
		mtc0(0, 0, i);
		__asm__ volatile("tlbwi\n\tehb");
	}
	mtc0(10, 0, 0x2a);                   /* ASID 42 */
	volatile unsigned *virt = (volatile unsigned *)0x10002010;
	volatile unsigned *phys = (volatile unsigned *)(0xa0100000 + 0x2010);
	*virt = 0x5a5aa5a5;
	check(refills == 1, "refill count", refills);
	check(*phys == 0x5a5aa5a5, "mapped store", *phys);
	virt[0x400] = 7;                     /* odd page of the same pair: no new refill */
	check(refills == 1, "odd page", refills);
	check(phys[0x400] == 7, "odd page store", phys[0x400]);

	/* System call: the handler counts and returns after it. */
	__asm__ volatile("syscall");
	__asm__ volatile("syscall");
	check(syscalls == 2, "syscalls", syscalls);

	/* Count/Compare on IP7. */
	unsigned c = mfc0(9, 0);
	mtc0(11, 0, c + 2000);
	mtc0(12, 0, 0x8001);                 /* IM7 | IE */
	for (int spin = 0; spin < 1000000 && ticks == 0; spin++)
		;
	mtc0(12, 0, 0);
	check(ticks == 1, "timer interrupts", ticks);
	check(mfc0(9, 0) - c >= 2000, "Count advanced", mfc0(9, 0) - c);

	puts(failures ? "FAIL\n" : "PASS\n");
	return failures ? 1 : 0;
}
