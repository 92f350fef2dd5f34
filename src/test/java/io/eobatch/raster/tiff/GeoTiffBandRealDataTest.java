package io.eobatch.raster.tiff;

import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.io.ByteRange;
import io.eobatch.raster.io.FileByteSource;
import io.eobatch.testsupport.TestData;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Real COG clips of ../shared/data against GDAL 3.6.2. Expected numbers from python osgeo:
 * {@code b = gdal.Open(f).GetRasterBand(1); a = b.ReadAsArray().astype(float64)}, window sums
 * {@code a[y:y+h, x:x+w].sum()}, weighted sums {@code sum(a.ravel() * (arange(n) % 7 + 1))}, overviews
 * {@code b.GetOverview(i).ReadAsArray()}, geotransforms {@code ds.GetGeoTransform()} (same as gdalinfo).
 */
class GeoTiffBandRealDataTest {

    static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }

    static double weighted(double[] a) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * (i % 7 + 1);
        }
        return s;
    }

    static double[] toDouble(int[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    @Test
    void dravaB08DeflateCog256() throws Exception {
        Path f = TestData.sharedData().resolve("s2l2a-drava-2023-08/sentinel-2-l2a/S2B_33TWL_20230820_0_L2A/B08.tif");
        try (GeoTiffBand b = GeoTiffBand.open(f.toUri())) {
            assertEquals(new GridGeometry(32633, 334, 250, 559980.0, 5100000.0, 120.0, -120.0), b.grid());
            assertEquals(0.0, b.nodata());
            assertEquals(GeoTiffBand.SampleType.UINT16, b.sampleType());
            assertEquals(256, b.image().tileWidth());
            assertEquals(TiffImage.COMPRESSION_DEFLATE, b.image().compression());

            double[] all = toDouble(b.readWindow(0, 0, 334, 250));
            assertEquals(279629885.0, sum(all), 0);
            assertEquals(1118645906.0, weighted(all), 0);
            assertEquals(3011, all[0]);
            assertEquals(3959, all[20 * 334 + 10]);
            assertEquals(3960, all[45 * 334 + 123]);
            assertEquals(4210, all[249 * 334 + 333]);

            double[] w = toDouble(b.readWindow(100, 50, 200, 150));
            assertEquals(102336258.0, sum(w), 0);
            assertEquals(409567157.0, weighted(w), 0);
            double[] corner = toDouble(b.readWindow(250, 200, 84, 50));
            assertEquals(13565990.0, sum(corner), 0);
            assertEquals(54214723.0, weighted(corner), 0);
            // hangs over the right and bottom edges: GDAL's sum of the part inside, the rest is nodata 0
            assertEquals(1113405.0, sum(toDouble(b.readWindow(300, 240, 100, 100))), 0);

            assertEquals(1, b.overviewCount());
            GeoTiffBand ov = b.overview(0);
            assertEquals(new GridGeometry(32633, 167, 125, 559980.0, 5100000.0, 240.0, -240.0), ov.grid());
            double[] o = ov.readWindowDouble(0, 0, 167, 125);
            assertEquals(69910075.0, sum(o), 0);
            assertEquals(279674728.0, weighted(o), 0);
        }
    }

    @Test
    void dravaSclByte() throws Exception {
        Path f = TestData.sharedData().resolve("s2l2a-drava-2023-08/sentinel-2-l2a/S2A_33TWM_20230815_0_L2A/SCL.tif");
        try (GeoTiffBand b = GeoTiffBand.open(f.toUri())) {
            assertEquals(new GridGeometry(32633, 334, 249, 559980.0, 5120100.0, 120.0, -120.0), b.grid());
            assertEquals(GeoTiffBand.SampleType.UINT8, b.sampleType());
            double[] all = toDouble(b.readWindow(0, 0, 334, 249));
            assertEquals(333122.0, sum(all), 0);
            assertEquals(1332452.0, weighted(all), 0);
            double[] w = toDouble(b.readWindow(17, 33, 256, 100));
            assertEquals(102530.0, sum(w), 0);
            assertEquals(410135.0, weighted(w), 0);
            double[] o = b.overview(0).readWindowDouble(0, 0, 167, 124);
            assertEquals(82958.0, sum(o), 0);
            assertEquals(331834.0, weighted(o), 0);
        }
    }

    @Test
    void rkhB04Deflate512TilesReadsOnlyTheTilesAWindowTouches() throws Exception {
        Path f = TestData.sharedData().resolve("s2l2a-29RKH-20200219/B04.tif");
        try (FileByteSource src = new FileByteSource(f); GeoTiffBand b = GeoTiffBand.open(src)) {
            assertEquals(new GridGeometry(32629, 1098, 1098, 199980.0, 2800020.0, 100.0, -100.0), b.grid());
            assertEquals(512, b.image().tileWidth());
            assertEquals(512, b.image().tileHeight());
            assertEquals(0.0, b.nodata());

            // (500, 500) 100x100 straddles 4 of the 3x3 tiles
            List<ByteRange> ranges = b.windowRanges(500, 500, 100, 100);
            assertEquals(4, ranges.size());
            long tileBytes = ranges.stream().mapToLong(ByteRange::length).sum();
            long before = src.bytesRead();
            double[] w = toDouble(b.readWindow(500, 500, 100, 100));
            assertEquals(tileBytes, src.bytesRead() - before, "exactly the 4 tiles are read");
            assertEquals(35460766.0, sum(w), 0);
            assertEquals(141810892.0, weighted(w), 0);

            double[] big = toDouble(b.readWindow(400, 300, 300, 400));
            assertEquals(400481934.0, sum(big), 0);
            assertEquals(1601865475.0, weighted(big), 0);
            // the same 4 tiles decoded on several threads
            double[] parallel = toDouble(b.parallelDecode(true).readWindow(400, 300, 300, 400));
            b.parallelDecode(false);
            assertEquals(1601865475.0, weighted(parallel), 0);
            double[] br = b.readWindowDouble(1000, 1000, 98, 98);
            assertEquals(34197397.0, sum(br), 0);
            assertEquals(136796311.0, weighted(br), 0);

            double[] all = b.readWindowDouble(0, 0, 1098, 1098);
            assertEquals(4111075585.0, sum(all), 0);
            assertEquals(16444069177.0, weighted(all), 0);
            assertEquals(3248, all[0]);
            assertEquals(2969, all[20 * 1098 + 10]);
            assertEquals(2956, all[45 * 1098 + 123]);
            assertEquals(3664, all[1097 * 1098 + 1097]);

            assertEquals(2, b.overviewCount());
            assertEquals(new GridGeometry(32629, 549, 549, 199980.0, 2800020.0, 200.0, -200.0), b.overview(0).grid());
            double[] o0 = b.overview(0).readWindowDouble(0, 0, 549, 549);
            assertEquals(1027646590.0, sum(o0), 0);
            assertEquals(4110602662.0, weighted(o0), 0);
            double[] o1 = b.overview(1).readWindowDouble(0, 0, 275, 275);
            assertEquals(257819288.0, sum(o1), 0);
            assertEquals(1031330825.0, weighted(o1), 0);
        }
    }

    @Test
    void rkhSclOn200mGrid() throws Exception {
        Path f = TestData.sharedData().resolve("s2l2a-29RKH-20200219/SCL.tif");
        try (GeoTiffBand b = GeoTiffBand.open(f.toUri())) {
            assertEquals(new GridGeometry(32629, 549, 549, 199980.0, 2800020.0, 200.0, -200.0), b.grid());
            double[] all = toDouble(b.readWindow(0, 0, 549, 549));
            assertEquals(1565427.0, sum(all), 0);
            assertEquals(6261154.0, weighted(all), 0);
            double[] w = toDouble(b.readWindow(100, 100, 449, 300));
            assertEquals(690518.0, sum(w), 0);
            assertEquals(2762042.0, weighted(w), 0);
            double[] o = b.overview(0).readWindowDouble(0, 0, 275, 275);
            assertEquals(392715.0, sum(o), 0);
            assertEquals(1570847.0, weighted(o), 0);
        }
    }
}
