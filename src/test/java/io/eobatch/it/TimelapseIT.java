package io.eobatch.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * aoi-timelapse over REST on the real Drava clips (catalog "drava", files; "dravahttp", the same catalog served by
 * {@link CatalogStub} for failures). The catalog holds August 2023 only, so July is a NO_DATA month. The images are
 * read from the results folder of the server's data directory ({@code eobatch.it.data.dir}):
 * {@code results/<job instance id>/timelapse/<aoi>/...}.
 */
class TimelapseIT {

    private static final Path DATA_DIR = Path.of(System.getProperty("eobatch.it.data.dir", "target/it-data"))
            .toAbsolutePath();

    private static CatalogStub stub;

    @BeforeAll
    static void start() throws Exception {
        Fixtures.uploadDravaAois();
        stub = new CatalogStub(Fixtures.DRAVA, Fixtures.STUB_PORT);
    }

    @AfterAll
    static void stop() {
        if (stub != null) {
            stub.close();
        }
    }

    /**
     * Per AOI, the month's scene is the one with the highest clear_fraction among the aoi-statistics rows of the same
     * AOIs (ties: the earlier one); its index PNG shows exactly the row's valid pixels; the GIF has one frame per DONE
     * month; July, with no scene, is NO_DATA with the reason and is left out.
     */
    @Test
    void picksTheClearestSceneOfEachMonthAndAnimatesTheDoneMonths() throws IOException {
        long stats = Fixtures.start("aoi-statistics", "{\"aois\":[\"drava-a\",\"drava-b\"],\"catalog\":\"drava\","
                + "\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"partitions\":2}");
        JsonObject statsDone = Api.awaitTerminal(stats, Duration.ofMinutes(5));
        assertEquals("COMPLETED", statsDone.getString("status"), statsDone.toString());
        JsonArray rows = (JsonArray) Api.get("/api/executions/" + stats + "/statistics").jsonValue();
        Map<String, JsonObject> clearest = new HashMap<>();
        Comparator<JsonObject> better = Comparator.comparingDouble((JsonObject r) -> r.getJsonNumber("clear_fraction")
                .doubleValue()).reversed().thenComparing(r -> Instant.parse(r.getString("datetime")))
                .thenComparing(r -> r.getString("item_id"));
        for (JsonValue v : rows) {
            JsonObject r = v.asJsonObject();
            if (r.getJsonNumber("pixel_count").longValue() > 0) {
                clearest.merge(r.getString("aoi_id"), r, (a, b) -> better.compare(a, b) <= 0 ? a : b);
            }
        }
        assertEquals("S2A_33TWL_20230815_0_L2A", clearest.get("drava-a").getString("item_id"),
                "the statistics themselves (GDAL-verified numbers)");
        assertEquals("S2B_33TWL_20230813_0_L2A", clearest.get("drava-b").getString("item_id"),
                "a tie at 1.0 with 08-15: the earlier scene");

        long id = Fixtures.start("aoi-timelapse", "{\"aois\":[\"drava-a\",\"drava-b\"],\"catalog\":\"drava\","
                + "\"from\":\"2023-07-01\",\"to\":\"2023-08-31\",\"partitions\":2}");
        JsonObject done = Api.awaitTerminal(id, Duration.ofMinutes(5));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(List.of("plan-items", "fetch-images", "make-gifs"), done.getJsonArray("steps").stream()
                .map(v -> v.asJsonObject().getString("name")).toList());
        JsonObject progress = done.getJsonObject("progress");
        assertEquals(4, progress.getInt("total"), progress.toString());
        assertEquals(2, progress.getInt("done"), progress.toString());
        assertEquals(2, progress.getInt("noData"), progress.toString());
        long instance = done.getJsonNumber("instanceId").longValue();
        Path results = DATA_DIR.resolve("results").resolve(Long.toString(instance)).resolve("timelapse");

        Map<String, JsonObject> items = byKey(Fixtures.items(id));
        assertEquals(List.of("drava-a/2023-07", "drava-a/2023-08", "drava-b/2023-07", "drava-b/2023-08"),
                Fixtures.items(id).stream().map(v -> v.asJsonObject().getString("key")).toList());
        for (String aoi : List.of("drava-a", "drava-b")) {
            JsonObject july = items.get(aoi + "/2023-07");
            assertEquals("NO_DATA", july.getString("status"), july.toString());
            assertTrue(july.getString("lastError").contains("no scene") && july.getString("lastError")
                    .contains("2023-07"), july.toString());
            assertFalse(Files.exists(results.resolve(aoi).resolve("2023-07-ndvi.png")), "no image for July");

            JsonObject august = items.get(aoi + "/2023-08");
            assertEquals("DONE", august.getString("status"), august.toString());
            JsonObject row = clearest.get(aoi);
            JsonArray sceneIds = august.getJsonArray("sceneIds");
            assertEquals(1, sceneIds.size(), august.toString());
            assertEquals(row.getString("item_id"), sceneIds.getString(0), aoi + ": the clearest scene");
            assertEquals(1, august.getInt("attempts"));

            Path png = results.resolve(aoi).resolve("2023-08-ndvi.png");
            BufferedImage index = read(png);
            assertEquals(row.getJsonNumber("valid_count").longValue(), opaque(index),
                    png + ": the opaque pixels are the row's valid pixels");
            assertTrue(transparent(index) > 0, png + ": clouds and the outside of the polygon are transparent");
            BufferedImage rgb = read(results.resolve(aoi).resolve("2023-08-truecolour.png"));
            assertEquals(index.getWidth(), rgb.getWidth(), "both images cover the AOI's window");
            assertEquals(index.getHeight(), rgb.getHeight());

            Path gif = results.resolve(aoi).resolve("timelapse.gif");
            assertEquals(1, gifFrames(gif), gif + ": one DONE month (August); July left out");
            JsonObject manifest = json(results.resolve(aoi).resolve("timelapse.json"));
            assertEquals(1, manifest.getInt("frames"));
            JsonObject m8 = manifest.getJsonArray("months").getJsonObject(1);
            assertEquals("2023-08", m8.getString("month"));
            assertEquals(row.getString("item_id"), m8.getString("sceneId"));
            assertEquals(row.getJsonNumber("clear_fraction").doubleValue(),
                    m8.getJsonNumber("clearFraction").doubleValue(), 1e-12, "clear fraction = aoi-statistics'");
            assertEquals("NO_DATA", manifest.getJsonArray("months").getJsonObject(0).getString("status"));
        }
        assertResultsAndStac(id, items);
    }

