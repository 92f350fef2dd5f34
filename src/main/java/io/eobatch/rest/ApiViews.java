package io.eobatch.rest;

import java.util.List;
import java.util.Map;

import jakarta.json.bind.annotation.JsonbNillable;

import io.eobatch.batch.ParameterSpec;
import io.eobatch.security.ExecutionActions;

/**
 * The typed answers of the REST API (JSON-B writes them; a null field is written as {@code null}, so that a client
 * sees every field). Estimates are {@link io.eobatch.batch.Estimate}.
 */
public final class ApiViews {

    private ApiViews() {
    }

    /** A job eobatch offers: {@code GET /api/jobs}, {@code GET /api/jobs/{job}}. */
    @JsonbNillable
    public record Job(String id, String description, List<String> steps, List<ParameterSpec> parameters,
                      String executions) {
    }

    /**
     * An execution in a list: also its job instance, who launched (restarted, retried) it, and its ledger's progress
     * (without the per-partition counts).
     */
    @JsonbNillable
    public record ExecutionSummary(long id, String job, String status, String exitStatus, String created,
                                   String started, String ended, String href, long instanceId, String startedBy,
                                   Progress progress) {
    }

    /**
     * One execution: its parameters, progress, steps with metrics and partitions, links, who launched, stopped,
     * restarted, retried or abandoned it ({@code actions}, oldest first), and the estimate its job instance was
     * launched with ({@code launchEstimate}, null until it is known or when none was recorded).
     */
    @JsonbNillable
    public record Execution(long id, String job, String status, String exitStatus, String created, String started,
                            String ended, String href, long instanceId, String lastUpdated,
                            Map<String, String> parameters, Progress progress, List<Step> steps,
                            Map<String, String> links, List<ExecutionActions.Entry> actions,
                            LaunchEstimate launchEstimate) {
    }

    /**
     * The estimate a job instance was launched with ({@link LaunchEstimates}): the totals of
     * {@link io.eobatch.batch.Estimate.Total} that the dashboard compares with the run. A restart shows its launch's.
     *
     * @param execution       the execution launched with it (a restart's launch)
     * @param origin          {@code ESTIMATE}: the estimate the user asked for just before the launch; {@code LAUNCH}:
     *                        made right after the launch; {@code RETRY}: the retried execution's, scaled to its FAILED
     *                        items
     * @param estimatedAt     when it was made (UTC)
     * @param sourceExecution {@code RETRY}: the execution whose FAILED items are retried
     * @param items           work items
     * @param requests        requests to the provider or range requests to COGs
     * @param bytes           bytes to read (stac)
     * @param cost            cost in {@code costUnit}
     * @param costUnit        processing units (sentinel-hub), requests (observearth), scenes (stac)
     * @param expectedSeconds the expected duration, seconds
     * @param limitedBy       the limit that sets the duration
     * @param budget          the budget at launch, in {@code costUnit}
     * @param withinBudget    whether the cost fitted the budget
     * @param note            why there are no numbers, or how they were made
     */
    @JsonbNillable
    public record LaunchEstimate(long execution, String origin, String estimatedAt, Long sourceExecution, Long items,
                                 Long requests, Long bytes, Double cost, String costUnit, Double expectedSeconds,
                                 String limitedBy, Double budget, Boolean withinBudget, String note) {
    }

    /** Item counts of the ledger: total, by status, the percentage finished and the counts per partition. */
    public record Progress(long total, long done, long noData, long tooCloudy, long failed, long pending,
                           long inFlight, double percent, Map<String, Map<String, Long>> byPartition) {
    }

    /** A step execution with its metrics (camelCase names) and, for a partitioned step, its partitions. */
    @JsonbNillable
    public record Step(long id, String name, String status, String exitStatus, String started, String ended,
                       Map<String, Long> metrics, List<Partition> partitions) {
    }

    /** A partition of a step execution. */
    @JsonbNillable
    public record Partition(int partition, String status, String exitStatus) {
    }

    /** A work item of the ledger. */
    @JsonbNillable
    public record Item(long id, String key, String aoiId, String sceneId, List<String> sceneIds, String acquired,
                       int partition, String status, int attempts, String lastError, Double cost,
                       Long lastExecutionId, String updatedAt) {
    }

    /** A result file: its path, media type, role, size, modification time, SHA-256 (when known) and URL. */
    @JsonbNillable
    public record ResultFile(String path, String mediaType, String role, long size, String modified, String sha256,
                             String href) {
    }
}
