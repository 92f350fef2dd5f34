package io.eobatch.rest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Date;
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

    @Resource(lookup = "java:jboss/datasources/EobatchDS")
    DataSource dataSource;

    /** Short view, for lists. */
    public ApiViews.ExecutionSummary summary(JobExecution e) {
        return new ApiViews.ExecutionSummary(e.getExecutionId(), e.getJobName(), e.getBatchStatus().name(),
                e.getExitStatus(), iso(e.getCreateTime()), iso(e.getStartTime()), iso(e.getEndTime()),
                "/api/executions/" + e.getExecutionId());
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
                JobProperties.visible(e.getJobParameters()), progress(instance), steps, links, actions.of(id));
    }

    /** Item counts of the ledger: total, by status, and the percentage processed. */
    public ApiViews.Progress progress(long instance) {
        Map<ItemStatus, Long> c = ledger.counts(instance);
        long total = c.values().stream().mapToLong(Long::longValue).sum();
        long pending = c.get(ItemStatus.PENDING) + c.get(ItemStatus.IN_FLIGHT);
        Map<String, Map<String, Long>> byPartition = new TreeMap<>();
        ledger.countsByPartition(instance).forEach((k, v) -> {
            Map<String, Long> s = new TreeMap<>();
            v.forEach((st, n) -> s.put(st.name(), n));
            byPartition.put(String.valueOf(k), s);
        });
        return new ApiViews.Progress(total, c.get(ItemStatus.DONE), c.get(ItemStatus.NO_DATA),
                c.get(ItemStatus.TOO_CLOUDY), c.get(ItemStatus.FAILED), c.get(ItemStatus.PENDING),
                c.get(ItemStatus.IN_FLIGHT), total == 0 ? 0.0 : Math.round(1000.0 * (total - pending) / total) / 10.0,
                byPartition);
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