    /**
     * The listing (types, roles, downloads) and the STAC catalog of the run above: an item per AOI x month with the
     * AOI's geometry, the month as its datetimes, its PNGs as assets and the chosen scene as source; an item per
     * AOI with the GIF and the manifest; nothing left for the collection.
     */
    private static void assertResultsAndStac(long id, Map<String, JsonObject> ledger) throws IOException {
        ResultsCheck rc = new ResultsCheck(id);
        try {
            rc.everyFileDownloads();
        } catch (Exception e) {
            throw new IOException(e);
        }
        assertEquals(List.of("drava-a", "drava-a_2023-07", "drava-a_2023-08", "drava-b", "drava-b_2023-07",
                "drava-b_2023-08"), List.copyOf(rc.items.keySet()), "/stac/items ids");
        assertEquals(0, rc.collection.getJsonArray("links").stream()
                .filter(l -> l.asJsonObject().getString("rel").equals("item")).count(),
                "no item links: the items are paged through the items link");
        assertEquals(1, rc.collection.getJsonArray("links").stream()
                .filter(l -> l.asJsonObject().getString("rel").equals("items")).count(), "the items link");
        assertEquals(Set.of(), rc.collection.getJsonObject("assets").keySet(), "every file is on an item");
        for (String aoi : List.of("drava-a", "drava-b")) {
            String dir = "timelapse/" + aoi + "/";
            rc.listed(dir + "2023-08-ndvi.png", "image/png", "overview");
            rc.listed(dir + "2023-08-truecolour.png", "image/png", "visual");
            rc.listed(dir + "timelapse.gif", "image/gif", "overview");
            rc.listed(dir + "timelapse.json", "application/json", "data");

            JsonObject aug = rc.items.get(aoi + "_2023-08");
            String where = "/stac/items/" + aoi + "_2023-08";
            assertTrue(Set.of("Polygon", "MultiPolygon").contains(aug.getJsonObject("geometry").getString("type")),
                    where + " geometry");
            assertEquals(aug, Api.get("/api/executions/" + id + "/stac/items/" + aoi + "_2023-08",
                    "application/geo+json").json(), where + " alone = in the item collection");
            JsonObject p = aug.getJsonObject("properties");
            assertEquals(JsonValue.NULL, p.get("datetime"), where + " datetime");
            assertEquals("2023-08-01T00:00:00Z", p.getString("start_datetime"), where + " start_datetime");
            assertEquals("2023-08-31T23:59:59Z", p.getString("end_datetime"), where + " end_datetime");
            assertEquals(ResultsCheck.strings(ledger.get(aoi + "/2023-08").getJsonArray("sceneIds")),
                    ResultsCheck.strings(p.getJsonArray("eobatch:source_scenes")), where + " source scenes = ledger's");
            assertEquals("aoi-timelapse", p.getString("eobatch:job"), where + " eobatch:job");
            assertEquals(id, p.getJsonNumber("eobatch:execution_id").longValue(), where + " eobatch:execution_id");
            Map<String, String> assets;
            try {
                assets = rc.assetsDownload(aug.getJsonObject("assets"), where);
            } catch (Exception e) {
                throw new IOException(e);
            }
            assertEquals(Map.of("ndvi", dir + "2023-08-ndvi.png", "truecolour", dir + "2023-08-truecolour.png"),
                    assets, where + " assets");
            assertEquals(List.of("overview"), ResultsCheck.strings(aug.getJsonObject("assets").getJsonObject("ndvi")
                    .getJsonArray("roles")), where + " ndvi roles");
            assertEquals(List.of("visual"), ResultsCheck.strings(aug.getJsonObject("assets")
                    .getJsonObject("truecolour").getJsonArray("roles")), where + " truecolour roles");

            JsonObject jul = rc.items.get(aoi + "_2023-07");
            assertEquals(Set.of(), jul.getJsonObject("assets").keySet(), aoi + "_2023-07: NO_DATA, no images");
            assertEquals(1, jul.getJsonObject("properties").getJsonObject("eobatch:item_counts").getInt("NO_DATA"),
                    aoi + "_2023-07 item_counts");
            assertEquals(List.of(), ResultsCheck.strings(jul.getJsonObject("properties")
                    .getJsonArray("eobatch:source_scenes")), aoi + "_2023-07 source scenes");
            assertEquals("2023-07-01T00:00:00Z", jul.getJsonObject("properties").getString("start_datetime"));

            JsonObject whole = rc.items.get(aoi);
            try {
                assertEquals(Map.of("timelapse", dir + "timelapse.gif", "timelapse-json", dir + "timelapse.json"),
                        rc.assetsDownload(whole.getJsonObject("assets"), "/stac/items/" + aoi), aoi + " assets");
            } catch (Exception e) {
                throw new IOException(e);
            }
            assertEquals("2023-07-01T00:00:00Z", whole.getJsonObject("properties").getString("start_datetime"));
            assertEquals("2023-08-31T23:59:59Z", whole.getJsonObject("properties").getString("end_datetime"));
        }
    }

