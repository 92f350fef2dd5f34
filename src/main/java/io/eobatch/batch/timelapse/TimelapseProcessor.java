package io.eobatch.batch.timelapse;

import java.io.IOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.eobatch.aoi.AoiRepository;
import io.eobatch.aoi.Aoi;
import io.eobatch.ledger.ItemStatus;
import io.eobatch.ledger.Ledger;
import io.eobatch.ledger.WorkItem;
import io.eobatch.provider.EoProvider;
import io.eobatch.provider.ImageQuery;
import io.eobatch.provider.ItemDataException;
import io.eobatch.provider.Providers;
import io.eobatch.provider.stac.OpenedScenes;
import io.eobatch.provider.stac.StacProvider;
import io.eobatch.provider.throttle.RetriesExhaustedException;
import io.eobatch.raster.image.ColorMap;
import io.eobatch.raster.image.PngWriter;
import io.eobatch.raster.image.TrueColour;
import io.eobatch.raster.stats.Band;
import io.eobatch.raster.stats.CloudMask;
import io.eobatch.raster.stats.IndexStatistics;
import io.eobatch.raster.stats.SceneInput;
import io.eobatch.raster.stats.SceneRender;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.results.ResultsStore;
import io.eobatch.stac.StacItem;

/**
 * Step fetch-images of aoi-timelapse, for one AOI x month item: searches the month's scenes over the AOI (cloud
 * cover up to {@code maxCloudCover}), computes each one's clear fraction inside the AOI (reading only the AOI's
 * window), chooses the clearest ({@link SceneChoice}), and renders its index and true-colour images
 * ({@link SceneRender}) into the results folder, atomically. The outcome goes to {@link TimelapseWriter}.
 *
 * <p>With a remote {@code provider} (sentinel-hub, observearth) the month's images come from the provider instead
 * ({@link ProviderMonth}): its search, then its index and true-colour PNGs (where it draws true colour); the month is
 * DONE without a clear fraction, the frame's note saying so, or NO_DATA without scenes. The provider's calls run
 * through its shared throttle, which retries transient failures: when they outlast its attempts
 * ({@link RetriesExhaustedException}) the item is FAILED, the partition goes on.
 *
 * <p>The item is marked IN_FLIGHT (in its own transaction) before the work. An item whose frame is already stored
 * with its images on disk is reconciled to DONE without reading or rendering anything. An item that was IN_FLIGHT
 * when a server died is rendered again; the files are replaced atomically, so there is never half an image.
 */
@Named
@Dependent
public class TimelapseProcessor implements ItemProcessor {

    private static final Logger LOG = Logger.getLogger(TimelapseProcessor.class.getName());

    @Inject
    JobContext job;

    @Inject
    Ledger ledger;

    @Inject
    TimelapseFrames frames;

    @Inject
    AoiRepository aois;

    /** The AOIs this partition has read: one query and one GeoJSON parse per AOI, not per item. */
    private final java.util.Map<String, Aoi> aoiCache = new java.util.HashMap<>();

    @Inject
    StacProvider stac;

    @Inject
    Providers providers;

    @Inject
    io.eobatch.batch.Budgets budgets;

    /** Cost ceiling of the job instance in the provider's unit; blank for none. */
    @Inject
    @BatchProperty
    String budget;

    /** stac, sentinel-hub or observearth. Default stac. */
    @Inject
    @BatchProperty
    String provider;

    @Inject
    ResultsStore results;

    /** Catalog name. Default demo. */
    @Inject
    @BatchProperty
    String catalog;

    /** STAC collection. Default sentinel-2-l2a. */
    @Inject
    @BatchProperty
    String collection;

    /** ndvi, ndwi or evi. Default ndvi. */
    @Inject
    @BatchProperty
    String index;

    /** First day of the period, yyyy-MM-dd, inclusive. Required (clips the first month). */
    @Inject
    @BatchProperty
    String from;

