package io.eobatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.tiff.GeoTiffBand;

/**
 * Issue 14, outputs and the life of results, through the REST API of the provisioned server: the Zarr output of
 * tiled-composite read by independent readers (python3-zarr, GDAL's Zarr driver, xarray where installed) equal pixel
 * for pixel to the COGs of the same parameters; the results archive with its relative STAC catalog; deleting results
 * (admin; 409 while running; the ledger stays); the disk reserve (STOPPED / OUT_OF_DISK, nothing half-written, a
 * restart carries on); the retention schedule. The reserve and the retention are system properties set on the running
 * server through its management CLI (local authentication) and removed afterwards. Retention last: it deletes the
 * results of every finished execution.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutputsIT {

    private static final Path DATA_DIR = Path.of(System.getProperty("eobatch.it.data.dir", "target/it-data"));
    private static final String PARAMS = "\"bbox\":\"15.92,45.95,16.05,46.03\",\"catalog\":\"drava\","
            + "\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"tileSize\":9.6,\"resolution\":30,\"partitions\":2";
    private static final String PYTHON = "/usr/bin/python3";

    /** The COG run (kept for the archive test), the Zarr run (deleted by the deletion test). */
    private static long cogRun = -1;
    private static long zarrRun = -1;

    @Test
    @Order(1)
    void zarrEqualsTheCogsPixelForPixelInIndependentReaders() throws Exception {
        Fixtures.requireSharedData();
        Api.awaitReady(Duration.ofMinutes(3));
        Api.Response refused = Api.post("/api/jobs/tiled-composite/executions",
                "{" + PARAMS + ",\"format\":\"zarr\",\"buffer\":2}");
        assertEquals(400, refused.status(), refused.body());
        assertEquals("buffer", refused.json().getString("field"), refused.body());

        cogRun = Fixtures.start("tiled-composite", "{" + PARAMS + "}");
        zarrRun = Fixtures.start("tiled-composite", "{" + PARAMS + ",\"format\":\"zarr\"}");
        JsonObject cog = Api.awaitTerminal(cogRun, Duration.ofMinutes(8));
        JsonObject zarr = Api.awaitTerminal(zarrRun, Duration.ofMinutes(8));
        assertEquals("COMPLETED", cog.getString("status"), cog.toString());
        assertEquals("COMPLETED", zarr.getString("status"), zarr.toString());

        Path cogDir = results(cog);
        Path store = results(zarr).resolve("composite.zarr");
        assertTrue(Files.isRegularFile(store.resolve("ndvi/.zarray")), "the array's metadata in " + store);
        assertFalse(Files.exists(results(zarr).resolve("tiles")), "no COG with format zarr");

        // the COGs, read with the project's reader, placed on the array's grid (north-west first)
        List<Path> cogs;
        try (var s = Files.list(cogDir.resolve("tiles"))) {
            cogs = s.filter(p -> p.toString().endsWith(".tif")).sorted().toList();
        }
        assertEquals(4, cogs.size(), "four COGs");
        double minX = Double.MAX_VALUE, maxY = -Double.MAX_VALUE, res = 0;
        List<GridGeometry> grids = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (Path p : cogs) {
            try (GeoTiffBand band = GeoTiffBand.open(p.toUri())) {
                GridGeometry g = band.grid();
                grids.add(g);
                values.add(band.readWindowDouble(0, 0, g.width(), g.height()));
                minX = Math.min(minX, g.originX());
                maxY = Math.max(maxY, g.originY());
                res = g.pixelSizeX();
            }
        }
        int cols = 640, rows = 640;
        float[] expected = new float[rows * cols];
        java.util.Arrays.fill(expected, Float.NaN);
        for (int t = 0; t < grids.size(); t++) {
            GridGeometry g = grids.get(t);
            int c0 = (int) Math.round((g.originX() - minX) / res);
            int r0 = (int) Math.round((maxY - g.originY()) / res);
            for (int r = 0; r < g.height(); r++) {
                for (int c = 0; c < g.width(); c++) {
                    expected[(r0 + r) * cols + c0 + c] = (float) values.get(t)[r * g.width() + c];
                }
            }
        }
        Path raw = Files.createTempFile("outputs-it-expected", ".f32");
        ByteBuffer b = ByteBuffer.allocate(expected.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(expected);
        Files.write(raw, b.array());

        Assumptions.assumeTrue(Files.isExecutable(Path.of(PYTHON)), "skipped: no " + PYTHON + " (Debian's python3 "
                + "with python3-zarr and python3-gdal reads the Zarr store)");
        JsonObject read = python(store, raw, rows, cols);
        System.out.println("OutputsIT: readers of the Zarr store: " + read);
        boolean anyReader = false;
        for (String reader : List.of("zarr", "gdal", "xarray")) {
            JsonObject r = read.getJsonObject(reader);
            if (r.containsKey("missing")) {
                System.out.println("OutputsIT: " + reader + " not installed, not compared: " + r.getString("missing"));
                continue;
            }
            anyReader = true;
            assertEquals(Json.createArrayBuilder().add(rows).add(cols).build(), r.getJsonArray("shape"), reader);
            assertEquals(rows * cols, r.getInt("equal"), reader + ": every pixel equals the COGs' " + r);
            assertTrue(r.getInt("nan") < rows * cols / 2, reader + ": mostly data " + r);
        }
        Assumptions.assumeTrue(anyReader, "skipped: neither python3-zarr nor python3-gdal is installed");
        JsonObject gdal = read.getJsonObject("gdal");
        if (!gdal.containsKey("missing")) {
            assertEquals("32633", gdal.getString("epsg"), "GDAL reads the CRS: " + gdal);
            JsonArray gt = gdal.getJsonArray("geotransform");
            assertEquals(minX, gt.getJsonNumber(0).doubleValue(), 1e-6, "GDAL's origin x " + gt);
            assertEquals(30.0, gt.getJsonNumber(1).doubleValue(), 1e-9, "GDAL's pixel width " + gt);
            assertEquals(maxY, gt.getJsonNumber(3).doubleValue(), 1e-6, "GDAL's origin y " + gt);
            assertEquals(-30.0, gt.getJsonNumber(5).doubleValue(), 1e-9, "GDAL's pixel height " + gt);
            assertEquals("nan", gdal.getString("nodata"), "nodata NaN " + gdal);
        }
        // the STAC item of a tile names its chunk
        JsonObject items = Api.get("/api/executions/" + zarrRun + "/stac/items").json();
        for (JsonValue f : items.getJsonArray("features")) {
            JsonObject assets = f.asJsonObject().getJsonObject("assets");
            assertTrue(assets.toString().contains("composite.zarr/ndvi/"), "a chunk asset: " + f);
        }
    }

    /**
     * An AOI set's features as the tiles (the "GeoPackage input": a GeoPackage uploaded into a set works the same):
     * one COG per AOI over its own envelope on the 30 m lattice of its UTM zone, the estimate and the STAC items per
     * AOI; where a feature's tile overlaps the grid run's COGs, every pixel is theirs (same lattice, same scenes).
     */
    @Test
    @Order(2)
    void theFeaturesOfAnAoiSetAreTheTiles() throws Exception {
        Assumptions.assumeTrue(cogRun > 0, "needs the COG run of the first test");
        Fixtures.uploadDravaAois();
        Api.Response set = Api.post("/api/aoi-sets/outputs-it-tiles", "{\"aois\":[\"drava-a\",\"drava-b\"]}");
        assertTrue(set.status() == 200 || set.status() == 201, set.body());
        String body = "{\"aoiSet\":\"outputs-it-tiles\",\"catalog\":\"drava\",\"from\":\"2023-08-01\","
                + "\"to\":\"2023-08-31\",\"resolution\":30,\"partitions\":2}";
        Api.Response zarrRefused = Api.post("/api/jobs/tiled-composite/executions",
                body.replace("}", ",\"format\":\"zarr\"}"));
        assertEquals(400, zarrRefused.status(), zarrRefused.body());
        assertEquals("format", zarrRefused.json().getString("field"));
        Api.Response both = Api.post("/api/jobs/tiled-composite/executions",
                body.replace("}", ",\"bbox\":\"15.92,45.95,16.05,46.03\"}"));
        assertEquals(400, both.status(), both.body());
        Api.Response noSet = Api.post("/api/jobs/tiled-composite/executions",
                body.replace("outputs-it-tiles", "outputs-it-no-such-set"));
        assertEquals(400, noSet.status(), noSet.body());
        assertEquals("aoiSet", noSet.json().getString("field"));

        Api.Response before = Api.post("/api/jobs/tiled-composite/estimate", body);
        assertEquals(200, before.status(), before.body());
        long id = Fixtures.start("tiled-composite", body);
        JsonObject e = Api.awaitTerminal(id, Duration.ofMinutes(8));
        assertEquals("COMPLETED", e.getString("status"), e.toString());
        assertEquals(2, before.json().getJsonObject("total").getInt("tiles"), before.body());

        Path dir = results(e);
        JsonObject estimate;
        try (var r = Json.createReader(Files.newBufferedReader(dir.resolve("estimate.json")))) {
            estimate = r.readObject();
        }
        assertEquals(2, estimate.getJsonObject("estimate").getInt("tiles"), estimate.toString());
        assertEquals(estimate.getJsonObject("estimate").getJsonNumber("bytesToRead").longValue(),
                before.json().getJsonObject("total").getJsonNumber("bytes").longValue(), "the estimate is the plan's");
        JsonArray items = Fixtures.items(id);
        assertEquals(2, items.size(), items.toString());
        Map<String, GridGeometry> grids = new TreeMap<>();
        for (JsonValue v : items) {
            JsonObject item = v.asJsonObject();
            String aoi = item.getString("aoiId");
            assertEquals(aoi, item.getString("sceneId"), "the tile is the AOI: " + item);
            if (!item.getString("status").equals("DONE")) {
                assertEquals("NO_DATA", item.getString("status"), item.toString());
                continue;
            }
            try (GeoTiffBand band = GeoTiffBand.open(dir.resolve("tiles/" + aoi + ".tif").toUri())) {
                grids.put(aoi, band.grid());
            }
        }
        assertTrue(grids.containsKey("drava-a"), "drava-a has its COG: " + items);
        GridGeometry a = grids.get("drava-a");
        assertEquals(32633, a.epsg());
        assertEquals(30.0, a.pixelSizeX());
        assertEquals(0.0, a.originX() % 30, 1e-6, "on the 30 m lattice: " + a);
        assertEquals(0.0, a.originY() % 30, 1e-6, "on the 30 m lattice: " + a);
        // drava-a: 15.88..16.15 E, 45.92..46.08 N: about 21 x 18 km
        assertTrue(a.width() > 650 && a.width() < 800 && a.height() > 550 && a.height() < 700, a.toString());

        // STAC: one item per AOI, its grid
        JsonObject stacItem = Api.get("/api/executions/" + id + "/stac/items/drava-a").json();
        JsonObject props = stacItem.getJsonObject("properties");
        assertEquals(32633, props.getInt("proj:epsg"));
        assertEquals(Json.createArrayBuilder().add(a.height()).add(a.width()).build(), props.getJsonArray("proj:shape"));
        assertTrue(stacItem.getJsonObject("assets").toString().contains("tiles/drava-a.tif"), stacItem.toString());

        // the pixels where drava-a overlaps the grid run's tiles
        double[] mine;
        try (GeoTiffBand band = GeoTiffBand.open(dir.resolve("tiles/drava-a.tif").toUri())) {
            mine = band.readWindowDouble(0, 0, a.width(), a.height());
        }
        long compared = 0;
        List<Path> cogs;
        try (var st = Files.list(results(Api.get("/api/executions/" + cogRun).json()).resolve("tiles"))) {
            cogs = st.filter(x -> x.toString().endsWith(".tif")).toList();
        }
        for (Path cog : cogs) {
            try (GeoTiffBand band = GeoTiffBand.open(cog.toUri())) {
                GridGeometry g = band.grid();
                double[] theirs = band.readWindowDouble(0, 0, g.width(), g.height());
                for (int r = 0; r < g.height(); r++) {
                    int ar = (int) Math.round((a.originY() - g.rowCentreY(r)) / 30 - 0.5);
                    if (ar < 0 || ar >= a.height()) {
                        continue;
                    }
                    for (int c = 0; c < g.width(); c++) {
                        int ac = (int) Math.round((g.colCentreX(c) - a.originX()) / 30 - 0.5);
                        if (ac < 0 || ac >= a.width()) {
                            continue;
                        }
                        double x = theirs[r * g.width() + c];
                        double y = mine[ar * a.width() + ac];
                        assertTrue(Double.compare(x, y) == 0 || (Double.isNaN(x) && Double.isNaN(y)),
                                "pixel " + c + "," + r + " of " + cog.getFileName() + ": grid " + x + ", feature " + y);
                        compared++;
                    }
                }
            }
        }
        assertTrue(compared > 100_000, "pixels compared: " + compared);
        Api.delete("/api/aoi-sets/outputs-it-tiles");
    }

    @Test
    @Order(3)
    void theArchiveHoldsEveryFileAndItsStacLinksResolveInside() throws Exception {
        Assumptions.assumeTrue(cogRun > 0, "needs the COG run of the first test");
        for (long id : List.of(cogRun, zarrRun)) {
            HttpResponse<InputStream> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(Api.authorize(HttpRequest.newBuilder(Api.uri("/api/executions/" + id + "/results.zip"))
                            .GET()).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, r.statusCode());
            assertEquals("application/zip", r.headers().firstValue("Content-Type").orElse(""));
            assertTrue(r.headers().firstValue("Transfer-Encoding").orElse("").contains("chunked")
                    || r.headers().firstValue("Content-Length").isPresent(), "chunked or a length: " + r.headers());
            Path dir = Files.createTempDirectory("outputs-it-zip");
            Map<String, String> sha = new TreeMap<>();
            try (ZipInputStream zip = new ZipInputStream(r.body())) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    Path f = dir.resolve(e.getName()).normalize();
                    assertTrue(f.startsWith(dir), "inside: " + e.getName());
                    Files.createDirectories(f.getParent());
                    Files.copy(zip, f);
                    sha.put(e.getName(), sha256(f));
                }
            }
            JsonArray listed = (JsonArray) Api.get("/api/executions/" + id + "/results").jsonValue();
            assertTrue(listed.size() >= 5, "files: " + listed);
            for (JsonValue v : listed) {
                JsonObject file = v.asJsonObject();
                String path = file.getString("path");
                assertTrue(sha.containsKey(path), "in the archive: " + path + " of " + sha.keySet());
                if (file.get("sha256") instanceof jakarta.json.JsonString s) {
                    assertEquals(s.getString(), sha.get(path), "same bytes: " + path);
                }
            }
            // every href of the catalog is relative and names a file of the archive
            Path collection = dir.resolve("stac/collection.json");
            assertTrue(Files.isRegularFile(collection), "stac/collection.json in " + sha.keySet());
            int checked = checkLinks(dir, collection);
            long itemDocs;
            try (var s = Files.list(dir.resolve("stac/items"))) {
                List<Path> docs = s.toList();
                itemDocs = docs.size();
                for (Path item : docs) {
                    checked += checkLinks(dir, item);
                }
            }
            assertEquals(4, itemDocs, "one item a tile");
            assertTrue(checked > 8, "links checked: " + checked);
        }
    }

    @Test
    @Order(4)
    void deletingResultsKeepsTheLedgerAndRefusesWhileRunning() throws Exception {
        Assumptions.assumeTrue(zarrRun > 0, "needs the Zarr run of the first test");
        // refused while an execution runs: a slow one over the stub
        try (CatalogStub stub = new CatalogStub(Fixtures.DRAVA, Fixtures.STUB_PORT)) {
            stub.delay(300);
            long slow = Fixtures.start("tiled-composite", "{\"bbox\":\"15.92,45.95,16.05,46.03\",\"catalog\":"
                    + "\"dravahttp\",\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"tileSize\":9.6,"
                    + "\"resolution\":30,\"partitions\":1}");
            Api.Response conflict = Api.delete("/api/executions/" + slow + "/results");
            assertEquals(409, conflict.status(), conflict.body());
            assertTrue(conflict.contentType().startsWith("application/problem+json"), conflict.contentType());
            Api.post("/api/executions/" + slow + "/stop", null);
            stub.delay(0);
            Api.awaitTerminal(slow, Duration.ofMinutes(5));
        }
        Path dir = results(Api.get("/api/executions/" + zarrRun).json());
        assertTrue(Files.isDirectory(dir));
        assertEquals(403, Api.as(Api.OPERATOR).delete("/api/executions/" + zarrRun + "/results").status(),
                "only an admin deletes");
        Api.Response deleted = Api.as(Api.ADMIN).delete("/api/executions/" + zarrRun + "/results");
        assertEquals(204, deleted.status(), deleted.body());
        assertFalse(Files.exists(dir), "the results folder is gone: " + dir);
        Api.Response gone = Api.get("/api/executions/" + zarrRun + "/results");
        assertEquals(410, gone.status(), gone.body());
        assertTrue(gone.json().getString("detail").contains("it-admin"), gone.body());
        assertEquals(410, Api.get("/api/executions/" + zarrRun + "/results.zip").status());
        assertEquals(410, Api.get("/api/executions/" + zarrRun + "/results/composite.zarr/ndvi/.zarray").status());
        // the ledger stays; STAC says the results were deleted
        JsonArray items = Fixtures.items(zarrRun);
        assertEquals(4, items.size(), items.toString());
        JsonObject stac = Api.get("/api/executions/" + zarrRun + "/stac").json();
        assertTrue(stac.containsKey("eobatch:results_deleted"), stac.toString());
        JsonObject item = Api.get("/api/executions/" + zarrRun + "/stac/items").json().getJsonArray("features")
                .getJsonObject(0);
        assertTrue(item.getJsonObject("properties").containsKey("eobatch:results_deleted"), item.toString());
        assertEquals(0, item.getJsonObject("assets").size(), "no asset left: " + item);
        Api.Response restart = Api.post("/api/executions/" + zarrRun + "/retry-failed", null);
        assertEquals(409, restart.status(), restart.body());
        assertTrue(restart.json().getString("detail").contains("deleted"), "no retry of deleted results: " + restart.body());
        assertEquals(204, Api.delete("/api/executions/" + zarrRun + "/results").status(), "again: nothing to do");
        assertEquals(404, Api.delete("/api/executions/99999999/results").status());
    }

    @Test
    @Order(5)
    void belowTheDiskReserveTheJobStopsCleanlyAndARestartCarriesOn() throws Exception {
        Fixtures.requireSharedData();
        long id;
        Path tiles;
        Fixtures.cli("/system-property=eobatch.disk.reserve-mb:add(value=1000000000000)");
        try {
            id = Fixtures.start("tiled-composite", "{" + PARAMS + "}");
            JsonObject stopped = Api.awaitTerminal(id, Duration.ofMinutes(5));
            assertEquals("STOPPED", stopped.getString("status"), stopped.toString());
            assertEquals("OUT_OF_DISK", stopped.getString("exitStatus"), stopped.toString());
            tiles = results(stopped).resolve("tiles");
            assertEquals(List.of(), list(tiles), "nothing written, nothing half-written");
            // still to do: PENDING, or IN_FLIGHT when the reader had marked the chunk before the processor's disk
            // check refused it (LedgerItemReader marks a chunk at once without a budget); a restart reconciles those
            // (no output: computed again)
            for (JsonValue v : Fixtures.items(id)) {
                assertTrue(List.of("PENDING", "IN_FLIGHT").contains(v.asJsonObject().getString("status")),
                        v.toString());
            }
        } finally {
            Fixtures.cli("/system-property=eobatch.disk.reserve-mb:remove");
        }
        long restart = Fixtures.restart(id);
        JsonObject done = Api.awaitTerminal(restart, Duration.ofMinutes(5));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(4, list(tiles).stream().filter(n -> n.endsWith(".tif")).count(), "four COGs: " + list(tiles));
        assertTrue(list(tiles).stream().noneMatch(n -> n.startsWith(".")), "no temporary file: " + list(tiles));
        for (JsonValue v : Fixtures.items(restart)) {
            assertEquals("DONE", v.asJsonObject().getString("status"), v.toString());
        }
    }

    @Test
    @Order(6)
    void theRetentionScheduleDeletesFinishedResults() throws Exception {
        Assumptions.assumeTrue(cogRun > 0, "needs the COG run of the first test");
        Path dir = results(Api.get("/api/executions/" + cogRun).json());
        assertTrue(Files.isDirectory(dir), "results before: " + dir);
        Fixtures.cli("/system-property=eobatch.results.retention-days:add(value=0)");
        try {
            // the schedule runs every 2 s in the ITs' server (EOBATCH_RESULTS_RETENTION_PERIOD_S)
            Api.pollUntil("/api/executions/" + cogRun, x -> !Files.exists(dir), Duration.ofMinutes(1));
        } finally {
            Fixtures.cli("/system-property=eobatch.results.retention-days:remove");
        }
        Api.Response gone = Api.get("/api/executions/" + cogRun + "/results");
        assertEquals(410, gone.status(), gone.body());
        assertTrue(gone.json().getString("detail").contains("RETENTION"), gone.body());
        assertEquals(4, Fixtures.items(cogRun).size(), "the ledger stays");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Path results(JsonObject execution) {
        return DATA_DIR.resolve("results").resolve(Long.toString(execution.getJsonNumber("instanceId").longValue()));
    }

    private static List<String> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Checks every link and asset href of a STAC document: relative, and a file of the unpacked archive. */
    private static int checkLinks(Path root, Path doc) throws IOException {
        JsonObject o;
        try (var r = Json.createReader(new StringReader(Files.readString(doc)))) {
            o = r.readObject();
        }
        List<String> hrefs = new ArrayList<>();
        o.getJsonArray("links").forEach(l -> hrefs.add(l.asJsonObject().getString("href")));
        o.getJsonObject("assets").values().forEach(a -> hrefs.add(a.asJsonObject().getString("href")));
        for (String href : hrefs) {
            assertFalse(URI.create(href).isAbsolute(), doc + ": relative href " + href);
            Path target = doc.getParent().resolve(href).normalize();
            assertTrue(target.startsWith(root) && Files.isRegularFile(target), doc + ": " + href + " resolves to "
                    + target);
        }
        return hrefs.size();
    }

    private static String sha256(Path f) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        return HexFormat.of().formatHex(md.digest(Files.readAllBytes(f)));
    }

    /** Runs the read script with Debian's python3; its JSON answer. */
    private static JsonObject python(Path store, Path raw, int rows, int cols) throws Exception {
        Path script = Files.createTempFile("read_zarr", ".py");
        try (InputStream in = OutputsIT.class.getResourceAsStream("/outputs/read_zarr.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path out = Files.createTempFile("read_zarr", ".json");
        Process p = new ProcessBuilder(PYTHON, script.toString(), store.toAbsolutePath().toString(), "ndvi",
                raw.toString(), Integer.toString(rows), Integer.toString(cols))
                .redirectOutput(out.toFile()).redirectErrorStream(false)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "the read script ended in time");
        String json = Files.readString(out);
        assertEquals(0, p.exitValue(), "read_zarr.py: " + json);
        try (var r = Json.createReader(new StringReader(json))) {
            return r.readObject();
        }
    }
}
