package org.socemu.core.load;

import java.nio.file.Path;
import org.socemu.core.UserError;
import org.socemu.core.mem.BusView;
import org.socemu.core.mem.Ram;

/** A binary file copied byte for byte to a guest address (vmlinux.bin, barebox.bin, a DTB, flash contents). */
public final class RawImage {
    private RawImage() {}

    public static AddressRange load(BusView view, long addr, Path file) {
        return load(view, addr, ImageFile.nameOf(file), ImageFile.read(file));
    }

    /**
     * Copies {@code data} to {@code addr}. The whole image must land in memory of {@code view};
     * otherwise nothing is written and the error names the file, its size and the first address
     * that is not memory.
     */
    public static AddressRange load(BusView view, long addr, String name, byte[] data) {
        if (data.length == 0) throw new UserError(name + ": the image is empty");
        return GuestMemory.copy(view, addr, data, 0, data.length, name, String.format("image of 0x%x bytes", data.length));
    }

    /**
     * Fills a memory from {@code offset} (flash or ROM contents, loaded through its backing RAM,
     * which bus stores cannot reach).
     */
    public static void fill(Ram memory, long offset, String name, byte[] data) {
        if (offset < 0 || offset + data.length > memory.size())
            throw new UserError(String.format("%s: image of 0x%x bytes does not fit in %s (0x%x bytes) at offset 0x%x",
                    name, data.length, memory.name(), memory.size(), offset));
        memory.load(offset, data, 0, data.length);
    }
}
