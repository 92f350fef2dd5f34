package io.eobatch.rest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eobatch.ledger.ItemStatus;
import io.eobatch.ledger.Ledger;

/** The JSON views of executions: JobOperator's facts plus the ledger's progress. */
@ApplicationScoped
public class ExecutionViews {

    @Inject
    Ledger ledger;

    @Resource(lookup = "java:jboss/datasources/EobatchDS")
    DataSource dataSource;

    JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }

    /** The execution or a 404 problem. */
    public JobExecution find(long id) {
        try {
            return operator().getJobExecution(id);
        } catch (NoSuchJobExecutionException e) {
            throw ProblemException.notFound("no execution " + id);
        }
    }

    public long instanceId(long executionId) {
        find(executionId);
        return operator().getJobInstance(executionId).getInstanceId();
    }

    /** Short view, for lists. */
    public Map<String, Object> summary(JobExecution e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.getExecutionId());
        m.put("job", e.getJobName());
        m.put("status", e.getBatchStatus().name());
        m.put("exitStatus", e.getExitStatus());
        m.put("created", iso(e.getCreateTime()));
        m.put("started", iso(e.getStartTime()));
        m.put("ended", iso(e.getEndTime()));
        m.put("href", "/api/executions/" + e.getExecutionId());
        return m;
    }

    /** Full view: parameters, progress, steps with metrics, partitions. */
    public Map<String, Object> execution(long id) {
        JobExecution e = find(id);
        long instance = operator().getJobInstance(id).getInstanceId();
        Map<String, Object> m = summary(e);
        m.put("instanceId", instance);
        m.put("lastUpdated", iso(e.getLastUpdatedTime()));
        Map<String, String> params = new TreeMap<>();
        if (e.getJobParameters() != null) {
            e.getJobParameters().forEach((k, v) -> {
                if (!String.valueOf(k).startsWith("jberet.")) {
                    params.put(String.valueOf(k), String.valueOf(v));
                }
            });
        }
        m.put("parameters", params);
        m.put("progress", progress(instance));
        List<Map<String, Object>> steps = new ArrayList<>();
        Map<Long, List<Map<String, Object>>> partitions = partitions(id);
        for (StepExecution s : operator().getStepExecutions(id)) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("id", s.getStepExecutionId());
            sm.put("name", s.getStepName());
            sm.put("status", s.getBatchStatus().name());
            sm.put("exitStatus", s.getExitStatus());
            sm.put("started", iso(s.getStartTime()));
            sm.put("ended", iso(s.getEndTime()));
            Map<String, Long> metrics = new TreeMap<>();
            if (s.getMetrics() != null) {
                for (Metric metric : s.getMetrics()) {
                    metrics.put(camel(metric.getType().name()), metric.getValue());
                }
            }
            sm.put("metrics", metrics);
            List<Map<String, Object>> parts = partitions.get(s.getStepExecutionId());
            if (parts != null) {
                sm.put("partitions", parts);
            }
            steps.add(sm);
        }
        m.put("steps", steps);
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("items", "/api/executions/" + id + "/items");
        links.put("statistics", "/api/executions/" + id + "/statistics");
        links.put("summary", "/api/executions/" + id + "/summary");
        links.put("results", "/api/executions/" + id + "/results");
        m.put("links", links);
        return m;
    }

    /** Item counts of the ledger: total, by status, and the percentage processed. */
    public Map<String, Object> progress(long instance) {
        Map<ItemStatus, Long> c = ledger.counts(instance);
        long total = c.values().stream().mapToLong(Long::longValue).sum();
        long pending = c.get(ItemStatus.PENDING) + c.get(ItemStatus.IN_FLIGHT);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("total", total);
        p.put("done", c.get(ItemStatus.DONE));
        p.put("noData", c.get(ItemStatus.NO_DATA));
        p.put("tooCloudy", c.get(ItemStatus.TOO_CLOUDY));
        p.put("failed", c.get(ItemStatus.FAILED));
        p.put("pending", c.get(ItemStatus.PENDING));
        p.put("inFlight", c.get(ItemStatus.IN_FLIGHT));
        p.put("percent", total == 0 ? 0.0 : Math.round(1000.0 * (total - pending) / total) / 10.0);
        Map<String, Object> byPartition = new TreeMap<>();
        ledger.countsByPartition(instance).forEach((k, v) -> {
            Map<String, Long> s = new TreeMap<>();
            v.forEach((st, n) -> s.put(st.name(), n));
            byPartition.put(String.valueOf(k), s);
        });
        p.put("byPartition", byPartition);
        return p;
    }

    /** Partition executions of each partitioned step of an execution, from JBeret's JDBC repository. */
    private Map<Long, List<Map<String, Object>>> partitions(long executionId) {
        Map<Long, List<Map<String, Object>>> out = new LinkedHashMap<>();
        // JBeret's PARTITIONEXECUTIONID is the partition's index within its step execution.
        String sql = "select p.STEPEXECUTIONID, p.PARTITIONEXECUTIONID, p.BATCHSTATUS, p.EXITSTATUS "
                + "from PARTITION_EXECUTION p join STEP_EXECUTION s on s.STEPEXECUTIONID = p.STEPEXECUTIONID "
                + "where s.JOBEXECUTIONID = ? order by p.STEPEXECUTIONID, p.PARTITIONEXECUTIONID";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, executionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> pm = new LinkedHashMap<>();
                    pm.put("partition", rs.getInt(2));
                    pm.put("status", rs.getString(3));
                    pm.put("exitStatus", rs.getString(4));
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(pm);
                }
            }
        } catch (SQLException e) {
            // JBeret's tables may not exist yet (no job ever ran): no partitions to show.
            java.util.logging.Logger.getLogger(ExecutionViews.class.getName()).fine(() -> "partitions: " + e);
            return out;
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
