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
 * t = n (n - 1) p / 100, so it is numpy's default "linear" percentile ({@code numpy.percentile(v, p)}, to rounding),
 * the definition of the centre rule. p = 0 gives the minimum and p = 100 the maximum. A value with a tiny weight moves
 * the percentiles little, but the interpolation does see it as a rank (as exactextract's does).
 *
 * <p>Computed without sorting the whole: the values of weight exactly 1 (the interior pixels, nearly all of them) are
 * kept apart from the few others (the boundary pixels), which are sorted by (value, weight) with prefix sums of their
 * weights. A multi-quickselect (Hoare partitions, as the centre rule's {@code ValueStatistics}) runs over the values
 * of weight 1 alone; after each partition around p, the weight of everything at or below (p, 1) in the full order is
 * exactly (the count of values of weight 1 on the lower side) + (the prefix sum of the other weights below (p, 1),
 * by binary search), which says on which side each percentile's target T = (p / 100) W lies. The rank m whose
 * cumulative interval [S_m, S_m + w_m) holds T is found in a small leaf, merged with the boundary pixels of its
 * value range; since (n - 1) S_k &lt;= s_k &lt;= (n - 1) S_{k+1}, the k sought is m or m - 1, so m with its
 * neighbours in the order suffices. Expected O(n), as fast as the unweighted selection, with no per-pixel weight
 * array.
 */
final class WeightedStatistics {

    /** Below this many values of weight 1 a range is sorted and merged with its boundary pixels. */
    private static final int SMALL = 16;

    private WeightedStatistics() {
    }

    /**
     * Weighted statistics of the valid values: {@code units[0..nUnits)} of weight exactly 1 and the pairs
     * {@code (partialValues[k], partialWeights[k])}, k &lt; nPartial, of other weights &gt; 0. Arrays are reordered.
     *
     * @param pixelCount      pixels with weight &gt; 0 (valid or not)
     * @param cloudCount      of those, pixels rejected by the SCL mask
     * @param invalidCoverage sum of the weights of the pixels with weight &gt; 0 that are not valid
     */
    static IndexStatistics of(double[] units, int nUnits, double[] partialValues, double[] partialWeights,
                              int nPartial, long pixelCount, long cloudCount, double invalidCoverage) {
        int n = nUnits + nPartial;
        if (n == 0) {
            return IndexStatistics.noValidPixels(pixelCount, cloudCount, invalidCoverage);
        }
        Partials partials = new Partials(partialValues, partialWeights, nPartial);
        double validCoverage = nUnits + partials.weightBelow(nPartial);
        ValueStatistics.CompensatedSum weighted = new ValueStatistics.CompensatedSum();
        for (int i = 0; i < nUnits; i++) {
            weighted.add(units[i]);
        }
        for (int k = 0; k < nPartial; k++) {
            weighted.add(partialWeights[k] * partialValues[k]);
        }
        double mean = weighted.value() / validCoverage;
        ValueStatistics.CompensatedSum squares = new ValueStatistics.CompensatedSum();
        for (int i = 0; i < nUnits; i++) {
            double d = units[i] - mean;
            squares.add(d * d);
        }
        for (int k = 0; k < nPartial; k++) {
            double d = partialValues[k] - mean;
            squares.add(partialWeights[k] * d * d);
        }
        double stdev = Math.sqrt(squares.value() / validCoverage);
        ValueStatistics.Summary summary = ValueStatistics.Summary.of(units, nUnits, partialValues, nPartial);
        double[] p = new Selection(units, nUnits, partials, validCoverage).percentiles(10, 50, 90);
        double coverage = validCoverage + invalidCoverage; // >= validCoverage whatever the rounding
        return new IndexStatistics(pixelCount, n, pixelCount - n, cloudCount, mean, summary.min(), summary.max(),
                stdev, p[0], p[1], p[2], validCoverage / coverage, summary.histogram(), coverage, validCoverage);
    }

    /** {@link #of(double[], int, double[], double[], int, long, long, double)} of values with any weights. */
    static IndexStatistics of(double[] values, double[] weights, int n, long pixelCount, long cloudCount,
                              double invalidCoverage) {
        Split split = new Split(values, weights, n);
        return of(split.units, split.nUnits, split.partialValues, split.partialWeights, split.nPartial, pixelCount,
                cloudCount, invalidCoverage);
    }

    /**
     * The weighted percentiles {@code qs} (each in [0, 100]) of {@code values[0..n)} with {@code weights[0..n)}
     * (each &gt; 0), n &gt; 0, as the class Javadoc defines them.
     *
     * @param totalWeight the sum of the weights (W)
     */
    static double[] percentiles(double[] values, double[] weights, int n, double totalWeight, double... qs) {
        Split split = new Split(values, weights, n);
        Partials partials = new Partials(split.partialValues, split.partialWeights, split.nPartial);
        return new Selection(split.units, split.nUnits, partials, totalWeight).percentiles(qs);
    }

    /** Values of weight exactly 1 apart from the others. */
    private static final class Split {
        final double[] units;
        final double[] partialValues;
        final double[] partialWeights;
        int nUnits;
        int nPartial;

        Split(double[] values, double[] weights, int n) {
            units = new double[n];
            partialValues = new double[n];
            partialWeights = new double[n];
            for (int i = 0; i < n; i++) {
                if (weights[i] == 1) {
                    units[nUnits++] = values[i];
                } else {
                    partialValues[nPartial] = values[i];
                    partialWeights[nPartial++] = weights[i];
                }
            }
        }
    }

    /** The pairs of weight other than 1, sorted by (value, weight), with the prefix sums of their weights. */
    private static final class Partials {
        final double[] v;
        final double[] w;
        final int count;
        private final double[] prefix; // prefix[k] = w[0] + ... + w[k - 1], compensated

        Partials(double[] v, double[] w, int count) {
            this.v = v;
            this.w = w;
            this.count = count;
            sortPairs(v, w, count);
            prefix = new double[count + 1];
            ValueStatistics.CompensatedSum sum = new ValueStatistics.CompensatedSum();
            for (int k = 0; k < count; k++) {
                sum.add(w[k]);
                prefix[k + 1] = sum.value();
            }
        }

        /** The weight of pairs [0, k). */
        double weightBelow(int k) {
            return prefix[k];
        }

        /** The number of pairs below (value, 1) in the order, within [from, to). */
        int below(double value, int from, int to) {
            int lo = from;
            int hi = to;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (less(v[mid], w[mid], value, 1)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** Sorts the pairs [0, n) by (value, weight): quicksort on both arrays, insertion sort below 16. */
        private static void sortPairs(double[] v, double[] w, int n) {
            sortPairs(v, w, 0, n);
        }

        private static void sortPairs(double[] v, double[] w, int from, int to) {
            while (to - from > 16) {
                int mid = (from + to) >>> 1;
                double pv = v[mid];
                double pw = w[mid];
                int i = from - 1;
                int j = to;
                while (true) {
                    do {
                        i++;
                    } while (less(v[i], w[i], pv, pw));
                    do {
                        j--;
                    } while (less(pv, pw, v[j], w[j]));
                    if (i >= j) {
                        break;
                    }
                    swap(v, w, i, j);
                }
                if (j + 1 - from < to - j - 1) { // recurse into the smaller part: stack depth O(log n)
                    sortPairs(v, w, from, j + 1);
                    from = j + 1;
                } else {
                    sortPairs(v, w, j + 1, to);
                    to = j + 1;
                }
            }
            for (int i = from + 1; i < to; i++) {
                for (int j = i; j > from && less(v[j], w[j], v[j - 1], w[j - 1]); j--) {
                    swap(v, w, j, j - 1);
                }
            }
        }

        private static void swap(double[] v, double[] w, int i, int j) {
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
            t = w[i];
            w[i] = w[j];
            w[j] = t;
        }
    }

    private static boolean less(double v1, double w1, double v2, double w2) {
        return v1 < v2 || (v1 == v2 && w1 < w2);
    }

    /**
     * The multi-quickselect over the values of weight 1 (see the class Javadoc). For each target T (ascending) it
     * records the rank m whose cumulative interval [S_m, S_m + w_m) holds T, S_m, and the pairs at ranks m - 1, m and
     * m + 1 ({@code null} beyond the ends).
     */
    private static final class Selection {
        private final double[] a;
        private final int nUnits;
        private final Partials partials;
        private final double total;
        private final int n;
        private double[] targets;
        private int[] rank;
        private double[] before;
        private double[][] prev;
        private double[][] at;
        private double[][] next;

        Selection(double[] units, int nUnits, Partials partials, double total) {
            this.a = units;
            this.nUnits = nUnits;
            this.partials = partials;
            this.total = total;
            this.n = nUnits + partials.count;
        }

        double[] percentiles(double... qs) {
            Integer[] order = new Integer[qs.length];
            for (int i = 0; i < qs.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Double.compare(qs[x], qs[y]));
            int t = qs.length;
            targets = new double[t];
            rank = new int[t];
            before = new double[t];
            prev = new double[t][];
            at = new double[t][];
            next = new double[t][];
            for (int i = 0; i < t; i++) {
                targets[i] = qs[order[i]] / 100 * total;
            }
            select(0, nUnits, 0, partials.count, 0, t, 0, 0, 0, 0, 2 * (32 - Integer.numberOfLeadingZeros(nUnits)));
            double[] out = new double[t];
            for (int i = 0; i < t; i++) {
                out[order[i]] = percentile(i, qs[order[i]]);
            }
            return out;
        }

        /** exactextract's interpolation for target j (see the class Javadoc). */
        private double percentile(int j, double q) {
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
         * Resolves targets [tFrom, tTo) within the values of weight 1 [from, to) and the other pairs [qFrom, qTo):
         * everything below them in the order is the values [0, from) and the pairs [0, qFrom). The largest of the
         * values [0, from) is the largest of [lowFrom, lowTo), the smallest of [to, nUnits) the smallest of
         * [highFrom, highTo) (ranges empty when there are none): the neighbours of a rank at the edge of a leaf.
         */
        private void select(int from, int to, int qFrom, int qTo, int tFrom, int tTo, int lowFrom, int lowTo,
                            int highFrom, int highTo, int depth) {
            while (tFrom < tTo) {
                if (to - from <= SMALL || depth-- <= 0) {
                    leaf(from, to, qFrom, qTo, tFrom, tTo, lowFrom, lowTo, highFrom, highTo);
                    return;
                }
                double p = ValueStatistics.Selection.median(a[from], a[(from + to) >>> 1], a[to - 1]);
                int j = ValueStatistics.Selection.partition(a, from, to, p);
                // [from, j] <= (p, 1) <= [j + 1, to); the pairs [qFrom, q) are below (p, 1), [q, qTo) not.
                int q = partials.below(p, qFrom, qTo);
                double cut = (j + 1) + partials.weightBelow(q);
                int split = tFrom;
                while (split < tTo && targets[split] < cut) {
                    split++;
                }
                if (split > tFrom) {
                    select(from, j + 1, qFrom, q, tFrom, split, lowFrom, lowTo, j + 1, to, depth);
                }
                lowFrom = from;
                lowTo = j + 1;
                from = j + 1;
                qFrom = q;
                tFrom = split;
            }
        }

        /** Sorts the values [from, to), merges them with the pairs [qFrom, qTo) and walks the cumulative weight. */
        private void leaf(int from, int to, int qFrom, int qTo, int tFrom, int tTo, int lowFrom, int lowTo,
                          int highFrom, int highTo) {
            Arrays.sort(a, from, to);
            int size = (to - from) + (qTo - qFrom);
            double[] mv = new double[size];
            double[] mw = new double[size];
            int i = from;
            int k = qFrom;
            for (int m = 0; m < size; m++) {
                if (k == qTo || (i < to && less(a[i], 1, partials.v[k], partials.w[k]))) {
                    mv[m] = a[i++];
                    mw[m] = 1;
                } else {
                    mv[m] = partials.v[k];
                    mw[m] = partials.w[k++];
                }
            }
            double[] below = larger(lowFrom < lowTo ? new double[] {max(lowFrom, lowTo), 1} : null,
                    qFrom > 0 ? new double[] {partials.v[qFrom - 1], partials.w[qFrom - 1]} : null);
            double[] above = smaller(highFrom < highTo ? new double[] {min(highFrom, highTo), 1} : null,
                    qTo < partials.count ? new double[] {partials.v[qTo], partials.w[qTo]} : null);
            double s = from + partials.weightBelow(qFrom);
            int r = from + qFrom;
            for (int m = 0; m < size && tFrom < tTo; m++) {
                while (tFrom < tTo && (targets[tFrom] < s + mw[m] || m == size - 1)) {
                    rank[tFrom] = r + m;
                    before[tFrom] = s;
                    at[tFrom] = new double[] {mv[m], mw[m]};
                    prev[tFrom] = m > 0 ? new double[] {mv[m - 1], mw[m - 1]} : below;
                    next[tFrom] = m + 1 < size ? new double[] {mv[m + 1], mw[m + 1]} : above;
                    tFrom++;
                }
                s += mw[m];
            }
        }

        private double max(int from, int to) {
            double x = a[from];
            for (int i = from + 1; i < to; i++) {
                x = Math.max(x, a[i]);
            }
            return x;
        }

        private double min(int from, int to) {
            double x = a[from];
            for (int i = from + 1; i < to; i++) {
                x = Math.min(x, a[i]);
            }
            return x;
        }

        private static double[] larger(double[] x, double[] y) {
            return x == null ? y : y == null ? x : less(x[0], x[1], y[0], y[1]) ? y : x;
        }

        private static double[] smaller(double[] x, double[] y) {
            return x == null ? y : y == null ? x : less(y[0], y[1], x[0], x[1]) ? y : x;
        }

    }
}
