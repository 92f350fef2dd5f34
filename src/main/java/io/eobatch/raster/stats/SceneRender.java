package io.eobatch.raster.stats;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Optional;

import org.locationtech.jts.geom.Geometry;

import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.NearestResampler;
import io.eobatch.raster.PixelMask;
import io.eobatch.raster.PixelWindow;
import io.eobatch.raster.RasterBand;
import io.eobatch.raster.Reprojection;
import io.eobatch.raster.image.ColorMap;
import io.eobatch.raster.image.TrueColour;

/**
 * An AOI on one Sentinel-2 L2A scene as pixels to draw: the index value and validity of every pixel of the AOI's
 * window on the scene's band grid, which pixels are inside the AOI, and optionally the red, green and blue DNs of the
 * window for a true-colour picture.
 *
 * <p>The pixels are exactly those of {@link SceneStatistics#compute}: the same window (the AOI's bounding box on the
 * grid of the index's first band, clipped to the raster), the same rasterization (pixel centre inside the polygon,
 * holes excluded), the same SCL resampling and the same validity rule. So {@link #validCount()} and
 * {@link #clearFraction()} equal the statistics' on the same scene, and an image shows what the numbers describe.
 * Only the window is read from each band.
 *
 * <p>Grids are row-major ({@code values[row * width + col]}), row 0 at the top (north): the layout of
 * {@link ColorMap#render} and {@link TrueColour#render}. Not thread-safe to share while being filled; immutable
 * afterwards (the arrays are not handed out).
 */
public final class SceneRender {

    private final String itemId;
    private final GridGeometry grid;
    private final int width;
    private final int height;
    private final double[] values;
    private final boolean[] valid;
    private final boolean[] inAoi;
    private final int[] red;
    private final int[] green;
    private final int[] blue;
    private final boolean[] rgbValid;
    private final int boaOffset;
    private final long pixelCount;
    private final long validCount;

    private SceneRender(String itemId, GridGeometry grid, double[] values, boolean[] valid, boolean[] inAoi,
                        int[] red, int[] green, int[] blue, boolean[] rgbValid, int boaOffset, long pixelCount,
                        long validCount) {
        this.itemId = itemId;
        this.grid = grid;
        this.width = grid.width();
        this.height = grid.height();
        this.values = values;
        this.valid = valid;
        this.inAoi = inAoi;
        this.red = red;
        this.green = green;
        this.blue = blue;
        this.rgbValid = rgbValid;
        this.boaOffset = boaOffset;
        this.pixelCount = pixelCount;
        this.validCount = validCount;
    }

    /** {@link #render(SceneInput, Geometry, int, SpectralIndex, CloudMask, boolean)} of an AOI in WGS 84. */
    public static Optional<SceneRender> render(SceneInput scene, Geometry aoiWgs84, SpectralIndex index,
                                               CloudMask mask, boolean trueColour) throws IOException {
        return render(scene, aoiWgs84, Reprojection.WGS84, index, mask, trueColour);
    }

