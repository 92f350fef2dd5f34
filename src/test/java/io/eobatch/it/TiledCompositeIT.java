package io.eobatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.imageio.ImageIO;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.Reprojection;
import io.eobatch.raster.tiff.GeoTiffBand;

/**
 * tiled-composite over the real Drava clips, through the REST API: a 10 x 9 km bbox on 9.6 km tiles at 30 m
 * (320 x 320 px: one overview each). Every tile COG's pixels equal a max-NDVI computed here independently from the
 * items' B04, B08 and SCL (nearest source pixel of each tile pixel centre, SCL mask {0,1,3,8,9,10} and unknown
 * classes, DN 0 is nodata, no BOA offset since the items say it is applied), the COGs are tiled with overviews,
 * EPSG:32633 and nodata NaN, and the estimate and the mosaic PNG are there.
 *
 * <p>30 m on the 120 m clips: tile pixel centres are at 15 m + k x 30 m, never on a clip pixel edge (edges at
 * multiples of 60 m), so "the source pixel that holds the centre" has no tie to break.
 */
class TiledCompositeIT {

    private static final Path DATA_DIR = Path.of(System.getProperty("eobatch.it.data.dir", "target/it-data"));
    private static final Set<Integer> MASKED = Set.of(0, 1, 3, 8, 9, 10);
    private static final String COG = "image/tiff; application=geotiff; profile=cloud-optimized";

    /**
     * A failure part-way and a restart: the catalog is served by the stub (slow), and once the first tile's COG is
     * written every read of one scene's red band answers 500, so the partition fails; after healing, the restart
     * computes only the tiles that were not done: the done tiles keep their COG (same modification time) and their
     * ledger attempts.
     */
    @Test
    void aRestartAfterAFailureRecomputesNothingThatWasDone() throws Exception {
        Fixtures.requireSharedData();
        Api.awaitReady(Duration.ofMinutes(3));
        try (CatalogStub stub = new CatalogStub(Fixtures.DRAVA, Fixtures.STUB_PORT)) {
            // a scene every remaining tile reads: fail its red band (500) once the first COG is written
            PartWay run = breakAfterFirstTile(stub, ",\"retryLimit\":1", stub::failPathsContaining);
            long first = run.execution();
            Path tiles = run.tiles();
            JsonObject failed = Api.awaitTerminal(first, Duration.ofMinutes(5));
            assertEquals("FAILED", failed.getString("status"), failed.toString());

            Map<String, Long> doneMtimes = new HashMap<>();
            Map<String, Integer> doneAttempts = new HashMap<>();
            for (JsonValue v : Fixtures.items(first)) {
                JsonObject item = v.asJsonObject();
                if (item.getString("status").equals("DONE")) {
                    String tile = item.getString("sceneId");
                    doneMtimes.put(tile, Files.getLastModifiedTime(tiles.resolve(tile + ".tif")).toMillis());
                    doneAttempts.put(tile, item.getInt("attempts"));
                }
            }
            assertTrue(!doneMtimes.isEmpty() && doneMtimes.size() < 4, "failed part-way: " + doneMtimes.keySet());

            stub.heal();
            long second = Fixtures.restart(first);
            JsonObject done = Api.awaitTerminal(second, Duration.ofMinutes(5));
            assertEquals("COMPLETED", done.getString("status"), done.toString());
            assertEquals(4 - doneMtimes.size(), Fixtures.step(done, "process-tiles").getJsonObject("metrics")
                    .getInt("readCount"), "only the tiles not done were read again");
            for (JsonValue v : Fixtures.items(second)) {
                JsonObject item = v.asJsonObject();
                assertEquals("DONE", item.getString("status"), item.toString());
                String tile = item.getString("sceneId");
                if (doneMtimes.containsKey(tile)) {
                    assertEquals(doneMtimes.get(tile),
                            Files.getLastModifiedTime(tiles.resolve(tile + ".tif")).toMillis(), "not rewritten: " + tile);
                    assertEquals(doneAttempts.get(tile), item.getInt("attempts"), "not attempted again: " + tile);
                }
            }
            assertEquals(4, countCogs(tiles));
        }
    }

