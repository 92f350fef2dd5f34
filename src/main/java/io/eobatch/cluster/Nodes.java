package io.eobatch.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eobatch.ledger.Claims;

/**
 * The nodes sharing the database, and which node runs which job execution (tables {@code cluster_node},
 * {@code execution_node}, {@code stop_request}, migration V14). Only used when {@link ClusterSettings#on()}, so on
 * PostgreSQL: times are the database's ({@code now()}), so the nodes' clocks need not agree.
 *
 * <p>The public API for other packages: {@link #self()} and {@link #liveNodeIds()} (e.g. to share a limit among
 * the live nodes).
 */
@ApplicationScoped
public class Nodes {

    private static final Logger LOG = Logger.getLogger(Nodes.class.getName());

    /** The batch statuses of an execution that is not over. */
    static final String RUNNING = "('STARTED','STARTING','STOPPING')";

    @Resource(lookup = "java:jboss/datasources/EobatchDS")
    DataSource dataSource;

    @Inject
    SharedDataDir dataDir;

    /** This node's id ({@code eobatch.node.id}). */
    public String self() {
        return ClusterSettings.get().nodeId();
    }

    /** The ids of the live nodes (heartbeat younger than the node timeout), this one included once registered. */
    public List<String> liveNodeIds() {
        List<String> ids = new ArrayList<>();
        for (Node n : nodes()) {
            if (n.live()) {
                ids.add(n.id());
            }
        }
        return ids;
    }

    /** Every node the database knows, live or dead, by id. */
    public List<Node> nodes() {
        return query("select id, started_at, heartbeat_at, heartbeat_at >= now() - cast(? as integer) * interval "
                + "'1 second' from cluster_node order by id", ps -> ps.setInt(1, timeout()), rs -> new Node(
                rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant(), rs.getBoolean(4)));
    }

    /**
     * Registers this node's new process (started now, heartbeat now) and writes its mark in the data directory
     * ({@link SharedDataDir}: the other nodes learn from it whether they see this node's files).
     */
    public void register() {
        Instant started = query("insert into cluster_node (id, started_at, heartbeat_at) values (?, now(), now()) "
                + "on conflict (id) do update set started_at = now(), heartbeat_at = now() returning started_at",
                ps -> ps.setString(1, self()), rs -> rs.getTimestamp(1).toInstant()).get(0);
        try {
            dataDir.mark(self(), started);
        } catch (java.io.UncheckedIOException e) {
            // the node still works; the other nodes only leave its aoi-timelapse and tiled-composite runs to it
            LOG.warning(() -> "node " + self() + ": " + e.getMessage() + " (" + e.getCause() + ")");
        }
        LOG.info(() -> "node " + self() + " registered (" + ClusterSettings.get() + ")");
    }

    /** This node's heartbeat (registers it again if its row was removed). */
    public void beat() {
        if (update("update cluster_node set heartbeat_at = now() where id = ?", ps -> ps.setString(1, self())) == 0) {
            register();
        }
    }

    /**
     * Records that this node runs job execution {@code executionId} of instance {@code instanceId}; for a worker,
     * {@code mainExecutionId} is the execution whose ledger it works on (null for a main execution).
     */
    public void own(long executionId, long instanceId, Long mainExecutionId) {
        update("insert into execution_node (job_execution_id, job_instance_id, node_id, main_execution_id, started_at) "
                + "values (?, ?, ?, ?, now()) on conflict (job_execution_id) do update set node_id = excluded.node_id, "
                + "started_at = now()", ps -> {
                    ps.setLong(1, executionId);
                    ps.setLong(2, instanceId);
                    ps.setString(3, self());
                    ps.setObject(4, mainExecutionId, java.sql.Types.BIGINT);
                });
    }

    /** The node that runs (or ran) an execution, if recorded. */
    public Optional<String> owner(long executionId) {
        return query("select node_id from execution_node where job_execution_id = ?", ps -> ps.setLong(1, executionId),
                rs -> rs.getString(1)).stream().findFirst();
    }

