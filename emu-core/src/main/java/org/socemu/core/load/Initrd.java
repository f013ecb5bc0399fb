package org.socemu.core.load;

import java.nio.file.Path;
import java.util.List;
import org.socemu.core.UserError;
import org.socemu.core.mem.BusView;

/**
 * Places an initrd (or any image whose address the boot protocol chooses, such as the DTB) in
 * RAM: as high in a window as it fits, aligned, below anything already loaded there.
 */
public final class Initrd {
    private Initrd() {}

    /** Reads {@code file} and {@link #place(BusView, String, byte[], AddressRange, long, List) places} it. */
    public static AddressRange place(BusView view, Path file, AddressRange window, long align, List<AddressRange> avoid) {
        return place(view, ImageFile.nameOf(file), ImageFile.read(file), window, align, avoid);
    }

    /**
     * Chooses an address with {@link #chooseAddress} and loads {@code data} there.
     *
     * @param window where the image may go, e.g. RAM that the kernel maps early, minus a margin
     *               at the top for the kernel's own use
     * @param align  a power of two (the page size at least, as Linux frees initrd pages)
     * @param avoid  ranges already taken: kernel, DTB
     */
    public static AddressRange place(BusView view, String name, byte[] data, AddressRange window, long align,
                                     List<AddressRange> avoid) {
        if (data.length == 0) throw new UserError(name + ": the initrd is empty");
        long at = chooseAddress(name, data.length, window, align, avoid);
        return GuestMemory.copy(view, at, data, 0, data.length, name, String.format("initrd of 0x%x bytes", data.length));
    }

    /**
     * The highest {@code align}-aligned address in {@code window} where {@code size} bytes fit
     * without overlapping any of {@code avoid}. A UserError naming {@code name} when there is none.
     */
    public static long chooseAddress(String name, long size, AddressRange window, long align, List<AddressRange> avoid) {
        if (align <= 0 || Long.bitCount(align) != 1) throw new IllegalArgumentException("alignment must be a power of two: " + align);
        long at = alignDown(window.end() - size, align);
        boolean moved = true;
        while (moved && at >= window.start()) {
            moved = false;
            for (AddressRange r : avoid) {
                if (new AddressRange(at, size).overlaps(r)) {
                    at = alignDown(r.start() - size, align);  // go below the obstacle and look again
                    moved = true;
                }
            }
        }
        if (at < window.start() || size > window.size())
            throw new UserError(String.format("%s: 0x%x bytes do not fit in RAM %s%s", name, size, window,
                    avoid.isEmpty() ? "" : " beside " + avoid));
        return at;
    }

    private static long alignDown(long v, long align) {
        return Math.floorDiv(v, align) * align;
    }
}
