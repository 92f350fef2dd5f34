package io.eobatch.cluster;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eobatch.ledger.Ledger;

/**
 * A node's periodic task, every {@code eobatch.cluster.heartbeat-seconds} on the container's
 * {@link ManagedScheduledExecutorService}, in this order:
 * <ol>
 *   <li>the heartbeat ({@link Nodes#beat});</li>
 *   <li>the leases of the items this node works on are renewed ({@link Leases});</li>
 *   <li>the executions of dead nodes are marked CRASHED ({@link Nodes#markDeadNodesExecutions}), so that an operator
 *       can restart them from this node;</li>
 *   <li>stop requests other nodes took for this node's executions become local stops ({@code JobOperator.stop} on
 *       this node, where the execution runs: on another node it would not reach the running job);</li>
 *   <li>running executions of other nodes in their job's shared step get a local worker ({@link Workers}).</li>
 * </ol>
 * Each part fails alone (logged); the next beat tries again. Started by {@link io.eobatch.batch.StartupTasks} once
 * the schema is migrated, only when {@link ClusterSettings#on()}.
 */
@ApplicationScoped
public class Heartbeat {

    private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Nodes nodes;

    @Inject
    Leases leases;

    @Inject
    Ledger ledger;

    @Inject
    Workers workers;

    private ScheduledFuture<?> task;

    /** Executions this node stopped at another node's request (the request stays: workers read it). */
    private final java.util.Set<Long> stopped = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Starts the beat (the node is registered already). */
    public synchronized void start() {
        if (task == null) {
            int s = ClusterSettings.get().heartbeatSeconds();
            task = scheduler.scheduleWithFixedDelay(this::beat, s, s, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** One beat. */
    void beat() {
        ClusterSettings settings = ClusterSettings.get();
        safely("heartbeat", nodes::beat);
        safely("lease renewal", () -> ledger.renewLeases(settings.nodeId(), leases.held(), settings.leaseSeconds()));
        safely("dead nodes' executions", () -> nodes.markDeadNodesExecutions(false));
        safely("stop requests", this::stopRequested);
        safely("workers", workers::startWhereNeeded);
    }

    private void stopRequested() {
        for (long id : nodes.stopRequestsForSelf()) {
            if (!stopped.add(id)) {
                continue;
            }
            try {
                BatchRuntime.getJobOperator().stop(id);
                LOG.info(() -> "execution " + id + " stopped at the request of another node");
            } catch (JobExecutionNotRunningException | NoSuchJobExecutionException e) {
                LOG.fine(() -> "stop request for execution " + id + ": " + e);
            }
        }
    }

    private static void safely(String what, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cluster " + what + " failed; the next heartbeat tries again", e);
        }
    }
}
