package io.eobatch.batch.timelapse;

import io.eobatch.ledger.ItemStatus;

/**
 * What the processor made of one AOI x month item.
 *
 * @param workItemId the ledger row
 * @param status     DONE, NO_DATA or TOO_CLOUDY
 * @param reason     why not DONE; null for DONE
 * @param frame      the frame to store (DONE); null when nothing is stored (not DONE, or reconciled)
 */
public record TimelapseOutcome(long workItemId, ItemStatus status, String reason, TimelapseFrame frame) {
}
