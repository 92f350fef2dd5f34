package io.eobatch.cluster;

import java.util.Properties;
import java.util.logging.Logger;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eobatch.ledger.Ledger;

/**
 * How a node joins the work of another node's execution: at every heartbeat it looks for running executions of
 * other live nodes in a fetch step (a running step whose name starts with {@code fetch-}) that still have claimable
 * items, and starts one local <em>worker</em> execution for each that has none here yet. A worker is a JBeret job of
 * its own, {@code <job>-worker} ({@code batch-jobs/aoi-statistics-worker.xml}): the job's fetch step alone, launched
 * with the main execution's parameters and {@link #WORKER_OF} / {@link #MAIN_INSTANCE}, whose readers claim items of
 * the main instance's ledger ({@link io.eobatch.batch.LedgerItemReader}). A worker ends when nothing is left to
 * claim or the main execution no longer runs (stopped, failed, or asked to stop). Its job name ends in
 * {@value #SUFFIX}: the REST list of executions leaves workers out.
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

    /** Whether a job name is a worker's. */
    public static boolean isWorker(String jobName) {
        return jobName != null && jobName.endsWith(SUFFIX);
    }

    /** Starts the workers this node should run now (see the class). */
    public void startWhereNeeded() {
        JobOperator operator = BatchRuntime.getJobOperator();
        for (long[] main : nodes.othersInFetchStep()) {
            long execution = main[0];
            long instance = main[1];
            if (nodes.runningWorkers(execution) > 0 || !ledger.claimable(instance)) {
                continue;
            }
            String job = operator.getJobExecution(execution).getJobName();
            String worker = job + SUFFIX;
            if (Workers.class.getClassLoader().getResource("META-INF/batch-jobs/" + worker + ".xml") == null) {
                continue; // this job has no worker definition: its executions run on their own node only
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
                    + execution + " (instance " + instance + ")");
        }
    }
}
