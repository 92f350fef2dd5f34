package io.eobatch.batch;

import java.util.logging.Logger;

import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Logs the start and end of every execution with its id. */
@Named
@Dependent
public class JobLogListener extends AbstractJobListener {

    private static final Logger LOG = Logger.getLogger(JobLogListener.class.getName());

    @Inject
    JobContext job;

    @Override
    public void beforeJob() {
        LOG.info(() -> "job " + job.getJobName() + " execution " + job.getExecutionId() + " (instance "
                + job.getInstanceId() + ") starts");
    }

    @Override
    public void afterJob() {
        LOG.info(() -> "job " + job.getJobName() + " execution " + job.getExecutionId() + " ends: "
                + job.getBatchStatus() + " / " + job.getExitStatus());
    }
}
