package io.eobatch.results;

import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

import io.eobatch.aoi.AoiGeometries;

/**
 * A static STAC 1.0.0 catalog of one execution's results: a Collection ({@code eobatch-execution-<id>}) with an
 * Item per AOI and period or per tile, every result file an asset with an absolute download URL, its media type and
 * role.
 *
 * <p>Items come from one of two places:
 * <ul>
 * <li><b>declared by the job</b> ({@link ItemSpec}, built from the job's ledger by the job's own package, e.g. one per
 * tile for tiled-composite, one per AOI x month plus one per AOI for aoi-timelapse): each names its geometry, month,
 * status, source scenes, extra properties and the result paths that are its assets. A file no item names is an asset
 * of the Collection. An item's geometry is its own, else its AOI's;</li>
 * <li><b>read from the paths</b> (jobs that declare none, e.g. aoi-statistics), by the rules below.</li>
 * </ul>
 *
 * <p>Without declared items, which item a file belongs to is read from its path, the same way for every job:
 * <ul>
 * <li>a file belongs to the AOI {@code a} (one of the AOIs in the job instance's ledger) when a folder of its path is
 * {@code a}, or its file name without extension is {@code a}, ends with {@code -a} or {@code _a} or starts with
 * {@code a-} or {@code a_}; where several AOI ids fit, the longest wins;</li>
 * <li>a file of an AOI whose path has a month {@code yyyy-MM} (as a folder, or in the file name) belongs to the
 * item of that AOI and month; without one, to the item of that AOI over the whole period;</li>
 * <li>the other files (tables and charts across AOIs) are assets of the Collection.</li>
 * </ul>
 * There, every AOI of the ledger has an item over the whole period, even without files: its properties carry the AOI's
 * summary numbers (aoi-statistics) and the source scenes. Item ids: {@code <aoiId>} for the whole period,
 * {@code <aoiId>_<yyyy-MM>} for a month. The period is the job's {@code from}..{@code to} (UTC days, inclusive).
 *
 * <p>Provenance in the properties: {@code eobatch:job}, {@code eobatch:execution_id} (the newest execution of the
 * job instance: restarts share their results, which the catalog describes as of the newest),
 * {@code eobatch:job_instance_id}, {@code eobatch:parameters}, {@code eobatch:source_scenes} (the scene ids of the
 * item's finished ledger items). License {@code proprietary}: the results are derived from the source catalog's
 * data, under its terms. Every {@code eobatch:} field is described by the schema the server serves at
 * {@code GET /api/stac/eobatch/v1.0.0/schema.json} (listed in {@code stac_extensions}).
 *
 * <p>What loaders need without opening a file (odc-stac, stackstac, GDAL's STACIT): the STAC processing extension on
 * every item ({@code processing:level}: L3 for rasters on a grid, the jobs' items say so; {@value #SUMMARY_LEVEL} for
 * the summary numbers of items read from the paths; {@code processing:lineage} naming the job, execution and
 * parameters; {@code processing:software}; {@code processing:datetime} = the newest file's time) and on the
 * Collection's provider; the projection ({@code proj:epsg}, {@code proj:shape}, {@code proj:transform}) and raster
 * ({@code raster:bands}) fields a job declares on an item or on each asset ({@link ItemSpec#assetFields()}), each
 * extension listed only where its fields are used.
 *
 * <p>Written with JSON-P rather than a STAC library: the only Java STAC library on Maven Central
 * ({@code java-stac-client}, alpha) reads catalogs and has no writer; the documents are small and their fields are
 * checked by the tests against the STAC 1.0.0 Collection and Item specifications.
 */
public final class ResultsStac {

    public static final String STAC_VERSION = "1.0.0";
    public static final String GEOJSON = "application/geo+json";
    public static final String JSON = "application/json";
    /** The STAC projection extension ({@code proj:epsg}, {@code proj:shape}, {@code proj:transform}). */
    public static final String PROJECTION = "https://stac-extensions.github.io/projection/v1.1.0/schema.json";
    /** The STAC raster extension ({@code raster:bands} of an asset). */
    public static final String RASTER = "https://stac-extensions.github.io/raster/v1.1.0/schema.json";
    /** The STAC processing extension ({@code processing:level}, {@code lineage}, {@code software}, {@code datetime}). */
    public static final String PROCESSING = "https://stac-extensions.github.io/processing/v1.2.0/schema.json";
    /** Where the API serves the schema of the {@code eobatch:} fields, relative to the API's base URL. */
    public static final String EOBATCH_SCHEMA_PATH = "stac/eobatch/v1.0.0/schema.json";
    /** The processing level of items read from the paths (summary numbers: analyses of L2A scenes). */
    public static final String SUMMARY_LEVEL = "L4";

