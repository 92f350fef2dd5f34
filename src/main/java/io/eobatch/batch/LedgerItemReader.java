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

import io.eobatch.cluster.ClusterSettings;
import io.eobatch.cluster.Leases;
import io.eobatch.cluster.Nodes;
import io.eobatch.cluster.Workers;
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
 *
 * <p><b>Several nodes</b> ({@link ClusterSettings#on()}): the ledger is a work queue shared by the nodes. The reader
 * claims a chunk's worth of items of the whole job instance (any partition) with a lease ({@link Ledger#claim}), and
 * its node renews the lease while it holds them ({@link Leases}). The reader of the execution's own node (its
 * main execution) does not end while another reader (of any node) holds a lease on an item of the instance: it
 * waits, polling every second, then claims what is left, the items of a node that died when their lease ran out.
 * A worker's reader ({@link Workers}) works on the main execution's instance and ends when nothing is claimable or
 * the main execution no longer runs. The checkpoint has no meaning then (what to do is in the ledger).
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

    @Inject
    Leases leases;

    @Inject
    Nodes nodes;

    private Iterator<Long> ids;
    private long cursor;
    private long previous;
    private final java.util.ArrayDeque<WorkItem> ahead = new java.util.ArrayDeque<>();
    private int block;
    private boolean marks;
    /** Several nodes: the instance whose ledger is claimed from; for a worker, the main execution (else null). */
    private long claimInstance;
    private Long workerOf;
    private final java.util.Set<Long> claimed = new java.util.HashSet<>();

    @Override
    public void open(Serializable checkpoint) {
        cursor = checkpoint == null ? 0L : (Long) checkpoint;
        if (ClusterSettings.on()) {
            JobProperties params = JobProperties.of(job);
            Double main = params.optionalNumber(Workers.MAIN_INSTANCE);
            Double of = params.optionalNumber(Workers.WORKER_OF);
            claimInstance = main == null ? job.getInstanceId() : main.longValue();
            workerOf = of == null ? null : of.longValue();
            block = Math.max(1, params.integer("chunkSize"));
            ids = java.util.Collections.emptyIterator();
            ahead.clear();
            LOG.info(() -> "execution " + job.getExecutionId() + " partition " + partition + ": claims items of "
                    + "instance " + claimInstance + (workerOf == null ? "" : " as a worker of execution " + workerOf));
            return;
        }
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
        if (ahead.isEmpty() && ClusterSettings.on()) {
            claimNext();
            if (ahead.isEmpty()) {
                return null;
            }
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

    /**
     * Several nodes: claims the next chunk's items into {@link #ahead}; a main execution's reader waits (polling every
     * second) while other readers hold leases on items of the instance, then claims what is left.
     */
    private void claimNext() {
        ClusterSettings settings = ClusterSettings.get();
        while (true) {
            if (workerOf != null && !nodes.runsOn(workerOf)) {
                return; // the main execution ended or was asked to stop
            }
            if (job.getBatchStatus() == jakarta.batch.runtime.BatchStatus.STOPPING) {
                return;
            }
            List<WorkItem> got = ledger.claim(claimInstance, job.getExecutionId(), settings.nodeId(), block,
                    settings.leaseSeconds());
            if (!got.isEmpty()) {
                List<Long> gotIds = got.stream().map(w -> w.id).toList();
                leases.hold(gotIds);
                // what the writer wrote since it dropped from the node's leases: forget it here too, so that this
                // set stays a few chunks long instead of growing with every item the reader ever claimed
                claimed.removeIf(id -> !leases.holds(id));
                claimed.addAll(gotIds);
                ahead.addAll(got);
                return;
            }
            if (workerOf != null || !othersHoldLeases()) {
                return;
            }
            try {
                Thread.sleep(1000); // a poll of the ledger while other nodes finish their leased items
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Whether a lease on an item of the instance runs that no reader of this node holds (another node's). */
    private boolean othersHoldLeases() {
        for (long id : ledger.leased(claimInstance)) {
            if (!leases.holds(id)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (!claimed.isEmpty()) {
            leases.drop(claimed); // what was not written lets its lease run out: any node claims it again
            claimed.clear();
        }
    }

    @Override
    public Serializable checkpointInfo() {
        return cursor;
    }
}
