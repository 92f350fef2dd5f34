package io.eobatch.batch.timelapse;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.eobatch.batch.ItemResult;
import io.eobatch.batch.JobProperties;
import io.eobatch.batch.LedgerItemProcessor;
import io.eobatch.aoi.Aoi;
import io.eobatch.ledger.ItemStatus;
import io.eobatch.ledger.WorkItem;
import io.eobatch.provider.EoProvider;
import io.eobatch.provider.ImageQuery;
import io.eobatch.provider.Providers;
import io.eobatch.provider.SceneSource;
import io.eobatch.raster.image.ColorMap;
import io.eobatch.results.ResultsStore;
import io.eobatch.stac.StacItem;

/**
 * Step fetch-images of aoi-timelapse, for one AOI x month item, in the item lifecycle of
 * {@link LedgerItemProcessor}. A provider that reads scenes here (stac): the month's scenes over the AOI, the
 * clearest one drawn ({@link MonthImages#fromScenes}); cost: the scenes read. A remote provider: its own images of
 * the month ({@link MonthImages#fromProvider}); cost: the index image (with its search) and, where the provider
 * draws it, the true colour; a month without scenes spends nothing.
 *
 * <p>An item whose frame is stored with its images on disk is reconciled to DONE without reading or drawing anything.
 * An item that was IN_FLIGHT when a server died is drawn again; the files are replaced atomically.
 */
@Named
@Dependent
public class TimelapseProcessor extends LedgerItemProcessor {

    private static final Logger LOG = Logger.getLogger(TimelapseProcessor.class.getName());

    // injected; package-private so that unit tests can build a processor by hand

    @Inject
    TimelapseFrames frames;

    @Inject
    Providers providers;

    @Inject
    ResultsStore results;

    @Override
    protected Optional<ItemResult> reconcile(WorkItem item) {
        Optional<TimelapseFrame> stored = frames.byWorkItem(item.id);
        if (stored.isEmpty() || !filesExist(item.jobInstanceId, stored.get())) {
            return Optional.empty();
        }
        LOG.info(() -> "item " + item.itemKey + " has its frame and images already: reconciled to DONE");
        return Optional.of(ItemResult.of(item.id, ItemStatus.DONE, null));
    }

    @Override
    protected Work work(WorkItem item) {
        JobProperties p = params();
        EoProvider provider = providers.get(p.get("provider"));
        Aoi aoi = aoi(item.aoiId);
        YearMonth month = YearMonth.parse(item.sceneId);
        LocalDate[] days = TimelapsePlan.days(month, p.date("from"), p.date("to"));
        Double maxCloud = p.cloudLimit();
        Optional<SceneSource> scenes = provider.scenes();
        String where = "AOI " + aoi.id() + " in " + month + " (" + days[0] + ".." + days[1]
                + (scenes.isPresent() ? ", catalog " + p.get("catalog") : ", provider " + provider.name())
                + (maxCloud == null ? "" : ", cloud cover <= " + p.get("maxCloudCover") + "%") + ")";
        MonthImages.Month m = new MonthImages.Month(item, aoi, month, days, p.get("catalog"), p.get("collection"),
                p.index(), colours(p), maxCloud, p.number("minClearFraction"), where, job.getExecutionId());
        MonthImages images = new MonthImages(results);
        if (scenes.isPresent()) {
            List<StacItem> found = scenes.get().search(m.catalog(), m.collection(), aoi.geometry(), days[0], days[1],
                    maxCloud);
            // scenes read: each candidate's clear fraction, and the chosen one drawn
            double cost = found.isEmpty() ? 0 : found.size() + 1;
            return new Work(cost, provider.capabilities().retriesInThrottle(),
                    () -> images.fromScenes(scenes.get(), m, found).withCost(cost));
        }
        ImageQuery q = m.query();
        double cost = provider.imageCost(q)
                + (provider.capabilities().trueColourImages() ? provider.imageCost(q.withIndex(null)) : 0);
        return new Work(cost, provider.capabilities().retriesInThrottle(), () -> {
            ItemResult r = images.fromProvider(provider, m);
            return r.withCost(r.status() == ItemStatus.DONE ? cost : 0); // no scene, no image asked for
        });
    }

    private static ColorMap colours(JobProperties p) {
        return ColorMap.named(p.get("colorMap"), p.number("valueMin"), p.number("valueMax"));
    }

    private boolean filesExist(long instance, TimelapseFrame f) {
        return results.find(instance, f.indexPng).isPresent()
                && (f.truecolourPng == null || results.find(instance, f.truecolourPng).isPresent());
    }
}
