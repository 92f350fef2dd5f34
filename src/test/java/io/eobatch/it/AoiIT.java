package io.eobatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eobatch.testsupport.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * AOIs through the REST API only: upload (GeoJSON and GeoPackage), list, get, delete, and every kind of refused
 * upload: its status, the problem's field, and nothing stored.
 */
class AoiIT {

    static final String GEOJSON = "application/geo+json";
    static final String GPKG = "application/geopackage+sqlite3";
    /** Every id this class creates; deleted before and after, so that other ITs find a clean slate. */
    static final List<String> IDS = List.of("drava-a", "drava-b", "aoi-1", "aoi-2", "it-single", "it-ok", "it-new");
    static final String SQUARE = "{\"type\":\"Polygon\",\"coordinates\":[[[16.0,46.0],[16.1,46.0],[16.1,46.1],"
            + "[16.0,46.1],[16.0,46.0]]]}";

    @BeforeAll
    static void ready() {
        Api.awaitReady(Duration.ofMinutes(3));
    }

    @BeforeEach
    void cleanSlate() {
        deleteOurAois();
    }

    @AfterAll
    static void deleteOurAois() {
        for (String id : IDS) {
            int status = Api.delete("/api/aois/" + id).status();
            assertTrue(status == 204 || status == 404, id + ": " + status);
        }
    }

    /** An AOI file of ../shared/data; the test is skipped, saying why, when the shared data is not there. */
    static Path shared(String name) {
        return TestData.shared("aoi/" + name);
    }

    static List<String> ids(JsonObject featureCollection) {
        return featureCollection.getJsonArray("features").getValuesAs(JsonObject.class).stream()
                .map(f -> f.getString("id")).toList();
    }

    static List<String> storedIds() {
        Api.Response r = Api.get("/api/aois?geometry=false");
        assertEquals(200, r.status(), r.body());
        return ids(r.json());
    }

    @Test
    void uploadDravaListGetDelete() throws Exception {
        Api.Response created = Api.postFile("/api/aois", GEOJSON, shared("aoi-drava.geojson"));
        assertEquals(201, created.status(), created.body());
        assertEquals(List.of("drava-a", "drava-b"), ids(created.json()));
        assertNull(created.header("Location"), "a Location only for a single AOI");
        JsonObject a = created.json().getJsonArray("features").getJsonObject(0);
        assertEquals("polygon straddling the 33TWL/33TWM overlap", a.getJsonObject("properties").getString("name"));
        // m2 on WGS 84, edges straight in lon/lat (GeographicLib gives 254045636.7 m2, see AoiAreaTest)
        assertEquals(254045636.7, a.getJsonObject("properties").getJsonNumber("areaM2").doubleValue(), 254.0);
        assertEquals("[15.88,45.92,16.15,46.08]", a.getJsonArray("bbox").toString());

        List<String> stored = storedIds();
        assertTrue(stored.containsAll(List.of("drava-a", "drava-b")), stored.toString());
        assertEquals(stored.stream().sorted().toList(), stored, "listed in id order");

        Api.Response b = Api.get("/api/aois/drava-b");
        assertEquals(200, b.status(), b.body());
        JsonObject feature = b.json();
        assertEquals("Feature", feature.getString("type"));
        assertEquals("drava-b", feature.getString("id"));
        assertEquals("small polygon with hole", feature.getJsonObject("properties").getString("name"));
        assertEquals("Polygon", feature.getJsonObject("geometry").getString("type"));
        assertEquals(2, feature.getJsonObject("geometry").getJsonArray("coordinates").size(), "shell and hole");
        assertEquals("[[15.97,45.86],[16.0,45.86],[16.0,45.88],[15.97,45.88],[15.97,45.86]]",
                feature.getJsonObject("geometry").getJsonArray("coordinates").get(1).toString());

        Api.Response deleted = Api.delete("/api/aois/drava-b");
        assertEquals(204, deleted.status(), deleted.body());
        Api.Response gone = Api.get("/api/aois/drava-b");
        assertEquals(404, gone.status());
        assertTrue(gone.contentType().startsWith("application/problem+json"), gone.contentType());
        assertEquals(404, Api.delete("/api/aois/drava-b").status());
        assertTrue(storedIds().contains("drava-a"));
        assertTrue(!storedIds().contains("drava-b"));
    }

    @Test
    void aSingleFeatureAnswersWithItsLocation() {
        Api.Response r = Api.post("/api/aois", "{\"type\":\"Feature\",\"properties\":{\"id\":\"it-single\"},"
                + "\"geometry\":" + SQUARE + "}");
        assertEquals(201, r.status(), r.body());
        String location = r.header("Location");
        assertNotNull(location);
        assertTrue(location.endsWith("/api/aois/it-single"), location);
        Api.Response got = Api.get(location);
        assertEquals(200, got.status());
        assertEquals("it-single", got.json().getJsonObject("properties").getString("name"), "the name is the id");
    }

