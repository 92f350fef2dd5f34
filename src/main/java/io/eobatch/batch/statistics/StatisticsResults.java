package io.eobatch.batch.statistics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.TreeMap;

import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;

import io.eobatch.aoi.AoiJson;
import io.eobatch.chart.AoiComparisonChart;
import io.eobatch.chart.TimeSeriesChart;
import io.eobatch.aoi.Aoi;
import io.eobatch.results.JsonValues;
import io.eobatch.results.ResultsStore;

/**
 * The files of an aoi-statistics job instance, written by its summarize step into the results folder (each
 * atomically; a second run rewrites them):
 * <ul>
 * <li>{@value #CSV}: every statistics row, exactly as {@code GET /api/executions/{id}/statistics?format=csv};</li>
 * <li>{@value #SUMMARY}: per AOI, exactly the objects of {@code GET /api/executions/{id}/summary};</li>
 * <li>{@value #AOIS}: the AOIs as they were when summarized (GeoJSON FeatureCollection), so the results describe
 * their areas even after an AOI is changed or deleted;</li>
 * <li>{@value #COMPARISON}: a bar chart of the AOIs: the mean over the valid scenes of the AOI's index mean, with
 * a whisker from the min to the max of those means;</li>
 * <li>{@code charts/timeseries-<aoiId>.png} per AOI: the index mean per date (UTC). Rows of the same date (an AOI
 * across two tiles of one pass) are merged: the mean weighted by valid pixels, the clear fraction as valid pixels
 * over pixels. Cloudy dates ({@link TimeSeriesChart#CLOUDY_BELOW}) and dates without a valid pixel are marked.</li>
 * </ul>
 */
public final class StatisticsResults {

    public static final String CSV = "statistics.csv";
    public static final String SUMMARY = "summary.json";
    public static final String AOIS = "aois.geojson";
    public static final String COMPARISON = "charts/aoi-comparison.png";

    private StatisticsResults() {
    }

    /** The time-series chart of an AOI. */
    public static String timeSeries(String aoiId) {
        return "charts/timeseries-" + aoiId + ".png";
    }

    /**
     * What the files are made of.
     *
     * @param index     the index name (ndvi, ndwi, evi)
     * @param from      first day of the period
     * @param to        last day of the period, inclusive
     * @param rows      every statistics row of the job instance (any order)
     * @param summaries per AOI (the AOIs of the job instance, in output order)
     * @param aois      the AOIs (those still stored; may miss deleted ones)
     */
    public record Input(String index, LocalDate from, LocalDate to, List<StatisticsRow> rows,
                        List<AoiSummary> summaries, List<Aoi> aois) {
    }

    /** Writes every file; returns their relative paths, in writing order. */
    public static List<String> write(ResultsStore store, long jobInstanceId, Input in) throws IOException {
        List<StatisticsRow> rows = new ArrayList<>(in.rows());
        rows.sort((a, b) -> a.aoiId.equals(b.aoiId) ? (a.acquired.equals(b.acquired) ? a.itemId.compareTo(b.itemId)
                : a.acquired.compareTo(b.acquired)) : a.aoiId.compareTo(b.aoiId));
        byte[] csv = new StatisticsCsv().write(rows).getBytes(StandardCharsets.UTF_8);
        store.write(jobInstanceId, CSV, out -> out.write(csv));
        List<String> written = new ArrayList<>(List.of(CSV));
        Map<String, List<StatisticsRow>> byAoi = new LinkedHashMap<>();
        for (StatisticsRow r : rows) {
            byAoi.computeIfAbsent(r.aoiId, k -> new ArrayList<>()).add(r);
        }
        written.addAll(writeSummaries(store, jobInstanceId, in, Integer.MAX_VALUE,
                aoi -> byAoi.getOrDefault(aoi, List.of())));
        return written;
    }

