package io.eobatch.raster.tiff;

import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.io.FileByteSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Georeferencing and nodata rules on hand-made header values (what GDAL's GTiff driver does). */
class GeoTiffGeoreferenceTest {

    private static final TiffImage IMAGE = new TiffImage(0, 0, 10, 20, true, 16, 16, new long[4], new long[4],
            1, 1, 16, 1, 1, 1);

    private static GridGeometry grid(int[] keys, double[] scale, double[] tie, double[] matrix) throws IOException {
        TiffFile f = new TiffFile(ByteOrder.LITTLE_ENDIAN, false, List.of(IMAGE),
                new TiffFile.GeoTags(keys, scale, tie, matrix, null), 0);
        return GeoTiffBand.georeference(f, IMAGE, "test.tif");
    }

    private static int[] keys(int... kv) {
        int[] k = new int[4 + 2 * kv.length];
        k[0] = 1;
        k[1] = 1;
        k[3] = kv.length / 2;
        for (int i = 0; i < kv.length / 2; i++) {
            k[4 + 4 * i] = kv[2 * i];
            k[4 + 4 * i + 2] = 1;
            k[4 + 4 * i + 3] = kv[2 * i + 1];
        }
        return k;
    }

    @Test
    void tiepointAndScale() throws IOException {
        // tie point at pixel (2, 3) -> origin moved back by 2 and 3 pixels
        GridGeometry g = grid(keys(3072, 32633), new double[] {10, 10, 0}, new double[] {2, 3, 0, 500020, 4999970, 0}, null);
        assertEquals(new GridGeometry(32633, 10, 20, 500000, 5000000, 10, -10), g);
    }

    @Test
    void modelTransformationWithoutRotation() throws IOException {
        double[] m = {20, 0, 0, 300000, 0, -20, 0, 6000000, 0, 0, 0, 0, 0, 0, 0, 1};
        assertEquals(new GridGeometry(4326, 10, 20, 300000, 6000000, 20, -20), grid(keys(2048, 4326), null, null, m));
    }

    @Test
    void rotatedTransformationIsRefused() {
        double[] m = {20, 1, 0, 300000, 1, -20, 0, 6000000, 0, 0, 0, 0, 0, 0, 0, 1};
        IOException e = assertThrows(IOException.class, () -> grid(null, null, null, m));
        assertTrue(e.getMessage().contains("test.tif") && e.getMessage().contains("rotated"), e.getMessage());
    }

    @Test
    void pixelIsPointMovesTheOriginHalfAPixelUpLeft() throws IOException {
        GridGeometry g = grid(keys(1025, 2, 3072, 32629), new double[] {10, 10, 0}, new double[] {0, 0, 0, 500005, 4999995, 0}, null);
        assertEquals(500000, g.originX(), 1e-9);
        assertEquals(5000000, g.originY(), 1e-9);
    }

    @Test
    void userDefinedOrMissingCrsIsEpsgZero() throws IOException {
        assertEquals(0, grid(keys(3072, 32767), new double[] {1, 1, 0}, new double[] {0, 0, 0, 0, 0, 0}, null).epsg());
        GridGeometry none = grid(null, null, null, null);
        assertEquals(new GridGeometry(0, 10, 20, 0, 0, 1, 1), none);
    }

    @Test
    void nodataText() throws IOException {
        assertNull(GeoTiffBand.parseNodata(null, "f"));
        assertEquals(0.0, GeoTiffBand.parseNodata("0", "f"));
        assertEquals(-9999.0, GeoTiffBand.parseNodata(" -9999 ", "f"));
        assertTrue(GeoTiffBand.parseNodata("nan", "f").isNaN());
        assertEquals(Double.NEGATIVE_INFINITY, GeoTiffBand.parseNodata("-inf", "f"));
        IOException e = assertThrows(IOException.class, () -> GeoTiffBand.parseNodata("abc", "f.tif"));
        assertTrue(e.getMessage().contains("f.tif") && e.getMessage().contains("GDAL_NODATA"), e.getMessage());
    }

    @Test
    void windowOutsideTheRasterIsAllNodataWithoutReading() throws Exception {
        try (FileByteSource src = new FileByteSource(GeoTiffBandVariantsTest.fixture("f32_deflate_pred3.tif"));
             GeoTiffBand b = GeoTiffBand.open(src)) {
            long reads = src.readCount();
            double[] d = b.readWindowDouble(200, 200, 3, 2);
            assertArrayEquals(new double[] {-9999, -9999, -9999, -9999, -9999, -9999}, d);
            assertArrayEquals(new int[] {-9999, -9999}, b.readWindow(-50, 0, 2, 1));
            assertEquals(reads, src.readCount());
        }
    }
}
