package io.eobatch.raster.stats;

import java.util.Arrays;

/** Summary statistics of an array of valid index values, with numpy's conventions. */
final class ValueStatistics {

    private ValueStatistics() {
    }

    /**
     * Statistics of {@code values[0..n)} (raster order; the array is sorted in place).
     *
     * @param pixelCount pixels in the AOI
     * @param cloudCount pixels rejected by the SCL mask
     */
    static IndexStatistics of(double[] values, int n, long pixelCount, long cloudCount) {
        if (n == 0) {
            return IndexStatistics.noValidPixels(pixelCount, cloudCount);
        }
        // Mean and variance in two passes with Neumaier-compensated sums: as exact as numpy's pairwise sums or better.
        double mean = sum(values, n, Double.NaN) / n;
        double variance = sum(values, n, mean) / n;
        double stdev = Math.sqrt(variance);

        IndexStatistics.Histogram empty = IndexStatistics.Histogram.empty();
        long[] counts = new long[IndexStatistics.HISTOGRAM_BINS];
        for (int i = 0; i < n; i++) {
            counts[empty.bin(values[i])]++;
        }
        Arrays.sort(values, 0, n);
        return new IndexStatistics(pixelCount, n, pixelCount - n, cloudCount,
                mean, values[0], values[n - 1], stdev,
                percentile(values, n, 10), percentile(values, n, 50), percentile(values, n, 90),
                (double) n / pixelCount,
                new IndexStatistics.Histogram(empty.lower(), empty.upper(), counts));
    }

    /** Sum of v (centre NaN) or of (v - centre)^2, compensated (Neumaier). */
    private static double sum(double[] v, int n, double centre) {
        double s = 0;
        double c = 0;
        boolean squares = !Double.isNaN(centre);
        for (int i = 0; i < n; i++) {
            double x = v[i];
            if (squares) {
                double d = x - centre;
                x = d * d;
            }
            double t = s + x;
            if (Math.abs(s) >= Math.abs(x)) {
                c += (s - t) + x;
            } else {
                c += (x - t) + s;
            }
            s = t;
        }
        return s + c;
    }

    /**
     * numpy.percentile(a, q) with the default method "linear" on sorted {@code a[0..n)}: virtual index
     * (n - 1) * q / 100, then numpy's {@code _lerp} (which computes from the upper neighbour when the fraction is
     * >= 0.5).
     */
    static double percentile(double[] sorted, int n, double q) {
        double virtual = (n - 1) * (q / 100);
        double below = Math.floor(virtual);
        int lo = (int) below;
        int hi = Math.min(lo + 1, n - 1);
        double t = virtual - below;
        double a = sorted[lo];
        double b = sorted[hi];
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }
}
