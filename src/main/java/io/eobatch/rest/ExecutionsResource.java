package io.eobatch.rest;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionIsRunningException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.eobatch.batch.JobDefinition;
import io.eobatch.ledger.ItemStatus;
import io.eobatch.ledger.Ledger;
import io.eobatch.ledger.WorkItem;
import io.eobatch.results.StatisticsCsv;

/** Executions: watch them, stop, restart and abandon them, and read their results. */
@Path("/executions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ExecutionsResource {

    private static final Logger LOG = Logger.getLogger(ExecutionsResource.class.getName());

    @Inject
    ExecutionViews views;

    @Inject
    JobLauncher launcher;

    @Inject
    Ledger ledger;

    @Inject
    StatisticsCsv csv;

    JobOperator operator() {
        return launcher.operator();
    }

    /** Executions, newest first, optionally of one job and one batch status. */
    @GET
    public List<Map<String, Object>> list(@QueryParam("job") String job, @QueryParam("status") String status,
                                          @QueryParam("limit") @DefaultValue("100") int limit) {
        BatchStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = BatchStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("status", "'" + status + "' is not a batch status; one of "
                        + List.of(BatchStatus.values()));
            }
        }
        if (limit < 1 || limit > 10_000) {
            throw ProblemException.badRequest("limit", "must be 1..10000");
        }
        List<String> names = new ArrayList<>();
        if (job != null && !job.isBlank()) {
            JobsResource.definition(job);
            names.add(job);
        } else {
            names.addAll(operator().getJobNames());
        }
        List<JobExecution> all = new ArrayList<>();
        for (String name : names) {
            List<JobInstance> instances;
            try {
                instances = operator().getJobInstances(name, 0, Integer.MAX_VALUE);
            } catch (NoSuchJobException e) {
                continue;
            }
            for (JobInstance i : instances) {
                all.addAll(operator().getJobExecutions(i));
            }
        }
        final BatchStatus w = wanted;
        return all.stream().filter(e -> w == null || e.getBatchStatus() == w)
                .sorted(Comparator.comparingLong(JobExecution::getExecutionId).reversed())
                .limit(limit).map(views::summary).toList();
    }

    @GET
    @Path("{id}")
    public Map<String, Object> get(@PathParam("id") long id) {
        return views.execution(id);
    }

    /** Asks a running execution to stop at its next chunk boundary: 202; 409 when it is not running. */
    @POST
    @Path("{id}/stop")
    @Consumes(MediaType.WILDCARD)
    public Response stop(@PathParam("id") long id) {
        views.find(id);
        try {
            operator().stop(id);
        } catch (JobExecutionNotRunningException e) {
            throw ProblemException.conflict("execution " + id + " is not running ("
                    + views.find(id).getBatchStatus() + ")");
        }
        return Response.accepted(views.execution(id)).build();
    }

    /** The parameters a restart may change: they do not change the plan (the ledger) or what an item means. */
    static final java.util.Set<String> RESTART_MAY_CHANGE = new java.util.TreeSet<>(
            java.util.List.of("budget", "chunkSize", "retryLimit", "skipLimit"));

    /**
     * Restarts a FAILED or STOPPED execution as a new execution of the same job instance: 201 with its Location.
     * The body may change {@link #RESTART_MAY_CHANGE} (a larger budget, chunk size, retry or skip limits); the others
     * keep their values (a change is a 400: the ledger was planned with them).
     */
    @POST
    @Path("{id}/restart")
    @Consumes(MediaType.WILDCARD)
    public Response restart(@PathParam("id") long id, String body, @Context UriInfo uri) {
        JobExecution old = views.find(id);
        JobDefinition def = JobsResource.definition(old.getJobName());
        Map<String, String> merged = new LinkedHashMap<>();
        Properties oldParams = old.getJobParameters() == null ? new Properties() : old.getJobParameters();
        oldParams.forEach((k, v) -> {
            if (!String.valueOf(k).startsWith("jberet.")) { // JBeret's own bookkeeping, not a job parameter
                merged.put(String.valueOf(k), String.valueOf(v));
            }
        });
        Map<String, String> changes = JsonBodies.parameters(JsonBodies.object(body));
        if (changes.containsKey("partitions") && !changes.get("partitions").equals(merged.get("partitions"))) {
            throw ProblemException.badRequest("partitions", "cannot change on restart: the ledger is split into "
                    + merged.get("partitions") + " partitions");
        }
        for (var c : changes.entrySet()) {
            if (!RESTART_MAY_CHANGE.contains(c.getKey()) && !c.getValue().equals(merged.get(c.getKey()))
                    && !c.getKey().equals("partitions")) {
                throw ProblemException.badRequest(c.getKey(), "cannot change on restart: the ledger was planned "
                        + "with " + c.getKey() + " = " + merged.get(c.getKey()) + "; only " + RESTART_MAY_CHANGE
                        + " may change (start a new execution for another plan)");
            }
        }
        merged.putAll(changes);
        Properties props = launcher.validate(def, merged);
        long newId;
        try {
            newId = operator().restart(id, props);
        } catch (JobExecutionAlreadyCompleteException e) {
            throw ProblemException.conflict("execution " + id + " has COMPLETED: there is nothing to restart");
        } catch (JobExecutionNotMostRecentException e) {
            throw ProblemException.conflict("execution " + id + " is not the most recent execution of its job "
                    + "instance: restart the newest one");
        } catch (JobRestartException e) {
            throw ProblemException.conflict("execution " + id + " cannot be restarted (" + old.getBatchStatus()
                    + "): " + e.getMessage());
        }
        LOG.info(() -> "execution " + id + " restarted as " + newId);
        URI location = uri.getBaseUriBuilder().path("executions").path(String.valueOf(newId)).build();
        return Response.created(location).entity(views.execution(newId)).build();
    }

    /**
     * Starts a new execution of the same job and parameters that works only on the FAILED items of this execution's
     * ledger (no catalog search, and no call for an item that is DONE): 201 with its Location; 409 when the
     * execution is still running or has no FAILED item; 400 for a job that cannot retry items.
     */
    @POST
    @Path("{id}/retry-failed")
    @Consumes(MediaType.WILDCARD)
    public Response retryFailed(@PathParam("id") long id, @Context UriInfo uri) {
        JobExecution old = views.find(id);
        JobDefinition def = JobsResource.definition(old.getJobName());
        if (def.parameter("retryOf") == null) {
            throw ProblemException.badRequest("job", "job " + def.id() + " cannot retry single items yet");
        }
        if (old.getBatchStatus() == BatchStatus.STARTED || old.getBatchStatus() == BatchStatus.STARTING
                || old.getBatchStatus() == BatchStatus.STOPPING) {
            throw ProblemException.conflict("execution " + id + " is running: wait for it to end or stop it");
        }
        long instance = views.instanceId(id);
        var counts = ledger.counts(instance);
        long toDo = counts.get(ItemStatus.PENDING) + counts.get(ItemStatus.IN_FLIGHT);
        if (toDo > 0) {
            throw ProblemException.conflict("execution " + id + " has " + toDo + " item(s) not yet done (stopped, out "
                    + "of budget or failed part-way): restart it first; retry-failed then works on its FAILED items");
        }
        long failed = counts.get(ItemStatus.FAILED);
        if (failed == 0) {
            throw ProblemException.conflict("execution " + id + " has no FAILED item");
        }
        Map<String, String> params = new LinkedHashMap<>();
        Properties oldParams = old.getJobParameters() == null ? new Properties() : old.getJobParameters();
        oldParams.forEach((k, v) -> {
            if (!String.valueOf(k).startsWith("jberet.")) {
                params.put(String.valueOf(k), String.valueOf(v));
            }
        });
        params.put("retryOf", String.valueOf(instance));
        long newId = launcher.start(def, launcher.validate(def, params));
        LOG.info(() -> "execution " + id + ": its " + failed + " FAILED item(s) retried by execution " + newId);
        URI location = uri.getBaseUriBuilder().path("executions").path(String.valueOf(newId)).build();
        return Response.created(location).entity(views.execution(newId)).build();
    }

    /** Marks a stopped or failed execution ABANDONED (it can then not be restarted); 409 while it runs. */
    @POST
    @Path("{id}/abandon")
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> abandon(@PathParam("id") long id) {
        views.find(id);
        try {
            operator().abandon(id);
        } catch (JobExecutionIsRunningException e) {
            throw ProblemException.conflict("execution " + id + " is running: stop it first");
        }
        return views.execution(id);
    }

    /** The ledger's items of the execution's job instance, optionally of one status, in plan order. */
    @GET
    @Path("{id}/items")
    public List<Map<String, Object>> items(@PathParam("id") long id, @QueryParam("status") String status,
                                           @QueryParam("offset") @DefaultValue("0") int offset,
                                           @QueryParam("limit") @DefaultValue("1000") int limit) {
        ItemStatus st = null;
        if (status != null && !status.isBlank()) {
            try {
                st = ItemStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("status", "'" + status + "' is not an item status; one of "
                        + List.of(ItemStatus.values()));
            }
        }
        if (offset < 0 || limit < 1 || limit > 10_000) {
            throw ProblemException.badRequest(offset < 0 ? "offset" : "limit", "out of range");
        }
        return ledger.items(views.instanceId(id), st, offset, limit).stream().map(ExecutionsResource::item)
                .toList();
    }

    /** The statistics rows as JSON, or as CSV ({@code Accept: text/csv} or {@code ?format=csv}). */
    @GET
    @Path("{id}/statistics")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response statistics(@PathParam("id") long id, @QueryParam("format") String format,
                               @Context HttpHeaders headers) {
        long instance = views.instanceId(id);
        boolean wantCsv = "csv".equalsIgnoreCase(format) || (format == null
                && headers.getAcceptableMediaTypes().stream().anyMatch(m -> "csv".equals(m.getSubtype())));
        if (format != null && !format.equalsIgnoreCase("csv") && !format.equalsIgnoreCase("json")) {
            throw ProblemException.badRequest("format", "'" + format + "' is not csv or json");
        }
        var rows = ledger.statistics(instance);
        if (wantCsv) {
            return Response.ok(csv.write(rows), "text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"statistics-" + id + ".csv\"").build();
        }
        return Response.ok(rows.stream().map(StatisticsCsv::json).toList(), MediaType.APPLICATION_JSON).build();
    }

    /** Per AOI: the scene counts and mean/min/max over scenes of the index mean. */
    @GET
    @Path("{id}/summary")
    public List<Map<String, Object>> summary(@PathParam("id") long id) {
        return ledger.summaries(views.instanceId(id)).stream().map(StatisticsCsv::summary).toList();
    }

    static Map<String, Object> item(WorkItem w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id);
        m.put("key", w.itemKey);
        m.put("aoiId", w.aoiId);
        m.put("sceneId", w.sceneId);
        m.put("sceneIds", List.of(w.sceneIdList()));
        m.put("acquired", w.acquired == null ? null : w.acquired.toString());
        m.put("partition", w.partitionNo);
        m.put("status", w.status.name());
        m.put("attempts", w.attempts);
        m.put("lastError", w.lastError);
        m.put("cost", w.cost);
        m.put("lastExecutionId", w.lastExecutionId);
        m.put("updatedAt", w.updatedAt.toString());
        return m;
    }
}
