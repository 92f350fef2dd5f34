package io.eobatch.batch.statistics;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

import io.eobatch.aoi.Aoi;
import io.eobatch.batch.JobProperties;
import io.eobatch.batch.PlanItemsBatchlet;
import io.eobatch.config.Settings;
import io.eobatch.ledger.Ledger;
import io.eobatch.ledger.WorkItem;
import io.eobatch.provider.EoProvider;
import io.eobatch.provider.GroupedSearch;
import io.eobatch.provider.SceneRef;
import io.eobatch.provider.SceneSearch;

/**
 * Step plan-items of aoi-statistics: searches the job's provider for the scenes of each AOI in the period and plans
 * the items ({@link StatisticsPlan}: AOI x scene, AOI x day, or AOI x aggregation interval); an AOI with no scene
 * gets one NO_DATA item. Items are numbered in plan order (AOI id, then acquisition time, then scene id); key
 * {@code aoiId/sceneId} ({@code aoiId/-} for an AOI without scenes).
 *
 * <p>At scale (100,000 AOIs, 700,000 items): the AOIs go in id order, {@value #AOIS_PER_BATCH} a batch by default
 * ({@code eobatch.plan.aois-per-batch}); each batch is written in a transaction of its own with how far the plan got
 * ({@link Ledger#planBatch}), so a restart after a failure part-way goes on after the last AOI written. A provider
 * that reads scenes here (stac) is searched once per grid cell of {@code eobatch.plan.search-cell-degrees}
 * ({@value #CELL_DEGREES} by default) for the AOIs of that cell, each AOI then getting the scenes whose footprint it
 * intersects ({@link GroupedSearch}: the same scenes as a search per AOI); the remote providers are searched per
 * AOI (their search answers no footprint to assign in memory, and Sentinel Hub's catalog charges per request and
 * page alike). Restarts of a complete plan and retry-failed: {@link PlanItemsBatchlet}.
 */
@Named
@Dependent
public class PlanStatisticsItems extends PlanItemsBatchlet {

    private static final Logger LOG = Logger.getLogger(PlanStatisticsItems.class.getName());

    /** Default of {@code eobatch.plan.aois-per-batch}: AOIs planned and written in one transaction. */
    static final int AOIS_PER_BATCH = 2000;
    /** Default of {@code eobatch.plan.search-cell-degrees}: the grid cell of a grouped search, in degrees. */
    static final double CELL_DEGREES = 0.5;
    /** Searched cells kept for later batches. */
    static final int CELLS_KEPT = 4096;

    @Override
    protected Plan plan(JobProperties p, long instance, int partitions) {
        List<WorkItem> plan = new ArrayList<>();
        Planner planner = new Planner(p, instance, partitions);
        planner.plan(sorted(selectedAois(p)), 0, plan);
        return new Plan(plan, "PLANNED");
    }

    @Override
    protected String planInBatches(JobProperties p, long instance, int partitions, Optional<Ledger.PlanState> state) {
        int perBatch = (int) Math.min(Integer.MAX_VALUE, Settings.number("eobatch.plan.aois-per-batch", AOIS_PER_BATCH, 1));
        String after = state.map(Ledger.PlanState::lastAoiId).orElse(null);
        int ordinal = state.map(Ledger.PlanState::nextOrdinal).orElse(0);
        List<Aoi> aois = sorted(selectedAois(p)).stream().filter(a -> after == null || a.id().compareTo(after) > 0)
                .toList();
        if (after != null) {
            LOG.info(() -> "execution " + job.getExecutionId() + ": the plan goes on after AOI " + after + " at item "
                    + state.get().nextOrdinal() + " (" + aois.size() + " AOI(s) left)");
        }
        Planner planner = new Planner(p, instance, partitions);
        long t0 = System.nanoTime();
        int items = 0;
        for (int from = 0; from < aois.size() || from == 0; from += perBatch) {
            List<Aoi> batch = aois.subList(from, Math.min(aois.size(), from + perBatch));
            List<WorkItem> planned = new ArrayList<>();
            planner.plan(batch, ordinal, planned);
            boolean last = from + perBatch >= aois.size();
            ledger.planBatch(instance, planned, batch.isEmpty() ? null : batch.get(batch.size() - 1).id(), last);
            ordinal += planned.size();
            items += planned.size();
            if (last) {
                break;
            }
        }
        int total = items;
        double seconds = (System.nanoTime() - t0) / 1e9;
        LOG.info(() -> String.format("execution %d: planned %d item(s) of %d AOI(s) in %d partition(s), %d catalog "
                        + "search(es), %.1f s", job.getExecutionId(), total, aois.size(), partitions,
                planner.searches(), seconds));
        return "PLANNED";
    }