    /** Last day of the period, yyyy-MM-dd, inclusive. Required (clips the last month). */
    @Inject
    @BatchProperty
    String to;

    /** Maximum eo:cloud_cover of a scene, percent. Default 100. */
    @Inject
    @BatchProperty
    String maxCloudCover;

    /** Least clear fraction (0..1) of a month's best scene; below it the month is TOO_CLOUDY. Default 0.2. */
    @Inject
    @BatchProperty
    String minClearFraction;

    /** Colour map of the index images: rdylgn, blues or viridis. Default rdylgn. */
    @Inject
    @BatchProperty
    String colorMap;

    /** Index value drawn with the colour map's first colour (lower values too). Default -0.2. */
    @Inject
    @BatchProperty
    String valueMin;

    /** Index value drawn with the colour map's last colour (higher values too). Default 0.9. */
    @Inject
    @BatchProperty
    String valueMax;

    @Override
    public Object processItem(Object o) throws IOException {
        WorkItem item = (WorkItem) o;
        Optional<TimelapseFrame> stored = frames.byWorkItem(item.id);
        if (stored.isPresent() && filesExist(item.jobInstanceId, stored.get())) {
            LOG.info(() -> "item " + item.itemKey + " has its frame and images already: reconciled to DONE");
            return new TimelapseOutcome(item.id, ItemStatus.DONE, null, null);
        }
        long execution = job.getExecutionId();
        if (budgets.refuseIfExhausted(execution, item.id)) {
            return null; // the reader stops at its next read; this item stays ahead of the checkpoint
        }
        String idx = index.toLowerCase(Locale.ROOT);
        SpectralIndex spectral = SpectralIndex.valueOf(idx.toUpperCase(Locale.ROOT));
        Aoi aoi = aoi(item.aoiId);
        YearMonth month = YearMonth.parse(item.sceneId);
        LocalDate[] days = TimelapsePlan.days(month, LocalDate.parse(from), LocalDate.parse(to));
        Double maxCloud = io.eobatch.batch.Jobs.cloudLimit(maxCloudCover);
        boolean remote = !blank(provider) && !StacProvider.NAME.equals(provider.strip());
        String where = "AOI " + aoi.id() + " in " + month + " (" + days[0] + ".." + days[1]
                + (remote ? ", provider " + provider.strip() : ", catalog " + catalog)
                + (maxCloud == null ? "" : ", cloud cover <= " + maxCloudCover + "%") + ")";
        if (remote) {
            EoProvider p = providers.get(provider);
            ImageQuery q = new ImageQuery(catalog, collection, aoi.id(), aoi.geometry(), days[0], days[1], List.of(),
                    spectral, colours(), maxCloud, 0, 0);
            // the index image (with the search, for a provider that counts requests) and the true colour (Sentinel Hub)
            double cost = p.imageCost(q) + (p.name().equals("sentinel-hub") ? p.imageCost(q.withIndex(null)) : 0);
            if (!reserve(item, cost)) {
                return null;
            }
            ledger.markInFlight(item.id, execution);
            return charged(cost, true, () -> fromProvider(item, aoi, month, days, spectral, idx, maxCloud, where));
        }

        List<StacItem> scenes = stac.search(catalog, collection, aoi.geometry(), days[0], days[1], maxCloud);
        // scenes read: each candidate's clear fraction, and the chosen one rendered
        double cost = scenes.isEmpty() ? 0 : scenes.size() + 1;
        if (!reserve(item, cost)) {
            return null;
        }
        ledger.markInFlight(item.id, execution);
        return charged(cost, false, () -> fromCatalog(item, aoi, month, spectral, idx, scenes, where));
    }

    /** Reserves the item's cost against the budget, if there is one; false when it would pass it. */
    private boolean reserve(WorkItem item, double cost) {
        return blank(budget) || budgets.reserve(job.getExecutionId(), item.jobInstanceId, item.id,
                Double.parseDouble(budget), cost);
    }

