package org.socemu.core.load;

/**
 * The file types a cpio entry can hold, with the type bits of their mode field (the S_IF*
 * values of POSIX stat(2), which the newc format stores unchanged).
 */
public enum CpioType {
    FIFO(0010000),
    CHAR_DEVICE(0020000),
    DIRECTORY(0040000),
    BLOCK_DEVICE(0060000),
    FILE(0100000),
    SYMLINK(0120000),
    SOCKET(0140000);

    /** Mask of the type bits in a mode (S_IFMT). */
    public static final int TYPE_MASK = 0170000;
    /** Mask of the permission bits, including set-user-ID, set-group-ID and sticky. */
    public static final int PERM_MASK = 07777;

    private final int bits;

    CpioType(int bits) {
        this.bits = bits;
    }

    /** The S_IF* bits of this type. */
    public int bits() {
        return bits;
    }

    /** The type of a full mode, or null when its type bits name none (e.g. the trailer's mode 0). */
    public static CpioType of(int mode) {
        int t = mode & TYPE_MASK;
        for (CpioType type : values()) {
            if (type.bits == t) return type;
        }
        return null;
    }
}
