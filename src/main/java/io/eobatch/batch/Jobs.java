package io.eobatch.batch;

import static io.eobatch.batch.ParameterSpec.choice;
import static io.eobatch.batch.ParameterSpec.date;
import static io.eobatch.batch.ParameterSpec.integer;
import static io.eobatch.batch.ParameterSpec.list;
import static io.eobatch.batch.ParameterSpec.number;
import static io.eobatch.batch.ParameterSpec.string;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** The jobs eobatch offers and their parameters: the single source for the REST API, validation and README. */
public final class Jobs {

    public static final String AOI_STATISTICS = "aoi-statistics";
    public static final String AOI_TIMELAPSE = "aoi-timelapse";

    /** Colour maps of index images (io.eobatch.raster.image.ColorMap). */
    public static final List<String> COLOR_MAPS = List.of("rdylgn", "blues", "viridis");

    /** Spectral indices the engine computes. */
    public static final List<String> INDICES = List.of("ndvi", "ndwi", "evi");

    /** The cost ceiling of a job instance (aoi-statistics, aoi-timelapse): see {@link Budgets}. */
    public static final ParameterSpec BUDGET = new ParameterSpec("budget", "number", null, false, "cost ceiling of "
            + "the job instance in the provider's unit (sentinel-hub: processing units; observearth: requests; stac: "
            + "scenes read); reached, the job stops with exit status OUT_OF_BUDGET and a restart with a larger "
            + "budget carries on", null, 1e-9, 1e12);

    /** Set by retry-failed: the job instance whose FAILED items are worked on again. */
    public static final ParameterSpec RETRY_OF = ParameterSpec.RETRY_OF;

    private static final List<ParameterSpec> COMMON = List.of(
            list("aois", "AOI ids, comma separated (a JSON array is accepted too); default: every stored AOI"),
            date("from", "first day of the period, yyyy-MM-dd, inclusive (UTC)"),
            date("to", "last day of the period, yyyy-MM-dd, inclusive (UTC)"),
            string("catalog", "demo", "catalog name: eobatch.catalog.<name>.url in MicroProfile Config; "
                    + "'demo' is the embedded synthetic catalog"),
            string("collection", "sentinel-2-l2a", "STAC collection id"),
            number("maxCloudCover", 100, 0, 100, "only scenes with eo:cloud_cover <= this, percent"),
            choice("index", "ndvi", INDICES, "spectral index"),
            integer("partitions", 4, 1, 64, "parallel partitions of the fetch step (fixed at the first start)"),
            integer("chunkSize", 5, 1, 1000, "items per chunk (transaction and checkpoint)"),
            integer("retryLimit", 2, 0, 20, "retries of a chunk after a transient error before the partition fails"));

    public static final JobDefinition AOI_STATISTICS_JOB = new JobDefinition(AOI_STATISTICS,
            "Index statistics (mean, min, max, stdev, percentiles, valid and no-data pixel counts, clear fraction) "
                    + "per AOI and scene (or per AOI and day with mosaic=day)",
            List.of("plan-items", "fetch-statistics", "summarize"),
            concat(COMMON, List.of(choice("mosaic", "none", List.of("none", "day"),
                    "none: one row per AOI and scene; day: the scenes of one day mosaicked into one row (stac)"),
                    choice("provider", "stac", io.eobatch.provider.Providers.NAMES, "where the statistics come from: "
                            + "stac (COGs of the catalog, computed here), sentinel-hub (Statistical API), observearth "
                            + "(stats endpoint); configured by eobatch.provider.<name>.* in MicroProfile Config"),
                    new ParameterSpec("interval", "period", "P1D", false, "aggregation interval of sentinel-hub "
                            + "(ISO-8601 period, e.g. P1D, P5D, P1M): one row per AOI and interval with scenes",
                            null, null, null),
                    BUDGET,
                    RETRY_OF)));

    public static final JobDefinition AOI_TIMELAPSE_JOB = new JobDefinition(AOI_TIMELAPSE,
            "Per AOI and calendar month, the scene with the highest clear fraction over the AOI as an index PNG "
                    + "and a true-colour PNG (or the images of a remote provider); then one animated GIF per AOI of "
                    + "its months",
            List.of("plan-items", "fetch-images", "make-gifs"),
            concat(COMMON, List.of(
                    choice("provider", "stac", io.eobatch.provider.Providers.NAMES, "where the images come from: "
                            + "stac (COGs of the catalog, the clearest scene chosen and drawn here), sentinel-hub "
                            + "(Process API: the least cloudy mosaic of the month, index and true colour), "
                            + "observearth (image endpoint: the least cloudy scene of the month, index only, its own "
                            + "colours); the remote providers measure no clear fraction; configured by "
                            + "eobatch.provider.<name>.* in MicroProfile Config"),
                    BUDGET,
                    RETRY_OF,
                    number("minClearFraction", 0.2, 0, 1, "least clear fraction (valid / AOI pixels, 0..1) of a "
                            + "month's clearest scene; below it the month is TOO_CLOUDY and left out of the GIF "
                            + "(stac provider only: the remote providers give no pixel counts)"),
                    choice("colorMap", "rdylgn", COLOR_MAPS, "colour map of the index images: rdylgn (red-yellow-"
                            + "green), blues, viridis"),
                    number("valueMin", -0.2, -10, 10, "index value drawn with the colour map's first colour "
                            + "(lower values too); fixed, so that every month is drawn alike"),
                    number("valueMax", 0.9, -10, 10, "index value drawn with the colour map's last colour "
                            + "(higher values too)"))));

    public static final List<JobDefinition> ALL = List.of(AOI_STATISTICS_JOB, AOI_TIMELAPSE_JOB,
            io.eobatch.batch.tiles.TiledCompositeJob.DEFINITION);

    private Jobs() {
    }

    public static Optional<JobDefinition> find(String id) {
        return ALL.stream().filter(j -> j.id().equals(id)).findFirst();
    }

    /**
     * The {@code maxCloudCover} parameter as a scene filter: null (no filter) when blank or 100 % or more, the limit
     * in percent otherwise.
     */
    public static Double cloudLimit(String maxCloudCover) {
        if (maxCloudCover == null || maxCloudCover.isBlank()) {
            return null;
        }
        double d = Double.parseDouble(maxCloudCover.strip());
        return d >= 100 ? null : d;
    }

    /** Checks relations between parameters that single values cannot show. */
    public static void checkRelations(Properties p) {
        String from = p.getProperty("from");
        String to = p.getProperty("to");
        if (from != null && to != null && LocalDate.parse(from).isAfter(LocalDate.parse(to))) {
            throw new ParameterException("to", "the period ends (" + to + ") before it starts (" + from + ")");
        }
        String min = p.getProperty("valueMin");
        String max = p.getProperty("valueMax");
        if (min != null && max != null && Double.parseDouble(min) >= Double.parseDouble(max)) {
            throw new ParameterException("valueMax", "must be greater than valueMin (" + min + "), got " + max);
        }
        String provider = p.getProperty("provider");
        String interval = p.getProperty("interval");
        if (provider != null && !provider.equals("sentinel-hub") && interval != null && !interval.equals("P1D")) {
            throw new ParameterException("interval", "only the sentinel-hub provider aggregates over intervals; "
                    + provider + " gives one row per " + (provider.equals("stac") ? "scene (or day)" : "day"));
        }
        if (p.getProperty("tileSize") != null) {
            io.eobatch.batch.tiles.TiledCompositeJob.checkRelations(p);
        }
    }

    private static List<ParameterSpec> concat(List<ParameterSpec> a, List<ParameterSpec> b) {
        var out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
