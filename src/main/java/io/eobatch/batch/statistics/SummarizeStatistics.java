package io.eobatch.batch.statistics;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.eobatch.batch.ResultsBatchlet;

import io.eobatch.aoi.Aoi;
import io.eobatch.aoi.AoiRepository;
import io.eobatch.batch.JobProperties;
import io.eobatch.config.Settings;

/**
 * Step summarize-statistics of aoi-statistics: per AOI the number of items (scenes, days or intervals), the items
 * with valid pixels, the failed ones, and the mean, min and max over the valid items of their index mean; then the
 * result files ({@link StatisticsResults}). A restart that runs this step again rewrites them.
 *
 * <p>It scales with the run: item counts come from one grouped query, and the rows are read once, as a stream in CSV
 * order, written to {@code statistics.csv} as they come and folded into the per-AOI numbers; nothing holds all rows.
 * The per-AOI time-series charts are drawn here only for runs of at most {@code eobatch.summary.eager-charts} AOIs
 * (default {@value #EAGER_CHARTS}); for larger runs each is drawn on its first request and kept
 * ({@link StatisticsJob#drawOnRequest}), so that the step takes seconds for 10,000 AOIs and a failure in it has no
 * per-AOI work to redo.
 */
@Named
@Dependent
public class SummarizeStatistics extends ResultsBatchlet {

    /** Default of {@code eobatch.summary.eager-charts}. */
    public static final int EAGER_CHARTS = 100;

    private static final Logger LOG = Logger.getLogger(SummarizeStatistics.class.getName());

    @Inject
    AoiRepository aois;

    @Inject
    StatisticsRows rows;

    @Override
    protected String write(long instance) throws IOException {
        long start = System.nanoTime();
        Map<String, AoiSummary> byAoi = new LinkedHashMap<>();
        ledger.itemCountsByAoi(instance).forEach((id, counts) -> {
            AoiSummary n = new AoiSummary();
            n.jobInstanceId = instance;
            n.aoiId = id;
            n.scenes = (int) counts[0];
            n.failedItems = (int) counts[1];
            byAoi.put(id, n);
        });
        long counted = System.nanoTime();
        Map<String, DoubleSummaryStatistics> means = new LinkedHashMap<>();
        String[] index = {null};
        results.write(instance, StatisticsResults.CSV, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(StatisticsCsv.header());
            rows.forEachRow(instance, r -> {
                try {
                    w.write(StatisticsCsv.line(r));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                index[0] = index[0] == null ? r.indexName : index[0];
                AoiSummary s = byAoi.get(r.aoiId);
                if (s == null || !r.hasValue()) {
                    return;
                }
                s.validScenes++;
                means.computeIfAbsent(r.aoiId, k -> new DoubleSummaryStatistics()).accept(r.mean);
                s.firstDate = min(s.firstDate, r.acquired);
                s.lastDate = max(s.lastDate, r.acquired);
            });
            w.flush();
        });
        long csv = System.nanoTime();
        means.forEach((id, m) -> {
            AoiSummary s = byAoi.get(id);
            s.meanOfMeans = m.getAverage();
            s.minOfMeans = m.getMin();
            s.maxOfMeans = m.getMax();
        });
        // AOIs deleted since the plan are left out here (their summary keeps the id as its name)
        List<Aoi> stored = byAoi.isEmpty() ? List.of() : aois.listByIds(byAoi.keySet());
        for (Aoi a : stored) {
            byAoi.get(a.id()).aoiName = a.name();
        }
        long named = System.nanoTime();
        // in AOI id order (itemCountsByAoi), as GET /summary reads them back
        List<AoiSummary> summaries = new ArrayList<>(byAoi.values());
        rows.replaceSummaries(instance, summaries);
        long kept = System.nanoTime();
        JobProperties params = JobProperties.of(job);
        int eager = (int) Math.min(Integer.MAX_VALUE, Settings.number("eobatch.summary.eager-charts", EAGER_CHARTS, 0));
        List<String> files = StatisticsResults.writeSummaries(results, instance, new StatisticsResults.Input(
                index[0] == null ? params.get("index") : index[0], params.date("from"), params.date("to"), List.of(),
                summaries, stored), eager, aoiId -> rows.rows(instance, aoiId));
        long end = System.nanoTime();
        LOG.info(() -> "execution " + job.getExecutionId() + ": summarized " + byAoi.size() + " AOI(s); wrote "
                + (files.size() + 1) + " result file(s) to " + results.dir(instance)
                + (summaries.size() > eager ? " (time series drawn on request: more than " + eager + " AOIs)" : "")
                + String.format(Locale.ROOT, "; %.1f s: item counts %.1f, rows and CSV %.1f, AOIs %.1f, summaries "
                + "%.1f, files %.1f", (end - start) / 1e9, (counted - start) / 1e9, (csv - counted) / 1e9,
                (named - csv) / 1e9, (kept - named) / 1e9, (end - kept) / 1e9));
        return "SUMMARIZED";
    }

    private static Instant min(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
