package io.eobatch.stac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.eobatch.testsupport.TestData;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link StacApiCatalog} against a STAC API served on 127.0.0.1 from the 10 real Drava item JSONs, paged 2 items
 * at a time with a {@code next} link whose POST body repeats the search and adds a {@code next} token (what Earth
 * Search v1 does). The server does not filter: the test asserts what we sent.
 */
class StacApiCatalogTest {

    record Recorded(String method, String path, String query, JsonObject body) {
    }

    static HttpServer server;
    static ExecutorService executor;
    static final CountDownLatch RELEASE_SLOW = new CountDownLatch(1);
    static final List<Recorded> REQUESTS = Collections.synchronizedList(new ArrayList<>());
    /** How the search endpoint pages: "token" (Earth Search), "merge", "get", "loop" or "fail". */
    static final AtomicReference<String> MODE = new AtomicReference<>("token");
    static List<JsonObject> items;
    static String base;

    @BeforeAll
    static void start() throws IOException {
        executor = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        items = new ArrayList<>();
        for (String id : StaticStacCatalogTest.ALL_BY_DATETIME) {
            JsonObject item = TestData.readJson(TestData.dravaItemJson(id));
            // as an API serves it: an absolute self link, the base of the item's relative asset hrefs
            JsonArrayBuilder links = Json.createArrayBuilder().add(Json.createObjectBuilder().add("rel", "self")
                    .add("href", base + "/files/sentinel-2-l2a/" + id + "/" + id + ".json"));
            item.getJsonArray("links").forEach(links::add);
            items.add(Json.createObjectBuilder(item).add("links", links).build());
        }
        server.createContext("/v1", StacApiCatalogTest::handle);
        server.start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        RELEASE_SLOW.countDown();
        server.stop(0);
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void reset() {
        REQUESTS.clear();
        MODE.set("token");
    }

    static void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonObject json = body.isEmpty() ? null : parse(body);
            REQUESTS.add(new Recorded(ex.getRequestMethod(), path, ex.getRequestURI().getQuery(), json));
            if (path.equals("/v1") || path.equals("/v1/")) {
                send(ex, 200, landing());
            } else if (path.equals("/v1/search")) {
                search(ex, json);
            } else if (path.equals("/v1/slow/search")) {
                RELEASE_SLOW.await();
                send(ex, 200, Json.createObjectBuilder().add("features", JsonValue.EMPTY_JSON_ARRAY).build());
            } else if (path.equals("/v1/collections")) {
                send(ex, 200, Json.createObjectBuilder().add("collections", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("id", "sentinel-2-l2a").add("type", "Collection"))
                        .add(Json.createObjectBuilder().add("id", "sentinel-2-l1c").add("type", "Collection")))
                        .add("links", JsonValue.EMPTY_JSON_ARRAY).build());
            } else if (path.startsWith("/v1/collections/sentinel-2-l2a/items/")) {
                String id = path.substring(path.lastIndexOf('/') + 1);
                JsonObject item = items.stream().filter(i -> i.getString("id").equals(id)).findFirst().orElse(null);
                if (item == null) {
                    send(ex, 404, Json.createObjectBuilder().add("code", "NotFound").build());
                } else {
                    send(ex, 200, item);
                }
            } else {
                send(ex, 404, Json.createObjectBuilder().add("code", "NotFound").build());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static JsonObject landing() {
        return Json.createObjectBuilder().add("type", "Catalog").add("id", "test-api").add("stac_version", "1.0.0")
                .add("conformsTo", Json.createArrayBuilder().add("https://api.stacspec.org/v1.0.0/core")
                        .add("https://api.stacspec.org/v1.0.0/item-search"))
                .add("links", Json.createArrayBuilder()
                        .add(link("self", base + "/v1"))
                        .add(Json.createObjectBuilder(link("search", base + "/v1/search").build()).add("method", "GET"))
                        .add(Json.createObjectBuilder(link("search", base + "/v1/search").build()).add("method", "POST"))
                        .add(link("data", base + "/v1/collections")))
                .build();
    }

    static JsonObjectBuilder link(String rel, String href) {
        return Json.createObjectBuilder().add("rel", rel).add("href", href);
    }

    /** Serves items[offset, offset + limit) where the offset comes from the token; the token names the last item. */
    static void search(HttpExchange ex, JsonObject body) throws IOException {
        String mode = MODE.get();
        if (mode.equals("fail")) {
            send(ex, 500, Json.createObjectBuilder().add("code", "InternalServerError").add("description", "boom").build());
            return;
        }
        if (mode.equals("malformed")) { // the second feature of the first page has no datetime
            JsonObject bad = items.get(1);
            bad = Json.createObjectBuilder(bad).add("properties",
                    Json.createObjectBuilder(bad.getJsonObject("properties")).remove("datetime")).build();
            send(ex, 200, Json.createObjectBuilder().add("type", "FeatureCollection")
                    .add("features", Json.createArrayBuilder().add(items.get(0)).add(bad)).build());
            return;
        }
        String token;
        int limit;
        if (ex.getRequestMethod().equals("GET")) {
            Map<String, String> q = query(ex.getRequestURI().getQuery());
            token = q.get("next");
            limit = Integer.parseInt(q.get("limit"));
        } else {
            token = body.containsKey("next") ? body.getString("next") : null;
            limit = body.getInt("limit");
        }
        int offset = 0;
        if (token != null) {
            String lastId = token.substring(token.indexOf(',') + 1);
            offset = StaticStacCatalogTest.ALL_BY_DATETIME.indexOf(lastId) + 1;
        }
        int end = Math.min(items.size(), offset + limit);
        JsonArrayBuilder features = Json.createArrayBuilder();
        items.subList(offset, end).forEach(features::add);
        JsonArrayBuilder links = Json.createArrayBuilder().add(link("root", base + "/v1"));
        if (end < items.size()) {
            JsonObject last = items.get(end - 1);
            String next = last.getJsonObject("properties").getString("datetime") + "," + last.getString("id");
            switch (mode) {
                case "token": // Earth Search: the whole search again plus the token, merge false
                    links.add(link("next", base + "/v1/search").add("method", "POST").add("merge", false)
                            .add("body", Json.createObjectBuilder(body).add("next", next)));
                    break;
                case "merge":
                    links.add(link("next", base + "/v1/search").add("method", "POST").add("merge", true)
                            .add("body", Json.createObjectBuilder().add("next", next)));
                    break;
                case "get":
                    links.add(link("next", "search?limit=" + limit + "&next=" + next));
                    break;
                case "loop":
                    links.add(link("next", base + "/v1/search").add("method", "POST").add("body", body));
                    break;
                default:
                    throw new IllegalStateException(mode);
            }
        }
        send(ex, 200, Json.createObjectBuilder().add("type", "FeatureCollection").add("features", features)
                .add("links", links).add("numberReturned", end - offset).build());
    }

    static Map<String, String> query(String q) {
        return java.util.Arrays.stream(q.split("&")).map(kv -> kv.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
    }

    static void send(HttpExchange ex, int status, JsonObject json) throws IOException {
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/geo+json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static JsonObject parse(String s) {
        try (JsonReader r = Json.createReader(new StringReader(s))) {
            return r.readObject();
        }
    }

    static SearchRequest dravaAugust() {
        return SearchRequest.builder()
                .collections("sentinel-2-l2a")
                .intersects(TestData.dravaAois().get("drava-a"))
                .datetime(LocalDate.of(2023, 8, 1), LocalDate.of(2023, 8, 31))
                .maxCloudCover(80.0)
                .sortBy(SearchRequest.SortBy.asc("datetime"))
                .limit(2)
                .build();
    }

    /** The body we must send for {@link #dravaAugust()}, written out by hand (numbers as JSON-P writes doubles). */
    static final String EXPECTED_FIRST_BODY = """
            {"collections":["sentinel-2-l2a"],
             "intersects":{"type":"Polygon","coordinates":[[[15.9,45.93],[16.1,45.92],[16.15,46.0],[16.0,46.08],
                                                             [15.88,46.02],[15.9,45.93]]]},
             "datetime":"2023-08-01T00:00:00Z/2023-08-31T23:59:59.999999Z",
             "limit":2,
             "query":{"eo:cloud_cover":{"lte":80.0}},
             "sortby":[{"field":"properties.datetime","direction":"asc"}]}
            """;

    static List<String> ids(StacCatalog c, SearchRequest r) {
        return c.search(r).map(StacItem::id).collect(Collectors.toList());
    }

    @Test
    void detectsTheApiAndReadsEveryPageSendingTheEarthSearchNextBody() {
        StacCatalog api = StacCatalogs.open(URI.create(base + "/v1"));
        assertInstanceOf(StacApiCatalog.class, api);
        assertEquals(URI.create(base + "/v1/search"), ((StacApiCatalog) api).searchUrl(), "the POST search link");
        REQUESTS.clear();

        List<StacItem> got = api.search(dravaAugust()).collect(Collectors.toList());

        assertEquals(StaticStacCatalogTest.ALL_BY_DATETIME, got.stream().map(StacItem::id).collect(Collectors.toList()));
        assertEquals(5, REQUESTS.size(), "10 items, 2 per page");
        JsonObject first = parse(EXPECTED_FIRST_BODY);
        for (int page = 0; page < 5; page++) {
            Recorded r = REQUESTS.get(page);
            assertEquals("POST", r.method());
            assertEquals("/v1/search", r.path());
            JsonObject expected = first;
            if (page > 0) {
                JsonObject last = items.get(2 * page - 1);
                expected = Json.createObjectBuilder(first).add("next",
                        last.getJsonObject("properties").getString("datetime") + "," + last.getString("id")).build();
            }
            assertEquals(expected, r.body(), "body of page " + (page + 1));
        }
        assertEquals("2023-08-01T00:00:00Z/2023-08-31T23:59:59.999999Z", REQUESTS.get(0).body().getString("datetime"));

        StacItem item = got.get(5);
        assertEquals("S2A_33TWL_20230815_0_L2A", item.id());
        assertEquals("sentinel-2-l2a", item.collection());
        assertEquals(0.20399, item.cloudCover());
        assertEquals(URI.create(base + "/files/sentinel-2-l2a/S2A_33TWL_20230815_0_L2A/B04.tif"),
                item.requireAsset("red").href(), "resolved against the item's self link");
    }

    @Test
    void theCloudLimitIsAppliedToWhatAServerIgnoringQueryReturns() {
        StacCatalog api = StacCatalogs.open(URI.create(base + "/v1/search"));
        SearchRequest clear = SearchRequest.builder().collections("sentinel-2-l2a").maxCloudCover(10.0).limit(2).build();
        // cloud cover by datetime: 70.6 69.3 | 1.11 1.70 | 0.207 0.204 | 43.9 45.7 | 1.34 8.07
        assertEquals(List.of("S2B_33TWM_20230813_0_L2A", "S2B_33TWL_20230813_0_L2A", "S2A_33TWM_20230815_0_L2A",
                "S2A_33TWL_20230815_0_L2A", "S2B_33TWM_20230820_0_L2A", "S2B_33TWL_20230820_0_L2A"), ids(api, clear));
        assertEquals(5, REQUESTS.size(), "still every page");
        assertEquals(parse("{\"eo:cloud_cover\":{\"lte\":10.0}}"), REQUESTS.get(0).body().getJsonObject("query"));
    }

    @Test
    void pagesAreFetchedLazily() {
        StacCatalog api = new StacApiCatalog(URI.create(base + "/v1/search"));
        assertEquals(List.of(), REQUESTS, "a search URL needs no landing page");
        Iterator<StacItem> it = api.iterate(dravaAugust());
        assertEquals(0, REQUESTS.size());
        it.next();
        it.next();
        assertEquals(1, REQUESTS.size());
        it.next();
        assertEquals(2, REQUESTS.size());
        assertEquals(3, api.search(dravaAugust()).limit(3).count());
        assertEquals(4, REQUESTS.size());
    }

    @Test
    void followsMergeAndGetNextLinks() {
        StacCatalog api = StacCatalogs.open(URI.create(base + "/v1/search"));
        MODE.set("merge");
        assertEquals(StaticStacCatalogTest.ALL_BY_DATETIME, ids(api, dravaAugust()));
        assertEquals(5, REQUESTS.size());
        JsonObject first = parse(EXPECTED_FIRST_BODY);
        assertEquals(first, REQUESTS.get(0).body());
        assertEquals(Json.createObjectBuilder(first).add("next", "2023-08-18T10:08:08.248000Z,S2A_33TWL_20230818_0_L2A")
                .build(), REQUESTS.get(4).body(), "merged: the first body plus the link's next token");

        REQUESTS.clear();
        MODE.set("get");
        assertEquals(StaticStacCatalogTest.ALL_BY_DATETIME, ids(api, dravaAugust()));
        assertEquals(5, REQUESTS.size());
        assertEquals("POST", REQUESTS.get(0).method());
        for (Recorded r : REQUESTS.subList(1, 5)) {
            assertEquals("GET", r.method());
            assertEquals("/v1/search", r.path(), "relative next href resolved against the page URL");
            assertNull(r.body());
        }
        assertEquals("limit=2&next=2023-08-13T10:08:07.856000Z,S2B_33TWL_20230813_0_L2A", REQUESTS.get(2).query());
    }

    @Test
    void collectionsAndItemLookup() {
        StacCatalog api = StacCatalogs.open(URI.create(base + "/v1"));
        assertEquals(List.of("sentinel-2-l2a", "sentinel-2-l1c"), api.collections());
        StacItem item = api.item("sentinel-2-l2a", "S2B_33TWL_20230820_0_L2A").orElseThrow();
        assertEquals(8.066346, item.cloudCover());
        assertEquals("/v1/collections/sentinel-2-l2a/items/S2B_33TWL_20230820_0_L2A",
                REQUESTS.get(REQUESTS.size() - 1).path());
        assertFalse(api.item("sentinel-2-l2a", "nope").isPresent());
    }

    @Test
    void httpErrorsNameUrlAndStatus() {
        StacCatalog api = StacCatalogs.open(URI.create(base + "/v1"));
        MODE.set("fail");
        StacException e = assertThrows(StacException.class, () -> api.search(dravaAugust()).count());
        assertEquals(500, e.httpStatus());
        assertTrue(e.getMessage().contains(base + "/v1/search"), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        assertTrue(e.getMessage().contains("boom"), e.getMessage());

        StacException missing = assertThrows(StacException.class, () -> StacCatalogs.open(URI.create(base + "/v1/nowhere")));
        assertEquals(404, missing.httpStatus());
        assertTrue(missing.getMessage().startsWith(base + "/v1/nowhere: GET answered HTTP 404"), missing.getMessage());
    }

    @Test
    void aMalformedItemInAPageNamesTheSearchUrlAndThePathOfTheField() {
        MODE.set("malformed");
        StacCatalog api = StacCatalogs.open(URI.create(base + "/v1/search"));
        StacException e = assertThrows(StacException.class, () -> api.search(dravaAugust()).count());
        assertEquals(URI.create(base + "/v1/search"), e.url());
        assertEquals("features[1].properties.datetime", e.field());
        assertTrue(e.getMessage().startsWith(base + "/v1/search: field 'features[1].properties.datetime': missing"),
                e.getMessage());
    }

    @Test
    void aNextLinkThatDoesNotAdvanceIsAnError() {
        MODE.set("loop");
        StacCatalog api = StacCatalogs.open(URI.create(base + "/v1/search"));
        StacException e = assertThrows(StacException.class, () -> api.search(dravaAugust()).count());
        assertEquals("links[rel=next]", e.field());
        assertEquals(1, REQUESTS.size());
    }

    @Test
    void requestTimeoutIsConfigurable() {
        StacOptions fast = StacOptions.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300));
        StacCatalog api = StacCatalogs.open(URI.create(base + "/v1/slow/search"), fast);
        long t0 = System.nanoTime();
        StacException e = assertThrows(StacException.class, () -> api.search(dravaAugust()).findFirst());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(e.getMessage().contains(base + "/v1/slow/search"), e.getMessage());
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertTrue(ms < 5000, "gave up after " + ms + " ms");
    }
}