    /** A month whose clearest scene stays below minClearFraction is TOO_CLOUDY, with the numbers, and makes no GIF. */
    @Test
    void aMonthBelowTheMinimumClearFractionIsTooCloudyAndLeftOut() throws IOException {
        long id = Fixtures.start("aoi-timelapse", "{\"aois\":\"drava-a\",\"catalog\":\"drava\","
                + "\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"partitions\":1,\"minClearFraction\":1}");
        JsonObject done = Api.awaitTerminal(id, Duration.ofMinutes(5));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(1, done.getJsonObject("progress").getInt("tooCloudy"), done.getJsonObject("progress").toString());
        JsonObject item = Fixtures.items(id).getJsonObject(0);
        assertEquals("TOO_CLOUDY", item.getString("status"));
        String reason = item.getString("lastError");
        assertTrue(reason.contains("S2A_33TWL_20230815_0_L2A") && reason.contains("16526 of 16530")
                && reason.contains("minClearFraction 1"), reason);
        Path folder = DATA_DIR.resolve("results").resolve(done.getJsonNumber("instanceId").toString())
                .resolve("timelapse/drava-a");
        assertFalse(Files.exists(folder.resolve("timelapse.gif")), "no clear month, no GIF");
        assertFalse(Files.exists(folder.resolve("2023-08-ndvi.png")));
        assertTrue(json(folder.resolve("timelapse.json")).isNull("gif"));
    }

