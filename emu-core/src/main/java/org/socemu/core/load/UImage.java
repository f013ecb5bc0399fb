package org.socemu.core.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongUnaryOperator;
import java.util.zip.CRC32;
import org.socemu.core.UserError;
import org.socemu.core.mem.BusView;
import org.socemu.core.mem.Endian;

/**
 * A U-Boot legacy image ("uImage", mkimage -A ... -T ...): a 64-byte big-endian header followed
 * by the payload.
 * <pre>
 *   0x00 ih_magic 0x27051956   0x04 ih_hcrc (CRC-32 of the header with ih_hcrc = 0)
 *   0x08 ih_time              0x0C ih_size (payload bytes)
 *   0x10 ih_load              0x14 ih_ep (entry point)
 *   0x18 ih_dcrc (CRC-32 of the payload)
 *   0x1C ih_os  0x1D ih_arch  0x1E ih_type  0x1F ih_comp   0x20 ih_name[32]
 * </pre>
 * Both CRCs are checked when the image is parsed. Only uncompressed payloads can be loaded.
 */
public final class UImage {
    public static final int MAGIC = 0x27051956;
    public static final int HEADER_SIZE = 64;

    public static final int OS_LINUX = 5;
    public static final int ARCH_ARM = 2;
    public static final int ARCH_MIPS = 5;
    public static final int TYPE_STANDALONE = 1;
    public static final int TYPE_KERNEL = 2;
    public static final int TYPE_RAMDISK = 3;
    public static final int TYPE_MULTI = 4;
    public static final int TYPE_FIRMWARE = 5;
    public static final int TYPE_SCRIPT = 6;
    public static final int TYPE_FLATDT = 8;
    public static final int TYPE_KERNEL_NOLOAD = 14;
    public static final int COMP_NONE = 0;

    // Names as mkimage spells them, indexed by the header's codes (U-Boot include/image.h).
    private static final String[] OS_NAMES = {"invalid", "openbsd", "netbsd", "freebsd", "4_4bsd", "linux", "svr4",
        "esix", "solaris", "irix", "sco", "dell", "ncr", "lynxos", "vxworks", "psos", "qnx", "u-boot", "rtems",
        "artos", "unity", "ose", "plan9", "openrtos", "arm-trusted-firmware", "tee", "opensbi", "efi"};
    private static final String[] ARCH_NAMES = {"invalid", "alpha", "arm", "x86", "ia64", "mips", "mips64", "powerpc",
        "s390", "sh", "sparc", "sparc64", "m68k", "nios", "microblaze", "nios2", "blackfin", "avr32", "st200",
        "sandbox", "nds32", "or1k", "arm64", "arc", "x86_64", "xtensa", "riscv"};
    private static final String[] TYPE_NAMES = {"invalid", "standalone", "kernel", "ramdisk", "multi", "firmware",
        "script", "filesystem", "flat_dt", "kwbimage", "imximage", "ublimage", "omapimage", "aisimage",
        "kernel_noload"};
    private static final String[] COMP_NAMES = {"none", "gzip", "bzip2", "lzma", "lzo", "lz4", "zstd"};

    private final String name;
    private final byte[] data;
    private final long time;
    private final long size;
    private final long loadAddress;
    private final long entry;
    private final int os;
    private final int arch;
    private final int type;
    private final int compression;
    private final String imageName;

    private UImage(BinaryReader in) {
        this.name = in.name();
        this.data = in.data();
        in.require(0, HEADER_SIZE, "uImage header");
        int magic = in.i32(0, "uImage header");
        if (magic != MAGIC)
            throw in.error(String.format("not a U-Boot uImage (magic 0x%08x, expected 0x%08x)", magic, MAGIC));
        long hcrc = in.u32(4, "uImage header");
        byte[] header = Arrays.copyOf(data, HEADER_SIZE);
        Arrays.fill(header, 4, 8, (byte) 0);
        if (crc32(header, 0, HEADER_SIZE) != hcrc)
            throw in.error(String.format("uImage header CRC mismatch (header says 0x%08x, computed 0x%08x): the header is corrupt",
                    hcrc, crc32(header, 0, HEADER_SIZE)));
        this.time = in.u32(8, "uImage header");
        this.size = in.u32(12, "uImage header");
        this.loadAddress = in.u32(16, "uImage header");
        this.entry = in.u32(20, "uImage header");
        long dcrc = in.u32(24, "uImage header");
        this.os = in.u8(28, "uImage header");
        this.arch = in.u8(29, "uImage header");
        this.type = in.u8(30, "uImage header");
        this.compression = in.u8(31, "uImage header");
        this.imageName = in.fixedString(32, 32, "uImage header");
        in.require(HEADER_SIZE, size, "uImage payload");
        long actual = crc32(data, HEADER_SIZE, (int) size);
        if (actual != dcrc)
            throw in.error(String.format("uImage data CRC mismatch (header says 0x%08x, computed 0x%08x): the payload is corrupt",
                    dcrc, actual));
    }

