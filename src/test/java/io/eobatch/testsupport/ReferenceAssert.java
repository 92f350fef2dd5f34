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

    private static double num(JsonObject o, String key) {
        return o.getJsonNumber(key).doubleValue();
    }
}
