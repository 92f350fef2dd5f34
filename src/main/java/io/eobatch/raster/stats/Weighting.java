package io.eobatch.raster.stats;

import java.util.Locale;

/**
 * How much each pixel of the band grid counts in the statistics of an AOI.
 *
 * <ul>
 *   <li>{@link #CENTRE} (the default): a pixel counts fully when its centre lies inside the AOI, not at all
 *       otherwise, as {@code gdal_rasterize} burns it ({@link io.eobatch.raster.PolygonRasterizer}).</li>
 *   <li>{@link #COVERAGE}: a pixel counts with the weight c = area(pixel ∩ AOI) / area(pixel), in the band's CRS, as
 *       exactextract does ({@link io.eobatch.raster.PolygonCoverage}); see {@link IndexStatistics} for the weighted
 *       numbers.</li>
 * </ul>
 */
public enum Weighting {
    /** A pixel is in when its centre is inside the AOI (weight 1), else out (weight 0). */
    CENTRE,
    /** Every pixel weighted by the fraction of its area inside the AOI. */
    COVERAGE;

    /**
     * The weighting named {@code name} ("centre" or "coverage", any case; "center" is accepted too), or
     * {@link #CENTRE} when {@code name} is null or blank (the default of a job parameter left out).
     *
     * @throws IllegalArgumentException naming the accepted values, for any other name
     */
    public static Weighting parse(String name) {
        if (name == null || name.isBlank()) {
            return CENTRE;
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "centre", "center" -> CENTRE;
            case "coverage" -> COVERAGE;
            default -> throw new IllegalArgumentException("weighting must be 'centre' or 'coverage', got '" + name
                    + "'");
        };
    }

    /** The name used in job parameters and outputs: "centre" or "coverage". */
    public String parameterValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
