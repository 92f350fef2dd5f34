package io.eobatch.rest;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.security.RolesAllowed;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.eobatch.aoi.AoiGeometries;
import io.eobatch.aoi.AoiRepository;
import io.eobatch.config.EobatchConfig;
import io.eobatch.batch.JobProperties;
import io.eobatch.batch.Jobs;
import io.eobatch.batch.statistics.StatisticsRows;
import io.eobatch.aoi.Aoi;
import io.eobatch.ledger.Ledger;
import io.eobatch.ledger.WorkItem;
import io.eobatch.results.ResultFile;
import io.eobatch.results.ResultsStac;
import io.eobatch.results.ResultsStore;
import io.eobatch.batch.statistics.StatisticsCsv;
import io.eobatch.batch.statistics.StatisticsResults;
import io.eobatch.security.Roles;

/**
 * A static STAC catalog of an execution's results (see {@link ResultsStac}): {@code /stac} the Collection,
 * {@code /stac/items} the Items as an ItemCollection, {@code /stac/items/{itemId}} one Item. Hrefs are absolute
 * URLs under the configured public URL ({@link EobatchConfig#publicApiBase()}), never the request's {@code Host}.
 */
@Path("/executions/{id}/stac")
@RequestScoped
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
@Tag(name = "stac", description = "a STAC catalog of an execution's results")
public class StacResource {

    private static final Logger LOG = Logger.getLogger(StacResource.class.getName());

    @Inject
    ExecutionService executions;

    @Inject
    Jobs jobs;

    @Inject
    StatisticsRows statistics;

    @Inject
    Ledger ledger;

    @Inject
    ResultsStore store;

    @Inject
    AoiRepository aoiRepository;

    @Inject
    EobatchConfig config;

    @Inject
    io.eobatch.results.ResultsDeletions deletions;

    @GET
    @Produces(ResultsStac.JSON)
    @Operation(summary = "The STAC Collection of the execution's results")
    @APIResponse(responseCode = "200", description = "the Collection")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response collection(@PathParam("id") long id, @Context UriInfo uri) {
        return Response.ok(stac(id, uri).collection().toString(), ResultsStac.JSON).build();
    }

    @GET
    @Path("items")
    @Produces({ResultsStac.GEOJSON, ResultsStac.JSON})
    @Operation(summary = "Its STAC Items, as an ItemCollection")
    @APIResponse(responseCode = "200", description = "the ItemCollection")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response items(@PathParam("id") long id, @Context UriInfo uri) {
        return Response.ok(stac(id, uri).itemCollection().toString(), ResultsStac.GEOJSON).build();
    }

    @GET
    @Path("items/{itemId}")
    @Produces({ResultsStac.GEOJSON, ResultsStac.JSON})
    @Operation(summary = "One STAC Item")
    @APIResponse(responseCode = "200", description = "the Item")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response item(@PathParam("id") long id, @PathParam("itemId") String itemId, @Context UriInfo uri) {
        JsonObject item = stac(id, uri).item(itemId).orElseThrow(() -> ProblemException.notFound("execution " + id
                + " has no STAC item '" + (itemId.length() > 200 ? itemId.substring(0, 200) : itemId) + "'"));
        return Response.ok(item.toString(), ResultsStac.GEOJSON).build();
    }

    /** The catalog of execution {@code id}, as of the newest execution of its job instance. */
    ResultsStac stac(long id, UriInfo uri) {
        executions.find(id);
        JobOperator op = executions.operator();
        JobInstance instance = op.getJobInstance(id);
        List<JobExecution> executions = new ArrayList<>(op.getJobExecutions(instance));
        executions.sort(Comparator.comparingLong(JobExecution::getExecutionId));
        JobExecution newest = executions.get(executions.size() - 1);
        Map<String, String> params = JobProperties.visible(newest.getJobParameters());
        long instanceId = instance.getInstanceId();
        ResultsStac.Execution execution = new ResultsStac.Execution(id, newest.getExecutionId(),
                executions.stream().map(JobExecution::getExecutionId).toList(), instanceId, instance.getJobName(),
                newest.getBatchStatus().name(), params);

        List<ResultsStac.SourceItem> sources = new ArrayList<>();
        Set<String> aoiIds = new TreeSet<>();
        List<WorkItem> workItems = ledger.items(instanceId, null, 0, Integer.MAX_VALUE);
        for (WorkItem w : workItems) {
            sources.add(new ResultsStac.SourceItem(w.aoiId, w.acquired, w.status.name(), List.of(w.sceneIdList())));
            if (w.aoiId != null) {
                aoiIds.add(w.aoiId);
            }
        }
        Map<String, Map<String, Object>> summaries = new LinkedHashMap<>();
        statistics.summaries(instanceId).forEach(s -> summaries.put(s.aoiId, StatisticsCsv.summary(s)));
        List<ResultFile> files = store.list(instanceId);
        return new ResultsStac(config.publicApiBase(), execution, aois(instanceId, files, aoiIds), sources, summaries,
                files, jobs.find(instance.getJobName()).map(j -> j.stacItems(workItems, params)).orElse(List.of()))
                .resultsDeleted(deletions.find(instanceId).map(d -> d.at()).orElse(null));
    }

    /** The AOIs as the results recorded them ({@value StatisticsResults#AOIS}), else as stored now. */
    private List<ResultsStac.AoiInfo> aois(long instanceId, List<ResultFile> files, Set<String> ids) {
        Map<String, ResultsStac.AoiInfo> out = new TreeMap<>();
        for (ResultFile f : files) {
            if (!f.path().equals(StatisticsResults.AOIS)) {
                continue;
            }
            try (var r = jakarta.json.Json.createReader(Files.newBufferedReader(f.file()))) {
                JsonArray features = r.readObject().getJsonArray("features");
                for (JsonValue v : features) {
                    JsonObject feature = v.asJsonObject();
                    JsonObject p = feature.getJsonObject("properties");
                    String aoiId = p.getString("id");
                    out.put(aoiId, new ResultsStac.AoiInfo(aoiId, p.getString("name", aoiId),
                            AoiGeometries.parseGeoJson(feature.getJsonObject("geometry"))));
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "job instance " + instanceId + ": cannot read " + f.path()
                        + "; using the stored AOIs", e);
            }
        }
        List<String> missing = ids.stream().filter(i -> !out.containsKey(i)).toList();
        if (!missing.isEmpty()) {
            for (Aoi a : aoiRepository.listByIds(missing)) {
                out.put(a.id(), new ResultsStac.AoiInfo(a.id(), a.name(), a.geometry()));
            }
        }
        return new ArrayList<>(out.values());
    }
}
