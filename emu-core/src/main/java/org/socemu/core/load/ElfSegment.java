package org.socemu.core.load;

/**
 * One ELF32 program header (ELF spec, "Program Header"): where {@code filesz} bytes at file
 * {@code offset} go, and how much memory ({@code memsz}, the rest zeroed) the segment occupies.
 */
public record ElfSegment(int index, int type, long offset, long vaddr, long paddr, long filesz, long memsz,
                         int flags, long align) {
    public static final int PT_NULL = 0;
    public static final int PT_LOAD = 1;
    public static final int PT_DYNAMIC = 2;
    public static final int PT_INTERP = 3;
    public static final int PT_NOTE = 4;
    public static final int PT_PHDR = 6;

    public static final int PF_X = 1;
    public static final int PF_W = 2;
    public static final int PF_R = 4;

    public boolean isLoad() {
        return type == PT_LOAD;
    }

    public boolean executable() { return (flags & PF_X) != 0; }
    public boolean writable() { return (flags & PF_W) != 0; }
    public boolean readable() { return (flags & PF_R) != 0; }

    /** "R-X" style, as readelf prints them. */
    public String flagString() {
        return (readable() ? "R" : "-") + (writable() ? "W" : "-") + (executable() ? "X" : "-");
    }
}
