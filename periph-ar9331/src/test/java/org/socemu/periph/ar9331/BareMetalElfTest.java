package org.socemu.periph.ar9331;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.socemu.core.console.CharBackend;
import org.socemu.core.machine.BootImages;
import org.socemu.core.machine.Machine;
import org.socemu.core.machine.MachineBuilder;
import org.socemu.core.machine.Registry;
import org.socemu.core.time.Clock;

/**
 * A bare-metal program of ours (src/test/resources/baremetal/uhi-hello.S), assembled with Debian's
 * gcc-mips-linux-gnu, booted through the "ar9331" protocol. The loader part runs everywhere the
 * toolchain is installed; the run itself needs the real mips-24kc core on the class path.
 */
@Timeout(120)
class BareMetalElfTest {
    static final String CC = "mips-linux-gnu-gcc";
    static final String OBJCOPY = "mips-linux-gnu-objcopy";
    @TempDir Path dir;

    private Path resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/baremetal/" + name)) {
            assertNotNull(in, name);
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        }
    }

    /** Runs a tool of the MIPS cross toolchain; skips the test when it is not installed. */
    private void tool(List<String> cmd) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, cmd.get(0) + " not installed (Debian packages gcc-mips-linux-gnu, binutils-mips-linux-gnu)");
            return;
        }
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), cmd.get(0) + " timed out");
        assertEquals(0, p.exitValue(), log);
    }

    /** Assembles and links {@code name}.S with {@code name}.ld into an ELF. */
    private Path assemble(String name) throws Exception {
        Path src = resource(name + ".S"), lds = resource(name + ".ld"), elf = dir.resolve(name + ".elf");
        tool(List.of(CC, "-nostdlib", "-static", "-march=24kc", "-mno-abicalls", "-fno-pic", "-G0", "-T", lds.toString(),
                "-Wl,--build-id=none", "-o", elf.toString(), src.toString()));
        return elf;
    }

    private Path assemble() throws Exception {
        return assemble("uhi-hello");
    }

    /** The flash image of the reset-vector program: its ELF as raw bytes from 0xBFC00000. */
    private Path flashImage() throws Exception {
        Path elf = assemble("flash-reset"), bin = dir.resolve("flash-reset.bin");
        tool(List.of(OBJCOPY, "-O", "binary", elf.toString(), bin.toString()));
        return bin;
    }

    private Machine flashMachine(Registry r, Path bin) {
        BootImages images = new BootImages();
        images.flash = bin;
        return new MachineBuilder(r).build(r.machine("ar9331-dpt-module"), images);
    }

    @Test
    void flashImageShowsAtTheResetVector() throws Exception {
        Path bin = flashImage();
        Registry r = Registry.load();
        r.register(new FakeMipsCore.Type());
        Machine m = flashMachine(r, bin);
        m.powerOn();
        assertEquals(0x3C10B802, m.systemView().read(0x1FC00000L, 4), "lui s0, 0xb802 at the reset vector");
        assertEquals(FakeMipsCore.RESET_VECTOR, m.cpus().get(0).pc());
    }

    @Test
    void flashBootResetsTheChipAndFindsItsSramFlag() throws Exception {
        Registry r = Registry.load();
        assumeTrue(r.hasCpuType("mips-24kc"), "no mips-24kc core on the class path yet (branch mips)");
        Machine m = flashMachine(r, flashImage());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.serialPort("uart").setBackend(new CharBackend() {
            @Override public void write(int b) { out.write(b); }
        });
        m.powerOn();
        m.run(10 * Clock.PS_PER_MS);
        assertEquals("FLASH-BOOT first pass, full-chip reset\nFLASH-BOOT second pass, SRAM flag kept\n", out.toString());
        assertEquals(1, m.resetCount());
    }

    private Machine boot(Registry r, Path elf) throws IOException {
        BootImages images = new BootImages();
        images.kernel = elf;
        images.dtb = dir.resolve("min.dtb");
        Files.write(images.dtb, Ar9331BootTest.FDT);
        Machine m = new MachineBuilder(r).build(r.machine("ar9331-dpt-module"), images);
        return m;
    }

    @Test
    void toolchainElfLoadsWhereItIsLinked() throws Exception {
        Path elf = assemble();
        Registry r = Registry.load();
        r.register(new FakeMipsCore.Type());
        Machine m = boot(r, elf);
        m.powerOn();
        assertEquals(0x3C10B802, m.systemView().read(0x00100000L, 4), "lui s0, 0xb802 at physical 1 MiB");
        assertEquals(0x80100000L, m.cpus().get(0).pc());
        assertEquals(0x81000000L, m.cpus().get(0).register(5));
    }

    @Test
    void runsOnTheRealCoreAndReportsOverTheUart() throws Exception {
        Registry r = Registry.load();
        assumeTrue(r.hasCpuType("mips-24kc"), "no mips-24kc core on the class path yet (branch mips)");
        Path elf = assemble();
        Machine m = boot(r, elf);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.serialPort("uart").setBackend(new CharBackend() {
            @Override public void write(int b) { out.write(b); }
        });
        m.powerOn();
        m.run(10 * Clock.PS_PER_MS);
        assertEquals("UHI-OK a0=-2 dtb=d00dfeed\n", out.toString());
    }
}