    private static final Pattern MONTH = Pattern.compile("(?<![0-9])([0-9]{4}-(?:0[1-9]|1[0-2]))(?![0-9])");

    /**
     * The execution and its job instance.
     *
     * @param executionId       the execution asked about (the catalog's id and URLs use it)
     * @param newestExecutionId the newest execution of the same job instance (whose parameters are given)
     * @param executionIds      every execution of the job instance, oldest first
     * @param parameters        the newest execution's job parameters
     */
    public record Execution(long executionId, long newestExecutionId, List<Long> executionIds, long jobInstanceId,
                            String job, String status, Map<String, String> parameters) {
    }

    /** An AOI: id, name (may be null) and geometry (EPSG:4326 lon/lat; null when unknown, e.g. deleted). */
    public record AoiInfo(String id, String name, Geometry geometry) {
    }

    /**
     * An item a job declares (see the class comment).
     *
     * @param id         the item id (unique in the execution; [A-Za-z0-9._-])
     * @param aoiId      the AOI (or area) the item belongs to; its geometry is the item's when {@code geometry} is null
     * @param geometry   the item's footprint, EPSG:4326 lon/lat; null for the AOI's
     * @param month      the item's month (its datetimes, clipped to the job's period); null for the whole period
     * @param status     the ledger status of the item's work item; null to count the AOI's ledger items in the period
     * @param sceneIds   the source scenes; null for those of the AOI's DONE ledger items in the item's period
     * @param paths      result paths that are the item's assets (paths with no file are left out)
     * @param properties extra properties (e.g. {@code proj:epsg}, {@code processing:level}: the extension of each
     *                   prefix is then declared)
     * @param assetFields per result path, extra fields of its asset (e.g. {@code raster:bands}, or {@code proj:}
     *                   fields where the assets' grids differ)
     */
    public record ItemSpec(String id, String aoiId, Geometry geometry, YearMonth month, String status,
                           List<String> sceneIds, List<String> paths, Map<String, Object> properties,
                           Map<String, Map<String, Object>> assetFields) {

        /** An item whose assets have no fields of their own. */
        public ItemSpec(String id, String aoiId, Geometry geometry, YearMonth month, String status,
                        List<String> sceneIds, List<String> paths, Map<String, Object> properties) {
            this(id, aoiId, geometry, month, status, sceneIds, paths, properties, Map.of());
        }
    }

    /** A ledger item: its AOI, time, status and source scene ids. */
    public record SourceItem(String aoiId, Instant acquired, String status, List<String> sceneIds) {
    }

    private final Execution execution;
    private final Map<String, AoiInfo> aois;
    /** The ledger's items by AOI id: an item looks at its AOI's alone (a page of 1,000 AOIs holds 7,000 of them). */
    private final Map<String, List<SourceItem>> sourcesByAoi = new java.util.HashMap<>();
    private final Map<String, Map<String, Object>> summaries;
    private final List<ResultFile> files;
    private final URI api;
    private final LocalDate from;
    private final LocalDate to;
    private final List<ItemSpec> declared;
    /** When the result files were deleted ({@code eobatch:results_deleted} on the Collection and every Item). */
    private Instant resultsDeleted;
    /** Hrefs relative to the archive layout ({@link #relative()}) instead of absolute URLs on {@link #api}. */
    private boolean relative;
    private final Map<String, Group> groups = new TreeMap<>();
    private final List<ResultFile> collectionFiles = new ArrayList<>();

    /**
     * @param api       the API's base URL, ending with '/' (e.g. {@code http://host:8080/api/}): hrefs are absolute
     * @param aois      the AOIs known (any order; the ledger decides which belong to the execution)
     * @param summaries per AOI id, the summary object of {@code GET /summary} (may be empty)
     */
    public ResultsStac(URI api, Execution execution, Collection<AoiInfo> aois, List<SourceItem> sources,
                       Map<String, Map<String, Object>> summaries, List<ResultFile> files) {
        this(api, execution, aois, sources, summaries, files, List.of());
    }