    /**
     * The stub fails the blue band of drava-b's clearest August scene: rendering drava-b/2023-08 fails (after its
     * retry), and so its partition, after drava-a/2023-08 of the same partition was rendered. The restart reads only
     * drava-b/2023-08: drava-a's images are not written again (same file, same modification time, same bytes) and its
     * attempts stay 1.
     */
    @Test
    void aRestartRendersNothingThatWasDoneAgain() throws IOException {
        stub.heal();
        String failingScene = "S2B_33TWL_20230813_0_L2A";
        stub.failPathsContaining(failingScene + "/B02");
        long first;
        try {
            first = Fixtures.start("aoi-timelapse", "{\"aois\":[\"drava-a\",\"drava-b\"],\"catalog\":\"dravahttp\","
                    + "\"from\":\"2023-07-01\",\"to\":\"2023-08-31\",\"partitions\":2,\"chunkSize\":1,"
                    + "\"retryLimit\":1}");
            JsonObject failed = Api.awaitTerminal(first, Duration.ofMinutes(5));
            assertEquals("FAILED", failed.getString("status"), failed.toString());
            assertTrue(stub.failedRequests() > 0, "the stub failed requests");

            Map<String, JsonObject> items = byKey(Fixtures.items(first));
            assertEquals(1, items.get("drava-a/2023-08").getInt("partition"), "item 1 of the plan: partition 1");
            assertEquals(1, items.get("drava-b/2023-08").getInt("partition"), "item 3 of the plan: partition 1");
            JsonObject doneBefore = items.get("drava-a/2023-08");
            assertEquals("DONE", doneBefore.getString("status"), items.toString());
            assertEquals("NO_DATA", items.get("drava-a/2023-07").getString("status"));
            assertEquals("NO_DATA", items.get("drava-b/2023-07").getString("status"));
            assertFalse(items.get("drava-b/2023-08").getString("status").equals("DONE"), items.toString());
            JsonArray parts = Fixtures.step(failed, "fetch-images").getJsonArray("partitions");
            assertEquals("COMPLETED", parts.getJsonObject(0).getString("status"), parts.toString());
            assertEquals("FAILED", parts.getJsonObject(1).getString("status"), parts.toString());

            long instance = failed.getJsonNumber("instanceId").longValue();
            Path folder = DATA_DIR.resolve("results").resolve(Long.toString(instance)).resolve("timelapse");
            assertFalse(Files.exists(folder.resolve("drava-b/2023-08-ndvi.png")), "no half-rendered month");
            List<Path> rendered = List.of(folder.resolve("drava-a/2023-08-ndvi.png"),
                    folder.resolve("drava-a/2023-08-truecolour.png"));
            Map<Path, BasicFileAttributes> before = new HashMap<>();
            Map<Path, byte[]> bytes = new HashMap<>();
            for (Path p : rendered) {
                before.put(p, Files.readAttributes(p, BasicFileAttributes.class));
                bytes.put(p, Files.readAllBytes(p));
            }

            stub.heal();
            long second = Fixtures.restart(first);
            JsonObject done = Api.awaitTerminal(second, Duration.ofMinutes(5));
            assertEquals("COMPLETED", done.getString("status"), done.toString());
            assertEquals(List.of("fetch-images", "make-gifs"), done.getJsonArray("steps").stream()
                    .map(v -> v.asJsonObject().getString("name")).toList(), "plan-items was not run again");
            JsonObject fetch = Fixtures.step(done, "fetch-images");
            assertEquals(1, fetch.getJsonArray("partitions").size(), "only the failed partition ran again");
            assertEquals(1, fetch.getJsonObject("metrics").getInt("readCount"), "only drava-b/2023-08 was read");

            Map<String, JsonObject> after = byKey(Fixtures.items(second));
            JsonObject doneAfter = after.get("drava-a/2023-08");
            assertEquals("DONE", doneAfter.getString("status"));
            assertEquals(doneBefore.getInt("attempts"), doneAfter.getInt("attempts"), "not worked on again");
            assertEquals(1, doneAfter.getInt("attempts"));
            assertEquals(doneBefore.getJsonNumber("lastExecutionId"), doneAfter.getJsonNumber("lastExecutionId"));
            for (Path p : rendered) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                assertEquals(before.get(p).lastModifiedTime(), a.lastModifiedTime(), p + " rewritten");
                assertEquals(before.get(p).fileKey(), a.fileKey(), p + " replaced by another file");
                assertArrayEquals(bytes.get(p), Files.readAllBytes(p), p + " changed");
            }
            JsonObject b8 = after.get("drava-b/2023-08");
            assertEquals("DONE", b8.getString("status"), b8.toString());
            assertEquals(failingScene, b8.getJsonArray("sceneIds").getString(0), b8.toString());
            assertTrue(Files.isRegularFile(folder.resolve("drava-b/2023-08-ndvi.png")));
            assertEquals(1, gifFrames(folder.resolve("drava-a/timelapse.gif")));
            assertEquals(1, gifFrames(folder.resolve("drava-b/timelapse.gif")));
        } finally {
            stub.heal();
        }
    }

    private static Map<String, JsonObject> byKey(JsonArray items) {
        Map<String, JsonObject> out = new HashMap<>();
        for (JsonValue v : items) {
            out.put(v.asJsonObject().getString("key"), v.asJsonObject());
        }
        return out;
    }

    private static BufferedImage read(Path png) throws IOException {
        assertTrue(Files.isRegularFile(png), "missing " + png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img != null, "not an image: " + png);
        return img;
    }

    private static long opaque(BufferedImage img) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) >>> 24) == 255 ? 1 : 0;
            }
        }
        return n;
    }

    private static long transparent(BufferedImage img) {
        return (long) img.getWidth() * img.getHeight() - opaque(img);
    }

    private static int gifFrames(Path gif) throws IOException {
        assertTrue(Files.isRegularFile(gif), "missing " + gif);
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            try {
                reader.setInput(in);
                return reader.getNumImages(true);
            } finally {
                reader.dispose();
            }
        }
    }

    private static JsonObject json(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), "missing " + file);
        try (var r = Json.createReader(new StringReader(Files.readString(file)))) {
            return r.readObject();
        }
    }
}
