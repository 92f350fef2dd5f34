package io.eobatch.batch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;

import io.eobatch.aoi.AoiRepository;
import io.eobatch.aoi.UnknownAoiException;
import io.eobatch.aoi.Aoi;
import io.eobatch.ledger.Ledger;
import io.eobatch.ledger.WorkItem;
import io.eobatch.provider.ItemDataException;
import io.eobatch.provider.TransientSourceException;
import io.eobatch.provider.throttle.RetriesExhaustedException;

/**
 * The item lifecycle every fetch step shares; a job's processor says only how to reconcile an item and what its
 * work is.
 * <ol>
 *   <li><b>reconcile</b>: an item whose output is already stored (a crash between the output and the chunk's commit,
 *       or an output that exists) is settled without any call ({@link #reconcile});</li>
 *   <li><b>refuse</b>: when the execution is out of budget the item is left PENDING, ahead of the reader's
 *       checkpoint ({@link Budgets});</li>
 *   <li><b>check the disk</b>: below the disk reserve ({@link io.eobatch.results.DiskReserve}) the item stays to do
 *       and the job stops with OUT_OF_DISK, as for the budget (also when a write fails and the disk is then below
 *       the reserve); a refused item the reader had marked IN_FLIGHT is PENDING again ({@link Ledger#release});</li>
 *   <li><b>reserve</b>: with a {@code budget}, the item's cost (computed before any call) is reserved;</li>
 *   <li><b>mark IN_FLIGHT</b>, in a transaction of its own, so that a crash leaves a trace to reconcile (without a
 *       budget the reader has marked the chunk's items at once: {@link LedgerItemReader});</li>
 *   <li><b>call</b> ({@link Work#call});</li>
 *   <li><b>settle</b>: the reservation is spent by the cost the result records, or given back when the call failed.
 *       The result (DONE, NO_DATA, TOO_CLOUDY, FAILED with reason and cost) goes to {@link LedgerItemWriter}.</li>
 * </ol>
 * Failures: an {@link ItemDataException} fails the item (skipped; {@link ItemSkipListener} records the reason). A
 * {@link TransientSourceException} from a provider whose throttle retries already ({@link Work#retriedByProvider})
 * or that says the retries are spent ({@link RetriesExhaustedException}) fails the item too, so that the chunk,
 * whose other items' calls are paid, is not rolled back; any other one rolls the chunk back to be retried
 * ({@code retryLimit}), then fails the partition, and a restart resumes it.
 */
public abstract class LedgerItemProcessor implements ItemProcessor {

    // injected; public so that unit tests can build a processor by hand

    @Inject
    public JobContext job;

    @Inject
    public Ledger ledger;

    @Inject
    public AoiRepository aois;

    @Inject
    public Budgets budgets;

    @Inject
    public io.eobatch.results.DiskReserve disk;

    private JobProperties params;

    /** The AOIs this partition has read: one query and one GeoJSON parse per AOI, not per item. */
    private final Map<String, Aoi> aoiCache = new HashMap<>();

    /** An item's work: its cost (in the provider's unit, computed without a call) and the call itself. */
    public record Work(double cost, boolean retriedByProvider, Call call) {
    }

    /** The call of an item; its result records the cost actually spent. */
    @FunctionalInterface
    public interface Call {
        ItemResult run() throws Exception;
    }

    /** The item settled without any call when its output exists already, else empty. */
    protected abstract Optional<ItemResult> reconcile(WorkItem item) throws Exception;

    /** The work of an item that is to be done. */
    protected abstract Work work(WorkItem item) throws Exception;

    @Override
    public final Object processItem(Object o) throws Exception {
        WorkItem item = (WorkItem) o;
        Optional<ItemResult> done = reconcile(item);
        if (done.isPresent()) {
            return done.get();
        }
        long execution = job.getExecutionId();
        if (budgets.refuseIfExhausted(execution, item.id) || outOfDisk(execution, item)) {
            // the reader stops at its next read; this item stays ahead of the checkpoint, PENDING (no call started),
            // and the job stops with OUT_OF_BUDGET or OUT_OF_DISK
            if (item.markedInFlight) {
                ledger.release(List.of(item.id));
            }
            return null;
        }
        Work work = work(item);
        Double budget = params().optionalNumber(CommonParameters.BUDGET.name());
        if (budget != null && !budgets.reserve(execution, item.jobInstanceId, item.id, budget, work.cost())) {
            return null;
        }
        if (!item.markedInFlight) { // else the reader marked it with its chunk
            ledger.markInFlight(item.id, execution);
        }
        ItemResult result;
        try {
            result = work.call().run();
        } catch (TransientSourceException e) {
            settle(budget, work.cost(), 0);
            if (work.retriedByProvider() || e instanceof RetriesExhaustedException) {
                throw new ItemDataException(e.getMessage(), e);
            }
            throw e;
        } catch (Exception e) {
            settle(budget, work.cost(), 0);
            if (e instanceof java.io.IOException && outOfDisk(execution, item)) {
                // the disk filled up during the write (its temporary file is gone): stop, as above, but the item
                // stays IN_FLIGHT (its call ran) and a restart reconciles it
                return null;
            }
            throw e;
        }
        settle(budget, work.cost(), result.cost() == null ? 0 : result.cost());
        return result;
    }

    /** Whether the results' file system is below the disk reserve; if so the execution stops taking items. */
    private boolean outOfDisk(long execution, WorkItem item) {
        if (disk == null) { // a processor built by hand in a unit test
            return false;
        }
        var low = disk.shortage();
        low.ifPresent(why -> budgets.stop(execution, item.jobInstanceId, item.id,
                io.eobatch.results.DiskReserve.OUT_OF_DISK, why));
        return low.isPresent();
    }

    private void settle(Double budget, double reserved, double spent) {
        if (budget != null) {
            budgets.settle(job.getExecutionId(), reserved, spent);
        }
    }

    /** The job's parameters. */
    protected JobProperties params() {
        if (params == null) {
            params = JobProperties.of(job);
        }
        return params;
    }

    /**
     * The AOI of an item (read once per partition). An AOI deleted after the plan fails its items alone, with the
     * reason; the partition goes on.
     */
    protected Aoi aoi(String id) {
        try {
            return aoiCache.computeIfAbsent(id, k -> aois.find(List.of(k)).get(0));
        } catch (UnknownAoiException e) {
            throw new ItemDataException("AOI " + id + " was deleted after the job planned its items", e);
        }
    }
}
