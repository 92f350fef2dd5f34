package io.eobatch.batch;

import io.eobatch.ledger.ItemStatus;

/**
 * What a fetch step made of one work item, written by {@link LedgerItemWriter} in the chunk's transaction.
 *
 * @param workItemId the ledger row
 * @param status     DONE, NO_DATA, TOO_CLOUDY or FAILED
 * @param reason     why, for NO_DATA, TOO_CLOUDY and FAILED (and a note for some DONE items)
 * @param cost       the provider cost spent, in its unit; null to keep what the ledger has
 * @param output     the JPA entity to store with the status (a statistics row, a time-lapse frame), or null
 */
public record ItemResult(long workItemId, ItemStatus status, String reason, Double cost, Object output) {

    public static ItemResult of(long workItemId, ItemStatus status, String reason) {
        return new ItemResult(workItemId, status, reason, null, null);
    }

    public ItemResult withCost(Double c) {
        return new ItemResult(workItemId, status, reason, c, output);
    }
}
