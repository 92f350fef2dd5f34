package io.eobatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import io.eobatch.testsupport.TestGeoPackages;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hostile and faulty input (issue 10 point 3), over HTTP against the provisioned server: every parameter of every
 * job (as {@code GET /api/jobs} lists them) with JSON {@code null} and with wrong JSON types, at launch, estimate and
 * restart; empty lists; dates outside the accepted range and periods too long for the job; sizes over the limits
 * (tile pixels, tiles, AOIs x months, vertices); {@code retryOf} from a client; malformed query and path
 * parameters; bodies over the JSON limit; an AOI that a running job uses. Each answer is a 4xx problem+json naming
 * the field, and nothing was started or stored (executions and AOIs counted before and after).
 */
class HostileInputIT {

    /** A valid launch of each job over the demo catalog; a test changes one parameter of it. */
    private static final Map<String, String> VALID = Map.of(
            "aoi-statistics", "\"catalog\":\"demo\",\"aois\":[\"forest\"],\"from\":\"2023-06-01\",\"to\":\"2023-06-10\"",
            "aoi-timelapse", "\"catalog\":\"demo\",\"aois\":[\"forest\"],\"from\":\"2023-06-01\",\"to\":\"2023-06-30\"",
            "tiled-composite", "\"catalog\":\"demo\",\"aoi\":\"forest\",\"from\":\"2023-06-01\",\"to\":\"2023-06-10\","
                    + "\"tileSize\":9.6,\"resolution\":30");

    private static final String SET = "hostile-many";

    @BeforeAll
    static void demoAois() {
        Api.awaitReady(Duration.ofMinutes(3));
        if (Api.get("/api/aois/forest").status() == 404) {
            Api.Response aois = Api.get("/api/demo/aois", "application/geo+json");
            assertEquals(200, aois.status(), aois.body());
            Api.Response up = Api.post("/api/aois", aois.body());
            assertEquals(201, up.status(), up.body());
        }
    }

    @AfterAll
    static void removeTheSet() {
        Api.delete("/api/aoi-sets/" + SET + "?aois=delete");
    }

    private static int executions() {
        return ((JsonArray) Api.get("/api/executions?limit=10000").jsonValue()).size();
    }

    private static int aois() {
        return Api.get("/api/aois?geometry=false").json().getJsonArray("features").size();
    }

    /** Asserts a problem+json answer of {@code status} naming {@code field}, its detail containing {@code text}. */
    static JsonObject assertProblem(Api.Response r, int status, String field, String text) {
        assertEquals(status, r.status(), r.body());
        assertEquals("application/problem+json", r.contentType(), r.body());
        JsonObject p = r.json();
        assertEquals(field, p.getString("field", null), r.body());
        assertTrue(p.getString("detail").contains(text), "detail should say '" + text + "': " + r.body());
        return p;
    }

