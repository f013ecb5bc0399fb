package org.socemu.core.load;

/** One ELF32 section header (ELF spec, "Sections"), with its name resolved from .shstrtab. */
public record ElfSection(int index, String name, int type, long flags, long addr, long offset, long size,
                         int link, int info, long entsize) {
    public static final int SHT_NULL = 0;
    public static final int SHT_PROGBITS = 1;
    public static final int SHT_SYMTAB = 2;
    public static final int SHT_STRTAB = 3;
    public static final int SHT_NOBITS = 8;
    public static final int SHT_DYNSYM = 11;

    public static final long SHF_WRITE = 1;
    public static final long SHF_ALLOC = 2;
    public static final long SHF_EXECINSTR = 4;

    /** True when the section occupies bytes in the file (everything but SHT_NOBITS, e.g. .bss). */
    public boolean hasFileData() {
        return type != SHT_NOBITS && type != SHT_NULL;
    }
}
