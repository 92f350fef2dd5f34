package io.eobatch.raster.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * True-colour (red, green, blue) images from Sentinel-2 L2A digital numbers with a fixed stretch, so that every
 * date and AOI is rendered alike (no per-image histogram stretch that would make a time-lapse flicker).
 *
 * <p>Per band: reflectance = (DN + offsetDn) x scale (scale 0.0001 for Sentinel-2 L2A; offsetDn from
 * {@code StacItem.boaOffsetDn()}: -1000 for baseline >= 04.00 unless the provider removed it already); then
 * v = 255 x clamp(reflectance / maxReflectance, 0, 1)^(1 / gamma), rounded. Defaults: maxReflectance 0.3 (bright
 * soil and clouds saturate, as in most true-colour products) and gamma 1.5 (lifts dark vegetation and water; 1 =
 * linear). A pixel is transparent when the mask says invalid or any band has the nodata DN (0) before the offset.
 */
public final class TrueColour {

    public static final double DEFAULT_MAX_REFLECTANCE = 0.3;
    public static final double DEFAULT_GAMMA = 1.5;
    public static final double SENTINEL2_SCALE = 0.0001;
    public static final int NODATA_DN = 0;

    private final double maxReflectance;
    private final double gamma;
    private final double scale;

    /**
     * @param maxReflectance reflectance shown as full brightness (255), > 0
     * @param gamma          display gamma, > 0 (v = t^(1/gamma)); 1 = linear
     * @param scale          DN to reflectance factor, > 0
     */
    public TrueColour(double maxReflectance, double gamma, double scale) {
        if (!(maxReflectance > 0) || !(gamma > 0) || !(scale > 0)) {
            throw new IllegalArgumentException("maxReflectance, gamma and scale must be positive: "
                    + maxReflectance + ", " + gamma + ", " + scale);
        }
        this.maxReflectance = maxReflectance;
        this.gamma = gamma;
        this.scale = scale;
    }

    /** 0..0.3 reflectance, gamma 1.5, Sentinel-2 scale 0.0001. */
    public static TrueColour defaults() {
        return new TrueColour(DEFAULT_MAX_REFLECTANCE, DEFAULT_GAMMA, SENTINEL2_SCALE);
    }

    /** The 8-bit display value of one DN (nodata is not special here). */
    public int encode(int dn, int offsetDn) {
        double t = (dn + (double) offsetDn) * scale / maxReflectance;
        if (!(t > 0)) {
            return 0;
        }
        if (t >= 1) {
            return 255;
        }
        return (int) Math.round(255 * Math.pow(t, 1 / gamma));
    }

    /**
     * Renders row-major band arrays to a {@link BufferedImage#TYPE_INT_ARGB} image.
     *
     * @param valid    the validity mask (AOI, clouds), null = all valid; nodata DNs are always transparent
     * @param offsetDn added to every DN before scaling (e.g. -1000)
     */
    public BufferedImage render(int[] red, int[] green, int[] blue, boolean[] valid, int width, int height, int offsetDn) {
        ColorMap.checkSize(red.length, width, height, "red");
        ColorMap.checkSize(green.length, width, height, "green");
        ColorMap.checkSize(blue.length, width, height, "blue");
        if (valid != null) {
            ColorMap.checkSize(valid.length, width, height, "valid");
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        int[] lut = new int[0];
        for (int i = 0; i < px.length; i++) {
            int r = red[i];
            int g = green[i];
            int b = blue[i];
            if ((valid != null && !valid[i]) || r == NODATA_DN || g == NODATA_DN || b == NODATA_DN) {
                continue; // stays 0: transparent
            }
            int top = Math.max(r, Math.max(g, b));
            if (top >= lut.length) {
                lut = grow(lut, top, offsetDn);
            }
            px[i] = 0xff000000 | (lut[Math.max(r, 0)] << 16) | (lut[Math.max(g, 0)] << 8) | lut[Math.max(b, 0)];
        }
        return img;
    }

    /** A lookup table DN -> display value covering at least 0..dn (DNs are at most 16-bit in practice). */
    private int[] grow(int[] lut, int dn, int offsetDn) {
        int size = Math.max(dn + 1, Math.max(lut.length * 2, 4096));
        int[] bigger = new int[size];
        System.arraycopy(lut, 0, bigger, 0, lut.length);
        for (int v = lut.length; v < size; v++) {
            bigger[v] = encode(v, offsetDn);
        }
        return bigger;
    }
}
