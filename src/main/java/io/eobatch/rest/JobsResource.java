package io.eobatch.rest;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.eobatch.batch.JobDefinition;
import io.eobatch.batch.Jobs;

/** The jobs eobatch offers, and launching them. */
@Path("/jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    @Inject
    JobLauncher launcher;

    @Inject
    ExecutionViews views;

    @Inject
    io.eobatch.batch.StatisticsEstimator estimator;

    @Inject
    io.eobatch.batch.timelapse.TimelapseEstimator timelapseEstimator;

    @Inject
    io.eobatch.batch.tiles.TilesEstimator tilesEstimator;

    @GET
    public List<Map<String, Object>> jobs() {
        return Jobs.ALL.stream().map(JobsResource::describe).toList();
    }

    @GET
    @Path("{job}")
    public Map<String, Object> job(@PathParam("job") String job) {
        return describe(definition(job));
    }

    /** Starts an execution: 201 with its Location; parameters are checked first (400 naming the parameter). */
    @POST
    @Path("{job}/executions")
    @Consumes(MediaType.WILDCARD)
    public Response start(@PathParam("job") String job, String body, @jakarta.ws.rs.core.Context UriInfo uri) {
        JobDefinition def = definition(job);
        JsonObject json = JsonBodies.object(body);
        Properties props = launcher.validate(def, JsonBodies.parameters(json));
        long id = launcher.start(def, props);
        URI location = uri.getBaseUriBuilder().path("executions").path(String.valueOf(id)).build();
        return Response.created(location).entity(views.execution(id)).build();
    }

    /**
     * What a launch with this body would do, without running it: items, catalog searches, requests, bytes and the
     * expected duration, per AOI and in total (aoi-statistics). Parameters are checked as for a launch.
     */
    @POST
    @Path("{job}/estimate")
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> estimate(@PathParam("job") String job, String body) {
        JobDefinition def = definition(job);
        Properties props = launcher.validate(def, JsonBodies.parameters(JsonBodies.object(body)));
        if (def.id().equals(Jobs.AOI_STATISTICS)) {
            return estimator.estimate(props);
        }
        if (def.id().equals(Jobs.AOI_TIMELAPSE)) {
            return timelapseEstimator.estimate(props);
        }
        try {
            return tilesEstimator.estimate(props); // tiled-composite, the only other job
        } catch (io.eobatch.batch.ParameterException e) {
            throw ProblemException.badRequest(e.parameter(), e.reason());
        }
    }

    static JobDefinition definition(String job) {
        return Jobs.find(job).orElseThrow(() -> ProblemException.notFound("no job named '" + job + "'; jobs: "
                + Jobs.ALL.stream().map(JobDefinition::id).toList()));
    }

    static Map<String, Object> describe(JobDefinition def) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", def.id());
        m.put("description", def.description());
        m.put("steps", def.steps());
        m.put("parameters", def.parameters());
        m.put("executions", "/api/executions?job=" + def.id());
        return m;
    }
}
