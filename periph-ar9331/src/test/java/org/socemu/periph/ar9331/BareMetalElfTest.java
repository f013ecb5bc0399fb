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
    @TempDir Path dir;

    private Path resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/baremetal/" + name)) {
            assertNotNull(in, name);
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        }
    }

    private Path assemble() throws Exception {
        Path src = resource("uhi-hello.S"), lds = resource("uhi-hello.ld"), elf = dir.resolve("uhi-hello.elf");
        Process p;
        try {
            p = new ProcessBuilder(List.of(CC, "-nostdlib", "-static", "-march=24kc", "-mno-abicalls", "-fno-pic",
                    "-G0", "-T", lds.toString(), "-Wl,--build-id=none", "-o", elf.toString(), src.toString()))
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, CC + " not installed (Debian package gcc-mips-linux-gnu)");
            return null;
        }
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "assembler timed out");
        assertEquals(0, p.exitValue(), log);
        return elf;
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
