package io.eobatch.batch.timelapse;

import io.eobatch.ledger.ItemStatus;

/**
 * What the processor made of one AOI x month item.
 *
 * @param workItemId the ledger row
 * @param status     DONE, NO_DATA or TOO_CLOUDY
 * @param reason     why not DONE; null for DONE
 * @param frame      the frame to store (DONE); null when nothing is stored (not DONE, or reconciled)
 * @param cost       the item's provider cost in the provider's unit (see {@link io.eobatch.batch.Budgets}), or null
 */
public record TimelapseOutcome(long workItemId, ItemStatus status, String reason, TimelapseFrame frame, Double cost) {

    public TimelapseOutcome(long workItemId, ItemStatus status, String reason, TimelapseFrame frame) {
        this(workItemId, status, reason, frame, null);
    }

    /** This outcome with its cost. */
    public TimelapseOutcome withCost(double c) {
        return new TimelapseOutcome(workItemId, status, reason, frame, c);
    }
}
