package io.eobatch.batch;

import io.eobatch.ledger.ItemStatus;
import io.eobatch.ledger.StatisticsRow;

/**
 * What the processor made of one work item: its final status, and the row to store when there is one.
 *
 * @param workItemId the ledger row
 * @param status     DONE, NO_DATA, TOO_CLOUDY or FAILED
 * @param error      the reason, for FAILED and NO_DATA
 * @param cost       provider cost (bytes read for stac)
 * @param row        the statistics row; {@code null} when nothing is stored
 */
public record ItemOutcome(long workItemId, ItemStatus status, String error, Double cost, StatisticsRow row) {
}