    private interface Work {
        TimelapseOutcome run() throws IOException;
    }

    /** Runs the item's work; its reservation is spent when it succeeds, given back when it fails. */
    private TimelapseOutcome charged(double cost, boolean remote, Work work) throws IOException {
        boolean budgeted = !blank(budget);
        try {
            TimelapseOutcome out = work.run();
            // a remote month without scenes asked for no image: nothing spent but the search (the stac path has read
            // its scenes whatever it decided)
            boolean drawn = !remote || out.status() == ItemStatus.DONE;
            if (budgeted) {
                budgets.settle(job.getExecutionId(), cost, drawn);
            }
            return out.withCost(drawn ? cost : 0);
        } catch (IOException | RuntimeException e) {
            if (budgeted) {
                budgets.settle(job.getExecutionId(), cost, false);
            }
            throw e;
        }
    }

    /** The month from the catalog: the clearest scene rendered by the engine. */
    private TimelapseOutcome fromCatalog(WorkItem item, Aoi aoi, YearMonth month, SpectralIndex spectral, String idx,
                                         List<StacItem> scenes, String where) throws IOException {
        List<SceneChoice.Candidate> candidates = new ArrayList<>();
        for (StacItem s : scenes) {
            IndexStatistics st = stac.statistics(catalog, collection, List.of(s.id()), aoi.geometry(), spectral,
                    CloudMask.DEFAULT);
            candidates.add(new SceneChoice.Candidate(s.id(), s.datetime(), st.pixelCount(), st.validCount(),
                    st.clearFraction()));
        }
        double minClear = blank(minClearFraction) ? 0.2 : Double.parseDouble(minClearFraction);
        SceneChoice.Decision decision = SceneChoice.choose(candidates, minClear, where);
        if (decision.status() != ItemStatus.DONE) {
            LOG.info(() -> "execution " + job.getExecutionId() + ", item " + item.itemKey + ": "
                    + decision.status() + ": " + decision.reason());
            return new TimelapseOutcome(item.id, decision.status(), decision.reason(), null);
        }
        SceneChoice.Candidate chosen = decision.chosen().orElseThrow();
        SceneRender render = render(chosen.sceneId(), aoi, spectral);

        ColorMap colours = colours();
        byte[] indexBytes = PngWriter.encode(render.indexImage(colours));
        byte[] rgbBytes = PngWriter.encode(render.trueColourImage(TrueColour.defaults(), false));
        String indexPath = TimelapseOutputs.indexPng(aoi.id(), month, idx);
        String rgbPath = TimelapseOutputs.truecolourPng(aoi.id(), month);
        results.write(item.jobInstanceId, indexPath, out -> out.write(indexBytes));
        results.write(item.jobInstanceId, rgbPath, out -> out.write(rgbBytes));

        TimelapseFrame f = new TimelapseFrame();
        f.workItemId = item.id;
        f.jobInstanceId = item.jobInstanceId;
        f.aoiId = aoi.id();
        f.month = month.toString();
        f.sceneId = chosen.sceneId();
        f.acquired = chosen.acquired();
        f.clearFraction = chosen.clearFraction();
        f.pixelCount = chosen.pixelCount();
        f.validCount = chosen.validCount();
        f.candidates = candidates.size();
        f.indexName = idx;
        f.indexPng = indexPath;
        f.truecolourPng = rgbPath;
        f.width = render.width();
        f.height = render.height();
        LOG.info(() -> "execution " + job.getExecutionId() + ", item " + item.itemKey + ": " + f.sceneId
                + " (clear fraction " + f.clearFraction + " of " + f.candidates + " scene(s)) rendered "
                + f.width + "x" + f.height);
        return new TimelapseOutcome(item.id, ItemStatus.DONE, null, f);
    }

