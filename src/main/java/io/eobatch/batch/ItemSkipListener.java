package io.eobatch.batch;

import java.util.logging.Logger;

import jakarta.batch.api.chunk.listener.SkipProcessListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.eobatch.ledger.Ledger;
import io.eobatch.ledger.WorkItem;
import io.eobatch.ops.Metrics;

/** Marks an item whose processing was skipped (a skippable exception) FAILED with the reason. */
@Named
@Dependent
public class ItemSkipListener implements SkipProcessListener {

    private static final Logger LOG = Logger.getLogger(ItemSkipListener.class.getName());

    @Inject
    Ledger ledger;

    @Inject
    Metrics metrics;

    @Inject
    JobContext job;

    @Override
    public void onSkipProcessItem(Object item, Exception ex) {
        WorkItem w = (WorkItem) item;
        LOG.warning(() -> "item " + w.itemKey + " failed: " + ex.getMessage());
        ledger.markFailedNow(w.id, ex.getMessage());
        metrics.itemFailedNow(job.getJobName());
    }
}
