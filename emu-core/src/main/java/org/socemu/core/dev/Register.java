package org.socemu.core.dev;

import java.util.function.IntSupplier;

/**
 * One register of a device, as a reference manual's register table lists it: offset, name, width,
 * reset value, which bits software can write, and the hooks that give it behaviour. Declared with
 * the fluent methods of {@link RegisterTable}.
 */
public final class Register {
    /** Called after a write has been stored: sees the old and new stored values. */
    public interface WriteHook {
        void written(int oldValue, int newValue);
    }

    /** Replaces the plain store: gets the raw value the software wrote. */
    public interface WriteHandler {
        void write(int value);
    }

    final int offset;
    final String name;
    final int width; // bytes: 1, 2 or 4
    int reset;
    int value;
    int writeMask = -1;
    int w1cMask;
    boolean readOnly;
    IntSupplier onRead;
    WriteHook onWrite;
    WriteHandler handler;

    Register(int offset, String name, int width) {
        this.offset = offset;
        this.name = name;
        this.width = width;
    }

    public String name() { return name; }
    public int offset() { return offset; }
    public int width() { return width; }

    /** The stored value (what the register holds without its read hook). */
    public int value() { return value; }

    /** Sets the stored value from the model (status bits the hardware changes), no hooks. */
    public void set(int v) { value = v & widthMask(); }

    public void setBits(int bits) { set(value | bits); }

    public void clearBits(int bits) { set(value & ~bits); }

    public boolean isSet(int bits) { return (value & bits) == bits; }

    public Register reset(int v) {
        this.reset = v;
        this.value = v & widthMask();
        return this;
    }

    /** Only these bits take written values; the others keep their stored value. */
    public Register mask(int m) {
        this.writeMask = m;
        return this;
    }

    public Register readOnly() {
        this.readOnly = true;
        return this;
    }

    /** Bits that are cleared by writing 1 (status flags). */
    public Register writeOneToClear(int bits) {
        this.w1cMask = bits;
        return this;
    }

    /** The value software reads comes from {@code s} instead of the stored value. */
    public Register onRead(IntSupplier s) {
        this.onRead = s;
        return this;
    }

    public Register onWrite(WriteHook h) {
        this.onWrite = h;
        return this;
    }

    /** Shorthand for a hook that only wants the new value. */
    public Register onWrite(java.util.function.IntConsumer c) {
        this.onWrite = (o, n) -> c.accept(n);
        return this;
    }

    /** Replaces storing: the device decides what a write means (FIFOs, command registers). */
    public Register onWriteRaw(WriteHandler h) {
        this.handler = h;
        return this;
    }

    int widthMask() {
        return width == 4 ? -1 : (1 << (8 * width)) - 1;
    }

    int read() {
        return onRead != null ? onRead.getAsInt() : value;
    }

    void write(int v) {
        v &= widthMask();
        if (handler != null) {
            handler.write(v);
            return;
        }
        if (readOnly) return;
        int old = value;
        int next = (old & ~writeMask) | (v & writeMask);
        if (w1cMask != 0) next = (next & ~w1cMask) | (old & w1cMask & ~v);
        value = next & widthMask();
        if (onWrite != null) onWrite.written(old, value);
    }

    void doReset() {
        value = reset & widthMask();
    }
}