    /**
     * @param declared the items the job declares (empty: items read from the result paths)
     */
    public ResultsStac(URI api, Execution execution, Collection<AoiInfo> aois, List<SourceItem> sources,
                       Map<String, Map<String, Object>> summaries, List<ResultFile> files, List<ItemSpec> declared) {
        this.declared = declared;
        this.api = api.toString().endsWith("/") ? api : URI.create(api + "/");
        this.execution = execution;
        this.aois = new TreeMap<>();
        aois.forEach(a -> this.aois.put(a.id(), a));
        sources.forEach(x -> {
            if (x.aoiId() != null) {
                sourcesByAoi.computeIfAbsent(x.aoiId(), k -> new ArrayList<>()).add(x);
            }
        });
        this.summaries = summaries;
        this.files = files;
        LocalDate f = date(execution.parameters().get("from"));
        LocalDate t = date(execution.parameters().get("to"));
        if (f == null || t == null) { // a job without a period: the ledger's dates
            f = f != null ? f : sources.stream().map(SourceItem::acquired).filter(x -> x != null).min(Instant::compareTo)
                    .map(x -> x.atZone(ZoneOffset.UTC).toLocalDate()).orElse(null);
            t = t != null ? t : sources.stream().map(SourceItem::acquired).filter(x -> x != null).max(Instant::compareTo)
                    .map(x -> x.atZone(ZoneOffset.UTC).toLocalDate()).orElse(null);
        }
        this.from = f;
        this.to = t;
        group();
    }

    /** Files and AOIs into items, by the rules of the class comment. */
    private void group() {
        if (!declared.isEmpty()) {
            Map<String, ResultFile> byPath = new LinkedHashMap<>();
            files.forEach(f -> byPath.put(f.path(), f));
            for (ItemSpec spec : declared) {
                Group g = new Group(spec.id(), spec.aoiId(), spec.month());
                g.spec = spec;
                for (String p : spec.paths()) {
                    ResultFile f = byPath.remove(p);
                    if (f != null) {
                        g.files.add(f);
                    }
                }
                groups.put(g.id, g);
            }
            collectionFiles.addAll(byPath.values());
            return;
        }
        TreeSet<String> ids = new TreeSet<>(sourcesByAoi.keySet());
        ids.addAll(summaries.keySet());
        for (String id : ids) {
            group(id, null);
        }
        for (ResultFile f : files) {
            String aoi = aoiOf(f.path(), ids);
            if (aoi == null) {
                collectionFiles.add(f);
                continue;
            }
            YearMonth month = monthOf(f.path(), aoi);
            group(aoi, month).files.add(f);
        }
    }

    private Group group(String aoi, YearMonth month) {
        String id = month == null ? aoi : aoi + "_" + month;
        return groups.computeIfAbsent(id, k -> new Group(k, aoi, month));
    }

    private static final class Group {
        final String id;
        final String aoiId;
        final YearMonth month;
        final List<ResultFile> files = new ArrayList<>();
        ItemSpec spec;

        Group(String id, String aoiId, YearMonth month) {
            this.id = id;
            this.aoiId = aoiId;
            this.month = month;
        }
    }

    /** The AOI a result path belongs to, or null. */
    static String aoiOf(String path, Collection<String> aoiIds) {
        String[] segments = path.split("/");
        String stem = stem(segments[segments.length - 1]);
        String best = null;
        for (String id : aoiIds) {
            boolean folder = false;
            for (int i = 0; i < segments.length - 1; i++) {
                folder |= segments[i].equals(id);
            }
            boolean named = stem.equals(id) || stem.endsWith("-" + id) || stem.endsWith("_" + id)
                    || stem.startsWith(id + "-") || stem.startsWith(id + "_");
            if ((folder || named) && (best == null || id.length() > best.length())) {
                best = id;
            }
        }
        return best;
    }

    /**
     * Every AOI id that {@link #aoiOf} could find in {@code path}: its folders, its file name without extension, and
     * that name's parts before or after a {@code -} or {@code _}. Asking the ledger which of these are its AOIs finds
     * the AOI of each file without holding the run's 100,000 AOI ids.
     */
    public static java.util.Set<String> aoiCandidates(String path) {
        String[] segments = path.split("/");
        java.util.Set<String> out = new TreeSet<>(List.of(segments).subList(0, segments.length - 1));
        String stem = stem(segments[segments.length - 1]);
        out.add(stem);
        for (int i = 0; i < stem.length(); i++) {
            if (stem.charAt(i) == '-' || stem.charAt(i) == '_') {
                out.add(stem.substring(0, i));
                out.add(stem.substring(i + 1));
            }
        }
        out.remove("");
        return out;
    }

    /** The month in a result path (its AOI id taken out first), or null. */
    static YearMonth monthOf(String path, String aoiId) {
        String rest = withoutToken(path.substring(0, path.length() - ResultTypes.extension(path).length()), aoiId);
        Matcher m = MONTH.matcher(rest);
        return m.find() ? YearMonth.parse(m.group(1)) : null;
    }

