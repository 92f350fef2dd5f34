package io.eobatch.batch;

import java.util.List;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.eobatch.ledger.Ledger;

/**
 * Stores the statistics rows and the items' final statuses in the chunk's transaction, with the reader's
 * checkpoint: after a crash either all of a chunk is there or none of it.
 */
@Named
@Dependent
public class StatisticsWriter extends AbstractItemWriter {

    @Inject
    Ledger ledger;

    @Override
    public void writeItems(List<Object> items) {
        for (Object o : items) {
            ItemOutcome out = (ItemOutcome) o;
            if (out.row() != null) {
                ledger.saveStatistics(out.row());
            }
            ledger.complete(out.workItemId(), out.status(), out.error(), out.cost());
        }
    }
}
