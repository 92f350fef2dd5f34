package io.eobatch.batch;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import io.eobatch.ledger.StatisticsRow;
import io.eobatch.ledger.WorkItem;
import io.eobatch.provider.EoProvider;
import io.eobatch.provider.ItemDataException;
import io.eobatch.provider.ItemStatistics;
import io.eobatch.provider.Providers;
import io.eobatch.provider.StatisticsQuery;
import io.eobatch.provider.TransientSourceException;
import io.eobatch.provider.throttle.RetriesExhaustedException;
import io.eobatch.raster.stats.SpectralIndex;

/**
 * Computes the statistics of one ledger item through the job's provider. The item is marked IN_FLIGHT (in its own
 * transaction) before the call; an item found IN_FLIGHT whose row is already stored (a crash between the two) is
 * reconciled to DONE without calling again. With a {@code budget}, the item's cost is reserved first
 * ({@link Budgets}); an item over budget is left PENDING.
 *
 * <p>A remote provider's transient failures have been retried by its throttle already: when they outlast the
 * attempts ({@link RetriesExhaustedException}) the item is FAILED with the reason, it does not fail the partition.
 */
@Named
@Dependent
public class StatisticsProcessor implements ItemProcessor {

    private static final Logger LOG = Logger.getLogger(StatisticsProcessor.class.getName());

    @Inject
    JobContext job;

    @Inject
    Ledger ledger;

    @Inject
    AoiRepository aois;

    @Inject
    Providers providers;

    @Inject
    Budgets budgets;

    /** The AOIs this partition has read: one query and one GeoJSON parse per AOI, not per item. */
    private final Map<String, Aoi> aoiCache = new HashMap<>();

    /** stac, sentinel-hub or observearth. */
    @Inject
    @BatchProperty
    String provider;

    /** Catalog name (stac). */
    @Inject
    @BatchProperty
    String catalog;

    /** STAC collection. */
    @Inject
    @BatchProperty
    String collection;

    /** ndvi, ndwi or evi. */
    @Inject
    @BatchProperty
    String index;

    /** Last day of the period (an interval item ends there at the latest). */
    @Inject
    @BatchProperty
    String to;

    /** Aggregation interval (sentinel-hub), ISO-8601 period. */
    @Inject
    @BatchProperty
    String interval;

    /** Maximum scene cloud cover, percent. */
    @Inject
    @BatchProperty
    String maxCloudCover;

    /** Cost ceiling of the job instance, in the provider's unit; blank for none. */
    @Inject
    @BatchProperty
    String budget;

    @Override
    public Object processItem(Object o) {
        WorkItem item = (WorkItem) o;
        if (ledger.hasStatistics(item.id)) {
            LOG.info(() -> "item " + item.itemKey + " has its row already: reconciled to DONE");
            return new ItemOutcome(item.id, ItemStatus.DONE, null, item.cost, null);
        }
        long execution = job.getExecutionId();
        if (budgets.refuseIfExhausted(execution, item.id)) {
            return null; // the reader stops at its next read; this item stays ahead of the checkpoint
        }
        EoProvider p = providers.get(provider);
        StatisticsQuery q = query(p, item, aoi(item.aoiId));
        double cost = p.statisticsCost(q);
        boolean budgeted = budget != null && !budget.isBlank();
        if (budgeted && !budgets.reserve(execution, item.jobInstanceId, item.id, Double.parseDouble(budget), cost)) {
            return null;
        }
        ledger.markInFlight(item.id, execution);
        ItemStatistics s;
        try {
            s = p.statistics(q);
        } catch (TransientSourceException e) {
            settle(budgeted, execution, cost, false);
            if (e instanceof RetriesExhaustedException || !p.name().equals("stac")) {
                // a remote provider's throttle has retried already (or waited max-wait-s): the item fails, the
                // chunk is not rolled back (its other items' calls are paid)
                throw new ItemDataException(e.getMessage(), e);
            }
            throw e; // stac: the chunk is retried (retryLimit), then the partition fails and a restart resumes it
        } catch (RuntimeException e) {
            settle(budgeted, execution, cost, false);
            throw e;
        }
        settle(budgeted, execution, cost, true);
        if (s.noData()) {
            // the stac provider's row of zero pixels is kept (it says the AOI missed the scene); others have none
            boolean stac = p.name().equals("stac");
            return new ItemOutcome(item.id, ItemStatus.NO_DATA, stac ? "the AOI covers no pixel of the scene"
                    : p.name() + " has no data for the AOI in the interval", cost, stac ? row(item, s) : null);
        }
        return new ItemOutcome(item.id, ItemStatus.DONE, null, cost, row(item, s));
    }

    private void settle(boolean budgeted, long execution, double cost, boolean charged) {
        if (budgeted) {
            budgets.settle(execution, cost, charged);
        }
    }

    /** The query of an item: its AOI, its scenes, and its interval (one day, or one aggregation interval). */
    StatisticsQuery query(EoProvider p, WorkItem item, Aoi aoi) {
        LocalDate from = item.acquired.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate last = from;
        if (p.granularity() == EoProvider.ItemGranularity.INTERVAL) {
            last = StatisticsPlan.intervalEnd(from, Period.parse(interval), LocalDate.parse(to));
        }
        return new StatisticsQuery(catalog, collection, item.aoiId, aoi.geometry(), from, last,
                Arrays.asList(item.sceneIdList()), SpectralIndex.valueOf(index.toUpperCase(Locale.ROOT)),
                Jobs.cloudLimit(maxCloudCover));
    }

    private StatisticsRow row(WorkItem item, ItemStatistics s) {
        StatisticsRow row = new StatisticsRow();
        row.workItemId = item.id;
        row.jobInstanceId = item.jobInstanceId;
        row.aoiId = item.aoiId;
        row.itemId = item.sceneId;
        row.acquired = item.acquired;
        row.indexName = index.toLowerCase(Locale.ROOT);
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
        return row;
    }

    private Aoi aoi(String id) {
        return aoiCache.computeIfAbsent(id, k -> aois.find(List.of(k)).get(0));
    }
}
