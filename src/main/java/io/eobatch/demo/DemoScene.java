package io.eobatch.demo;

import io.eobatch.demo.Landscape.Cover;
import io.eobatch.raster.GridGeometry;

/**
 * Renders one synthetic acquisition of one tile: four 10 m bands (blue, green, red, nir as UInt16 DN) and the
 * 20 m scene classification (SCL, UInt8), consistent with each other and with the landscape:
 *
 * <pre>
 *   surface reflectance (land cover, calendar)  x texture  -> snow  -> cloud shadow (darker)
 *     -> cloud (mixed towards a bright, flat spectrum) -> cirrus (a bright veil) -> sensor noise
 *   DN = round(reflectance * 10000) (+ 1000 for baseline 04.00 without the offset removed), 0 = nodata
 * </pre>
 *
 * SCL (evaluated at the 20 m pixel centres with the same functions): 0 outside the swath, 9 / 8 thick / medium
 * cloud, 10 cirrus, 3 cloud shadow, 11 snow, 6 water, 7 cloud edge ("unclassified"), else 4 when the surface
 * NDVI is at least 0.35 and 5 below (bare fields, stubble, town).
 */
final class DemoScene {

    static final int SCL_NODATA = 0;
    static final int SCL_SHADOW = 3;
    static final int SCL_VEGETATION = 4;
    static final int SCL_NOT_VEGETATED = 5;
    static final int SCL_WATER = 6;
    static final int SCL_UNCLASSIFIED = 7;
    static final int SCL_CLOUD_MEDIUM = 8;
    static final int SCL_CLOUD_HIGH = 9;
    static final int SCL_CIRRUS = 10;
    static final int SCL_SNOW = 11;

    private static final double[] CIRRUS_TINT = {1.15, 1.05, 1.0, 0.9};

    /** The fixed per-tile rasters: land cover, field calendar shifts, texture and vigour at 10 m; cover at 20 m. */
    static final class TileModel {
        final GridGeometry grid10;
        final GridGeometry grid20;
        final Cover[] cover10;
        final int[] shift10;
        final float[] texture10;
        final float[] vigour10;
        final Cover[] cover20;
        final int[] shift20;
        /** World pixel index (10 m grid over the demo extent) of column 0 and row 0 of this tile. */
        final int worldCol0;
        final int worldRow0;

        TileModel(Landscape land, GridGeometry grid10) {
            this.grid10 = grid10;
            this.grid20 = new GridGeometry(grid10.epsg(), grid10.width() / 2, grid10.height() / 2,
                    grid10.originX(), grid10.originY(), grid10.pixelSizeX() * 2, grid10.pixelSizeY() * 2);
            int n10 = grid10.width() * grid10.height();
            cover10 = new Cover[n10];
            shift10 = new int[n10];
            texture10 = new float[n10];
            vigour10 = new float[n10];
            for (int r = 0; r < grid10.height(); r++) {
                for (int c = 0; c < grid10.width(); c++) {
                    double x = grid10.colCentreX(c);
                    double y = grid10.rowCentreY(r);
                    int i = r * grid10.width() + c;
                    cover10[i] = land.coverAt(x, y);
                    shift10[i] = land.fieldShiftDays(land.fieldAt(x, y));
                    texture10[i] = (float) land.texture(x, y);
                    vigour10[i] = (float) land.vigour(x, y);
                }
            }
            int n20 = grid20.width() * grid20.height();
            cover20 = new Cover[n20];
            shift20 = new int[n20];
            for (int r = 0; r < grid20.height(); r++) {
                for (int c = 0; c < grid20.width(); c++) {
                    double x = grid20.colCentreX(c);
                    double y = grid20.rowCentreY(r);
                    cover20[r * grid20.width() + c] = land.coverAt(x, y);
                    shift20[r * grid20.width() + c] = land.fieldShiftDays(land.fieldAt(x, y));
                }
            }
            worldCol0 = (int) Math.round((grid10.originX() - Landscape.X0) / grid10.pixelSizeX());
            worldRow0 = (int) Math.round((Landscape.Y1 - grid10.originY()) / -grid10.pixelSizeY());
        }
    }

    /** Rendered rasters and SCL class counts (index = class 0..11). */
    record Result(short[] blue, short[] green, short[] red, short[] nir, byte[] scl, int[] sclCounts) {
    }

    /** Where the swath has no data on this date (a corner of one tile), world coordinates. */
    interface Swath {
        boolean noData(double x, double y);
    }

    private DemoScene() {
    }

