package io.eobatch.provider.observearth;

import static io.eobatch.provider.sentinelhub.ShTestSupport.aoi;
import static io.eobatch.provider.sentinelhub.ShTestSupport.parse;

import io.eobatch.provider.sentinelhub.ShTestSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eobatch.provider.EoProvider;
import io.eobatch.provider.ItemDataException;
import io.eobatch.provider.ItemStatistics;
import io.eobatch.provider.SceneRef;
import io.eobatch.provider.SceneSearch;
import io.eobatch.provider.StatisticsQuery;
import io.eobatch.provider.http.ProviderCall;
import io.eobatch.provider.sentinelhub.StubServer;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.stac.GeoJson;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;

/**
 * {@link ObserveEarthProvider} against a stub ObservEarth on 127.0.0.1 that keeps the geometries registered with it
 * and answers searches and stats in the shapes of src/test/resources/observearth (see its README): the geometry is
 * found by its name or registered once, the API key is on every request, and the stats of one date become the
 * item's statistics.
 */
class ObserveEarthProviderTest {

    private static final String API_KEY = "5b97d3f0-0000-4a1b-9c2d-3e4f5a6b7c8d";
    private static final String GEOMETRY = ObserveEarthClient.GEOMETRY_PATH;
    private static final String STATS = ObserveEarthClient.STATS_PATH;
    private static final String SEARCH = ObserveEarthClient.SEARCH_PATH;


    private static String resource(String name) {
        return ShTestSupport.testResource("observearth/" + name);
    }


