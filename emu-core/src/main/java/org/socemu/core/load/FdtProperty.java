package org.socemu.core.load;

import java.util.Arrays;

/**
 * One device tree property: a name and a value of bytes, as the flattened format stores it
 * (numbers are big-endian 32-bit cells, strings are NUL-terminated). Typed reading is done by
 * {@link FdtNode}, which knows the property's path for error messages.
 */
public final class FdtProperty {
    private final String name;
    private final byte[] value;

    FdtProperty(String name, byte[] value) {
        this.name = name;
        this.value = value;
    }

    public String name() { return name; }

    /** A copy of the value. */
    public byte[] value() { return value.clone(); }

    public int length() { return value.length; }

    /** The value without copying, for this package's readers and writers. */
    byte[] raw() { return value; }

    boolean sameAs(FdtProperty o) {
        return name.equals(o.name) && Arrays.equals(value, o.value);
    }

    @Override
    public String toString() {
        return name + " = " + DtsPrinter.value(value);
    }
}
