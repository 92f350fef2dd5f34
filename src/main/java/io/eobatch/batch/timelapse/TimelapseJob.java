package io.eobatch.batch.timelapse;

import static io.eobatch.batch.ParameterSpec.choice;
import static io.eobatch.batch.ParameterSpec.number;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eobatch.batch.CommonParameters;
import io.eobatch.batch.EoJob;
import io.eobatch.batch.JobDefinition;
import io.eobatch.batch.ParameterException;
import io.eobatch.batch.RetryPlan;
import io.eobatch.config.Limits;
import io.eobatch.ledger.WorkItem;
import io.eobatch.results.ResultsStac;

/**
 * The aoi-timelapse job (batch-jobs/aoi-timelapse.xml): per AOI and month the clearest scene's images, then one GIF
 * per AOI. Steps: {@code plan-items} ({@link PlanTimelapseItems}), {@code fetch-images} ({@link TimelapseProcessor}),
 * {@code make-gifs} ({@link MakeTimelapseGifs}). retry-failed carries every month over, the DONE ones with their
 * frame and images, so that the new instance's GIFs cover the whole period.
 */
@ApplicationScoped
public class TimelapseJob extends EoJob {

    public static final String ID = "aoi-timelapse";

    /** Colour maps of index images (io.eobatch.raster.image.ColorMap). */
    public static final List<String> COLOR_MAPS = List.of("rdylgn", "blues", "viridis");

    public static final JobDefinition DEFINITION = new JobDefinition(ID,
            "Per AOI and calendar month, the scene with the highest clear fraction over the AOI as an index PNG "
                    + "and a true-colour PNG (or the images of a remote provider); then one animated GIF per AOI of "
                    + "its months",
            List.of("plan-items", "fetch-images", "make-gifs"),
            CommonParameters.concat(CommonParameters.aoisAndPeriod(5), List.of(
                    CommonParameters.provider("where the images come from: stac (COGs of the catalog, the clearest "
                            + "scene chosen and drawn here), sentinel-hub (Process API: the least cloudy mosaic of the "
                            + "month, index and true colour), observearth (image endpoint: the least cloudy scene of "
                            + "the month, index only, its own colours); the remote providers measure no clear "
                            + "fraction; configured by eobatch.provider.<name>.* in MicroProfile Config"),
                    CommonParameters.BUDGET,
                    CommonParameters.RETRY_OF,
                    number("minClearFraction", 0.2, 0, 1, "least clear fraction (valid / AOI pixels, 0..1) of a "
                            + "month's clearest scene; below it the month is TOO_CLOUDY and left out of the GIF "
                            + "(stac provider only: the remote providers give no pixel counts)"),
                    choice("colorMap", "rdylgn", COLOR_MAPS, "colour map of the index images: rdylgn (red-yellow-"
                            + "green), blues, viridis"),
                    number("valueMin", -0.2, -10, 10, "index value drawn with the colour map's first colour "
                            + "(lower values too); fixed, so that every month is drawn alike"),
                    number("valueMax", 0.9, -10, 10, "index value drawn with the colour map's last colour "
                            + "(higher values too)"))),
            new JobDefinition.SharedStep("fetch-images", true));

    @Inject
    TimelapseFrames frames;

    public TimelapseJob() {
        super(DEFINITION, TimelapseEstimator.class);
    }

    /** The colour map's range. */
    @Override
    protected void checkJobRelations(Properties p) {
        String min = p.getProperty("valueMin");
        String max = p.getProperty("valueMax");
        if (min != null && max != null && Double.parseDouble(min) >= Double.parseDouble(max)) {
            throw new ParameterException("valueMax", "must be greater than valueMin (" + min + "), got " + max);
        }
    }

    /** AOIs x calendar months: one image (two with true colour) per AOI and month. */
    @Override
    protected void checkJobLimits(Properties p, Limits limits, long aois) {
        String from = p.getProperty(CommonParameters.FROM.name());
        String to = p.getProperty(CommonParameters.TO.name());
        if (from == null || to == null) {
            return;
        }
        long months = java.time.temporal.ChronoUnit.MONTHS.between(java.time.YearMonth.from(LocalDate.parse(from)),
                java.time.YearMonth.from(LocalDate.parse(to))) + 1;
        if (aois * months > limits.aoiMonths()) {
            boolean bySet = p.getProperty(CommonParameters.AOIS.name()) == null
                    && p.getProperty(CommonParameters.AOI_SET.name()) != null;
            throw new ParameterException(bySet ? CommonParameters.AOI_SET.name() : CommonParameters.AOIS.name(),
                    aois + " AOIs x " + months + " months = " + aois * months + " images, more than the "
                            + limits.aoiMonths() + " one time-lapse may make (" + Limits.AOI_MONTHS + "); split the "
                            + "AOIs or the period into several executions");
        }
    }

    /** Its STAC items are declared ({@link #stacItems}); the launch limits bound how many. */
    @Override
    public boolean declaresStacItems() {
        return true;
    }

    @Override
    public List<ResultsStac.ItemSpec> stacItems(List<WorkItem> items, Map<String, String> params) {
        return TimelapseStac.items(items, params.getOrDefault("index", "ndvi").toLowerCase(Locale.ROOT));
    }

    /** Every month carried over; a DONE month with its frame and its images. */
    @Override
    public RetryPlan retryPlan() {
        return RetryPlan.carryAll(List.of(), done -> frames.byWorkItem(done.id).map(f -> f.truecolourPng == null
                ? List.of(f.indexPng) : List.of(f.indexPng, f.truecolourPng)).orElse(List.of()),
                (from, to) -> frames.byWorkItem(from.id).ifPresent(f -> frames.persist(f.copyFor(to.id,
                        to.jobInstanceId))));
    }
}