    /**
     * retry-failed: once the first tile's COG is written, a scene every other tile reads answers 404 (the tiles'
     * own failure: FAILED, the job completes); after healing, retry-failed composites only the FAILED tiles: the new
     * instance carries the DONE tiles over (their COGs copied, no scene read) and mosaics all four.
     */
    @Test
    void retryFailedCompositesOnlyTheFailedTiles() throws Exception {
        Fixtures.requireSharedData();
        Api.awaitReady(Duration.ofMinutes(3));
        try (CatalogStub stub = new CatalogStub(Fixtures.DRAVA, Fixtures.STUB_PORT)) {
            PartWay run = breakAfterFirstTile(stub, "", stub::notFoundPathsContaining);
            long first = run.execution();
            Path tiles = run.tiles();
            JsonObject e = Api.awaitTerminal(first, Duration.ofMinutes(5));
            assertEquals("COMPLETED", e.getString("status"), e.toString());
            Set<String> failedTiles = new TreeSet<>();
            Set<String> doneTiles = new TreeSet<>();
            for (JsonValue v : Fixtures.items(first)) {
                JsonObject item = v.asJsonObject();
                (item.getString("status").equals("FAILED") ? failedTiles : doneTiles).add(item.getString("sceneId"));
            }
            assertTrue(!failedTiles.isEmpty() && !doneTiles.isEmpty(), "failed part-way: done " + doneTiles
                    + ", failed " + failedTiles);

            stub.heal();
            stub.clearPaths();
            long retry = Fixtures.retryFailed(first);
            JsonObject done = Api.awaitTerminal(retry, Duration.ofMinutes(5));
            assertEquals("COMPLETED", done.getString("status"), done.toString());
            assertEquals(failedTiles.size(), Fixtures.step(done, "process-tiles").getJsonObject("metrics")
                    .getInt("readCount"), "only the failed tiles were read");
            for (JsonValue v : Fixtures.items(retry)) {
                assertEquals("DONE", v.asJsonObject().getString("status"), v.toString());
            }
            Path retryDir = DATA_DIR.resolve("results").resolve(Long.toString(done.getJsonNumber("instanceId")
                    .longValue()));
            assertEquals(4, countCogs(retryDir.resolve("tiles")), "every tile's COG in the new instance");
            for (String t : doneTiles) {
                assertEquals(-1L, Files.mismatch(tiles.resolve(t + ".tif"), retryDir.resolve("tiles")
                        .resolve(t + ".tif")), "carried over as it was: " + t);
            }
            assertTrue(Files.size(retryDir.resolve("mosaic.png")) > 0, "the mosaic of all four tiles");
        }
    }

    /** A run that was started and then broken part-way, and the folder of its tiles' COGs. */
    private record PartWay(long execution, Path tiles) {
    }

