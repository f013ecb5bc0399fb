package org.socemu.core.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.socemu.core.UserError;
import org.socemu.core.mem.BusView;
import org.socemu.core.mem.Endian;

/**
 * An ELF32 executable (System V ABI, "ELF Header", "Program Header", "Sections", "Symbol Table"),
 * little- or big-endian as its e_ident says: program headers for loading, section headers and the
 * symbol table (.symtab with its linked string table) for traces and the debugger.
 *
 * <p>Everything is checked when the file is parsed, so a truncated or corrupt file is a one-line
 * {@link UserError} naming the file, before anything is loaded.
 */
public final class ElfFile {
    public static final int EM_NONE = 0;
    public static final int EM_MIPS = 8;
    public static final int EM_ARM = 40;

    public static final int ET_REL = 1;
    public static final int ET_EXEC = 2;
    public static final int ET_DYN = 3;
    public static final int ET_CORE = 4;

    // e_ident layout and values.
    private static final int EI_CLASS = 4, EI_DATA = 5, EI_VERSION = 6;
    private static final int ELFCLASS32 = 1, ELFCLASS64 = 2;
    private static final int ELFDATA2LSB = 1, ELFDATA2MSB = 2;
    private static final int EV_CURRENT = 1;

    // ELF32 structure sizes.
    private static final int EHDR_SIZE = 52, PHDR_SIZE = 32, SHDR_SIZE = 40, SYM_SIZE = 16;
    private static final int SHN_LORESERVE = 0xff00, SHN_XINDEX = 0xffff;

    /** Which program header address loading uses: the load (physical) or the run (virtual) address. */
    public enum AddressKind { PHYSICAL, VIRTUAL }

    private final String name;
    private final byte[] data;
    private final Endian endian;
    private final int type;
    private final int machine;
    private final int flags;
    private final long entry;
    private final List<ElfSegment> segments;
    private final List<ElfSection> sections;
    private final SymbolTable symbols;

    private ElfFile(BinaryReader in) {
        this.name = in.name();
        this.data = in.data();
        this.endian = in.endian();
        in.require(0, EHDR_SIZE, "ELF header");
        this.type = in.u16(16, "ELF header");
        this.machine = in.u16(18, "ELF header");
        this.entry = in.u32(24, "ELF header");
        this.flags = in.i32(36, "ELF header");
        this.segments = Collections.unmodifiableList(readSegments(in));
        this.sections = Collections.unmodifiableList(readSections(in));
        this.symbols = readSymbols(in);
    }

    public static ElfFile read(Path file) {
        return parse(ImageFile.nameOf(file), ImageFile.read(file));
    }

    /** Parses {@code data}; {@code name} (the file's name) starts every error message. */
    public static ElfFile parse(String name, byte[] data) {
        return new ElfFile(new BinaryReader(name, data, identify(name, data)));
    }

    /** True when {@code data} starts with the ELF magic "\177ELF". */
    public static boolean isElf(byte[] data) {
        return data.length >= 4 && data[0] == 0x7f && data[1] == 'E' && data[2] == 'L' && data[3] == 'F';
    }

    /** Checks e_ident and returns the file's byte order. */
    private static Endian identify(String name, byte[] data) {
        if (!isElf(data)) {
            String seen = data.length >= 4 ? String.format("%02x %02x %02x %02x", data[0], data[1], data[2], data[3])
                    : data.length + " bytes";
            throw new UserError(name + ": not an ELF file (bad magic: " + seen + ", expected 7f 45 4c 46)");
        }
        BinaryReader in = new BinaryReader(name, data, Endian.LITTLE);
        int cls = in.u8(EI_CLASS, "ELF identification");
        if (cls == ELFCLASS64) throw in.error("is a 64-bit ELF (ELFCLASS64); only ELF32 images can run on these cores");
        if (cls != ELFCLASS32) throw in.error("not ELF32: invalid ELF class " + cls);
        int enc = in.u8(EI_DATA, "ELF identification");
        if (enc != ELFDATA2LSB && enc != ELFDATA2MSB) throw in.error("invalid ELF data encoding " + enc);
        int version = in.u8(EI_VERSION, "ELF identification");
        if (version != EV_CURRENT) throw in.error("unsupported ELF version " + version);
        return enc == ELFDATA2LSB ? Endian.LITTLE : Endian.BIG;
    }

