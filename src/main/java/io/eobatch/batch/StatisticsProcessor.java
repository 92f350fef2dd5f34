package io.eobatch.batch;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.eobatch.aoi.AoiRepository;
import io.eobatch.domain.Aoi;
import io.eobatch.ledger.ItemStatus;
import io.eobatch.ledger.Ledger;
import io.eobatch.ledger.StatisticsRow;
import io.eobatch.ledger.WorkItem;
import io.eobatch.provider.stac.StacProvider;
import io.eobatch.raster.stats.CloudMask;
import io.eobatch.raster.stats.IndexStatistics;
import io.eobatch.raster.stats.SpectralIndex;

/**
 * Computes the statistics of one ledger item. The item is marked IN_FLIGHT (in its own transaction) before the
 * work; an item found IN_FLIGHT whose row is already stored (a crash between the two) is reconciled to DONE
 * without computing again.
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

    /** The AOIs this partition has read: one query and one GeoJSON parse per AOI, not per item. */
    private final java.util.Map<String, Aoi> aoiCache = new java.util.HashMap<>();

    @Inject
    StacProvider stac;

    /** Catalog name. */
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

    @Override
    public Object processItem(Object o) {
        WorkItem item = (WorkItem) o;
        if (ledger.hasStatistics(item.id)) {
            LOG.info(() -> "item " + item.itemKey + " has its row already: reconciled to DONE");
            return new ItemOutcome(item.id, ItemStatus.DONE, null, item.cost, null);
        }
        ledger.markInFlight(item.id, job.getExecutionId());
        Aoi aoi = aoi(item.aoiId);
        SpectralIndex idx = SpectralIndex.valueOf(index.toUpperCase(Locale.ROOT));
        List<String> scenes = Arrays.asList(item.sceneIdList());
        IndexStatistics s = stac.statistics(catalog, collection, scenes, aoi.geometry(), idx, CloudMask.DEFAULT);
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
        if (s.hasValues()) {
            row.mean = s.mean();
            row.min = s.min();
            row.max = s.max();
            row.stdev = s.stdev();
            row.p10 = s.p10();
            row.p50 = s.p50();
            row.p90 = s.p90();
        }
        row.clearFraction = s.clearFraction();
        row.histogram = Arrays.stream(s.histogram().counts()).mapToObj(Long::toString)
                .collect(Collectors.joining(","));
        ItemStatus status = s.pixelCount() == 0 ? ItemStatus.NO_DATA : ItemStatus.DONE;
        String note = s.pixelCount() == 0 ? "the AOI covers no pixel of the scene" : null;
        return new ItemOutcome(item.id, status, note, null, row);
    }

    private Aoi aoi(String id) {
        return aoiCache.computeIfAbsent(id, k -> aois.find(List.of(k)).get(0));
    }
}
