package io.eobatch.batch;

import java.util.logging.Logger;

import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.eobatch.ops.Metrics;

/**
 * Logs the start and end of every execution with its id, counts the executions running ({@link Metrics}), mends its
 * exit status (see {@link #afterJob}) and has the configured webhook told of its end ({@link io.eobatch.ops.Webhooks},
 * in the background).
 */
@Named
@Dependent
public class JobLogListener extends AbstractJobListener {

    private static final Logger LOG = Logger.getLogger(JobLogListener.class.getName());

    @Inject
    JobContext job;

    @Inject
    Metrics metrics;

    @Inject
    io.eobatch.ops.Webhooks webhooks;

    @Inject
    io.eobatch.cluster.Nodes nodes;

    /** Also, with several nodes: records that this node runs the execution (a worker: for which main execution). */
    @Override
    public void beforeJob() {
        if (io.eobatch.cluster.ClusterSettings.on()) {
            Double of = JobProperties.of(job).optionalNumber(io.eobatch.cluster.Workers.WORKER_OF);
            nodes.own(job.getExecutionId(), job.getInstanceId(), of == null ? null : of.longValue());
        }
        metrics.executionStarted(job.getJobName());
        LOG.info(() -> "job " + job.getJobName() + " execution " + job.getExecutionId() + " (instance "
                + job.getInstanceId() + ") starts");
    }

    /**
     * Also: a decision's word is not a job's outcome. JBeret (as JSR 352 asks) makes a decider's return value the
     * job's exit status, and nothing after the decision resets it, so a job that passed {@link BudgetDecider} ended
     * with exit status CONTINUE; it ends with its batch status instead (COMPLETED, or FAILED/STOPPED when a later step
     * ended so).
     */
    @Override
    public void afterJob() {
        if (BudgetDecider.CONTINUE.equals(job.getExitStatus())) {
            job.setExitStatus(job.getBatchStatus().name());
        }
        metrics.executionEnded(job.getJobName());
        LOG.info(() -> "job " + job.getJobName() + " execution " + job.getExecutionId() + " ends: "
                + job.getBatchStatus() + " / " + job.getExitStatus());
        if (!io.eobatch.cluster.Workers.isWorker(job.getJobName())) {
            // a worker (several nodes) is part of its main execution, hidden from the API: the main one's end is told
            webhooks.executionEnded(job.getExecutionId(), job.getInstanceId(), job.getJobName(),
                    job.getBatchStatus().name(), job.getExitStatus());
        }
    }
}
