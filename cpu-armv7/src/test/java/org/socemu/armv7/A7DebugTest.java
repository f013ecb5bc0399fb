package org.socemu.armv7;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socemu.core.cpu.Cpu;
import org.socemu.core.cpu.Debuggable;
import org.socemu.core.mem.Region;

/**
 * The Cortex-A7 as the GDB stub sees it (Debuggable): registers in the target description's
 * numbering, breakpoints in A32 and T32 code (conditional and IT-block instructions included),
 * watchpoints that stop before the access, and the debugger's MMU walk (short descriptors and
 * LPAE) that neither faults nor touches devices.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class A7DebugTest {
    /**
     * A loop on page 0x1000 that calls an A32 function on page 0x2000 and a T32 function at
     * 0x2100; the data they touch is on page 0x3000. Addresses are fixed with .org so the test
     * can name instructions.
     */
    private static final String PROGRAM = """
              .syntax unified
              .arm
              .text
              .globl _start
            _start:                         @ 0x1000
              mov sp, #0x8000
              ldr r4, =0x3000
              mov r5, #0
            loop:                           @ 0x100c
              bl bump
              blx tfunc                     @ 0x1010
              add r5, r5, #1                @ 0x1014
              b loop                        @ 0x1018
              .ltorg
              .org 0x1000
            bump:                           @ 0x2000
              ldr r0, [r4]
              add r0, r0, #2                @ 0x2004
              str r0, [r4]                  @ 0x2008
              cmp r0, #0                    @ 0x200c
              moveq r1, #1                  @ 0x2010: its condition never passes
              bx lr                         @ 0x2014
              .org 0x1100
              .thumb
              .thumb_func
            tfunc:                          @ 0x2100
              movs r2, #1
              cmp r2, #2                    @ 0x2102
              it eq                         @ 0x2104
              addeq.w r3, r3, #1            @ 0x2106: 32-bit, in the IT block, condition fails
              add.w r6, r6, #1              @ 0x210a: 32-bit
              bx lr                         @ 0x210e
              .org 0x2000
              .word 0                       @ 0x3000: counter
              .word 0                       @ 0x3004: a neighbour nobody touches
            """;
    private static final long COUNTER = 0x3000;

    private TestBoard b;
    private final List<String> events = new ArrayList<>();

    @BeforeEach
    void load() throws Exception {
        b = new TestBoard();
        byte[] img = TestBoard.assemble(PROGRAM, 0x1000);
        b.view.load(0x1000, img);
        for (int v = 0; v < 8; v++) b.words(4L * v, 0xeafffffe); // b . at every vector
        b.cpu.setPc(0x1000);
        b.cpu.setDebugListener(new Debuggable.Listener() {
            @Override public void breakpoint(Cpu cpu, long pc) {
                events.add(String.format("break %x", pc));
            }

            @Override public void watchpoint(Cpu cpu, int type, long address) {
                events.add(String.format("watch%d %x", type, address));
            }
        });
    }

    private String run(long budget) {
        events.clear();
        b.cpu.run(budget);
        return events.isEmpty() ? "none" : String.join(",", events);
    }

    @Test
    void armBreakpointsStopBeforeTheInstructionAndResumePastIt() {
        b.cpu.setBreakpoints(Set.of(0x2000L));
        assertEquals("break 2000", run(100_000));
        assertEquals(0x2000, b.cpu.pc());
        assertEquals(0, b.cpu.register(5), "the first call");
        // continuing with the breakpoint still set executes it and stops at the next call
        assertEquals("break 2000", run(100_000));
        assertEquals(1, b.cpu.register(5));
        assertEquals(2, b.word(COUNTER));
        // a conditional instruction whose condition fails stops all the same
        b.cpu.setBreakpoints(Set.of(0x2010L));
        assertEquals("break 2010", run(100_000));
        b.cpu.setBreakpoints(Set.of());
        assertEquals("none", run(1000));
    }

    @Test
    void aBreakpointInAlreadyDecodedCodeTakesEffectAtOnce() {
        assertEquals("none", run(10_000)); // every instruction of the loop decoded and cached
        long calls = b.cpu.register(5);
        b.cpu.setBreakpoints(Set.of(0x2004L, 0x9000L));
        assertEquals("break 2004", run(100_000));
        assertTrue(b.cpu.register(5) - calls <= 1, "stopped in the next call");
        // single steps from the breakpoint (budget 1) move one instruction at a time
        b.cpu.run(1);
        assertEquals(0x2008, b.cpu.pc());
        b.cpu.run(1);
        assertEquals(0x200c, b.cpu.pc());
    }

    @Test
    void thumbBreakpointsOn32BitAndItBlockInstructions() {
        b.cpu.setBreakpoints(Set.of(0x2106L, 0x210bL)); // GDB may send a Thumb address with bit 0 set
        assertEquals("break 2106", run(100_000));
        assertTrue(b.cpu.thumb);
        assertEquals(0x2106, b.cpu.pc());
        assertEquals("break 210a", run(100_000));
        assertEquals("break 2106", run(100_000));
        assertEquals(1, b.cpu.register(6), "add.w ran once between the stops");
        assertEquals(0, b.cpu.register(3), "the IT block's instruction never passed its condition");
    }

    @Test
    void breakpointsThatNeverHitChangeNothing() throws Exception {
        run(50_000);
        long pcPlain = b.cpu.pc(), r5Plain = b.cpu.register(5), retiredPlain = b.cpu.retired();
        load(); // a fresh board
        b.cpu.setBreakpoints(Set.of(0x9000L, 0x2108L)); // one nowhere, one inside a 32-bit instruction
        assertEquals("none", run(50_000));
        assertEquals(retiredPlain, b.cpu.retired());
        assertEquals(pcPlain, b.cpu.pc());
        assertEquals(r5Plain, b.cpu.register(5));
    }

    @Test
    void writeWatchpointStopsBeforeTheStoreAndTheResumeDoesIt() {
        b.cpu.setWatchpoints(List.of(new long[] {COUNTER, 4, A7Debug.WATCH_WRITE}));
        assertEquals("watch2 3000", run(100_000));
        assertEquals(0x2008, b.cpu.pc(), "stopped at the str");
        assertEquals(2, b.cpu.register(0), "the instructions before it ran");
        assertEquals(0, b.word(COUNTER), "the store has not happened");
        assertEquals("watch2 3000", run(100_000));
        assertEquals(0x2008, b.cpu.pc());
        assertEquals(2, b.word(COUNTER), "the resumed store, then the next call's stop");
        b.cpu.setWatchpoints(List.of());
        assertEquals("none", run(1000));
    }

    @Test
    void readAccessAndOverlappingWatchpoints() {
        b.cpu.setWatchpoints(List.of(new long[] {COUNTER, 4, A7Debug.WATCH_READ}));
        assertEquals("watch3 3000", run(100_000));
        assertEquals(0x2000, b.cpu.pc(), "stopped at the ldr");
        // a byte in the middle of the word, watched for any access: the word store hits it
        b.cpu.setWatchpoints(List.of(new long[] {COUNTER + 2, 1, A7Debug.WATCH_ACCESS}));
        assertEquals("watch4 3002", run(100_000));
        assertEquals(0x2008, b.cpu.pc(), "the resumed ldr ran through; the str stops");
    }

    @Test
    void watchpointsElsewhereOnThePageOrOnOtherPagesNeverStop() {
        b.cpu.setWatchpoints(List.of(new long[] {COUNTER + 4, 4, A7Debug.WATCH_ACCESS},
                new long[] {0x7000, 16, A7Debug.WATCH_WRITE}));
        assertEquals("none", run(50_000));
        assertEquals(50_000, b.cpu.retired());
        assertTrue(b.word(COUNTER) > 1000, "counter bumped all along");
    }

    // ---- registers ----

    private static long le(byte[] v) {
        long x = 0;
        for (int k = v.length - 1; k >= 0; k--) x = (x << 8) | (v[k] & 0xff);
        return x;
    }

    private static byte[] le(long v, int size) {
        byte[] b = new byte[size];
        for (int k = 0; k < size; k++) b[k] = (byte) (v >>> (8 * k));
        return b;
    }

    @Test
    void registersFollowTheTargetDescription() {
        // every register the XML declares exists, in order, with the size the XML gives it
        Pattern reg = Pattern.compile("<reg name=\"(\\w+)\" bitsize=\"(\\d+)\"[^>]* regnum=\"(\\d+)\"");
        int expect = 0;
        for (String doc : List.of("arm-core.xml", "arm-vfp.xml", "arm-cp15.xml", "arm-banked.xml")) {
            String xml = b.cpu.gdbTargetXml(doc);
            assertNotNull(xml, doc);
            assertTrue(b.cpu.gdbTargetXml("target.xml").contains("href=\"" + doc + "\""), doc);
            Matcher m = reg.matcher(xml);
            while (m.find()) {
                assertEquals(expect, Integer.parseInt(m.group(3)), m.group(1));
                byte[] v = b.cpu.gdbReadRegister(expect);
                assertNotNull(v, m.group(1));
                assertEquals(Integer.parseInt(m.group(2)) / 8, v.length, m.group(1));
                expect++;
            }
        }
        assertEquals(b.cpu.gdbRegisterCount(), expect);
        assertNull(b.cpu.gdbReadRegister(expect));
        assertNull(b.cpu.gdbTargetXml("../secret.xml"));
    }

    @Test
    void coreVfpAndCp15Registers() {
        assertTrue(b.cpu.gdbWriteRegister(3, le(0xdeadbeefL, 4)));
        assertEquals(0xdeadbeefL, b.cpu.register(3));
        assertTrue(b.cpu.gdbWriteRegister(A7Debug.D0 + 31, le(0x400921fb54442d18L, 8)));
        assertEquals(0x400921fb54442d18L, le(b.cpu.gdbReadRegister(A7Debug.D0 + 31)));
        assertFalse(b.cpu.gdbWriteRegister(A7Debug.D0, le(1, 4)), "a d register is 8 bytes");
        // pc keeps the instruction set; cpsr's T bit changes it
        b.cpu.setPc(0x2101);
        assertEquals(0x2100, le(b.cpu.gdbReadRegister(A7Debug.PC)));
        assertTrue(b.cpu.gdbWriteRegister(A7Debug.PC, le(0x2106, 4)));
        assertTrue(b.cpu.thumb);
        assertEquals(0x2106, b.cpu.pc());
        b.cpu.cp15().sctlr |= Cp15.SCTLR_V;
        b.cpu.cp15().ttbr0 = 0x8000;
        b.cpu.cp15().ttbr0Hi = 0x00ab0001; // ASID 0xab, BADDR[39:32] = 1 (LPAE)
        assertEquals(b.cpu.cp15().sctlr, le(b.cpu.gdbReadRegister(A7Debug.CP15)));
        assertEquals(0x00ab000100008000L, le(b.cpu.gdbReadRegister(A7Debug.CP15 + 1)));
        assertFalse(b.cpu.gdbWriteRegister(A7Debug.CP15, le(0, 4)), "CP15 is read-only from the debugger");
    }

    @Test
    void bankedRegistersOfEveryMode() {
        int base = A7Debug.BANKED;
        int spUsr = base + 5, spFiq = base + 12, spsrFiq = base + 14, spIrq = base + 15, spSvc = base + 18, spsrIrq = base + 17;
        b.cpu.setCpsr(0x1d3); // SVC, IRQ/FIQ masked
        b.cpu.setRegister(13, 0x5000);
        assertEquals(0x5000, le(b.cpu.gdbReadRegister(spSvc)), "the current mode's sp is r13");
        assertTrue(b.cpu.gdbWriteRegister(spIrq, le(0x6000, 4)));
        assertTrue(b.cpu.gdbWriteRegister(spsrIrq, le(0x60000010, 4)));
        assertTrue(b.cpu.gdbWriteRegister(spFiq, le(0x7000, 4)));
        assertTrue(b.cpu.gdbWriteRegister(base, le(0x88, 4)), "r8_usr");
        assertTrue(b.cpu.gdbWriteRegister(base + 7, le(0x8f, 4)), "r8_fiq");
        assertEquals(0x88, b.cpu.register(8), "outside FIQ mode r8 is the user one");
        b.cpu.setCpsr(0x1d2); // IRQ
        assertEquals(0x6000, b.cpu.register(13));
        assertEquals(0x60000010, b.cpu.spsrOf(ArmMode.IRQ));
        assertEquals(0x5000, le(b.cpu.gdbReadRegister(spSvc)), "SVC's sp, banked away");
        b.cpu.setCpsr(0x1d1); // FIQ
        assertEquals(0x7000, b.cpu.register(13));
        assertEquals(0x8f, b.cpu.register(8));
        assertEquals(0x88, le(b.cpu.gdbReadRegister(base)), "r8_usr while in FIQ mode");
        assertEquals(0, le(b.cpu.gdbReadRegister(spsrFiq)));
        assertEquals(0, le(b.cpu.gdbReadRegister(spUsr)));
    }

    // ---- the debugger's MMU walk ----

    /** A device whose reads count (as a FIFO pop would), and whose peeks do not. */
    static final class CountingDevice implements Region {
        int reads;

        @Override public String name() { return "fifo"; }
        @Override public long size() { return 0x10000; }
        @Override public int read(long offset, int size) { reads++; return 0x00000c02; } // a section descriptor
        @Override public void write(long offset, int size, int value) {}
        @Override public int peek(long offset, int size) { return 0x00000c02; }
    }

    @Test
    void shortDescriptorWalkIgnoresPermissionsAndTakesNoFault() {
        Cp15 c = b.cpu.cp15();
        b.words(0x8000 + 0xc00 * 4, 0x00000002);           // VA 0xC00xxxxx: section at PA 0, AP = 0 (no access)
        b.words(0x8000 + 0xc01 * 4, 0x0000c001);           // VA 0xC01xxxxx: page table at 0xC000
        b.words(0xc000 + 5 * 4, 0x00005002);               // its page 5: small page at PA 0x5000, AP = 0
        c.ttbr0 = 0x8000;
        c.dacr = 0;                                        // every domain "no access"
        c.sctlr |= Cp15.SCTLR_M;
        c.dfsr = 0x1111;
        c.dfar = 0x2222;
        c.ifsr = 0x3333;
        int cpsr = b.cpu.cpsr();
        assertEquals(0x1234, b.cpu.debugTranslate(0xc0001234L));
        assertEquals(0x5abc, b.cpu.debugTranslate(0xc0105abcL));
        assertEquals(-1, b.cpu.debugTranslate(0xc0106000L), "no page there");
        assertEquals(-1, b.cpu.debugTranslate(0x40000000L), "no section there");
        assertEquals(-1, b.cpu.debugTranslate(0x1_0000_0000L), "beyond 32 bits");
        assertEquals(0x1111, c.dfsr);
        assertEquals(0x2222, c.dfar);
        assertEquals(0x3333, c.ifsr);
        assertEquals(cpsr, b.cpu.cpsr(), "no exception taken");
        assertEquals(0x1000, b.cpu.pc());
    }

    @Test
    void lpaeWalkIgnoresTheAccessFlag() {
        Cp15 c = b.cpu.cp15();
        b.words(0x8000 + 3 * 8, 0x00000001, 0);            // L1[3]: 1 GiB block at PA 0, AF clear
        b.words(0x8000 + 1 * 8, 0x00009003, 0);            // L1[1]: table at 0x9000
        b.words(0x9000, 0x0000a003, 0);                    // L2[0]: table at 0xA000
        b.words(0xa000 + 8, 0x00005003, 0);                // L3[1]: page at 0x5000, AF clear
        c.ttbcr = Cp15.TTBCR_EAE;
        c.ttbr0 = 0x8000;
        c.sctlr |= Cp15.SCTLR_M;
        assertEquals(0x10, b.cpu.debugTranslate(0xc0000010L));
        assertEquals(0x5008, b.cpu.debugTranslate(0x40001008L));
        assertEquals(-1, b.cpu.debugTranslate(0x40002000L), "L3[2] is invalid");
        assertEquals(0, c.dfsr);
    }

    @Test
    void tablesInADeviceArePeekedNotRead() {
        CountingDevice dev = new CountingDevice();
        b.view.map(0x10000000L, dev);
        Cp15 c = b.cpu.cp15();
        c.ttbr0 = 0x10000000;
        c.sctlr |= Cp15.SCTLR_M;
        assertEquals(0x00000004L, b.cpu.debugTranslate(0x00000004L), "the device's value is a section at 0");
        c.ttbcr = Cp15.TTBCR_EAE;
        b.cpu.debugTranslate(0x00000004L);
        assertEquals(0, dev.reads, "no device read for the debugger's walk");
    }
}