    /**
     * Starts a slow tiled-composite over the stub (one partition, a tile a chunk, {@code extraParams} added), waits
     * for its first COG, then breaks (with {@code breaker}: 500 or 404) the red band of a scene every tile reads, so
     * that the remaining tiles fail.
     */
    private static PartWay breakAfterFirstTile(CatalogStub stub, String extraParams,
                                               java.util.function.Consumer<String> breaker) {
        stub.delay(150);
        long first = Fixtures.start("tiled-composite", "{\"bbox\":\"15.92,45.95,16.05,46.03\","
                + "\"catalog\":\"dravahttp\",\"from\":\"2023-08-01\",\"to\":\"2023-08-31\","
                + "\"tileSize\":9.6,\"resolution\":30,\"partitions\":1,\"chunkSize\":1" + extraParams + "}");
        long instance = Api.pollUntil("/api/executions/" + first, x -> x.containsKey("instanceId"),
                Duration.ofMinutes(1)).getJsonNumber("instanceId").longValue();
        Path tiles = DATA_DIR.resolve("results").resolve(Long.toString(instance)).resolve("tiles");
        Path chunks = tiles.resolveSibling("composite.zarr").resolve("ndvi");
        Api.pollUntil("/api/executions/" + first, x -> countCogs(tiles) + countChunks(chunks) >= 1,
                Duration.ofMinutes(3));
        Set<String> common = null;
        for (JsonValue v : Fixtures.items(first)) {
            Set<String> ids = new TreeSet<>();
            v.asJsonObject().getJsonArray("sceneIds").forEach(x -> ids.add(((jakarta.json.JsonString) x).getString()));
            if (common == null) {
                common = ids;
            } else {
                common.retainAll(ids);
            }
        }
        assertTrue(common != null && !common.isEmpty(), "a scene over every tile");
        breaker.accept(common.iterator().next() + "/B04");
        stub.delay(0);
        return new PartWay(first, tiles);
    }

    /** Chunk files of a Zarr array folder (its metadata files start with a dot). */
    private static long countChunks(Path dir) {
        return countFiles(dir, name -> !name.startsWith("."));
    }

    /**
     * retry-failed with format zarr: as above, the DONE tiles' chunks are carried over (same bytes), the FAILED ones
     * composited again, and the new instance's store is whole: its metadata and four chunks.
     */
    @Test
    void retryFailedWithZarrCarriesTheDoneChunksOver() throws Exception {
        Fixtures.requireSharedData();
        Api.awaitReady(Duration.ofMinutes(3));
        try (CatalogStub stub = new CatalogStub(Fixtures.DRAVA, Fixtures.STUB_PORT)) {
            PartWay run = breakAfterFirstTile(stub, ",\"format\":\"zarr\"", stub::notFoundPathsContaining);
            long first = run.execution();
            Path chunks = run.tiles().resolveSibling("composite.zarr").resolve("ndvi");
            JsonObject e = Api.awaitTerminal(first, Duration.ofMinutes(5));
            assertEquals("COMPLETED", e.getString("status"), e.toString());
            long done = countChunks(chunks);
            assertTrue(done >= 1 && done < 4, "failed part-way: " + done + " chunk(s)");
            stub.heal();
            stub.clearPaths();
            long retry = Fixtures.retryFailed(first);
            JsonObject r = Api.awaitTerminal(retry, Duration.ofMinutes(5));
            assertEquals("COMPLETED", r.getString("status"), r.toString());
            assertEquals(4 - done, Fixtures.step(r, "process-tiles").getJsonObject("metrics").getInt("readCount"),
                    "only the failed tiles were read");
            Path store = DATA_DIR.resolve("results").resolve(Long.toString(r.getJsonNumber("instanceId")
                    .longValue())).resolve("composite.zarr");
            assertEquals(4, countChunks(store.resolve("ndvi")), "every tile's chunk in the new instance");
            assertTrue(Files.isRegularFile(store.resolve("ndvi/.zarray")) && Files.isRegularFile(store.resolve(".zgroup"))
                    && Files.isRegularFile(store.resolve("x/0")), "the store's metadata in the new instance");
            try (var s = Files.list(chunks)) {
                for (Path c : s.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                    assertEquals(-1L, Files.mismatch(c, store.resolve("ndvi").resolve(c.getFileName())),
                            "carried over as it was: " + c.getFileName());
                }
            }
        }
    }

    private static long countCogs(Path dir) {
        return countFiles(dir, name -> name.endsWith(".tif"));
    }

