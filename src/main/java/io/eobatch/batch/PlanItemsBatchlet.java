package io.eobatch.batch;

import java.util.List;
import java.util.logging.Logger;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;

import io.eobatch.aoi.Aoi;
import io.eobatch.aoi.AoiRepository;
import io.eobatch.aoi.AoiSets;
import io.eobatch.ledger.Ledger;
import io.eobatch.ledger.WorkItem;
import io.eobatch.provider.Providers;

/**
 * The plan step every job shares: a job instance that is planned already keeps its ledger (a restart never plans
 * again); an execution started by retry-failed ({@code retryOf}) is planned from its source by {@link CarryOver}
 * under the job's {@link RetryPlan}; otherwise the job plans its items ({@link #plan}, stored in one transaction, or
 * {@link #planInBatches}, stored in batches of whole AOIs that a restart after a failure part-way goes on from:
 * {@link Ledger#planBatch}), and the step's exit status says what was planned.
 */
public abstract class PlanItemsBatchlet extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(PlanItemsBatchlet.class.getName());

    @Inject
    protected JobContext job;

    @Inject
    protected Ledger ledger;

    @Inject
    protected AoiRepository aois;

    @Inject
    AoiSets sets;

    @Inject
    protected Providers providers;

    @Inject
    CarryOver carryOver;

    @Inject
    Jobs jobs;

    /** What a plan made: the items, and the step's exit status (what was planned, in words). */
    public record Plan(List<WorkItem> items, String exitStatus) {
    }

    /** The items of a new job instance, partition {@code ordinal mod partitions}. */
    protected abstract Plan plan(JobProperties params, long instance, int partitions) throws Exception;

    /**
     * Plans and stores the items of a job instance, going on from {@code state} (empty: from the start); the step's
     * exit status. By default the whole {@link #plan} in one transaction; a job with plans too large for one
     * (aoi-statistics over 100,000 AOIs) writes batches of whole AOIs with {@link Ledger#planBatch}.
     */
    protected String planInBatches(JobProperties params, long instance, int partitions,
                                   java.util.Optional<Ledger.PlanState> state) throws Exception {
        Plan plan = plan(params, instance, partitions);
        ledger.plan(instance, plan.items());
        LOG.info(() -> "execution " + job.getExecutionId() + ": planned " + plan.items().size() + " item(s) in "
                + partitions + " partition(s): " + plan.exitStatus());
        return plan.exitStatus();
    }

    /** The AOIs of the job's {@code aois} and {@code aoiSet} parameters, resolved now, ordered by id. */
    protected List<Aoi> selectedAois(JobProperties p) {
        return sets.select(p.get(CommonParameters.AOIS.name()), p.get(CommonParameters.AOI_SET.name()));
    }

    @Override
    public final String process() throws Exception {
        long instance = job.getInstanceId();
        var state = ledger.planState(instance);
        if (state.map(Ledger.PlanState::complete).orElse(false)) {
            LOG.info(() -> "instance " + instance + " is planned already: keeping its ledger");
            return "PLANNED";
        }
        JobProperties params = JobProperties.of(job);
        int partitions = params.integer(CommonParameters.PARTITIONS.name());
        Long source = params.optionalLong(CommonParameters.RETRY_OF.name());
        if (source != null) {
            EoJob eoJob = jobs.find(job.getJobName()).orElseThrow();
            CarryOver.Counts c = carryOver.plan(source, instance, job.getJobName(), partitions, eoJob.retryPlan());
            String what = "the " + c.toDo() + " FAILED item(s) of job instance " + source + " planned again"
                    + (c.carried() > 0 ? ", its other " + c.carried() + " item(s) carried over" : "");
            LOG.info(() -> "execution " + job.getExecutionId() + ": " + what);
            return "PLANNED: " + what;
        }
        return planInBatches(params, instance, partitions, state);
    }
}
