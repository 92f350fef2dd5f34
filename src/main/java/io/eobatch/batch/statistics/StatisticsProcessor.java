package io.eobatch.batch.statistics;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.eobatch.batch.ItemResult;
import io.eobatch.batch.LedgerItemProcessor;
import io.eobatch.aoi.Aoi;
import io.eobatch.ledger.ItemStatus;
import io.eobatch.ledger.WorkItem;
import io.eobatch.provider.EoProvider;
import io.eobatch.provider.ItemStatistics;
import io.eobatch.provider.Providers;
import io.eobatch.provider.StatisticsQuery;
import io.eobatch.raster.stats.Weighting;

/**
 * Step fetch-statistics of aoi-statistics: the statistics of one item through the job's provider, in the item
 * lifecycle of {@link LedgerItemProcessor}. An item whose row is stored already is reconciled to DONE without a
 * call. An item over no pixel is NO_DATA; a provider with pixel counts keeps its row of zero pixels (it says the AOI
 * missed the scene).
 */
@Named
@Dependent
public class StatisticsProcessor extends LedgerItemProcessor {

    private static final Logger LOG = Logger.getLogger(StatisticsProcessor.class.getName());

    @Inject
    Providers providers;

    @Inject
    StatisticsRows rows;

    @Override
    protected Optional<ItemResult> reconcile(WorkItem item) {
        if (!rows.exists(item.id)) {
            return Optional.empty();
        }
        LOG.info(() -> "item " + item.itemKey + " has its row already: reconciled to DONE");
        return Optional.of(new ItemResult(item.id, ItemStatus.DONE, null, item.cost, null));
    }

    @Override
    protected Work work(WorkItem item) {
        EoProvider p = providers.get(params().get("provider"));
        StatisticsQuery q = query(p, item, aoi(item.aoiId));
        double cost = p.statisticsCost(q);
        return new Work(cost, p.capabilities().retriesInThrottle(), () -> {
            ItemStatistics s = p.statistics(q);
            if (!s.noData()) {
                return new ItemResult(item.id, ItemStatus.DONE, null, cost, row(item, s));
            }
            boolean counts = p.capabilities().pixelCounts();
            return new ItemResult(item.id, ItemStatus.NO_DATA, counts ? "the AOI covers no pixel of the scene"
                    : p.name() + " has no data for the AOI in the interval", cost, counts ? row(item, s) : null);
        });
    }

    /** The query of an item: its AOI, its scenes, and its interval (one day, or one aggregation interval). */
    StatisticsQuery query(EoProvider p, WorkItem item, Aoi aoi) {
        LocalDate from = item.acquired.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate last = from;
        if (p.granularity() == EoProvider.ItemGranularity.INTERVAL) {
            last = StatisticsPlan.intervalEnd(from, Period.parse(params().get(StatisticsJob.INTERVAL.name())),
                    params().date("to"));
        }
        return new StatisticsQuery(params().get("catalog"), params().get("collection"), item.aoiId, aoi.geometry(),
                from, last, Arrays.asList(item.sceneIdList()), params().index(), params().cloudLimit(),
                Weighting.parse(params().get(StatisticsJob.WEIGHTING.name())));
    }

    private StatisticsRow row(WorkItem item, ItemStatistics s) {
        StatisticsRow row = new StatisticsRow();
        row.workItemId = item.id;
        row.jobInstanceId = item.jobInstanceId;
        row.aoiId = item.aoiId;
        row.itemId = item.sceneId;
        row.acquired = item.acquired;
        row.indexName = params().index().name().toLowerCase(java.util.Locale.ROOT);
        row.pixelCount = s.pixelCount();
        row.validCount = s.validCount();
        row.nodataCount = s.nodataCount();
        row.mean = s.mean();
        row.min = s.min();
        row.max = s.max();
        row.stdev = s.stdev();
        row.p10 = s.p10();
        row.p50 = s.p50();
        row.p90 = s.p90();
        row.clearFraction = s.clearFraction();
        row.histogram = s.histogram();
        row.coverage = s.coverage();
        row.validCoverage = s.validCoverage();
        return row;
    }
}