    @Test
    void geoPackageUpload() throws Exception {
        Path gpkg = shared("aoi-29RKH.gpkg");
        Api.Response r = Api.postFile("/api/aois", GPKG, gpkg);
        assertEquals(201, r.status(), r.body());
        assertEquals(List.of("aoi-1", "aoi-2"), ids(r.json()));
        Api.Response one = Api.get("/api/aois/aoi-1");
        assertEquals("irregular polygon with hole", one.json().getJsonObject("properties").getString("name"));
        assertEquals(2, one.json().getJsonObject("geometry").getJsonArray("coordinates").size());

        // the same file again, as octet-stream: every id is taken
        List<String> before = storedIds();
        Api.Response again = Api.post("/api/aois?format=gpkg&layer=aois", "application/octet-stream",
                Files.readAllBytes(gpkg));
        assertProblem(again, 409, "aois[fid=1]");
        assertEquals(before, storedIds());

        assertEquals(204, Api.delete("/api/aois/aoi-1").status());
        assertEquals(204, Api.delete("/api/aois/aoi-2").status());
        Api.Response octet = Api.post("/api/aois?format=gpkg", "application/octet-stream", Files.readAllBytes(gpkg));
        assertEquals(201, octet.status(), octet.body());

        // a layer names the set: ?layer=aois&set= puts the AOIs in the set "aois"; an empty set without a layer is a 400
        assertEquals(204, Api.delete("/api/aois/aoi-1").status());
        assertEquals(204, Api.delete("/api/aois/aoi-2").status());
        assertProblem(Api.post("/api/aois?set=", GPKG, Files.readAllBytes(gpkg)), 400, "set");
        Api.Response layered = Api.post("/api/aois?layer=aois&set=", GPKG, Files.readAllBytes(gpkg));
        assertEquals(201, layered.status(), layered.body());
        JsonObject set = Api.get("/api/aoi-sets/aois").json();
        assertEquals(2, set.getInt("aois"), set.toString());
        assertEquals(204, Api.delete("/api/aoi-sets/aois?aois=delete").status());
        assertEquals(404, Api.get("/api/aois/aoi-1").status());
        assertEquals(201, Api.postFile("/api/aois", GPKG, gpkg).status(), "stored again, as the test found them");
    }

    @Test
    void aGeoPackageLayerThatDoesNotExist() throws Exception {
        List<String> before = storedIds();
        assertProblem(Api.post("/api/aois?layer=roads", GPKG, Files.readAllBytes(shared("aoi-29RKH.gpkg"))), 400,
                "layer");
        assertProblem(Api.post("/api/aois", "application/octet-stream",
                Files.readAllBytes(shared("aoi-29RKH.gpkg"))), 415, "format");
        assertProblem(Api.post("/api/aois", GPKG, "{}".getBytes(StandardCharsets.UTF_8)), 400, "body");
        assertEquals(before, storedIds());
    }

    @Test
    void anIdAlreadyStoredIsAConflictAndNothingOfTheUploadIsStored() throws Exception {
        assertEquals(201, Api.postFile("/api/aois", GEOJSON, shared("aoi-drava.geojson")).status());
        List<String> before = storedIds();
        Api.Response r = Api.post("/api/aois", collection(feature("it-new", SQUARE), feature("drava-a", SQUARE)));
        assertProblem(r, 409, "features[1]");
        assertTrue(r.json().getString("detail").contains("drava-a"), r.body());
        assertEquals(before, storedIds());
        assertEquals(404, Api.get("/api/aois/it-new").status());
    }

    static String feature(String id, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":{\"id\":\"" + id + "\"},\"geometry\":" + geometry + "}";
    }

    static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    static String polygon(String coordinates) {
        return "{\"type\":\"Polygon\",\"coordinates\":" + coordinates + "}";
    }

