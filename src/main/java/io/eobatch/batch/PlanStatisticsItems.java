package io.eobatch.batch;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
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
import io.eobatch.provider.Providers;
import io.eobatch.provider.SceneRef;
import io.eobatch.provider.SceneSearch;

/**
 * Step plan-items of aoi-statistics: searches the job's provider for the scenes of each AOI in the period and plans
 * the items ({@link StatisticsPlan}: AOI x scene, AOI x day, or AOI x aggregation interval); an AOI with no scene
 * gets one NO_DATA item. Items are numbered in plan order (AOI
 * id, then acquisition time, then scene id) and item {@code n} goes to partition {@code n mod partitions}.
 * A restart never plans again: the ledger of the job instance is kept.
 */
@Named
@Dependent
public class PlanStatisticsItems extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(PlanStatisticsItems.class.getName());

    @Inject
    JobContext job;

    @Inject
    Ledger ledger;

    @Inject
    AoiRepository aois;

    @Inject
    Providers providers;

    /** stac, sentinel-hub or observearth. Default stac. */
    @Inject
    @BatchProperty
    String provider;

    /** Aggregation interval of sentinel-hub items, ISO-8601 period. Default P1D. */
    @Inject
    @BatchProperty
    String interval;

    /** AOI ids, comma separated; blank: every stored AOI. */
    @Inject
    @BatchProperty
    String aoiIds;

    /** First day, yyyy-MM-dd, inclusive. Required. */
    @Inject
    @BatchProperty
    String from;

    /** Last day, yyyy-MM-dd, inclusive. Required. */
    @Inject
    @BatchProperty
    String to;

    /** Catalog name. Default demo. */
    @Inject
    @BatchProperty
    String catalog;

    /** STAC collection. Default sentinel-2-l2a. */
    @Inject
    @BatchProperty
    String collection;

    /** Maximum eo:cloud_cover of a scene, percent. Default 100. */
    @Inject
    @BatchProperty
    String maxCloudCover;

    /** none or day. Default none. */
    @Inject
    @BatchProperty
    String mosaic;

    /** A job instance whose FAILED items are planned again, instead of searching the catalog. Optional. */
    @Inject
    @BatchProperty
    String retryOf;

    /** Number of partitions. Default 4. */
    @Inject
    @BatchProperty
    String partitions;

    @Override
    public String process() {
        long instance = job.getInstanceId();
        if (ledger.isPlanned(instance)) {
            LOG.info(() -> "instance " + instance + " is planned already: keeping its ledger");
            return "PLANNED";
        }
        int n = Integer.parseInt(partitions);
        if (retryOf != null && !retryOf.isBlank()) {
            return planFailedItemsOf(instance, Long.parseLong(retryOf.strip()), n);
        }
        List<Aoi> selected = aois.select(aoiIds);
        EoProvider p = providers.get(provider);
        boolean byDay = "day".equals(mosaic);
        Double maxCloud = Jobs.cloudLimit(maxCloudCover);
        LocalDate first = LocalDate.parse(from);
        LocalDate last = LocalDate.parse(to);
        Period step = interval == null || interval.isBlank() ? Period.ofDays(1) : Period.parse(interval);
        List<WorkItem> plan = new ArrayList<>();
        for (Aoi aoi : selected.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList()) {
            List<SceneRef> scenes = p.search(new SceneSearch(catalog, collection, aoi.id(), aoi.geometry(), first, last,
                    maxCloud));
            List<StatisticsPlan.Planned> items = StatisticsPlan.plan(p.granularity(), byDay, step, first, last, scenes);
            if (items.isEmpty()) {
                WorkItem w = item(instance, aoi.id(), null, List.of(), first.atStartOfDay().toInstant(ZoneOffset.UTC),
                        plan.size(), n);
                w.noData("no scene " + (p.name().equals("stac") ? "in catalog " + catalog : "at provider " + p.name())
                        + " over the AOI from " + from + " to " + to
                        + (maxCloud == null ? "" : " with cloud cover <= " + maxCloudCover + "%"));
                plan.add(w);
                continue;
            }
            for (StatisticsPlan.Planned i : items) {
                plan.add(item(instance, aoi.id(), i.key(), i.sceneIds(), i.acquired(), plan.size(), n));
            }
        }
        ledger.plan(plan);
        LOG.info(() -> "execution " + job.getExecutionId() + ": planned " + plan.size() + " item(s) for "
                + selected.size() + " AOI(s) in " + n + " partition(s) with provider " + p.name());
        return "PLANNED";
    }

    /** The FAILED items of another job instance, planned again as they were (same keys, same scenes). */
    private String planFailedItemsOf(long instance, long source, int n) {
        List<WorkItem> plan = new ArrayList<>();
        for (WorkItem f : ledger.items(source, ItemStatus.FAILED, 0, Integer.MAX_VALUE)) {
            plan.add(WorkItem.planned(instance, job.getJobName(), f.itemKey, plan.size(), n, f.aoiId, f.sceneId,
                    List.of(f.sceneIdList()), f.acquired));
        }
        ledger.plan(plan);
        LOG.info(() -> "execution " + job.getExecutionId() + ": planned the " + plan.size()
                + " FAILED item(s) of job instance " + source + " again in " + n + " partition(s)");
        return "PLANNED";
    }

    private WorkItem item(long instance, String aoiId, String sceneId, List<String> sceneIds, Instant acquired,
                          int ordinal, int partitionCount) {
        return WorkItem.planned(instance, job.getJobName(), aoiId + "/" + (sceneId == null ? "-" : sceneId), ordinal,
                partitionCount, aoiId, sceneId, sceneIds, acquired);
    }

}
