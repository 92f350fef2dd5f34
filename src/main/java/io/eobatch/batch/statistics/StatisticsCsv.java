package io.eobatch.batch.statistics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;


/**
 * Statistics rows as CSV (exactly the documented columns) and as JSON objects, and per-AOI summaries as JSON
 * objects: one place for the REST API ({@code /statistics}, {@code /summary}) and the files of the summarize step
 * ({@code statistics.csv}, {@code summary.json}), so both say the same.
 */
@ApplicationScoped
public class StatisticsCsv {

    public static final List<String> COLUMNS = List.of("aoi_id", "item_id", "datetime", "pixel_count",
            "valid_count", "nodata_count", "mean", "min", "max", "stdev", "p10", "p50", "p90", "clear_fraction",
            "coverage", "valid_coverage");

    /**
     * CSV with a header line; numbers of the index are empty when valid_count is 0, counts when not given, coverage
     * and valid_coverage under the centre rule.
     */
    public String write(List<StatisticsRow> rows) {
        StringBuilder b = new StringBuilder(header());
        for (StatisticsRow r : rows) {
            b.append(line(r));
        }
        return b.toString();
    }

    /** The header line, with its line end. */
    public static String header() {
        return String.join(",", COLUMNS) + "\r\n";
    }

    /** One row's line, with its line end. */
    public static String line(StatisticsRow r) {
        boolean v = r.hasValue();
        return quote(r.aoiId) + ',' + quote(r.itemId) + ',' + r.acquired + ',' + opt(r.pixelCount) + ','
                + opt(r.validCount) + ',' + opt(r.nodataCount) + ',' + num(v, r.mean) + ',' + num(v, r.min) + ','
                + num(v, r.max) + ',' + num(v, r.stdev) + ',' + num(v, r.p10) + ',' + num(v, r.p50) + ','
                + num(v, r.p90) + ',' + opt(r.clearFraction) + ',' + opt(r.coverage) + ',' + opt(r.validCoverage)
                + "\r\n";
    }

    /** A value that the provider may not give: empty when absent. */
    private static String opt(Object o) {
        return o == null ? "" : o.toString();
    }

    /**
     * One row as {@code GET /api/executions/{id}/statistics} answers it: the CSV's columns and the index; the
     * index's numbers are null without valid pixels, the counts when the provider gives none.
     */
    @JsonbNillable // and on each renamed component: a @JsonbProperty is not nillable unless told so
    public record Row(@JsonbNillable @JsonbProperty("aoi_id") String aoiId,
                      @JsonbNillable @JsonbProperty("item_id") String itemId,
                      String datetime,
                      @JsonbNillable @JsonbProperty("pixel_count") Long pixelCount,
                      @JsonbNillable @JsonbProperty("valid_count") Long validCount,
                      @JsonbNillable @JsonbProperty("nodata_count") Long nodataCount,
                      Double mean, Double min, Double max, Double stdev, Double p10, Double p50, Double p90,
                      @JsonbNillable @JsonbProperty("clear_fraction") Double clearFraction,
                      Double coverage,
                      @JsonbNillable @JsonbProperty("valid_coverage") Double validCoverage,
                      String index) {

        public static Row of(StatisticsRow r) {
            boolean v = r.hasValue();
            return new Row(r.aoiId, r.itemId, r.acquired.toString(), r.pixelCount, r.validCount, r.nodataCount,
                    value(v, r.mean), value(v, r.min), value(v, r.max), value(v, r.stdev), value(v, r.p10),
                    value(v, r.p50), value(v, r.p90), value(true, r.clearFraction), value(true, r.coverage),
                    value(true, r.validCoverage), r.indexName);
        }
    }

    /**
     * One AOI's summary as {@code GET /api/executions/{id}/summary} answers it: items, items with valid pixels,
     * failed items, mean/min/max over its items of the index mean, the first and last date with a value.
     */
    @JsonbNillable
    public record Summary(String aoiId, String aoiName, int scenes, int validScenes, int failedItems, Double mean,
                          Double min, Double max, String firstDate, String lastDate) {

        public static Summary of(AoiSummary s) {
            return new Summary(s.aoiId, s.aoiName, s.scenes, s.validScenes, s.failedItems, value(true, s.meanOfMeans),
                    value(true, s.minOfMeans), value(true, s.maxOfMeans),
                    s.firstDate == null ? null : s.firstDate.toString(),
                    s.lastDate == null ? null : s.lastDate.toString());
        }

        /** The same as a map, for the result files and the STAC collection's summaries. */
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("aoiId", aoiId);
            m.put("aoiName", aoiName);
            m.put("scenes", scenes);
            m.put("validScenes", validScenes);
            m.put("failedItems", failedItems);
            m.put("mean", mean);
            m.put("min", min);
            m.put("max", max);
            m.put("firstDate", firstDate);
            m.put("lastDate", lastDate);
            return m;
        }
    }

    /** A number as JSON can hold it: null when not {@code valid}, absent or NaN. */
    private static Double value(boolean valid, Double d) {
        return !valid || d == null || d.isNaN() || d.isInfinite() ? null : d;
    }

    /** One AOI's summary as a map (result files, STAC). */
    public static Map<String, Object> summary(AoiSummary s) {
        return Summary.of(s).asMap();
    }

    private static String num(boolean valid, Double d) {
        return !valid || d == null || d.isNaN() ? "" : Double.toString(d);
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
