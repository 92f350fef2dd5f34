package io.eobatch.provider.sentinelhub;

import io.eobatch.provider.ItemDataException;
import io.eobatch.raster.stats.IndexStatistics;
import io.eobatch.provider.http.ProviderHttp;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a Statistical API answer into {@link IndexStatistics} per interval.
 *
 * <p>Shape (Statistical API documentation and API reference; real answers in {@code shared/data/sentinel-hub-responses}):
 * <pre>
 * {"data": [{"interval": {"from": "2020-06-11T00:00:00Z", "to": "2020-06-12T00:00:00Z"},
 *            "outputs": {"ndvi": {"bands": {"B0": {"stats": {"min", "max", "mean", "stDev", "sampleCount",
 *                                                             "noDataCount", "percentiles": {"50.0": ..}},
 *                                                  "histogram": {"bins": [{"lowEdge", "highEdge", "count"}],
 *                                                                "overflowCount", "underflowCount"}}}}}},
 *           {"interval": {..}, "error": "EXECUTION_ERROR"}            (or "error": {"type": "EXECUTION_ERROR"})
 *          ],
 *  "status": "OK" | "PARTIAL" | "FAILED"}
 * </pre>
 *
 * <p>Mapping: {@code pixelCount = sampleCount} (the pixels of the AOI), {@code nodataCount = noDataCount} (dataMask 0:
 * outside the scene, nodata, or rejected by the evalscript's cloud mask), {@code validCount} the difference,
 * {@code cloudCount = 0} (the API does not tell clouds from other no-data), mean, min, max, {@code stdev = stDev},
 * p10/p50/p90 from {@code percentiles} keys "10.0", "50.0", "90.0" (NaN when absent), the histogram from its bins
 * with the underflow added to the first bin and the overflow to the last (the convention of
 * {@link IndexStatistics.Histogram}). Statistics given as the strings "NaN" or "Infinity" (intervals without valid
 * pixels) are read as such. An interval with an {@code error}, or whose entry is malformed, becomes a failed
 * {@link IntervalStatistics} naming the field; only an answer without a {@code data} array (a failed request) is an
 * {@link ItemDataException}.
 */
public final class StatisticsResponses {

    private StatisticsResponses() {
    }

    /**
     * Parses {@code answer}, reading band "B0" (or the only band) of output {@code outputId}.
     *
     * @param url  where the answer came from, for messages
     * @param cost the request's processing units, carried into the result
     */
    public static StatisticsResult parse(JsonObject answer, String outputId, URI url, double cost) {
        String status = answer.get("status") instanceof JsonString s ? s.getString() : "OK";
        JsonValue data = answer.get("data");
        if (!(data instanceof JsonArray arr)) {
            String err = describeError(answer.get("error"));
            throw new ItemDataException(ProviderHttp.describe(url) + ": statistical request " + status
                    + (err == null ? "" : " (" + err + ")") + ": field 'data' "
                    + (data == null || data == JsonValue.NULL ? "missing" : "is not an array"), null);
        }
        if (arr.isEmpty() && "FAILED".equals(status)) {
            String err = describeError(answer.get("error"));
            throw new ItemDataException(ProviderHttp.describe(url) + ": statistical request FAILED"
                    + (err == null ? "" : " (" + err + ")") + " without any interval", null);
        }
        List<IntervalStatistics> out = new ArrayList<>(arr.size());
        for (int i = 0; i < arr.size(); i++) {
            out.add(interval(arr.get(i), outputId, url, "data[" + i + "]"));
        }
        return new StatisticsResult(status, out, cost);
    }

    private static IntervalStatistics interval(JsonValue v, String outputId, URI url, String path) {
        if (!(v instanceof JsonObject o)) {
            throw new ItemDataException(ProviderHttp.describe(url) + ": field '" + path + "' is not an object", null);
        }
        Instant from;
        Instant to;
        try {
            JsonObject interval = o.getJsonObject("interval");
            from = Instant.parse(interval.getString("from"));
            to = Instant.parse(interval.getString("to"));
        } catch (RuntimeException e) {
            // without an interval the entry cannot be told apart from the others: the whole answer is unusable
            throw new ItemDataException(ProviderHttp.describe(url) + ": field '" + path
                    + ".interval' missing or not {from, to} instants", e instanceof DateTimeParseException ? e : null);
        }
        String err = describeError(o.get("error"));
        if (err != null) {
            return new IntervalStatistics(from, to, null, err);
        }
        try {
            return new IntervalStatistics(from, to, statistics(o, outputId, path), null);
        } catch (Malformed m) {
            return new IntervalStatistics(from, to, null, "malformed answer: field '" + m.field + "' " + m.problem);
        }
    }

    private static IndexStatistics statistics(JsonObject o, String outputId, String path) {
        JsonObject outputs = object(o, "outputs", path);
        String op = path + ".outputs";
        JsonObject output = object(outputs, outputId, op);
        op = op + "." + outputId;
        JsonObject bands = object(output, "bands", op);
        String bp = op + ".bands";
        JsonObject band;
        String bandName;
        if (bands.containsKey("B0")) {
            bandName = "B0";
        } else if (bands.size() == 1) {
            bandName = bands.keySet().iterator().next();
        } else {
            throw new Malformed(bp + ".B0", "missing (bands " + bands.keySet() + ")");
        }
        band = object(bands, bandName, bp);
        String sp = bp + "." + bandName + ".stats";
        JsonObject stats = object(band, "stats", bp + "." + bandName);
        long samples = count(stats, "sampleCount", sp);
        long nodata = count(stats, "noDataCount", sp);
        if (nodata > samples) {
            throw new Malformed(sp + ".noDataCount", nodata + " > sampleCount " + samples);
        }
        long valid = samples - nodata;
        if (valid == 0) {
            return IndexStatistics.noValidPixels(samples, 0);
        }
        double mean = number(stats, "mean", sp, true);
        double min = number(stats, "min", sp, true);
        double max = number(stats, "max", sp, true);
        double stdev = number(stats, "stDev", sp, true);
        double p10 = Double.NaN;
        double p50 = Double.NaN;
        double p90 = Double.NaN;
        if (stats.get("percentiles") instanceof JsonObject p) {
            for (Map.Entry<String, JsonValue> e : p.entrySet()) {
                double k;
                try {
                    k = Double.parseDouble(e.getKey());
                } catch (NumberFormatException ex) {
                    throw new Malformed(sp + ".percentiles." + e.getKey(), "is not a percentile");
                }
                double value = number(p, e.getKey(), sp + ".percentiles", true);
                if (k == 10) {
                    p10 = value;
                } else if (k == 50) {
                    p50 = value;
                } else if (k == 90) {
                    p90 = value;
                }
            }
        }
        IndexStatistics.Histogram histogram = IndexStatistics.Histogram.empty();
        if (band.get("histogram") instanceof JsonObject h) {
            histogram = histogram(h, bp + "." + bandName + ".histogram");
        }
        return new IndexStatistics(samples, valid, nodata, 0, mean, min, max, stdev, p10, p50, p90,
                (double) valid / samples, histogram);
    }

    private static IndexStatistics.Histogram histogram(JsonObject h, String path) {
        if (!(h.get("bins") instanceof JsonArray bins) || bins.isEmpty()) {
            return IndexStatistics.Histogram.empty();
        }
        long[] counts = new long[bins.size()];
        double lower = Double.NaN;
        double upper = Double.NaN;
        for (int i = 0; i < bins.size(); i++) {
            String bp = path + ".bins[" + i + "]";
            if (!(bins.get(i) instanceof JsonObject b)) {
                throw new Malformed(bp, "is not an object");
            }
            counts[i] = count(b, "count", bp);
            if (i == 0) {
                lower = number(b, "lowEdge", bp, false);
            }
            if (i == bins.size() - 1) {
                upper = number(b, "highEdge", bp, false);
            }
        }
        if (h.containsKey("underflowCount")) {
            counts[0] += count(h, "underflowCount", path);
        }
        if (h.containsKey("overflowCount")) {
            counts[counts.length - 1] += count(h, "overflowCount", path);
        }
        if (!(upper > lower)) {
            throw new Malformed(path + ".bins", "edges are not increasing: [" + lower + ", " + upper + "]");
        }
        return new IndexStatistics.Histogram(lower, upper, counts);
    }

    /** The interval error as text ("EXECUTION_ERROR", or the type and message of an error object), or null. */
    static String describeError(JsonValue e) {
        if (e == null || e == JsonValue.NULL) {
            return null;
        }
        if (e instanceof JsonString s) {
            return s.getString();
        }
        if (e instanceof JsonObject o) {
            StringBuilder sb = new StringBuilder();
            for (String k : new String[] {"type", "message", "code"}) {
                JsonValue v = o.get(k);
                if (v != null && v != JsonValue.NULL) {
                    if (sb.length() > 0) {
                        sb.append(": ");
                    }
                    sb.append(v instanceof JsonString s ? s.getString() : v.toString());
                }
            }
            return sb.length() == 0 ? o.toString() : sb.toString();
        }
        return e.toString();
    }

    private static JsonObject object(JsonObject o, String key, String path) {
        JsonValue v = o.get(key);
        if (v instanceof JsonObject r) {
            return r;
        }
        throw new Malformed(path + "." + key, v == null ? "missing" : "is not an object");
    }

    private static long count(JsonObject o, String key, String path) {
        JsonValue v = o.get(key);
        if (v instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 0) {
            return n.longValue();
        }
        throw new Malformed(path + "." + key, v == null ? "missing" : "is not a count: " + v);
    }

    private static double number(JsonObject o, String key, String path, boolean allowNaN) {
        JsonValue v = o.get(key);
        if (v instanceof JsonNumber n) {
            return n.doubleValue();
        }
        if (allowNaN && v instanceof JsonString s) {
            switch (s.getString().toLowerCase(Locale.ROOT)) {
                case "nan":
                    return Double.NaN;
                case "infinity":
                    return Double.POSITIVE_INFINITY;
                case "-infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new Malformed(path + "." + key, v == null ? "missing" : "is not a number: " + v);
    }

    /** A malformed interval entry: the interval fails, the others stand. */
    private static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String field;
        final String problem;

        Malformed(String field, String problem) {
            super(field + " " + problem, null, false, false);
            this.field = field;
            this.problem = problem;
        }
    }
}
