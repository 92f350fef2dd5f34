package io.eobatch.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ItemStatusTest {

    @Test
    void percentProcessedCountsEverythingButPendingAndInFlight() {
        Map<ItemStatus, Long> c = Map.of(ItemStatus.DONE, 5L, ItemStatus.NO_DATA, 1L, ItemStatus.FAILED, 1L,
                ItemStatus.PENDING, 1L, ItemStatus.IN_FLIGHT, 1L);
        assertEquals(9, ItemStatus.total(c));
        assertEquals(77.8, ItemStatus.percentProcessed(c), "7 of 9, to one decimal");
    }

    @Test
    void aStatusLeftOutCountsZero() {
        assertEquals(0, ItemStatus.total(Map.of()));
        assertEquals(0.0, ItemStatus.percentProcessed(Map.of()), "no items: 0, not NaN");
        assertEquals(100.0, ItemStatus.percentProcessed(Map.of(ItemStatus.TOO_CLOUDY, 3L)));
        assertEquals(0.0, ItemStatus.percentProcessed(Map.of(ItemStatus.PENDING, 3L)));
    }
}
