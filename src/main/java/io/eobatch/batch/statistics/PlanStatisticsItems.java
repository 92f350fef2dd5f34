package io.eobatch.batch.statistics;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.eobatch.batch.CommonParameters;
import io.eobatch.batch.JobProperties;
import io.eobatch.batch.PlanItemsBatchlet;
import io.eobatch.aoi.Aoi;
import io.eobatch.ledger.WorkItem;
import io.eobatch.provider.EoProvider;
import io.eobatch.provider.SceneSearch;

/**
 * Step plan-items of aoi-statistics: searches the job's provider for the scenes of each AOI in the period and plans
 * the items ({@link StatisticsPlan}: AOI x scene, AOI x day, or AOI x aggregation interval); an AOI with no scene
 * gets one NO_DATA item. Items are numbered in plan order (AOI id, then acquisition time, then scene id); key
 * {@code aoiId/sceneId} ({@code aoiId/-} for an AOI without scenes). Restarts and retry-failed:
 * {@link PlanItemsBatchlet}.
 */
@Named
@Dependent
public class PlanStatisticsItems extends PlanItemsBatchlet {

    @Override
    protected Plan plan(JobProperties p, long instance, int partitions) {
        List<Aoi> selected = selectedAois(p);
        EoProvider provider = providers.get(p.get("provider"));
        boolean byDay = "day".equals(p.get("mosaic"));
        Double maxCloud = p.cloudLimit();
        LocalDate first = p.date("from");
        LocalDate last = p.date("to");
        Period step = Period.parse(p.get(StatisticsJob.INTERVAL.name()));
        String catalog = p.get("catalog");
        List<WorkItem> plan = new ArrayList<>();
        for (Aoi aoi : selected.stream().sorted(Comparator.comparing(Aoi::id)).toList()) {
            var scenes = provider.search(new SceneSearch(catalog, p.get("collection"), aoi.id(), aoi.geometry(),
                    first, last, maxCloud));
            List<StatisticsPlan.Planned> items = StatisticsPlan.plan(provider.granularity(), byDay, step, first, last,
                    scenes);
            if (items.isEmpty()) {
                plan.add(WorkItem.planned(instance, job.getJobName(), aoi.id() + "/-", plan.size(), partitions,
                        aoi.id(), null, List.of(), first.atStartOfDay().toInstant(ZoneOffset.UTC)).noData("no scene "
                        + provider.where(catalog) + " over the AOI from " + first + " to " + last
                        + (maxCloud == null ? "" : " with cloud cover <= " + p.get("maxCloudCover") + "%")));
                continue;
            }
            for (StatisticsPlan.Planned i : items) {
                plan.add(WorkItem.planned(instance, job.getJobName(), aoi.id() + "/" + i.key(), plan.size(),
                        partitions, aoi.id(), i.key(), i.sceneIds(), i.acquired()));
            }
        }
        return new Plan(plan, "PLANNED");
    }
}
