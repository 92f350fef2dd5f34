package io.eobatch.provider;

import java.util.Arrays;
import java.util.stream.Collectors;

import io.eobatch.raster.stats.IndexStatistics;

/**
 * Index statistics of one item as a provider gives them. The counts and the clear fraction are null when the
 * provider does not give them (ObservEarth's answers have no pixel counts); {@code noData} says the AOI had no
 * pixel in the interval at all. Under coverage weighting the sums of the pixels' weights ({@code coverage}) and of
 * the valid pixels' weights ({@code validCoverage}) are given, and the values are weighted; null otherwise.
 */
public record ItemStatistics(Long pixelCount, Long validCount, Long nodataCount, Double mean, Double min, Double max,
                             Double stdev, Double p10, Double p50, Double p90, Double clearFraction, String histogram,
                             boolean noData, Double coverage, Double validCoverage) {

    /** Statistics under the centre rule (no coverage sums). */
    public ItemStatistics(Long pixelCount, Long validCount, Long nodataCount, Double mean, Double min, Double max,
                          Double stdev, Double p10, Double p50, Double p90, Double clearFraction, String histogram,
                          boolean noData) {
        this(pixelCount, validCount, nodataCount, mean, min, max, stdev, p10, p50, p90, clearFraction, histogram,
                noData, null, null);
    }

    /**
     * From the engine's (or Sentinel Hub's) statistics, which always have counts. A value the statistics do not have
     * (NaN: a percentile Sentinel Hub's answer left out) is null, as for the providers that give no counts.
     */
    public static ItemStatistics of(IndexStatistics s) {
        boolean v = s.hasValues();
        return new ItemStatistics(s.pixelCount(), s.validCount(), s.nodataCount(), num(v, s.mean()),
                num(v, s.min()), num(v, s.max()), num(v, s.stdev()), num(v, s.p10()), num(v, s.p50()),
                num(v, s.p90()), s.clearFraction(),
                Arrays.stream(s.histogram().counts()).mapToObj(Long::toString).collect(Collectors.joining(",")),
                s.pixelCount() == 0, s.coverage(), s.validCoverage());
    }

    /** A value, or null without valid pixels or when the provider did not give it (NaN: e.g. a percentile not asked). */
    private static Double num(boolean valid, double d) {
        return valid && Double.isFinite(d) ? d : null;
    }

    /** No pixel of the AOI in the interval. */
    public static ItemStatistics none() {
        return new ItemStatistics(0L, 0L, 0L, null, null, null, null, null, null, null, 0.0, null, true);
    }
}