    public static UImage read(Path file) {
        return parse(ImageFile.nameOf(file), ImageFile.read(file));
    }

    public static UImage parse(String name, byte[] data) {
        return new UImage(new BinaryReader(name, data, Endian.BIG));
    }

    public static boolean isUImage(byte[] data) {
        return data.length >= 4 && (data[0] & 0xff) == 0x27 && (data[1] & 0xff) == 0x05 && (data[2] & 0xff) == 0x19
                && (data[3] & 0xff) == 0x56;
    }

    static long crc32(byte[] b, int from, int len) {
        CRC32 crc = new CRC32();
        crc.update(b, from, len);
        return crc.getValue();
    }

    public String name() { return name; }
    /** ih_name, the image's own name ("Linux-6.1.0"). */
    public String imageName() { return imageName; }
    /** Creation time, seconds since 1970. */
    public long time() { return time; }
    public long size() { return size; }
    public long loadAddress() { return loadAddress; }
    public long entry() { return entry; }
    public int os() { return os; }
    public int arch() { return arch; }
    public int type() { return type; }
    public int compression() { return compression; }

    public String osName() { return codeName(OS_NAMES, os); }
    public String archName() { return codeName(ARCH_NAMES, arch); }
    public String typeName() { return codeName(TYPE_NAMES, type); }
    public String compressionName() { return codeName(COMP_NAMES, compression); }

    private static String codeName(String[] names, int code) {
        return code < names.length ? names[code] : "unknown (" + code + ")";
    }

    /** "uImage 'Linux-6.1' linux/mips kernel, none, load 0x80060000, entry 0x80060000, 1234 bytes". */
    @Override
    public String toString() {
        return String.format("uImage '%s' %s/%s %s, %s, load 0x%08x, entry 0x%08x, %d bytes", imageName, osName(),
                archName(), typeName(), compressionName(), loadAddress, entry, size);
    }

    /** Checks ih_arch against the machine's: e.g. an ARM uImage given to the AR9331. */
    public void requireArch(int wantArch, String machineName) {
        if (arch != wantArch)
            throw new UserError(String.format("%s: uImage is for %s but machine %s is %s", name, archName(), machineName,
                    codeName(ARCH_NAMES, wantArch)));
    }

    /** The payload, checked to be uncompressed. */
    public byte[] payload() {
        requireUncompressed();
        return Arrays.copyOfRange(data, HEADER_SIZE, HEADER_SIZE + (int) size);
    }

    private void requireUncompressed() {
        if (compression != COMP_NONE)
            throw new UserError(String.format("%s: uImage payload is %s-compressed; only uncompressed images (mkimage -C none) "
                    + "can be loaded: boot the kernel's ELF (vmlinux) or an uncompressed image instead", name, compressionName()));
    }

    /**
     * The images of a multi-file uImage (type "multi"): after the header, a list of big-endian
     * sizes ended by 0, then each image padded to 4 bytes.
     */
    public List<byte[]> parts() {
        if (type != TYPE_MULTI) throw new UserError(name + ": uImage is a " + typeName() + " image, not a multi-file image");
        byte[] p = payload();
        BinaryReader in = new BinaryReader(name, p, Endian.BIG);
        List<Long> sizes = new ArrayList<>();
        long at = 0;
        for (long s; (s = in.u32(at, "multi-file size list")) != 0; at += 4) sizes.add(s);
        at += 4;
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            out.add(in.bytes(at, sizes.get(i), "multi-file image " + i));
            at += (sizes.get(i) + 3) & ~3L;
        }
        return out;
    }

    /**
     * Copies the (uncompressed) payload to {@code translate(load address)}. (A "kernel_noload"
     * image runs wherever it is put: its caller may rather place {@link #payload()} itself.)
     */
    public AddressRange load(BusView view, LongUnaryOperator translate) {
        requireUncompressed();
        long at = translate.applyAsLong(loadAddress);
        return GuestMemory.copy(view, at, data, HEADER_SIZE, (int) size, name, String.format("payload of 0x%x bytes", size));
    }
}
