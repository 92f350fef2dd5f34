package io.eobatch.raster.tiff;

import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.io.FileByteSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every encoding variant of src/test/resources/tiff/, checked against GDAL 3.6.2. The fixtures and the expected
 * rows were made once with {@code /usr/bin/python3 src/test/tools/make-tiff-fixtures.py /tmp/tiff-fixtures
 * src/test/resources/tiff} (gdal_translate of a 100x80 window of a drava clip; sums from {@code ReadAsArray()} in
 * float64). Each row: file, band, geotransform (x0, pixel x, y0, pixel y), EPSG, nodata, sum of all pixels,
 * weighted sum (pixel i times {@code i % 7 + 1}, catches misplaced pixels), value at (col 3, row 5), value at
 * (99, 79), sum of the window col 10, row 7, 45x33.
 */
class GeoTiffBandVariantsTest {

    record Row(String file, int band, double x0, double px, double y0, double py, int epsg, Double nodata,
               double sum, double weighted, double v35, double v9979, double windowSum) {
        @Override
        public String toString() {
            return file + " band " + band;
        }
    }

    private static Row row(String file, int band, double x0, double px, double y0, double py, int epsg, Double nodata,
                           double sum, double weighted, double v35, double v9979, double windowSum) {
        return new Row(file, band, x0, px, y0, py, epsg, nodata, sum, weighted, v35, v9979, windowSum);
    }

    static Stream<Row> rows() {
        return Stream.of(
            row("u16_lzw.tif", 0, 583980.0, 120.0, 5082000.0, -120.0, 32633, 0.0, 4809993.0, 19253001.0, 1082.0, 392.0, 829146.0),
            row("u16_deflate_pred2.tif", 0, 583980.0, 120.0, 5082000.0, -120.0, 32633, 0.0, 4809993.0, 19253001.0, 1082.0, 392.0, 829146.0),
            row("u8_deflate_pred2.tif", 0, 583980.0, 120.0, 5082000.0, -120.0, 32633, 0.0, 32555.0, 130170.0, 4.0, 5.0, 5982.0),
            row("i16_lzw_pred2.tif", 0, 583980.0, 120.0, 5082000.0, -120.0, 32633, 0.0, -3190007.0, -12743999.0, 82.0, -608.0, -655854.0),
            row("f32_deflate_pred3.tif", 0, 583980.0, 120.0, 5082000.0, -120.0, 32633, -9999.0, -7038.00140026398, -28146.399804092944, -0.7835999727249146, -0.9215999841690063, -1319.1708009839058),
            row("f32_lzw_pred2.tif", 0, 583980.0, 120.0, 5082000.0, -120.0, 32633, 0.0, -7038.00140026398, -28146.399804092944, -0.7835999727249146, -0.9215999841690063, -1319.1708009839058),
            row("u16_strips_deflate.tif", 0, 583980.0, 120.0, 5082000.0, -120.0, 32633, 0.0, 4809993.0, 19253001.0, 1082.0, 392.0, 829146.0),
            row("u16_strips_none.tif", 0, 583980.0, 120.0, 5082000.0, -120.0, 32633, 0.0, 4809993.0, 19253001.0, 1082.0, 392.0, 829146.0),
            row("u8_strips_packbits.tif", 0, 583980.0, 120.0, 5082000.0, -120.0, 32633, 0.0, 32555.0, 130170.0, 4.0, 5.0, 5982.0),
            row("u16_bigendian_pred2.tif", 0, 583980.0, 120.0, 5082000.0, -120.0, 32633, 0.0, 4809993.0, 19253001.0, 1082.0, 392.0, 829146.0),
            row("f32_bigendian_pred2.tif", 0, 583980.0, 120.0, 5082000.0, -120.0, 32633, 0.0, -7038.00140026398, -28146.399804092944, -0.7835999727249146, -0.9215999841690063, -1319.1708009839058),
            row("u16_bigtiff.tif", 0, 583980.0, 120.0, 5082000.0, -120.0, 32633, 0.0, 4809993.0, 19253001.0, 1082.0, 392.0, 829146.0),
            row("u16_point.tif", 0, 583980.0, 120.0, 5082000.0, -120.0, 32633, 0.0, 4809993.0, 19253001.0, 1082.0, 392.0, 829146.0),
            row("u8_geographic.tif", 0, 15.5, 0.01, 46.5, -0.009999999999999964, 4326, 0.0, 32555.0, 130170.0, 4.0, 5.0, 5982.0),
            row("u16_cog_ovr.tif", 0, 583980.0, 120.0, 5082000.0, -120.0, 32633, 0.0, 4809993.0, 19253001.0, 1082.0, 392.0, 829146.0),
            row("u16_sparse.tif", 0, 583980.0, 120.0, 5082000.0, -120.0, 32633, 0.0, 4005587.0, 16041201.0, 0.0, 392.0, 323499.0),
            row("rgb_pixel_deflate.tif", 0, 583980.0, 120.0, 5082000.0, -120.0, 32633, 0.0, 4809993.0, 19253001.0, 1082.0, 392.0, 829146.0),
            row("rgb_pixel_deflate.tif", 1, 583980.0, 120.0, 5082000.0, -120.0, 32633, 0.0, 6022397.0, 24115906.0, 958.0, 589.0, 1080476.0),
            row("rgb_pixel_deflate.tif", 2, 583980.0, 120.0, 5082000.0, -120.0, 32633, 0.0, 4043612.0, 16207494.0, 635.0, 377.0, 712196.0),
            row("rgb_band_lzw.tif", 0, 583980.0, 120.0, 5082000.0, -120.0, 32633, 0.0, 4809993.0, 19253001.0, 1082.0, 392.0, 829146.0),
            row("rgb_band_lzw.tif", 1, 583980.0, 120.0, 5082000.0, -120.0, 32633, 0.0, 6022397.0, 24115906.0, 958.0, 589.0, 1080476.0),
            row("rgb_band_lzw.tif", 2, 583980.0, 120.0, 5082000.0, -120.0, 32633, 0.0, 4043612.0, 16207494.0, 635.0, 377.0, 712196.0));
    }

