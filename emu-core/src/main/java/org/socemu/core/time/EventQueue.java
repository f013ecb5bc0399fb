package org.socemu.core.time;

import java.util.Arrays;

/**
 * Pending events ordered by (deadline, scheduling order): a binary heap with indices kept in the
 * events, so reschedule and cancel are O(log n) and equal deadlines fire in a deterministic order.
 */
public final class EventQueue {
    private Event[] heap = new Event[32];
    private int size;
    private long seq;

    public int size() { return size; }

    public long nextDeadline() {
        return size == 0 ? Long.MAX_VALUE : heap[0].deadline;
    }

    public void schedule(Event e, long when) {
        if (when < 0) when = 0;
        if (e.heapIndex >= 0) remove(e);
        e.deadline = when;
        e.seq = seq++;
        if (size == heap.length) heap = Arrays.copyOf(heap, size * 2);
        heap[size] = e;
        e.heapIndex = size;
        size++;
        up(e.heapIndex);
    }

    public void cancel(Event e) {
        if (e.heapIndex >= 0) remove(e);
    }

    /** Removes and returns the earliest event if it is due at {@code now}, else null. */
    public Event pollDue(long now) {
        if (size == 0 || heap[0].deadline > now) return null;
        Event e = heap[0];
        remove(e);
        return e;
    }

    private void remove(Event e) {
        int i = e.heapIndex;
        size--;
        if (i != size) {
            heap[i] = heap[size];
            heap[i].heapIndex = i;
            heap[size] = null;
            down(i);
            up(i);
        } else {
            heap[size] = null;
        }
        e.heapIndex = -1;
    }

    private boolean less(Event a, Event b) {
        return a.deadline < b.deadline || (a.deadline == b.deadline && a.seq < b.seq);
    }

    private void up(int i) {
        while (i > 0) {
            int p = (i - 1) >> 1;
            if (!less(heap[i], heap[p])) break;
            swap(i, p);
            i = p;
        }
    }

    private void down(int i) {
        while (true) {
            int l = 2 * i + 1, r = l + 1, m = i;
            if (l < size && less(heap[l], heap[m])) m = l;
            if (r < size && less(heap[r], heap[m])) m = r;
            if (m == i) return;
            swap(i, m);
            i = m;
        }
    }

    private void swap(int a, int b) {
        Event t = heap[a];
        heap[a] = heap[b];
        heap[b] = t;
        heap[a].heapIndex = a;
        heap[b].heapIndex = b;
    }
}
