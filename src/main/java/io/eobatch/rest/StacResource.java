package io.eobatch.rest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
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
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.eobatch.aoi.AoiGeometries;
import io.eobatch.aoi.AoiRepository;
import io.eobatch.config.EobatchConfig;
import io.eobatch.batch.EoJob;
import io.eobatch.batch.JobProperties;
import io.eobatch.batch.Jobs;
import io.eobatch.batch.statistics.AoiSummary;
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
import io.eobatch.results.JsonValues;

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
    public Response collection(@PathParam("id") long id) {
        Run c = context(id);
        if (jobs.find(c.jobName).map(EoJob::declaresStacItems).orElse(false)) {
            return Response.ok(stac(c, ledger.items(c.instanceId, null, 0, Integer.MAX_VALUE), true).collection()
                    .toString(), ResultsStac.JSON).build();
        }
        return Response.ok(overviewCollection(c).toString(), ResultsStac.JSON).build();
    }

    /**
     * The Collection of a run whose items are its AOIs (aoi-statistics: 700,000 ledger items at 100,000 AOIs), read
     * without its ledger: the AOI count, the AOIs' bounding box and the summaries' ranges from aggregate queries, the
     * item counts from those kept with the ledger ({@code item_count}), and of the AOIs only those the result files
     * name (to tell an AOI's files, which are its Item's assets, from the Collection's).
     */
    private JsonObject overviewCollection(Run c) {
        List<ResultFile> files = store.list(c.instanceId);
        Set<String> candidates = new TreeSet<>();
        files.forEach(f -> candidates.addAll(ResultsStac.aoiCandidates(f.path())));
        List<ResultsStac.SourceItem> ofFiles = ledger.aoiIdsAmong(c.instanceId, candidates).stream()
                .map(a -> new ResultsStac.SourceItem(a, null, null, List.of())).toList();
        Map<String, Long> counts = new TreeMap<>();
        ledger.counts(c.instanceId).forEach((status, n) -> {
            if (n > 0) {
                counts.put(status.name(), n);
            }
        });
        ResultsStac.Overview overview = new ResultsStac.Overview(ledger.aoiCount(c.instanceId),
                ledger.aoiBounds(c.instanceId).orElse(null), statistics.summaryRanges(c.instanceId), counts);
        return new ResultsStac(config.publicApiBase(), c.execution, List.of(), ofFiles, Map.of(), files)
                .resultsDeleted(deletions.find(c.instanceId).map(d -> d.at()).orElse(null)).collection(overview);
    }

    /**
     * The Items as pages of an ItemCollection, STAC API style: {@code limit} items at most (default
     * {@value #DEFAULT_LIMIT}, 1..{@value #MAX_LIMIT}); a page ends with a whole AOI's items (an AOI with more items
     * than {@code limit}, e.g. the tiles of a tiled composite's one area, makes a page alone) and, when more follow,
     * has a {@code next} link ({@code ?limit=&after=<last AOI id of the page>}). Only the page's AOIs are read from
     * the ledger, the statistics summaries and the recorded AOIs, so a page of a 700,000-item execution costs what a
     * page of a small one does.
     */
    @GET
    @Path("items")
    @Produces({ResultsStac.GEOJSON, ResultsStac.JSON})
    @Operation(summary = "Its STAC Items, as an ItemCollection: a page of whole AOIs' items, with a next link")
    @APIResponse(responseCode = "200", description = "the ItemCollection")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response items(@PathParam("id") long id,
                          @QueryParam("limit") @DefaultValue("" + DEFAULT_LIMIT)
                          @Parameter(description = "items of at most this many, 1..10000 (whole AOIs)") int limit,
                          @QueryParam("after") @Parameter(description = "the AOI id after which the page starts "
                                  + "(from the next link)") String after) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("limit", "must be 1.." + MAX_LIMIT + ", was " + limit);
        }
        Run c = context(id);
        List<String> aoiIds = ledger.aoiIds(c.instanceId, after, limit + 1);
        List<String> page = aoiIds.subList(0, Math.min(limit, aoiIds.size()));
        // the page's AOIs are consecutive in the ledger's AOI order: its items and summaries are one range each
        ResultsStac stac = page.isEmpty() ? stac(c, List.of(), false) : stac(c, ledger.itemsOfAoiRange(c.instanceId,
                page.get(0), page.get(page.size() - 1)), ids -> statistics.summaries(c.instanceId, page.get(0),
                page.get(page.size() - 1)));
        // whole AOIs up to the limit (at least one)
        List<JsonObject> features = new ArrayList<>();
        String last = null;
        Map<String, List<JsonObject>> byAoi = new LinkedHashMap<>();
        for (JsonObject item : stac.items()) {
            String aoi = item.getJsonObject("properties").getString("eobatch:aoi_id", null);
            byAoi.computeIfAbsent(aoi == null ? "" : aoi, k -> new ArrayList<>()).add(item);
        }
        boolean cut = false;
        for (String aoi : page) {
            List<JsonObject> of = byAoi.getOrDefault(aoi, List.of());
            if (!features.isEmpty() && features.size() + of.size() > limit) {
                cut = true;
                break;
            }
            features.addAll(of);
            last = aoi;
        }
        byAoi.getOrDefault("", List.of()).forEach(features::add); // items of no AOI (none today)
        boolean more = cut || aoiIds.size() > limit;
        String next = more && last != null ? UriBuilder.fromUri(config.publicApiBase()).path("executions")
                .path(String.valueOf(id)).path("stac").path("items").queryParam("limit", limit)
                .queryParam("after", last).build().toString() : null;
        return Response.ok(stac.itemCollection(features, next).toString(), ResultsStac.GEOJSON).build();
    }

    /** Default and largest {@code limit} of {@code /stac/items}. */
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    /**
     * One Item, read from the ledger items of its AOI alone: the item id is an AOI id, an AOI id and a month
     * ({@code <aoiId>_<yyyy-MM>}), or the scene id of a ledger item (a tile).
     */
    @GET
    @Path("items/{itemId}")
    @Produces({ResultsStac.GEOJSON, ResultsStac.JSON})
    @Operation(summary = "One STAC Item")
    @APIResponse(responseCode = "200", description = "the Item")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response item(@PathParam("id") long id, @PathParam("itemId") String itemId) {
        Run c = context(id);
        Set<String> aoiIds = new TreeSet<>();
        aoiIds.add(itemId);
        java.util.regex.Matcher m = MONTH_SUFFIX.matcher(itemId);
        if (m.matches()) {
            aoiIds.add(m.group(1));
        }
        List<WorkItem> items = ledger.itemsOfAois(c.instanceId, aoiIds);
        if (items.isEmpty()) {
            aoiIds = new TreeSet<>(ledger.aoiIdsOfScene(c.instanceId, itemId));
            items = ledger.itemsOfAois(c.instanceId, aoiIds);
        }
        JsonObject item = stac(c, items, false).item(itemId).orElseThrow(() -> ProblemException.notFound(
                "execution " + id + " has no STAC item '" + (itemId.length() > 200 ? itemId.substring(0, 200)
                        : itemId) + "'"));
        return Response.ok(item.toString(), ResultsStac.GEOJSON).build();
    }

    private static final java.util.regex.Pattern MONTH_SUFFIX =
            java.util.regex.Pattern.compile("(.+)_[0-9]{4}-(?:0[1-9]|1[0-2])");

    /** The execution and its job instance, as of the newest execution of the instance. */
    private record Run(long id, long instanceId, String jobName, ResultsStac.Execution execution,
                           Map<String, String> params) {
    }

    private Run context(long id) {
        executions.find(id);
        JobOperator op = executions.operator();
        JobInstance instance = op.getJobInstance(id);
        List<JobExecution> executions = new ArrayList<>(op.getJobExecutions(instance));
        executions.sort(Comparator.comparingLong(JobExecution::getExecutionId));
        JobExecution newest = executions.get(executions.size() - 1);
        Map<String, String> params = JobProperties.visible(newest.getJobParameters());
        long instanceId = instance.getInstanceId();
        return new Run(id, instanceId, instance.getJobName(), new ResultsStac.Execution(id,
                newest.getExecutionId(), executions.stream().map(JobExecution::getExecutionId).toList(), instanceId,
                instance.getJobName(), newest.getBatchStatus().name(), params), params);
    }

    /** The catalog of execution {@code id} over its whole ledger (the archive's static catalog). */
    ResultsStac stac(long id) {
        Run c = context(id);
        return stac(c, ledger.items(c.instanceId, null, 0, Integer.MAX_VALUE), true);
    }

    /**
     * The catalog of some of an execution's ledger items ({@code whole}: every item, and then every summary; else only
     * the summaries of the items' AOIs are read).
     */
    private ResultsStac stac(Run c, List<WorkItem> workItems, boolean whole) {
        return stac(c, workItems, whole ? ids -> statistics.summaries(c.instanceId)
                : ids -> statistics.summaries(c.instanceId, ids));
    }

    /**
     * The catalog of some of an execution's ledger items, with the summaries {@code summariesOf} gives for their
     * AOIs.
     */
    private ResultsStac stac(Run c, List<WorkItem> workItems,
                             java.util.function.Function<Set<String>, List<AoiSummary>> summariesOf) {
        List<ResultsStac.SourceItem> sources = new ArrayList<>();
        Set<String> aoiIds = new TreeSet<>();
        for (WorkItem w : workItems) {
            sources.add(new ResultsStac.SourceItem(w.aoiId, w.acquired, w.status.name(), List.of(w.sceneIdList())));
            if (w.aoiId != null) {
                aoiIds.add(w.aoiId);
            }
        }
        Map<String, Map<String, Object>> summaries = new LinkedHashMap<>();
        summariesOf.apply(aoiIds).forEach(s -> summaries.put(s.aoiId, StatisticsCsv.summary(s)));
        List<ResultFile> files = store.list(c.instanceId);
        return new ResultsStac(config.publicApiBase(), c.execution, aois(c.instanceId, files, aoiIds), sources,
                summaries, files, jobs.find(c.jobName).map(j -> j.stacItems(workItems, c.params)).orElse(List.of()))
                .resultsDeleted(deletions.find(c.instanceId).map(d -> d.at()).orElse(null));
    }

    /**
     * The AOIs {@code ids} as the results recorded them ({@value StatisticsResults#AOIS}), else as stored now.
     * <p>
     * AOIs are never changed in place (an id is stored once; a new geometry needs a delete, refused while a running
     * job uses the AOI, and a new upload). So a stored AOI created before the recorded file was written is the one
     * the file holds, and is read by its key from the AOI table: a page of 1,000 STAC Items costs one query, not
     * a read of the file up to the page's last AOI (11-21 s per page at 100,000 AOIs, BENCHMARKS.md scale run 4). Only
     * an AOI stored again after the run, or deleted since, is read from the file, as a stream that stops once every
     * such AOI is found.
     */
    private List<ResultsStac.AoiInfo> aois(long instanceId, List<ResultFile> files, Set<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        ResultFile recorded = files.stream().filter(f -> f.path().equals(StatisticsResults.AOIS)).findFirst()
                .orElse(null);
        Map<String, ResultsStac.AoiInfo> out = new TreeMap<>();
        Map<String, ResultsStac.AoiInfo> storedSince = new HashMap<>(); // deleted and stored again after the run
        for (Aoi a : aoiRepository.listByIds(ids)) {
            ResultsStac.AoiInfo info = new ResultsStac.AoiInfo(a.id(), a.name(), a.geometry());
            (recorded == null || !a.created().isAfter(recorded.modified()) ? out : storedSince).put(a.id(), info);
        }
        Set<String> fromFile = new TreeSet<>(ids);
        fromFile.removeAll(out.keySet());
        if (recorded != null && !fromFile.isEmpty()) {
            try (BufferedReader in = Files.newBufferedReader(recorded.file())) {
                recordedAois(in, fromFile, out);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "job instance " + instanceId + ": cannot read " + recorded.path()
                        + "; using the stored AOIs", e);
            }
        }
        storedSince.forEach(out::putIfAbsent); // not in the file (or it could not be read): as stored now
        return new ArrayList<>(out.values());
    }

    /**
     * Puts into {@code out} the AOIs {@code ids} of a GeoJSON FeatureCollection of AOIs
     * ({@value StatisticsResults#AOIS}: each feature's {@code properties.id} and {@code name}), read as a stream that
     * stops once every one of {@code ids} is found: the rest of the file is not read.
     */
    static void recordedAois(Reader in, Set<String> ids, Map<String, ResultsStac.AoiInfo> out) {
        Set<String> wanted = new HashSet<>(ids);
        try (JsonParser parser = JsonValues.JSON.createParser(in)) {
            boolean inFeatures = false;
            while (!wanted.isEmpty() && parser.hasNext()) {
                JsonParser.Event e = parser.next();
                if (!inFeatures) { // up to the FeatureCollection's "features"
                    inFeatures = e == JsonParser.Event.KEY_NAME && parser.getString().equals("features")
                            && parser.next() == JsonParser.Event.START_ARRAY;
                    continue;
                }
                if (e == JsonParser.Event.END_ARRAY) {
                    break;
                }
                feature(parser, wanted, out);
            }
        }
    }

    /**
     * One feature of {@link #recordedAois}, the parser at its {@code START_OBJECT}: a feature whose top-level
     * {@code id} (written before its properties and geometry, AoiJson) is not wanted is skipped without building its
     * geometry, the cost of every feature before a page's AOIs; else its {@code properties.id}, {@code name} and
     * geometry are read.
     */
    private static void feature(JsonParser parser, Set<String> wanted, Map<String, ResultsStac.AoiInfo> out) {
        JsonObject properties = null;
        JsonObject geometry = null;
        while (parser.next() == JsonParser.Event.KEY_NAME) {
            String key = parser.getString();
            JsonParser.Event value = parser.next();
            if (key.equals("id") && value == JsonParser.Event.VALUE_STRING && !wanted.contains(parser.getString())) {
                parser.skipObject(); // to the feature's END_OBJECT
                return;
            } else if (key.equals("properties") && value == JsonParser.Event.START_OBJECT) {
                properties = parser.getObject();
            } else if (key.equals("geometry") && value == JsonParser.Event.START_OBJECT) {
                geometry = parser.getObject();
            } else if (value == JsonParser.Event.START_OBJECT) {
                parser.skipObject();
            } else if (value == JsonParser.Event.START_ARRAY) {
                parser.skipArray();
            }
        }
        String aoiId = properties == null ? null : properties.getString("id", null);
        if (aoiId != null && wanted.remove(aoiId)) {
            out.put(aoiId, new ResultsStac.AoiInfo(aoiId, properties.getString("name", aoiId),
                    geometry == null ? null : AoiGeometries.parseGeoJson(geometry)));
        }
    }
}
