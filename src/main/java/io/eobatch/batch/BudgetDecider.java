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
 * job with that exit status, to be restarted at the fetch step), else CONTINUE.
 */
@Named
@Dependent
public class BudgetDecider implements Decider {

    public static final String OUT_OF_BUDGET = "OUT_OF_BUDGET";

    private static final Logger LOG = Logger.getLogger(BudgetDecider.class.getName());

    @Inject
    JobContext job;

    @Inject
    Budgets budgets;

    @Override
    public String decide(StepExecution[] executions) {
        if (budgets.finish(job.getExecutionId())) {
            LOG.info(() -> "execution " + job.getExecutionId() + ": stopped at its budget; restart it with a larger "
                    + "budget to carry on");
            return OUT_OF_BUDGET;
        }
        return "CONTINUE";
    }
}