    /** {@code eobatch-<aoi id>-<first 6 bytes of the SHA-256 of the geometry's WKB, in hex>}. */
    private static String expectedName(String aoiId, Geometry g) throws NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(new WKBWriter().write(g));
        return "eobatch-" + aoiId + "-" + HexFormat.of().formatHex(digest).substring(0, 12);
    }

    /**
     * A stub ObservEarth account: the geometry list (the two of geometries.json plus those registered), registration
     * with ids g-new-1, g-new-2..., search.json for searches, and the stats of {@link #stats} between the request's
     * start_date and end_date.
     */
    private static final class Stub implements AutoCloseable {
        final StubServer server;
        final List<JsonObject> geometries = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger registered = new AtomicInteger();
        volatile JsonArray stats = parse(resource("stats.json")).getJsonArray("results");

        Stub() throws IOException {
            server = new StubServer();
            parse(resource("geometries.json")).getJsonArray("features").forEach(f -> geometries.add(f.asJsonObject()));
            server.route("GET", GEOMETRY, r -> {
                JsonArrayBuilder features = Json.createArrayBuilder();
                synchronized (geometries) {
                    geometries.forEach(features::add);
                }
                return StubServer.Reply.json(200, Json.createObjectBuilder().add("type", "FeatureCollection")
                        .add("features", features).build().toString());
            });
            server.route("POST", GEOMETRY, r -> {
                JsonObject body = parse(r.text());
                JsonObject feature = Json.createObjectBuilder().add("type", "Feature")
                        .add("geometry", body.getJsonObject("geometry"))
                        .add("properties", Json.createObjectBuilder().add("id", "g-new-" + registered.incrementAndGet())
                                .add("name", body.getString("name")))
                        .build();
                geometries.add(feature);
                return StubServer.Reply.json(201, feature.toString());
            });
            server.route("POST", SEARCH, r -> StubServer.Reply.json(200, resource("search.json")));
            server.route("POST", STATS, r -> {
                JsonObject q = parse(r.text());
                LocalDate from = LocalDate.parse(q.getString("start_date"));
                LocalDate to = LocalDate.parse(q.getString("end_date"));
                JsonArrayBuilder results = Json.createArrayBuilder();
                for (JsonValue v : stats) {
                    LocalDate d = LocalDate.parse(v.asJsonObject().getString("date"));
                    if (!d.isBefore(from) && !d.isAfter(to)) {
                        results.add(v);
                    }
                }
                return StubServer.Reply.json(200, Json.createObjectBuilder().add("results", results).build().toString());
            });
        }

        /** A geometry of the account, named {@code name}, with id {@code id}. */
        void has(String id, String name, Geometry g) {
            geometries.add(Json.createObjectBuilder().add("type", "Feature").add("geometry", GeoJson.write(g))
                    .add("properties", Json.createObjectBuilder().add("id", id).add("name", name)).build());
        }

        ObserveEarthProvider provider() {
            return new ObserveEarthProvider(new ObserveEarthClient(
                    new ObserveEarthConfig(server.url(""), API_KEY, Duration.ofSeconds(20)), ProviderCall.DIRECT));
        }

        List<String> geometryIdsSent(String path) {
            return server.requests(path).stream().map(r -> parse(r.text()).getString("geometry_id")).toList();
        }

        @Override
        public void close() {
            server.close();
        }
    }

    private static StatisticsQuery day(String aoiId, Geometry aoi, LocalDate d) {
        return new StatisticsQuery(null, "sentinel-2-l2a", aoiId, aoi, d, d, List.of(), SpectralIndex.NDVI, 20.0);
    }

    private static SceneSearch august(String aoiId, Geometry aoi) {
        return new SceneSearch(null, "sentinel-2-l2a", aoiId, aoi, LocalDate.of(2023, 8, 1), LocalDate.of(2023, 8, 31),
                null);
    }

    @Test
    void aGeometryFoundByNameIsNotRegistered() throws Exception {
        try (Stub stub = new Stub()) {
            stub.has("g-known", expectedName("drava-a", aoi()), aoi());
            ObserveEarthProvider p = stub.provider();
            p.search(august("drava-a", aoi()));
            p.statistics(day("drava-a", aoi(), LocalDate.of(2023, 8, 2)));
            p.statistics(day("drava-a", aoi(), LocalDate.of(2023, 8, 7)));

            assertEquals(1, stub.server.requests(GEOMETRY).size(), "one GET of the list, no POST");
            assertEquals("GET", stub.server.requests(GEOMETRY).get(0).method());
            assertEquals(List.of("g-known"), stub.geometryIdsSent(SEARCH));
            assertEquals(List.of("g-known", "g-known"), stub.geometryIdsSent(STATS));
        }
    }

    @Test
    void anAbsentGeometryIsRegisteredOnceAndFoundAgainByTheNextProcess() throws Exception {
        try (Stub stub = new Stub()) {
            ObserveEarthProvider p = stub.provider();
            p.search(august("drava-a", aoi()));
            for (int d = 1; d <= 3; d++) {
                p.statistics(day("drava-a", aoi(), LocalDate.of(2023, 8, d)));
            }
            List<StubServer.Recorded> geometryCalls = stub.server.requests(GEOMETRY);
            assertEquals(List.of("GET", "POST"), geometryCalls.stream().map(StubServer.Recorded::method).toList());
            JsonObject registration = parse(geometryCalls.get(1).text());
            assertEquals(Json.createObjectBuilder().add("name", expectedName("drava-a", aoi()))
                    .add("geometry", GeoJson.write(aoi())).build(), registration);
            assertTrue(registration.getString("name").matches("eobatch-drava-a-[0-9a-f]{12}"), registration.toString());
            assertEquals(List.of("g-new-1"), stub.geometryIdsSent(SEARCH));
            assertEquals(List.of("g-new-1", "g-new-1", "g-new-1"), stub.geometryIdsSent(STATS));

            // a restart (a new provider) finds it by name in the list: no second registration
            ObserveEarthProvider again = stub.provider();
            again.statistics(day("drava-a", aoi(), LocalDate.of(2023, 8, 2)));
            assertEquals(List.of("GET", "POST", "GET"),
                    stub.server.requests(GEOMETRY).stream().map(StubServer.Recorded::method).toList());
            assertEquals(1, stub.registered.get());
            assertEquals("g-new-1", stub.geometryIdsSent(STATS).get(3));

            // the same AOI id with a changed geometry is another geometry
            Geometry moved = aoi().buffer(0.001);
            assertNotEquals(expectedName("drava-a", aoi()), expectedName("drava-a", moved));
            again.statistics(day("drava-a", moved, LocalDate.of(2023, 8, 2)));
            assertEquals(2, stub.registered.get());
            assertEquals("g-new-2", stub.geometryIdsSent(STATS).get(4));
        }
    }

    /** Partitions asking at once for the same new AOI: one list, one registration, the same id for all. */
    @Test
    void concurrentFirstUsesRegisterOnce() throws Exception {
        try (Stub stub = new Stub()) {
            ObserveEarthProvider p = stub.provider();
            int threads = 8;
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<String>> ids = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                ids.add(pool.submit(() -> {
                    go.await();
                    return p.geometryId("drava-a", aoi());
                }));
            }
            go.countDown();
            java.util.Set<String> distinct = new java.util.HashSet<>();
            for (var f : ids) {
                distinct.add(f.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            pool.shutdown();
            assertEquals(java.util.Set.of("g-new-1"), distinct);
            assertEquals(1, stub.registered.get(), "one registration");
            assertEquals(List.of("GET", "POST"),
                    stub.server.requests(GEOMETRY).stream().map(StubServer.Recorded::method).toList());
        }
    }

    @Test
    void theApiKeyIsOnEveryRequest() throws Exception {
        try (Stub stub = new Stub()) {
            ObserveEarthProvider p = stub.provider();
            p.search(august("drava-a", aoi()));
            p.statistics(day("drava-a", aoi(), LocalDate.of(2023, 8, 2)));
            p.statistics(day("drava-b", aoi().buffer(0.01), LocalDate.of(2023, 8, 2)));
            List<StubServer.Recorded> all = stub.server.requests();
            assertEquals(List.of("GET " + GEOMETRY, "POST " + GEOMETRY, "POST " + SEARCH, "POST " + STATS,
                    "GET " + GEOMETRY, "POST " + GEOMETRY, "POST " + STATS),
                    all.stream().map(r -> r.method() + " " + r.path()).toList());
            for (StubServer.Recorded r : all) {
                assertEquals(API_KEY, r.header("X-API-Key"), r.method() + " " + r.path());
                assertEquals(null, r.header("Authorization"), r.method() + " " + r.path());
            }
        }
    }

    @Test
    void searchGivesScenesAtTheStartOfTheirDay() throws Exception {
        try (Stub stub = new Stub()) {
            ObserveEarthProvider p = stub.provider();
            assertEquals(EoProvider.ItemGranularity.DAY, p.granularity());
            List<SceneRef> scenes = p.search(august("drava-a", aoi()));
            assertEquals(List.of(
                    new SceneRef("S2B_MSIL2A_20230802T100559_N0509_R022_T33TWM_20230802T130311",
                            Instant.parse("2023-08-02T00:00:00Z"), 3.12),
                    new SceneRef("S2A_MSIL2A_20230807T100601_N0509_R022_T33TWM_20230807T162530",
                            Instant.parse("2023-08-07T00:00:00Z"), 8.75)), scenes);
            JsonObject body = parse(stub.server.requests(SEARCH).get(0).text());
            assertEquals(parse("{\"geometry_id\":\"g-new-1\",\"start_date\":\"2023-08-01\",\"end_date\":\"2023-08-31\","
                    + "\"cloud_cover\":100.0}"), body);
        }
    }

    @Test
    void statsOfOneDateAreTheItemsStatistics() throws Exception {
        try (Stub stub = new Stub()) {
            ObserveEarthProvider p = stub.provider();
            StatisticsQuery q = day("drava-a", aoi(), LocalDate.of(2023, 8, 2));
            assertEquals(1.0, p.statisticsCost(q));
            // stats.json results[0]: every field; counts are not in any ObservEarth answer
            assertEquals(new ItemStatistics(null, null, null, 0.6123, 0.1184, 0.8731, 0.0917, null, 0.6302, null, null,
                    null, false), p.statistics(q));
            assertEquals(parse("{\"geometry_id\":\"g-new-1\",\"start_date\":\"2023-08-02\",\"end_date\":\"2023-08-02\","
                    + "\"cloud_cover\":20.0,\"index\":\"ndvi\"}"), parse(stub.server.requests(STATS).get(0).text()));

            // results[1]: the mean only (what the batch tutorial reads)
            assertEquals(new ItemStatistics(null, null, null, 0.5876, null, null, null, null, null, null, null, null,
                    false), p.statistics(day("drava-a", aoi(), LocalDate.of(2023, 8, 7))));

            // a date whose mean is null (no clear pixel): no data
            stub.stats = parse("{\"results\":[{\"date\":\"2023-08-12\",\"mean_value\":null}]}").getJsonArray("results");
            ItemStatistics cloudy = p.statistics(day("drava-a", aoi(), LocalDate.of(2023, 8, 12)));
            assertTrue(cloudy.noData(), cloudy.toString());
            assertEquals(null, cloudy.mean());
        }
    }

    @Test
    void twoResultsForOneDateFailTheItem() throws Exception {
        try (Stub stub = new Stub()) {
            stub.stats = parse("{\"results\":[{\"date\":\"2023-08-02\",\"mean_value\":0.61},"
                    + "{\"date\":\"2023-08-02\",\"mean_value\":0.42}]}").getJsonArray("results");
            ObserveEarthProvider p = stub.provider();
            ItemDataException e = assertThrows(ItemDataException.class,
                    () -> p.statistics(day("drava-a", aoi(), LocalDate.of(2023, 8, 2))));
            assertEquals("observearth statistics of AOI drava-a from 2023-08-02 to 2023-08-02: 2 results for one "
                    + "item; expected one per date", e.getMessage());
        }
    }

    @Test
    void noResultIsNoData() throws Exception {
        try (Stub stub = new Stub()) {
            ObserveEarthProvider p = stub.provider();
            ItemStatistics s = p.statistics(day("drava-a", aoi(), LocalDate.of(2023, 8, 3)));
            assertEquals(ItemStatistics.none(), s);
            assertEquals(1, stub.server.count(STATS));
        }
    }
}