    private static List<Aoi> sorted(List<Aoi> aois) {
        return aois.stream().sorted(Comparator.comparing(Aoi::id)).toList();
    }

    /** The plan of one job instance: its parameters, provider and (for a provider reading scenes here) grouped search. */
    private final class Planner {
        private final JobProperties p;
        private final long instance;
        private final int partitions;
        private final EoProvider provider;
        private final boolean byDay;
        private final Double maxCloud;
        private final LocalDate first;
        private final LocalDate last;
        private final Period step;
        private final String catalog;
        private final GroupedSearch grouped;
        private int searches;

        Planner(JobProperties p, long instance, int partitions) {
            this.p = p;
            this.instance = instance;
            this.partitions = partitions;
            provider = providers.get(p.get("provider"));
            byDay = "day".equals(p.get("mosaic"));
            maxCloud = p.cloudLimit();
            first = p.date("from");
            last = p.date("to");
            step = Period.parse(p.get(StatisticsJob.INTERVAL.name()));
            catalog = p.get("catalog");
            double cell = Settings.decimal("eobatch.plan.search-cell-degrees", CELL_DEGREES, 0);
            grouped = provider.scenes().filter(s -> cell > 0).map(s -> new GroupedSearch(cell, CELLS_KEPT,
                    area -> s.search(catalog, p.get("collection"), area, first, last, maxCloud).stream()
                            .map(i -> new GroupedSearch.Found(new SceneRef(i.id(), i.datetime(), i.cloudCover()),
                                    i.footprint()))
                            .toList())).orElse(null);
        }

        int searches() {
            return grouped != null ? grouped.searches() : searches;
        }

        /** Plans {@code aois} (in id order) from ordinal {@code ordinal} into {@code out}. */
        void plan(List<Aoi> aois, int ordinal, List<WorkItem> out) {
            Map<String, List<SceneRef>> found = null;
            if (grouped != null) {
                found = grouped.scenes(aois.stream().map(a -> new GroupedSearch.Area(a.id(), a.geometry())).toList());
            }
            int n = ordinal;
            for (Aoi aoi : aois) {
                List<SceneRef> scenes;
                if (found != null) {
                    scenes = found.get(aoi.id());
                } else {
                    searches++;
                    scenes = provider.search(new SceneSearch(catalog, p.get("collection"), aoi.id(), aoi.geometry(),
                            first, last, maxCloud));
                }
                List<StatisticsPlan.Planned> items = StatisticsPlan.plan(provider.granularity(), byDay, step, first,
                        last, scenes);
                if (items.isEmpty()) {
                    out.add(WorkItem.planned(instance, job.getJobName(), aoi.id() + "/-", n++, partitions,
                            aoi.id(), null, List.of(), first.atStartOfDay().toInstant(ZoneOffset.UTC)).noData(
                            "no scene " + provider.where(catalog) + " over the AOI from " + first + " to " + last
                                    + (maxCloud == null ? "" : " with cloud cover <= " + p.get("maxCloudCover")
                                    + "%")));
                    continue;
                }
                for (StatisticsPlan.Planned i : items) {
                    out.add(WorkItem.planned(instance, job.getJobName(), aoi.id() + "/" + i.key(), n++, partitions,
                            aoi.id(), i.key(), i.sceneIds(), i.acquired()));
                }
            }
        }
    }
}
