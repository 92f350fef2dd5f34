package io.eobatch.batch.statistics;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eobatch.batch.CogReads;
import io.eobatch.batch.CommonParameters;
import io.eobatch.batch.Estimate;
import io.eobatch.batch.ExpectedDuration;
import io.eobatch.batch.JobEstimator;
import io.eobatch.batch.JobProperties;
import io.eobatch.aoi.Aoi;
import io.eobatch.provider.EoProvider;
import io.eobatch.provider.SceneRef;
import io.eobatch.provider.SceneSearch;
import io.eobatch.provider.SceneSource;
import io.eobatch.provider.StatisticsQuery;
import io.eobatch.stac.StacItem;

/**
 * What an aoi-statistics run would do, before it runs. A provider that reads scenes here (stac): per AOI the items
 * (AOI x scene, or AOI x day), the catalog searches made to find them (the only calls made: the estimate reads no
 * COG), the range requests and bytes the run would read ({@link CogReads}), and the cost in scenes read. A remote
 * provider: per AOI the catalog search the plan makes (made here too, and counted), the items as the plan would cut
 * them ({@link StatisticsPlan}), one paid request per item and its cost computed as the run computes it, no paid
 * call. Both with the expected duration under the provider's limits ({@link ExpectedDuration}).
 */
@ApplicationScoped
public class StatisticsEstimator extends JobEstimator {

    /** The estimate of a launch with these (validated) job properties. */
    @Override
    public Estimate estimate(JobProperties p) {
        EoProvider provider = providers.get(p.get("provider"));
        List<Aoi> selected = selectedAois(p);
        return provider.scenes().map(s -> inProcess(provider, s, p, selected))
                .orElseGet(() -> remote(provider, p, selected));
    }

    private Estimate inProcess(EoProvider provider, SceneSource source, JobProperties p, List<Aoi> selected) {
        boolean byDay = "day".equals(p.get("mosaic"));
        List<Estimate.PerAoi> perAoi = new ArrayList<>();
        long items = 0;
        long scenesRead = 0; // the budget's unit: one per scene read, per item or per day mosaic
        CogReads reads = CogReads.NONE;
        for (Aoi aoi : selected) {
            List<StacItem> scenes = source.search(p.get("catalog"), p.get("collection"), aoi.geometry(),
                    p.date("from"), p.date("to"), p.cloudLimit());
            long aoiItems = Math.max(1, byDay ? scenes.stream().map(s -> s.datetime().atZone(ZoneOffset.UTC)
                    .toLocalDate()).collect(Collectors.toSet()).size() : scenes.size());
            CogReads aoiReads = CogReads.NONE;
            for (StacItem s : scenes) {
                aoiReads = aoiReads.plus(CogReads.of(s, p.index().bands(), aoi.geometry()));
            }
            perAoi.add(new Estimate.PerAoi(aoi.id(), null, null, (long) scenes.size(), aoiItems, aoiReads.requests(),
                    aoiReads.bytes(), null));
            scenesRead += scenes.size();
            items += aoiItems;
            reads = reads.plus(aoiReads);
        }
        ExpectedDuration d = ExpectedDuration.of(provider.name(), provider.capabilities().defaultLatencyMs(),
                reads.requests(), 0);
        Estimate.Total total = new Estimate.Total(selected.size(), items, null, null, null, null,
                (long) selected.size(), null, reads.requests(), reads.bytes(), 0.0, null, (double) scenesRead,
                provider.costUnit(), d.seconds(), d.limitedBy(), null, null)
                .withBudget(p.optionalNumber(CommonParameters.BUDGET.name()));
        Map<String, Object> assumptions = new LinkedHashMap<>(d.assumptions());
        assumptions.put("compression", CogReads.COMPRESSION);
        assumptions.put("headerBytes", CogReads.HEADER_BYTES);
        return new Estimate(StatisticsJob.ID, provider.name(), null, null, total, perAoi, assumptions);
    }

    private Estimate remote(EoProvider provider, JobProperties p, List<Aoi> selected) {
        LocalDate from = p.date("from");
        LocalDate to = p.date("to");
        Period step = Period.parse(p.get(StatisticsJob.INTERVAL.name()));
        List<Estimate.PerAoi> perAoi = new ArrayList<>();
        long items = 0;
        long requests = 0;
        double cost = 0;
        double catalogUnits = 0;
        for (Aoi aoi : selected) {
            SceneSearch search = new SceneSearch(p.get("catalog"), p.get("collection"), aoi.id(), aoi.geometry(),
                    from, to, p.cloudLimit());
            List<SceneRef> scenes = provider.search(search);
            catalogUnits += provider.searchCost(search);
            List<StatisticsPlan.Planned> planned = StatisticsPlan.plan(provider.granularity(),
                    "day".equals(p.get("mosaic")), step, from, to, scenes);
            double aoiCost = 0;
            for (StatisticsPlan.Planned i : planned) {
                aoiCost += provider.statisticsCost(new StatisticsQuery(p.get("catalog"), p.get("collection"),
                        aoi.id(), aoi.geometry(), i.from(), i.to(), i.sceneIds(), p.index(), p.cloudLimit()));
            }
            // an AOI without scenes is one NO_DATA item, no call
            perAoi.add(new Estimate.PerAoi(aoi.id(), null, null, (long) scenes.size(),
                    (long) Math.max(planned.size(), 1), (long) planned.size(), null, Estimate.round(aoiCost)));
            items += Math.max(planned.size(), 1);
            requests += planned.size();
            cost += aoiCost;
        }
        boolean units = provider.costUnit().equals("processing units");
        ExpectedDuration d = ExpectedDuration.of(provider.name(), provider.capabilities().defaultLatencyMs(),
                requests, units ? cost : 0);
        Estimate.Total total = new Estimate.Total(selected.size(), items, null, null, null, null,
                (long) selected.size() * provider.searchRequests(), null, requests, 0L,
                units ? Estimate.round(cost) : 0.0, units ? Estimate.round(catalogUnits) : null,
                Estimate.round(cost), provider.costUnit(), d.seconds(), d.limitedBy(), null, null)
                .withBudget(p.optionalNumber(CommonParameters.BUDGET.name()));
        Map<String, Object> assumptions = new LinkedHashMap<>(d.assumptions());
        assumptions.put("retries", "not counted: a retried request costs again only if the provider charges failures");
        return new Estimate(StatisticsJob.ID, provider.name(), null, null, total, perAoi, assumptions);
    }
}
