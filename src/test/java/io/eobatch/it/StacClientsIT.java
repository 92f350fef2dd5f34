package io.eobatch.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.eobatch.raster.io.FileByteSource;
import io.eobatch.raster.tiff.TiffFile;
import io.eobatch.raster.tiff.TiffImage;
import io.eobatch.raster.tiff.TiffParser;
import io.eobatch.testsupport.StacSchemas;

/**
 * The results of a tiled-composite execution (the README's run: 4 tiles of 9.6 km at 30 m over the Drava clips) as
 * COG and STAC clients load them, over real HTTP against the provisioned server: byte ranges on a tile COG, every
 * STAC document against the official schemas, GDAL's STACIT driver opening the items as one mosaic whose pixels are
 * the COGs', and GDAL's {@code /vsicurl/} reading one internal tile of a COG for little more than that tile's bytes.
 * The GDAL tests skip with a message where GDAL is not installed.
 */
class StacClientsIT {

    private static final Path DATA_DIR = Path.of(System.getProperty("eobatch.it.data.dir", "target/it-data"));
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static long id;
    private static Path results;
    private static List<String> tiles;

    @BeforeAll
    static void runTiledComposite() {
        Fixtures.requireSharedData();
        Api.awaitReady(Duration.ofMinutes(3));
        id = Fixtures.start("tiled-composite", "{\"bbox\":\"15.92,45.95,16.05,46.03\",\"catalog\":\"drava\","
                + "\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"tileSize\":9.6,\"resolution\":30}");
        JsonObject e = Api.awaitTerminal(id, Duration.ofMinutes(5));
        assertEquals("COMPLETED", e.getString("status"), e.toString());
        results = DATA_DIR.resolve("results").resolve(Long.toString(e.getJsonNumber("instanceId").longValue()));
        tiles = Fixtures.items(id).stream().map(v -> v.asJsonObject().getString("sceneId")).sorted().toList();
        assertEquals(4, tiles.size(), tiles.toString());
    }

    private static String cogUrl(String tile) {
        return Api.BASE + "/api/executions/" + id + "/results/tiles/" + tile + ".tif";
    }

    private static HttpResponse<byte[]> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = Api.authorize(HttpRequest.newBuilder(URI.create(url))).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    // ---------------------------------------------------------------------------------------------- ranges

    @Test
    void aTileCogAnswersByteRangesLikeAStaticCogHost() throws Exception {
        String url = cogUrl(tiles.get(0));
        byte[] file = Files.readAllBytes(results.resolve("tiles").resolve(tiles.get(0) + ".tif"));
        int size = file.length;

        HttpResponse<byte[]> whole = get(url);
        assertEquals(200, whole.statusCode());
        assertEquals("bytes", whole.headers().firstValue("Accept-Ranges").orElse(null));
        assertArrayEquals(file, whole.body());
        String etag = whole.headers().firstValue("ETag").orElseThrow();
        String lastModified = whole.headers().firstValue("Last-Modified").orElseThrow();

        HttpResponse<byte[]> head = get(url, "Range", "bytes=0-16383");
        assertEquals(206, head.statusCode());
        assertEquals("bytes 0-16383/" + size, head.headers().firstValue("Content-Range").orElse(null));
        assertEquals("16384", head.headers().firstValue("Content-Length").orElse(null));
        assertEquals("bytes", head.headers().firstValue("Accept-Ranges").orElse(null));
        assertEquals(etag, head.headers().firstValue("ETag").orElse(null), "the same ETag as the whole file");
        assertArrayEquals(Arrays.copyOfRange(file, 0, 16384), head.body());

        HttpResponse<byte[]> middle = get(url, "Range", "bytes=1000-1999");
        assertEquals(206, middle.statusCode());
        assertArrayEquals(Arrays.copyOfRange(file, 1000, 2000), middle.body());

        HttpResponse<byte[]> tail = get(url, "Range", "bytes=-100");
        assertEquals(206, tail.statusCode());
        assertEquals("bytes " + (size - 100) + "-" + (size - 1) + "/" + size,
                tail.headers().firstValue("Content-Range").orElse(null));
        assertArrayEquals(Arrays.copyOfRange(file, size - 100, size), tail.body());

        HttpResponse<byte[]> pastTheEnd = get(url, "Range", "bytes=" + size + "-");
        assertEquals(416, pastTheEnd.statusCode());
        assertEquals("bytes */" + size, pastTheEnd.headers().firstValue("Content-Range").orElse(null));
        assertTrue(pastTheEnd.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));

