package io.eobatch.provider.observearth;

import static io.eobatch.provider.sentinelhub.ShTestSupport.aoi;
import static io.eobatch.provider.sentinelhub.ShTestSupport.parse;

import io.eobatch.provider.sentinelhub.ShTestSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eobatch.provider.ItemDataException;
import io.eobatch.provider.sentinelhub.LogCapture;
import io.eobatch.provider.http.ProviderCall;
import io.eobatch.provider.http.ProviderHttpException;
import io.eobatch.provider.sentinelhub.StubServer;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.stac.GeoJson;
import jakarta.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The ObservEarth client against a stub on 127.0.0.1 answering in the documented shapes: the requests sent
 * (method, path, query, X-API-Key, JSON bodies), the answers parsed, errors and the API key kept out of sight.
 */
class ObserveEarthClientTest {

    private static final String API_KEY = "5b97d3f0-0000-4a1b-9c2d-3e4f5a6b7c8d";
    private static final String GEOMETRY_ID = "123e4567-e89b-12d3-a456-426614174000";


    private static String resource(String name) {
        return ShTestSupport.testResource("observearth/" + name);
    }


    private static ObserveEarthClient client(StubServer server, ProviderCall calls) {
        return new ObserveEarthClient(new ObserveEarthConfig(server.url("/"), API_KEY, Duration.ofSeconds(20)), calls);
    }

    private static void assertHeaders(StubServer.Recorded r, boolean json) {
        assertEquals(API_KEY, r.header("X-API-Key"));
        assertNull(r.header("Authorization"));
        assertEquals(json ? "application/json" : null, r.header("Content-Type"));
    }

    /** Records the cost of each call. */
    private static final class Recording implements ProviderCall {
        final List<Double> costs = Collections.synchronizedList(new ArrayList<>());

        @Override
        public <T> T run(double cost, Callable<T> call) {
            costs.add(cost);
            return ProviderCall.callUnchecked(call);
        }
    }

    @Test
    void registersAGeometry() throws IOException {
        try (StubServer server = new StubServer()) {
            server.route("POST", "/api/geometry/", r -> StubServer.Reply.json(201, resource("geometry-created.json")));
            Recording calls = new Recording();
            assertEquals(GEOMETRY_ID, client(server, calls).registerGeometry("drava-a", aoi()));
            StubServer.Recorded r = server.requests("/api/geometry/").get(0);
            assertEquals("POST", r.method());
            assertHeaders(r, true);
            assertEquals("application/json", r.header("Accept"));
            assertEquals(Json.createObjectBuilder().add("name", "drava-a").add("geometry", GeoJson.write(aoi())).build(),
                    parse(r.text()));
            assertEquals(List.of(0.0), calls.costs);

            // the id at the top level, as a public client reads it
            server.route("POST", "/api/geometry/", r2 -> StubServer.Reply.json(201, "{\"id\":\"g-77\",\"name\":\"x\"}"));
            assertEquals("g-77", client(server, ProviderCall.DIRECT).registerGeometry("x", aoi()));
            server.route("POST", "/api/geometry/", r2 -> StubServer.Reply.json(201, "{\"type\":\"Feature\",\"properties\":{}}"));
            ItemDataException e = assertThrows(ItemDataException.class,
                    () -> client(server, ProviderCall.DIRECT).registerGeometry("x", aoi()));
            assertEquals("POST " + server.url("/api/geometry/") + ": field 'properties.id' (or 'id') missing or not a string",
                    e.getMessage());
        }
    }

    @Test
    void listsGeometriesInEitherShape() throws IOException {
        try (StubServer server = new StubServer()) {
            server.route("GET", "/api/geometry/", r -> StubServer.Reply.json(200, resource("geometries.json")));
            List<ObserveEarthGeometry> list = client(server, ProviderCall.DIRECT).geometries();
            assertEquals(List.of(GEOMETRY_ID, "9b2f0c1e-5d4a-4c3b-8a7f-0e1d2c3b4a59"), list.stream().map(ObserveEarthGeometry::id).toList());
            assertEquals("drava-b", list.get(1).name());
            assertTrue(list.get(0).geometry().equalsExact(aoi(), 1e-12));
            StubServer.Recorded r = server.requests("/api/geometry/").get(0);
            assertEquals("GET", r.method());
            assertHeaders(r, false);
            assertEquals("", r.text());

            // the batch tutorial's reading: {"results": [{"id", "name"}]}
            server.route("GET", "/api/geometry/", r2 -> StubServer.Reply.json(200,
                    "{\"count\":1,\"results\":[{\"id\":\"" + GEOMETRY_ID + "\",\"name\":\"drava-a\"}]}"));
            List<ObserveEarthGeometry> tutorial = client(server, ProviderCall.DIRECT).geometries();
            assertEquals(List.of(new ObserveEarthGeometry(GEOMETRY_ID, "drava-a", null)), tutorial);
        }
    }

