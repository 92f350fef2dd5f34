package io.eobatch.testsupport;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.RasterBand;
import mil.nga.tiff.FieldTagType;
import mil.nga.tiff.FileDirectory;
import mil.nga.tiff.Rasters;
import mil.nga.tiff.TIFFImage;
import mil.nga.tiff.TiffReader;

/**
 * Test-only {@link RasterBand} over a whole GeoTIFF read with mil.nga:tiff (first image = full resolution; the
 * file is decoded once, windows are copies). Georeferencing from ModelPixelScale (33550), ModelTiepoint (33922) and
 * the GeoKeyDirectory (34735: ProjectedCSTypeGeoKey 3072, GTRasterTypeGeoKey 1025); nodata from GDAL_NODATA (42113).
 * Only north-up, single-band integer rasters (what Sentinel-2 L2A assets are).
 *
 * <p>Use it only through {@link TestRasters#open}: the real COG reader replaces it there.
 */
final class NgaTiffBand implements RasterBand {

    private static final int GEOKEY_RASTER_TYPE = 1025;
    private static final int GEOKEY_PROJECTED_CS_TYPE = 3072;
    private static final int RASTER_PIXEL_IS_POINT = 2;

    private final File file;
    private final GridGeometry grid;
    private final Double nodata;
    private final int[] samples;

    NgaTiffBand(File file) throws IOException {
        this.file = file;
        TIFFImage image = TiffReader.readTiff(file);
        FileDirectory dir = image.getFileDirectory();
        int width = dir.getImageWidth().intValue();
        int height = dir.getImageHeight().intValue();
        List<Double> scale = dir.getModelPixelScale();
        List<Double> tie = dir.getModelTiepoint();
        if (scale == null || tie == null || tie.size() < 6) {
            throw new IOException(file + ": no ModelPixelScale/ModelTiepoint (33550/33922): not a north-up GeoTIFF");
        }
        List<Integer> keys = dir.getIntegerListEntryValue(FieldTagType.GeoKeyDirectory);
        if (keys == null) {
            throw new IOException(file + ": no GeoKeyDirectory (34735)");
        }
        int epsg = geoKey(keys, GEOKEY_PROJECTED_CS_TYPE);
        if (epsg <= 0) {
            throw new IOException(file + ": GeoKeyDirectory has no ProjectedCSTypeGeoKey (3072)");
        }
        double sx = scale.get(0);
        double sy = scale.get(1);
        double originX = tie.get(3) - tie.get(0) * sx;
        double originY = tie.get(4) + tie.get(1) * sy;
        if (geoKey(keys, GEOKEY_RASTER_TYPE) == RASTER_PIXEL_IS_POINT) {
            originX -= sx / 2; // the tie point is a pixel centre (GDAL's default handling)
            originY += sy / 2;
        }
        this.grid = new GridGeometry(epsg, width, height, originX, originY, sx, -sy);
        String nd = dir.getStringEntryValue(FieldTagType.GDAL_NODATA);
        this.nodata = nd == null || nd.isBlank() ? null : Double.valueOf(nd.trim());
        if (dir.getSamplesPerPixel() != 1) {
            throw new IOException(file + ": " + dir.getSamplesPerPixel() + " samples per pixel, expected 1");
        }
        Rasters rasters = dir.readRasters();
        this.samples = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                samples[y * width + x] = rasters.getPixelSample(0, x, y).intValue();
            }
        }
    }

    private static int geoKey(List<Integer> dirKeys, int keyId) {
        int n = dirKeys.get(3);
        for (int k = 0; k < n; k++) {
            int base = 4 + 4 * k;
            if (dirKeys.get(base) == keyId && dirKeys.get(base + 1) == 0) {
                return dirKeys.get(base + 3);
            }
        }
        return -1;
    }

    @Override
    public GridGeometry grid() {
        return grid;
    }

    @Override
    public Double nodata() {
        return nodata;
    }

    @Override
    public int[] readWindow(int col0, int row0, int width, int height) {
        int[] out = new int[width * height];
        int fill = nodata == null ? 0 : nodata.intValue();
        Arrays.fill(out, fill);
        int w = grid.width();
        int h = grid.height();
        for (int r = 0; r < height; r++) {
            int sr = row0 + r;
            if (sr < 0 || sr >= h) {
                continue;
            }
            int c0 = Math.max(col0, 0);
            int c1 = Math.min(col0 + width, w);
            if (c1 > c0) {
                System.arraycopy(samples, sr * w + c0, out, r * width + (c0 - col0), c1 - c0);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "NgaTiffBand[" + file + "]";
    }
}
