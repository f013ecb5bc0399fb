package org.socemu.periph.ar9331;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socemu.core.UserError;
import org.socemu.core.dev.Device;
import org.socemu.core.machine.BootImages;
import org.socemu.core.machine.DeviceContext;
import org.socemu.core.machine.DeviceType;
import org.socemu.core.mem.Endian;
import org.socemu.core.mem.Ram;
import org.socemu.core.mem.Region;

/**
 * A SPI NOR flash (W25Q128 on the DPT-Module, S25SL032P on the TL-MR3020) as the SPI controller's
 * chip-select 0 sees it, bit by bit: MOSI is sampled on each rising clock edge, MSB first, and the
 * bit the flash drives on MISO is the one the controller samples on that same edge (SPI modes 0
 * and 3 alike).
 *
 * <p>Commands: RDID, RDSR, WREN, WRDI, READ, FAST_READ, SFDP (no table: reads 0xFF, which Linux
 * tolerates), PP (256-byte page; bits only go from 1 to 0), SE (4 KiB), BE (64 KiB), CE. Program
 * and erase take effect when chip select is released and finish at once (WIP never reads 1).
 * Erase and program need WEL, which they clear.
 *
 * <p>As a {@link Region} the flash is its read-only memory-mapped view (the reset vector alias at
 * 0x1FC00000). The content comes from the --flash file; the file itself is updated only with
 * --flash-writable, erased or programmed ranges written through as they change.
 */
public final class SpiNorFlash implements Region, Device {
    private static final Logger log = LoggerFactory.getLogger(SpiNorFlash.class);

    static final int CMD_WRSR = 0x01, CMD_PP = 0x02, CMD_READ = 0x03, CMD_WRDI = 0x04, CMD_RDSR = 0x05,
            CMD_WREN = 0x06, CMD_FAST_READ = 0x0B, CMD_SE = 0x20, CMD_SFDP = 0x5A, CMD_CE = 0x60,
            CMD_RDID = 0x9F, CMD_CE2 = 0xC7, CMD_BE = 0xD8;
    static final int SR_WIP = 1 << 0, SR_WEL = 1 << 1;
    static final int PAGE = 256, SECTOR = 4096, BLOCK = 65536;

    private final String name;
    private final Ram array;   // the cells; also what the cores' soft TLBs read directly
    private final int mask;    // size - 1: addresses wrap at the chip size
    private final byte[] jedecId;
    private final Path file;
    private final boolean writeBack;

    // bus state
    private boolean selected;
    private int inShift;
    private int bitCount;
    private int outByte = 0xFF;
    private int bytesIn;      // bytes received since chip select, command included
    private int command = -1;
    private int address;
    private boolean wel;
    private final byte[] pageBuffer = new byte[PAGE];
    private int pageBytes;
    private boolean warnedWrite;

    public SpiNorFlash(String name, int size, byte[] jedecId, byte[] content, Path file, boolean writeBack) {
        if (size <= 0 || Integer.bitCount(size) != 1) throw new IllegalArgumentException("flash size must be a power of two");
        this.name = name;
        this.array = new Ram(name, size, Endian.BIG);
        this.mask = size - 1;
        if (content != null && content.length > size)
            throw new UserError(String.format("flash image has %d bytes, the %s holds %d", content.length, name, size));
        byte[] erased = new byte[size];
        Arrays.fill(erased, (byte) 0xFF);
        if (content != null) System.arraycopy(content, 0, erased, 0, content.length);
        array.load(0, erased, 0, size);
        this.jedecId = jedecId.clone();
        this.file = file;
        this.writeBack = writeBack && file != null;
    }

    @Override public String name() { return name; }
    @Override public long size() { return mask + 1L; }

    /** Cores may read the cells straight from their soft TLB; stores take the slow path (ignored). */
    @Override public Ram ram() { return array; }
    @Override public boolean directWrite() { return false; }

    // ---- memory-mapped reads ----

    /** Big-endian read of the array at {@code offset} (wrapping at the chip size). */
    public int readMapped(long offset, int size) {
        int v = 0;
        for (int i = 0; i < size; i++) v = (v << 8) | cell((int) (offset + i));
        return v;
    }

    @Override
    public int read(long offset, int size) {
        return readMapped(offset, size);
    }

    @Override
    public void write(long offset, int size, int value) {
        if (!warnedWrite) {
            warnedWrite = true;
            log.warn("{}: store to the memory-mapped flash at offset 0x{} ignored", name, Long.toHexString(offset));
        }
    }

    // ---- the SPI wire ----

    /** Chip select: asserting starts a command, releasing ends it (and commits program/erase). */
    public void select(boolean on) {
        if (on == selected) return;
        selected = on;
        if (on) {
            bitCount = 0;
            bytesIn = 0;
            command = -1;
            outByte = 0xFF;
        } else {
            finishCommand();
        }
    }

    /** The level the flash drives on MISO now (high-Z reads as 1). */
    public int miso() {
        if (!selected) return 1;
        return (outByte >>> (7 - bitCount)) & 1;
    }

    /** A rising clock edge with {@code mosi} on the data line. */
    public void clock(int mosi) {
        if (!selected) return;
        inShift = (inShift << 1) | (mosi & 1);
        if (++bitCount < 8) return;
        bitCount = 0;
        outByte = byteReceived(inShift & 0xFF);
    }

