package io.eobatch.raster.stats;

import java.util.Arrays;

/**
 * Statistics of a spectral index over the pixels of an AOI on one scene (or one per-day mosaic), under one of two
 * {@link Weighting}s.
 *
 * <p><b>Centre weighting</b> ({@link Weighting#CENTRE}, {@code coverage} and {@code validCoverage} are null).
 * Counts: {@code pixelCount} pixels have their centre inside the AOI (and on the raster);
 * {@code validCount} of them have every needed band non-zero (and not the declared nodata), an SCL class outside the
 * cloud mask, and a non-zero index denominator; {@code nodataCount = pixelCount - validCount} (the GDAL reference's
 * "noData"); {@code cloudCount} counts, for information, the pixels with valid band values that the SCL mask
 * rejects (a subset of {@code nodataCount}).
 * Values: {@code mean}, {@code min}, {@code max}, {@code stdev} (population, two-pass), {@code p10}, {@code p50},
 * {@code p90} (numpy's default "linear" percentiles: interpolation between the closest ranks) over the valid
 * pixels, in double precision. They are {@code NaN} when {@code validCount == 0}.
 * {@code clearFraction = validCount / pixelCount}, 0 when {@code pixelCount == 0}.
 *
 * <p><b>Coverage weighting</b> ({@link Weighting#COVERAGE}, exactextract's definitions): every pixel of the band grid
 * has the weight c = area(pixel ∩ AOI) / area(pixel) in [0, 1], computed exactly in the band's CRS; pixels whose
 * centre is off the raster (or off every scene of a mosaic) are left out, as under the centre rule.
 * <ul>
 *   <li>{@code coverage} = sum of c over the pixels (valid or not): the AOI's area on the raster, in pixels;
 *       {@code validCoverage} = sum of c over the valid pixels; {@code clearFraction = validCoverage / coverage}
 *       (0 when {@code coverage == 0});</li>
 *   <li>{@code pixelCount} = pixels with c &gt; 0, {@code validCount} = valid pixels with c &gt; 0, and
 *       {@code nodataCount}, {@code cloudCount} as above but over the pixels with c &gt; 0;</li>
 *   <li>{@code mean} = sum(c v) / sum(c) and {@code stdev} = sqrt(sum(c (v - mean)^2) / sum(c)) (population) over
 *       the valid pixels; {@code min}, {@code max} over the valid pixels with c &gt; 0;</li>
 *   <li>{@code p10}, {@code p50}, {@code p90}: weighted percentiles, linear interpolation between closest ranks with
 *       weights (exactextract's {@code quantile}), which equal numpy's "linear" percentiles when every weight is 1.
 *       The n valid values are ordered by value (equal values by weight), v_0 &lt;= ... &lt;= v_{n-1} with weights
 *       w_k; each gets the position s_k = k w_k + (n - 1) (w_0 + ... + w_{k-1}) (s_0 = 0, s_{n-1} = (n - 1) W with
 *       W = sum of the weights); the p-th percentile is the value at position t = p/100 (n - 1) W, linearly
 *       interpolated between the v_k and v_{k+1} with s_k &lt;= t &lt; s_{k+1} (v_{n-1} when t reaches s_{n-1});
 *       see {@code WeightedStatistics};</li>
 *   <li>{@code histogram}: counts of the valid pixels with c &gt; 0 per bin, not weighted (its bins hold counts).</li>
 * </ul>
 *
 * @param histogram     counts of the valid values in fixed bins (see {@link Histogram}); all zero when none is valid
 * @param coverage      sum of the pixel weights, in pixels; null under centre weighting
 * @param validCoverage sum of the weights of the valid pixels, in pixels; null under centre weighting
 */
