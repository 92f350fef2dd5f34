package io.eobatch.batch;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
 *
 * <p>Without a {@code budget} it marks a chunk's worth of items ({@code chunkSize}) IN_FLIGHT at once, in one
 * transaction of their own, and loads them in one query, before the processor takes the first of them: one
 * transaction per item was a third of the fetch step's time at 700,000 items (BENCHMARKS.md, Scale). When the
 * execution stops taking items (out of disk) the marked items it never gave out are given back to PENDING
 * ({@link Ledger#release}; the processor gives back the one it refused); an item marked and then not reached because the chunk rolled back stays IN_FLIGHT, which
 * the next read or restart reconciles as after a crash. With a {@code budget} the processor marks each item after
 * reserving its cost, so that an item refused for the budget stays PENDING.
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
    private final java.util.ArrayDeque<WorkItem> ahead = new java.util.ArrayDeque<>();
    private int block;
    private boolean marks;

    @Override
    public void open(Serializable checkpoint) {
        cursor = checkpoint == null ? 0L : (Long) checkpoint;
        int p = Integer.parseInt(partition);
        var list = ledger.unfinishedIds(job.getInstanceId(), p, cursor);
        LOG.info(() -> "execution " + job.getExecutionId() + " partition " + p + ": " + list.size()
                + " unfinished item(s) after id " + cursor);
        ids = list.iterator();
        ahead.clear();
        JobProperties params = JobProperties.of(job);
        marks = params.optionalNumber(CommonParameters.BUDGET.name()) == null;
        block = marks ? Math.max(1, params.integer("chunkSize")) : 1;
    }

    @Override
    public WorkItem readItem() {
        if (budgets.exhausted(job.getExecutionId())) {
            // out of budget or disk: read no more; an item the processor refused stays ahead of the checkpoint, and
            // the items this reader marked and never gave out are PENDING again
            if (budgets.refused(job.getExecutionId(), cursor)) {
                cursor = previous;
            }
            if (!ahead.isEmpty()) {
                ledger.release(ahead.stream().map(w -> w.id).toList());
                ahead.clear();
            }
            return null;
        }
        if (ahead.isEmpty()) {
            List<Long> next = new ArrayList<>(block);
            while (next.size() < block && ids.hasNext()) {
                next.add(ids.next());
            }
            if (next.isEmpty()) {
                return null;
            }
            if (marks) {
                ledger.markInFlight(next, job.getExecutionId());
            }
            for (WorkItem w : ledger.find(next)) {
                w.markedInFlight = marks;
                ahead.add(w);
            }
        }
        WorkItem w = ahead.poll();
        previous = cursor;
        cursor = w.id;
        return w;
    }

    @Override
    public Serializable checkpointInfo() {
        return cursor;
    }
}