    @Test
    void searchesScenes() throws IOException {
        try (StubServer server = new StubServer()) {
            server.route("POST", "/api/s2/search/", r -> StubServer.Reply.json(200, resource("search.json")));
            ObserveEarthClient client = client(server, ProviderCall.DIRECT);
            List<ObserveEarthScene> scenes = client.search(GEOMETRY_ID, LocalDate.of(2023, 8, 1), LocalDate.of(2023, 8, 31), 10.0);
            StubServer.Recorded r = server.requests("/api/s2/search/").get(0);
            assertHeaders(r, true);
            assertEquals(parse("{\"geometry_id\":\"" + GEOMETRY_ID + "\",\"start_date\":\"2023-08-01\",\"end_date\":\"2023-08-31\","
                    + "\"cloud_cover\":10.0}"), parse(r.text()));
            assertEquals(2, scenes.size());
            ObserveEarthScene s = scenes.get(1);
            assertEquals("S2A_MSIL2A_20230807T100601_N0509_R022_T33TWM_20230807T162530", s.id());
            assertEquals(LocalDate.of(2023, 8, 7), s.date());
            assertEquals(8.75, s.cloudCover());
            assertEquals("Sentinel-2A", s.platform());

            client.search(GEOMETRY_ID, LocalDate.of(2023, 8, 1), LocalDate.of(2023, 8, 31), null);
            assertEquals(100.0, parse(server.requests("/api/s2/search/").get(1).text()).getJsonNumber("cloud_cover").doubleValue(),
                    "no limit: 100 % (the API's default is 20)");
        }
    }

    @Test
    void readsStatistics() throws IOException {
        try (StubServer server = new StubServer()) {
            server.route("POST", "/api/s2/stats/", r -> StubServer.Reply.json(200, resource("stats.json")));
            List<ObserveEarthStatistics> stats = client(server, ProviderCall.DIRECT)
                    .stats(GEOMETRY_ID, LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31), 20.0, SpectralIndex.NDVI);
            StubServer.Recorded r = server.requests("/api/s2/stats/").get(0);
            assertEquals("POST", r.method());
            assertHeaders(r, true);
            // the batch tutorial's payload
            assertEquals(parse("{\"geometry_id\":\"" + GEOMETRY_ID + "\",\"start_date\":\"2023-01-01\",\"end_date\":\"2023-12-31\","
                    + "\"cloud_cover\":20.0,\"index\":\"ndvi\"}"), parse(r.text()));
            assertEquals(2, stats.size());
            ObserveEarthStatistics a = stats.get(0);
            assertEquals(LocalDate.of(2023, 8, 2), a.date());
            assertEquals(0.6123, a.mean());
            assertEquals(0.1184, a.min());
            assertEquals(0.8731, a.max());
            assertEquals(0.0917, a.stdev());
            assertEquals(0.6302, a.median());
            assertEquals(3.12, a.cloudCover());
            ObserveEarthStatistics b = stats.get(1);
            assertEquals(0.5876, b.mean());
            assertTrue(Double.isNaN(b.min()) && Double.isNaN(b.stdev()) && Double.isNaN(b.cloudCover()));

            server.route("POST", "/api/s2/stats/", r2 -> StubServer.Reply.json(200, "{\"results\":[{\"date\":\"2023-08-02\"}]}"));
            ItemDataException e = assertThrows(ItemDataException.class, () -> client(server, ProviderCall.DIRECT)
                    .stats(GEOMETRY_ID, LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31), 20.0, SpectralIndex.NDVI));
            assertEquals("POST " + server.url("/api/s2/stats/") + ": field 'results[0].mean_value' missing", e.getMessage());

