package io.eobatch.raster.stats;

import java.util.Arrays;

/**
 * Summary statistics of valid index values with pixel weights (coverage fractions in (0, 1]): exactextract's
 * definitions of the weighted mean, population standard deviation and quantiles.
 *
 * <p><b>Weighted percentile</b> (the definition of {@code p10}, {@code p50}, {@code p90} under coverage weighting):
 * <ol>
 *   <li>order the n valid pixels by value, equal values by weight (so the result depends only on the set of
 *       (value, weight) pairs, not on their order in the raster): v_0 &lt;= v_1 &lt;= ... &lt;= v_{n-1}, weights
 *       w_k &gt; 0, W = w_0 + ... + w_{n-1};</li>
 *   <li>give the k-th value the position s_k = k w_k + (n - 1) S_k, where S_k = w_0 + ... + w_{k-1} is the weight
 *       of the values before it (s_0 = 0, s_{n-1} = (n - 1) W; s grows strictly with k);</li>
 *   <li>the p-th percentile (0 &lt;= p &lt;= 100) is the value at position t = (p / 100) (n - 1) W, linearly
 *       interpolated: v_k + (t - s_k) / (s_{k+1} - s_k) (v_{k+1} - v_k) for the k with s_k &lt;= t &lt; s_{k+1},
 *       and v_{n-1} when t = s_{n-1}.</li>
 * </ol>
 * This is the weighted generalisation of "linear interpolation between closest ranks" that exactextract uses for its
 * {@code quantile} operation (and Wikipedia's "weighted percentile"): with every weight 1, s_k = n k and
 * t = n (n - 1) p / 100, so it is exactly numpy's default "linear" percentile ({@code numpy.percentile(v, p)}), the
 * definition of the centre rule. p = 0 gives the minimum and p = 100 the maximum. A value with a tiny weight moves
 * the percentiles little, but the interpolation does see it as a rank (as exactextract's does).
 *
 * <p>Computed without sorting: a weighted multi-quickselect (Hoare partitions over (value, weight) pairs, the
 * weight of the lower part summed during the scan) finds, for each percentile, the value m whose cumulative weight interval
 * [S_m, S_m + w_m) holds T = (p / 100) W; since (n - 1) S_k &lt;= s_k &lt;= (n - 1) S_{k+1}, the k sought is m or
 * m - 1, so m with its neighbours in the order suffices. Expected O(n), like the unweighted selection.
 */
final class WeightedStatistics {

    /** Below this many pairs a range is insertion-sorted. */
    private static final int SMALL = 16;

    private WeightedStatistics() {
    }

    /**
     * Weighted statistics of {@code values[0..n)} with {@code weights[0..n)} (both arrays are reordered).
     *
     * @param pixelCount      pixels with weight &gt; 0 (valid or not)
     * @param cloudCount      of those, pixels rejected by the SCL mask
     * @param invalidCoverage sum of the weights of the pixels with weight &gt; 0 that are not valid
     */
    static IndexStatistics of(double[] values, double[] weights, int n, long pixelCount, long cloudCount,
                              double invalidCoverage) {
        if (n == 0) {
            return IndexStatistics.noValidPixels(pixelCount, cloudCount, invalidCoverage);
        }
        // Most weights are exactly 1 (interior pixels): counted exactly; the others summed with compensation.
        long whole = 0;
        ValueStatistics.CompensatedSum fractions = new ValueStatistics.CompensatedSum();
        ValueStatistics.CompensatedSum swv = new ValueStatistics.CompensatedSum();
        for (int i = 0; i < n; i++) {
            double w = weights[i];
            if (w == 1) {
                whole++;
            } else {
                fractions.add(w);
            }
            swv.add(w * values[i]);
        }
        double validCoverage = whole + fractions.value();
        double mean = swv.value() / validCoverage;
        ValueStatistics.CompensatedSum squares = new ValueStatistics.CompensatedSum();
        for (int i = 0; i < n; i++) {
            double d = values[i] - mean;
            squares.add(weights[i] * d * d);
        }
        double stdev = Math.sqrt(squares.value() / validCoverage);
        ValueStatistics.Summary summary = ValueStatistics.Summary.of(values, n);
        double[] p = percentiles(values, weights, n, validCoverage, 10, 50, 90);
        double coverage = validCoverage + invalidCoverage; // >= validCoverage whatever the rounding
        return new IndexStatistics(pixelCount, n, pixelCount - n, cloudCount, mean, summary.min(), summary.max(),
                stdev, p[0], p[1], p[2], validCoverage / coverage, summary.histogram(), coverage, validCoverage);
    }

