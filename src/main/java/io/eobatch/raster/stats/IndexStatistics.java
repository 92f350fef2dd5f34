package io.eobatch.raster.stats;

import java.util.Arrays;

/**
 * Statistics of a spectral index over the pixels of an AOI on one scene (or one per-day mosaic).
 *
 * <p>Counts: {@code pixelCount} pixels have their centre inside the AOI (and on the raster);
 * {@code validCount} of them have every needed band non-zero (and not the declared nodata), an SCL class outside the
 * cloud mask, and a non-zero index denominator; {@code nodataCount = pixelCount - validCount} (the GDAL reference's
 * "noData"); {@code cloudCount} counts, for information, the pixels with valid band values that the SCL mask
 * rejects (a subset of {@code nodataCount}).
 *
 * <p>Values: {@code mean}, {@code min}, {@code max}, {@code stdev} (population, two-pass), {@code p10}, {@code p50},
 * {@code p90} (numpy's default "linear" percentiles: interpolation between the closest ranks) over the valid
 * pixels, in double precision. They are {@code NaN} when {@code validCount == 0}.
 * {@code clearFraction = validCount / pixelCount}, 0 when {@code pixelCount == 0}.
 *
 * @param histogram counts of the valid values in fixed bins (see {@link Histogram}); all zero when none is valid
 */
public record IndexStatistics(long pixelCount, long validCount, long nodataCount, long cloudCount,
                              double mean, double min, double max, double stdev,
                              double p10, double p50, double p90,
                              double clearFraction, Histogram histogram) {

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
    }

    /** Statistics of an AOI with no valid pixel. */
    public static IndexStatistics noValidPixels(long pixelCount, long cloudCount) {
        double nan = Double.NaN;
        return new IndexStatistics(pixelCount, 0, pixelCount, cloudCount, nan, nan, nan, nan, nan, nan, nan, 0.0,
                Histogram.empty());
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
