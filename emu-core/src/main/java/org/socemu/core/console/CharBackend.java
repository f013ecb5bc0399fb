package org.socemu.core.console;

/**
 * Where a UART's characters go and come from: the terminal, a TCP socket, a file, nothing, or a
 * test's expect buffer. Output is called on the emulation thread; input arrives on the backend's
 * own thread and is handed to the {@link SerialPort}, which forwards it between slices.
 */
public interface CharBackend extends AutoCloseable {
    void write(int b);

    /** Called once by the port; the backend delivers received bytes to {@code port.hostInput}. */
    default void attach(SerialPort port) {}

    default void flush() {}

    @Override
    default void close() {}
}
