package io.eobatch.raster.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Weighted mean, stdev and exactextract's weighted percentiles (definition in WeightedStatistics' Javadoc). */
class WeightedStatisticsTest {

    @Test
    void meanAndPopulationStdevAreWeighted() {
        IndexStatistics s = WeightedStatistics.of(new double[] {0, 1}, new double[] {1, 3}, 2, 5, 1, 0.5);
        assertEquals(0.75, s.mean(), 1e-16);
        assertEquals(Math.sqrt(0.1875), s.stdev(), 1e-16);
        assertEquals(0, s.min(), 0.0);
        assertEquals(1, s.max(), 0.0);
        assertEquals(4.0, s.validCoverage(), 0.0);
        assertEquals(4.5, s.coverage(), 0.0);
        assertEquals(4.0 / 4.5, s.clearFraction(), 1e-16);
        assertEquals(5, s.pixelCount());
        assertEquals(2, s.validCount());
        assertEquals(3, s.nodataCount());
        assertEquals(1, s.cloudCount());
        assertEquals(2, s.histogram().total(), "histogram counts pixels, not weights");
        assertEquals(Weighting.COVERAGE, s.weighting());
    }

    @Test
    void noValidPixelKeepsTheCoverage() {
        IndexStatistics s = WeightedStatistics.of(new double[0], new double[0], 0, 3, 2, 1.25);
        assertEquals(1.25, s.coverage(), 0.0);
        assertEquals(0.0, s.validCoverage(), 0.0);
        assertEquals(0.0, s.clearFraction(), 0.0);
        assertEquals(Double.NaN, s.mean());
    }

    /** Hand-computed: s = (0, 3, 4.2) for weights (1, 1, 0.1); t = p/100 * 2 * 2.1. */
    @Test
    void percentilesByHand() {
        double[] p = WeightedStatistics.percentiles(new double[] {3, 1, 2}, new double[] {0.1, 1, 1}, 3, 2.1,
                0, 10, 50, 90, 100);
        assertArrayEquals(new double[] {1, 1 + 0.42 / 3, 1 + 2.1 / 3, 2 + (3.78 - 3) / 1.2, 3}, p, 1e-15);
    }

    @Test
    void unitWeightsGiveNumpysLinearPercentiles() {
        double[] v = {0.31, -0.2, 0.77, 0.05, 0.5, 0.5, 0.123456789, 0.9, -0.999, 0.3333333333333333, 0.61, 0.07};
        double[] w = new double[v.length];
        Arrays.fill(w, 1);
        double[] p = WeightedStatistics.percentiles(v.clone(), w, v.length, v.length, 10, 50, 90);
        assertArrayEquals(new double[] {-0.175, 0.32166666666666666, 0.7540000000000001}, p, 1e-15);
        IndexStatistics weighted = WeightedStatistics.of(v.clone(), w.clone(), v.length, 20, 3, 8);
        IndexStatistics centre = ValueStatistics.of(v.clone(), v.length, 20, 3);
        assertEquals(centre.mean(), weighted.mean(), 1e-16);
        assertEquals(centre.stdev(), weighted.stdev(), 1e-16);
        assertEquals(centre.histogram(), weighted.histogram());
    }

    /**
     * The selection equals a full sort by (value, weight) followed by the definition, ties and all. To 1e-10, not
     * exactly: the cumulative weights are summed in another order, and positions are of the order of n W.
     */
    @Test
    void selectionEqualsTheDefinitionOnRandomArrays() {
        Random rnd = new Random(7);
        double[] qs = {10, 50, 90, 0, 100, 33.3, 99.9};
        for (int trial = 0; trial < 400; trial++) {
            int n = 1 + rnd.nextInt(trial < 150 ? 30 : 4000);
            int distinct = 1 + rnd.nextInt(trial % 3 == 0 ? 4 : 10000);
            double[] v = new double[n];
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = rnd.nextInt(distinct) / (double) distinct - 0.5;
                w[i] = switch (trial % 4) {
                    case 0 -> 1; // all interior: numpy's linear percentiles
                    case 1 -> (1 + rnd.nextInt(9)) / 10.0; // all boundary
                    case 2 -> rnd.nextInt(4) == 0 ? 1.5 : 1; // weights above 1 sort after the 1s of equal value
                    default -> rnd.nextInt(4) == 0 ? (1 + rnd.nextInt(9)) / 10.0 : 1; // mostly interior pixels
                };
            }
            double total = Arrays.stream(w).sum();
            double[] p = WeightedStatistics.percentiles(v.clone(), w.clone(), n, total, qs);
            for (int i = 0; i < qs.length; i++) {
                assertEquals(bySorting(v, w, qs[i]), p[i], 1e-10, "n " + n + " q " + qs[i] + " trial " + trial);
            }
        }
    }

    @Test
    void resultDoesNotDependOnTheOrderOfThePixels() {
        Random rnd = new Random(11);
        int n = 2000;
        double[] v = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextInt(50) / 50.0;
            w[i] = rnd.nextInt(3) == 0 ? rnd.nextDouble() : 1;
        }
        double total = Arrays.stream(w).sum();
        double[] p = WeightedStatistics.percentiles(v.clone(), w.clone(), n, total, 10, 50, 90);
        Integer[] perm = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        java.util.Collections.shuffle(Arrays.asList(perm), rnd);
        double[] v2 = new double[n];
        double[] w2 = new double[n];
        for (int i = 0; i < n; i++) {
            v2[i] = v[perm[i]];
            w2[i] = w[perm[i]];
        }
        assertArrayEquals(p, WeightedStatistics.percentiles(v2, w2, n, total, 10, 50, 90), 1e-12);
    }

    @Test
    void centreStatisticsHaveNoCoverageAndCoverageMustBeConsistent() {
        IndexStatistics centre = ValueStatistics.of(new double[] {0.5}, 1, 1, 0);
        assertNull(centre.coverage());
        assertNull(centre.validCoverage());
        assertEquals(Weighting.CENTRE, centre.weighting());
        assertThrows(IllegalArgumentException.class, () -> IndexStatistics.noValidPixels(1, 0, 1.5),
                "coverage above the pixel count");
    }

    /** The definition, literally: sort by (value, weight), positions s_k, first k with s_k <= t < s_{k+1}. */
    private static double bySorting(double[] v, double[] w, double q) {
        int n = v.length;
        Integer[] idx = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(idx, Comparator.<Integer>comparingDouble(i -> v[i]).thenComparingDouble(i -> w[i]));
        double[] s = new double[n];
        double cum = 0;
        for (int k = 0; k < n; k++) {
            s[k] = k * w[idx[k]] + (n - 1) * cum;
            cum += w[idx[k]];
        }
        double t = q / 100 * (n - 1) * cum;
        int k = 0;
        while (k + 1 < n && s[k + 1] <= t) {
            k++;
        }
        if (k == n - 1) {
            return v[idx[k]];
        }
        double a = v[idx[k]];
        double b = v[idx[k + 1]];
        return a + (t - s[k]) / (s[k + 1] - s[k]) * (b - a);
    }
}
