/*
 * Cortex-A7 bare-metal self-test: takes and returns from every exception type (Undefined in ARM
 * and Thumb state, SVC from SVC and User mode, Prefetch Abort from BKPT and from an MMU fault,
 * Data Abort for translation, permission, domain and alignment faults, IRQ and FIQ from the
 * generic timers), with the MMU on. Reports into a text buffer at 0x00F00000 ending in PASS or FAIL.
 */
typedef unsigned int u32;

#define OUT ((volatile char *)0x00F00000)
enum { UND = 1, SVC = 2, PABT = 3, DABT = 4, IRQ = 6, FIQ = 7 };

extern u32 l1_table[4096];
extern int do_udf_arm(void), do_svc_arm(void), do_bkpt(void), do_udf_thumb(void), do_svc_thumb(void);
extern int thumb_add(int, int);
extern int run_user(int (*fn)(void), void *stack);

volatile u32 user_result;
static volatile u32 count[8], last_lr, last_spsr, last_fsr, last_far, svc_imm;
static u32 out_pos, failures;
static u32 user_stack[256];

static void putc_(char c) { OUT[out_pos++] = c; OUT[out_pos] = 0; }
static void puts_(const char *s) { while (*s) putc_(*s++); }
static void puthex(u32 v) {
    puts_("0x");
    for (int i = 28; i >= 0; i -= 4) putc_("0123456789abcdef"[(v >> i) & 15]);
}
static void check(int ok, const char *what, u32 got) {
    puts_(ok ? "ok   " : "FAIL ");
    puts_(what);
    if (!ok) { puts_(" got "); puthex(got); failures++; }
    putc_('\n');
}

#define MRC(op1, crn, crm, op2) ({ u32 v_; __asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(v_)); v_; })
#define MCR(op1, crn, crm, op2, v) __asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 :: "r"(v) : "memory")
static void isb(void) { __asm__ volatile("isb" ::: "memory"); }

static u32 section(u32 phys_mb, u32 ap, u32 domain) {
    return (phys_mb << 20) | ((ap & 3) << 10) | ((ap >> 2) << 15) | (domain << 5) | 2;
}
static void map(u32 va_mb, u32 desc) {
    l1_table[va_mb] = desc;
    MCR(0, c8, c3, 3, va_mb << 20);         /* TLBIMVAAIS */
    isb();
}

/* Called by every handler; returns where execution resumes. */
u32 exception_c(u32 kind, u32 lr, u32 spsr) {
    count[kind]++;
    last_lr = lr;
    last_spsr = spsr;
    int thumb = (spsr >> 5) & 1;
    switch (kind) {
    case UND:
        return lr;                            /* LR = the instruction + 4 (ARM) / + 2 (Thumb): skip it */
    case SVC:
        svc_imm = thumb ? *(volatile unsigned short *)(lr - 2) & 0xff : *(volatile u32 *)(lr - 4) & 0xffffff;
        return lr;
    case PABT:
        last_fsr = MRC(0, c5, c0, 1);
        last_far = MRC(0, c6, c0, 2);
        if ((last_fsr & 0x40f) == 0x2) return lr;   /* BKPT: go on after it */
        map(last_far >> 20, section(0, 3, 0));      /* alias of the code: retry the fetch */
        return lr - 4;
    case DABT:
        last_fsr = MRC(0, c5, c0, 0);
        last_far = MRC(0, c6, c0, 0);
        if ((last_fsr & 0x40f) == 0x5 && (last_far >> 20) == 0x400) {
            map(0x400, section(8, 3, 0));             /* demand mapping: retry the access */
            return lr - 8;
        }
        return lr - 4;                                /* skip the faulting instruction */
    case IRQ:
        MCR(0, c14, c2, 1, 0);                        /* CNTP_CTL: timer off, line drops */
        return lr - 4;
    case FIQ:
        MCR(0, c14, c3, 1, 0);                        /* CNTV_CTL */
        return lr - 4;
    }
    return lr;
}

static int user_reads_cpsr(void) {
    u32 v;
    __asm__ volatile("mrs %0, cpsr" : "=r"(v));
    return v & 0x1f;
}

static int user_reads_kernel_page(void) {
    volatile u32 *p = (volatile u32 *)0x70000000;     /* kernel-only section */
    u32 before = count[DABT];
    (void)*p;
    return count[DABT] - before;                        /* count is readable: AP=3 for RAM */
}

static void enable_mmu(void) {
    for (u32 i = 0; i < 4096; i++) l1_table[i] = 0;
    for (u32 i = 0; i < 16; i++) l1_table[i] = section(i, 3, 0);   /* RAM, identity, full access */
    l1_table[0x600] = section(9, 7, 0);               /* read-only everywhere (APX=1, AP=11) */
    l1_table[0x700] = section(10, 1, 0);              /* privileged only */
    l1_table[0x800] = section(11, 3, 1);              /* domain 1: no access */
    MCR(0, c2, c0, 2, 0);                             /* TTBCR: TTBR0 only */
    MCR(0, c2, c0, 0, (u32)l1_table);
    MCR(0, c3, c0, 0, 1);                             /* DACR: domain 0 client, others no access */
    MCR(0, c8, c7, 0, 0);                             /* TLBIALL */
    u32 sctlr = MRC(0, c1, c0, 0);
    MCR(0, c1, c0, 0, sctlr | 1);
    isb();
}

