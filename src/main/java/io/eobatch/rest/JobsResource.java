package io.eobatch.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.eobatch.batch.EoJob;
import io.eobatch.batch.Jobs;
import io.eobatch.security.Roles;

/** The jobs eobatch offers ({@link Jobs}), and launching them. */
@Path("/jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
@Tag(name = "jobs", description = "the jobs eobatch offers, their parameters, estimates and launches")
public class JobsResource {

    @Inject
    Jobs jobs;

    @Inject
    ExecutionService executions;

    @Inject
    ExecutionViews views;

    @GET
    @Operation(summary = "Every job with its steps and parameters (type, default, range, allowed values, meaning)")
    public List<ApiViews.Job> jobs() {
        return jobs.all().stream().map(JobsResource::describe).toList();
    }

    @GET
    @Path("{job}")
    @Operation(summary = "One job with its steps and parameters")
    @APIResponse(responseCode = "200", description = "the job")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public ApiViews.Job job(@PathParam("job") @Parameter(description = "job id", example = "aoi-statistics")
                            String job) {
        return describe(executions.job(job));
    }

    /** Starts an execution: 201 with its Location; parameters are checked first (400 naming the parameter). */
    @POST
    @Path("{job}/executions")
    @Consumes(MediaType.APPLICATION_JSON)
    @JsonBodyLimit
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Launches an execution (operator)", description = "The parameters are checked before "
            + "anything starts; the answer is the new execution, its URL in Location.")
    @APIResponse(responseCode = "201", description = "started: the execution, Location: /api/executions/{id}")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response start(@PathParam("job") String job, String body, @Context UriInfo uri) {
        EoJob j = executions.job(job);
        long id = executions.start(j, JsonBodies.parameters(JsonBodies.object(body), j.definition()));
        return ExecutionsResource.created(views, id, uri);
    }

    /** What a launch with this body would do, without running it ({@link io.eobatch.batch.Estimate}). */
    @POST
    @Path("{job}/estimate")
    @Consumes(MediaType.APPLICATION_JSON)
    @JsonBodyLimit
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "What a launch with this body would do, without running it (operator)",
            description = "items, requests, cost, expected time and whether it fits the budget; calls no paid "
                    + "endpoint")
    @APIResponse(responseCode = "200", description = "the estimate")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Object estimate(@PathParam("job") String job, String body) {
        EoJob j = executions.job(job);
        return executions.estimate(j, JsonBodies.parameters(JsonBodies.object(body), j.definition()));
    }

    static ApiViews.Job describe(EoJob job) {
        var d = job.definition();
        return new ApiViews.Job(d.id(), d.description(), d.steps(), d.parameters(), "/api/executions?job=" + d.id());
    }
}
