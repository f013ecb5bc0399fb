package org.socemu.periph.ar9331;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.socemu.core.UserError;
import org.socemu.core.console.CharBackend;
import org.socemu.core.machine.BootImages;
import org.socemu.core.machine.Machine;
import org.socemu.core.machine.MachineBuilder;
import org.socemu.core.machine.Registry;
import org.socemu.core.mem.BusView;
import org.socemu.core.time.Clock;

/** The board descriptions, built through the real registry and builder around a stand-in core. */
@Timeout(30)
class Ar9331MachineTest {
    @TempDir Path dir;

    private static Registry registry() {
        Registry r = Registry.load();
        r.register(new FakeMipsCore.Type());
        return r;
    }

    private Machine build(String name, byte[] flashImage) throws Exception {
        Path flash = dir.resolve(name + ".bin");
        Files.write(flash, flashImage);
        BootImages images = new BootImages();
        images.flash = flash;
        Registry r = registry();
        Machine m = new MachineBuilder(r).build(r.machine(name), images);
        m.powerOn();
        return m;
    }

    @Test
    void bothBoardsAreRegistered() {
        Registry r = registry();
        assertEquals("big", r.machine("ar9331-dpt-module").endian);
        assertEquals("big", r.machine("tl-mr3020").endian);
        assertEquals(400_000_000L, r.machine("tl-mr3020").core("cpu").hz);
    }

    @Test
    void dptModuleMemoryMapAndAliases() throws Exception {
        Machine m = build("ar9331-dpt-module", new byte[] {0x10, 0x00, 0x00, 0x08});
        BusView bus = m.systemView();
        bus.write(0x100, 4, 0xCAFEF00D);
        for (long alias = 64L << 20; alias < 0x10000000L; alias += 64L << 20)
            assertEquals(0xCAFEF00D, bus.read(alias + 0x100, 4), "DRAM repeats every 64 MiB for Linux's sizing");
        assertEquals(0x10000008, bus.read(0x1FC00000L, 4), "reset vector shows flash offset 0");
        assertEquals(0x10000008, bus.read(0x1F000000L, 4), "SPI window in memory-mapped mode");
        assertEquals(0x1111, bus.read(0x18060090L, 4), "REV_ID");
        assertEquals(0x00818000, bus.read(0x18050000L, 4), "CPU_PLL_CONFIG");
        bus.write(0x1D000000L, 4, 0x12345678);
        assertEquals(0x12345678, bus.read(0x1D000000L, 4));
        FakeMipsCore cpu = (FakeMipsCore) m.cpus().get(0);
        assertEquals(FakeMipsCore.RESET_VECTOR, cpu.pc(), "flash boot starts at the reset vector");
        assertEquals("0x00019374", cpu.ctx.props().string("prid", null));
    }

    @Test
    void mr3020HasItsOwnSizes() throws Exception {
        Machine m = build("tl-mr3020", new byte[16]);
        BusView bus = m.systemView();
        bus.write(0x40, 4, 0x01020304);
        assertEquals(0x01020304, bus.read((32L << 20) + 0x40, 4));
        assertEquals(0x01020304, bus.read((224L << 20) + 0x40, 4));
        // RDID over the bit-banged bus: the S25SL032P's JEDEC bytes
        bus.write(0x1F000000L, 4, 1);
        int base = 0x00060000;
        bus.write(0x1F000008L, 4, base);
        int[] rx = new int[4];
        int[] tx = {0x9F, 0, 0, 0};
        for (int i = 0; i < 4; i++) {
            for (int bit = 7; bit >= 0; bit--) {
                bus.write(0x1F000008L, 4, base | (tx[i] >> bit & 1));
                bus.write(0x1F000008L, 4, base | (tx[i] >> bit & 1) | 0x100);
            }
            rx[i] = bus.read(0x1F00000CL, 4) & 0xFF;
        }
        assertArrayEquals(new int[] {0x01, 0x02, 0x15}, new int[] {rx[1], rx[2], rx[3]});
    }

    @Test
    void uartInterruptReachesCpuPin6ThroughMisc() throws Exception {
        Machine m = build("ar9331-dpt-module", new byte[4]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.serialPort("uart").setBackend(new CharBackend() {
            @Override public void write(int b) { out.write(b); }
        });
        BusView bus = m.systemView();
        bus.write(0x18020000L, 4, 0x200 | 'S');
        assertEquals("S", out.toString());
        FakeMipsCore cpu = (FakeMipsCore) m.cpus().get(0);
        bus.write(0x18020004L, 4, 1 << 13);     // CS.HOST_INT_EN
        bus.write(0x18020010L, 4, 1);           // INT_EN.RX_VALID
        m.serialPort("uart").inject(new byte[] {'k'});
        assertFalse(cpu.input("6").isHigh(), "misc input 3 not enabled yet");
        bus.write(0x18060014L, 4, 1 << 3);      // MISC_INT_ENABLE |= UART
        assertTrue(cpu.input("6").isHigh());
        assertEquals(1 << 3, bus.read(0x18060010L, 4) & (1 << 3));
        bus.write(0x18020000L, 4, 0x100);       // pop
        bus.write(0x18060010L, 4, 0);           // ack
        assertFalse(cpu.input("6").isHigh());
    }

    @Test
    void resetModuleFullChipResetResetsTheMachineButKeepsSram() throws Exception {
        Machine m = build("ar9331-dpt-module", new byte[4]);
        BusView bus = m.systemView();
        bus.write(0x1D000000L, 4, 0x12345678);
        bus.write(0x00001000L, 4, 0xDEADBEEF);
        bus.write(0x1806001CL, 4, 1 << 24);
        m.run(Clock.PS_PER_US);
        assertEquals(1, m.resetCount());
        assertEquals(0x12345678, bus.read(0x1D000000L, 4), "on-chip SRAM survives (barebox's Hornet workaround)");
        assertEquals(0, bus.read(0x00001000L, 4));
        assertEquals(FakeMipsCore.RESET_VECTOR, m.cpus().get(0).pc());
    }

    @Test
    void watchdogFullChipResetThroughTheMachine() throws Exception {
        Machine m = build("ar9331-dpt-module", new byte[4]);
        BusView bus = m.systemView();
        bus.write(0x1806000CL, 4, 2000);   // 10 us at AHB 200 MHz
        bus.write(0x18060008L, 4, 3);      // full-chip reset
        m.run(5 * Clock.PS_PER_US);
        assertEquals(0, m.resetCount());
        m.run(20 * Clock.PS_PER_US);
        assertEquals(1, m.resetCount());
        assertEquals(1 << 31, bus.read(0x18060008L, 4));
    }

    @Test
    void bootWithoutImagesIsAUserError() {
        Registry r = registry();
        assertThrows(UserError.class, () -> new MachineBuilder(r).build(r.machine("tl-mr3020"), new BootImages()));
    }
}