int main(void) {
    int r;
    puts_("cortex-a7 self-test\n");
    check(MRC(0, c0, c0, 0) == 0x410fc075, "MIDR is a Cortex-A7 r0p5", MRC(0, c0, c0, 0));

    /* Undefined Instruction */
    r = do_udf_arm();
    check(r == 0x55 && count[UND] == 1, "UDF in ARM state returns past the instruction", r);
    check(last_lr == (u32)do_udf_arm + 4, "LR_und = ARM instruction + 4", last_lr);
    check((last_spsr & 0x3f) == 0x13, "SPSR_und: SVC mode, ARM state", last_spsr);
    r = do_udf_thumb();
    check(r == 0x66 && count[UND] == 2, "UDF in Thumb state returns past the instruction", r);
    check(last_lr == ((u32)do_udf_thumb & ~1u) + 2, "LR_und = Thumb instruction + 2", last_lr);
    check((last_spsr & 0x3f) == 0x33, "SPSR_und: SVC mode, Thumb state", last_spsr);

    /* Supervisor Call */
    do_svc_arm();
    check(count[SVC] == 1 && svc_imm == 0x4242, "SVC #0x4242 in ARM state", svc_imm);
    do_svc_thumb();
    check(count[SVC] == 2 && svc_imm == 0x42, "SVC #0x42 in Thumb state", svc_imm);

    /* Prefetch Abort from BKPT */
    do_bkpt();
    check(count[PABT] == 1 && (last_fsr & 0x40f) == 0x2, "BKPT: Prefetch Abort, IFSR debug event", last_fsr);

    /* With the MMU on */
    enable_mmu();
    check((MRC(0, c1, c0, 0) & 1) == 1, "MMU enabled", MRC(0, c1, c0, 0));
    *(volatile u32 *)0x00800010 = 0xcafe0001;
    u32 v = *(volatile u32 *)0x40000010;
    check(v == 0xcafe0001, "translation fault, mapped by the handler, access retried", v);
    check(count[DABT] == 1 && (last_fsr & 0x40f) == 0x5 && last_far == 0x40000010, "DFSR/DFAR of a section translation fault", last_fsr);

    *(volatile u32 *)0x60000000 = 1;
    check(count[DABT] == 2 && (last_fsr & 0xc0f) == 0x80d && last_far == 0x60000000, "write to read-only: permission fault, WnR", last_fsr);
    (void)*(volatile u32 *)0x80000004;
    check(count[DABT] == 3 && (last_fsr & 0x4ff) == 0x19, "domain fault names domain 1", last_fsr);

    int (*alias)(int, int) = (int (*)(int, int))((u32)thumb_add + 0x50000000);
    r = alias(40, 2);
    check(r == 42 && count[PABT] == 2 && (last_fsr & 0x40f) == 0x5, "fetch from unmapped Thumb code: Prefetch Abort, retried", r);
    check(last_far == (((u32)thumb_add & ~1u) + 0x50000000), "IFAR", last_far);
    check((last_spsr & 0x20) != 0, "SPSR_abt keeps the Thumb state of the aborted fetch", last_spsr);

    /* Alignment */
    static volatile u32 words[2] = {0x44332211, 0x88776655};
    v = *(volatile u32 *)((u32)words + 1);
    check(v == 0x55443322, "unaligned load with SCTLR.A = 0", v);
    MCR(0, c1, c0, 0, MRC(0, c1, c0, 0) | 2);
    isb();
    u32 before = count[DABT];
    v = *(volatile u32 *)((u32)words + 1);
    check(count[DABT] == before + 1 && (last_fsr & 0x40f) == 0x1 && last_far == (u32)words + 1, "alignment fault with SCTLR.A = 1", last_fsr);
    MCR(0, c1, c0, 0, MRC(0, c1, c0, 0) & ~2u);
    isb();

    /* User mode */
    r = run_user(user_reads_cpsr, user_stack + 256);
    check(user_result == 0x10, "User mode runs and returns with SVC", user_result);
    before = count[DABT];
    r = run_user(user_reads_kernel_page, user_stack + 256);
    check(user_result == 1 && (last_fsr & 0x40f) == 0xd && (last_spsr & 0x1f) == 0x10, "User access to a privileged section: permission fault", last_fsr);

    /* IRQ and FIQ from the generic timers */
    MCR(0, c14, c2, 0, 100);                          /* CNTP_TVAL */
    MCR(0, c14, c2, 1, 1);                            /* CNTP_CTL: enable */
    __asm__ volatile("cpsie i; wfi; nop" ::: "memory");
    __asm__ volatile("cpsid i" ::: "memory");
    check(count[IRQ] == 1 && (last_spsr & 0x1f) == 0x13, "IRQ from the physical timer, WFI wakes", count[IRQ]);
    MCR(0, c14, c3, 0, 100);                          /* CNTV_TVAL */
    MCR(0, c14, c3, 1, 1);
    __asm__ volatile("cpsie f; wfi; nop" ::: "memory");
    __asm__ volatile("cpsid f" ::: "memory");
    check(count[FIQ] == 1, "FIQ from the virtual timer", count[FIQ]);

    puts_(failures ? "FAIL\n" : "PASS\n");
    for (;;) __asm__ volatile("wfi");
}
