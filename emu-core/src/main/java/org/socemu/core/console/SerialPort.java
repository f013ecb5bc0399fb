package org.socemu.core.console;

import java.util.concurrent.ConcurrentLinkedQueue;
import org.socemu.core.time.Scheduler;

/**
 * The machine side of one serial line (named after its UART: "uart1", "uart"). A UART model
 * transmits with {@link #transmit} and pulls received bytes with {@link #poll} when its FIFO has
 * room; it is told of new input through its {@link Receiver}.
 */
public final class SerialPort {
    /** The UART model's side. */
    public interface Receiver {
        /** New bytes wait in the port (called on the emulation thread). */
        void inputAvailable();
    }

    private final String name;
    private final Scheduler scheduler;
    private final ConcurrentLinkedQueue<Integer> pending = new ConcurrentLinkedQueue<>();
    private CharBackend backend = new NullBackend();
    private Receiver receiver = () -> {};
    private long txCount;

    public SerialPort(String name, Scheduler scheduler) {
        this.name = name;
        this.scheduler = scheduler;
    }

    public String name() { return name; }

    public void setBackend(CharBackend b) {
        this.backend = b;
        b.attach(this);
    }

    public CharBackend backend() { return backend; }

    public void setReceiver(Receiver r) {
        this.receiver = r;
    }

    public void transmit(int b) {
        txCount++;
        backend.write(b & 0xff);
    }

    public long transmitted() { return txCount; }

    /** Next received byte, or -1. */
    public int poll() {
        Integer b = pending.poll();
        return b == null ? -1 : b;
    }

    public boolean hasInput() {
        return !pending.isEmpty();
    }

    /** From a backend's thread: queue bytes and wake the machine to deliver them. */
    public void hostInput(byte[] data, int off, int len) {
        for (int i = 0; i < len; i++) pending.add(data[off + i] & 0xff);
        scheduler.post(receiver::inputAvailable);
    }

    /** From the emulation thread (tests): deliver now, deterministically. */
    public void inject(byte[] data) {
        for (byte b : data) pending.add(b & 0xff);
        receiver.inputAvailable();
    }
}
