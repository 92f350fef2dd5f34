package io.eobatch.raster.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.PixelWindow;
import io.eobatch.raster.PolygonRasterizer;
import io.eobatch.raster.Reprojection;
import io.eobatch.raster.io.ByteRange;
import io.eobatch.raster.io.RangeHttpServer;
import io.eobatch.raster.tiff.CogWriter;
import io.eobatch.raster.tiff.GeoTiffBand;
import io.eobatch.testsupport.MemoryBand;
import io.eobatch.testsupport.TestData;

/**
 * NDVI statistics of one scene read through {@link GeoTiffBand} over HTTP range requests from a server on 127.0.0.1:
 * the numbers are those of the same computation from the files (and from the same samples in memory), and the bytes
 * fetched are those of the tiles the AOI's window touches, far below the size of the bands.
 *
 * <p>The scene is made here from the real drava clip S2A_33TWL_20230818 (45 % cloud): B04 and B08 blown up
 * nearest from 120 m to a 2048 x 2048 px, 10 m grid (EPSG:32633, origin 566000, 5091000; 256 px tiles, 8 x 8 tiles,
 * DEFLATE with horizontal predictor, nodata 0) with a deterministic 0..31 DN noise so that tiles do not compress to
 * nothing, and the SCL to 1024 x 1024 px of 20 m (nearest, no noise), all written with {@link CogWriter}.
 */
class StatisticsOverHttpTest {

    private static final int EPSG = 32633;
    private static final String ITEM = "S2A_33TWL_20230818_0_L2A";
    private static final int SIZE = 2048;
    private static final GridGeometry GRID = new GridGeometry(EPSG, SIZE, SIZE, 566000, 5091000, 10, -10);
    private static final GridGeometry SCL_GRID = new GridGeometry(EPSG, SIZE / 2, SIZE / 2, 566000, 5091000, 20, -20);
    private static final GeometryFactory GF = new GeometryFactory();
    private static final Logger LOG = Logger.getLogger(StatisticsOverHttpTest.class.getName());

    @TempDir
    static Path dir;
    private static RangeHttpServer server;
    private static Map<String, byte[]> cogs;
    private static Map<String, int[]> samples;
    private static int serial;

    @BeforeAll
    static void makeScene() throws IOException {
        Path item = TestData.dravaItem(ITEM);
        int[] red = upsample(item.resolve("B04.tif"), GRID, 4);
        int[] nir = upsample(item.resolve("B08.tif"), GRID, 8);
        int[] scl = upsample(item.resolve("SCL.tif"), SCL_GRID, -1);
        CogWriter bands = new CogWriter(GRID, CogWriter.SampleType.UINT16).withTileSize(256).withNodata(0.0);
        CogWriter sclWriter = new CogWriter(SCL_GRID, CogWriter.SampleType.UINT8).withTileSize(256).withNodata(0.0)
                .withResampling(CogWriter.Resampling.NEAREST);
        cogs = Map.of("B04", bands.encode(toShorts(red)), "B08", bands.encode(toShorts(nir)),
                "SCL", sclWriter.encode(toBytes(scl)));
        samples = Map.of("B04", red, "B08", nir, "SCL", scl);
        for (var e : cogs.entrySet()) {
            Files.write(dir.resolve(e.getKey() + ".tif"), e.getValue());
        }
        server = new RangeHttpServer();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * The clip's samples at the centres of {@code grid}'s pixels (nearest, the clip being 120 m), plus a noise of
     * 0..31 DN on non-zero samples when {@code noiseSeed >= 0}.
     */
    private static int[] upsample(Path clip, GridGeometry grid, int noiseSeed) throws IOException {
        try (GeoTiffBand b = GeoTiffBand.open(clip.toUri())) {
            GridGeometry cg = b.grid();
            int[] src = b.readWindow(0, 0, cg.width(), cg.height());
            int[] out = new int[grid.width() * grid.height()];
            for (int r = 0; r < grid.height(); r++) {
                int sr = (int) Math.floor(cg.toRow(grid.rowCentreY(r)));
                for (int c = 0; c < grid.width(); c++) {
                    int sc = (int) Math.floor(cg.toCol(grid.colCentreX(c)));
                    int v = src[sr * cg.width() + sc];
                    if (noiseSeed >= 0 && v != 0) {
                        long h = (r * 4099L + c) * 0x9E3779B97F4A7C15L + noiseSeed;
                        h ^= h >>> 29;
                        h *= 0xBF58476D1CE4E5B9L;
                        v = Math.min(65535, v + (int) ((h >>> 59) & 31));
                    }
                    out[r * grid.width() + c] = v;
                }
            }
            return out;
        }
    }

    private static short[] toShorts(int[] a) {
        short[] s = new short[a.length];
        for (int i = 0; i < a.length; i++) {
            s[i] = (short) a[i];
        }
        return s;
    }

    private static byte[] toBytes(int[] a) {
        byte[] s = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            s[i] = (byte) a[i];
        }
        return s;
    }

    /** Opens the three bands (B04, B08, SCL) at URIs made by {@code uri} from the band name. */
    private static SceneInput open(java.util.function.Function<String, URI> uri) throws IOException {
        return new SceneInput(ITEM, 45.7, Map.of(Band.RED, GeoTiffBand.open(uri.apply("B04")),
                Band.NIR, GeoTiffBand.open(uri.apply("B08"))), GeoTiffBand.open(uri.apply("SCL")), 0);
    }

    private static SceneInput inMemory() {
        return new SceneInput(ITEM, 45.7, Map.of(Band.RED, new MemoryBand(GRID, samples.get("B04"), 0.0),
                Band.NIR, new MemoryBand(GRID, samples.get("B08"), 0.0)),
                new MemoryBand(SCL_GRID, samples.get("SCL"), 0.0), 0);
    }