    private List<ElfSegment> readSegments(BinaryReader in) {
        long phoff = in.u32(28, "ELF header");
        int phentsize = in.u16(42, "ELF header"), phnum = in.u16(44, "ELF header");
        List<ElfSegment> out = new ArrayList<>(phnum);
        if (phnum == 0) return out;
        if (phentsize < PHDR_SIZE) throw in.error("program header entry size " + phentsize + " is too small (32 expected)");
        for (int i = 0; i < phnum; i++) {
            long at = phoff + (long) i * phentsize;
            String what = "program header " + i;
            in.require(at, PHDR_SIZE, what);
            ElfSegment s = new ElfSegment(i, in.i32(at, what), in.u32(at + 4, what), in.u32(at + 8, what),
                    in.u32(at + 12, what), in.u32(at + 16, what), in.u32(at + 20, what), in.i32(at + 24, what),
                    in.u32(at + 28, what));
            checkSegment(s);
            out.add(s);
        }
        return out;
    }

    private void checkSegment(ElfSegment s) {
        if (!s.isLoad()) return;
        if (s.filesz() > s.memsz())
            throw new UserError(String.format("%s: segment %d has more file bytes (0x%x) than memory bytes (0x%x)",
                    name, s.index(), s.filesz(), s.memsz()));
        if (s.filesz() > 0 && s.offset() + s.filesz() > data.length)
            throw new UserError(String.format("%s: segment %d extends past the end of the file: bytes 0x%x..0x%x, the file has 0x%x",
                    name, s.index(), s.offset(), s.offset() + s.filesz(), data.length));
        if (s.paddr() + s.memsz() > 1L << 32 || s.vaddr() + s.memsz() > 1L << 32)
            throw new UserError(String.format("%s: segment %d wraps past the end of the 32-bit address space", name, s.index()));
    }

    private List<ElfSection> readSections(BinaryReader in) {
        long shoff = in.u32(32, "ELF header");
        int shentsize = in.u16(46, "ELF header");
        long shnum = in.u16(48, "ELF header");
        int shstrndx = in.u16(50, "ELF header");
        List<ElfSection> out = new ArrayList<>();
        if (shoff == 0) return out;
        if (shentsize < SHDR_SIZE) throw in.error("section header entry size " + shentsize + " is too small (40 expected)");
        // Extended numbering: with 0xff00 sections or more, the real counts live in section 0.
        if (shnum == 0) shnum = in.u32(shoff + 20, "section header 0");
        if (shstrndx == SHN_XINDEX) shstrndx = in.i32(shoff + 24, "section header 0");
        in.require(shoff, shnum * shentsize, "section header table (" + shnum + " entries)");
        if (shstrndx != 0 && shstrndx >= shnum)
            throw in.error("section name table index " + shstrndx + " is beyond the " + shnum + " sections");
        long[] strtab = null;
        if (shstrndx != 0) {
            long at = shoff + (long) shstrndx * shentsize;
            strtab = new long[] {in.u32(at + 16, "section header"), in.u32(at + 20, "section header")};
            in.require(strtab[0], strtab[1], "section name table");
        }
        for (int i = 0; i < shnum; i++) {
            long at = shoff + (long) i * shentsize;
            String what = "section header " + i;
            long nameOff = in.u32(at, what);
            String secName = strtab == null || i == 0 ? ""
                    : in.cstring(strtab[0] + nameOff, strtab[0] + strtab[1], "name of section " + i);
            ElfSection s = new ElfSection(i, secName, in.i32(at + 4, what), in.u32(at + 8, what), in.u32(at + 12, what),
                    in.u32(at + 16, what), in.u32(at + 20, what), in.i32(at + 24, what), in.i32(at + 28, what),
                    in.u32(at + 36, what));
            if (s.hasFileData() && s.offset() + s.size() > data.length)
                throw new UserError(String.format("%s: section %d (%s) extends past the end of the file: bytes 0x%x..0x%x, the file has 0x%x",
                        name, i, secName, s.offset(), s.offset() + s.size(), data.length));
            out.add(s);
        }
        return out;
    }