    /** {@code s} without {@code token} where it stands alone between separators (/ - _ . or an end). */
    static String withoutToken(String s, String token) {
        return s.replaceAll("(?<=^|[/_.-])" + Pattern.quote(token) + "(?=$|[/_.-])", "");
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }

    // ------------------------------------------------------------------------------------------------ documents

    public String collectionId() {
        return "eobatch-execution-" + execution.executionId();
    }

    /** The item ids, sorted. */
    public List<String> itemIds() {
        return List.copyOf(groups.keySet());
    }

    /**
     * What the Collection of a large run says without reading its ledger: counts and ranges from aggregate queries
     * and the counts kept with the ledger.
     *
     * @param aoiCount       the AOIs of the run
     * @param bbox           {@code [minLon, minLat, maxLon, maxLat]} (EPSG:4326) of the run's AOIs; null when unknown
     *                       (the union of the items' geometries is used then)
     * @param summaryRanges  per summary field ({@code mean}, {@code scenes}, ...), its least and greatest value over the
     *                       AOIs
     * @param itemCounts     the run's work items by ledger status
     */
    public record Overview(long aoiCount, double[] bbox, Map<String, double[]> summaryRanges,
                           Map<String, Long> itemCounts) {
    }

    /**
     * The STAC Collection, its extent and summaries from the items this catalog was made of. Served by the API (not
     * {@link #relative()}), it links its Items through the paged {@code items} endpoint ({@code rel="items"}, as STAC
     * API collections do) and never one link per Item, so its size does not grow with the run; the archive's
     * ({@link #relative()}) is a static catalog and links each Item's file.
     */
    public JsonObject collection() {
        return collection(null);
    }

    /**
     * The STAC Collection as {@link #collection()}, its extent, AOI count and summaries from {@code overview}
     * (null: from the items this catalog was made of) and {@code eobatch:item_counts} from it: what the API serves for
     * a run whose items are read from the paths (aoi-statistics, up to 700,000 ledger items), made with this catalog
     * built from no ledger item, only the AOIs its files belong to.
     */
    public JsonObject collection(Overview overview) {
        Envelope extent = overview == null || overview.bbox() == null ? unionBbox()
                : new Envelope(overview.bbox()[0], overview.bbox()[2], overview.bbox()[1], overview.bbox()[3]);
        JsonObjectBuilder c = JsonValues.JSON.createObjectBuilder()
                .add("type", "Collection")
                .add("stac_version", STAC_VERSION)
                .add("stac_extensions", JsonValues.JSON.createArrayBuilder().add(eobatchSchema()).add(PROCESSING))
                .add("id", collectionId())
                .add("title", title())
                .add("description", description(overview == null ? aoiCount() : overview.aoiCount()))
                .add("keywords", keywords())
                .add("license", "proprietary")
                .add("providers", JsonValues.JSON.createArrayBuilder().add(JsonValues.JSON.createObjectBuilder()
                        .add("name", "eobatch")
                        .add("description", "job " + execution.job() + ", execution " + execution.executionId()
                                + " (job instance " + execution.jobInstanceId() + ")")
                        .add("roles", JsonValues.JSON.createArrayBuilder().add("processor").add("host"))
                        .add("processing:lineage", lineage())
                        .add("processing:software", software())))
                .add("extent", JsonValues.JSON.createObjectBuilder()
                        .add("spatial", JsonValues.JSON.createObjectBuilder().add("bbox", JsonValues.JSON.createArrayBuilder()
                                .add(bbox(extent))))
                        .add("temporal", JsonValues.JSON.createObjectBuilder().add("interval", JsonValues.JSON.createArrayBuilder()
                                .add(JsonValues.JSON.createArrayBuilder().add(start(from)).add(end(to))))))
                .add("summaries", overview == null ? summaries() : summaries(overview.summaryRanges()))
                .add("eobatch:job", execution.job())
                .add("eobatch:execution_id", execution.newestExecutionId())
                .add("eobatch:job_instance_id", execution.jobInstanceId())
                .add("eobatch:executions", JsonValues.of(execution.executionIds()))
                .add("eobatch:status", execution.status())
                .add("eobatch:parameters", JsonValues.of(execution.parameters()));
        if (overview != null) {
            c.add("eobatch:item_counts", JsonValues.of(new TreeMap<>(overview.itemCounts())));
        }
        if (resultsDeleted != null) {
            c.add("eobatch:results_deleted", resultsDeleted.toString());
        }
        JsonArrayBuilder links = JsonValues.JSON.createArrayBuilder();
        if (relative) { // a self-contained catalog: no self link (it would have to be absolute), no API links
            links.add(link("root", ARCHIVE_COLLECTION_NAME, JSON, title()));
            for (Group g : groups.values()) { // a static catalog: its items are found through these links
                links.add(link("item", ARCHIVE_ITEMS + "/" + archiveItemName(g.id), GEOJSON, itemTitle(g)));
            }
        } else { // the items through the paged endpoint (rel="items"), not a link each: bounded whatever the run
            links.add(link("self", stacUrl(""), JSON, title()))
                    .add(link("root", stacUrl(""), JSON, title()))
                    .add(link("items", stacUrl("/items"), GEOJSON, "the items"))
                    .add(link("related", api.resolve("executions/" + execution.executionId()).toString(), JSON,
                            "the execution"));
        }
        c.add("links", links);
        c.add("assets", assets(collectionFiles, null));
        return c.build();
    }