        HttpResponse<byte[]> several = get(url, "Range", "bytes=0-99,200-299");
        assertEquals(200, several.statusCode(), "several ranges: the documented fallback, the whole file");
        assertArrayEquals(file, several.body());

        HttpResponse<byte[]> current = get(url, "Range", "bytes=0-99", "If-Range", etag);
        assertEquals(206, current.statusCode(), "If-Range with the current ETag: the range");
        HttpResponse<byte[]> byDate = get(url, "Range", "bytes=0-99", "If-Range", lastModified);
        assertEquals(206, byDate.statusCode(), "If-Range with the Last-Modified date: the range");
        HttpResponse<byte[]> stale = get(url, "Range", "bytes=0-99", "If-Range", "\"0000\"");
        assertEquals(200, stale.statusCode(), "If-Range with another ETag: the whole (changed) file");
        assertArrayEquals(file, stale.body());
        HttpResponse<byte[]> unchanged = get(url, "Range", "bytes=0-99", "If-None-Match", etag);
        assertEquals(304, unchanged.statusCode(), "a conditional GET of an unchanged file: 304, range or not");
    }

    @Test
    void aBadRangeHeaderIsNeverAServerError() throws Exception {
        String url = cogUrl(tiles.get(1));
        for (String range : List.of("bytes=abc-def", "bytes=5-3", "bytes=-", "bytes", "pages=1-2", "bytes=--1",
                "bytes=99999999999999999999999999-", "bytes=0-99999999999999999999999999", "bytes=\u00e9-1",
                "bytes=0-1,,,,", " ", "bytes=-0")) {
            HttpResponse<byte[]> r = get(url, "Range", range);
            assertTrue(List.of(200, 206, 416).contains(r.statusCode()), range + ": " + r.statusCode());
        }
    }

    // ---------------------------------------------------------------------------------------------- STAC

    @Test
    void everyStacDocumentValidatesAndTheEobatchSchemaIsServed() throws Exception {
        Api.Response schema = Api.get("/api/stac/eobatch/v1.0.0/schema.json");
        assertEquals(200, schema.status(), schema.body());
        assertTrue(schema.contentType().startsWith("application/schema+json"), schema.contentType());
        assertEquals("http://json-schema.org/draft-07/schema#", schema.json().getString("$schema"));

        Api.Response c = Api.get("/api/executions/" + id + "/stac");
        assertEquals(List.of(), StacSchemas.problems(c.body()), c.body());
        Api.Response items = Api.get("/api/executions/" + id + "/stac/items", "application/geo+json");
        assertEquals(List.of(), StacSchemas.problems(items.body()));
        for (String tile : tiles) {
            Api.Response one = Api.get("/api/executions/" + id + "/stac/items/" + tile);
            assertEquals(List.of(), StacSchemas.problems(one.body()), one.body());
            JsonObject item = one.json();
            assertTrue(item.getJsonArray("stac_extensions").toString().contains(Api.BASE
                    + "/api/stac/eobatch/v1.0.0/schema.json"), "the eobatch schema on this server is listed");
            JsonObject p = item.getJsonObject("properties");
            assertEquals(32633, p.getInt("proj:epsg"));
            assertEquals("[320,320]", p.get("proj:shape").toString());
            assertEquals("L3", p.getString("processing:level"));
            assertTrue(p.getString("processing:lineage").contains("tiled-composite"), p.toString());
            JsonObject band = item.getJsonObject("assets").getJsonObject("data").getJsonArray("raster:bands")
                    .getJsonObject(0);
            assertEquals("float32", band.getString("data_type"));
            assertEquals("nan", band.getString("nodata"));
        }
    }

    // ---------------------------------------------------------------------------------------------- GDAL

    /**
     * GDAL's STACIT driver reads the ItemCollection, chooses the COG assets by their type and places them by
     * {@code proj:epsg}/{@code proj:shape}/{@code proj:transform} without opening them; the mosaic's pixels are
     * every tile COG's (as GDAL reads each COG itself, through {@code /vsicurl/} and so the server's ranges).
     */
    @Test
    void gdalStacitOpensTheItemsAsOneMosaicWithTheCogsPixels(@TempDir Path dir) throws Exception {
        Gdal.require();
        Map<String, String> options = Gdal.REMOTE;
        String stacit = "STACIT:\"" + Api.BASE + "/api/executions/" + id + "/stac/items\":asset=data";
        JsonObject mosaic = Gdal.info(options, stacit);
        JsonArray size = mosaic.getJsonArray("size");
        assertEquals(640, size.getInt(0), "two tiles across: " + mosaic);
        assertEquals(640, size.getInt(1), "two tiles down: " + mosaic);
        JsonArray gt = mosaic.getJsonArray("geoTransform");
        assertTrue(mosaic.getJsonObject("coordinateSystem").getString("wkt").contains("32633"), mosaic.toString());
        float[] all = Gdal.readFloats(options, stacit, null, dir);
        assertEquals(640 * 640, all.length);

        int compared = 0;
        for (String tile : tiles) {
            String cog = "/vsicurl/" + cogUrl(tile);
            JsonArray tgt = Gdal.info(options, cog).getJsonArray("geoTransform");
            int col0 = (int) Math.round((tgt.getJsonNumber(0).doubleValue() - gt.getJsonNumber(0).doubleValue()) / 30);
            int row0 = (int) Math.round((gt.getJsonNumber(3).doubleValue() - tgt.getJsonNumber(3).doubleValue()) / 30);
            float[] pixels = Gdal.readFloats(options, cog, null, dir);
            assertEquals(320 * 320, pixels.length);
            for (int r = 0; r < 320; r++) {
                for (int c = 0; c < 320; c++) {
                    float want = pixels[r * 320 + c];
                    float got = all[(row0 + r) * 640 + col0 + c];
                    assertTrue(Float.compare(want, got) == 0, tile + " (" + c + ", " + r + "): COG " + want
                            + ", mosaic " + got);
                    compared++;
                }
            }
        }
        assertEquals(4 * 320 * 320, compared);
        long valid = 0;
        for (float f : all) {
            valid += Float.isNaN(f) ? 0 : 1;
        }
        assertTrue(valid > all.length / 2, "a mosaic of values, not of nodata: " + valid + " of " + all.length);
    }

    /**
     * GDAL reads the first internal tile (256 x 256 of the full resolution) of a tile COG through {@code /vsicurl/}:
     * it asks for byte ranges, no more than its first read (16 KiB: the header and IFDs of GDAL's COG layout), the
     * tile's bytes and its 16 KiB read granularity at either end of the tile; and the server sends at most 1.1 times
     * the bytes asked for plus 1 KiB of HTTP headers a response (its HEAD for the file size included). Without
     * ranges every request would have cost the whole file.
     */
    @Test
    void gdalReadsOneInternalTileForLittleMoreThanItsBytes(@TempDir Path dir) throws Exception {
        Gdal.require();
        String tile = tiles.get(0);
        Path cog = results.resolve("tiles").resolve(tile + ".tif");
        long tileBytes;
        try (FileByteSource src = new FileByteSource(cog)) {
            TiffFile tiff = TiffParser.parse(src);
            TiffImage full = tiff.images().get(0);
            assertEquals(320, full.width());
            tileBytes = full.chunkByteCount(0);
        }
        long chunk = 16 * 1024;
        try (CountingProxy proxy = new CountingProxy("127.0.0.1", URI.create(Api.BASE).getPort())) {
            String url = "/vsicurl/" + proxy.url() + "/api/executions/" + id + "/results/tiles/" + tile + ".tif";
            float[] pixels = Gdal.readFloats(Gdal.REMOTE, url, new int[] {0, 0, 256, 256}, dir);
            assertEquals(256 * 256, pixels.length);
            assertArrayEquals(Gdal.readFloats(Map.of(), cog.toString(), new int[] {0, 0, 256, 256}, dir), pixels,
                    "the pixels read over HTTP are those GDAL reads from the file on disk");
            long sent = proxy.bytesFromServer();
            long asked = proxy.rangeBytes();
            long requests = proxy.requests();
            String facts = "server sent " + sent + " bytes in " + requests + " responses; ranges " + proxy.ranges()
                    + " asked " + asked + " bytes for a tile of " + tileBytes + " bytes (file " + Files.size(cog)
                    + ")";
            assertTrue(asked >= tileBytes && asked <= chunk + tileBytes + 2 * chunk, "GDAL asked for the tile: "
                    + facts);
            assertTrue(sent <= 1.1 * asked + 1024.0 * requests, facts);
        }
    }
}
