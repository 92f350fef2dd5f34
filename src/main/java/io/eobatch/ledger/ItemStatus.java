package io.eobatch.ledger;

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
}