    /** The Items, in id order. */
    public List<JsonObject> items() {
        return groups.values().stream().map(this::item).toList();
    }

    /** One Item by id. */
    public Optional<JsonObject> item(String id) {
        Group g = groups.get(id);
        return g == null ? Optional.empty() : Optional.of(item(g));
    }

    /** The Items as a GeoJSON FeatureCollection (an ItemCollection). */
    public JsonObject itemCollection() {
        return itemCollection(items(), null);
    }

    /**
     * A page of Items as a GeoJSON FeatureCollection (an ItemCollection), STAC API style: {@code numberReturned} and,
     * when more follow, a {@code next} link to {@code next} (an absolute URL; null on the last page).
     */
    public JsonObject itemCollection(List<JsonObject> items, String next) {
        JsonArrayBuilder features = JsonValues.JSON.createArrayBuilder();
        items.forEach(features::add);
        JsonArrayBuilder links = JsonValues.JSON.createArrayBuilder()
                .add(link("self", stacUrl("/items"), GEOJSON, null))
                .add(link("root", stacUrl(""), JSON, title()))
                .add(link("collection", stacUrl(""), JSON, title()));
        if (next != null) {
            links.add(link("next", next, GEOJSON, "the next page"));
        }
        return JsonValues.JSON.createObjectBuilder()
                .add("type", "FeatureCollection")
                .add("features", features)
                .add("numberReturned", items.size())
                .add("links", links)
                .build();
    }

    private JsonObject item(Group g) {
        AoiInfo aoi = g.aoiId == null ? null : aois.get(g.aoiId);
        Geometry geometry = geometryOf(g);
        LocalDate start = from;
        LocalDate end = to;
        if (g.month != null) {
            start = later(g.month.atDay(1), from);
            end = earlier(g.month.atEndOfMonth(), to);
        }
        JsonObjectBuilder props = JsonValues.JSON.createObjectBuilder()
                .add("title", itemTitle(g))
                .add("datetime", JsonValue.NULL)
                .add("start_datetime", start(start))
                .add("end_datetime", end(end));
        Instant updated = g.files.stream().map(ResultFile::modified).max(Instant::compareTo).orElse(null);
        if (updated != null) {
            props.add("updated", updated.toString());
        }
        if (g.aoiId != null) {
            props.add("eobatch:aoi_id", g.aoiId);
        }
        if (g.month != null) {
            props.add("eobatch:month", g.month.toString());
        }
        if (g.month == null) {
            Map<String, Object> s = summaries.get(g.aoiId);
            if (s != null) {
                s.forEach((k, v) -> {
                    if (!k.equals("aoiId") && !k.equals("aoiName")) {
                        props.add("eobatch:" + snake(k), JsonValues.of(v));
                    }
                });
            }
        }
        TreeSet<String> scenes = new TreeSet<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (SourceItem s : g.aoiId == null ? List.<SourceItem>of() : sourcesByAoi.getOrDefault(g.aoiId, List.of())) {
            if (!within(s.acquired(), start, end)) {
                continue;
            }
            counts.merge(s.status(), 1, Integer::sum);
            if ("DONE".equals(s.status())) {
                scenes.addAll(s.sceneIds());
            }
        }
        if (g.spec != null && g.spec.status() != null) {
            counts = Map.of(g.spec.status(), 1);
        }
        if (g.spec != null && g.spec.sceneIds() != null) {
            scenes = new TreeSet<>(g.spec.sceneIds());
        }
        TreeSet<String> prefixes = new TreeSet<>();
        Map<String, Object> own = g.spec == null ? Map.of() : g.spec.properties();
        for (Map.Entry<String, Object> p : new TreeMap<>(own).entrySet()) {
            props.add(p.getKey(), JsonValues.of(p.getValue()));
            prefixes.add(prefix(p.getKey()));
        }
        if (!own.containsKey("processing:level")) {
            props.add("processing:level", SUMMARY_LEVEL);
        }
        props.add("processing:lineage", lineage());
        props.add("processing:software", software());
        if (updated != null) {
            props.add("processing:datetime", updated.toString());
        }
        props.add("eobatch:item_counts", JsonValues.of(counts));
        props.add("eobatch:source_scenes", JsonValues.of(List.copyOf(scenes)));
        props.add("eobatch:job", execution.job());
        props.add("eobatch:execution_id", execution.newestExecutionId());
        props.add("eobatch:job_instance_id", execution.jobInstanceId());
        props.add("eobatch:parameters", JsonValues.of(execution.parameters()));
        if (execution.parameters().containsKey("index")) {
            props.add("eobatch:index", execution.parameters().get("index"));
        }
        if (resultsDeleted != null) {
            props.add("eobatch:results_deleted", resultsDeleted.toString());
        }

        JsonObjectBuilder item = JsonValues.JSON.createObjectBuilder()
                .add("type", "Feature")
                .add("stac_version", STAC_VERSION)
                .add("stac_extensions", extensions(prefixes, g))
                .add("id", g.id)
                .add("collection", collectionId());
        if (geometry != null) {
            item.add("geometry", geoJson(geometry));
            item.add("bbox", bbox(geometry.getEnvelopeInternal()));
        } else {
            item.add("geometry", JsonValue.NULL);
        }
        item.add("properties", props);
        String collection = relative ? "../" + ARCHIVE_COLLECTION_NAME : stacUrl("");
        JsonArrayBuilder links = JsonValues.JSON.createArrayBuilder();
        if (!relative) {
            links.add(link("self", itemUrl(g.id), GEOJSON, null));
        }
        item.add("links", links
                .add(link("root", collection, JSON, title()))
                .add(link("parent", collection, JSON, title()))
                .add(link("collection", collection, JSON, title())));
        item.add("assets", assets(g.files, g));
        return item.build();
    }