    private SymbolTable readSymbols(BinaryReader in) {
        List<ElfSymbol> out = new ArrayList<>();
        for (ElfSection symtab : sections) {
            if (symtab.type() != ElfSection.SHT_SYMTAB) continue;
            if (symtab.link() <= 0 || symtab.link() >= sections.size())
                throw in.error("symbol table " + symtab.name() + " links to missing string table " + symtab.link());
            ElfSection strtab = sections.get(symtab.link());
            if (strtab.type() != ElfSection.SHT_STRTAB)
                throw in.error("symbol table " + symtab.name() + " links to section " + strtab.index() + " (" + strtab.name()
                        + "), which is not a string table");
            long strEnd = strtab.offset() + strtab.size();
            long entsize = Math.max(symtab.entsize(), SYM_SIZE);
            long count = symtab.size() / entsize;
            long strSize = strtab.size();
            // The section's bytes were checked against the file above, so only names can be out of range.
            for (long i = 1; i < count; i++) {  // entry 0 is the reserved null symbol
                long at = symtab.offset() + i * entsize;
                long nameOff = in.u32(at, "symbol table");
                long value = in.u32(at + 4, "symbol table");
                int info = in.u8(at + 12, "symbol table");
                int shndx = in.u16(at + 14, "symbol table");
                if (nameOff >= strSize && nameOff != 0)
                    throw in.error(String.format("name of symbol %d: string offset 0x%x is outside its table (0x%x bytes)",
                            i, nameOff, strSize));
                String symName = nameOff == 0 ? "" : in.cstring(strtab.offset() + nameOff, strEnd, "symbol name");
                int symType = info & 0xf;
                // ARM: bit 0 of a function's value says "Thumb"; the code itself starts one byte lower.
                long address = machine == EM_ARM && symType == ElfSymbol.STT_FUNC ? value & ~1L : value;
                out.add(new ElfSymbol(symName, value, address, in.u32(at + 8, "symbol table"), symType, info >>> 4, shndx));
            }
        }
        return out.isEmpty() ? SymbolTable.EMPTY : new SymbolTable(out);
    }

    public String name() { return name; }
    public Endian endian() { return endian; }
    /** e_type: {@link #ET_EXEC}, {@link #ET_DYN}, ... */
    public int type() { return type; }
    /** e_machine: {@link #EM_ARM}, {@link #EM_MIPS}, ... */
    public int machine() { return machine; }
    /** e_flags (MIPS: ABI and ISA level; ARM: EABI version). */
    public int flags() { return flags; }
    public long entry() { return entry; }
    public List<ElfSegment> segments() { return segments; }
    public List<ElfSection> sections() { return sections; }
    public SymbolTable symbols() { return symbols; }

    /** The PT_LOAD segments, in file order. */
    public List<ElfSegment> loadSegments() {
        List<ElfSegment> out = new ArrayList<>();
        for (ElfSegment s : segments) if (s.isLoad()) out.add(s);
        return out;
    }

    /** The first section called {@code sectionName}, or null. */
    public ElfSection section(String sectionName) {
        for (ElfSection s : sections) if (s.name().equals(sectionName)) return s;
        return null;
    }

    /** A section's bytes in the file; none for sections without file data (SHT_NOBITS: .bss). */
    public byte[] sectionData(ElfSection s) {
        if (!s.hasFileData()) return new byte[0];
        byte[] out = new byte[(int) s.size()];
        System.arraycopy(data, (int) s.offset(), out, 0, out.length);
        return out;
    }

