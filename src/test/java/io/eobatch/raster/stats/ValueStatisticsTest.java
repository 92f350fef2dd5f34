package io.eobatch.raster.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected numbers from numpy 1.24 (mean, std, percentile, histogram of clipped values). */
class ValueStatisticsTest {

    @Test
    void meanStdevAndPercentilesAreNumpys() {
        double[] v = {0.31, -0.2, 0.77, 0.05, 0.5, 0.5, 0.123456789, 0.9, -0.999, 0.3333333333333333, 0.61, 0.07};
        IndexStatistics s = ValueStatistics.of(v.clone(), v.length, 20, 3);
        assertEquals(0.24731584352777777, s.mean(), 1e-16);
        assertEquals(0.4838105838327491, s.stdev(), 1e-16);
        assertEquals(-0.175, s.p10(), 1e-16);
        assertEquals(0.32166666666666666, s.p50(), 1e-16);
        assertEquals(0.7540000000000001, s.p90(), 1e-16);
        assertEquals(-0.999, s.min(), 0.0);
        assertEquals(0.9, s.max(), 0.0);
        assertEquals(20, s.pixelCount());
        assertEquals(8, s.nodataCount());
        assertEquals(3, s.cloudCount());
        assertEquals(12 / 20.0, s.clearFraction(), 0.0);
    }

    /** Selection gives exactly what linear interpolation on a fully sorted copy gives, duplicates included. */
    @Test
    void selectionEqualsSortingOnRandomArrays() {
        java.util.Random rnd = new java.util.Random(42);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + rnd.nextInt(trial < 100 ? 40 : 5000);
            int distinct = 1 + rnd.nextInt(trial % 3 == 0 ? 5 : 100000);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = rnd.nextInt(distinct) / (double) distinct - 0.5;
            }
            double[] sorted = v.clone();
            java.util.Arrays.sort(sorted);
            double[] p = ValueStatistics.percentiles(v.clone(), n, 10, 50, 90, 0, 100, 33.3);
            double[] q = {10, 50, 90, 0, 100, 33.3};
            for (int i = 0; i < q.length; i++) {
                double virtual = (n - 1) * (q[i] / 100);
                int lo = (int) Math.floor(virtual);
                double a = sorted[lo];
                double b = sorted[Math.min(lo + 1, n - 1)];
                double t = virtual - lo;
                double expected = t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
                assertEquals(expected, p[i], 0.0, "n " + n + " q " + q[i]);
            }
        }
    }

    @Test
    void percentileOfOneValue() {
        assertEquals(0.25, ValueStatistics.percentile(new double[] {0.25}, 1, 90), 0.0);
    }

    @Test
    void histogramBinsAreNumpysEvenOnEdgesAndOutsideValuesClamp() {
        double[] v = {-1.5, -1, -0.9, 0.1, 0.1000000000000001, 0.5, 0.95, 1, 2};
        IndexStatistics s = ValueStatistics.of(v.clone(), v.length, v.length, 0);
        // numpy.histogram(numpy.clip(v, -1, 1), bins=20, range=(-1, 1)); numpy's edge 11 is 0.10000000000000009
        assertArrayEquals(new long[] {2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 3},
                s.histogram().counts());
        assertEquals(0.10000000000000009, s.histogram().edge(11), 0.0);
    }
}
