package org.socemu.core.load;

/**
 * One entry of an ELF symbol table. {@code address} is where the symbol's code or data really is:
 * the value with the Thumb bit cleared for ARM functions (their value has bit 0 set).
 */
public record ElfSymbol(String name, long value, long address, long size, int type, int bind, int shndx) {
    public static final int STT_NOTYPE = 0;
    public static final int STT_OBJECT = 1;
    public static final int STT_FUNC = 2;
    public static final int STT_SECTION = 3;
    public static final int STT_FILE = 4;

    public static final int STB_LOCAL = 0;
    public static final int STB_GLOBAL = 1;
    public static final int STB_WEAK = 2;

    public static final int SHN_UNDEF = 0;
    public static final int SHN_ABS = 0xfff1;
    public static final int SHN_COMMON = 0xfff2;

    public boolean isFunction() { return type == STT_FUNC; }
    public boolean isObject() { return type == STT_OBJECT; }
    public boolean isGlobal() { return bind == STB_GLOBAL || bind == STB_WEAK; }

    /** True when the symbol names a place in the image (not undefined, absolute or common). */
    public boolean isPlaced() {
        return shndx != SHN_UNDEF && shndx != SHN_ABS && shndx != SHN_COMMON;
    }

    /** True when {@code addr} lies inside the symbol's extent (symbols of size 0 contain nothing). */
    public boolean contains(long addr) {
        return addr >= address && addr - address < size;
    }
}