    /**
     * The files after the CSV: {@value #SUMMARY}, {@value #AOIS}, and when there are at most {@code eagerCharts}
     * AOIs the comparison chart and every AOI's time series (their rows from {@code rowsOf}); with more, no chart is
     * drawn here: a bar chart of thousands of AOIs is not readable, and the time series are drawn on first request
     * ({@link #writeTimeSeries}). Returns the paths written, in order.
     */
    public static List<String> writeSummaries(ResultsStore store, long jobInstanceId, Input in, int eagerCharts,
                                              Function<String, List<StatisticsRow>> rowsOf) throws IOException {
        List<String> written = new ArrayList<>();
        List<Object> summary = in.summaries().stream().map(s -> (Object) StatisticsCsv.summary(s)).toList();
        store.write(jobInstanceId, SUMMARY, out -> writeJson(JsonValues.of(summary), out));
        written.add(SUMMARY);

        store.write(jobInstanceId, AOIS, out -> AoiJson.featureCollection(in.aois(), true, out));
        written.add(AOIS);
        if (in.summaries().size() > eagerCharts) {
            return written;
        }

        String index = indexLabel(in.index());
        String period = in.from() + " .. " + in.to();
        Map<String, String> labels = labels(in.summaries());
        List<AoiComparisonChart.Bar> bars = in.summaries().stream().map(s -> new AoiComparisonChart.Bar(
                labels.get(s.aoiId), s.meanOfMeans, s.minOfMeans, s.maxOfMeans)).toList();
        store.write(jobInstanceId, COMPARISON, out -> AoiComparisonChart.writePng(index + " per AOI, " + period,
                "bars: mean over the valid scenes of the AOI's mean " + index + "; whiskers: min and max of those",
                index, "mean of the per-scene means", "min .. max of the per-scene means", bars, out));
        written.add(COMPARISON);
        for (AoiSummary s : in.summaries()) {
            written.add(writeTimeSeries(store, jobInstanceId, in.index(), in.from(), in.to(), labels.get(s.aoiId),
                    s.aoiId, rowsOf.apply(s.aoiId)));
        }
        return written;
    }

    /** The time-series chart of one AOI from its rows ({@code label}: its name for the title); returns its path. */
    public static String writeTimeSeries(ResultsStore store, long jobInstanceId, String indexName, LocalDate from,
                                         LocalDate to, String label, String aoiId, List<StatisticsRow> rows)
            throws IOException {
        String index = indexLabel(indexName);
        List<TimeSeriesChart.Point> points = perDate(rows);
        String path = timeSeries(aoiId);
        long cloudy = points.stream().filter(TimeSeriesChart.Point::cloudy).count();
        long empty = points.stream().filter(TimeSeriesChart.Point::empty).count();
        store.write(jobInstanceId, path, out -> TimeSeriesChart.writePng(label + ": mean " + index + " per date, "
                + from + " .. " + to, "AOI " + aoiId + "; " + points.size() + " date(s), " + cloudy + " cloudy, "
                + empty + " without a valid pixel", index + " (mean over the AOI)", from, to, points, out));
        return path;
    }

    private static String indexLabel(String index) {
        return index == null ? "index" : index.toUpperCase(Locale.ROOT);
    }

    /** The label of one AOI in the charts, as {@link #labels} makes it. */
    public static String label(List<AoiSummary> summaries, String aoiId) {
        return labels(summaries).getOrDefault(aoiId, aoiId);
    }

    /**
     * The rows of one AOI as one point per date (UTC): mean weighted by valid pixels, clear fraction = valid
     * pixels / pixels, in date order.
     */
    public static List<TimeSeriesChart.Point> perDate(List<StatisticsRow> rows) {
        Map<LocalDate, double[]> acc = new TreeMap<>(); // sum(mean*valid), valid, pixels
        for (StatisticsRow r : rows) {
            LocalDate d = r.acquired.atZone(ZoneOffset.UTC).toLocalDate();
            double[] a = acc.computeIfAbsent(d, k -> new double[3]);
            if (r.hasValue()) {
                a[0] += r.mean * r.weight();
                a[1] += r.weight();
            }
            // without pixel counts (observearth) a date with a value counts as clear
            a[2] += r.pixelCount == null ? (r.hasValue() ? r.weight() : 1) : r.pixelCount;
        }
        List<TimeSeriesChart.Point> out = new ArrayList<>();
        acc.forEach((d, a) -> out.add(new TimeSeriesChart.Point(d, a[1] > 0 ? a[0] / a[1] : null,
                a[2] > 0 ? a[1] / a[2] : 0.0, (long) a[1])));
        return out;
    }

    /** AOI names for the charts: the name, or "name (id)" where two AOIs share a name. */
    static Map<String, String> labels(List<AoiSummary> summaries) {
        Map<String, Integer> uses = new HashMap<>();
        for (AoiSummary s : summaries) {
            uses.merge(name(s), 1, Integer::sum);
        }
        Map<String, String> out = new HashMap<>();
        for (AoiSummary s : summaries) {
            String n = name(s);
            out.put(s.aoiId, uses.get(n) > 1 && !n.equals(s.aoiId) ? n + " (" + s.aoiId + ")" : n);
        }
        return out;
    }

    private static String name(AoiSummary s) {
        return s.aoiName == null || s.aoiName.isBlank() ? s.aoiId : s.aoiName;
    }

    static void writeJson(JsonValue v, OutputStream out) {
        try (JsonWriter w = JsonValues.JSON.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                .createWriter(out, StandardCharsets.UTF_8)) {
            w.write(v);
        }
    }
}
