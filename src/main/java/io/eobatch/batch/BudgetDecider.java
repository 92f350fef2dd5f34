package io.eobatch.batch;

import java.util.logging.Logger;

import jakarta.batch.api.Decider;
import jakarta.batch.runtime.StepExecution;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * After the fetch step: OUT_OF_BUDGET when an item was left undone for want of budget (the job XML then stops the
 * job with that exit status, to be restarted at the fetch step), OUT_OF_DISK when the partitions stopped below the
 * disk reserve ({@link io.eobatch.results.DiskReserve}), else CONTINUE.
 */
@Named
@Dependent
public class BudgetDecider implements Decider {

    public static final String OUT_OF_BUDGET = "OUT_OF_BUDGET";
    /** The decision's word for "go on"; {@link JobLogListener} keeps it out of the job's exit status. */
    public static final String CONTINUE = "CONTINUE";

    private static final Logger LOG = Logger.getLogger(BudgetDecider.class.getName());

    @Inject
    JobContext job;

    @Inject
    Budgets budgets;

    @Inject
    io.eobatch.ledger.Ledger ledger;

    @Override
    public String decide(StepExecution[] executions) {
        String reason = budgets.stopReason(job.getExecutionId());
        boolean refused = budgets.finish(job.getExecutionId());
        if (reason != null) { // e.g. OUT_OF_DISK (DiskReserve): the job stops with that exit status
            LOG.info(() -> "execution " + job.getExecutionId() + ": stopped (" + reason + "); restart it to carry on");
            return reason;
        }
        // Also from the ledger: a partition that stopped at the budget stays COMPLETED, so when another partition
        // failed and the job was restarted, this execution re-ran only the other one and refused nothing itself.
        long left = JobProperties.of(job).optionalNumber(CommonParameters.BUDGET.name()) == null ? 0
                : ledger.counts(job.getInstanceId()).entrySet().stream()
                        .filter(e -> io.eobatch.ledger.Ledger.TO_DO.contains(e.getKey()))
                        .mapToLong(java.util.Map.Entry::getValue).sum();
        if (refused || left > 0) {
            LOG.info(() -> "execution " + job.getExecutionId() + ": stopped at its budget with " + left
                    + " item(s) to do; restart it with a larger budget to carry on");
            return OUT_OF_BUDGET;
        }
        return CONTINUE;
    }
}
