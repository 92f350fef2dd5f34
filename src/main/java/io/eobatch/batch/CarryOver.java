package io.eobatch.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.eobatch.ledger.ItemStatus;
import io.eobatch.ledger.Ledger;
import io.eobatch.ledger.WorkItem;
import io.eobatch.results.ResultsStore;

/**
 * retry-failed, for every job: a new job instance is planned from a finished one (its {@code retryOf}).
 *
 * <p>The rule: every FAILED item of the source is planned again, PENDING, with its key, AOI, scenes and period, and
 * nothing is searched. A job whose results cover the whole period or area ({@link RetryPlan#carriesFinishedItems}:
 * aoi-timelapse's GIFs, tiled-composite's mosaic) also carries over every other item with its final status and
 * reason, and a DONE item with its outputs (files copied, rows copied): no call, no read for them. A job whose
 * results are per item (aoi-statistics' rows, which stay queryable under the source execution) plans the FAILED
 * items alone. Partitions are {@code ordinal mod partitions} as in any plan.
 *
 * <p>Crash safety: in one transaction the files are copied first (each atomically; again, identically, if the step
 * runs again), then the items and rows are stored; a crash before the commit leaves the instance unplanned, and the
 * plan step runs again.
 */
@ApplicationScoped
public class CarryOver {

    @Inject
    Ledger ledger;

    @Inject
    ResultsStore results;

    /** What was planned: items to do, items carried over. */
    public record Counts(int toDo, int carried) {
    }

    @Transactional
    public Counts plan(long source, long instance, String jobName, int partitions, RetryPlan how) throws IOException {
        List<WorkItem> items = ledger.items(source, null, 0, Integer.MAX_VALUE);
        boolean all = how.carriesFinishedItems();
        if (all) { // files first: a crash before the commit below leaves nothing planned
            for (String f : how.sharedFiles()) {
                copy(source, instance, f);
            }
            for (WorkItem w : items) {
                if (w.status == ItemStatus.DONE) {
                    for (String f : how.files(w)) {
                        copy(source, instance, f);
                    }
                }
            }
        }
        Map<Long, WorkItem> copies = ledger.carryOver(source, instance, jobName, partitions, !all);
        int toDo = 0;
        for (WorkItem w : items) {
            if (w.status == ItemStatus.FAILED) {
                toDo++;
            } else if (w.status == ItemStatus.DONE && all) {
                how.copyRows(w, copies.get(w.id));
            }
        }
        return new Counts(toDo, copies.size() - toDo);
    }

    private void copy(long source, long instance, String relative) throws IOException {
        Optional<Path> from = results.find(source, relative);
        if (from.isEmpty()) {
            throw new IOException(relative + " of job instance " + source + " is missing: cannot carry it over");
        }
        results.write(instance, relative, out -> Files.copy(from.get(), out));
    }
}