    /**
     * The weighted percentiles {@code qs} (each in [0, 100]) of {@code values[0..n)} with {@code weights[0..n)}, n
     * &gt; 0, as the class Javadoc defines them. Both arrays are reordered.
     *
     * @param totalWeight the sum of the weights (W)
     */
    static double[] percentiles(double[] values, double[] weights, int n, double totalWeight, double... qs) {
        Integer[] order = new Integer[qs.length];
        for (int i = 0; i < qs.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(qs[a], qs[b]));
        Selection sel = new Selection(values, weights, qs.length);
        for (int i = 0; i < qs.length; i++) {
            sel.targets[i] = qs[order[i]] / 100 * totalWeight;
        }
        sel.select(0, n, 0, 0, qs.length, 0, 0, 0, 0, 2 * (32 - Integer.numberOfLeadingZeros(n)));
        double[] out = new double[qs.length];
        for (int i = 0; i < qs.length; i++) {
            out[order[i]] = sel.percentile(i, n, totalWeight, qs[order[i]]);
        }
        return out;
    }

    /**
     * Weighted multi-quickselect over (value, weight) pairs in lexicographic order. For each target T (ascending) it
     * records the rank m whose cumulative interval [S_m, S_m + w_m) holds T, S_m, and the pairs at ranks m - 1, m and
     * m + 1.
     */
    private static final class Selection {
        final double[] v;
        final double[] w;
        final double[] targets;
        final int[] rank;
        final double[] before; // S_m
        final double[][] prev; // {v, w} at rank m - 1, null when m = 0
        final double[][] at;
        final double[][] next; // {v, w} at rank m + 1, null when m = n - 1

        Selection(double[] v, double[] w, int targetCount) {
            this.v = v;
            this.w = w;
            this.targets = new double[targetCount];
            this.rank = new int[targetCount];
            this.before = new double[targetCount];
            this.prev = new double[targetCount][];
            this.at = new double[targetCount][];
            this.next = new double[targetCount][];
        }

        /** exactextract's interpolation for target j (see the class Javadoc). */
        double percentile(int j, int n, double total, double q) {
            int m = rank[j];
            double nm1 = n - 1;
            double t = q / 100 * nm1 * total;
            double sm = m * at[j][1] + nm1 * before[j];
            if (sm <= t || prev[j] == null) {
                if (next[j] == null) {
                    return at[j][0];
                }
                double sNext = (m + 1) * next[j][1] + nm1 * (before[j] + at[j][1]);
                return ValueStatistics.lerp(at[j][0], next[j][0], fraction(t, sm, sNext));
            }
            double sPrev = (m - 1) * prev[j][1] + nm1 * (before[j] - prev[j][1]);
            return ValueStatistics.lerp(prev[j][0], at[j][0], fraction(t, sPrev, sm));
        }

        private static double fraction(double t, double s0, double s1) {
            return Math.min(1, Math.max(0, (t - s0) / (s1 - s0)));
        }

