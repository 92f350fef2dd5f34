package io.eobatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Geometry;

import io.eobatch.provider.ImageQuery;
import io.eobatch.provider.sentinelhub.SentinelHubProvider;
import io.eobatch.provider.sentinelhub.SentinelHubRequestCost;
import io.eobatch.provider.sentinelhub.StatisticsRequest;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.stac.GeoJson;

/**
 * aoi-statistics over the remote providers, against stand-ins on 127.0.0.1 that speak their protocols with real
 * answer shapes ({@link SentinelHubStub}, {@link ObserveEarthStub}; the server has their URLs and test credentials
 * from the pom): the estimate before a run (no paid call), the run (exact requests, parsed numbers), failures that
 * fail items, retry-failed that calls the provider only for them, a budget that stops the job cleanly and a restart
 * that carries on, and no secret in the server log or the API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvidersIT {

    private static final String CATALOG_PATH = "/api/v1/catalog/1.0.0/search";
    private static final String STATISTICS_PATH = "/api/v1/statistics";
    private static final Path SERVER_LOG = Path.of(System.getProperty("eobatch.server.dir", "target/server"),
            "standalone", "log", "server.log");

    private static SentinelHubStub sh;
    private static ObserveEarthStub oe;
    private static Map<String, Geometry> aois;

    @BeforeAll
    static void start() throws IOException {
        Fixtures.uploadDravaAois();
        sh = new SentinelHubStub();
        oe = new ObserveEarthStub();
        aois = new HashMap<>();
        JsonObject fc = Json.createReader(Files.newBufferedReader(Fixtures.DRAVA_AOIS)).readObject();
        for (JsonValue f : fc.getJsonArray("features")) {
            JsonObject o = f.asJsonObject();
            aois.put(o.getJsonObject("properties").getString("id"), GeoJson.read(o.getJsonObject("geometry")));
        }
    }

    @AfterAll
    static void stop() {
        if (sh != null) {
            sh.close();
        }
        if (oe != null) {
            oe.close();
        }
    }

    private static String shBody(String aoisJson, String extra) {
        return "{\"provider\":\"sentinel-hub\",\"aois\":" + aoisJson + ",\"from\":\"2023-08-01\","
                + "\"to\":\"2023-08-31\",\"partitions\":2" + extra + "}";
    }

    /** PU of one P1D Statistical API request of the AOI, as the published definition gives it. */
    private static double unitsPerDay(String aoi) {
        return SentinelHubRequestCost.of(new StatisticsRequest(aois.get(aoi), LocalDate.of(2023, 8, 10),
                LocalDate.of(2023, 8, 10), Period.ofDays(1), SpectralIndex.NDVI, null, 10));
    }

    private static List<JsonObject> objects(JsonArray a) {
        return a.stream().map(JsonValue::asJsonObject).toList();
    }

    @Test
    @Order(1)
    void estimateCallsNoPaidEndpointAndTheRunMatchesIt() {
        Fixtures.awaitNoneRunning(Duration.ofMinutes(3)); // the stub counts every caller's searches
        sh.reset();
        String body = shBody("[\"drava-a\",\"drava-b\"]", "");
        Api.Response r = Api.post("/api/jobs/aoi-statistics/estimate", body);
        assertEquals(200, r.status(), r.body());
        JsonObject est = r.json();
        assertEquals("sentinel-hub", est.getString("provider"));
        JsonObject total = est.getJsonObject("total");
        assertEquals(0, sh.statisticsCalls(), "the estimate calls no paid endpoint");
        // one search per AOI: distinct bodies (a repeated request, e.g. after a refreshed token, is not a new search;
        // the requests are printed so that a third one can be told apart)
        assertEquals(2, sh.requests(CATALOG_PATH).stream().map(SentinelHubStub.Recorded::body).distinct().count(),
                "one catalog search per AOI: " + sh.requests(CATALOG_PATH));
        assertEquals(2, total.getInt("catalogSearches"));
        int items = total.getInt("items");
        assertTrue(items >= 2, est.toString());
        assertEquals(items, total.getInt("requests"), "one Statistical API request per item");
        double expectedUnits = 0;
        for (JsonObject a : objects(est.getJsonArray("perAoi"))) {
            double perDay = unitsPerDay(a.getString("aoiId"));
            assertEquals(a.getInt("items") * perDay, a.getJsonNumber("cost").doubleValue(), 1e-3, a.toString());
            expectedUnits += a.getInt("items") * perDay;
        }
        assertEquals(expectedUnits, total.getJsonNumber("processingUnits").doubleValue(), 1e-3);
        assertEquals("processing units", total.getString("costUnit"));
        // the pom sets 400 ms per call and 6000 PU a minute; 8 in flight and 600 requests a minute are the defaults
        double seconds = Math.max(items * 0.4 / 8, Math.max(items * 60.0 / 600, expectedUnits * 60 / 6000));
        assertEquals(Math.round(seconds * 10) / 10.0, total.getJsonNumber("expectedSeconds").doubleValue(), 0.11,
                total.toString());

        long id = Fixtures.start("aoi-statistics", body);
        JsonObject e = Api.awaitTerminal(id, Duration.ofMinutes(3));
        assertEquals("COMPLETED", e.getString("status"), e.toString());
        List<JsonObject> its = objects(Fixtures.items(id));
        assertEquals(items, its.size(), "the run plans the items the estimate counted");
        for (JsonObject it : its) {
            assertEquals("DONE", it.getString("status"), it.toString());
            assertEquals(unitsPerDay(it.getString("aoiId")), it.getJsonNumber("cost").doubleValue(), 1e-9,
                    "the ledger records the item's processing units");
            assertTrue(Fixtures.DRAVA_ITEMS.stream().anyMatch(s -> s.contains(it.getString("sceneId")
                    .replace("-", ""))), "an item is a day with a Drava scene: " + it);
        }
        assertEquals(items, sh.statisticsCalls(), "one call per item");
        assertTrue(sh.callsPerItem().values().stream().allMatch(n -> n == 1), sh.callsPerItem().toString());
        assertEquals(1, sh.tokenRequests(), "one token for the estimate and every partition");

        // exact request: bearer token, the item's day as one P1D interval, dataMask and SCL, percentiles
        SentinelHubStub.Recorded req = sh.requests(STATISTICS_PATH).get(0);
        assertTrue(req.headers().get("authorization").matches("Bearer eyJhbGciOiJSUzI1NiJ9\\.it-token-1-b00c4fe"),
                req.headers().toString());
        assertEquals("application/json", req.headers().get("content-type"));
        JsonObject sent = Json.createReader(new java.io.StringReader(req.body())).readObject();
        JsonObject agg = sent.getJsonObject("aggregation");
        assertEquals("P1D", agg.getJsonObject("aggregationInterval").getString("of"));
        String from = agg.getJsonObject("timeRange").getString("from");
        String to = agg.getJsonObject("timeRange").getString("to");
        assertEquals(LocalDate.parse(from.substring(0, 10)).plusDays(1).toString(), to.substring(0, 10));
        assertTrue(agg.getString("evalscript").contains("dataMask") && agg.getString("evalscript").contains("SCL"));
        assertEquals(List.of(10, 50, 90), sent.getJsonObject("calculations").getJsonObject("default")
                .getJsonObject("statistics").getJsonObject("default").getJsonObject("percentiles")
                .getJsonArray("k").getValuesAs(jakarta.json.JsonNumber.class).stream().map(n -> n.intValue())
                .toList());

        // the numbers are the real answer's
        JsonArray rows = (JsonArray) Api.get("/api/executions/" + id + "/statistics").jsonValue();
        assertEquals(items, rows.size());
        for (JsonObject row : objects(rows)) {
            assertEquals(sh.okMean(), row.getJsonNumber("mean").doubleValue(), 1e-12, row.toString());
            assertEquals(sh.okSampleCount(), row.getJsonNumber("pixel_count").longValue());
            assertEquals(sh.okNoDataCount(), row.getJsonNumber("nodata_count").longValue());
            assertEquals(sh.okSampleCount() - sh.okNoDataCount(), row.getJsonNumber("valid_count").longValue());
        }
    }

    @Test
    @Order(2)
    void anIntervalItemCoversTheWholeInterval() {
        sh.reset();
        long id = Fixtures.start("aoi-statistics", shBody("[\"drava-b\"]", ",\"interval\":\"P1M\""));
        JsonObject e = Api.awaitTerminal(id, Duration.ofMinutes(3));
        assertEquals("COMPLETED", e.getString("status"), e.toString());
        List<JsonObject> its = objects(Fixtures.items(id));
        assertEquals(1, its.size(), "one month, one item: " + its);
        assertEquals("drava-b/2023-08-01", its.get(0).getString("key"));
        assertTrue(its.get(0).getJsonArray("sceneIds").size() >= 2, "the month's scenes: " + its);
        JsonObject agg = Json.createReader(new java.io.StringReader(sh.requests(STATISTICS_PATH).get(0).body()))
                .readObject().getJsonObject("aggregation");
        assertEquals("P1M", agg.getJsonObject("aggregationInterval").getString("of"));
        assertEquals("2023-08-01T00:00:00Z", agg.getJsonObject("timeRange").getString("from"));
        assertEquals("2023-09-01T00:00:00Z", agg.getJsonObject("timeRange").getString("to"));
    }

    /**
     * The provider fails some items: 500 on one day (retried by the throttle, then FAILED), 400 on another (FAILED at
     * once), a PARTIAL answer on a third (FAILED with the provider's reason). The job completes; the stub heals;
     * retry-failed calls it only for the failed items, which end DONE.
     */
    @Test
    @Order(3)
    void failedItemsAndRetryFailed() {
        sh.reset();
        LocalDate d500 = LocalDate.of(2023, 8, 13);
        LocalDate d400 = LocalDate.of(2023, 8, 15);
        LocalDate dPartial = LocalDate.of(2023, 8, 18);
        sh.fail500.add(d500);
        sh.fail400.add(d400);
        sh.partial.add(dPartial);
        long first = Fixtures.start("aoi-statistics", shBody("[\"drava-a\",\"drava-b\"]", ""));
        JsonObject e = Api.awaitTerminal(first, Duration.ofMinutes(3));
        assertEquals("COMPLETED", e.getString("status"), e.toString());
        List<JsonObject> failed = objects((JsonArray) Api.get("/api/executions/" + first + "/items?status=FAILED")
                .jsonValue());
        Set<String> failedDays = Set.of(d500.toString(), d400.toString(), dPartial.toString());
        List<JsonObject> all = objects(Fixtures.items(first));
        long expectedFailed = all.stream().filter(i -> failedDays.contains(i.getString("sceneId"))).count();
        assertTrue(expectedFailed >= 3, "every failing day has an item: " + all);
        assertEquals(expectedFailed, failed.size(), failed.toString());
        int aoisOn500 = 0;
        for (JsonObject f : failed) {
            String err = f.getString("lastError");
            assertEquals(1, f.getInt("attempts"), "the item was processed once (the throttle retried): " + f);
            assertFalse(err.contains("it-token"), "no token in the item's error: " + err);
            switch (f.getString("sceneId")) {
                case "2023-08-13" -> {
                    assertTrue(err.contains("gave up after 3 attempts") && err.contains("500"), err);
                    aoisOn500++;
                }
                case "2023-08-15" -> assertTrue(err.contains("400") && err.contains("not retried"), err);
                default -> assertTrue(err.contains(sh.partialError()) && err.contains("PARTIAL"), err);
            }
        }
        assertEquals(3 * aoisOn500, sh.statisticsCalls(d500), "500: max-attempts = 3 per item");
        assertEquals(failed.size() - aoisOn500, sh.statisticsCalls(d400) + sh.statisticsCalls(dPartial),
                "400 and a failed interval: one call per item, no retry");
        assertTrue(sh.callsPerItem().entrySet().stream().filter(c -> !failedDays.contains(c.getKey()
                .substring(0, 10))).allMatch(c -> c.getValue() == 1), "DONE items: one call each");

        sh.reset(); // healed, counters at zero
        long retry = Fixtures.retryFailed(first);
        JsonObject done = Api.awaitTerminal(retry, Duration.ofMinutes(3));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        List<JsonObject> retried = objects(Fixtures.items(retry));
        assertEquals(failed.size(), retried.size(), "only the failed items");
        assertTrue(retried.stream().allMatch(i -> i.getString("status").equals("DONE")), retried.toString());
        assertEquals(failed.size(), sh.statisticsCalls(), "the provider was called once per failed item, no more");
        assertEquals(0, sh.requests(CATALOG_PATH).size(), "no catalog search either");
        assertTrue(sh.callsPerItem().keySet().stream().allMatch(k -> failedDays.contains(k.substring(0, 10))),
                "nothing for the DONE items: " + sh.callsPerItem());
    }

    /**
     * budget = 2.5 items' processing units, and the first day answers 400: that item FAILS (its reservation given
     * back), the next two are done, the job stops cleanly as STOPPED / OUT_OF_BUDGET with the others PENDING. A restart
     * may change the budget but not the plan; retry-failed waits for the items still to do. The restart with a
     * larger budget does the PENDING items, without calling again for the DONE ones nor for the FAILED one.
     */
    @Test
    @Order(4)
    void budgetStopsTheJobAndARestartCarriesOn() {
        sh.reset();
        sh.fail400.add(LocalDate.of(2023, 8, 10)); // the first item
        double budget = 2.5 * unitsPerDay("drava-b");
        // one partition, so that the order is fixed: with several, a reservation still in flight when another
        // partition asks counts against it, and fewer items may be done (BudgetsTest covers the concurrency)
        long first = Fixtures.start("aoi-statistics", shBody("[\"drava-b\"]", ",\"budget\":" + budget)
                .replace("\"partitions\":2", "\"partitions\":1"));
        JsonObject e = Api.awaitTerminal(first, Duration.ofMinutes(3));
        assertEquals("STOPPED", e.getString("status"), e.toString());
        assertEquals("OUT_OF_BUDGET", e.getString("exitStatus"), e.toString());
        List<JsonObject> its = objects(Fixtures.items(first));
        assertTrue(its.size() >= 4, "more items than the budget allows: " + its);
        Map<String, Long> byStatus = its.stream().collect(Collectors.groupingBy(i -> i.getString("status"),
                Collectors.counting()));
        assertEquals(2L, byStatus.get("DONE"), byStatus.toString());
        assertEquals(1L, byStatus.get("FAILED"), byStatus.toString());
        assertEquals(its.size() - 3L, byStatus.get("PENDING"), byStatus.toString());
        assertEquals(3, sh.statisticsCalls(), "no call past the budget");

        Api.Response plan = Api.post("/api/executions/" + first + "/restart", "{\"interval\":\"P1M\"}");
        assertEquals(400, plan.status(), plan.body());
        assertEquals("interval", plan.json().getString("field"), "the plan's parameters cannot change");
        Api.Response early = Api.post("/api/executions/" + first + "/retry-failed", "");
        assertEquals(409, early.status(), early.body());
        assertTrue(early.json().getString("detail").contains("not yet done"), early.body());

        sh.fail400.clear();
        Api.Response r = Api.post("/api/executions/" + first + "/restart", "{\"budget\":1000}");
        assertEquals(201, r.status(), r.body());
        long second = Long.parseLong(r.header("Location").replaceAll(".*/", ""));
        JsonObject done = Api.awaitTerminal(second, Duration.ofMinutes(3));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        Map<String, Long> after = objects(Fixtures.items(second)).stream().collect(Collectors.groupingBy(
                i -> i.getString("status"), Collectors.counting()));
        assertEquals(Map.of("DONE", its.size() - 1L, "FAILED", 1L), after, "the FAILED item waits for retry-failed");
        assertEquals(its.size(), sh.statisticsCalls(), "each item called once over both executions");
        assertTrue(sh.callsPerItem().values().stream().allMatch(n -> n == 1), sh.callsPerItem().toString());
    }

    @Test
    @Order(5)
    void observeEarthRowsAndOneGeometryPerAoi() {
        String body = "{\"provider\":\"observearth\",\"aois\":[\"drava-a\",\"drava-b\"],\"from\":\"2023-08-01\","
                + "\"to\":\"2023-08-31\",\"partitions\":2}";
        long id = Fixtures.start("aoi-statistics", body);
        JsonObject e = Api.awaitTerminal(id, Duration.ofMinutes(3));
        assertEquals("COMPLETED", e.getString("status"), e.toString());
        List<JsonObject> its = objects(Fixtures.items(id));
        assertEquals(2 * oe.days().size(), its.size(), "one item per AOI and day with scenes: " + its);
        assertEquals(its.size(), oe.statsCalls());
        JsonArray rows = (JsonArray) Api.get("/api/executions/" + id + "/statistics").jsonValue();
        assertEquals(its.size(), rows.size());
        for (JsonObject row : objects(rows)) {
            LocalDate d = LocalDate.parse(row.getString("item_id"));
            assertEquals(ObserveEarthStub.mean(d), row.getJsonNumber("mean").doubleValue(), 1e-12, row.toString());
            assertEquals(ObserveEarthStub.mean(d) + 0.01, row.getJsonNumber("p50").doubleValue(), 1e-12);
            assertTrue(row.isNull("pixel_count") && row.isNull("valid_count") && row.isNull("clear_fraction"),
                    "observearth gives no pixel counts: " + row);
        }
        assertEquals(2, oe.registrations(), "each AOI registered once");
        assertTrue(oe.requests().stream().allMatch(r -> ObserveEarthStub.API_KEY.equals(r.apiKey())),
                "X-API-Key on every request");
        String csv = Api.get("/api/executions/" + id + "/statistics?format=csv").body();
        assertFalse(csv.contains("null"), csv);

        long again = Fixtures.start("aoi-statistics", body.replace("\"partitions\":2", "\"partitions\":1"));
        assertEquals("COMPLETED", Api.awaitTerminal(again, Duration.ofMinutes(3)).getString("status"));
        assertEquals(2, oe.registrations(), "a second job finds the geometries by name");
    }

    /** aoi-timelapse over sentinel-hub: a month with scenes gets its frames from the Process API, then the GIF. */
    @Test
    @Order(6)
    void timelapseFramesFromTheProcessApi() throws IOException {
        sh.reset();
        String body = "{\"provider\":\"sentinel-hub\",\"aois\":[\"drava-b\"],"
                + "\"from\":\"2023-07-01\",\"to\":\"2023-08-31\",\"partitions\":1}";
        // the estimate first: July and August, August with scenes: a search a month, index and true colour for August
        Api.Response est = Api.post("/api/jobs/aoi-timelapse/estimate", body);
        assertEquals(200, est.status(), est.body());
        JsonObject total = est.json().getJsonObject("total");
        assertEquals(2, total.getInt("items"), total.toString());
        assertEquals(1, total.getInt("monthsWithScenes"), total.toString());
        assertEquals(2 + 2, total.getInt("requests"), "2 searches, 2 Process API requests: " + total);
        ImageQuery august = new ImageQuery(null, null, "drava-b", aois.get("drava-b"), LocalDate.of(2023, 8, 1),
                LocalDate.of(2023, 8, 31), List.of(), SpectralIndex.NDVI, null, null, 0, 0);
        double pu = SentinelHubRequestCost.of(SentinelHubProvider.request(august))
                + SentinelHubRequestCost.of(SentinelHubProvider.request(august.withIndex(null)));
        assertEquals(pu, total.getJsonNumber("processingUnits").doubleValue(), 1e-3, total.toString());
        assertEquals(0, sh.requests("/api/v1/process").size(), "the estimate asks for no image");

        long id = Fixtures.start("aoi-timelapse", body);
        JsonObject e = Api.awaitTerminal(id, Duration.ofMinutes(3));
        assertEquals("COMPLETED", e.getString("status"), e.toString());
        Map<String, String> status = objects(Fixtures.items(id)).stream()
                .collect(Collectors.toMap(i -> i.getString("key"), i -> i.getString("status")));
        assertEquals(Map.of("drava-b/2023-07", "NO_DATA", "drava-b/2023-08", "DONE"), status);
        Map<String, Double> cost = objects(Fixtures.items(id)).stream().collect(Collectors.toMap(
                i -> i.getString("key"), i -> i.isNull("cost") ? 0.0 : i.getJsonNumber("cost").doubleValue()));
        assertEquals(0.0, cost.get("drava-b/2023-07"), "July asked for no image: nothing spent");
        assertEquals(augustUnits("drava-b"), cost.get("drava-b/2023-08"), 1e-9, "August: its two images' PU");
        List<SentinelHubStub.Recorded> process = sh.requests("/api/v1/process");
        assertEquals(2, process.size(), "index and true colour for August, nothing for July");
        for (SentinelHubStub.Recorded r : process) {
            assertTrue(r.headers().get("authorization").startsWith("Bearer eyJ"), r.headers().toString());
            assertEquals("image/png", r.headers().get("accept"));
        }
        Path gif = Path.of(System.getProperty("eobatch.it.data.dir"), "results",
                Long.toString(e.getJsonNumber("instanceId").longValue()), "timelapse", "drava-b", "timelapse.gif");
        assertTrue(Files.size(gif) > 0, gif + " written");
    }

    /** aoi-timelapse with a budget: drava-a's month fits, drava-b's does not; a restart with more draws it. */
    @Test
    @Order(6)
    void timelapseBudget() {
        sh.reset();
        double costA = augustUnits("drava-a");
        double costB = augustUnits("drava-b");
        String body = "{\"provider\":\"sentinel-hub\",\"aois\":[\"drava-a\",\"drava-b\"],\"from\":\"2023-08-01\","
                + "\"to\":\"2023-08-31\",\"partitions\":1,\"budget\":" + (costA + costB / 2) + "}";
        long first = Fixtures.start("aoi-timelapse", body);
        JsonObject e = Api.awaitTerminal(first, Duration.ofMinutes(3));
        assertEquals("STOPPED", e.getString("status"), e.toString());
        assertEquals("OUT_OF_BUDGET", e.getString("exitStatus"), e.toString());
        Map<String, String> status = objects(Fixtures.items(first)).stream()
                .collect(Collectors.toMap(i -> i.getString("key"), i -> i.getString("status")));
        assertEquals(Map.of("drava-a/2023-08", "DONE", "drava-b/2023-08", "PENDING"), status);
        assertEquals(2, sh.requests("/api/v1/process").size(), "drava-a's index and true colour only");
        double recorded = objects(Fixtures.items(first)).stream().filter(i -> i.getString("status").equals("DONE"))
                .mapToDouble(i -> i.getJsonNumber("cost").doubleValue()).sum();
        assertEquals(costA, recorded, 1e-9, "the ledger records the month's processing units");

        Api.Response r = Api.post("/api/executions/" + first + "/restart", "{\"budget\":" + (costA + costB) + "}");
        assertEquals(201, r.status(), r.body());
        long second = Long.parseLong(r.header("Location").replaceAll(".*/", ""));
        JsonObject done = Api.awaitTerminal(second, Duration.ofMinutes(3));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(4, sh.requests("/api/v1/process").size(), "drava-b's two images, drava-a's not again");
    }

    /**
     * aoi-timelapse retry-failed: drava-b's August fails (Process API 503 past the attempts); retry-failed draws only
     * that month, and the new instance carries the other months over (statuses, frames, images) for whole GIFs.
     */
    @Test
    @Order(6)
    void timelapseRetryFailedDrawsOnlyTheFailedMonths() throws IOException {
        sh.reset();
        sh.processOk = 2; // drava-a's August (index and true colour) is drawn, drava-b's gets 503s
        long first = Fixtures.start("aoi-timelapse", "{\"provider\":\"sentinel-hub\",\"aois\":[\"drava-a\",\"drava-b\"],"
                + "\"from\":\"2023-07-01\",\"to\":\"2023-08-31\",\"partitions\":1}");
        JsonObject e = Api.awaitTerminal(first, Duration.ofMinutes(3));
        assertEquals("COMPLETED", e.getString("status"), e.toString());
        Map<String, JsonObject> before = objects(Fixtures.items(first)).stream()
                .collect(Collectors.toMap(i -> i.getString("key"), i -> i));
        assertEquals("DONE", before.get("drava-a/2023-08").getString("status"));
        assertEquals("NO_DATA", before.get("drava-b/2023-07").getString("status"));
        JsonObject failed = before.get("drava-b/2023-08");
        assertEquals("FAILED", failed.getString("status"), failed.toString());
        assertTrue(failed.getString("lastError").contains("gave up after 3 attempts"), failed.toString());

        sh.reset(); // healed, counters at zero
        long retry = Fixtures.retryFailed(first);
        JsonObject done = Api.awaitTerminal(retry, Duration.ofMinutes(3));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        Map<String, String> after = objects(Fixtures.items(retry)).stream()
                .collect(Collectors.toMap(i -> i.getString("key"), i -> i.getString("status")));
        assertEquals(Map.of("drava-a/2023-07", "NO_DATA", "drava-a/2023-08", "DONE", "drava-b/2023-07", "NO_DATA",
                "drava-b/2023-08", "DONE"), after);
        assertEquals(2, sh.requests("/api/v1/process").size(), "only drava-b's August drawn (index, true colour)");
        assertEquals(1, sh.requests(CATALOG_PATH).size(), "only drava-b's August searched");
        Path dir = Path.of(System.getProperty("eobatch.it.data.dir"), "results",
                Long.toString(done.getJsonNumber("instanceId").longValue()), "timelapse");
        for (String aoi : List.of("drava-a", "drava-b")) {
            assertTrue(Files.size(dir.resolve(aoi).resolve("timelapse.gif")) > 0, aoi + ": a whole GIF");
            assertTrue(Files.exists(dir.resolve(aoi).resolve("2023-08-ndvi.png")), aoi + ": August's image");
            JsonObject manifest = Json.createReader(Files.newBufferedReader(dir.resolve(aoi)
                    .resolve("timelapse.json"))).readObject();
            assertEquals(1, manifest.getInt("frames"), manifest.toString());
        }
    }

    /** Processing units of an AOI's August in aoi-timelapse: its index and true-colour images at native size. */
    private static double augustUnits(String aoi) {
        ImageQuery q = new ImageQuery(null, null, aoi, aois.get(aoi), LocalDate.of(2023, 8, 1),
                LocalDate.of(2023, 8, 31), List.of(), SpectralIndex.NDVI, null, null, 0, 0);
        return SentinelHubRequestCost.of(SentinelHubProvider.request(q))
                + SentinelHubRequestCost.of(SentinelHubProvider.request(q.withIndex(null)));
    }

    /** The stac timelapse estimate reads the catalog only; a tiled-composite estimate of an unknown AOI is a 400. */
    @Test
    @Order(6)
    void timelapseEstimateOnTheCatalogAndBadTilesEstimate() {
        Api.Response r = Api.post("/api/jobs/aoi-timelapse/estimate", "{\"aois\":[\"drava-a\",\"drava-b\"],"
                + "\"catalog\":\"drava\",\"from\":\"2023-07-01\",\"to\":\"2023-08-31\"}");
        assertEquals(200, r.status(), r.body());
        JsonObject total = r.json().getJsonObject("total");
        assertEquals(4, total.getInt("items"), total.toString());
        assertEquals(2, total.getInt("monthsWithScenes"), total.toString());
        assertTrue(total.getJsonNumber("bytes").longValue() > 0 && total.getInt("requests") > 4, total.toString());
        Api.Response tiles = Api.post("/api/jobs/tiled-composite/estimate", "{\"aoi\":\"no-such-aoi\","
                + "\"catalog\":\"drava\",\"from\":\"2023-08-01\",\"to\":\"2023-08-31\"}");
        assertEquals(400, tiles.status(), tiles.body());
        assertEquals("aoi", tiles.json().getString("field"));
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @Order(7)
    @CsvSource(delimiter = '|', value = {
        "\"provider\":\"planet\"                           | provider",
        "\"provider\":\"stac\",\"interval\":\"P5D\"          | interval",
        "\"provider\":\"sentinel-hub\",\"interval\":\"5 days\" | interval",
        "\"provider\":\"sentinel-hub\",\"interval\":\"P0D\"    | interval",
        "\"provider\":\"sentinel-hub\",\"budget\":0          | budget",
        "\"provider\":\"sentinel-hub\",\"budget\":\"lots\"     | budget",
    })
    void badProviderParametersAre400(String params, String field) {
        for (String path : List.of("/api/jobs/aoi-statistics/executions", "/api/jobs/aoi-statistics/estimate")) {
            Api.Response r = Api.post(path, "{\"aois\":[\"drava-b\"],\"from\":\"2023-08-01\",\"to\":\"2023-08-31\","
                    + params + "}");
            assertEquals(400, r.status(), r.body());
            assertEquals("application/problem+json", r.contentType());
            assertEquals(field, r.json().getString("field"), r.body());
        }
    }

    /** After runs with credentials (and a provider echoing the bearer token in a 500): no secret anywhere. */
    @Test
    @Order(99)
    void noSecretInTheServerLogOrTheApi() throws IOException {
        assertTrue(Files.isRegularFile(SERVER_LOG), "server log at " + SERVER_LOG);
        String log = Files.readString(SERVER_LOG);
        assertTrue(log.contains("sentinel-hub"), "the log is the server's and has the provider runs");
        List<String> leaks = new ArrayList<>();
        for (String secret : List.of(SentinelHubStub.SECRET, ObserveEarthStub.API_KEY, "it-token-")) {
            if (log.contains(secret)) {
                leaks.add(secret);
            }
        }
        assertEquals(List.of(), leaks, "secrets in " + SERVER_LOG);
        Set<String> bodies = new HashSet<>();
        for (JsonObject ex : objects((JsonArray) Api.get("/api/executions?limit=1000").jsonValue())) {
            bodies.add(Api.get("/api/executions/" + ex.getInt("id")).body());
            bodies.add(Api.get("/api/executions/" + ex.getInt("id") + "/items?limit=10000").body());
        }
        for (String b : bodies) {
            assertFalse(b.contains("it-token-") || b.contains(SentinelHubStub.SECRET)
                    || b.contains(ObserveEarthStub.API_KEY), b);
        }
    }
}