    private static long countFiles(Path dir, java.util.function.Predicate<String> name) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var s = Files.list(dir)) {
            return s.filter(p -> name.test(p.getFileName().toString())).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    @Test
    void tileCogsEqualAnIndependentMaxNdvi() throws Exception {
        Fixtures.requireSharedData();
        Api.awaitReady(Duration.ofMinutes(3));
        String body = "{\"bbox\":\"15.92,45.95,16.05,46.03\",\"catalog\":\"drava\","
                + "\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"tileSize\":9.6,\"resolution\":30,"
                + "\"composite\":\"max\",\"partitions\":2}";
        Api.Response before = Api.post("/api/jobs/tiled-composite/estimate", body);
        assertEquals(200, before.status(), before.body());
        long id = Fixtures.start("tiled-composite", body);
        JsonObject e = Api.awaitTerminal(id, Duration.ofMinutes(5));
        assertEquals("COMPLETED", e.getString("status"), e.toString());

        JsonArray items = Fixtures.items(id);
        assertEquals(4, items.size(), "columns 59, 60 x rows 530, 531 of the 9.6 km grid: " + items);
        long instance = e.getJsonNumber("instanceId").longValue();
        Path results = DATA_DIR.resolve("results").resolve(Long.toString(instance));
        for (JsonValue v : items) {
            JsonObject item = v.asJsonObject();
            assertEquals("DONE", item.getString("status"), item.toString());
            assertEquals("bbox(15.92,45.95,16.05,46.03)", item.getString("aoiId"), item.toString());
            assertTrue(item.getJsonArray("sceneIds").size() >= 5, "scenes over " + item);
        }

        JsonObject estimate;
        try (Reader r = Files.newBufferedReader(results.resolve("estimate.json"))) {
            estimate = Json.createReader(r).readObject();
        }
        assertEquals(32633, estimate.getJsonObject("grid").getInt("epsg"), "estimate.json grid");
        assertEquals(4, estimate.getJsonObject("estimate").getInt("tiles"), "estimate.json tiles");
        assertTrue(estimate.getJsonObject("estimate").getJsonNumber("bytesToRead").longValue() > 0);
        // the estimate before the run counted what the analyse step then found
        JsonObject total = before.json().getJsonObject("total");
        JsonObject analysed = estimate.getJsonObject("estimate");
        assertEquals(analysed.getInt("tiles"), total.getInt("tiles"), total.toString());
        assertEquals(analysed.getJsonNumber("tileScenes").longValue(), total.getJsonNumber("tileScenes").longValue());
        assertEquals(analysed.getInt("scenes"), total.getInt("scenes"));
        assertEquals(analysed.getJsonNumber("bytesToRead").longValue(), total.getJsonNumber("bytes").longValue());
        assertEquals(32633, before.json().getJsonObject("grid").getInt("epsg"));
        assertTrue(Fixtures.step(e, "plan-tiles").getString("exitStatus").startsWith("ANALYSED"),
                "analyse exit status in " + e);

        Map<String, int[][]> sources = new HashMap<>();
        Map<String, GridGeometry> grids = new HashMap<>();
        for (String item : Fixtures.DRAVA_ITEMS) {
            for (String b : List.of("B04", "B08", "SCL")) {
                try (GeoTiffBand band = GeoTiffBand.open(Fixtures.DRAVA.resolve("sentinel-2-l2a/" + item + "/" + b
                        + ".tif").toUri())) {
                    GridGeometry g = band.grid();
                    grids.put(item + "/" + b, g);
                    sources.put(item + "/" + b, new int[][] {band.readWindow(0, 0, g.width(), g.height())});
                }
            }
        }
        int tiles = 0;
        long compared = 0;
        long valid = 0;
        for (JsonValue v : items) {
            String tileId = v.asJsonObject().getString("sceneId");
            Path cog = results.resolve("tiles").resolve(tileId + ".tif");
            assertTrue(Files.isRegularFile(cog), "COG of tile " + tileId + " at " + cog);
            try (GeoTiffBand band = GeoTiffBand.open(cog.toUri())) {
                GridGeometry g = band.grid();
                assertEquals(32633, g.epsg(), cog + " EPSG");
                assertEquals(320, g.width(), cog + " width");
                assertEquals(30.0, g.pixelSizeX(), cog + " pixel size");
                assertTrue(band.image().tiled(), cog + " is tiled");
                assertEquals(256, band.image().tileWidth(), cog + " tile width");
                assertEquals(1, band.overviewCount(), cog + " overviews");
                assertTrue(band.nodata() != null && band.nodata().isNaN(), cog + " nodata " + band.nodata());
                assertEquals(3, band.image().predictor(), cog + " predictor");
                assertEquals(8, band.image().compression(), cog + " DEFLATE");
                double[] got = band.readWindowDouble(0, 0, g.width(), g.height());
                for (int r = 0; r < g.height(); r++) {
                    double y = g.rowCentreY(r);
                    for (int c = 0; c < g.width(); c++) {
                        double x = g.colCentreX(c);
                        double expected = maxNdvi(x, y, sources, grids);
                        double actual = got[r * g.width() + c];
                        if (Double.isNaN(expected)) {
                            assertTrue(Double.isNaN(actual), tileId + " pixel " + c + "," + r + ": " + actual);
                        } else {
                            assertEquals(expected, actual, 1e-6, tileId + " pixel " + c + "," + r);
                            valid++;
                        }
                        compared++;
                    }
                }
            }
            tiles++;
        }
        assertEquals(4, tiles);
        assertTrue(valid > compared / 2, valid + " valid of " + compared);

        Path png = results.resolve("mosaic.png");
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img != null, "mosaic.png decodes: " + png);
        assertEquals(640, img.getWidth(), "2 tiles of 320 px at 30 m");
        assertEquals(640, img.getHeight());

        assertResultsAndStac(id, items, results);
    }

    /**
     * The listing (types, roles, downloads) and the STAC catalog: one item per tile (id = tile id) with its footprint
     * in lon/lat around the COG's pixels, the COG as its data asset, proj:epsg and the tile's scenes from the ledger;
     * the estimate and the mosaic on the collection.
     */
    private static void assertResultsAndStac(long id, JsonArray ledger, Path results) throws Exception {
        ResultsCheck rc = new ResultsCheck(id);
        rc.everyFileDownloads();
        rc.listed("estimate.json", "application/json", "data");
        rc.listed("mosaic.png", "image/png", "overview");
        Set<String> tileIds = new TreeSet<>();
        for (JsonValue v : ledger) {
            tileIds.add(v.asJsonObject().getString("sceneId"));
        }
        assertEquals(tileIds, new TreeSet<>(rc.items.keySet()), "/stac/items ids = the ledger's tile ids");
        assertEquals(Map.of("estimate", "estimate.json", "mosaic", "mosaic.png"),
                rc.assetsDownload(rc.collection.getJsonObject("assets"), "/stac collection"), "collection assets");
        // the README's example of a tile item
        Path examples = Path.of("target", "it-examples");
        Files.createDirectories(examples);
        Files.writeString(examples.resolve("tile-item.json"), rc.items.values().iterator().next().toString());
        for (JsonValue v : ledger) {
            JsonObject w = v.asJsonObject();
            String tileId = w.getString("sceneId");
            String where = "/stac/items/" + tileId;
            JsonObject item = rc.items.get(tileId);
            rc.listed("tiles/" + tileId + ".tif", COG, "data");
            assertEquals("Polygon", item.getJsonObject("geometry").getString("type"), where + " geometry");
            assertTrue(ResultsCheck.strings(item.getJsonArray("stac_extensions")).stream()
                    .anyMatch(x -> x.contains("/projection/")), where + " stac_extensions: " + item);
            JsonObject p = item.getJsonObject("properties");
            assertEquals(32633, p.getInt("proj:epsg"), where + " proj:epsg");
            assertEquals("2023-08-01T00:00:00Z", p.getString("start_datetime"), where + " start_datetime");
            assertEquals("2023-08-31T23:59:59Z", p.getString("end_datetime"), where + " end_datetime");
            assertEquals(new TreeSet<>(ResultsCheck.strings(w.getJsonArray("sceneIds"))),
                    new TreeSet<>(ResultsCheck.strings(p.getJsonArray("eobatch:source_scenes"))),
                    where + " source scenes = the ledger's");
            assertEquals("tiled-composite", p.getString("eobatch:job"), where + " eobatch:job");
            assertEquals(1, p.getJsonObject("eobatch:item_counts").getInt("DONE"), where + " item_counts");
            JsonObject assets = item.getJsonObject("assets");
            assertEquals(Map.of("data", "tiles/" + tileId + ".tif"), rc.assetsDownload(assets, where), where);
            assertEquals(COG, assets.getJsonObject("data").getString("type"), where + " asset type");
            assertEquals(List.of("data"), ResultsCheck.strings(assets.getJsonObject("data").getJsonArray("roles")));

            // the footprint holds the COG's corner pixel centres, reprojected to lon/lat, and no more than a
            // pixel beyond them
            JsonArray bbox = item.getJsonArray("bbox");
            try (GeoTiffBand band = GeoTiffBand.open(results.resolve("tiles").resolve(tileId + ".tif").toUri())) {
                GridGeometry g = band.grid();
                for (int[] cr : new int[][] {{0, 0}, {g.width() - 1, 0}, {0, g.height() - 1},
                        {g.width() - 1, g.height() - 1}}) {
                    double[] ll = Reprojection.transform(g.colCentreX(cr[0]), g.rowCentreY(cr[1]), g.epsg(),
                            Reprojection.WGS84);
                    assertTrue(ll[0] > bbox.getJsonNumber(0).doubleValue() && ll[0] < bbox.getJsonNumber(2)
                            .doubleValue() && ll[1] > bbox.getJsonNumber(1).doubleValue()
                            && ll[1] < bbox.getJsonNumber(3).doubleValue(),
                            where + " bbox " + bbox + " holds pixel " + cr[0] + "," + cr[1] + " at " + ll[0] + ","
                                    + ll[1]);
                }
                double widthDeg = bbox.getJsonNumber(2).doubleValue() - bbox.getJsonNumber(0).doubleValue();
                assertTrue(widthDeg < 9.7 / 111.32 / Math.cos(Math.toRadians(46.1)) + 0.01,
                        where + " bbox about one 9.6 km tile wide: " + bbox);
            }
        }
    }

    /** Max NDVI over the items at one point (EPSG:32633), NaN when no item has a valid pixel there. */
    private static double maxNdvi(double x, double y, Map<String, int[][]> src, Map<String, GridGeometry> grids) {
        double max = Double.NaN;
        for (String item : Fixtures.DRAVA_ITEMS) {
            int red = sample(item + "/B04", x, y, src, grids);
            int nir = sample(item + "/B08", x, y, src, grids);
            int scl = sample(item + "/SCL", x, y, src, grids);
            if (red <= 0 || nir <= 0 || scl < 0 || scl > 11 || MASKED.contains(scl)) {
                continue;
            }
            double ndvi = (nir - red) / (double) (nir + red);
            max = Double.isNaN(max) ? ndvi : Math.max(max, ndvi);
        }
        return max;
    }

    /** The sample of the pixel holding (x, y), or -1 outside the raster. */
    private static int sample(String key, double x, double y, Map<String, int[][]> src,
                              Map<String, GridGeometry> grids) {
        GridGeometry g = grids.get(key);
        int c = (int) Math.floor((x - g.originX()) / g.pixelSizeX());
        int r = (int) Math.floor((y - g.originY()) / g.pixelSizeY());
        if (c < 0 || r < 0 || c >= g.width() || r >= g.height()) {
            return -1;
        }
        return src.get(key)[0][r * g.width() + c];
    }

}
