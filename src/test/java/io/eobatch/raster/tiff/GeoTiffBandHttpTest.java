package io.eobatch.raster.tiff;

import io.eobatch.raster.io.ByteRange;
import io.eobatch.raster.io.HttpRangeByteSource;
import io.eobatch.raster.io.RangeHttpServer;
import io.eobatch.testsupport.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GeoTIFF reading over HTTP range requests from a server on 127.0.0.1, counting what goes over the wire. */
class GeoTiffBandHttpTest {

    private RangeHttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = new RangeHttpServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static int[] readLocal(Path f, int c, int r, int w, int h) throws IOException {
        try (GeoTiffBand b = GeoTiffBand.open(f.toUri())) {
            return b.readWindow(c, r, w, h);
        }
    }

    @Test
    void smallWindowOfALargeCogFetchesOnlyItsTiles() throws Exception {
        Path f = TestData.sharedData().resolve("s2l2a-29RKH-20200219/B04.tif");
        byte[] bytes = Files.readAllBytes(f);
        URI url = server.serve("/29RKH/B04.tif", bytes);
        TiffHeaderCache cache = new TiffHeaderCache(8);
        HttpRangeByteSource src = HttpRangeByteSource.of(url);
        try (GeoTiffBand b = GeoTiffBand.open(src, 0, false, cache)) {
            long headerRequests = src.requestCount();
            long headerBytes = src.bytesReceived();
            assertEquals(b.headers().headerBytes(), headerBytes);
            assertTrue(headerBytes < 64 * 1024, "headers cost " + headerBytes + " bytes");

            List<ByteRange> tiles = b.windowRanges(500, 500, 100, 100);
            assertEquals(4, tiles.size(), "the window straddles 4 tiles of 512 px");
            long tileBytes = tiles.stream().mapToLong(ByteRange::length).sum();

            int[] w = b.readWindow(500, 500, 100, 100);
            assertArrayEquals(readLocal(f, 500, 500, 100, 100), w);
            long windowBytes = src.bytesReceived() - headerBytes;
            long windowRequests = src.requestCount() - headerRequests;
            assertTrue(windowBytes >= tileBytes && windowBytes <= 1.1 * tileBytes,
                    "window read " + windowBytes + " bytes for " + tileBytes + " bytes of tiles");
            assertTrue(windowRequests <= 4, windowRequests + " requests");
            assertTrue(windowBytes < b.image().totalChunkBytes(), "less than the full-resolution image");
            assertEquals(server.bytesSent(), src.bytesReceived());
        }

        // same URL again: headers from the cache, no header request
        HttpRangeByteSource again = HttpRangeByteSource.of(url);
        try (GeoTiffBand b = GeoTiffBand.open(again, 0, false, cache)) {
            assertEquals(0, again.requestCount(), "no request to open a cached COG");
            assertEquals(1, cache.hits());
            List<ByteRange> tile = b.windowRanges(10, 10, 20, 20);
            assertEquals(1, tile.size());
            assertArrayEquals(readLocal(f, 10, 10, 20, 20), b.readWindow(10, 10, 20, 20));
            assertEquals(1, again.requestCount());
            assertEquals(tile.get(0).length(), again.bytesReceived());
        }
    }

    @Test
    void overviewOverHttp() throws Exception {
        Path f = TestData.sharedData().resolve("s2l2a-drava-2023-08/sentinel-2-l2a/S2B_33TWL_20230820_0_L2A/B08.tif");
        URI url = server.serve("/drava/B08.tif", Files.readAllBytes(f));
        try (GeoTiffBand http = GeoTiffBand.open(url); GeoTiffBand local = GeoTiffBand.open(f.toUri())) {
            assertEquals(local.grid(), http.grid());
            assertArrayEquals(local.overview(0).readWindow(0, 0, 167, 125), http.overview(0).readWindow(0, 0, 167, 125));
            assertArrayEquals(local.readWindow(-10, 100, 400, 30), http.readWindow(-10, 100, 400, 30));
        }
    }

    @Test
    void serverIgnoringRangeStillWorksWithOneDownload() throws Exception {
        Path f = GeoTiffBandVariantsTest.fixture("u16_deflate_pred2.tif");
        byte[] bytes = Files.readAllBytes(f);
        URI url = server.serve("/ignoring/u16.tif", bytes);
        server.ignoreRange(true);
        HttpRangeByteSource src = HttpRangeByteSource.of(url);
        try (GeoTiffBand b = GeoTiffBand.open(src, 0, false, new TiffHeaderCache(0))) {
            assertArrayEquals(readLocal(f, 0, 0, 100, 80), b.readWindow(0, 0, 100, 80));
            assertArrayEquals(readLocal(f, 33, 20, 50, 50), b.readWindow(33, 20, 50, 50));
        }
        assertEquals(1, server.requests());
        assertEquals(bytes.length, src.bytesReceived());
    }

    @Test
    void largePrefixGrowthWhenIfdsLieBeyondTheFirstRead() throws Exception {
        // with a 64-byte first read every IFD of the COG lies beyond it: the parser must grow the prefix
        Path f = GeoTiffBandVariantsTest.fixture("u16_cog_ovr.tif");
        URI url = server.serve("/tiny-prefix.tif", Files.readAllBytes(f));
        HttpRangeByteSource src = HttpRangeByteSource.of(url);
        TiffFile parsed = TiffParser.parse(src, 64);
        assertEquals(3, parsed.images().size());
        assertTrue(src.requestCount() <= 6, src.requestCount() + " header requests");
    }

    @Test
    void errorsNameTheUrl() {
        URI missing = server.uri("/missing.tif");
        IOException e404 = assertThrows(IOException.class, () -> GeoTiffBand.open(missing));
        assertTrue(e404.getMessage().contains(missing.toString()) && e404.getMessage().contains("404"), e404.getMessage());
        URI broken = server.fail("/broken.tif", 500);
        IOException e500 = assertThrows(IOException.class, () -> GeoTiffBand.open(broken));
        assertTrue(e500.getMessage().contains(broken.toString()) && e500.getMessage().contains("500"), e500.getMessage());
        URI notTiff = server.serve("/not.tif", "hello, this is not a TIFF file at all".getBytes());
        IOException bad = assertThrows(IOException.class, () -> GeoTiffBand.open(notTiff));
        assertTrue(bad.getMessage().contains(notTiff.toString()), bad.getMessage());
    }
}