            server.route("POST", "/api/s2/stats/", r2 -> StubServer.Reply.json(200, "{\"results\":[{\"date\":\"Aug 2\",\"mean_value\":1}]}"));
            ItemDataException d = assertThrows(ItemDataException.class, () -> client(server, ProviderCall.DIRECT)
                    .stats(GEOMETRY_ID, LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31), 20.0, SpectralIndex.NDVI));
            assertEquals(server.url("/api/s2/stats/") + ": field 'results[0].date' is not a date: \"Aug 2\"", d.getMessage());
        }
    }

    @Test
    void fetchesAnImage() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        String item = "S2A_MSIL2A_20230807T100601_N0509_R022_T33TWM_20230807T162530";
        try (StubServer server = new StubServer()) {
            server.route("GET", "/api/s2/image/" + GEOMETRY_ID, r -> StubServer.Reply.bytes(200, "image/png", png));
            Recording calls = new Recording();
            assertArrayEquals(png, client(server, calls).image(GEOMETRY_ID, item, SpectralIndex.NDVI, "png"));
            StubServer.Recorded r = server.requests("/api/s2/image/" + GEOMETRY_ID).get(0);
            assertEquals("GET", r.method());
            assertEquals("item_id=" + item + "&image_type=png&index=ndvi", r.query());
            assertHeaders(r, false);
            assertEquals("*/*", r.header("Accept"));
            assertEquals(List.of(0.0), calls.costs);

            server.route("GET", "/api/s2/image/" + GEOMETRY_ID, r2 -> StubServer.Reply.json(200, "{\"detail\":\"no image\"}"));
            ItemDataException e = assertThrows(ItemDataException.class,
                    () -> client(server, ProviderCall.DIRECT).image(GEOMETRY_ID, item, SpectralIndex.NDVI, "png"));
            assertTrue(e.getMessage().endsWith("answer is not a PNG (21 bytes, Content-Type application/json)"), e.getMessage());
        }
    }

    @Test
    void errorsCarryTheStatusAndNeverTheKey() throws IOException {
        List<String> shown = new ArrayList<>();
        try (LogCapture log = new LogCapture(); StubServer server = new StubServer()) {
            ObserveEarthClient client = client(server, ProviderCall.DIRECT);
            server.route("POST", "/api/s2/stats/", r -> StubServer.Reply.json(403,
                    "{\"detail\":\"Invalid API key: " + r.header("X-API-Key") + "\"}"));
            ProviderHttpException forbidden = assertThrows(ProviderHttpException.class, () -> client
                    .stats(GEOMETRY_ID, LocalDate.of(2023, 1, 1), LocalDate.of(2023, 1, 31), 20.0, SpectralIndex.NDVI));
            assertEquals(403, forbidden.status());
            assertFalse(forbidden.isTransient());
            assertTrue(forbidden.getMessage().endsWith("answered HTTP 403: {\"detail\":\"Invalid API key: ***\"}"), forbidden.getMessage());

            server.route("POST", "/api/s2/search/", r -> StubServer.Reply.json(429, "{\"detail\":\"Request was throttled.\"}")
                    .with("Retry-After", "30"));
            ProviderHttpException limited = assertThrows(ProviderHttpException.class, () -> client
                    .search(GEOMETRY_ID, LocalDate.of(2023, 1, 1), LocalDate.of(2023, 1, 31), null));
            assertEquals(429, limited.status());
            assertEquals("30", limited.retryAfter().orElseThrow());
            assertTrue(limited.isTransient());

            ProviderHttpException notFound = assertThrows(ProviderHttpException.class,
                    () -> client.image("unknown-geometry", "S2A_X", SpectralIndex.NDVI, "png"));
            assertEquals(404, notFound.status());

            for (ProviderHttpException e : List.of(forbidden, limited, notFound)) {
                StringWriter w = new StringWriter();
                e.printStackTrace(new PrintWriter(w));
                shown.add(w.toString());
            }
            shown.add(client.toString());
            shown.add(log.text());
            assertTrue(log.text().contains("observearth POST " + server.url("/api/s2/stats/") + " -> 403"), log.text());
            assertEquals(API_KEY, server.requests("/api/s2/stats/").get(0).header("X-API-Key"), "the key was sent");
        }
        for (String text : shown) {
            assertFalse(text.contains(API_KEY), "API key shown in: " + text);
        }
    }

    @Test
    void configKeys() {
        Map<String, String> m = new HashMap<>();
        m.put("eobatch.provider.observearth.url", "https://oe.example.test/");
        m.put("eobatch.provider.observearth.api-key", API_KEY);
        ObserveEarthConfig c = ObserveEarthConfig.fromLookup(k -> Optional.ofNullable(m.get(k)));
        assertEquals("https://oe.example.test/api/s2/stats/", c.endpoint(ObserveEarthClient.STATS_PATH).toString());
        assertEquals(Duration.ofSeconds(120), c.timeout());
        assertEquals("ObserveEarthConfig[baseUrl=https://oe.example.test, apiKey=***, timeout=120s]", c.toString());
        m.put("eobatch.provider.observearth.timeout-s", "30");
        assertEquals(Duration.ofSeconds(30), ObserveEarthConfig.fromLookup(k -> Optional.ofNullable(m.get(k))).timeout());
        m.remove("eobatch.provider.observearth.api-key");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ObserveEarthConfig.fromLookup(k -> Optional.ofNullable(m.get(k))));
        assertEquals("missing configuration eobatch.provider.observearth.api-key (environment variable "
                + "EOBATCH_PROVIDER_OBSERVEARTH_API_KEY)", e.getMessage());
    }
}