    /** name, body, status, field: the first feature of each collection is fine, so nothing stored = all or nothing. */
    static Stream<Arguments> badUploads() {
        String ok = feature("it-ok", SQUARE);
        return Stream.of(
                Arguments.of("invalid JSON", "{\"type\":\"FeatureCollection\",\"features\":[", 400, "body"),
                Arguments.of("not GeoJSON", "{\"hello\":\"world\"}", 400, "body"),
                Arguments.of("a JSON array", "[" + ok + "]", 400, "body"),
                Arguments.of("geometry missing", collection(ok, "{\"type\":\"Feature\",\"properties\":{}}"), 400,
                        "features[1]"),
                Arguments.of("geometry null", collection(ok, "{\"type\":\"Feature\",\"properties\":{},"
                        + "\"geometry\":null}"), 400, "features[1]"),
                Arguments.of("a Point", collection(ok, feature("p", "{\"type\":\"Point\",\"coordinates\":[16,46]}")),
                        400, "features[1]"),
                Arguments.of("a LineString", collection(ok, feature("l", "{\"type\":\"LineString\","
                        + "\"coordinates\":[[16,46],[17,46]]}")), 400, "features[1]"),
                Arguments.of("unclosed ring", collection(ok, feature("u",
                        polygon("[[[16.0,46.0],[16.1,46.0],[16.1,46.1],[16.0,46.1]]]"))), 400, "features[1]"),
                Arguments.of("ring of 3 positions", collection(ok, feature("t",
                        polygon("[[[16.0,46.0],[16.1,46.0],[16.0,46.0]]]"))), 400, "features[1]"),
                Arguments.of("self-intersection", collection(ok, feature("bowtie",
                        polygon("[[[16.0,46.0],[16.1,46.1],[16.1,46.0],[16.0,46.1],[16.0,46.0]]]"))), 400,
                        "features[1]"),
                Arguments.of("longitude out of range", collection(ok, feature("lon",
                        polygon("[[[186.0,46.0],[186.1,46.0],[186.1,46.1],[186.0,46.0]]]"))), 400, "features[1]"),
                Arguments.of("latitude out of range", collection(ok, feature("lat",
                        polygon("[[[16.0,-96.0],[16.1,-96.0],[16.1,-96.1],[16.0,-96.0]]]"))), 400, "features[1]"),
                Arguments.of("empty polygon", collection(ok, feature("e", polygon("[]"))), 400, "features[1]"),
                Arguments.of("NaN", collection(ok, feature("n",
                        polygon("[[[NaN,46.0],[16.1,46.0],[16.1,46.1],[NaN,46.0]]]"))), 400, "body"),
                Arguments.of("infinite", collection(ok, feature("i",
                        polygon("[[[1e999,46.0],[16.1,46.0],[16.1,46.1],[1e999,46.0]]]"))), 400, "features[1]"),
                Arguments.of("empty FeatureCollection", collection(), 400, "features"),
                Arguments.of("id not a string or number", collection(ok, "{\"type\":\"Feature\",\"properties\":"
                        + "{\"id\":{\"x\":1}},\"geometry\":" + SQUARE + "}"), 400, "features[1]"),
                Arguments.of("id with a slash", collection(ok, feature("a/b", SQUARE)), 400, "features[1]"),
                Arguments.of("id too long", collection(ok, feature("x".repeat(129), SQUARE)), 400, "features[1]"),
                Arguments.of("crs EPSG:3857", "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\","
                        + "\"properties\":{\"name\":\"EPSG:3857\"}},\"features\":[" + ok + "]}", 400, "crs"),
                Arguments.of("same id twice", collection(ok, feature("it-new", SQUARE), feature("it-new", SQUARE)),
                        409, "features[2]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUploads")
    void aBadUploadIsRefusedNamingTheFeatureAndNothingIsStored(String name, String body, int status, String field) {
        List<String> before = storedIds();
        Api.Response r = Api.post("/api/aois", GEOJSON, body.getBytes(StandardCharsets.UTF_8));
        assertProblem(r, status, field);
        assertEquals(before, storedIds(), name + ": nothing stored");
        assertEquals(404, Api.get("/api/aois/it-ok").status(), name + ": the good feature is not stored either");
    }

    @Test
    void moreThanTenThousandFeaturesIsTooLarge() {
        String[] features = new String[10_001];
        java.util.Arrays.fill(features, "{\"type\":\"Feature\",\"properties\":null,\"geometry\":" + SQUARE + "}");
        List<String> before = storedIds();
        assertProblem(Api.post("/api/aois", collection(features)), 413, "features");
        assertEquals(before, storedIds());
    }

    @Test
    void aBodyOverTenMebibytesIsTooLarge() {
        byte[] body = new byte[(10 << 20) + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        body[0] = '[';
        body[body.length - 1] = ']';
        List<String> before = storedIds();
        assertProblem(Api.post("/api/aois", GEOJSON, body), 413, "body");
        assertEquals(before, storedIds());
    }

    static void assertProblem(Api.Response r, int status, String field) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        JsonObject p = r.json();
        assertEquals(status, p.getInt("status"));
        assertEquals(field, p.get("field") == null || p.get("field") == JsonValue.NULL ? null : p.getString("field"),
                r.body());
        assertTrue(p.getString("detail").length() > 10, r.body());
    }
}
