package io.eobatch.raster.stats;

import java.util.List;

/**
 * A spectral index computed per pixel in double precision from surface reflectance
 * {@code rho = (DN + boaOffset) * 0.0001}.
 *
 * <p>The normalised differences (NDVI, NDWI) do not depend on the 0.0001 scale, so they are computed on the offset DNs
 * directly ({@code (a - b) / (a + b)} of two exact integers): the same value as on reflectance up to the last bit,
 * and bit for bit what the GDAL/numpy reference computes. EVI is not scale-free and is computed on reflectance.
 * A zero denominator gives {@code NaN}: the pixel is then invalid.
 */
public enum SpectralIndex {

    /** Normalised difference vegetation index: (NIR - RED) / (NIR + RED). Bands: RED, NIR. */
    NDVI(List.of(Band.RED, Band.NIR)) {
        @Override
        public double compute(double red, double nir, double unused) {
            double den = nir + red;
            return den == 0 ? Double.NaN : (nir - red) / den;
        }
    },
    /** Normalised difference water index (McFeeters 1996): (GREEN - NIR) / (GREEN + NIR). Bands: GREEN, NIR. */
    NDWI(List.of(Band.GREEN, Band.NIR)) {
        @Override
        public double compute(double green, double nir, double unused) {
            double den = green + nir;
            return den == 0 ? Double.NaN : (green - nir) / den;
        }
    },
    /**
     * Enhanced vegetation index: 2.5 * (NIR - RED) / (NIR + 6 * RED - 7.5 * BLUE + 1), on reflectance.
     * Bands: BLUE, RED, NIR.
     */
    EVI(List.of(Band.BLUE, Band.RED, Band.NIR)) {
        @Override
        public double compute(double blue, double red, double nir) {
            double b = blue * REFLECTANCE_SCALE;
            double r = red * REFLECTANCE_SCALE;
            double n = nir * REFLECTANCE_SCALE;
            double den = n + 6 * r - 7.5 * b + 1;
            return den == 0 ? Double.NaN : 2.5 * (n - r) / den;
        }
    };

    /** Reflectance per DN of Sentinel-2 L2A (after the BOA offset). */
    public static final double REFLECTANCE_SCALE = 0.0001;

    private final List<Band> bands;

    SpectralIndex(List<Band> bands) {
        this.bands = bands;
    }

    /** The bands the index needs, in the order {@link #compute} takes them. */
    public List<Band> bands() {
        return bands;
    }

    /**
     * The index of one pixel from its offset DNs ({@code DN + boaOffset}) given in the order of {@link #bands()}
     * (a third argument is ignored by two-band indices). {@code NaN} when the denominator is 0.
     */
    public abstract double compute(double b0, double b1, double b2);
}