    /** drava-b of aoi-drava.geojson: about 5.5 x 5.6 km with a hole, lon/lat. */
    private static Geometry dravaB() throws IOException {
        return TestData.featuresById(TestData.sharedData().resolve("aoi/aoi-drava.geojson")).get("drava-b").geometry();
    }

    /**
     * A diamond of 2 km across (UTM 33N) centred on the corner shared by tiles (1,3), (2,3), (1,4) and (2,4)
     * (column, row), where about half of the clip's SCL is clear, in lon/lat.
     */
    private static Geometry cornerDiamond() {
        double x = GRID.originX() + 512 * 10;
        double y = GRID.originY() - 1024 * 10;
        Geometry utm = GF.createPolygon(new Coordinate[] {new Coordinate(x, y + 1000), new Coordinate(x + 1000, y),
                new Coordinate(x, y - 1000), new Coordinate(x - 1000, y), new Coordinate(x, y + 1000)});
        return Reprojection.transform(utm, EPSG, Reprojection.WGS84);
    }

    @Test
    void smallAoiOnATileCornerReadsItsFourTilesPerBandOverHttp() throws Exception {
        assertOverHttp("corner", cornerDiamond(), 4, 0.10);
    }

    @Test
    void realAoiWithAHoleReadsOnlyTheTilesOfItsWindowOverHttp() throws Exception {
        assertOverHttp("drava-b", dravaB(), 12, 0.25);
    }

    /**
     * Computes the statistics over HTTP, from the files and in memory; checks they are equal, that the B04 window
     * touches {@code tilesPerBand} of the 64 tiles, and that the bytes sent are those tiles (<= 1.1 x their
     * TileByteCounts, + headers) and below {@code maxShareOfFiles} of the three files.
     */
    private static void assertOverHttp(String name, Geometry aoi, int tilesPerBand, double maxShareOfFiles)
            throws Exception {
        String prefix = "/" + name + "-" + (serial++) + "/";
        for (var e : cogs.entrySet()) {
            server.serve(prefix + e.getKey() + ".tif", e.getValue());
        }
        server.resetCounters();
        SceneInput http = open(b -> server.uri(prefix + b + ".tif"));
        long headerBytes = server.bytesSent();
        long headerRequests = server.requests();
        server.resetCounters();
        IndexStatistics overHttp = SceneStatistics.compute(http, aoi, SpectralIndex.NDVI, CloudMask.DEFAULT);
        long tileBytesSent = server.bytesSent();
        long tileRequests = server.requests();
        TestData.close(http);

        SceneInput files = open(b -> dir.resolve(b + ".tif").toUri());
        IndexStatistics fromFiles = SceneStatistics.compute(files, aoi, SpectralIndex.NDVI, CloudMask.DEFAULT);
        TestData.close(files);
        IndexStatistics fromMemory = SceneStatistics.compute(inMemory(), aoi, SpectralIndex.NDVI, CloudMask.DEFAULT);

        // (a) the same numbers whichever way the samples come
        assertTrue(overHttp.validCount() > 1000 && overHttp.cloudCount() > 0,
                name + ": a meaningful case: " + overHttp);
        assertEquals(fromFiles, overHttp, name + ": statistics over HTTP vs from the files");
        assertEquals(fromMemory, fromFiles, name + ": statistics from the COG files vs the samples they were made of");

        // (b) only the tiles of the AOI's window
        PixelWindow window = PolygonRasterizer.rasterize(Reprojection.transform(aoi, Reprojection.WGS84, EPSG), GRID)
                .window();
        PixelWindow sclWindow = new PixelWindow(window.col0() / 2, window.row0() / 2,
                (window.col0() + window.width() - 1) / 2 - window.col0() / 2 + 1,
                (window.row0() + window.height() - 1) / 2 - window.row0() / 2 + 1);
        long tileBytes = 0;
        int tiles = 0;
        try (GeoTiffBand red = GeoTiffBand.open(dir.resolve("B04.tif").toUri());
             GeoTiffBand nir = GeoTiffBand.open(dir.resolve("B08.tif").toUri());
             GeoTiffBand scl = GeoTiffBand.open(dir.resolve("SCL.tif").toUri())) {
            List<ByteRange> redTiles = red.windowRanges(window.col0(), window.row0(), window.width(), window.height());
            assertEquals(tilesPerBand, redTiles.size(), name + ": tiles of B04 under the window " + window);
            for (List<ByteRange> ranges : List.of(redTiles,
                    nir.windowRanges(window.col0(), window.row0(), window.width(), window.height()),
                    scl.windowRanges(sclWindow.col0(), sclWindow.row0(), sclWindow.width(), sclWindow.height()))) {
                tiles += ranges.size();
                tileBytes += ranges.stream().mapToLong(ByteRange::length).sum();
            }
        }
        long fileBytes = cogs.values().stream().mapToLong(b -> b.length).sum();
        String what = name + ": window " + window + ", " + tiles + " tiles of " + tileBytes + " bytes; sent "
                + tileBytesSent + " bytes in " + tileRequests + " requests after " + headerBytes + " header bytes in "
                + headerRequests + " requests; files " + fileBytes + " bytes";
        LOG.info(what);
        assertTrue(tileBytesSent >= tileBytes, what);
        assertTrue(tileBytesSent <= 1.1 * tileBytes, what);
        assertTrue(tileRequests <= tiles, what);
        assertEquals(3, headerRequests, what);
        assertTrue(headerBytes <= 3 * 16 * 1024, what);
        assertTrue(headerBytes + tileBytesSent < maxShareOfFiles * fileBytes, what);
    }
}
