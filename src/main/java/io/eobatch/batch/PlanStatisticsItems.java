package io.eobatch.batch;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.eobatch.aoi.AoiRepository;
import io.eobatch.domain.Aoi;
import io.eobatch.ledger.ItemStatus;
import io.eobatch.ledger.Ledger;
import io.eobatch.ledger.WorkItem;
import io.eobatch.provider.stac.StacProvider;
import io.eobatch.stac.StacItem;

/**
 * Step plan-items of aoi-statistics: one ledger item per AOI x scene found in the catalog for the period (or per
 * AOI x day with mosaic=day); an AOI with no scene gets one NO_DATA item. Items are numbered in plan order (AOI
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
    StacProvider stac;

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
        List<Aoi> selected = aoiIds == null || aoiIds.isBlank() ? aois.findAll()
                : aois.find(Arrays.asList(aoiIds.split(",")));
        boolean byDay = "day".equals(mosaic);
        Double maxCloud = maxCloudCover == null || maxCloudCover.isBlank() ? null : Double.valueOf(maxCloudCover);
        List<WorkItem> plan = new ArrayList<>();
        for (Aoi aoi : selected.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList()) {
            List<StacItem> scenes = stac.search(catalog, collection, aoi.geometry(), LocalDate.parse(from),
                    LocalDate.parse(to), maxCloud);
            if (scenes.isEmpty()) {
                WorkItem w = item(instance, aoi.id(), null, List.of(), LocalDate.parse(from).atStartOfDay()
                        .toInstant(ZoneOffset.UTC), plan.size(), n);
                w.noData("no scene in catalog " + catalog + " over the AOI from " + from + " to " + to
                        + (maxCloud == null ? "" : " with cloud cover <= " + maxCloudCover + "%"));
                plan.add(w);
                continue;
            }
            if (byDay) {
                Map<LocalDate, List<StacItem>> days = scenes.stream().collect(Collectors.groupingBy(
                        s -> s.datetime().atZone(ZoneOffset.UTC).toLocalDate(), TreeMap::new, Collectors.toList()));
                for (var day : days.entrySet()) {
                    List<String> ids = day.getValue().stream().map(StacItem::id).sorted().toList();
                    plan.add(item(instance, aoi.id(), day.getKey().toString(), ids,
                            day.getKey().atStartOfDay().toInstant(ZoneOffset.UTC), plan.size(), n));
                }
            } else {
                scenes.stream().sorted((a, b) -> a.datetime().equals(b.datetime()) ? a.id().compareTo(b.id())
                        : a.datetime().compareTo(b.datetime())).forEach(s -> plan.add(item(instance, aoi.id(),
                        s.id(), List.of(s.id()), s.datetime(), plan.size(), n)));
            }
        }
        ledger.plan(plan);
        LOG.info(() -> "execution " + job.getExecutionId() + ": planned " + plan.size() + " item(s) for "
                + selected.size() + " AOI(s) in " + n + " partition(s)");
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
