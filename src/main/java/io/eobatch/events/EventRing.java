package io.eobatch.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The recent events of this server, oldest first, at most {@code capacity} of them: what a client that reconnects
 * with {@code Last-Event-ID} is sent again. Ids are consecutive longs that start at the server's start time in
 * milliseconds, so an id of an earlier run of the server (or of another node) is older than any id here and is told
 * apart from a gap: both answer {@link Optional#empty()} from {@link #after}, and the client reloads its state.
 * Thread-safe; the broadcaster appends, request threads read.
 */
public final class EventRing {

    private final int capacity;
    private final ArrayDeque<ExecutionEvent> events;
    private long nextId;

    /** A ring of {@code capacity} events whose first id is {@code firstId}. */
    public EventRing(int capacity, long firstId) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        this.capacity = capacity;
        this.events = new ArrayDeque<>(capacity);
        this.nextId = firstId;
    }

    /** Appends an event of {@code type} about {@code execution} (0: none) with its JSON {@code data}; its id. */
    public synchronized ExecutionEvent append(String type, long execution, String data) {
        ExecutionEvent e = new ExecutionEvent(nextId++, type, execution, data);
        if (events.size() == capacity) {
            events.removeFirst();
        }
        events.addLast(e);
        return e;
    }

    /** The id of the last event appended, or the one before the first id when none was. */
    public synchronized long lastId() {
        return nextId - 1;
    }

    /**
     * The events after {@code lastId} (of {@code execution} alone unless it is 0), or empty when the ring no longer
     * holds (or never held) the event after {@code lastId}: events were missed and the client must reload.
     */
    public synchronized Optional<List<ExecutionEvent>> after(long lastId, long execution) {
        if (lastId > nextId - 1) {
            return Optional.empty();
        }
        long oldest = events.isEmpty() ? nextId : events.peekFirst().id();
        if (lastId < oldest - 1) {
            return Optional.empty();
        }
        List<ExecutionEvent> out = new ArrayList<>();
        for (ExecutionEvent e : events) {
            if (e.id() > lastId && (execution == 0 || e.execution() == execution)) {
                out.add(e);
            }
        }
        return Optional.of(out);
    }
}