    static Result render(long seed, int dateIndex, int dayOfYear, TileModel tile, Sky sky, Swath swath, int dnOffset) {
        GridGeometry g = tile.grid10;
        int w = g.width();
        int n = w * g.height();
        short[][] bands = new short[4][n];
        double[] refl = new double[4];
        for (int r = 0; r < g.height(); r++) {
            double y = g.rowCentreY(r);
            for (int c = 0; c < w; c++) {
                double x = g.colCentreX(c);
                int i = r * w + c;
                if (swath.noData(x, y)) {
                    continue; // DN 0 in every band
                }
                Cover cover = tile.cover10[i];
                Surface.reflectance(cover, dayOfYear - tile.shift10[i], tile.vigour10[i], refl);
                double texture = tile.texture10[i];
                double scale = 1 + (cover == Cover.TOWN ? 0.15 : cover == Cover.WATER ? 0.015 : 0.03) * texture;
                for (int b = 0; b < 4; b++) {
                    refl[b] *= scale;
                }
                atmosphere(seed, dateIndex, sky, cover, x, y, refl);
                int wc = tile.worldCol0 + c;
                int wr = tile.worldRow0 + r;
                for (int b = 0; b < 4; b++) {
                    double v = refl[b] + (0.00005 + 0.0005 * refl[b]) * Noise.gaussian(seed, 80 + b, wc, wr, dateIndex);
                    long dn = Math.round(v * 10000) + dnOffset;
                    bands[b][i] = (short) Math.max(1, Math.min(65535, dn));
                }
            }
        }

        GridGeometry g20 = tile.grid20;
        byte[] scl = new byte[g20.width() * g20.height()];
        int[] counts = new int[12];
        for (int r = 0; r < g20.height(); r++) {
            double y = g20.rowCentreY(r);
            for (int c = 0; c < g20.width(); c++) {
                double x = g20.colCentreX(c);
                int i = r * g20.width() + c;
                int cls = classify(sky, swath, tile.cover20[i], dayOfYear - tile.shift20[i], x, y, refl);
                scl[i] = (byte) cls;
                counts[cls]++;
            }
        }
        return new Result(bands[0], bands[1], bands[2], bands[3], scl, counts);
    }

    private static void atmosphere(long seed, int dateIndex, Sky sky, Cover cover, double x, double y, double[] refl) {
        if (sky.snow) {
            double s = Surface.snowFraction(cover);
            for (int b = 0; b < 4; b++) {
                refl[b] = (1 - s) * refl[b] + s * Surface.SNOW[b];
            }
        }
        if (!sky.cloudy) {
            return;
        }
        double shadow = sky.shadow(x, y);
        double alpha = sky.cloud(x, y);
        double cirrus = sky.cirrus(x, y);
        if (shadow > 0) {
            for (int b = 0; b < 4; b++) {
                refl[b] *= 1 - 0.65 * shadow;
            }
        }
        if (alpha > 0) {
            double bright = 1 + 0.03 * Noise.valueNoise(seed, 90 + 1000L * dateIndex, x / 150.0, y / 150.0);
            for (int b = 0; b < 4; b++) {
                refl[b] = (1 - alpha) * refl[b] + alpha * Surface.CLOUD[b] * bright;
            }
        }
        if (cirrus > 0) {
            for (int b = 0; b < 4; b++) {
                refl[b] += 0.08 * cirrus * CIRRUS_TINT[b];
            }
        }
    }

    private static int classify(Sky sky, Swath swath, Cover cover, double doy, double x, double y, double[] tmp) {
        if (swath.noData(x, y)) {
            return SCL_NODATA;
        }
        double alpha = sky.cloud(x, y);
        if (alpha > 0.6) {
            return SCL_CLOUD_HIGH;
        }
        if (alpha > 0.25) {
            return SCL_CLOUD_MEDIUM;
        }
        if (sky.cirrus(x, y) > 0.45) {
            return SCL_CIRRUS;
        }
        if (sky.shadow(x, y) > 0.35) {
            return SCL_SHADOW;
        }
        if (sky.snow && Surface.snowFraction(cover) >= 0.5) {
            return SCL_SNOW;
        }
        if (cover == Cover.WATER) {
            return SCL_WATER;
        }
        if (alpha > 0.08) {
            return SCL_UNCLASSIFIED;
        }
        Surface.reflectance(cover, doy, 0, tmp);
        return Surface.ndvi(tmp) >= 0.35 ? SCL_VEGETATION : SCL_NOT_VEGETATED;
    }
}