    /**
     * Renders an AOI on one scene.
     *
     * @param scene      the scene; must have the index's bands, and BLUE, GREEN and RED when {@code trueColour}
     * @param aoi        Polygon or MultiPolygon in EPSG {@code aoiEpsg} (x = easting or longitude)
     * @param trueColour whether to read the red, green and blue bands over the window too
     * @return empty when the AOI holds no pixel centre of the scene's raster (outside it, or smaller than a pixel)
     * @throws IOException when a band cannot be read
     */
    public static Optional<SceneRender> render(SceneInput scene, Geometry aoi, int aoiEpsg, SpectralIndex index,
                                               CloudMask mask, boolean trueColour) throws IOException {
        PixelMask pixels = SceneStatistics.aoiPixels(scene, aoi, aoiEpsg, index);
        if (pixels == null || pixels.count() == 0) {
            return Optional.empty();
        }
        PixelWindow window = pixels.window();
        int n = (int) window.size();
        SceneStatistics.Samples samples = new SceneStatistics.Samples(scene, pixels, index, mask);
        double[] values = new double[n];
        boolean[] valid = new boolean[n];
        boolean[] inAoi = new boolean[n];
        long pixelCount = 0;
        long validCount = 0;
        for (int i = 0; i < n; i++) {
            values[i] = Double.NaN;
            if (!pixels.isSet(i)) {
                continue;
            }
            inAoi[i] = true;
            int status = samples.classify(i);
            if (status == SceneStatistics.Samples.OUTSIDE) {
                continue;
            }
            pixelCount++;
            if (status == SceneStatistics.Samples.VALID) {
                values[i] = samples.value;
                valid[i] = true;
                validCount++;
            }
        }
        GridGeometry full = pixels.grid();
        GridGeometry windowGrid = full.window(window.col0(), window.row0(), window.width(), window.height());
        int[] r = null;
        int[] g = null;
        int[] b = null;
        boolean[] rgbValid = null;
        if (trueColour) {
            RasterBand rb = scene.band(Band.RED);
            RasterBand gb = scene.band(Band.GREEN);
            RasterBand bb = scene.band(Band.BLUE);
            r = SceneStatistics.sample(rb, full, window);
            g = SceneStatistics.sample(gb, full, window);
            b = SceneStatistics.sample(bb, full, window);
            int ndR = SceneStatistics.nodataValue(rb);
            int ndG = SceneStatistics.nodataValue(gb);
            int ndB = SceneStatistics.nodataValue(bb);
            rgbValid = new boolean[n];
            for (int i = 0; i < n; i++) {
                rgbValid[i] = r[i] != NearestResampler.OUTSIDE && g[i] != NearestResampler.OUTSIDE
                        && b[i] != NearestResampler.OUTSIDE && r[i] != ndR && g[i] != ndG && b[i] != ndB;
            }
        }
        return Optional.of(new SceneRender(scene.itemId(), windowGrid, values, valid, inAoi, r, g, b, rgbValid,
                scene.boaOffset(), pixelCount, validCount));
    }

    /** The STAC item id of the scene. */
    public String itemId() {
        return itemId;
    }

    /** The grid of the window: the scene's band grid cut to the AOI's bounding box (CRS, origin, pixel size). */
    public GridGeometry grid() {
        return grid;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Pixels of the AOI on the scene's raster (as {@link IndexStatistics#pixelCount()}). */
    public long pixelCount() {
        return pixelCount;
    }

    /** Valid pixels of the AOI (as {@link IndexStatistics#validCount()}). */
    public long validCount() {
        return validCount;
    }

    /** validCount / pixelCount, 0 when the AOI has no pixel (as {@link IndexStatistics#clearFraction()}). */
    public double clearFraction() {
        return pixelCount == 0 ? 0.0 : (double) validCount / pixelCount;
    }

    /** The index at window pixel (col, row); NaN when the pixel is invalid or outside the AOI. */
    public double value(int col, int row) {
        return values[row * width + col];
    }

    /** Whether window pixel (col, row) is inside the AOI and valid (bands not nodata, SCL not masked). */
    public boolean isValid(int col, int row) {
        return valid[row * width + col];
    }

    /** Whether the centre of window pixel (col, row) is inside the AOI. */
    public boolean isInAoi(int col, int row) {
        return inAoi[row * width + col];
    }

    /** Whether the red, green and blue bands were read. */
    public boolean hasTrueColour() {
        return red != null;
    }

    /**
     * The index image of the window: colours from {@code colours} where a pixel is inside the AOI and valid,
     * fully transparent elsewhere (clouds, shadows, nodata, outside the AOI).
     */
    public BufferedImage indexImage(ColorMap colours) {
        return colours.render(values, valid, width, height);
    }

    /**
     * The true-colour image of the window with a fixed stretch; transparent where a band is nodata or off the raster,
     * and, when {@code aoiOnly}, outside the AOI. Clouds are shown (that is what a true-colour picture is for).
     *
     * @throws IllegalStateException when the scene was rendered without true colour
     */
    public BufferedImage trueColourImage(TrueColour stretch, boolean aoiOnly) {
        if (red == null) {
            throw new IllegalStateException("scene " + itemId + " was rendered without its red, green and blue bands");
        }
        boolean[] mask = rgbValid;
        if (aoiOnly) {
            mask = rgbValid.clone();
            for (int i = 0; i < mask.length; i++) {
                mask[i] &= inAoi[i];
            }
        }
        return stretch.render(red, green, blue, mask, width, height, boaOffset);
    }
}
