package io.eobatch.batch.timelapse;

import java.time.LocalDate;
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
import io.eobatch.ledger.Ledger;
import io.eobatch.ledger.WorkItem;
import io.eobatch.provider.EoProvider;
import io.eobatch.provider.Providers;

/**
 * Step plan-items of aoi-timelapse: one ledger item per AOI x calendar month of the period ({@link TimelapsePlan}),
 * key {@code aoiId/yyyy-MM}, {@code scene_id} = the month until a scene is chosen. Nothing is searched here: each
 * month is searched by fetch-images, so that a month's search failing is that item's problem. The same plan serves
 * every provider; a provider that cannot be used (unknown, configuration missing) fails this step before any item
 * is planned. A restart never plans again: the ledger of the job instance is kept.
 */
@Named
@Dependent
public class PlanTimelapseItems extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(PlanTimelapseItems.class.getName());

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

    /** A job instance whose FAILED months are worked on again, the others carried over. Optional. */
    @Inject
    @BatchProperty
    String retryOf;

    @Inject
    TimelapseCarryOver carryOver;

    /** Number of partitions. Default 4. */
    @Inject
    @BatchProperty
    String partitions;

    @Override
    public String process() throws java.io.IOException {
        long instance = job.getInstanceId();
        if (ledger.isPlanned(instance)) {
            LOG.info(() -> "instance " + instance + " is planned already: keeping its ledger");
            return "PLANNED";
        }
        EoProvider images = providers.get(provider); // IllegalArgumentException: unknown or misconfigured
        if (retryOf != null && !retryOf.isBlank()) {
            long source = Long.parseLong(retryOf.strip());
            int todo = carryOver.plan(instance, job.getJobName(), source, Integer.parseInt(partitions));
            LOG.info(() -> "execution " + job.getExecutionId() + ": the " + todo + " FAILED month(s) of job instance "
                    + source + " planned again, its other months carried over");
            return "PLANNED";
        }
        List<Aoi> selected = aois.select(aoiIds);
        int n = Integer.parseInt(partitions);
        List<TimelapsePlan.Item> plan = TimelapsePlan.plan(selected.stream().map(Aoi::id).toList(),
                LocalDate.parse(from), LocalDate.parse(to), n);
        List<WorkItem> items = new ArrayList<>();
        for (TimelapsePlan.Item p : plan) {
            items.add(WorkItem.planned(instance, job.getJobName(), p.key(), p.ordinal(), n, p.aoiId(),
                    p.month().toString(), List.of(), p.first().atStartOfDay().toInstant(ZoneOffset.UTC)));
        }
        ledger.plan(items);
        LOG.info(() -> "execution " + job.getExecutionId() + ": planned " + items.size() + " AOI x month item(s) for "
                + selected.size() + " AOI(s) in " + n + " partition(s), images from provider " + images.name());
        return "PLANNED";
    }
}
