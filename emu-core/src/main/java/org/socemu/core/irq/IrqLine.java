package org.socemu.core.irq;

import java.util.ArrayList;
import java.util.List;

/**
 * A level-sensitive interrupt wire. The device that drives it calls {@link #set}; whoever listens
 * (an interrupt controller input, a CPU pin) is told only when the level changes. Edge-triggered
 * inputs are the listener's business: it sees the rising edge as a change to high.
 */
public final class IrqLine {
    /** Told of every change of level. */
    public interface Listener {
        void levelChanged(boolean high);
    }

    private final String name;
    private final List<Listener> listeners = new ArrayList<>(1);
    private boolean level;

    public IrqLine(String name) {
        this.name = name;
    }

    public IrqLine(String name, Listener listener) {
        this(name);
        listeners.add(listener);
    }

    public String name() { return name; }
    public boolean isHigh() { return level; }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void set(boolean high) {
        if (high == level) return;
        level = high;
        for (int i = 0; i < listeners.size(); i++) listeners.get(i).levelChanged(high);
    }

    public void raise() { set(true); }
    public void lower() { set(false); }

    /** A short pulse: the rising edge reaches edge-triggered inputs, the line ends low. */
    public void pulse() {
        set(true);
        set(false);
    }

    /** Makes {@code target} follow this line (wiring a device output to a controller input). */
    public void connectTo(IrqLine target) {
        addListener(target::set);
        if (level) target.set(true);
    }

    @Override
    public String toString() {
        return name + (level ? "=1" : "=0");
    }
}