public record IndexStatistics(long pixelCount, long validCount, long nodataCount, long cloudCount,
                              double mean, double min, double max, double stdev,
                              double p10, double p50, double p90,
                              double clearFraction, Histogram histogram,
                              Double coverage, Double validCoverage) {

    /** Bins of the default histogram. */
    public static final int HISTOGRAM_BINS = 20;
    /** Lower edge of the default histogram. */
    public static final double HISTOGRAM_MIN = -1.0;
    /** Upper edge of the default histogram. */
    public static final double HISTOGRAM_MAX = 1.0;

    public IndexStatistics {
        if (pixelCount < 0 || validCount < 0 || validCount > pixelCount || nodataCount != pixelCount - validCount
                || cloudCount < 0 || cloudCount > nodataCount) {
            throw new IllegalArgumentException("inconsistent counts: pixels " + pixelCount + ", valid " + validCount
                    + ", nodata " + nodataCount + ", cloud " + cloudCount);
        }
        if ((coverage == null) != (validCoverage == null) || (coverage != null
                && !(validCoverage >= 0 && validCoverage <= coverage && coverage <= pixelCount))) {
            throw new IllegalArgumentException("inconsistent coverage: " + coverage + ", valid " + validCoverage
                    + ", pixels " + pixelCount);
        }
    }

    /** Statistics under centre weighting (no coverage fields). */
    public IndexStatistics(long pixelCount, long validCount, long nodataCount, long cloudCount,
                           double mean, double min, double max, double stdev,
                           double p10, double p50, double p90,
                           double clearFraction, Histogram histogram) {
        this(pixelCount, validCount, nodataCount, cloudCount, mean, min, max, stdev, p10, p50, p90, clearFraction,
                histogram, null, null);
    }

    /** Statistics of an AOI with no valid pixel, under centre weighting. */
    public static IndexStatistics noValidPixels(long pixelCount, long cloudCount) {
        double nan = Double.NaN;
        return new IndexStatistics(pixelCount, 0, pixelCount, cloudCount, nan, nan, nan, nan, nan, nan, nan, 0.0,
                Histogram.empty());
    }

    /** Statistics of an AOI with no valid pixel, under coverage weighting: {@code validCoverage} 0. */
    public static IndexStatistics noValidPixels(long pixelCount, long cloudCount, double coverage) {
        double nan = Double.NaN;
        return new IndexStatistics(pixelCount, 0, pixelCount, cloudCount, nan, nan, nan, nan, nan, nan, nan, 0.0,
                Histogram.empty(), coverage, 0.0);
    }

    /** How the pixels were weighted: {@link Weighting#COVERAGE} when the coverage fields are set. */
    public Weighting weighting() {
        return coverage == null ? Weighting.CENTRE : Weighting.COVERAGE;
    }

    /** Whether at least one pixel was valid (else the value fields are NaN). */
    public boolean hasValues() {
        return validCount > 0;
    }

    /**
     * Counts of values in {@code counts.length} equal bins over [lower, upper]: bin i holds
     * [edge(i), edge(i + 1)), the last bin also holds {@code upper} (numpy.histogram's bins); values below {@code lower}
     * count in the first bin and values above {@code upper} in the last (indices such as EVI, or NDVI of negative
     * reflectances after the BOA offset, can leave [-1, 1]).
     */
    public record Histogram(double lower, double upper, long[] counts) {

        public Histogram {
            if (!(upper > lower) || counts.length == 0) {
                throw new IllegalArgumentException("bad histogram [" + lower + ", " + upper + "] x " + counts.length);
            }
            counts = counts.clone();
        }

        /** The default 20 bins over [-1, 1] with no counts. */
        public static Histogram empty() {
            return new Histogram(HISTOGRAM_MIN, HISTOGRAM_MAX, new long[HISTOGRAM_BINS]);
        }

        /**
         * The bin of {@code value}, clamped to the end bins, decided against the bin edges exactly as
         * {@code numpy.histogram(numpy.clip(v, lower, upper), bins, (lower, upper))} does: edges
         * {@code lower + i * ((upper - lower) / bins)} (numpy's linspace), a first guess from the scaled value, then
         * one correction step against the edges. A value on an inner edge goes to the bin above it.
         */
        public int bin(double value) {
            int n = counts.length;
            if (!(value > lower)) {
                return 0;
            }
            if (value >= upper) {
                return n - 1;
            }
            int i = (int) ((value - lower) / (upper - lower) * n);
            if (i >= n) {
                i = n - 1;
            }
            if (value < edge(i)) {
                i--;
            } else if (i != n - 1 && value >= edge(i + 1)) {
                i++;
            }
            return i;
        }

        /** Edge {@code i} (0..bins) as numpy.linspace(lower, upper, bins + 1) computes it. */
        public double edge(int i) {
            int n = counts.length;
            return i == n ? upper : i * ((upper - lower) / n) + lower;
        }

        @Override
        public long[] counts() {
            return counts.clone();
        }

        /** Sum of the counts. */
        public long total() {
            long t = 0;
            for (long c : counts) {
                t += c;
            }
            return t;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Histogram h && h.lower == lower && h.upper == upper && Arrays.equals(h.counts, counts);
        }

        @Override
        public int hashCode() {
            return Double.hashCode(lower) * 31 * 31 + Double.hashCode(upper) * 31 + Arrays.hashCode(counts);
        }

        @Override
        public String toString() {
            return "Histogram[" + lower + ", " + upper + "] " + Arrays.toString(counts);
        }
    }
}