    /** Handles one received byte; returns the byte to shift out next. */
    private int byteReceived(int b) {
        int n = bytesIn++;
        if (n == 0) {
            command = b;
            return commandStarted();
        }
        switch (command) {
            case CMD_RDID:
                return n < jedecId.length ? jedecId[n] & 0xFF : 0x00;
            case CMD_RDSR:
                return status();
            case CMD_READ:
                return addressThenData(n, b, 0);
            case CMD_FAST_READ:
                return addressThenData(n, b, 1);
            case CMD_SFDP:
                return 0xFF;
            case CMD_PP:
                if (n <= 3) {
                    address = (address << 8) | b;
                    return 0xFF;
                }
                pageBuffer[pageBytes % PAGE] = (byte) b;
                pageBytes++;
                return 0xFF;
            case CMD_SE:
            case CMD_BE:
                if (n <= 3) address = (address << 8) | b;
                return 0xFF;
            default:
                return 0xFF;
        }
    }

    private int commandStarted() {
        address = 0;
        pageBytes = 0;
        switch (command) {
            case CMD_RDID:
                return jedecId[0] & 0xFF;
            case CMD_RDSR:
                return status();
            case CMD_WREN:
                wel = true;
                return 0xFF;
            case CMD_WRDI:
                wel = false;
                return 0xFF;
            case CMD_READ: case CMD_FAST_READ: case CMD_SFDP: case CMD_PP: case CMD_SE: case CMD_BE:
            case CMD_CE: case CMD_CE2:
                return 0xFF;
            default:
                log.debug("{}: unsupported command 0x{}", name, Integer.toHexString(command));
                return 0xFF;
        }
    }

    /** READ / FAST_READ: three address bytes, {@code dummies} dummy bytes, then data from the address on. */
    private int addressThenData(int n, int b, int dummies) {
        if (n <= 3) {
            address = (address << 8) | b;
            if (n < 3 + dummies) return 0xFF;
        } else if (n < 3 + dummies) {
            return 0xFF;
        }
        return cell(address++);
    }

    private int status() {
        return wel ? SR_WEL : 0; // program and erase complete at once: WIP is never set
    }

    /** Chip select released: program or erase happen now, if the command was complete. */
    private void finishCommand() {
        switch (command) {
            case CMD_PP:
                if (wel && bytesIn >= 4) program(address & mask);
                break;
            case CMD_SE:
                if (wel && bytesIn == 4) erase(address & mask & -SECTOR, SECTOR);
                break;
            case CMD_BE:
                if (wel && bytesIn == 4) erase(address & mask & -BLOCK, BLOCK);
                break;
            case CMD_CE:
            case CMD_CE2:
                if (wel && bytesIn == 1) erase(0, mask + 1);
                break;
            default:
                return;
        }
        wel = false;
    }

    /** Page program: the data wraps within the 256-byte page and can only clear bits. */
    private void program(int start) {
        int pageBase = start & -PAGE;
        int count = Math.min(pageBytes, PAGE);
        // With more than a page sent, the last 256 bytes are the ones kept.
        int first = pageBytes > PAGE ? pageBytes % PAGE : 0;
        for (int i = 0; i < count; i++) {
            int at = pageBase + ((start - pageBase + i) & (PAGE - 1));
            array.write(at, 1, cell(at) & pageBuffer[(first + i) % PAGE]);
        }
        persist(pageBase, PAGE);
    }

    private void erase(int start, int len) {
        byte[] erased = new byte[len];
        Arrays.fill(erased, (byte) 0xFF);
        array.load(start, erased, 0, len);
        persist(start, len);
    }

    private void persist(int start, int len) {
        if (!writeBack) return;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] out = new byte[len];
            array.copyOut(start, out, 0, len);
            f.seek(start);
            f.write(out);
        } catch (IOException e) {
            log.error("{}: cannot write back to {}: {}", name, file, e.getMessage());
        }
    }

    /** One cell of the array, the address wrapping at the chip size. */
    int cell(int address) {
        return array.read(address & mask, 1) & 0xFF;
    }

    /** Flash keeps its content over a machine reset; only the command state goes. */
    @Override
    public void reset() {
        selected = false;
        bitCount = 0;
        bytesIn = 0;
        command = -1;
        wel = false;
        outByte = 0xFF;
    }

    /** Parses "EF 40 18" or "0xEF4018" into ID bytes. */
    static byte[] parseJedec(String text) {
        String s = text.trim().replace("0x", "").replace("0X", "").replace(" ", "").replace(":", "");
        if (s.isEmpty() || s.length() % 2 != 0) throw new UserError("bad JEDEC id '" + text + "'");
        byte[] out = new byte[s.length() / 2];
        try {
            for (int i = 0; i < out.length; i++) out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        } catch (NumberFormatException e) {
            throw new UserError("bad JEDEC id '" + text + "'");
        }
        return out;
    }

    /**
     * "spi-nor-flash". Props: "jedec" (ID bytes, e.g. "EF 40 18"), "flash-size" (bytes). Content
     * from --flash; map it (read-only) at the reset vector with base 0x1FC00000 and a 4 MiB "size".
     */
    public static final class Type implements DeviceType {
        @Override public String type() { return "spi-nor-flash"; }

        @Override public Device create(DeviceContext ctx) {
            long size = ctx.props().number("flash-size", 16L << 20);
            byte[] id = parseJedec(ctx.props().string("jedec", "EF 40 18"));
            BootImages images = ctx.machine().images();
            Path file = images == null ? null : images.flash;
            byte[] content = null;
            if (file != null) {
                if (!Files.isRegularFile(file)) throw new UserError("flash image not found: " + file);
                try {
                    content = Files.readAllBytes(file);
                } catch (IOException e) {
                    throw new UserError("cannot read flash image " + file + ": " + e.getMessage());
                }
            }
            return new SpiNorFlash(ctx.name(), (int) size, id, content, file, images != null && images.flashWritable);
        }
    }
}