    /** The month's images from the job's remote provider ({@link ProviderMonth}), stored as the stac path stores them. */
    private TimelapseOutcome fromProvider(WorkItem item, Aoi aoi, YearMonth month, LocalDate[] days,
                                          SpectralIndex spectral, String idx, Double maxCloud, String where)
            throws IOException {
        EoProvider p = providers.get(provider);
        ProviderMonth.Result r;
        try {
            r = ProviderMonth.fetch(p, catalog, collection, aoi.id(), aoi.geometry(), days[0], days[1], spectral,
                    colours(), maxCloud, where);
        } catch (io.eobatch.provider.TransientSourceException e) {
            // the throttle has retried already (or waited max-wait-s): the item fails, the chunk is not rolled back
            throw new ItemDataException(e.getMessage(), e);
        }
        if (r.status() != ItemStatus.DONE) {
            LOG.info(() -> "execution " + job.getExecutionId() + ", item " + item.itemKey + ": " + r.status() + ": "
                    + r.reason());
            return new TimelapseOutcome(item.id, r.status(), r.reason(), null);
        }
        String indexPath = TimelapseOutputs.indexPng(aoi.id(), month, idx);
        String rgbPath = r.truecolourPng() == null ? null : TimelapseOutputs.truecolourPng(aoi.id(), month);
        results.write(item.jobInstanceId, indexPath, out -> out.write(r.indexPng()));
        if (rgbPath != null) {
            results.write(item.jobInstanceId, rgbPath, out -> out.write(r.truecolourPng()));
        }
        TimelapseFrame f = new TimelapseFrame();
        f.workItemId = item.id;
        f.jobInstanceId = item.jobInstanceId;
        f.aoiId = aoi.id();
        f.month = month.toString();
        f.sceneId = r.scene().id();
        f.acquired = r.scene().datetime();
        f.candidates = r.candidates();
        f.indexName = idx;
        f.indexPng = indexPath;
        f.truecolourPng = rgbPath;
        f.width = r.width();
        f.height = r.height();
        f.note = r.note();
        LOG.info(() -> "execution " + job.getExecutionId() + ", item " + item.itemKey + ": " + p.name() + " drew "
                + f.width + "x" + f.height + (rgbPath == null ? " (index only)" : "") + ", least cloudy scene "
                + f.sceneId + " of " + f.candidates);
        return new TimelapseOutcome(item.id, ItemStatus.DONE, null, f);
    }

    private ColorMap colours() {
        return ColorMap.named(blank(colorMap) ? "rdylgn" : colorMap,
                blank(valueMin) ? ColorMap.NDVI_MIN : Double.parseDouble(valueMin),
                blank(valueMax) ? ColorMap.NDVI_MAX : Double.parseDouble(valueMax));
    }

    /** Reads the chosen scene's index bands, red, green, blue and SCL over the AOI's window and renders it. */
    private SceneRender render(String sceneId, Aoi aoi, SpectralIndex spectral) {
        StacItem item = stac.item(catalog, collection, sceneId);
        Set<Band> needed = EnumSet.of(Band.RED, Band.GREEN, Band.BLUE);
        needed.addAll(spectral.bands());
        try (OpenedScenes opened = new OpenedScenes()) {
            SceneInput scene = opened.open(item, needed);
            return SceneRender.render(scene, aoi.geometry(), spectral, CloudMask.DEFAULT, true)
                    .orElseThrow(() -> new ItemDataException("scene " + sceneId + " holds no pixel of AOI "
                            + aoi.id() + " although its statistics counted some", null));
        } catch (IOException e) {
            throw StacProvider.classify("scene " + sceneId + " (AOI " + aoi.id() + ")", e);
        }
    }

    private boolean filesExist(long instance, TimelapseFrame f) {
        return results.find(instance, f.indexPng).isPresent()
                && (f.truecolourPng == null || results.find(instance, f.truecolourPng).isPresent());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private Aoi aoi(String id) {
        return aoiCache.computeIfAbsent(id, k -> aois.find(List.of(k)).get(0));
    }
}
