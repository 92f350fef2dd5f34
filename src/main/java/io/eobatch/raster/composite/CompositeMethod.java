package io.eobatch.raster.composite;

import java.util.Arrays;
import java.util.Locale;

/** How the valid index values of one pixel over the period become the composite value. */
public enum CompositeMethod {
    /** The greatest value (e.g. max-NDVI: the greenest, least cloudy observation). */
    MAX,
    /** The median; for an even count the mean of the two middle values (numpy's median). */
    MEDIAN,
    /** The arithmetic mean, in double precision. */
    MEAN;

    /** The method named {@code name} (max, median, mean; any case). */
    public static CompositeMethod of(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown composite '" + name + "': max, median or mean");
        }
    }

    /** The composite of {@code values[0..n)} (n >= 1); may reorder them. */
    public double combine(double[] values, int n) {
        switch (this) {
            case MAX -> {
                double m = values[0];
                for (int i = 1; i < n; i++) {
                    m = Math.max(m, values[i]);
                }
                return m;
            }
            case MEAN -> {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += values[i];
                }
                return s / n;
            }
            default -> {
                Arrays.sort(values, 0, n);
                return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
            }
        }
    }
}
