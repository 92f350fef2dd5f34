package io.eobatch.batch;

import java.io.Serializable;
import java.util.Iterator;
import java.util.logging.Logger;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.eobatch.ledger.Ledger;
import io.eobatch.ledger.WorkItem;

/**
 * Reads the work items to do (PENDING, IN_FLIGHT; a FAILED item waits for retry-failed) of one partition of the
 * ledger in id order.
 * Its checkpoint is its cursor: the id of the last item read, committed with the chunk that wrote it. When the
 * execution runs out of {@link Budgets budget} it reads no further.
 */
@Named
@Dependent
public class LedgerItemReader extends AbstractItemReader {

    private static final Logger LOG = Logger.getLogger(LedgerItemReader.class.getName());

    /** The partition this reader works on, 0-based (from the partition plan). Required. */
    @Inject
    @BatchProperty
    String partition;

    @Inject
    JobContext job;

    @Inject
    Ledger ledger;

    @Inject
    Budgets budgets;

    private Iterator<Long> ids;
    private long cursor;
    private long previous;

    @Override
    public void open(Serializable checkpoint) {
        cursor = checkpoint == null ? 0L : (Long) checkpoint;
        int p = Integer.parseInt(partition);
        var list = ledger.unfinishedIds(job.getInstanceId(), p, cursor);
        LOG.info(() -> "execution " + job.getExecutionId() + " partition " + p + ": " + list.size()
                + " unfinished item(s) after id " + cursor);
        ids = list.iterator();
    }

    @Override
    public WorkItem readItem() {
        if (budgets.exhausted(job.getExecutionId())) {
            // out of budget: read no more; an item the processor refused stays ahead of the checkpoint
            if (budgets.refused(job.getExecutionId(), cursor)) {
                cursor = previous;
            }
            return null;
        }
        if (!ids.hasNext()) {
            return null;
        }
        long id = ids.next();
        previous = cursor;
        cursor = id;
        return ledger.find(id);
    }

    @Override
    public Serializable checkpointInfo() {
        return cursor;
    }
}
