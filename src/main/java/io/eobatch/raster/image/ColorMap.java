package io.eobatch.raster.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Locale;
import java.util.Objects;

/**
 * Maps index values (NDVI, NDWI, ...) to colours over a fixed value range, and renders a value grid to an ARGB image
 * that is transparent where pixels are invalid (clouds, outside the AOI, nodata).
 *
 * <p>Colour ramps are piecewise linear between equally spaced anchor colours, as matplotlib's
 * {@code LinearSegmentedColormap} defines them: {@code RdYlGn} (matplotlib/ColorBrewer, 11 anchors, the default),
 * {@code Blues} (9 anchors, for water indices) and {@code viridis} (approximated by its 11 stops at 0, 0.1, ... 1
 * of matplotlib's 256-entry table; viridis is curved, so between stops this is up to about 10 DN off it: fine for
 * display, not for colour-exact comparisons). Values are clamped to [min, max] first, so a fixed range gives the
 * same colour for the same value on every date and AOI (a time-lapse stays comparable). Unlike matplotlib,
 * which looks up a 256-entry table, colours here are interpolated exactly, so they can differ from a matplotlib
 * rendering by up to the table's step (about 3 DN on RdYlGn's steepest segment).
 *
 * <p>Written by hand because it is a few lines over the JDK; no Maven Central library is worth a dependency for it.
 */
public final class ColorMap {

    /** Default NDVI display range: bare soil and water below -0.2 and dense vegetation above 0.9 saturate. */
    public static final double NDVI_MIN = -0.2;
    public static final double NDVI_MAX = 0.9;

    private static final int[] RDYLGN = {
        0xa50026, 0xd73027, 0xf46d43, 0xfdae61, 0xfee08b, 0xffffbf, 0xd9ef8b, 0xa6d96a, 0x66bd63, 0x1a9850, 0x006837};
    private static final int[] BLUES = {
        0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5, 0x08519c, 0x08306b};
    private static final int[] VIRIDIS = {
        0x440154, 0x482576, 0x414487, 0x35608d, 0x2a788e, 0x21908c, 0x22a884, 0x43bf71, 0x7ad151, 0xbbdf27, 0xfde725};

    private final String name;
    private final int[] anchors;
    private final double min;
    private final double max;

    private ColorMap(String name, int[] anchors, double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(min < max)) {
            throw new IllegalArgumentException("colour map range must be finite with min < max: [" + min + ", " + max + "]");
        }
        this.name = name;
        this.anchors = anchors;
        this.min = min;
        this.max = max;
    }

    /** RdYlGn over the NDVI range [{@value #NDVI_MIN}, {@value #NDVI_MAX}]. */
    public static ColorMap rdYlGn() {
        return rdYlGn(NDVI_MIN, NDVI_MAX);
    }

    /** RdYlGn (red = low, yellow = middle, green = high) over [min, max]. */
    public static ColorMap rdYlGn(double min, double max) {
        return new ColorMap("RdYlGn", RDYLGN, min, max);
    }

    /** Blues (white = low, dark blue = high) over [min, max], e.g. NDWI over [-0.3, 0.6]. */
    public static ColorMap blues(double min, double max) {
        return new ColorMap("Blues", BLUES, min, max);
    }

    /** viridis (purple = low, yellow = high) over [min, max]. */
    public static ColorMap viridis(double min, double max) {
        return new ColorMap("viridis", VIRIDIS, min, max);
    }

    /** A map by name (case-insensitive: "RdYlGn", "Blues", "viridis"), e.g. from a job parameter. */
    public static ColorMap named(String name, double min, double max) {
        switch (Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT)) {
            case "rdylgn":
                return rdYlGn(min, max);
            case "blues":
                return blues(min, max);
            case "viridis":
                return viridis(min, max);
            default:
                throw new IllegalArgumentException("unknown colour map \"" + name + "\" (RdYlGn, Blues, viridis)");
        }
    }

    /** The same colours over another value range. */
    public ColorMap withRange(double newMin, double newMax) {
        return new ColorMap(name, anchors, newMin, newMax);
    }

    public String name() {
        return name;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /**
     * The colour of {@code value} as 0xRRGGBB: clamped to [min, max], then linear between the two nearest anchors.
     * NaN is not a colour: it throws; use {@link #argb(double, boolean)} for possibly invalid values.
     */
    public int rgb(double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("NaN has no colour");
        }
        double t = (value - min) / (max - min);
        if (t <= 0) {
            return anchors[0];
        }
        if (t >= 1) {
            return anchors[anchors.length - 1];
        }
        double pos = t * (anchors.length - 1);
        int i = (int) pos;
        double f = pos - i;
        int a = anchors[i];
        int b = anchors[i + 1];
        return (mix(a >> 16, b >> 16, f) << 16) | (mix(a >> 8, b >> 8, f) << 8) | mix(a, b, f);
    }

    private static int mix(int a, int b, double f) {
        a &= 0xff;
        b &= 0xff;
        return (int) Math.round(a + (b - a) * f);
    }

    /** Opaque 0xFFRRGGBB for a valid finite value; 0 (fully transparent) when invalid or not finite. */
    public int argb(double value, boolean valid) {
        if (!valid || !Double.isFinite(value)) {
            return 0;
        }
        return 0xff000000 | rgb(value);
    }

    /**
     * Renders a row-major grid ({@code values[row * width + col]}) to a {@link BufferedImage#TYPE_INT_ARGB} image:
     * opaque colours where {@code valid} is true and the value is finite, fully transparent elsewhere.
     *
     * @param valid the validity mask, same layout; null = every finite value is valid
     */
    public BufferedImage render(double[] values, boolean[] valid, int width, int height) {
        checkSize(values.length, width, height, "values");
        if (valid != null) {
            checkSize(valid.length, width, height, "valid");
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) {
            px[i] = argb(values[i], valid == null || valid[i]);
        }
        return img;
    }

    static void checkSize(int length, int width, int height, String what) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        if ((long) width * height != length) {
            throw new IllegalArgumentException(what + " has " + length + " cells, not " + width + "x" + height);
        }
    }

    @Override
    public String toString() {
        return name + "[" + min + ", " + max + "]";
    }
}
