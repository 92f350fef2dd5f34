package io.eobatch.batch.statistics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;


/**
 * Statistics rows as CSV (exactly the documented columns) and as JSON objects, and per-AOI summaries as JSON
 * objects: one place for the REST API ({@code /statistics}, {@code /summary}) and the files of the summarize step
 * ({@code statistics.csv}, {@code summary.json}), so both say the same.
 */
@ApplicationScoped
public class StatisticsCsv {

    public static final List<String> COLUMNS = List.of("aoi_id", "item_id", "datetime", "pixel_count",
            "valid_count", "nodata_count", "mean", "min", "max", "stdev", "p10", "p50", "p90", "clear_fraction");

    /** CSV with a header line; numbers of the index are empty when valid_count is 0, counts when not given. */
    public String write(List<StatisticsRow> rows) {
        StringBuilder b = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (StatisticsRow r : rows) {
            boolean v = r.hasValue();
            b.append(quote(r.aoiId)).append(',').append(quote(r.itemId)).append(',').append(r.acquired).append(',')
                    .append(opt(r.pixelCount)).append(',').append(opt(r.validCount)).append(',').append(opt(r.nodataCount))
                    .append(',').append(num(v, r.mean)).append(',').append(num(v, r.min)).append(',')
                    .append(num(v, r.max)).append(',').append(num(v, r.stdev)).append(',').append(num(v, r.p10))
                    .append(',').append(num(v, r.p50)).append(',').append(num(v, r.p90)).append(',')
                    .append(opt(r.clearFraction)).append("\r\n");
        }
        return b.toString();
    }

    /** A value that the provider may not give: empty when absent. */
    private static String opt(Object o) {
        return o == null ? "" : o.toString();
    }

    /** One row as the JSON object of {@code GET /api/executions/{id}/statistics}. */
    public static Map<String, Object> json(StatisticsRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean v = r.hasValue();
        m.put("aoi_id", r.aoiId);
        m.put("item_id", r.itemId);
        m.put("datetime", r.acquired.toString());
        m.put("pixel_count", r.pixelCount);
        m.put("valid_count", r.validCount);
        m.put("nodata_count", r.nodataCount);
        m.put("mean", v ? r.mean : null);
        m.put("min", v ? r.min : null);
        m.put("max", v ? r.max : null);
        m.put("stdev", v ? r.stdev : null);
        m.put("p10", v ? r.p10 : null);
        m.put("p50", v ? r.p50 : null);
        m.put("p90", v ? r.p90 : null);
        m.put("clear_fraction", r.clearFraction);
        m.put("index", r.indexName);
        return m;
    }

    /** One AOI's summary as the JSON object of {@code GET /api/executions/{id}/summary}. */
    public static Map<String, Object> summary(AoiSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("aoiId", s.aoiId);
        m.put("aoiName", s.aoiName);
        m.put("scenes", s.scenes);
        m.put("validScenes", s.validScenes);
        m.put("failedItems", s.failedItems);
        m.put("mean", s.meanOfMeans);
        m.put("min", s.minOfMeans);
        m.put("max", s.maxOfMeans);
        m.put("firstDate", s.firstDate == null ? null : s.firstDate.toString());
        m.put("lastDate", s.lastDate == null ? null : s.lastDate.toString());
        return m;
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
