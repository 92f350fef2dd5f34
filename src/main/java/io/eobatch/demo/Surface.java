package io.eobatch.demo;

import io.eobatch.demo.Landscape.Cover;

/**
 * Surface reflectance (blue, green, red, nir; 0..1) of each land cover on a day of the year, as a linear mix of
 * end-member spectra whose fractions follow a calendar:
 * <ul>
 *   <li>winter wheat: green in winter (NDVI ~0.35), green-up from March to a peak in May (~0.85), ripening in
 *       June, harvest around 12 July (stubble, then ploughed soil ~0.2), sown in October;</li>
 *   <li>maize: bare soil until mid-May, emergence, peak in August (~0.85), ripening in September, harvest
 *       around 2 October;</li>
 *   <li>grassland: green all year, two cuts (mid-June, mid-August);</li>
 *   <li>deciduous forest: leafless in winter (~0.35), leaf-out in April-May (~0.85), leaf fall in October;</li>
 *   <li>conifer forest: steady (~0.8); water: negative NDVI; town: ~0.15-0.2.</li>
 * </ul>
 * Field calendars are shifted by a few days per field. All numbers are invented to look plausible.
 */
final class Surface {

    // End-member spectra: blue, green, red, nir.
    static final double[] SOIL = {0.07, 0.10, 0.13, 0.19};
    static final double[] GREEN = {0.025, 0.065, 0.028, 0.42};
    static final double[] DRY = {0.06, 0.09, 0.12, 0.28};
    static final double[] BARK = {0.035, 0.05, 0.06, 0.15};
    static final double[] NEEDLE = {0.02, 0.04, 0.022, 0.30};
    static final double[] WATER = {0.055, 0.06, 0.035, 0.018};
    static final double[] URBAN = {0.10, 0.11, 0.125, 0.15};
    static final double[] SNOW = {0.85, 0.83, 0.80, 0.72};
    static final double[] CLOUD = {0.55, 0.54, 0.53, 0.56};

    private static final double[] WHEAT_GREEN_T = {0, 70, 135, 160, 185, 192, 193, 285, 300, 335, 366};
    private static final double[] WHEAT_GREEN = {.22, .22, .95, .95, .08, .08, .03, 0, 0, .22, .22};
    private static final double[] WHEAT_DRY_T = {0, 160, 185, 192, 193, 235, 245, 366};
    private static final double[] WHEAT_DRY = {0, 0, .75, .75, .30, .30, .05, .05};

    private static final double[] MAIZE_GREEN_T = {0, 135, 165, 210, 240, 268, 274, 275, 300, 366};
    private static final double[] MAIZE_GREEN = {0, 0, .20, .95, .95, .35, .35, .02, 0, 0};
    private static final double[] MAIZE_DRY_T = {0, 240, 268, 274, 275, 310, 366};
    private static final double[] MAIZE_DRY = {.05, .05, .50, .50, .25, .05, .05};

    private static final double[] GRASS_GREEN_T = {0, 75, 120, 164, 165, 200, 229, 230, 265, 290, 330, 366};
    private static final double[] GRASS_GREEN = {.45, .45, .82, .82, .35, .78, .78, .35, .68, .68, .45, .45};
    private static final double[] GRASS_DRY_T = {0, 164, 165, 195, 229, 230, 260, 366};
    private static final double[] GRASS_DRY = {.10, .10, .35, .10, .10, .35, .10, .10};

    /** Harvest day of year of wheat and maize, before the per-field shift. */
    static final int WHEAT_HARVEST_DOY = 193;
    static final int MAIZE_HARVEST_DOY = 275;

    private Surface() {
    }

    /**
     * Writes the reflectance of {@code cover} on day {@code doy} (1..366, already shifted for the field) to
     * {@code out[0..3]}; {@code vigour} in [-1, 1] scales the green fraction a little (up to 12 %, more in town),
     * so that NDVI varies inside a field or a forest.
     */
    static void reflectance(Cover cover, double doy, double vigour, double[] out) {
        double g = 1 + 0.12 * vigour;
        switch (cover) {
            case WHEAT -> mix(g * curve(doy, WHEAT_GREEN_T, WHEAT_GREEN), curve(doy, WHEAT_DRY_T, WHEAT_DRY), DRY, out);
            case MAIZE -> mix(g * curve(doy, MAIZE_GREEN_T, MAIZE_GREEN), curve(doy, MAIZE_DRY_T, MAIZE_DRY), DRY, out);
            case GRASS -> mix(g * curve(doy, GRASS_GREEN_T, GRASS_GREEN), curve(doy, GRASS_DRY_T, GRASS_DRY), DRY, out);
            case DECIDUOUS -> {
                double leaf = ramp(doy, 100, 140) * (1 - ramp(doy, 275, 315));
                mix(g * (0.10 + 0.80 * leaf), 0.40 - 0.32 * leaf, BARK, out);
            }
            case CONIFER -> {
                double summer = ramp(doy, 100, 150) * (1 - ramp(doy, 260, 300));
                double needle = Math.min(1, (0.85 + 0.07 * summer) * (1 + 0.05 * vigour));
                for (int b = 0; b < 4; b++) {
                    out[b] = needle * NEEDLE[b] + (1 - needle) * BARK[b];
                }
            }
            case WATER -> {
                double algae = ramp(doy, 150, 190) * (1 - ramp(doy, 250, 290));
                for (int b = 0; b < 4; b++) {
                    out[b] = WATER[b];
                }
                out[1] += 0.01 * algae;
                out[3] += 0.007 * algae;
            }
            case TOWN -> {
                double green = (0.04 + 0.04 * ramp(doy, 100, 140) * (1 - ramp(doy, 280, 320))) * (1 + 0.8 * vigour);
                for (int b = 0; b < 4; b++) {
                    out[b] = (1 - green) * URBAN[b] + green * GREEN[b];
                }
            }
        }
    }

    /** Fraction of the ground covered by snow on a snowy day. */
    static double snowFraction(Cover cover) {
        return switch (cover) {
            case WATER -> 0.0;
            case CONIFER -> 0.25;
            case DECIDUOUS -> 0.55;
            case TOWN -> 0.6;
            default -> 0.9;
        };
    }

    private static void mix(double green, double other, double[] otherSpectrum, double[] out) {
        green = Math.min(green, 1 - other);
        double soil = Math.max(0, 1 - green - other);
        for (int b = 0; b < 4; b++) {
            out[b] = soil * SOIL[b] + green * GREEN[b] + other * otherSpectrum[b];
        }
    }

    /** Piecewise curve through (t[i], v[i]) with smoothstep easing inside each segment. */
    static double curve(double doy, double[] t, double[] v) {
        if (doy <= t[0]) {
            return v[0];
        }
        for (int i = 1; i < t.length; i++) {
            if (doy <= t[i]) {
                double f = (doy - t[i - 1]) / (t[i] - t[i - 1]);
                f = f * f * (3 - 2 * f);
                return v[i - 1] + (v[i] - v[i - 1]) * f;
            }
        }
        return v[v.length - 1];
    }

    /** 0 before a, 1 after b, smooth in between. */
    static double ramp(double doy, double a, double b) {
        if (doy <= a) {
            return 0;
        }
        if (doy >= b) {
            return 1;
        }
        double f = (doy - a) / (b - a);
        return f * f * (3 - 2 * f);
    }

    static double ndvi(double[] r) {
        return (r[3] - r[2]) / (r[3] + r[2]);
    }
}
