package io.eobatch.ledger;

import java.util.Map;

/** The state of one work item in the ledger. */
public enum ItemStatus {
    /** Planned, not yet worked on. */
    PENDING,
    /** A remote call for it was started (marked before the call, in its own transaction). */
    IN_FLIGHT,
    /** Done: its result is stored. */
    DONE,
    /** Nothing to compute: no scene, or no pixel of the AOI in the scene. */
    NO_DATA,
    /** Scenes exist but none is clear enough (timelapse). */
    TOO_CLOUDY,
    /** Failed for a reason of its own (bad data, a refused request); see last_error. */
    FAILED;

    /** Whether the item needs no more work. */
    public boolean finished() {
        return this == DONE || this == NO_DATA || this == TOO_CLOUDY;
    }

    /** The number of items of {@code counts} (a status left out counts 0). */
    public static long total(Map<ItemStatus, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The share of the items of {@code counts} no longer waiting (neither PENDING nor IN_FLIGHT), in percent rounded
     * to one decimal; 0 without items. The progress of the REST views and of the live events.
     */
    public static double percentProcessed(Map<ItemStatus, Long> counts) {
        long total = total(counts);
        long waiting = counts.getOrDefault(PENDING, 0L) + counts.getOrDefault(IN_FLIGHT, 0L);
        return total == 0 ? 0.0 : Math.round(1000.0 * (total - waiting) / total) / 10.0;
    }
}
