package org.socemu.core.load;

/**
 * What kind of image a file is, told by its magic numbers, so that a boot protocol can accept
 * `--kernel` as an ELF, a zImage or a uImage without the user saying which.
 */
public enum ImageKind {
    ELF("ELF executable"),
    ZIMAGE("ARM zImage"),
    UIMAGE("U-Boot uImage"),
    FDT("device tree blob"),
    /** No known magic: a raw binary (vmlinux.bin, barebox.bin, an initramfs). */
    RAW("raw binary");

    private final String description;

    ImageKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public static ImageKind detect(byte[] data) {
        if (ElfFile.isElf(data)) return ELF;
        if (UImage.isUImage(data)) return UIMAGE;
        if (Fdt.isFdt(data)) return FDT;
        if (ZImage.isZImage(data)) return ZIMAGE;
        return RAW;
    }
}