    // ------------------------------------------------------------------------------------------------ pieces

    /** The item's own footprint, else its AOI's, else null. */
    private Geometry geometryOf(Group g) {
        if (g.spec != null && g.spec.geometry() != null) {
            return g.spec.geometry();
        }
        AoiInfo a = g.aoiId == null ? null : aois.get(g.aoiId);
        return a == null ? null : a.geometry();
    }

    /**
     * Assets keyed by the file's name without extension, item id, AOI id and month (made unique with the extension,
     * then the path).
     */
    private JsonObject assets(List<ResultFile> list, Group g) {
        Map<String, JsonObject> out = new LinkedHashMap<>();
        for (ResultFile f : list) {
            String key = assetKey(f.path(), g);
            if (out.containsKey(key)) { // timelapse.gif and timelapse.json: "timelapse", "timelapse-json"
                key = key + "-" + ResultTypes.extension(f.path());
            }
            if (out.containsKey(key)) {
                key = stem(f.path()).replace('/', '-');
            }
            for (int n = 2; out.containsKey(key); n++) {
                key = stem(f.path()).replace('/', '-') + "-" + n;
            }
            JsonObjectBuilder asset = JsonValues.JSON.createObjectBuilder()
                    .add("href", relative ? (g == null ? "../" : "../../") + f.path() : downloadUrl(f.path()))
                    .add("type", f.mediaType())
                    .add("roles", JsonValues.JSON.createArrayBuilder().add(f.role()))
                    .add("title", f.path());
            assetFields(g, f.path()).forEach((k, v) -> asset.add(k, JsonValues.of(v)));
            out.put(key, asset.build());
        }
        JsonObjectBuilder b = JsonValues.JSON.createObjectBuilder();
        out.forEach(b::add);
        return b.build();
    }

    private static Map<String, Object> assetFields(Group g, String path) {
        return g == null || g.spec == null ? Map.of() : g.spec.assetFields().getOrDefault(path, Map.of());
    }

    /**
     * The extensions an item uses: the eobatch and processing ones always, projection and raster where a property
     * or a field of one of its assets has their prefix.
     */
    private JsonArrayBuilder extensions(TreeSet<String> propertyPrefixes, Group g) {
        TreeSet<String> prefixes = new TreeSet<>(propertyPrefixes);
        for (ResultFile f : g.files) {
            assetFields(g, f.path()).keySet().forEach(k -> prefixes.add(prefix(k)));
        }
        JsonArrayBuilder b = JsonValues.JSON.createArrayBuilder().add(eobatchSchema()).add(PROCESSING);
        if (prefixes.contains("proj")) {
            b.add(PROJECTION);
        }
        if (prefixes.contains("raster")) {
            b.add(RASTER);
        }
        return b;
    }

