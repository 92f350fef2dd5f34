package io.eobatch.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;

import io.eobatch.ledger.Ledger;
import io.eobatch.results.ResultsStore;

/**
 * The last step every job shares the shape of: it reads the job instance's ledger and outputs and writes its
 * whole-run results (summary files, GIFs, mosaic) into the instance's results folder. Safe to run again after a
 * restart: it rewrites the same files.
 */
public abstract class ResultsBatchlet extends AbstractBatchlet {

    @Inject
    protected JobContext job;

    @Inject
    protected Ledger ledger;

    @Inject
    protected ResultsStore results;

    /** Writes the results of job instance {@code instance}; returns the step's exit status. */
    protected abstract String write(long instance) throws Exception;

    @Override
    public final String process() throws Exception {
        return write(job.getInstanceId());
    }
}
