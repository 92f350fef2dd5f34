package io.eobatch.batch.statistics;

import static io.eobatch.batch.ParameterSpec.choice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;

import io.eobatch.batch.CommonParameters;
import io.eobatch.batch.EoJob;
import io.eobatch.batch.JobDefinition;
import io.eobatch.batch.ParameterException;
import io.eobatch.batch.ParameterSpec;
import io.eobatch.batch.RetryPlan;
import io.eobatch.provider.EoProvider.ItemGranularity;
import io.eobatch.provider.Providers;
import io.eobatch.raster.stats.Weighting;
import io.eobatch.results.ResultsStore;

/**
 * The aoi-statistics job (batch-jobs/aoi-statistics.xml): index statistics per AOI and scene, day or aggregation
 * interval. Steps: {@code plan-items} ({@link PlanStatisticsItems}), {@code fetch-statistics}
 * ({@link StatisticsProcessor}), {@code summarize-statistics} ({@link SummarizeStatistics}). retry-failed plans the
 * FAILED items alone: the rows of the others stay under the source execution.
 */
@ApplicationScoped
public class StatisticsJob extends EoJob {

    public static final String ID = "aoi-statistics";

    public static final ParameterSpec INTERVAL = new ParameterSpec("interval", "period", "P1D", false, "aggregation "
            + "interval of sentinel-hub (ISO-8601 period, e.g. P1D, P5D, P1M): one row per AOI and interval with "
            + "scenes", null, null, null);

    public static final ParameterSpec WEIGHTING = choice("weighting", "centre", List.of("centre", "coverage"),
            "how pixels count: centre (a pixel counts fully when its centre is inside the AOI, as gdal_rasterize); "
                    + "coverage (every pixel weighted by the fraction of its area inside the AOI, as exactextract: "
                    + "weighted mean, stdev and percentiles, coverage and valid_coverage in the rows); coverage "
                    + "needs a provider that reads the scenes here (stac)");

    /**
     * Default {@code chunkSize}: items per transaction and checkpoint. 50 rather than 5: at 700,000 items the
     * checkpoints of 5 items were a fifth of the fetch step's time (BENCHMARKS.md, Scale); a rolled-back chunk redoes
     * at most 50 local computations.
     */
    static final int STATISTICS_CHUNK = 50;

    public static final JobDefinition DEFINITION = new JobDefinition(ID,
            "Index statistics (mean, min, max, stdev, percentiles, valid and no-data pixel counts, clear fraction) "
                    + "per AOI and scene (or per AOI and day with mosaic=day)",
            List.of("plan-items", "fetch-statistics", "summarize-statistics"),
            CommonParameters.concat(CommonParameters.aoisAndPeriod(STATISTICS_CHUNK), List.of(
                    choice("mosaic", "none", List.of("none", "day"), "none: one row per AOI and scene; day: the "
                            + "scenes of one day mosaicked into one row (stac)"),
                    CommonParameters.provider("where the statistics come from: stac (COGs of the catalog, computed "
                            + "here), sentinel-hub (Statistical API), observearth (stats endpoint); configured by "
                            + "eobatch.provider.<name>.* in MicroProfile Config"),
                    INTERVAL,
                    WEIGHTING,
                    CommonParameters.BUDGET,
                    CommonParameters.RETRY_OF)),
            new JobDefinition.SharedStep("fetch-statistics", false));

    public StatisticsJob() {
        super(DEFINITION, StatisticsEstimator.class);
    }

    /**
     * An aggregation interval only for a provider that aggregates; coverage weighting only for a provider that can
     * weight pixels.
     */
    @Override
    protected void checkJobRelations(Properties p) {
        String provider = p.getProperty("provider");
        if (Weighting.COVERAGE.parameterValue().equals(p.getProperty(WEIGHTING.name()))
                && !Providers.capabilities(provider).coverageWeighting()) {
            throw new ParameterException(WEIGHTING.name(), "coverage weighting needs a provider that reads the "
                    + "scenes here; " + provider + " computes its statistics itself, with its own rule");
        }
        String interval = p.getProperty(INTERVAL.name());
        if (provider == null || interval == null || interval.equals(INTERVAL.defaultValue())) {
            return;
        }
        ItemGranularity g = Providers.granularity(provider);
        if (g != ItemGranularity.INTERVAL) {
            throw new ParameterException("interval", "only a provider that aggregates over intervals "
                    + "takes one; " + provider + " gives one row per "
                    + (g == ItemGranularity.SCENE ? "scene (or day)" : "day"));
        }
    }

    /**
     * {@code charts/timeseries-<aoiId>.png} of an AOI of the instance's summary (drawn in the summary step only for
     * runs of at most {@code eobatch.summary.eager-charts} AOIs): drawn from its rows and kept.
     */
    @Override
    public boolean drawOnRequest(long instance, String path, Map<String, String> params) {
        String empty = StatisticsResults.timeSeries(""); // charts/timeseries-.png
        String start = empty.substring(0, empty.length() - ".png".length());
        if (!path.startsWith(start) || !path.endsWith(".png") || path.length() <= empty.length()) {
            return false;
        }
        String aoiId = path.substring(start.length(), path.length() - ".png".length());
        StatisticsRows rows = CDI.current().select(StatisticsRows.class).get();
        List<AoiSummary> summaries = rows.summaries(instance);
        if (summaries.stream().noneMatch(s -> s.aoiId.equals(aoiId))) {
            return false;
        }
        ResultsStore store = CDI.current().select(ResultsStore.class).get();
        try {
            StatisticsResults.writeTimeSeries(store, instance, params.get("index"),
                    LocalDate.parse(params.get("from")), LocalDate.parse(params.get("to")),
                    StatisticsResults.label(summaries, aoiId), aoiId, rows.rows(instance, aoiId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw " + path + " of job instance " + instance, e);
        }
        return true;
    }

    @Override
    public RetryPlan retryPlan() {
        return RetryPlan.FAILED_ONLY;
    }
}
