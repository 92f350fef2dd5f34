package io.eobatch.rest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eobatch.batch.JobProperties;
import io.eobatch.ledger.ItemStatus;
import io.eobatch.ledger.Ledger;
import io.eobatch.security.ExecutionActions;

/** The views of executions: JobOperator's facts plus the ledger's progress. */
@ApplicationScoped
public class ExecutionViews {

    @Inject
    Ledger ledger;

    @Inject
    ExecutionService executions;

    @Inject
    ExecutionActions actions;

    @Inject
    LaunchEstimates launchEstimates;

    @Resource(lookup = "java:jboss/datasources/EobatchDS")
    DataSource dataSource;

    /** The short view of one execution ({@link #summaries}). */
    public ApiViews.ExecutionSummary summary(JobExecution e) {
        return summaries(List.of(e)).get(0);
    }

    /**
     * Short views, for lists: each with who started it and its progress, read for the whole page in two queries
     * (not two per execution); the progress from the counts the ledger keeps ({@code item_count}, as
     * {@link Ledger#counts}), not by counting the items.
     */
    public List<ApiViews.ExecutionSummary> summaries(List<JobExecution> page) {
        Map<Long, Long> instances = new LinkedHashMap<>();
        for (JobExecution e : page) {
            instances.put(e.getExecutionId(), executions.operator().getJobInstance(e.getExecutionId()).getInstanceId());
        }
        Map<Long, Map<ItemStatus, Long>> counts = new HashMap<>();
        Map<Long, String> starters = new HashMap<>();
        List<Long> ids = new ArrayList<>(instances.keySet());
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> execs = ids.subList(from, Math.min(ids.size(), from + 500));
            List<Long> insts = execs.stream().map(instances::get).distinct().toList();
            query("select job_instance_id, status, sum(n) from item_count where job_instance_id in ("
                    + marks(insts.size()) + ") group by job_instance_id, status", insts,
                    rs -> counts.computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(ItemStatus.class))
                            .put(ItemStatus.valueOf(rs.getString(2)), rs.getLong(3)));
            query("select execution_id, username from execution_action where action in ('LAUNCH','RESTART',"
                    + "'RETRY_FAILED') and execution_id in (" + marks(execs.size()) + ") order by id", execs,
                    rs -> starters.put(rs.getLong(1), rs.getString(2)));
        }
        List<ApiViews.ExecutionSummary> out = new ArrayList<>();
        for (JobExecution e : page) {
            long instance = instances.get(e.getExecutionId());
            Map<ItemStatus, Long> c = counts.getOrDefault(instance, Map.of());
            out.add(new ApiViews.ExecutionSummary(e.getExecutionId(), e.getJobName(), e.getBatchStatus().name(),
                    e.getExitStatus(), iso(e.getCreateTime()), iso(e.getStartTime()), iso(e.getEndTime()),
                    "/api/executions/" + e.getExecutionId(), instance, starters.get(e.getExecutionId()),
                    progress(c, null)));
        }
        return out;
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private void query(String sql, List<Long> args, Row row) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setLong(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the executions' progress", e);
        }
    }

    private static String marks(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    /** Full view: parameters, progress, steps with metrics, partitions. */
    public ApiViews.Execution execution(long id) {
        JobExecution e = executions.find(id);
        long instance = executions.instanceId(id);
        List<ApiViews.Step> steps = new ArrayList<>();
        Map<Long, List<ApiViews.Partition>> partitions = partitions(id);
        Map<Long, Date> starts = stepStarts(id);
        for (StepExecution s : executions.operator().getStepExecutions(id)) {
            Map<String, Long> metrics = new TreeMap<>();
            if (s.getMetrics() != null) {
                for (Metric metric : s.getMetrics()) {
                    metrics.put(camel(metric.getType().name()), metric.getValue());
                }
            }
            steps.add(new ApiViews.Step(s.getStepExecutionId(), s.getStepName(), s.getBatchStatus().name(),
                    s.getExitStatus(), iso(starts.getOrDefault(s.getStepExecutionId(), s.getStartTime())),
                    iso(s.getEndTime()), metrics,
                    partitions.get(s.getStepExecutionId())));
        }
        Map<String, String> links = new LinkedHashMap<>();
        for (String link : List.of("items", "statistics", "summary", "results")) {
            links.put(link, "/api/executions/" + id + "/" + link);
        }
        return new ApiViews.Execution(e.getExecutionId(), e.getJobName(), e.getBatchStatus().name(),
                e.getExitStatus(), iso(e.getCreateTime()), iso(e.getStartTime()), iso(e.getEndTime()),
                "/api/executions/" + id, instance, iso(e.getLastUpdatedTime()),
                JobProperties.visible(e.getJobParameters()), progress(instance), steps, links, actions.of(id),
                launchEstimates.of(instance).orElse(null));
    }

    /** Item counts of the ledger: total, by status, and the percentage processed. */
    public ApiViews.Progress progress(long instance) {
        Map<ItemStatus, Long> c = new EnumMap<>(ItemStatus.class);
        Map<String, Map<String, Long>> byPartition = new TreeMap<>();
        ledger.countsByPartition(instance).forEach((k, v) -> { // one read of the kept counts for both
            Map<String, Long> s = new TreeMap<>();
            v.forEach((st, n) -> {
                s.put(st.name(), n);
                c.merge(st, n, Long::sum);
            });
            byPartition.put(String.valueOf(k), s);
        });
        return progress(c, byPartition);
    }

    /** The progress of {@code counts} (a status left out counts 0), the same numbers as the live events'. */
    static ApiViews.Progress progress(Map<ItemStatus, Long> c, Map<String, Map<String, Long>> byPartition) {
        return new ApiViews.Progress(ItemStatus.total(c), c.getOrDefault(ItemStatus.DONE, 0L),
                c.getOrDefault(ItemStatus.NO_DATA, 0L), c.getOrDefault(ItemStatus.TOO_CLOUDY, 0L),
                c.getOrDefault(ItemStatus.FAILED, 0L), c.getOrDefault(ItemStatus.PENDING, 0L),
                c.getOrDefault(ItemStatus.IN_FLIGHT, 0L), ItemStatus.percentProcessed(c), byPartition);
    }

    /** Partition executions of each partitioned step of an execution, from JBeret's JDBC repository. */
    private Map<Long, List<ApiViews.Partition>> partitions(long executionId) {
        Map<Long, List<ApiViews.Partition>> out = new LinkedHashMap<>();
        // JBeret's PARTITIONEXECUTIONID is the partition's index within its step execution.
        String sql = "select p.STEPEXECUTIONID, p.PARTITIONEXECUTIONID, p.BATCHSTATUS, p.EXITSTATUS "
                + "from PARTITION_EXECUTION p join STEP_EXECUTION s on s.STEPEXECUTIONID = p.STEPEXECUTIONID "
                + "where s.JOBEXECUTIONID = ? order by p.STEPEXECUTIONID, p.PARTITIONEXECUTIONID";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, executionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new ApiViews.Partition(
                            rs.getInt(2), rs.getString(3), rs.getString(4)));
                }
            }
        } catch (SQLException e) {
            // JBeret's tables may not exist yet (no job ever ran): no partitions to show.
            java.util.logging.Logger.getLogger(ExecutionViews.class.getName()).fine(() -> "partitions: " + e);
            return out;
        }
        return out;
    }

    /**
     * The start of each step execution as JBeret's table holds it: STEP_EXECUTION.STARTTIME is written once, when
     * the step starts, but the StepExecution that JobOperator serves from its cache has its start time reset when a
     * partitioned step's partitions all complete (JBeret's StepExecutionRunner sets the step STARTED again, and
     * AbstractExecution.setBatchStatus(STARTED) stamps a new start time), so it showed the end time.
     */
    private Map<Long, Date> stepStarts(long executionId) {
        Map<Long, Date> out = new HashMap<>();
        String sql = "select STEPEXECUTIONID, STARTTIME from STEP_EXECUTION where JOBEXECUTIONID = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, executionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getTimestamp(2) != null) {
                        out.put(rs.getLong(1), new Date(rs.getTimestamp(2).getTime()));
                    }
                }
            }
        } catch (SQLException e) {
            java.util.logging.Logger.getLogger(ExecutionViews.class.getName()).fine(() -> "step starts: " + e);
        }
        return out;
    }

    static String iso(Date d) {
        return d == null ? null : d.toInstant().toString();
    }

    private static String camel(String upper) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char ch : upper.toLowerCase().toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return b.toString();
    }
}