        /**
         * Resolves targets [tFrom, tTo) within pairs [from, to), whose ranks are [from, to) in the full order, with
         * {@code sBefore} the weight of all pairs before {@code from}. [lowFrom, lowTo) is a range whose largest pair
         * is the largest pair before {@code from} (empty when none), [highFrom, highTo) one whose smallest pair is the
         * smallest after {@code to}: the neighbours of a rank at the edge of a leaf.
         */
        void select(int from, int to, double sBefore, int tFrom, int tTo, int lowFrom, int lowTo, int highFrom,
                    int highTo, int depth) {
            while (tFrom < tTo) {
                if (to - from <= SMALL || depth-- <= 0) {
                    sortRange(from, to);
                    double s = sBefore;
                    for (int i = from; i < to && tFrom < tTo; i++) {
                        while (tFrom < tTo && (targets[tFrom] < s + w[i] || i == to - 1)) {
                            double[] before = i > from ? pair(i - 1) : lowFrom < lowTo ? maxOf(lowFrom, lowTo) : null;
                            double[] after = i + 1 < to ? pair(i + 1) : highFrom < highTo ? minOf(highFrom, highTo)
                                    : null;
                            record(tFrom++, i, s, before, after);
                        }
                        s += w[i];
                    }
                    return;
                }
                int pivot = medianOfThree(from, (from + to) >>> 1, to - 1);
                double pv = v[pivot];
                double pw = w[pivot];
                // Hoare partition: afterwards [from, j] <= p <= [j + 1, to); wLeft sums the weights of [from, j] as the
                // scan passes them (positions below the final i: passed over, or swapped in from j).
                int i = from - 1;
                int j = to;
                double wLeft = 0;
                while (true) {
                    while (less(v[++i], w[i], pv, pw)) {
                        wLeft += w[i];
                    }
                    while (less(pv, pw, v[--j], w[j])) {
                        // skip pairs above the pivot
                    }
                    if (i >= j) {
                        break;
                    }
                    swap(i, j);
                    wLeft += w[i];
                }
                if (i == j) {
                    wLeft += w[j]; // equal to the pivot, on the left
                }
                int split = tFrom;
                while (split < tTo && targets[split] < sBefore + wLeft) {
                    split++;
                }
                if (split > tFrom) {
                    select(from, j + 1, sBefore, tFrom, split, lowFrom, lowTo, j + 1, to, depth);
                }
                lowFrom = from;
                lowTo = j + 1;
                sBefore += wLeft;
                tFrom = split;
                from = j + 1;
            }
        }

        private void record(int j, int m, double sBefore, double[] before, double[] after) {
            rank[j] = m;
            this.before[j] = sBefore;
            at[j] = pair(m);
            prev[j] = before;
            next[j] = after;
        }

        private double[] pair(int i) {
            return new double[] {v[i], w[i]};
        }

        private double[] maxOf(int from, int to) {
            int best = from;
            for (int i = from + 1; i < to; i++) {
                if (compare(v[i], w[i], v[best], w[best]) > 0) {
                    best = i;
                }
            }
            return pair(best);
        }

        private double[] minOf(int from, int to) {
            int best = from;
            for (int i = from + 1; i < to; i++) {
                if (compare(v[i], w[i], v[best], w[best]) < 0) {
                    best = i;
                }
            }
            return pair(best);
        }

        private int medianOfThree(int a, int b, int c) {
            if (compare(v[a], w[a], v[b], w[b]) > 0) {
                int t = a;
                a = b;
                b = t;
            }
            if (compare(v[b], w[b], v[c], w[c]) > 0) {
                b = compare(v[a], w[a], v[c], w[c]) > 0 ? a : c;
            }
            return b;
        }

        /** Insertion sort by (value, weight); also the fallback when the depth budget is spent (rare). */
        private void sortRange(int from, int to) {
            if (to - from > SMALL) {
                heapSort(from, to);
                return;
            }
            for (int i = from + 1; i < to; i++) {
                double x = v[i];
                double y = w[i];
                int j = i - 1;
                while (j >= from && compare(v[j], w[j], x, y) > 0) {
                    v[j + 1] = v[j];
                    w[j + 1] = w[j];
                    j--;
                }
                v[j + 1] = x;
                w[j + 1] = y;
            }
        }

        private void heapSort(int from, int to) {
            int n = to - from;
            for (int i = n / 2 - 1; i >= 0; i--) {
                siftDown(from, i, n);
            }
            for (int end = n - 1; end > 0; end--) {
                swap(from, from + end);
                siftDown(from, 0, end);
            }
        }

        private void siftDown(int base, int i, int n) {
            while (true) {
                int child = 2 * i + 1;
                if (child >= n) {
                    return;
                }
                if (child + 1 < n && compare(v[base + child + 1], w[base + child + 1], v[base + child],
                        w[base + child]) > 0) {
                    child++;
                }
                if (compare(v[base + i], w[base + i], v[base + child], w[base + child]) >= 0) {
                    return;
                }
                swap(base + i, base + child);
                i = child;
            }
        }

        private void swap(int i, int j) {
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
            t = w[i];
            w[i] = w[j];
            w[j] = t;
        }

        private static boolean less(double v1, double w1, double v2, double w2) {
            return v1 < v2 || (v1 == v2 && w1 < w2);
        }

        private static int compare(double v1, double w1, double v2, double w2) {
            return v1 < v2 ? -1 : v1 > v2 ? 1 : Double.compare(w1, w2);
        }
    }
}
