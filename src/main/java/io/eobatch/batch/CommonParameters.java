package io.eobatch.batch;

import static io.eobatch.batch.ParameterSpec.choice;
import static io.eobatch.batch.ParameterSpec.date;
import static io.eobatch.batch.ParameterSpec.integer;
import static io.eobatch.batch.ParameterSpec.list;
import static io.eobatch.batch.ParameterSpec.number;
import static io.eobatch.batch.ParameterSpec.string;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.eobatch.provider.Providers;

/** The parameters several jobs share, each declared once (name, type, default, meaning), and their checks. */
public final class CommonParameters {

    /** Spectral indices the engine computes. */
    public static final List<String> INDICES = List.of("ndvi", "ndwi", "evi");

    public static final ParameterSpec AOIS = list("aois", "AOI ids, comma separated (a JSON array is accepted too); "
            + "default: every stored AOI");
    public static final ParameterSpec AOI_SET = list("aoiSet", "AOI set name(s), comma separated (a JSON array is "
            + "accepted too): their AOIs, resolved when the job plans, with those of aois; with neither, every stored "
            + "AOI");
    public static final ParameterSpec FROM = date("from", "first day of the period, yyyy-MM-dd, inclusive (UTC)");
    public static final ParameterSpec TO = date("to", "last day of the period, yyyy-MM-dd, inclusive (UTC)");
    public static final ParameterSpec CATALOG = string("catalog", "demo", "catalog name: eobatch.catalog.<name>.url "
            + "in MicroProfile Config; 'demo' is the embedded synthetic catalog");
    public static final ParameterSpec COLLECTION = string("collection", "sentinel-2-l2a", "STAC collection id");
    public static final ParameterSpec MAX_CLOUD_COVER = number("maxCloudCover", 100, 0, 100,
            "only scenes with eo:cloud_cover <= this, percent");
    public static final ParameterSpec INDEX = choice("index", "ndvi", INDICES, "spectral index");
    public static final ParameterSpec PARTITIONS = integer("partitions", 4, 1, 64,
            "parallel partitions of the fetch step (fixed at the first start)");
    public static final ParameterSpec RETRY_LIMIT = integer("retryLimit", 2, 0, 20,
            "retries of a chunk after a transient error before the partition fails");
    public static final ParameterSpec SKIP_LIMIT = integer("skipLimit", 1000, 0, 1_000_000,
            "items a partition may fail (each FAILED with its reason) before the partition itself fails; a restart "
                    + "resumes it");

    /** The cost ceiling of a job instance (aoi-statistics, aoi-timelapse): see {@link Budgets}. */
    public static final ParameterSpec BUDGET = new ParameterSpec("budget", "number", null, false, "cost ceiling of "
            + "the job instance in the provider's unit (sentinel-hub: processing units; observearth: requests; stac: "
            + "scenes read); reached, the job stops with exit status OUT_OF_BUDGET and a restart with a larger "
            + "budget carries on", null, 1e-9, 1e12);

    /** Set by retry-failed: the job instance whose FAILED items are worked on again. */
    public static final ParameterSpec RETRY_OF = ParameterSpec.RETRY_OF;

    private CommonParameters() {
    }

    /** Items per chunk, with the job's default. */
    public static ParameterSpec chunkSize(int def) {
        return integer("chunkSize", def, 1, 1000, "items per chunk (transaction and checkpoint)");
    }

    /** The {@code provider} parameter, with what it means for the job. */
    public static ParameterSpec provider(String meaning) {
        return choice("provider", Providers.NAMES.get(0), Providers.NAMES, meaning); // the default first
    }

    /**
     * The parameters of the jobs over stored AOIs and a period, in the order the API lists them, with the job's
     * default {@code chunkSize}.
     */
    public static List<ParameterSpec> aoisAndPeriod(int chunkSize) {
        return List.of(AOIS, AOI_SET, FROM, TO, CATALOG, COLLECTION, MAX_CLOUD_COVER, INDEX, PARTITIONS,
                chunkSize(chunkSize),
                RETRY_LIMIT, SKIP_LIMIT);
    }

    /** {@code a} then {@code b}. */
    public static List<ParameterSpec> concat(List<ParameterSpec> a, List<ParameterSpec> b) {
        List<ParameterSpec> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
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

    /** The period must not end before it starts. */
    public static void checkPeriod(Properties p) {
        String from = p.getProperty(FROM.name());
        String to = p.getProperty(TO.name());
        if (from != null && to != null && LocalDate.parse(from).isAfter(LocalDate.parse(to))) {
            throw new ParameterException("to", "the period ends (" + to + ") before it starts (" + from + ")");
        }
    }
}
