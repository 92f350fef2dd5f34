package io.eobatch.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.imageio.ImageIO;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.eobatch.testsupport.StacSchemas;

/**
 * The files of an aoi-statistics execution on the real Drava catalog (2 AOIs, August 2023), over REST: the listing,
 * byte-exact downloads, the charts, the STAC catalog, and every path trick answered 404.
 */
class ResultsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> AOIS = List.of("drava-a", "drava-b");

    private static long id;
    private static long instance;
    private static Map<String, JsonObject> listed;

    @BeforeAll
    static void run() throws Exception {
        Fixtures.uploadDravaAois();
        id = Fixtures.start("aoi-statistics", "{\"aois\":[\"drava-a\",\"drava-b\"],\"catalog\":\"drava\","
                + "\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"partitions\":2}");
        JsonObject e = Api.awaitTerminal(id, Duration.ofMinutes(5));
        assertEquals("COMPLETED", e.getString("status"), e.toString());
        instance = e.getJsonNumber("instanceId").longValue();
        assertEquals("/api/executions/" + id + "/results", e.getJsonObject("links").getString("results"));
        Api.Response r = Api.get(results(""));
        assertEquals(200, r.status(), r.body());
        listed = new HashMap<>();
        for (JsonValue v : (JsonArray) r.jsonValue()) {
            listed.put(v.asJsonObject().getString("path"), v.asJsonObject());
        }
    }

    static String results(String path) {
        return "/api/executions/" + id + "/results" + (path.isEmpty() ? "" : "/" + path);
    }

    /** A GET as the bytes were given: java.net.http sends the path as it is, without normalising "..". */
    static HttpResponse<byte[]> raw(String rawPath, String... headers) throws Exception {
        HttpRequest.Builder b = Api.authorize(HttpRequest.newBuilder(URI.create(Api.BASE + rawPath))).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    // ------------------------------------------------------------------------------------------------- listing

    @Test
    void theListingHasTheTableTheSummaryAndTheChartsWithTheirTypesAndRoles() {
        Map<String, String[]> expected = new HashMap<>();
        expected.put("statistics.csv", new String[] {"text/csv", "data"});
        expected.put("summary.json", new String[] {"application/json", "data"});
        expected.put("charts/aoi-comparison.png", new String[] {"image/png", "chart"});
        for (String aoi : AOIS) {
            expected.put("charts/timeseries-" + aoi + ".png", new String[] {"image/png", "chart"});
        }
        for (var e : expected.entrySet()) {
            JsonObject f = listed.get(e.getKey());
            assertNotNull(f, e.getKey() + " missing from " + results("") + ": " + listed.keySet());
            assertEquals(e.getValue()[0], f.getString("mediaType"), e.getKey() + " mediaType");
            assertEquals(e.getValue()[1], f.getString("role"), e.getKey() + " role");
            assertEquals(results(e.getKey()), f.getString("href"), e.getKey() + " href");
            assertTrue(f.getJsonNumber("size").longValue() > 0, e.getKey() + " size");
            assertTrue(f.getString("sha256").matches("[0-9a-f]{64}"), e.getKey() + " sha256");
        }
        assertEquals(2, listed.keySet().stream().filter(p -> p.startsWith("charts/timeseries-")).count(),
                "one time series per AOI: " + listed.keySet());
    }

    // ----------------------------------------------------------------------------------------------- downloads

    @Test
    void everyFileDownloadsWithItsExactBytesTypeLengthAndEtag() throws Exception {
        for (JsonObject f : listed.values()) {
            String path = f.getString("path");
            HttpResponse<byte[]> r = raw(f.getString("href"));
            assertEquals(200, r.statusCode(), path);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(f.getString("mediaType")),
                    path + " Content-Type " + r.headers().firstValue("Content-Type"));
            assertEquals(f.getJsonNumber("size").longValue(), r.body().length, path + " size");
            assertEquals(String.valueOf(r.body().length), r.headers().firstValue("Content-Length").orElse(null),
                    path + " Content-Length");
            assertEquals(f.getString("sha256"), sha256(r.body()), path + " content");
            String etag = r.headers().firstValue("ETag").orElse(null);
            assertEquals("\"" + f.getString("sha256") + "\"", etag, path + " ETag");
            assertTrue(r.headers().firstValue("Last-Modified").isPresent(), path + " Last-Modified");
            assertEquals(304, raw(f.getString("href"), "If-None-Match", etag).statusCode(), path + " If-None-Match");
        }
    }

    @Test
    void theCsvFileIsTheStatisticsCsvAndTheJsonFileTheSummary() throws Exception {
        String file = new String(raw(results("statistics.csv")).body(), StandardCharsets.UTF_8);
        Api.Response api = Api.get("/api/executions/" + id + "/statistics?format=csv");
        assertEquals(200, api.status());
        assertEquals(api.body(), file, "statistics.csv = GET /statistics?format=csv");
        assertEquals(1 + 15, file.split("\r\n").length, "header + 10 scenes of drava-a + 5 of drava-b");

        JsonArray summaryFile = Json.createReader(new StringReader(new String(raw(results("summary.json")).body(),
                StandardCharsets.UTF_8))).readArray();
        JsonArray summaryApi = (JsonArray) Api.get("/api/executions/" + id + "/summary").jsonValue();
        assertEquals(summaryApi.size(), summaryFile.size());
        assertEquals(2, summaryFile.size());
        for (int i = 0; i < summaryApi.size(); i++) {
            JsonObject a = summaryApi.getJsonObject(i);
            JsonObject f = summaryFile.getJsonObject(i);
            Set<String> keys = new TreeSet<>(a.keySet());
            keys.addAll(f.keySet());
            for (String k : keys) {
                JsonValue av = a.getOrDefault(k, JsonValue.NULL);
                JsonValue fv = f.getOrDefault(k, JsonValue.NULL);
                if (av instanceof JsonNumber an) {
                    assertTrue(fv instanceof JsonNumber, "summary.json[" + i + "]." + k + ": " + fv);
                    assertEquals(an.doubleValue(), ((JsonNumber) fv).doubleValue(), "summary.json[" + i + "]." + k);
                } else {
                    assertEquals(av, fv, "summary.json[" + i + "]." + k);
                }
            }
        }
    }

    @Test
    void theChartsArePngsOfSaneSizesAndNotBlank() throws Exception {
        for (String path : listed.keySet()) {
            if (!path.startsWith("charts/")) {
                continue;
            }
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(raw(results(path)).body()));
            assertNotNull(img, path + " does not decode");
            boolean bar = path.equals("charts/aoi-comparison.png");
            assertEquals(bar ? 800 : 1000, img.getWidth(), path + " width");
            assertEquals(bar ? 600 : 500, img.getHeight(), path + " height");
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < img.getHeight(); y += 2) {
                for (int x = 0; x < img.getWidth(); x += 2) {
                    colours.add(img.getRGB(x, y) & 0xffffff);
                }
            }
            assertTrue(colours.size() > 20, path + " has " + colours.size() + " colours: blank?");
        }
    }

    // ---------------------------------------------------------------------------------------------------- STAC

    @Test
    void theStacCollectionDescribesTheExecutionAndItsFilesAcrossAois() throws Exception {
        Api.Response r = Api.get("/api/executions/" + id + "/stac");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        JsonObject c = r.json();
        assertEquals(List.of(), StacSchemas.problems(r.body()), "the STAC 1.0.0 and extension schemas");
        assertEquals("Collection", c.getString("type"));
        assertEquals("1.0.0", c.getString("stac_version"));
        assertEquals("eobatch-execution-" + id, c.getString("id"));
        assertFalse(c.getString("description").isBlank());
        assertFalse(c.getString("license").isBlank());
        assertFalse(c.getJsonArray("providers").isEmpty());
        JsonArray bbox = c.getJsonObject("extent").getJsonObject("spatial").getJsonArray("bbox").getJsonArray(0);
        assertEquals(4, bbox.size());
        for (String aoi : AOIS) {
            JsonArray b = Api.get("/api/aois/" + aoi).json().getJsonArray("bbox");
            assertTrue(num(bbox, 0) <= num(b, 0) && num(bbox, 1) <= num(b, 1) && num(bbox, 2) >= num(b, 2)
                    && num(bbox, 3) >= num(b, 3), "collection bbox " + bbox + " holds " + aoi + "'s " + b);
        }
        assertEquals(List.of("2023-08-01T00:00:00Z", "2023-08-31T23:59:59Z"), c.getJsonObject("extent")
                .getJsonObject("temporal").getJsonArray("interval").getJsonArray(0).getValuesAs(JsonString.class)
                .stream().map(JsonString::getString).toList());
        Map<String, String> links = new HashMap<>();
        for (JsonValue v : c.getJsonArray("links")) {
            links.putIfAbsent(v.asJsonObject().getString("rel"), v.asJsonObject().getString("href"));
        }
        assertEquals(Api.BASE + "/api/executions/" + id + "/stac", links.get("self"));
        assertEquals(links.get("self"), links.get("root"));
        assertEquals(Api.BASE + "/api/executions/" + id + "/stac/items", links.get("items"));
        assertFalse(links.containsKey("item"), "the items are paged through the items link, not linked one by one");
        assertEquals(id, c.getJsonNumber("eobatch:execution_id").longValue());
        assertTrue(c.containsKey("summaries"));
        // made without reading the ledger: the kept counts, the AOI count and the summaries' ranges
        Map<String, Integer> byStatus = new HashMap<>();
        Fixtures.items(id).forEach(v -> byStatus.merge(v.asJsonObject().getString("status"), 1, Integer::sum));
        Map<String, Integer> kept = new HashMap<>();
        c.getJsonObject("eobatch:item_counts").forEach((k, v) -> kept.put(k, ((JsonNumber) v).intValue()));
        assertEquals(byStatus, kept, "eobatch:item_counts");
        assertTrue(c.getString("description").contains("over " + AOIS.size() + " AOI(s)"), c.getString("description"));
        JsonArray summary = (JsonArray) Api.get("/api/executions/" + id + "/summary").jsonValue();
        double lowest = summary.stream().filter(v -> !v.asJsonObject().isNull("mean"))
                .mapToDouble(v -> v.asJsonObject().getJsonNumber("mean").doubleValue()).min().orElseThrow();
        assertEquals(lowest, c.getJsonObject("summaries").getJsonObject("eobatch:mean").getJsonNumber("minimum")
                .doubleValue(), 1e-12, "the least AOI mean");
        JsonObject assets = c.getJsonObject("assets");
        assertEquals(Set.of("statistics", "summary", "aoi-comparison", "aois"), assets.keySet());
        assertAssetDownloads(assets);
    }

    @Test
    void oneStacItemPerAoiWithTheAoiThePeriodTheNumbersTheScenesAndItsChart() throws Exception {
        Api.Response r = Api.get("/api/executions/" + id + "/stac/items", "application/geo+json");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/geo+json"), r.contentType());
        JsonObject fc = r.json();
        assertEquals(List.of(), StacSchemas.problems(r.body()), "every item: the STAC and extension schemas");
        assertEquals("FeatureCollection", fc.getString("type"));
        JsonArray features = fc.getJsonArray("features");
        assertEquals(AOIS, features.stream().map(v -> v.asJsonObject().getString("id")).toList());
        JsonArray summary = (JsonArray) Api.get("/api/executions/" + id + "/summary").jsonValue();
        JsonArray items = Fixtures.items(id);
        for (int i = 0; i < AOIS.size(); i++) {
            String aoi = AOIS.get(i);
            JsonObject item = features.getJsonObject(i);
            assertEquals("Feature", item.getString("type"));
            assertEquals("1.0.0", item.getString("stac_version"));
            assertEquals("eobatch-execution-" + id, item.getString("collection"));
            assertEquals(Api.get("/api/aois/" + aoi).json().getJsonObject("geometry"), item.getJsonObject("geometry"),
                    aoi + " geometry");
            assertEquals(4, item.getJsonArray("bbox").size());
            JsonObject p = item.getJsonObject("properties");
            assertEquals(JsonValue.NULL, p.get("datetime"), aoi);
            assertEquals("2023-08-01T00:00:00Z", p.getString("start_datetime"));
            assertEquals("2023-08-31T23:59:59Z", p.getString("end_datetime"));
            assertEquals("aoi-statistics", p.getString("eobatch:job"));
            assertEquals(id, p.getJsonNumber("eobatch:execution_id").longValue());
            assertEquals("drava", p.getJsonObject("eobatch:parameters").getString("catalog"));
            assertEquals("2023-08-01", p.getJsonObject("eobatch:parameters").getString("from"));
            TreeSet<String> done = new TreeSet<>();
            for (JsonValue v : items) {
                JsonObject w = v.asJsonObject();
                if (w.getString("aoiId").equals(aoi) && w.getString("status").equals("DONE")) {
                    w.getJsonArray("sceneIds").getValuesAs(JsonString.class).forEach(s -> done.add(s.getString()));
                }
            }
            assertEquals(aoi.equals("drava-a") ? 10 : 5, done.size(), aoi + " scenes done");
            assertEquals(List.copyOf(done), p.getJsonArray("eobatch:source_scenes").getValuesAs(JsonString.class)
                    .stream().map(JsonString::getString).toList(), aoi + " source scenes");
            JsonObject s = summary.getJsonObject(i);
            assertEquals(s.getJsonNumber("mean").doubleValue(), p.getJsonNumber("eobatch:mean").doubleValue(), aoi);
            assertEquals(s.getInt("validScenes"), p.getInt("eobatch:valid_scenes"), aoi);
            JsonObject chart = item.getJsonObject("assets").getJsonObject("timeseries");
            assertEquals(Api.BASE + results("charts/timeseries-" + aoi + ".png"), chart.getString("href"));
            assertEquals("image/png", chart.getString("type"));
            assertEquals(List.of("chart"), chart.getJsonArray("roles").getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString).toList());
            assertAssetDownloads(item.getJsonObject("assets"));

            Api.Response one = Api.get("/api/executions/" + id + "/stac/items/" + aoi);
            assertEquals(200, one.status(), one.body());
            assertEquals(item, one.json(), "/stac/items/" + aoi + " is the same item");
        }
        Api.Response none = Api.get("/api/executions/" + id + "/stac/items/drava-z");
        assertEquals(404, none.status());
        assertTrue(none.contentType().startsWith("application/problem+json"), none.contentType());
    }

    private static void assertAssetDownloads(JsonObject assets) throws Exception {
        for (var e : assets.entrySet()) {
            JsonObject a = e.getValue().asJsonObject();
            String href = a.getString("href");
            assertTrue(href.startsWith(Api.BASE + "/api/executions/" + id + "/results/"), e.getKey() + ": " + href);
            HttpResponse<byte[]> r = raw(href.substring(Api.BASE.length()));
            assertEquals(200, r.statusCode(), href);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(a.getString("type")), href);
            JsonObject f = listed.get(href.substring((Api.BASE + results("")).length() + 1));
            assertNotNull(f, href + " is listed");
            assertEquals(f.getString("sha256"), sha256(r.body()), href);
        }
    }

    private static double num(JsonArray a, int i) {
        return a.getJsonNumber(i).doubleValue();
    }

    /**
     * A first execution fails part-way (the stub fails one scene's red band), its restart completes: the catalog
     * asked for through either execution describes the results as of the newest, and the files are the same.
     */
    @Test
    void afterARestartTheCatalogDescribesTheNewestExecution() throws Exception {
        long first;
        long second;
        try (CatalogStub stub = new CatalogStub(Fixtures.DRAVA, Fixtures.STUB_PORT)) {
            stub.failPathsContaining("S2A_33TWL_20230818_0_L2A/B04");
            first = Fixtures.start("aoi-statistics", "{\"aois\":\"drava-b\",\"catalog\":\"dravahttp\","
                    + "\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"partitions\":1,\"chunkSize\":1,"
                    + "\"retryLimit\":0}");
            assertEquals("FAILED", Api.awaitTerminal(first, Duration.ofMinutes(5)).getString("status"));
            assertEquals("[]", Api.get("/api/executions/" + first + "/results").body().replaceAll("\\s", ""),
                    "no summarize, no files yet");
            stub.heal();
            Api.Response r = Api.post("/api/executions/" + first + "/restart", "");
            assertEquals(201, r.status(), r.body());
            second = Long.parseLong(r.header("Location").replaceAll(".*/", ""));
            assertEquals("COMPLETED", Api.awaitTerminal(second, Duration.ofMinutes(5)).getString("status"));
        }
        assertEquals(Api.get("/api/executions/" + second + "/results").body(),
                Api.get("/api/executions/" + first + "/results").body().replace("/executions/" + first + "/",
                        "/executions/" + second + "/"), "one results folder for the job instance");
        for (long asked : new long[] {first, second}) {
            JsonObject c = Api.get("/api/executions/" + asked + "/stac").json();
            assertEquals("eobatch-execution-" + asked, c.getString("id"));
            assertEquals(second, c.getJsonNumber("eobatch:execution_id").longValue(), "as of the newest");
            assertEquals(List.of(first, second), c.getJsonArray("eobatch:executions").getValuesAs(JsonNumber.class)
                    .stream().map(JsonNumber::longValue).toList());
            JsonObject item = Api.get("/api/executions/" + asked + "/stac/items/drava-b").json();
            JsonObject p = item.getJsonObject("properties");
            assertEquals(second, p.getJsonNumber("eobatch:execution_id").longValue());
            assertEquals(5, p.getJsonArray("eobatch:source_scenes").size(), "every scene done after the restart");
            String href = item.getJsonObject("assets").getJsonObject("timeseries").getString("href");
            assertTrue(href.startsWith(Api.BASE + "/api/executions/" + asked + "/results/"), href);
            assertEquals(200, raw(href.substring(Api.BASE.length())).statusCode(), href);
        }
    }

    // ------------------------------------------------------------------------------------------ path tricks: 404

    /** The answer to a trick: 404, never a file's bytes (nor anything looking like /etc/passwd). */
    private static void assertRefused(String rawPath) throws Exception {
        HttpResponse<byte[]> r = raw(rawPath);
        String body = new String(r.body(), StandardCharsets.ISO_8859_1);
        assertEquals(404, r.statusCode(), rawPath + " answered " + r.statusCode() + ": " + body);
        assertFalse(body.contains("root:") || body.contains("aoi_id,item_id") || body.contains("PNG")
                || body.contains("secret of the IT"), rawPath + " leaked: " + body);
    }

    private static void assertProblem(String rawPath) throws Exception {
        assertRefused(rawPath);
        HttpResponse<byte[]> r = raw(rawPath);
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("")
                .replaceAll(";.*", ""), rawPath);
    }

    @Test
    void dotDotSegmentsAreRefused() throws Exception {
        assertProblem(results("charts/../statistics.csv"));
        assertProblem(results("./statistics.csv"));
        assertProblem(results("charts/./aoi-comparison.png"));
        assertProblem(results("..") + "/" + instance + "/statistics.csv");
        // climbing out of the application: whoever answers (the server, not eobatch), it is a 404
        assertRefused(results("../../../../../../../etc/passwd"));
    }

    @Test
    void percentEncodedSlashesBackslashesAndDotsAreRefused() throws Exception {
        assertProblem(results("charts%2Faoi-comparison.png"));
        assertProblem(results("charts%2faoi-comparison.png"));
        assertProblem(results("charts%5Caoi-comparison.png"));
        assertProblem(results("charts%5caoi-comparison.png"));
        assertProblem(results("%2e%2e%2f%2e%2e%2fetc%2fpasswd"));
        assertProblem(results("..%2F..%2F..%2Fetc%2Fpasswd"));
        assertProblem(results("statistics%2Ecsv"));
    }

    @Test
    void absolutePathsAreRefused() throws Exception {
        assertProblem(results("") + "//etc/passwd");
        assertProblem(results("%2Fetc%2Fpasswd"));
        assertProblem(results("charts//aoi-comparison.png"));
    }

    @Test
    void aSymbolicLinkOutOfTheResultsFolderIsRefusedAndNotListed() throws Exception {
        String dataDir = System.getProperty("eobatch.it.data.dir");
        Assumptions.assumeTrue(dataDir != null, "eobatch.it.data.dir not set: the server's results folder is unknown");
        Path folder = Path.of(dataDir, "results", Long.toString(instance));
        assertTrue(Files.isDirectory(folder), "the results folder of job instance " + instance + ": " + folder);
        Path outside = Files.createTempDirectory(Path.of(dataDir), "outside-");
        Path secret = Files.writeString(outside.resolve("secret.csv"), "secret of the IT\n");
        Path fileLink = folder.resolve("escape.csv");
        Path dirLink = folder.resolve("escape-dir");
        try {
            Files.createSymbolicLink(fileLink, secret);
            Files.createSymbolicLink(dirLink, outside);
            assertProblem(results("escape.csv"));
            assertProblem(results("escape-dir/secret.csv"));
            Api.Response list = Api.get(results(""));
            assertFalse(list.body().contains("escape"), "links are not listed: " + list.body());
            Api.Response stac = Api.get("/api/executions/" + id + "/stac");
            assertFalse(stac.body().contains("escape"), "links are not in the STAC catalog");
        } finally {
            Files.deleteIfExists(fileLink);
            Files.deleteIfExists(dirLink);
            Files.deleteIfExists(secret);
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void aFileThatDoesNotExistIsNotFound() throws Exception {
        assertProblem(results("nope.csv"));
        assertProblem(results("charts/nope.png"));
        assertProblem("/api/executions/987654321/results/statistics.csv");
        Api.Response r = Api.get("/api/executions/987654321/results");
        assertEquals(404, r.status());
    }
}
