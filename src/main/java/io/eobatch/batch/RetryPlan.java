package io.eobatch.batch;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.eobatch.ledger.WorkItem;

/**
 * What a job carries over when retry-failed plans a new job instance from a finished one ({@link CarryOver}; the
 * rule is written there). Files are paths relative to the results folder of a job instance.
 */
public interface RetryPlan {

    /**
     * Whether the new instance holds the source's finished items too (with their statuses and outputs), so that its
     * whole-period products (GIFs, mosaic) cover every item; false: only the FAILED items are planned again.
     */
    boolean carriesFinishedItems();

    /** Files of the source instance the new one needs, whatever it retries (tiled-composite: estimate.json). */
    default List<String> sharedFiles() {
        return List.of();
    }

    /** The result files of a DONE item of the source, copied to the new instance. */
    default List<String> files(WorkItem done) {
        return List.of();
    }

    /** Copies the rows stored for a DONE item ({@code from}) to its copy ({@code to}), in the plan's transaction. */
    default void copyRows(WorkItem from, WorkItem to) {
    }

    /** Only the FAILED items, planned again: nothing else of the source is copied. */
    RetryPlan FAILED_ONLY = () -> false;

    /**
     * Every item carried over: {@code shared} files, and for each DONE item its {@code files} and its rows
     * ({@code rows}: from, to).
     */
    static RetryPlan carryAll(List<String> shared, Function<WorkItem, List<String>> files,
                              BiConsumer<WorkItem, WorkItem> rows) {
        return new RetryPlan() {
            @Override
            public boolean carriesFinishedItems() {
                return true;
            }

            @Override
            public List<String> sharedFiles() {
                return shared;
            }

            @Override
            public List<String> files(WorkItem done) {
                return files.apply(done);
            }

            @Override
            public void copyRows(WorkItem from, WorkItem to) {
                rows.accept(from, to);
            }
        };
    }
}
