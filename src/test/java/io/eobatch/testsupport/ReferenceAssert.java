package io.eobatch.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eobatch.raster.stats.IndexStatistics;
import jakarta.json.JsonObject;

/** Compares {@link IndexStatistics} with a line of the GDAL reference script's output. */
public final class ReferenceAssert {

    /** Tolerance on the index values: the brief's 1e-9 (observed differences are around 1e-16). */
    public static final double TOLERANCE = 1e-9;

    private ReferenceAssert() {
    }

    /**
     * Counts must be equal; values within {@link #TOLERANCE}. The reference prints no values when nothing is valid.
     */
    public static void assertMatches(JsonObject expected, IndexStatistics actual, String context) {
        String ctx = context + " " + expected.getString("id") + ": ";
        assertEquals(expected.getJsonNumber("pixelsInPolygon").longValue(), actual.pixelCount(), ctx + "pixelsInPolygon");
        assertEquals(expected.getJsonNumber("valid").longValue(), actual.validCount(), ctx + "valid");
        assertEquals(expected.getJsonNumber("noData").longValue(), actual.nodataCount(), ctx + "noData");
        if (expected.containsKey("cloud")) {
            assertEquals(expected.getJsonNumber("cloud").longValue(), actual.cloudCount(), ctx + "cloud");
        }
        assertEquals(actual.pixelCount() == 0 ? 0.0 : (double) actual.validCount() / actual.pixelCount(),
                actual.clearFraction(), 0.0, ctx + "clearFraction");
        if (!expected.containsKey("mean")) {
            assertFalse(actual.hasValues(), ctx + "no valid pixel expected");
            assertTrue(Double.isNaN(actual.mean()), ctx + "mean is NaN without valid pixels");
            return;
        }
        assertEquals(num(expected, "mean"), actual.mean(), TOLERANCE, ctx + "mean");
        assertEquals(num(expected, "min"), actual.min(), TOLERANCE, ctx + "min");
        assertEquals(num(expected, "max"), actual.max(), TOLERANCE, ctx + "max");
        assertEquals(num(expected, "stDev(pop)"), actual.stdev(), TOLERANCE, ctx + "stDev(pop)");
        assertEquals(num(expected, "p10"), actual.p10(), TOLERANCE, ctx + "p10");
        assertEquals(num(expected, "p50"), actual.p50(), TOLERANCE, ctx + "p50");
        assertEquals(num(expected, "p90"), actual.p90(), TOLERANCE, ctx + "p90");
        assertEquals(actual.validCount(), actual.histogram().total(), ctx + "histogram total");
        if (expected.containsKey("histogram")) {
            long[] hist = expected.getJsonArray("histogram").getValuesAs(jakarta.json.JsonNumber.class).stream()
                    .mapToLong(jakarta.json.JsonNumber::longValue).toArray();
            org.junit.jupiter.api.Assertions.assertArrayEquals(hist, actual.histogram().counts(), ctx + "histogram");
        }
    }

    /** Tolerance on coverage sums, in pixels (the brief's 1e-6; the largest difference observed is 8e-10). */
    public static final double COVERAGE_TOLERANCE = 1e-6;

    /**
     * Coverage-weighted statistics against a line of {@code coverage_zonal_ndvi.py} or
     * {@code src/test/tools/coverage_zonal_index.py}: pixel counts equal, coverage and valid coverage within
     * {@link #COVERAGE_TOLERANCE} pixel, values within {@link #TOLERANCE}; the keys the shared script does not print
     * (valid, cloud, percentiles, histogram) are checked when present.
     */
    public static void assertCoverageMatches(JsonObject expected, IndexStatistics actual, String context) {
        String ctx = context + " " + expected.getString("id") + ": ";
        assertEquals(expected.getJsonNumber("pixels").longValue(), actual.pixelCount(), ctx + "pixels (c > 0)");
        assertEquals(num(expected, "coverage"), actual.coverage(), COVERAGE_TOLERANCE, ctx + "coverage");
        assertEquals(num(expected, "validCoverage"), actual.validCoverage(), COVERAGE_TOLERANCE, ctx + "validCoverage");
        assertEquals(actual.coverage() == 0 ? 0.0 : actual.validCoverage() / actual.coverage(), actual.clearFraction(),
                0.0, ctx + "clearFraction");
        if (num(expected, "coverage") > 0) {
            assertEquals(num(expected, "validCoverage") / num(expected, "coverage"), actual.clearFraction(), 1e-9,
                    ctx + "clearFraction against the reference's coverages");
        }
        if (expected.containsKey("valid")) {
            assertEquals(expected.getJsonNumber("valid").longValue(), actual.validCount(), ctx + "valid");
            assertEquals(expected.getJsonNumber("cloud").longValue(), actual.cloudCount(), ctx + "cloud");
        }
        if (!expected.containsKey("mean")) {
            assertFalse(actual.hasValues(), ctx + "no valid pixel expected");
            assertTrue(Double.isNaN(actual.mean()), ctx + "mean is NaN without valid pixels");
            return;
        }
        for (String key : new String[] {"mean", "stdev", "min", "max", "p10", "p50", "p90"}) {
            if (expected.containsKey(key)) {
                double value = switch (key) {
                    case "mean" -> actual.mean();
                    case "stdev" -> actual.stdev();
                    case "min" -> actual.min();
                    case "max" -> actual.max();
                    case "p10" -> actual.p10();
                    case "p50" -> actual.p50();
                    default -> actual.p90();
                };
                assertEquals(num(expected, key), value, TOLERANCE, ctx + key);
            }
        }
        if (expected.containsKey("histogram")) {
            long[] hist = expected.getJsonArray("histogram").getValuesAs(jakarta.json.JsonNumber.class).stream()
                    .mapToLong(jakarta.json.JsonNumber::longValue).toArray();
            org.junit.jupiter.api.Assertions.assertArrayEquals(hist, actual.histogram().counts(), ctx + "histogram");
        }
    }

    private static double num(JsonObject o, String key) {
        return o.getJsonNumber(key).doubleValue();
    }
}
