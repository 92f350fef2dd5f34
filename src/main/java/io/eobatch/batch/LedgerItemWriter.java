package io.eobatch.batch;

import java.util.List;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.eobatch.ledger.Ledger;
import io.eobatch.ops.Metrics;

/**
 * The writer of every fetch step: stores each item's output (a statistics row, a time-lapse frame) and its final
 * status in the chunk's transaction, with the reader's checkpoint: after a crash either all of a chunk is there or
 * none of it. Files (images, COGs) are on disk already, written atomically by the processor; an item whose chunk did
 * not commit is IN_FLIGHT and reconciled on restart.
 */
@Named
@Dependent
public class LedgerItemWriter extends AbstractItemWriter {

    @Inject
    Ledger ledger;

    @Inject
    Metrics metrics;

    @Inject
    io.eobatch.cluster.Leases leases;

    @Inject
    JobContext job;

    @Override
    public void writeItems(List<Object> items) {
        List<ItemResult> results = items.stream().map(o -> (ItemResult) o).toList();
        ledger.complete(results.stream()
                .map(r -> new Ledger.Outcome(r.workItemId(), r.status(), r.reason(), r.cost(), r.output())).toList());
        if (io.eobatch.cluster.ClusterSettings.on()) {
            leases.drop(results.stream().map(ItemResult::workItemId).toList());
        }
        metrics.itemsWritten(job.getJobName(), results.stream().map(ItemResult::status).toList());
    }
}