    /** "ARM", "MIPS", or "e_machine 62" for machines we have no name for. */
    public static String machineName(int em) {
        return switch (em) {
            case EM_NONE -> "no machine";
            case 2 -> "SPARC";
            case 3 -> "x86";
            case EM_MIPS -> "MIPS";
            case 10 -> "MIPS RS3000";
            case 20 -> "PowerPC";
            case 42 -> "SuperH";
            case EM_ARM -> "ARM";
            case 62 -> "x86-64";
            case 183 -> "AArch64";
            case 243 -> "RISC-V";
            default -> "e_machine " + em;
        };
    }

    private static String endianName(Endian e) {
        return e == Endian.LITTLE ? "little-endian" : "big-endian";
    }

    /**
     * Checks that this ELF can run on the machine being booted, e.g. "vmlinux: ELF is
     * little-endian MIPS but machine ar9331-dpt-module is big-endian".
     */
    public void requireMachine(int em, Endian e, String machineName) {
        if (machine != em)
            throw new UserError(String.format("%s: ELF is %s %s but machine %s is %s %s", name, endianName(endian),
                    machineName(machine), machineName, endianName(e), machineName(em)));
        if (endian != e)
            throw new UserError(String.format("%s: ELF is %s %s but machine %s is %s", name, endianName(endian),
                    machineName(machine), machineName, endianName(e)));
    }

    /** Loads the PT_LOAD segments at their physical (load) addresses; see {@link #load(BusView, AddressKind, LongUnaryOperator)}. */
    public List<AddressRange> load(BusView view, LongUnaryOperator translate) {
        return load(view, AddressKind.PHYSICAL, translate);
    }

    /**
     * Copies every PT_LOAD segment's file bytes to {@code translate(p_paddr or p_vaddr)} in
     * {@code view} and zeroes the rest of its memory size (bss). Nothing is written unless every
     * segment fits in memory. Returns the guest ranges written, one per non-empty segment.
     *
     * @param translate guest address of a segment from its ELF address, e.g. MIPS KSEG0/KSEG1 to
     *                  physical ({@link #MIPS_KSEG_TO_PHYSICAL}) or the identity
     */
    public List<AddressRange> load(BusView view, AddressKind kind, LongUnaryOperator translate) {
        if (type != ET_EXEC && type != ET_DYN)
            throw new UserError(name + ": ELF is " + typeName(type) + ", not an executable; link it first");
        List<ElfSegment> load = new ArrayList<>();
        List<AddressRange> where = new ArrayList<>();
        for (ElfSegment s : loadSegments()) {
            if (s.memsz() == 0) continue;
            long guest = translate.applyAsLong(kind == AddressKind.PHYSICAL ? s.paddr() : s.vaddr());
            GuestMemory.requireMemory(view, guest, s.memsz(), name, "segment " + s.index());
            load.add(s);
            where.add(new AddressRange(guest, s.memsz()));
        }
        if (load.isEmpty()) throw new UserError(name + ": ELF has no loadable segment");
        for (int i = 0; i < load.size(); i++) {
            ElfSegment s = load.get(i);
            long guest = where.get(i).start();
            view.load(guest, data, (int) s.offset(), (int) s.filesz());
            GuestMemory.zero(view, guest + s.filesz(), s.memsz() - s.filesz(), name, "segment " + s.index());
        }
        return where;
    }

    private static String typeName(int t) {
        return switch (t) {
            case 0 -> "of no type (ET_NONE)";
            case ET_REL -> "a relocatable object (ET_REL)";
            case ET_CORE -> "a core dump (ET_CORE)";
            default -> "of type " + t;
        };
    }

    /**
     * MIPS32 kernel segments to physical addresses: KSEG0 (0x80000000, cached) and KSEG1
     * (0xA0000000, uncached) both map the low 512 MiB; other addresses are kept as they are.
     */
    public static final LongUnaryOperator MIPS_KSEG_TO_PHYSICAL =
            a -> a >= 0x80000000L && a < 0xC0000000L ? a & 0x1FFFFFFFL : a;
}