    private static String prefix(String field) {
        int colon = field.indexOf(':');
        return colon < 0 ? "" : field.substring(0, colon);
    }

    /** The URL of the schema of the {@code eobatch:} fields on this server. */
    public String eobatchSchema() {
        return api.resolve(EOBATCH_SCHEMA_PATH).toString();
    }

    /** {@code processing:lineage}: the job, execution and parameters that made the results. */
    private String lineage() {
        StringBuilder b = new StringBuilder("eobatch job ").append(execution.job()).append(", execution ")
                .append(execution.newestExecutionId()).append(" (job instance ").append(execution.jobInstanceId())
                .append("), from the scenes of catalog ").append(execution.parameters().getOrDefault("catalog", "?"))
                .append(" with parameters");
        new TreeMap<>(execution.parameters()).forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        return b.toString();
    }

    /** {@code processing:software}: eobatch and its version. */
    private static JsonObject software() {
        return JsonValues.JSON.createObjectBuilder().add("eobatch", Version.OF_EOBATCH).build();
    }

    static String assetKey(String path, Group g) {
        String name = stem(path.substring(path.lastIndexOf('/') + 1));
        if (g != null) {
            if (g.aoiId != null) {
                name = withoutToken(name, g.aoiId);
            }
            name = withoutToken(name, g.id);
            if (g.month != null) {
                name = withoutToken(name, g.month.toString());
            }
        }
        name = name.replaceAll("[-_]{2,}", "-").replaceAll("^[-_]+|[-_]+$", "");
        return name.isEmpty() ? ResultTypes.role(path) : name;
    }