    /**
     * The valid body of {@code job} with the members of {@code change} (JSON members, their values as sent) put in
     * place of its own: each member once, so the server sees exactly the value under test.
     */
    static String with(String job, String change) {
        JsonObject valid = Json.createReader(new java.io.StringReader("{" + VALID.get(job) + "}")).readObject();
        JsonObject changed = Json.createReader(new java.io.StringReader("{" + change
                + "}")).readObject();
        StringBuilder out = new StringBuilder("{");
        valid.forEach((k, v) -> {
            if (!changed.containsKey(k)) {
                out.append(out.length() > 1 ? "," : "").append(Json.createValue(k)).append(':').append(v);
            }
        });
        changed.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append(Json.createValue(k)).append(':')
                .append(v));
        return out.append('}').toString();
    }

    /** Wrong JSON values for a parameter of this type: null, an object, and a value of another JSON type. */
    private static List<String> wrongValues(String type, List<String> allowed) {
        List<String> out = new ArrayList<>(List.of("null", "{\"a\":1}"));
        switch (type) {
            case "integer", "number" -> out.addAll(List.of("true", "[1]"));
            case "list" -> out.addAll(List.of("true", "[]", "\"\"", "[\"ok\",{}]"));
            case "enum" -> out.addAll(allowed.contains("true") ? List.of("7", "[\"true\"]") : List.of("7", "true",
                    "[\"x\"]"));
            default -> out.addAll(List.of("7", "true", "[\"x\"]"));
        }
        return out;
    }

    /**
     * Every parameter a client may give, of every job, at launch and estimate: null, an object and a wrong JSON
     * type are each a 400 naming the parameter; nothing started.
     */
    @TestFactory
    Stream<DynamicTest> everyParameterOfEveryJobRefusesNullAndWrongJsonTypes() {
        int before = executions();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonValue j : (JsonArray) Api.get("/api/jobs").jsonValue()) {
            String job = j.asJsonObject().getString("id");
            for (JsonValue pv : j.asJsonObject().getJsonArray("parameters")) {
                JsonObject p = pv.asJsonObject();
                String name = p.getString("name");
                if (name.equals("retryOf")) {
                    continue; // refused whatever its value: serverOnlyParametersAreRefused
                }
                List<String> allowed = !(p.get("allowed") instanceof JsonArray) ? List.of() : p.getJsonArray("allowed")
                        .getValuesAs(jakarta.json.JsonString.class).stream().map(s -> s.getString()).toList();
                for (String wrong : wrongValues(p.getString("type"), allowed)) {
                    String body = with(job, "\"" + name + "\":" + wrong);
                    for (String action : List.of("executions", "estimate")) {
                        tests.add(DynamicTest.dynamicTest(job + " " + action + " " + name + "=" + wrong, () ->
                                assertProblem(Api.post("/api/jobs/" + job + "/" + action, body), 400, name, "")));
                    }
                }
            }
        }
        tests.add(DynamicTest.dynamicTest("nothing was started", () -> assertEquals(before, executions())));
        return tests.stream();
    }

    /** A valid body of each job is accepted by estimate: the refusals above are about the one wrong value. */
    @ParameterizedTest
    @CsvSource({"aoi-statistics", "aoi-timelapse", "tiled-composite"})
    void theValidBodiesAreValid(String job) {
        Api.Response r = Api.post("/api/jobs/" + job + "/estimate", "{" + VALID.get(job) + "}");
        assertEquals(200, r.status(), r.body());
    }

    /**
     * A restart's body: null (it would remove the budget), wrong types and retryOf are refused naming the
     * parameter before the restart's own rules; the execution is unchanged.
     */
    @Test
    void restartBodiesAreCheckedLikeLaunches() {
        long id = Fixtures.start("aoi-statistics", "{" + VALID.get("aoi-statistics") + ",\"budget\":100}");
        Api.awaitTerminal(id, Duration.ofMinutes(3));
        int before = executions();
        String restart = "/api/executions/" + id + "/restart";
        assertProblem(Api.post(restart, "{\"budget\":null}"), 400, "budget", "null");
        assertProblem(Api.post(restart, "{\"budget\":true}"), 400, "budget", "boolean");
        assertProblem(Api.post(restart, "{\"budget\":[500]}"), 400, "budget", "array");
        assertProblem(Api.post(restart, "{\"chunkSize\":\"many\"}"), 400, "chunkSize", "whole number");
        assertProblem(Api.post(restart, "{\"retryLimit\":{}}"), 400, "retryLimit", "object");
        assertProblem(Api.post(restart, "{\"skipLimit\":null}"), 400, "skipLimit", "null");
        assertProblem(Api.post(restart, "{\"retryOf\":1}"), 400, "retryOf", "set by the server");
        assertProblem(Api.post(restart, "{\"aois\":[]}"), 400, "aois", "empty");
        assertEquals(before, executions());
        assertEquals("100", Api.get("/api/executions/" + id).json().getJsonObject("parameters").getString("budget"),
                "the budget is kept");
    }

    /** retryOf is set by retry-failed alone: refused at launch, estimate and restart, whatever its value. */
    @Test
    void serverOnlyParametersAreRefused() {
        int before = executions();
        for (String value : List.of("1", "null", "\"1\"")) {
            for (String action : List.of("executions", "estimate")) {
                assertProblem(Api.post("/api/jobs/aoi-statistics/" + action, "{" + VALID.get("aoi-statistics")
                        + ",\"retryOf\":" + value + "}"), 400, "retryOf", "set by the server");
            }
        }
        assertEquals(before, executions());
    }

    @ParameterizedTest(name = "{0}: {1} -> 400 naming {2}")
    @CsvSource(delimiter = '|', value = {
        "aoi-statistics  | \"aois\":[]                                      | aois      | empty",
        "aoi-statistics  | \"aoiSet\":[]                                    | aoiSet    | empty",
        "aoi-statistics  | \"aois\":\" , \"                                 | aois      | empty",
        "aoi-statistics  | \"from\":\"1900-01-01\"                          | from      | eobatch.limits.earliest-date",
        "aoi-statistics  | \"to\":\"2999-12-31\"                            | to        | eobatch.limits.days-ahead",
        "aoi-statistics  | \"from\":\"2000-01-01\",\"to\":\"2015-01-01\"    | to        | eobatch.limits.aoi-statistics.max-period-days",
        "aoi-statistics  | \"interval\":\"P1000Y\"                          | interval  | longer than",
        "aoi-timelapse   | \"from\":\"2000-01-01\",\"to\":\"2015-01-01\"    | to        | eobatch.limits.aoi-timelapse.max-period-days",
        "tiled-composite | \"from\":\"2022-01-01\",\"to\":\"2023-06-10\"    | to        | eobatch.limits.tiled-composite.max-period-days",
        "tiled-composite | \"tileSize\":1000,\"resolution\":1               | tileSize  | eobatch.limits.tiled-composite.max-tile-pixels",
        "tiled-composite | \"tileSize\":20,\"resolution\":10,\"buffer\":30  | tileSize  | 2060 x 2060",
        "tiled-composite | \"aoi\":null                                     | aoi       | null",
    })
    void emptyListsDatesAndSizesOverTheLimitsAreRefusedBeforeAnythingStarts(String job, String change, String field,
                                                                            String text) {
        int before = executions();
        String body = with(job, change);
        for (String action : List.of("executions", "estimate")) {
            assertProblem(Api.post("/api/jobs/" + job + "/" + action, body), 400, field, text);
        }
        assertEquals(before, executions());
    }

    /** Tiles over the area: the whole world at 10 km, by bbox (the AOI given as bbox instead of aoi). */
    @Test
    void anAreaOfTooManyTilesIsRefused() {
        int before = executions();
        String body = "{\"catalog\":\"demo\",\"bbox\":\"-180,-90,180,90\",\"from\":\"2023-06-01\","
                + "\"to\":\"2023-06-10\"}";
        assertProblem(Api.post("/api/jobs/tiled-composite/estimate", body), 400, "bbox",
                "eobatch.limits.tiled-composite.max-tiles");
        assertProblem(Api.post("/api/jobs/tiled-composite/executions", body), 400, "bbox", "tiles of 10 km");
        assertEquals(before, executions());
    }

    /** AOIs x months: a set of 200 AOIs over ten years of months is 24,000 images, over the 20,000 allowed. */
    @Test
    void tooManyAoisTimesMonthsIsRefused() {
        StringBuilder fc = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < 200; i++) {
            double x = 15 + (i % 20) * 0.01;
            double y = 46 + (i / 20) * 0.01;
            fc.append(i == 0 ? "" : ",").append("{\"type\":\"Feature\",\"id\":\"hostile-").append(i)
                    .append("\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[")
                    .append(x).append(',').append(y).append("],[").append(x + 0.005).append(',').append(y)
                    .append("],[").append(x + 0.005).append(',').append(y + 0.005).append("],[").append(x)
                    .append(',').append(y).append("]]]}}");
        }
        Api.Response up = Api.post("/api/aois?set=" + SET, AoiIT.GEOJSON,
                fc.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(201, up.status(), up.body());
        int before = executions();
        String body = "{\"catalog\":\"demo\",\"aoiSet\":\"" + SET + "\",\"from\":\"2016-01-01\",\"to\":\"2025-12-31\"}";
        JsonObject p = assertProblem(Api.post("/api/jobs/aoi-timelapse/executions", body), 400, "aoiSet",
                "eobatch.limits.aoi-timelapse.max-aoi-months");
        assertTrue(p.getString("detail").contains("200 AOIs x 120 months = 24000"), p.toString());
        assertEquals(before, executions());
        assertEquals(204, Api.delete("/api/aoi-sets/" + SET + "?aois=delete").status());
    }

    /** An AOI of more vertices than eobatch.limits.aoi-vertices (50,000): 413 naming the feature, nothing stored. */
    @Test
    void anAoiOfTooManyVerticesIsRefused() {
        int n = 25_001; // along each of two long edges: 50,002 vertices, the ring closed
        StringBuilder ring = new StringBuilder();
        for (int i = 0; i < n; i++) {
            ring.append('[').append(new java.math.BigDecimal("15").add(java.math.BigDecimal.valueOf(i, 5)))
                    .append(",46],");
        }
        for (int i = n - 1; i >= 0; i--) {
            ring.append('[').append(new java.math.BigDecimal("15").add(java.math.BigDecimal.valueOf(i, 5)))
                    .append(",46.01],");
        }
        ring.append("[15,46]");
        String feature = "{\"type\":\"Feature\",\"id\":\"hostile-vertices\",\"properties\":{},\"geometry\":"
                + "{\"type\":\"Polygon\",\"coordinates\":[[" + ring + "]]}}";
        int before = aois();
        JsonObject p = assertProblem(Api.post("/api/aois", AoiIT.GEOJSON, feature.getBytes(StandardCharsets.UTF_8)),
                413, "feature", "eobatch.limits.aoi-vertices");
        assertTrue(p.getString("detail").contains("50003 vertices"), p.toString());
        assertEquals(before, aois());
        assertEquals(404, Api.get("/api/aois/hostile-vertices").status());
    }

    /**
     * The same vertex limit on a GeoPackage upload: a feature of 50,003 vertices (coordinates of five decimals, as
     * the GeoJSON one above, so that the geometry stays within eobatch.limits.aoi-geometry-chars) is a 413 naming
     * the layer's feature and the setting, and nothing is stored.
     */
    @Test
    void aGeoPackageAoiOfTooManyVerticesIsRefused(@TempDir Path dir) throws Exception {
        int n = 25_001;
        double[][] ring = new double[2 * n + 1][];
        for (int i = 0; i < n; i++) {
            double x = Double.parseDouble(new java.math.BigDecimal("15").add(java.math.BigDecimal.valueOf(i, 5))
                    .toString());
            ring[i] = new double[] {x, 46};
            ring[2 * n - 1 - i] = new double[] {x, 46.01};
        }
        ring[2 * n] = ring[0];
        Path gpkg = TestGeoPackages.write(dir.resolve("vertices.gpkg"), 4326, List.of(new TestGeoPackages.Row(1,
                "hostile-gpkg-vertices", null, TestGeoPackages.polygon(ring))), true);
        int before = aois();
        JsonObject p = assertProblem(Api.postFile("/api/aois", AoiIT.GPKG, gpkg), 413, "layer[fid=1]",
                "eobatch.limits.aoi-vertices");
        assertTrue(p.getString("detail").contains((2 * n + 1) + " vertices"), p.toString());
        assertEquals(before, aois());
        assertEquals(404, Api.get("/api/aois/hostile-gpkg-vertices").status());
    }

    /**
     * The upload limits are settings (eobatch.limits.aoi-features, -geometry-chars, -body-bytes), read at each upload:
     * lowered on the running server through its management CLI, an upload beyond each is a 413 naming the setting,
     * and nothing is stored; removed, the same upload is stored.
     */
    @Test
    void theAoiUploadLimitsAreSettings() throws Exception {
        String two = "{\"type\":\"FeatureCollection\",\"features\":[" + square("hostile-limit-a", 15.1) + ","
                + square("hostile-limit-b", 15.3) + "]}";
        byte[] body = two.getBytes(StandardCharsets.UTF_8);
        int before = aois();
        Fixtures.cli("/system-property=eobatch.limits.aoi-features:add(value=1)");
        try {
            assertProblem(Api.post("/api/aois", AoiIT.GEOJSON, body), 413, "features", "eobatch.limits.aoi-features");
        } finally {
            Fixtures.cli("/system-property=eobatch.limits.aoi-features:remove");
        }
        Fixtures.cli("/system-property=eobatch.limits.aoi-geometry-chars:add(value=40)");
        try {
            assertProblem(Api.post("/api/aois", AoiIT.GEOJSON, body), 413, "features[0]",
                    "eobatch.limits.aoi-geometry-chars");
        } finally {
            Fixtures.cli("/system-property=eobatch.limits.aoi-geometry-chars:remove");
        }
        Fixtures.cli("/system-property=eobatch.limits.aoi-body-bytes:add(value=" + (body.length - 1) + ")");
        try {
            assertProblem(Api.post("/api/aois", AoiIT.GEOJSON, body), 413, "body", "eobatch.limits.aoi-body-bytes");
        } finally {
            Fixtures.cli("/system-property=eobatch.limits.aoi-body-bytes:remove");
        }
        assertEquals(before, aois(), "nothing stored");
        assertEquals(201, Api.post("/api/aois", AoiIT.GEOJSON, body).status(), "within the default limits");
        assertEquals(204, Api.delete("/api/aois/hostile-limit-a").status());
        assertEquals(204, Api.delete("/api/aois/hostile-limit-b").status());
    }

    /**
     * A numeric setting made wrong on the running server (start-up refuses one: SettingsCheckTest) never makes a
     * request a 500: the limits read at the request fall back to their defaults and the server log names the key and
     * the value. Set through the management CLI and removed afterwards: a limit (tiles) read by an estimate and a
     * launch check, one (vertices) read by an upload, and a provider's throttle and latency read by an estimate.
     */
    @Test
    void aWrongNumericSettingOnTheRunningServerIsNeverA500() throws Exception {
        List<String> keys = List.of("eobatch.limits.tiled-composite.max-tiles", "eobatch.limits.aoi-vertices",
                "eobatch.provider.stac.max-in-flight", "eobatch.provider.stac.expected-latency-ms");
        for (String key : keys) {
            Fixtures.cli("/system-property=" + key + ":add(value=lots-" + key.length() + ")");
        }
        try {
            Api.Response estimate = Api.post("/api/jobs/tiled-composite/estimate", "{" + VALID.get("tiled-composite")
                    + "}");
            assertEquals(200, estimate.status(), estimate.body());
            Api.Response tooMany = Api.post("/api/jobs/tiled-composite/estimate", "{\"catalog\":\"demo\","
                    + "\"bbox\":\"0,30,20,50\",\"from\":\"2023-06-01\",\"to\":\"2023-06-10\",\"tileSize\":10,"
                    + "\"resolution\":10}");
            assertProblem(tooMany, 400, "bbox", "eobatch.limits.tiled-composite.max-tiles"); // the default, 10,000
            Api.Response statistics = Api.post("/api/jobs/aoi-statistics/estimate", "{" + VALID.get("aoi-statistics")
                    + "}");
            assertEquals(200, statistics.status(), statistics.body());
            Api.Response up = Api.post("/api/aois", AoiIT.GEOJSON, square("hostile-wrong-setting", 15.5)
                    .getBytes(StandardCharsets.UTF_8));
            assertEquals(201, up.status(), up.body());
        } finally {
            for (String key : keys) {
                Fixtures.cli("/system-property=" + key + ":remove");
            }
            Api.delete("/api/aois/hostile-wrong-setting");
        }
        String log = java.nio.file.Files.readString(Path.of(System.getProperty("eobatch.server.dir", "target/server"),
                "standalone", "log", "server.log"));
        for (String key : keys) {
            assertTrue(log.contains(key) && log.contains("lots-" + key.length()), "the server log names " + key);
        }
    }

    private static String square(String id, double lon) {
        return "{\"type\":\"Feature\",\"properties\":{\"id\":\"" + id + "\"},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[" + lon + ",46],[" + (lon + 0.01) + ",46],[" + (lon + 0.01) + ",46.01],[" + lon
                + ",46.01],[" + lon + ",46]]]}}";
    }

    @ParameterizedTest(name = "GET {0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
        "/api/executions?limit=abc                     | limit",
        "/api/executions?limit=99999999999             | limit",
        "/api/executions?limit=0                       | limit",
        "/api/executions?status=NOPE                   | status",
        "/api/executions?job=nope                      | job",
        "/api/executions/abc                           | id",
        "/api/executions/1.5/items                     | id",
        "/api/executions/99999999999999999999/stac     | id",
        "/api/executions/abc/statistics                | id",
        "/api/executions/1/items?offset=x              | offset",
        "/api/executions/987654321/items?status=NOPE   | status",
        "/api/executions/987654321/statistics?format=x | format",
        "/api/executions/1/items?limit=-1              | limit",
        "/api/aois?geometry=maybe                      | geometry",
        "/api/aoi-sets/any?limit=abc                   | limit",
        "/api/aoi-sets/any?offset=-1                   | offset",
    })
    void malformedQueryAndPathParametersAre400Not404(String path, String field) {
        assertProblem(Api.get(path), 400, field, "");
    }

    /** A non-numeric id on the actions, too: 400 naming id, nothing done. */
    @Test
    void malformedIdsOfActionsAre400() {
        for (String action : List.of("stop", "restart", "abandon", "retry-failed")) {
            assertProblem(Api.post("/api/executions/x1/" + action, ""), 400, "id", "");
        }
    }

    /**
     * A JSON body over eobatch.limits.json-body-bytes (1 MiB): 413 by its Content-Length, and when it comes in
     * chunks (no Content-Length) while it is read; nothing started. (Uploads over 10 MiB: AoiIT.)
     */
    @Test
    void aJsonBodyTooLargeIs413() {
        int before = executions();
        byte[] big = ("{\"aois\":[" + "\"forest\",".repeat(150_000) + "\"forest\"]}").getBytes(StandardCharsets.UTF_8);
        assertTrue(big.length > 1 << 20);
        assertProblem(Api.post("/api/jobs/aoi-statistics/executions", "application/json", big), 413, "body",
                "eobatch.limits.json-body-bytes");
        assertProblem(Api.post("/api/jobs/aoi-statistics/estimate", "application/json", big), 413, "body", "bytes");
        assertProblem(Api.post("/api/aoi-sets/" + SET, "application/json", big), 413, "body", "bytes");
        HttpRequest.Builder chunked = HttpRequest.newBuilder(Api.uri("/api/jobs/aoi-statistics/executions"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
        assertProblem(Api.send(chunked), 413, "body", "bytes");
        assertEquals(before, executions());
    }

    /**
     * STAC hrefs come from eobatch.public-url (default: the server as it listens), never from the request's Host
     * header: a request with a forged Host gets the same links.
     */
    @Test
    void stacHrefsIgnoreAForgedHostHeader() throws Exception {
        long id = Fixtures.start("aoi-statistics", "{" + VALID.get("aoi-statistics") + "}");
        JsonObject done = Api.awaitTerminal(id, Duration.ofMinutes(3));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        String forged = rawGet("/api/executions/" + id + "/stac", "evil.example:666");
        assertTrue(forged.matches("(?s)HTTP/1\\.[01] 200 .*"), forged);
        assertTrue(!forged.contains("evil.example"), "no link to the forged host: " + forged);
        assertTrue(forged.contains("\"href\":\"" + Api.BASE + "/api/executions/" + id + "/stac"), forged);
    }

    /**
     * With {@code eobatch.public-url} set (behind a reverse proxy the request's host is the proxy's upstream), the
     * Location of every 201 (an uploaded AOI, a launch) is under it, as the STAC hrefs are, whatever Host the request
     * carried; the property is set on the running server through its management CLI and removed afterwards, and then
     * the Location is under the request's own URL again.
     */
    @Test
    void locationsAreUnderTheConfiguredPublicUrl() throws Exception {
        String proxy = "https://eo.example.org/behind-proxy";
        String aoi = "{\"type\":\"Feature\",\"properties\":{\"id\":\"public-url-%s\"},\"geometry\":"
                + "{\"type\":\"Polygon\",\"coordinates\":[[[15.9,45.9],[15.91,45.9],[15.91,45.91],[15.9,45.9]]]}}";
        Api.delete("/api/aois/public-url-1");
        Api.delete("/api/aois/public-url-2");
        Fixtures.cli("/system-property=eobatch.public-url:add(value=\"" + proxy + "\")");
        try {
            Api.Response up = Api.post("/api/aois", "application/geo+json", String.format(aoi, 1)
                    .getBytes(StandardCharsets.UTF_8));
            assertEquals(201, up.status(), up.body());
            assertEquals(proxy + "/api/aois/public-url-1", up.header("Location"));
            Api.Response launch = Api.post("/api/jobs/aoi-statistics/executions",
                    "{" + VALID.get("aoi-statistics") + "}");
            long id = Fixtures.created(launch);
            assertEquals(proxy + "/api/executions/" + id, launch.header("Location"));
            assertEquals("COMPLETED", Api.awaitTerminal(id, Duration.ofMinutes(3)).getString("status"));
            String stac = Api.get("/api/executions/" + id + "/stac").body();
            assertTrue(stac.contains("\"href\":\"" + proxy + "/api/executions/" + id + "/stac\""), stac);
            Api.Response page = Api.get("/api/executions/" + id + "/items?limit=1");
            assertTrue(String.valueOf(page.header("Link")).startsWith("<" + proxy + "/api/executions/" + id
                    + "/items?"), "the next page under the public URL: " + page.header("Link"));
        } finally {
            Fixtures.cli("/system-property=eobatch.public-url:remove");
        }
        Api.Response up = Api.post("/api/aois", "application/geo+json", String.format(aoi, 2)
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(201, up.status(), up.body());
        assertEquals(Api.BASE + "/api/aois/public-url-2", up.header("Location"), "not configured: the request's URL");
    }

    /**
     * An AOI that a running job uses cannot be deleted (409 naming the execution; its items would fail for a reason
     * nobody meant); it is still stored, and the job goes on. The catalog stub answers slowly, so the job runs.
     */
    @Test
    void anAoiThatARunningJobUsesIsAConflictToDelete() throws Exception {
        Fixtures.uploadDravaAois();
        try (CatalogStub stub = new CatalogStub(Fixtures.DRAVA, Fixtures.STUB_PORT)) {
            stub.delay(300);
            long id = Fixtures.start("aoi-statistics", "{\"aois\":[\"drava-b\"],\"catalog\":\"dravahttp\","
                    + "\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"partitions\":1,\"chunkSize\":1}");
            try {
                Api.pollUntil("/api/executions/" + id, e -> e.getString("status").equals("STARTED"),
                        Duration.ofMinutes(2));
                assertProblem(Api.delete("/api/aois/drava-b"), 409, null, "execution " + id);
                assertEquals(200, Api.get("/api/aois/drava-b").status(), "still stored");
            } finally {
                Api.post("/api/executions/" + id + "/stop", "");
                Api.awaitTerminal(id, Duration.ofMinutes(3));
            }
        }
    }

    /** A GET over a plain socket, so that the Host header is what we say (the JDK client will not send another). */
    private static String rawGet(String path, String host) throws Exception {
        URI base = URI.create(Api.BASE);
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(60_000);
            String auth = Api.authorize(HttpRequest.newBuilder(base)).build().headers().firstValue("Authorization")
                    .orElseThrow();
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\nAuthorization: " + auth
                    + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
