package org.socemu.core.console;

/** Discards output, never receives. */
public final class NullBackend implements CharBackend {
    @Override
    public void write(int b) {}
}