    /**
     * Marks as FAILED/CRASHED the executions (with their steps and partitions) still running in the job repository
     * whose node is dead: its heartbeat is older than the node timeout, or it is this node's previous process
     * ({@code startup}: nothing runs here yet), or no node was recorded for it and it was created longer ago than the
     * node timeout (a younger one may be starting on a live node that has not recorded it yet).
     *
     * @return the job executions marked
     */
    public List<Long> markDeadNodesExecutions(boolean startup) {
        List<Long> ids = query("select e.JOBEXECUTIONID from JOB_EXECUTION e "
                + "left join execution_node o on o.job_execution_id = e.JOBEXECUTIONID "
                + "left join cluster_node n on n.id = o.node_id "
                + "where e.BATCHSTATUS in " + RUNNING + " and ("
                + "(o.node_id is null and e.CREATETIME < localtimestamp - cast(? as integer) * interval '1 second') "
                + "or (o.node_id is not null and n.id is null) "
                + "or n.heartbeat_at < now() - cast(? as integer) * interval '1 second' "
                + "or (? and o.node_id = ?))", ps -> {
                    ps.setInt(1, timeout());
                    ps.setInt(2, timeout());
                    ps.setBoolean(3, startup);
                    ps.setString(4, self());
                }, rs -> rs.getLong(1));
        if (ids.isEmpty()) {
            return ids;
        }
        String in = Claims.in(ids);
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            int jobs = s.executeUpdate("update JOB_EXECUTION set BATCHSTATUS='FAILED', EXITSTATUS='CRASHED', "
                    + "ENDTIME=CURRENT_TIMESTAMP where BATCHSTATUS in " + RUNNING + " and JOBEXECUTIONID in " + in);
            int parts = s.executeUpdate("update PARTITION_EXECUTION set BATCHSTATUS='FAILED', EXITSTATUS='CRASHED' "
                    + "where BATCHSTATUS in " + RUNNING + " and STEPEXECUTIONID in (select STEPEXECUTIONID from "
                    + "STEP_EXECUTION where JOBEXECUTIONID in " + in + ")");
            int steps = s.executeUpdate("update STEP_EXECUTION set BATCHSTATUS='FAILED', EXITSTATUS='CRASHED', "
                    + "ENDTIME=CURRENT_TIMESTAMP where BATCHSTATUS in " + RUNNING + " and JOBEXECUTIONID in " + in);
            LOG.warning(() -> "marked " + jobs + " job execution(s) " + ids + ", " + steps + " step(s) and " + parts
                    + " partition(s) of dead node(s) as FAILED/CRASHED");
        } catch (SQLException e) {
            throw new IllegalStateException("could not mark the executions of dead nodes", e);
        }
        return ids;
    }

    /** Asks the node that runs {@code executionId} to stop it (its {@link Heartbeat} sees the request). */
    public void requestStop(long executionId) {
        update("insert into stop_request (job_execution_id, requested_by, requested_at) values (?, ?, now()) "
                + "on conflict (job_execution_id) do nothing", ps -> {
                    ps.setLong(1, executionId);
                    ps.setString(2, self());
                });
    }

    /**
     * The stop requests for executions this node runs that are still running. A request stays after its stop: the
     * workers of the execution read it ({@link #runsOn}).
     */
    public List<Long> stopRequestsForSelf() {
        return query("select s.job_execution_id from stop_request s join execution_node o "
                + "on o.job_execution_id = s.job_execution_id join JOB_EXECUTION e on e.JOBEXECUTIONID = "
                + "s.job_execution_id where o.node_id = ? and e.BATCHSTATUS in " + RUNNING,
                ps -> ps.setString(1, self()), rs -> rs.getLong(1));
    }

    /**
     * Whether {@code executionId} still runs (STARTING or STARTED in the job repository) and nobody asked it to
     * stop: what a worker checks before it claims more items of that execution's ledger.
     */
    public boolean runsOn(long executionId) {
        return !query("select 1 from JOB_EXECUTION e where e.JOBEXECUTIONID = ? and e.BATCHSTATUS in "
                + "('STARTED','STARTING') and not exists (select 1 from stop_request s where s.job_execution_id = "
                + "e.JOBEXECUTIONID)", ps -> ps.setLong(1, executionId), rs -> 1).isEmpty();
    }

    /**
     * A running main execution of another live node, in a running step: what a worker of this node may join when
     * the step is its job's shared one ({@link Workers}).
     *
     * @param execution     the main execution's id
     * @param instance      its job instance (the ledger)
     * @param job           its job name
     * @param step          the name of a step of it that runs now
     * @param node          the node that runs it
     * @param nodeStartedAt when that node's process started ({@link SharedDataDir})
     */
    public record RunningStep(long execution, long instance, String job, String step, String node,
            Instant nodeStartedAt) {
    }

    /**
     * The running steps of the running main executions of other live nodes that nobody asked to stop (a partitioned
     * step once, by its name). Which of them other nodes join is the job's declaration, not a name
     * ({@link io.eobatch.batch.JobDefinition#sharedStep()}).
     */
    public List<RunningStep> othersRunningSteps() {
        return query("select distinct e.JOBEXECUTIONID, e.JOBINSTANCEID, i.JOBNAME, s.STEPNAME, o.node_id, "
                + "n.started_at from JOB_EXECUTION e "
                + "join JOB_INSTANCE i on i.JOBINSTANCEID = e.JOBINSTANCEID "
                + "join execution_node o on o.job_execution_id = e.JOBEXECUTIONID "
                + "join cluster_node n on n.id = o.node_id "
                + "join STEP_EXECUTION s on s.JOBEXECUTIONID = e.JOBEXECUTIONID "
                + "where e.BATCHSTATUS = 'STARTED' and o.main_execution_id is null and o.node_id <> ? "
                + "and n.heartbeat_at >= now() - cast(? as integer) * interval '1 second' "
                + "and s.BATCHSTATUS = 'STARTED' "
                + "and not exists (select 1 from stop_request r where r.job_execution_id = e.JOBEXECUTIONID)",
                ps -> {
                    ps.setString(1, self());
                    ps.setInt(2, timeout());
                }, rs -> new RunningStep(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant()));
    }

    /** Worker executions of this node for main execution {@code mainExecutionId} that are still running. */
    public int runningWorkers(long mainExecutionId) {
        return query("select count(*) from execution_node o join JOB_EXECUTION e on e.JOBEXECUTIONID = "
                + "o.job_execution_id where o.main_execution_id = ? and o.node_id = ? and e.BATCHSTATUS in " + RUNNING,
                ps -> {
                    ps.setLong(1, mainExecutionId);
                    ps.setString(2, self());
                }, rs -> rs.getInt(1)).get(0);
    }

    private static int timeout() {
        return ClusterSettings.get().nodeTimeoutSeconds();
    }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Binder binder, Row<T> row) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cluster query failed: " + sql, e);
        }
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cluster update failed: " + sql, e);
        }
    }
}
