package io.eobatch.batch.statistics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.eobatch.aoi.AoiRepository;
import io.eobatch.batch.JobProperties;
import io.eobatch.aoi.Aoi;
import io.eobatch.ledger.ItemStatus;
import io.eobatch.ledger.Ledger;
import io.eobatch.ledger.WorkItem;
import io.eobatch.results.ResultsStore;

/**
 * Step summarize-statistics of aoi-statistics: per AOI the number of items (scenes or days), the items with valid pixels,
 * the failed ones, and the mean, min and max over the valid items of their index mean. Then the result files
 * (see {@link StatisticsResults}): statistics.csv, summary.json, aois.geojson and the charts, in the results folder
 * of the job instance. A restart that runs this step again rewrites them.
 */
@Named
@Dependent
public class SummarizeStatistics extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(SummarizeStatistics.class.getName());

    @Inject
    JobContext job;

    @Inject
    Ledger ledger;

    @Inject
    AoiRepository aois;

    @Inject
    ResultsStore results;

    @Inject
    StatisticsRows rows;

    @Override
    public String process() {
        long instance = job.getInstanceId();
        Map<String, AoiSummary> byAoi = new LinkedHashMap<>();
        for (WorkItem w : ledger.items(instance, null, 0, Integer.MAX_VALUE)) {
            AoiSummary s = byAoi.computeIfAbsent(w.aoiId, id -> {
                AoiSummary n = new AoiSummary();
                n.jobInstanceId = instance;
                n.aoiId = id;
                return n;
            });
            if (w.sceneId != null) {
                s.scenes++;
            }
            if (w.status == ItemStatus.FAILED) {
                s.failedItems++;
            }
        }
        Map<String, List<Double>> means = new LinkedHashMap<>();
        for (StatisticsRow r : rows.rows(instance)) {
            AoiSummary s = byAoi.get(r.aoiId);
            if (s == null || !r.hasValue()) {
                continue;
            }
            s.validScenes++;
            means.computeIfAbsent(r.aoiId, k -> new ArrayList<>()).add(r.mean);
            s.firstDate = min(s.firstDate, r.acquired);
            s.lastDate = max(s.lastDate, r.acquired);
        }
        for (AoiSummary s : byAoi.values()) {
            List<Double> m = means.get(s.aoiId);
            if (m != null && !m.isEmpty()) {
                s.meanOfMeans = m.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                s.minOfMeans = m.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
                s.maxOfMeans = m.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            }
        }
        // AOIs deleted since the plan are left out here (their summary keeps the id as its name)
        List<Aoi> stored = byAoi.isEmpty() ? List.of() : aois.listByIds(byAoi.keySet());
        for (Aoi a : stored) {
            byAoi.get(a.id()).aoiName = a.name();
        }
        rows.replaceSummaries(instance, new ArrayList<>(byAoi.values()));
        LOG.info(() -> "execution " + job.getExecutionId() + ": summarized " + byAoi.size() + " AOI(s)");

        JobProperties params = JobProperties.of(job);
        List<StatisticsRow> stats = rows.rows(instance);
        List<AoiSummary> summaries = rows.summaries(instance); // as GET /summary reads them
        String index = stats.isEmpty() ? params.get("index") : stats.get(0).indexName;
        try {
            List<String> files = StatisticsResults.write(results, instance, new StatisticsResults.Input(index,
                    params.date("from"), params.date("to"), stats, summaries, stored));
            LOG.info(() -> "execution " + job.getExecutionId() + ": wrote " + files.size() + " result file(s) to "
                    + results.dir(instance));
        } catch (IOException e) {
            throw new UncheckedIOException("execution " + job.getExecutionId() + ": cannot write the results to "
                    + results.dir(instance), e);
        }
        return "SUMMARIZED";
    }

    private static Instant min(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
