package io.eobatch.raster;

import java.io.IOException;

/**
 * Nearest-neighbour resampling of a band onto a window of another grid, as {@code gdal.Warp(..., resampleAlg='near')}
 * does: each target pixel takes the source pixel that contains the target pixel's centre.
 *
 * <p>Same CRS: the centre x = {@code originX + (col + 0.5) * sizeX} goes to source pixel space with GDAL's inverse
 * geotransform and is floored after adding 1e-10, so that a centre lying on a source pixel edge (up to a rounding
 * error) takes the pixel after the edge. That happens only between grids offset by half a pixel, such as the 120 m
 * test clips of 33TWL and 33TWM, where it gives what {@code gdal.Warp(..., resampleAlg='near')} gives (GDAL 3.6,
 * {@code MosaicReferenceTest}). Rows likewise. The mapping is separable: one pass per column and per row.
 *
 * <p>Different CRS (e.g. scenes of two UTM zones in one mosaic): each target centre is reprojected with
 * {@link Reprojection} and floored the same way; this is exact nearest, where GDAL would use its approximate
 * (interpolating) transformer, so rare pixels near source pixel edges may differ from GDAL in that case.
 *
 * <p>Reads only the source window that the target window's centres fall in, once.
 *
 * <p>Why by hand: JTS and proj4j do not resample rasters, Apache SIS's resampling works on its own coverage types
 * over whole images, and GeoTools is not on Maven Central (see notes/eo.md); this is a few lines of index maths.
 */
public final class NearestResampler {

    /** Value written for target pixels whose centre falls outside the source raster. */
    public static final int OUTSIDE = Integer.MIN_VALUE;

    /** Tolerance on a centre falling on a source pixel edge (pixels). */
    private static final double EDGE_EPSILON = 1e-10;

    private NearestResampler() {
    }

    /**
     * The samples of {@code source} at the centres of {@code window} of {@code target}, row-major
     * ({@code result[r * window.width() + c]}); {@link #OUTSIDE} where a centre is outside the source raster.
     */
    public static int[] sample(RasterBand source, GridGeometry target, PixelWindow window) throws IOException {
        GridGeometry src = source.grid();
        int w = window.width();
        int h = window.height();
        int[] out = new int[w * h];
        if (out.length == 0) {
            return out;
        }
        if (src.epsg() == target.epsg()) {
            int[] cols = new int[w];
            int[] rows = new int[h];
            double invX0 = -src.originX() / src.pixelSizeX();
            double invX1 = 1.0 / src.pixelSizeX();
            double invY0 = -src.originY() / src.pixelSizeY();
            double invY1 = 1.0 / src.pixelSizeY();
            for (int c = 0; c < w; c++) {
                double x = target.originX() + (window.col0() + c + 0.5) * target.pixelSizeX();
                cols[c] = index(invX0 + x * invX1, src.width());
            }
            for (int r = 0; r < h; r++) {
                double y = target.originY() + (window.row0() + r + 0.5) * target.pixelSizeY();
                rows[r] = index(invY0 + y * invY1, src.height());
            }
            int[] colRange = range(cols);
            int[] rowRange = range(rows);
            if (colRange == null || rowRange == null) {
                java.util.Arrays.fill(out, OUTSIDE);
                return out;
            }
            int sw = colRange[1] - colRange[0] + 1;
            int sh = rowRange[1] - rowRange[0] + 1;
            int[] data = source.readWindow(colRange[0], rowRange[0], sw, sh);
            for (int r = 0; r < h; r++) {
                int sr = rows[r];
                for (int c = 0; c < w; c++) {
                    int sc = cols[c];
                    out[r * w + c] = (sr < 0 || sc < 0) ? OUTSIDE
                            : data[(sr - rowRange[0]) * sw + (sc - colRange[0])];
                }
            }
            return out;
        }
        // Different CRS: per-pixel reprojection of the centres.
        int[] idx = new int[w * h * 2];
        int c0 = Integer.MAX_VALUE, c1 = -1, r0 = Integer.MAX_VALUE, r1 = -1;
        double invX0 = -src.originX() / src.pixelSizeX();
        double invX1 = 1.0 / src.pixelSizeX();
        double invY0 = -src.originY() / src.pixelSizeY();
        double invY1 = 1.0 / src.pixelSizeY();
        for (int r = 0; r < h; r++) {
            double y = target.originY() + (window.row0() + r + 0.5) * target.pixelSizeY();
            for (int c = 0; c < w; c++) {
                double x = target.originX() + (window.col0() + c + 0.5) * target.pixelSizeX();
                double[] p = Reprojection.transform(x, y, target.epsg(), src.epsg());
                int sc = index(invX0 + p[0] * invX1, src.width());
                int sr = index(invY0 + p[1] * invY1, src.height());
                if (sc < 0 || sr < 0) {
                    sc = -1;
                    sr = -1;
                } else {
                    c0 = Math.min(c0, sc);
                    c1 = Math.max(c1, sc);
                    r0 = Math.min(r0, sr);
                    r1 = Math.max(r1, sr);
                }
                idx[2 * (r * w + c)] = sc;
                idx[2 * (r * w + c) + 1] = sr;
            }
        }
        if (c1 < 0) {
            java.util.Arrays.fill(out, OUTSIDE);
            return out;
        }
        int sw = c1 - c0 + 1;
        int[] data = source.readWindow(c0, r0, sw, r1 - r0 + 1);
        for (int i = 0; i < out.length; i++) {
            int sc = idx[2 * i];
            int sr = idx[2 * i + 1];
            out[i] = sc < 0 ? OUTSIDE : data[(sr - r0) * sw + (sc - c0)];
        }
        return out;
    }

    /** floor(pixel + 1e-10) when inside [0, size), else -1. */
    private static int index(double pixel, int size) {
        double f = Math.floor(pixel + EDGE_EPSILON);
        return (f >= 0 && f < size) ? (int) f : -1;
    }

    /** {min, max} of the non-negative entries, or null when there is none. */
    private static int[] range(int[] a) {
        int min = Integer.MAX_VALUE;
        int max = -1;
        for (int v : a) {
            if (v >= 0) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return max < 0 ? null : new int[] {min, max};
    }
}
