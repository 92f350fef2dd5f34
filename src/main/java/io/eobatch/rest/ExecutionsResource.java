package io.eobatch.rest;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
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
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.eobatch.batch.statistics.StatisticsRows;
import io.eobatch.ledger.ItemStatus;
import io.eobatch.ledger.Ledger;
import io.eobatch.ledger.WorkItem;
import io.eobatch.batch.statistics.StatisticsCsv;
import io.eobatch.security.Roles;

/** Executions: watch them, stop, restart and abandon them, and read their results. */
@Path("/executions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
@Tag(name = "executions", description = "watch, stop, restart, retry and abandon executions; their ledgers and rows")
public class ExecutionsResource {

    @Inject
    ExecutionViews views;

    @Inject
    ExecutionService executions;

    @Inject
    Ledger ledger;

    @Inject
    StatisticsRows statistics;

    /** Executions, newest first, optionally of one job and one batch status. */
    @GET
    @Operation(summary = "Executions, newest first")
    @APIResponse(responseCode = "200", description = "the executions")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public List<ApiViews.ExecutionSummary> list(
            @QueryParam("job") @Parameter(description = "only this job's") String job,
            @QueryParam("status") @Parameter(description = "only this batch status (STARTED, COMPLETED, FAILED, "
                    + "STOPPED, ABANDONED, ...)") String status,
            @QueryParam("limit") @DefaultValue("100") @Parameter(description = "at most this many, 1..10000")
            int limit) {
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
        JobOperator operator = executions.operator();
        List<String> names = new ArrayList<>();
        if (job != null && !job.isBlank()) {
            names.add(executions.jobParameter("job", job).id());
        } else {
            // a worker's executions (several nodes) belong to their main execution: left out
            operator.getJobNames().stream().filter(n -> !io.eobatch.cluster.Workers.isWorker(n)).forEach(names::add);
        }
        List<JobExecution> all = new ArrayList<>();
        for (String name : names) {
            List<JobInstance> instances;
            try {
                instances = operator.getJobInstances(name, 0, Integer.MAX_VALUE);
            } catch (NoSuchJobException e) {
                continue;
            }
            for (JobInstance i : instances) {
                all.addAll(operator.getJobExecutions(i));
            }
        }
        final BatchStatus w = wanted;
        List<JobExecution> page = all.stream().filter(e -> w == null || e.getBatchStatus() == w)
                .sorted(Comparator.comparingLong(JobExecution::getExecutionId).reversed())
                .limit(limit).toList();
        return views.summaries(page);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One execution: parameters, progress by item status, steps, partitions, actions, "
            + "and the estimate its job instance was launched with (launchEstimate)")
    @APIResponse(responseCode = "200", description = "the execution")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public ApiViews.Execution get(@PathParam("id") long id) {
        return views.execution(id);
    }

    /** Asks a running execution to stop at its next chunk boundary: 202; 409 when it is not running. */
    @POST
    @Path("{id}/stop")
    @Consumes(MediaType.APPLICATION_JSON)
    @JsonBodyLimit
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Asks a running execution to stop at its next chunk boundary (operator)")
    @APIResponse(responseCode = "202", description = "stopping: the execution")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response stop(@PathParam("id") long id) {
        executions.stop(id);
        return Response.accepted(views.execution(id)).build();
    }

    /**
     * Restarts a FAILED or STOPPED execution as a new execution of the same job instance: 201 with its Location.
     * The body may change the budget, chunk size, retry and skip limits ({@link ExecutionService#restart}).
     */
    @POST
    @Path("{id}/restart")
    @Consumes(MediaType.APPLICATION_JSON)
    @JsonBodyLimit
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Restarts a FAILED or STOPPED execution as a new one that redoes only what did not finish "
            + "(operator)")
    @APIResponse(responseCode = "201", description = "restarted: the new execution, Location: its URL")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response restart(@PathParam("id") long id, String body, @Context UriInfo uri) {
        var job = executions.job(executions.find(id).getJobName()).definition();
        return created(views, executions.restart(id, JsonBodies.parameters(JsonBodies.object(body), job)), uri);
    }

    /**
     * Starts a new execution of the same job and parameters that works on the FAILED items of this execution's
     * ledger (no catalog search, no call for an item that is DONE): 201 with its Location
     * ({@link ExecutionService#retryFailed}).
     */
    @POST
    @Path("{id}/retry-failed")
    @Consumes(MediaType.APPLICATION_JSON)
    @JsonBodyLimit
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Starts a new execution that works on this one's FAILED items only (operator)")
    @APIResponse(responseCode = "201", description = "started: the new execution, Location: its URL")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response retryFailed(@PathParam("id") long id, @Context UriInfo uri) {
        return created(views, executions.retryFailed(id), uri);
    }

    /** Marks a stopped or failed execution ABANDONED (it can then not be restarted); 409 while it runs. */
    @POST
    @Path("{id}/abandon")
    @Consumes(MediaType.APPLICATION_JSON)
    @JsonBodyLimit
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Marks a stopped or failed execution ABANDONED: it can no longer be restarted (operator)")
    @APIResponse(responseCode = "200", description = "the execution")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public ApiViews.Execution abandon(@PathParam("id") long id) {
        executions.abandon(id);
        return views.execution(id);
    }

    /**
     * The ledger's items of the execution's job instance, optionally of one status, in plan order: a page of
     * {@code limit} (at most 10,000) from {@code offset}, or after the item {@code after} (an item id: keyset
     * paging, as cheap deep in a 700,000-item ledger as at its start). A full page has a {@code Link} header to the
     * next one ({@code rel="next"}, by {@code after}).
     */
    @GET
    @Path("{id}/items")
    @Operation(summary = "The work items of the execution's job instance, in plan order, with status, attempts and "
            + "each failure's reason")
    @APIResponse(responseCode = "200", description = "a page of items; a full page has a Link header (rel=next)")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response items(@PathParam("id") long id,
            @QueryParam("status") @Parameter(description = "only items of this status (PENDING, IN_FLIGHT, DONE, "
                    + "NO_DATA, TOO_CLOUDY, FAILED)") String status,
            @QueryParam("offset") @DefaultValue("0") @Parameter(description = "items to skip, 0 or more") int offset,
            @QueryParam("limit") @DefaultValue("1000") @Parameter(description = "page size, 1..10000") int limit,
            @QueryParam("after") @Parameter(description = "the items after this item id (keyset paging; instead of "
                    + "offset)") Long after,
            @Context UriInfo uri) {
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
        if (after != null && offset > 0) {
            throw ProblemException.badRequest("after", "give offset or after, not both");
        }
        long instance = executions.instanceId(id);
        List<ApiViews.Item> page = (after == null ? ledger.items(instance, st, offset, limit)
                : ledger.itemsAfter(instance, st, after, limit)).stream().map(ExecutionsResource::item).toList();
        Response.ResponseBuilder r = Response.ok(page, MediaType.APPLICATION_JSON);
        if (page.size() == limit) {
            URI next = jakarta.ws.rs.core.UriBuilder.fromUri(Locations.of(uri, "executions", String.valueOf(id),
                    "items")).replaceQuery(uri.getRequestUri().getRawQuery()).replaceQueryParam("offset")
                    .replaceQueryParam("after", page.get(page.size() - 1).id()).build();
            r.header("Link", "<" + next + ">; rel=\"next\"");
        }
        return r.build();
    }

    /**
     * The statistics rows as JSON, or as CSV ({@code Accept: text/csv} or {@code ?format=csv}), streamed from the
     * database as they are written (a run of 700,000 rows never sits in memory).
     */
    @GET
    @Path("{id}/statistics")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "The statistics rows (aoi-statistics), streamed as JSON or CSV")
    @APIResponse(responseCode = "200", description = "every row, as JSON or CSV")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response statistics(@PathParam("id") long id,
                               @QueryParam("format") @Parameter(description = "csv or json (else the Accept header "
                                       + "decides)") String format,
                               @Context HttpHeaders headers) {
        if (format != null && !format.equalsIgnoreCase("csv") && !format.equalsIgnoreCase("json")) {
            throw ProblemException.badRequest("format", "'" + format + "' is not csv or json");
        }
        long instance = executions.instanceId(id);
        boolean wantCsv = "csv".equalsIgnoreCase(format) || (format == null
                && headers.getAcceptableMediaTypes().stream().anyMatch(m -> "csv".equals(m.getSubtype())));
        if (wantCsv) {
            StreamingOutput body = out -> {
                Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                w.write(StatisticsCsv.header());
                statistics.forEachRow(instance, r -> write(w, StatisticsCsv.line(r)));
                w.flush();
            };
            return Response.ok(body, "text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"statistics-" + id + ".csv\"").build();
        }
        StreamingOutput body = out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            Jsonb jsonb = JsonbSettings.JSONB;
            boolean[] first = {true};
            w.write('[');
            statistics.forEachRow(instance, r -> {
                write(w, (first[0] ? "" : ",") + jsonb.toJson(StatisticsCsv.Row.of(r)));
                first[0] = false;
            });
            w.write(']');
            w.flush();
        };
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }

    /**
     * Per AOI: the scene counts and mean/min/max over scenes of the index mean; a JSON array streamed from the
     * database (100,000 AOIs never sit in memory).
     */
    @GET
    @Path("{id}/summary")
    @Operation(summary = "Per AOI: scene counts and mean/min/max over scenes of the index mean (aoi-statistics)")
    @APIResponse(responseCode = "200", description = "one entry per AOI")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @Produces(MediaType.APPLICATION_JSON)
    public Response summary(@PathParam("id") long id) {
        long instance = executions.instanceId(id);
        StreamingOutput body = out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            boolean[] first = {true};
            w.write('[');
            statistics.forEachSummary(instance, s -> {
                write(w, (first[0] ? "" : ",") + JsonbSettings.JSONB.toJson(StatisticsCsv.Summary.of(s)));
                first[0] = false;
            });
            w.write(']');
            w.flush();
        };
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }

    private static void write(Writer w, String s) {
        try {
            w.write(s);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** 201 with the new execution {@code newId}, its URL ({@link Locations}: under the public URL) as Location. */
    static Response created(ExecutionViews views, long newId, UriInfo uri) {
        URI location = Locations.of(uri, "executions", String.valueOf(newId));
        return Response.created(location).entity(views.execution(newId)).build();
    }

    static ApiViews.Item item(WorkItem w) {
        return new ApiViews.Item(w.id, w.itemKey, w.aoiId, w.sceneId, List.of(w.sceneIdList()),
                w.acquired == null ? null : w.acquired.toString(), w.partitionNo, w.status.name(), w.attempts,
                w.lastError, w.cost, w.lastExecutionId, w.updatedAt.toString());
    }
}
