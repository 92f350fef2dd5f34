package io.eobatch.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;

import io.eobatch.ledger.Ledger;
import io.eobatch.results.ResultsStore;

/**
 * The last step every job shares the shape of: it reads the job instance's ledger and outputs and writes its
 * whole-run results (summary files, GIFs, mosaic) into the instance's results folder. Safe to run again after a
 * restart: it rewrites the same files. Below the disk reserve it writes nothing and returns OUT_OF_DISK (the job XML
 * stops the job then, to be restarted at this step).
 */
public abstract class ResultsBatchlet extends AbstractBatchlet {

    @Inject
    protected JobContext job;

    @Inject
    protected Ledger ledger;

    @Inject
    protected ResultsStore results;

    @Inject
    protected io.eobatch.results.DiskReserve disk;

    /** Writes the results of job instance {@code instance}; returns the step's exit status. */
    protected abstract String write(long instance) throws Exception;

    @Override
    public final String process() throws Exception {
        var low = disk == null ? java.util.Optional.<String>empty() : disk.shortage();
        if (low.isPresent()) { // the job XML stops the job with this exit status, to restart at this step
            java.util.logging.Logger.getLogger(getClass().getName()).info(() -> "execution " + job.getExecutionId()
                    + ": results not written: " + low.get());
            return io.eobatch.results.DiskReserve.OUT_OF_DISK;
        }
        return write(job.getInstanceId());
    }
}
