package io.eobatch.cluster;

import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eobatch.batch.JobDefinition;
import io.eobatch.batch.Jobs;
import io.eobatch.ledger.Ledger;

/**
 * How a node joins the work of another node's execution: at every heartbeat it looks for running executions of
 * other live nodes in their job's <em>shared step</em> ({@link JobDefinition#sharedStep()}: declared by the job, not
 * guessed from a step's name) that still have claimable items, and starts one local <em>worker</em> execution for
 * each that has none here yet. A worker is a JBeret job of its own, {@code <job>-worker}
 * ({@code batch-jobs/<job>-worker.xml}): the job's shared step alone, launched with the main execution's parameters
 * and {@link #WORKER_OF} / {@link #MAIN_INSTANCE}, whose readers claim items of the main instance's ledger
 * ({@link io.eobatch.batch.LedgerItemReader}). A worker ends when nothing is left to claim or the main execution no
 * longer runs (stopped, failed, or asked to stop). Its job name ends in {@value #SUFFIX}: the REST list of executions
 * leaves workers out.
 *
 * <p>A shared step that writes files a later step of the main execution reads (aoi-timelapse's frames,
 * tiled-composite's tiles: {@link JobDefinition.SharedStep#writesFiles()}) is joined only by a node that sees the
 * main node's data directory ({@link SharedDataDir}); a node with a data directory of its own leaves such an
 * execution to its node, and says so once in its log.
 */
@ApplicationScoped
public class Workers {

    private static final Logger LOG = Logger.getLogger(Workers.class.getName());

    /** The job name of a worker is the main job's name with this suffix. */
    public static final String SUFFIX = "-worker";
    /** Job parameter of a worker: the id of the main execution whose ledger it works on. */
    public static final String WORKER_OF = "workerOf";
    /** Job parameter of a worker: the job instance of the main execution (its ledger). */
    public static final String MAIN_INSTANCE = "mainInstance";

    @Inject
    Nodes nodes;

    @Inject
    Ledger ledger;

    @Inject
    SharedDataDir dataDir;

    /** Main executions this node does not join because it does not see their node's files (logged once each). */
    private final Set<Long> apart = ConcurrentHashMap.newKeySet();

    /** Whether a job name is a worker's. */
    public static boolean isWorker(String jobName) {
        return jobName != null && jobName.endsWith(SUFFIX);
    }

    /** Whether {@code step} is the declared shared step of job {@code job} (the only step other nodes join). */
    static boolean shared(String job, String step) {
        return Jobs.definition(job).map(JobDefinition::sharedStep).filter(s -> s.id().equals(step)).isPresent();
    }

    /**
     * Whether a node joins a running step of another node's execution of job {@code job}: the step is the job's
     * declared shared step, and when that step writes files, this node sees the other's data directory
     * ({@code seesFiles}, asked only then: it reads the other node's mark from the disk).
     */
    static boolean joins(String job, String step, BooleanSupplier seesFiles) {
        JobDefinition.SharedStep shared = Jobs.definition(job).map(JobDefinition::sharedStep).orElse(null);
        return shared != null && shared.id().equals(step) && (!shared.writesFiles() || seesFiles.getAsBoolean());
    }

    /** Starts the workers this node should run now (see the class). */
    public void startWhereNeeded() {
        JobOperator operator = BatchRuntime.getJobOperator();
        for (Nodes.RunningStep main : nodes.othersRunningSteps()) {
            long execution = main.execution();
            long instance = main.instance();
            if (!shared(main.job(), main.step())) {
                continue; // not the job's shared step (or the job has none)
            }
            if (!joins(main.job(), main.step(), () -> dataDir.sees(main.node(), main.nodeStartedAt()))) {
                if (apart.add(execution)) {
                    LOG.warning(() -> "node " + nodes.self() + " does not join execution " + execution + " ("
                            + main.job() + ") of node " + main.node() + ": its step " + main.step() + " writes files "
                            + "that node reads later, and this node does not see that node's data directory (give "
                            + "the nodes one shared EOBATCH_DATA_DIR; README, Several nodes)");
                }
                continue;
            }
            if (nodes.runningWorkers(execution) > 0 || !ledger.claimable(instance)) {
                continue;
            }
            String worker = main.job() + SUFFIX;
            if (Workers.class.getClassLoader().getResource("META-INF/batch-jobs/" + worker + ".xml") == null) {
                continue; // WorkerJobsTest: every shared step has its worker XML
            }
            Properties params = new Properties();
            Properties given = operator.getParameters(execution);
            if (given != null) {
                params.putAll(given);
            }
            params.setProperty(WORKER_OF, String.valueOf(execution));
            params.setProperty(MAIN_INSTANCE, String.valueOf(instance));
            long id = operator.start(worker, params);
            LOG.info(() -> "node " + nodes.self() + ": worker execution " + id + " (" + worker + ") joins execution "
                    + execution + " (instance " + instance + ", step " + main.step() + ")");
        }
    }
}
