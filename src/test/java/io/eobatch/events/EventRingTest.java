package io.eobatch.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class EventRingTest {

    @Test
    void resumesAfterAnIdItStillHoldsAndFiltersByExecution() {
        EventRing ring = new EventRing(10, 100);
        ring.append("execution", 1, "{}");
        ring.append("progress", 2, "{}");
        ring.append("progress", 1, "{}");
        assertEquals(102, ring.lastId());
        assertEquals(List.of(101L, 102L), ids(ring, 100, 0));
        assertEquals(List.of(102L), ids(ring, 100, 1));
        assertEquals(List.of(100L, 101L, 102L), ids(ring, 99, 0), "the id before the first: everything");
        assertEquals(List.of(), ids(ring, 102, 0), "up to date");
    }

    @Test
    void anIdTheRingNoLongerHoldsOrNeverGaveIsAGap() {
        EventRing ring = new EventRing(3, 100);
        for (int i = 0; i < 5; i++) {
            ring.append("progress", 1, "{}");
        }
        // holds 102..104: after 101 is complete, after 100 missed 101
        assertEquals(List.of(102L, 103L, 104L), ids(ring, 101, 0));
        assertTrue(ring.after(100, 0).isEmpty(), "101 was dropped");
        assertTrue(ring.after(5, 0).isEmpty(), "an id of an earlier server run");
        assertTrue(ring.after(105, 0).isEmpty(), "an id this server never gave (another node's)");
    }

    @Test
    void anEmptyRingResumesFromTheIdBeforeItsFirst() {
        EventRing ring = new EventRing(3, 100);
        assertEquals(99, ring.lastId());
        assertEquals(List.of(), ids(ring, 99, 0));
    }

    private static List<Long> ids(EventRing ring, long after, long execution) {
        return ring.after(after, execution).orElseThrow().stream().map(ExecutionEvent::id).toList();
    }
}