    static Path fixture(String name) {
        try {
            return Path.of(GeoTiffBandVariantsTest.class.getResource("/tiff/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double weighted(double[] a) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * (i % 7 + 1);
        }
        return s;
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void readsLikeGdal(Row r) throws Exception {
        try (GeoTiffBand band = GeoTiffBand.open(fixture(r.file()).toUri(), r.band())) {
            GridGeometry g = band.grid();
            assertEquals(new GridGeometry(r.epsg(), 100, 80, r.x0(), r.y0(), r.px(), r.py()), g, r + " grid");
            assertEquals(r.nodata(), band.nodata(), r + " nodata");

            double[] all = band.readWindowDouble(0, 0, 100, 80);
            boolean floating = band.sampleType().isFloatingPoint();
            double tol = floating ? 1e-9 * Math.max(1, Math.abs(r.weighted())) : 0;
            assertEquals(r.sum(), sum(all), tol, r + " sum");
            assertEquals(r.weighted(), weighted(all), tol, r + " weighted sum");
            assertEquals(r.v35(), all[5 * 100 + 3], 0, r + " value at col 3 row 5");
            assertEquals(r.v9979(), all[79 * 100 + 99], 0, r + " value at col 99 row 79");
            assertEquals(r.windowSum(), sum(band.readWindowDouble(10, 7, 45, 33)),
                    floating ? 1e-9 * Math.abs(r.windowSum()) : 0, r + " window sum");

            if (!floating) {
                int[] ints = band.readWindow(0, 0, 100, 80);
                for (int i = 0; i < ints.length; i++) {
                    assertEquals(all[i], ints[i], r + " int pixel " + i);
                }
            }
            // a window hanging over the top-left corner: outside = nodata, inside = the same pixels
            double[] over = band.readWindowDouble(-5, -3, 20, 10);
            double fill = r.nodata() == null ? Double.NaN : r.nodata();
            for (int row = 0; row < 10; row++) {
                for (int col = 0; col < 20; col++) {
                    double expected = row < 3 || col < 5 ? fill : all[(row - 3) * 100 + col - 5];
                    assertEquals(expected, over[row * 20 + col], 0, r + " overhanging window at " + col + "," + row);
                }
            }
        }
    }

    @Test
    void pixelIsPointIsShiftedByHalfAPixelLikeGdal() throws Exception {
        try (GeoTiffBand point = GeoTiffBand.open(fixture("u16_point.tif").toUri())) {
            assertEquals(2, point.headers().geo().geoKey(1025), "RasterTypeGeoKey = PixelIsPoint");
            // the file's tie point is the centre of pixel (0, 0); GDAL reports the corner 583980, 5082000
            double[] tie = point.headers().geo().tiepoints();
            assertEquals(583980.0 + 60, tie[3], 1e-9);
            assertEquals(5082000.0 - 60, tie[4], 1e-9);
            assertEquals(583980.0, point.grid().originX(), 1e-9);
            assertEquals(5082000.0, point.grid().originY(), 1e-9);
        }
    }

    @Test
    void variantsHaveTheLayoutTheyClaim() throws Exception {
        try (GeoTiffBand b = GeoTiffBand.open(fixture("u16_bigtiff.tif").toUri())) {
            assertTrue(b.headers().bigTiff());
        }
        try (GeoTiffBand b = GeoTiffBand.open(fixture("u16_bigendian_pred2.tif").toUri())) {
            assertEquals(java.nio.ByteOrder.BIG_ENDIAN, b.headers().byteOrder());
            assertEquals(2, b.image().predictor());
        }
        try (GeoTiffBand b = GeoTiffBand.open(fixture("f32_deflate_pred3.tif").toUri())) {
            assertEquals(3, b.image().predictor());
            assertEquals(GeoTiffBand.SampleType.FLOAT32, b.sampleType());
        }
        try (GeoTiffBand b = GeoTiffBand.open(fixture("u16_strips_deflate.tif").toUri())) {
            assertFalse(b.image().tiled());
            assertEquals(24, b.image().tileHeight());
            assertEquals(8, b.image().chunkRows(3), "last strip holds 80 - 3 x 24 rows");
        }
        try (GeoTiffBand b = GeoTiffBand.open(fixture("i16_lzw_pred2.tif").toUri())) {
            assertEquals(GeoTiffBand.SampleType.INT16, b.sampleType());
            assertEquals(TiffImage.COMPRESSION_LZW, b.image().compression());
        }
        try (GeoTiffBand b = GeoTiffBand.open(fixture("rgb_band_lzw.tif").toUri(), 2)) {
            assertEquals(2, b.image().planarConfiguration());
            assertEquals(3, b.image().samplesPerPixel());
        }
    }

    @Test
    void sparseTilesAreNotReadAndReadAsNodata() throws Exception {
        try (FileByteSource src = new FileByteSource(fixture("u16_sparse.tif"));
             GeoTiffBand b = GeoTiffBand.open(src)) {
            assertEquals(0, b.image().chunkByteCount(0), "tile 0 is sparse");
            long before = src.readCount();
            int[] w = b.readWindow(0, 0, 32, 32);
            assertEquals(before, src.readCount(), "a sparse tile costs no read");
            assertArrayEquals(new int[32 * 32], w);
            assertTrue(b.windowRanges(0, 0, 32, 32).isEmpty());
        }
    }

    @Test
    void overviewsOfASmallCog() throws Exception {
        try (GeoTiffBand b = GeoTiffBand.open(fixture("u16_cog_ovr.tif").toUri())) {
            assertEquals(2, b.overviewCount());
            GeoTiffBand o0 = b.overview(0);
            GeoTiffBand o1 = b.overview(1);
            assertEquals(new GridGeometry(32633, 50, 40, 583980.0, 5082000.0, 240.0, -240.0), o0.grid());
            assertEquals(new GridGeometry(32633, 25, 20, 583980.0, 5082000.0, 480.0, -480.0), o1.grid());
            // gdal ReadAsArray of GetOverview(i), see make-tiff-fixtures.py
            double[] a0 = o0.readWindowDouble(0, 0, 50, 40);
            assertEquals(1206329.0, sum(a0), 0);
            assertEquals(4791485.0, weighted(a0), 0);
            double[] a1 = o1.readWindowDouble(0, 0, 25, 20);
            assertEquals(296674.0, sum(a1), 0);
            assertEquals(1169630.0, weighted(a1), 0);
            assertEquals(0, o0.overviewCount());
        }
    }
}
