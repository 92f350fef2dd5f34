package io.eobatch.batch.timelapse;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.eobatch.batch.CommonParameters;
import io.eobatch.batch.JobProperties;
import io.eobatch.batch.PlanItemsBatchlet;
import io.eobatch.aoi.Aoi;
import io.eobatch.ledger.WorkItem;

/**
 * Step plan-items of aoi-timelapse: one ledger item per AOI x calendar month of the period ({@link TimelapsePlan}),
 * key {@code aoiId/yyyy-MM}, {@code scene_id} = the month until a scene is chosen. Nothing is searched here: each
 * month is searched by fetch-images, so that a month's search failing is that item's problem. A provider that cannot
 * be used (unknown, configuration missing) fails this step before any item is planned. Restarts and retry-failed:
 * {@link PlanItemsBatchlet}.
 */
@Named
@Dependent
public class PlanTimelapseItems extends PlanItemsBatchlet {

    @Override
    protected Plan plan(JobProperties p, long instance, int partitions) {
        providers.get(p.get("provider")); // IllegalArgumentException: unknown or misconfigured
        List<Aoi> selected = selectedAois(p);
        List<WorkItem> items = new ArrayList<>();
        for (TimelapsePlan.Item i : TimelapsePlan.plan(selected.stream().map(Aoi::id).toList(), p.date("from"),
                p.date("to"), partitions)) {
            items.add(WorkItem.planned(instance, job.getJobName(), i.key(), i.ordinal(), partitions, i.aoiId(),
                    i.month().toString(), List.of(), i.first().atStartOfDay().toInstant(ZoneOffset.UTC)));
        }
        return new Plan(items, "PLANNED");
    }
}
