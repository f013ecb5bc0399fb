package org.socemu.core.mem;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Byte order of a bus. RAM word access goes through these VarHandles, never byte by byte. */
public enum Endian {
    LITTLE(ByteOrder.LITTLE_ENDIAN),
    BIG(ByteOrder.BIG_ENDIAN);

    public final ByteOrder order;
    public final VarHandle i16;
    public final VarHandle i32;
    public final VarHandle i64;

    Endian(ByteOrder order) {
        this.order = order;
        this.i16 = MethodHandles.byteArrayViewVarHandle(short[].class, order);
        this.i32 = MethodHandles.byteArrayViewVarHandle(int[].class, order);
        this.i64 = MethodHandles.byteArrayViewVarHandle(long[].class, order);
    }

    public static Endian parse(String s) {
        return switch (s.toLowerCase()) {
            case "little", "le" -> LITTLE;
            case "big", "be" -> BIG;
            default -> throw new org.socemu.core.UserError("endianness must be 'little' or 'big', not '" + s + "'");
        };
    }
}