    private JsonObject summaries() {
        // ranges of the numeric summary fields over the AOIs
        Map<String, double[]> ranges = new TreeMap<>();
        for (Map<String, Object> m : summaries.values()) {
            m.forEach((k, v) -> {
                if (v instanceof Number n && !(v instanceof Double d && d.isNaN())) {
                    double x = n.doubleValue();
                    ranges.merge(k, new double[] {x, x},
                            (a, b) -> new double[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
                }
            });
        }
        JsonObjectBuilder s = JsonValues.JSON.createObjectBuilder();
        s.add("eobatch:aoi_id", JsonValues.of(groups.values().stream().map(g -> g.aoiId)
                .filter(java.util.Objects::nonNull).distinct().toList()));
        return summaries(s, ranges);
    }

    /**
     * The summaries of a Collection made from an {@link Overview}: the index and the ranges, without the list of AOI
     * ids (100,000 of them would make the document grow with the run; the items endpoint pages through them).
     */
    private JsonObject summaries(Map<String, double[]> ranges) {
        return summaries(JsonValues.JSON.createObjectBuilder(), ranges);
    }

    private JsonObject summaries(JsonObjectBuilder s, Map<String, double[]> ranges) {
        if (execution.parameters().containsKey("index")) {
            s.add("eobatch:index", JsonValues.JSON.createArrayBuilder().add(execution.parameters().get("index")));
        }
        new TreeMap<>(ranges).forEach((k, r) -> s.add("eobatch:" + snake(k), JsonValues.JSON.createObjectBuilder()
                .add("minimum", number(r[0])).add("maximum", number(r[1]))));
        return s.build();
    }

    private static JsonNumber number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? JsonValues.JSON.createValue((long) d) : JsonValues.JSON.createValue(d);
    }

    private Envelope unionBbox() {
        Envelope e = new Envelope();
        for (Group g : groups.values()) {
            Geometry geometry = geometryOf(g);
            if (geometry != null) {
                e.expandToInclude(geometry.getEnvelopeInternal());
            }
        }
        return e.isNull() ? new Envelope(-180, 180, -90, 90) : e;
    }

    private static JsonArrayBuilder bbox(Envelope e) {
        return JsonValues.JSON.createArrayBuilder().add(e.getMinX()).add(e.getMinY()).add(e.getMaxX()).add(e.getMaxY());
    }

    private static JsonObject geoJson(Geometry g) {
        try (var r = JsonValues.JSON.createReader(new StringReader(AoiGeometries.toGeoJson(g)))) {
            return r.readObject();
        }
    }

    private String title() {
        String index = execution.parameters().get("index");
        return execution.job() + " execution " + execution.executionId() + " (" + (index == null ? ""
                : index.toUpperCase(Locale.ROOT) + ", ") + from + " .. " + to + ")";
    }

    private long aoiCount() {
        return groups.values().stream().map(g -> g.aoiId).filter(java.util.Objects::nonNull).distinct().count();
    }

    private String description(long aoiCount) {
        return "The results of eobatch job " + execution.job() + ", execution " + execution.executionId()
                + " (job instance " + execution.jobInstanceId() + ", executions " + execution.executionIds()
                + "; described as of execution " + execution.newestExecutionId() + ", " + execution.status()
                + "), over " + aoiCount + " AOI(s) from " + from
                + " to " + to + ". Source catalog: " + execution.parameters().getOrDefault("catalog", "?")
                + "; derived data under the source data's terms.";
    }

    private JsonArrayBuilder keywords() {
        JsonArrayBuilder k = JsonValues.JSON.createArrayBuilder().add("eobatch").add(execution.job());
        if (execution.parameters().containsKey("index")) {
            k.add(execution.parameters().get("index"));
        }
        return k;
    }

    private String itemTitle(Group g) {
        AoiInfo a = g.aoiId == null ? null : aois.get(g.aoiId);
        String name = a == null || a.name() == null ? g.aoiId : a.name();
        if (g.spec != null && g.spec.month() == null && !g.id.equals(g.aoiId)) {
            return g.id + (name == null ? "" : " (" + name + ")");
        }
        return name + (g.month == null ? ", " + from + " .. " + to : ", " + g.month);
    }

    /**
     * This catalog in the layout of the results archive ({@code results.zip}): the Collection is
     * {@value #ARCHIVE_COLLECTION} and each Item {@code stac/items/<item>.json} ({@link #archiveItemName}), beside the
     * result files under their own paths; every href is relative (the Collection's assets {@code ../<path>}, an
     * Item's {@code ../../<path>}, an Item's root, parent and collection {@code ../collection.json}), so the links
     * resolve inside the unpacked archive. Without self links, as STAC's self-contained catalogs are. Returns this.
     */
    public ResultsStac relative() {
        this.relative = true;
        return this;
    }

    /** The result files this catalog was made of (those of {@code results.zip}). */
    public List<ResultFile> files() {
        return files;
    }

    /** Says that the result files were deleted at {@code at} (null: they were not). Returns this. */
    public ResultsStac resultsDeleted(Instant at) {
        this.resultsDeleted = at;
        return this;
    }

    /** The Collection's path in the archive. */
    public static final String ARCHIVE_COLLECTION = "stac/collection.json";
    private static final String ARCHIVE_COLLECTION_NAME = "collection.json";
    /** The folder of the Items in the archive. */
    public static final String ARCHIVE_ITEMS = "items";

    /** An Item's file name in the archive: its id (safe as item ids are [A-Za-z0-9._-]) + {@code .json}. */
    public static String archiveItemName(String itemId) {
        return (itemId.matches("[A-Za-z0-9_-][A-Za-z0-9._-]*") ? itemId
                : java.net.URLEncoder.encode(itemId, java.nio.charset.StandardCharsets.UTF_8).replace('%', '_'))
                + ".json";
    }

    private String stacUrl(String suffix) {
        return api.resolve("executions/" + execution.executionId() + "/stac" + suffix).toString();
    }

    private String itemUrl(String itemId) {
        return stacUrl("/items/" + itemId);
    }

    /** The absolute download URL of a result file (paths are plain [A-Za-z0-9._-/]: nothing to escape). */
    public String downloadUrl(String path) {
        return api.resolve("executions/" + execution.executionId() + "/results/" + path).toString();
    }

    private static JsonObject link(String rel, String href, String type, String title) {
        JsonObjectBuilder b = JsonValues.JSON.createObjectBuilder().add("rel", rel).add("href", href);
        if (type != null) {
            b.add("type", type);
        }
        if (title != null) {
            b.add("title", title);
        }
        return b.build();
    }

    private static JsonValue start(LocalDate d) {
        return d == null ? JsonValue.NULL : JsonValues.JSON.createValue(d + "T00:00:00Z");
    }

    private static JsonValue end(LocalDate d) {
        return d == null ? JsonValue.NULL : JsonValues.JSON.createValue(d + "T23:59:59Z");
    }

    private static boolean within(Instant t, LocalDate start, LocalDate end) {
        if (t == null) {
            return start == null && end == null;
        }
        LocalDate d = t.atZone(ZoneOffset.UTC).toLocalDate();
        return (start == null || !d.isBefore(start)) && (end == null || !d.isAfter(end));
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return b == null || a.isAfter(b) ? a : b;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return b == null || a.isBefore(b) ? a : b;
    }

    private static LocalDate date(String s) {
        try {
            return s == null || s.isBlank() ? null : LocalDate.parse(s.strip());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** camelCase to snake_case. */
    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
