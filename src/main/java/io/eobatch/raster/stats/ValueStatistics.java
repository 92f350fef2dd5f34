package io.eobatch.raster.stats;

import java.util.Arrays;

/**
 * Summary statistics of an array of valid index values, with numpy's conventions (population stdev, "linear"
 * percentiles, {@code numpy.histogram} bins).
 *
 * <p>Why by hand: Commons Math's {@code Percentile} can use numpy's estimator but not numpy's {@code _lerp}
 * rounding, and would be a dependency for some 100 lines; the selection below is also what keeps percentiles O(n).
 */
final class ValueStatistics {

    private ValueStatistics() {
    }

    /**
     * Statistics of {@code values[0..n)} (raster order; the array is reordered).
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

        Summary summary = Summary.of(values, n);
        double[] p = percentiles(values, n, 10, 50, 90);
        return new IndexStatistics(pixelCount, n, pixelCount - n, cloudCount,
                mean, summary.min(), summary.max(), stdev, p[0], p[1], p[2],
                (double) n / pixelCount, summary.histogram());
    }

    /** Min, max and the default histogram of values[0..n), n &gt; 0. */
    record Summary(double min, double max, IndexStatistics.Histogram histogram) {

        static Summary of(double[] values, int n) {
            return of(values, n, values, 0);
        }

        /** Of values[0..n) and more[0..m) together. */
        static Summary of(double[] values, int n, double[] more, int m) {
            IndexStatistics.Histogram empty = IndexStatistics.Histogram.empty();
            long[] counts = new long[IndexStatistics.HISTOGRAM_BINS];
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int part = 0; part < 2; part++) {
                double[] a = part == 0 ? values : more;
                int size = part == 0 ? n : m;
                for (int i = 0; i < size; i++) {
                    double x = a[i];
                    counts[empty.bin(x)]++;
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                }
            }
            return new Summary(min, max, new IndexStatistics.Histogram(empty.lower(), empty.upper(), counts));
        }
    }

    /** Sum of v (centre NaN) or of (v - centre)^2, compensated (Neumaier). */
    private static double sum(double[] v, int n, double centre) {
        CompensatedSum s = new CompensatedSum();
        boolean squares = !Double.isNaN(centre);
        for (int i = 0; i < n; i++) {
            double x = v[i];
            if (squares) {
                double d = x - centre;
                x = d * d;
            }
            s.add(x);
        }
        return s.value();
    }

    /** Neumaier-compensated running sum: as exact as numpy's pairwise sums or better, in any order. */
    static final class CompensatedSum {
        private double sum;
        private double compensation;

        void add(double x) {
            double t = sum + x;
            if (Math.abs(sum) >= Math.abs(x)) {
                compensation += (sum - t) + x;
            } else {
                compensation += (x - t) + sum;
            }
            sum = t;
        }

        double value() {
            return sum + compensation;
        }
    }

    /**
     * numpy.percentile(a, q) for each q, with numpy's default method "linear": virtual index (n - 1) * q / 100
     * between the order statistics lo = floor and lo + 1, then numpy's {@code _lerp} (which computes from the upper
     * neighbour when the fraction is >= 0.5). The order statistics are found by selection (expected O(n), no full
     * sort); {@code values[0..n)} is reordered.
     */
    static double[] percentiles(double[] values, int n, double... qs) {
        int[] ks = new int[qs.length * 2];
        for (int i = 0; i < qs.length; i++) {
            int lo = (int) Math.floor((n - 1) * (qs[i] / 100));
            ks[2 * i] = lo;
            ks[2 * i + 1] = Math.min(lo + 1, n - 1);
        }
        int[] sortedKs = Arrays.stream(ks).distinct().sorted().toArray();
        Selection.select(values, 0, n, sortedKs, 0, sortedKs.length, 2 * (32 - Integer.numberOfLeadingZeros(n)));
        double[] out = new double[qs.length];
        for (int i = 0; i < qs.length; i++) {
            double virtual = (n - 1) * (qs[i] / 100);
            double t = virtual - Math.floor(virtual);
            out[i] = lerp(values[ks[2 * i]], values[ks[2 * i + 1]], t);
        }
        return out;
    }

    /** a + (b - a) t as numpy's {@code _lerp} computes it (from the upper neighbour when t &gt;= 0.5). */
    static double lerp(double a, double b, double t) {
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    /** numpy.percentile of one q; see {@link #percentiles}. */
    static double percentile(double[] values, int n, double q) {
        return percentiles(values, n, q)[0];
    }

    /**
     * Multi-quickselect: afterwards {@code a[k]} holds the k-th smallest of a[from..to) for every requested k, as a
     * sort would place it. Hoare partitioning around a median-of-three value (equal keys split between both sides,
     * so repeated values cost nothing extra), insertion sort below 24 elements, and a full sort of the range when the
     * depth budget runs out (guards against quadratic inputs).
     */
    static final class Selection {

        static void select(double[] a, int from, int to, int[] ks, int kFrom, int kTo, int depth) {
            while (kFrom < kTo) {
                if (to - from <= 24) {
                    insertionSort(a, from, to);
                    return;
                }
                if (depth-- <= 0) {
                    Arrays.sort(a, from, to);
                    return;
                }
                double pivot = median(a[from], a[(from + to) >>> 1], a[to - 1]);
                int j = partition(a, from, to, pivot);
                // [from, j] <= pivot <= [j + 1, to): ks up to j stay left, the others go right.
                int split = kFrom;
                while (split < kTo && ks[split] <= j) {
                    split++;
                }
                if (split > kFrom && split < kTo) {
                    select(a, from, j + 1, ks, kFrom, split, depth);
                    from = j + 1;
                    kFrom = split;
                } else if (split > kFrom) {
                    to = j + 1;
                } else {
                    from = j + 1;
                }
            }
        }

        /**
         * Hoare partition of a[from, to) around {@code pivot}, a value of the range that is not its only largest
         * (e.g. a median of three of it): returns j with a[from..j] &lt;= pivot &lt;= a[j+1..to) and from &lt;= j &lt;
         * to - 1, so both sides are non-empty. Equal values may end on either side.
         */
        static int partition(double[] a, int from, int to, double pivot) {
            int i = from - 1;
            int j = to;
            while (true) {
                do {
                    i++;
                } while (a[i] < pivot);
                do {
                    j--;
                } while (a[j] > pivot);
                if (i >= j) {
                    return j;
                }
                double t = a[i];
                a[i] = a[j];
                a[j] = t;
            }
        }

        static double median(double x, double y, double z) {
            return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
        }

        private static void insertionSort(double[] a, int from, int to) {
            for (int i = from + 1; i < to; i++) {
                double x = a[i];
                int j = i - 1;
                while (j >= from && a[j] > x) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = x;
            }
        }
    }
}
