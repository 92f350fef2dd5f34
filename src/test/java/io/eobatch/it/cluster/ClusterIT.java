package io.eobatch.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.eobatch.batch.timelapse.TimelapseOutputs;
import io.eobatch.it.Api;
import io.eobatch.it.Fixtures;
import io.eobatch.it.SentinelHubStub;

/**
 * Two nodes sharing one PostgreSQL (mvn -Ppostgres,cluster verify): node A is the build's server, node B a second
 * WildFly process started here from a copy of its standalone folder, on ports of its own, with node id node-b. Both
 * run with EOBATCH_CLUSTER_ENABLED, a 2 s heartbeat, a 10 s node timeout and a 10 s lease (pom, profile cluster).
 * Both nodes have one data directory (as README "Several nodes" asks: a worker's frames and tiles are read by the
 * main execution's node), and node B posts the ends of its executions to a webhook receiver here.
 * Jobs are launched on node A (restarted and retried on node B in (f)); the other node joins them with a worker.
 * What each node did is read from the ledger ({@code work_item.lease_node}: the node that claimed an item last,
 * {@code attempts}: how often it was claimed). The tests run in order: B starts during the first, and is killed in
 * the last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final Path SERVER = Path.of(System.getProperty("eobatch.server.dir", "target/server"));
    private static final int B_HTTP = Integer.getInteger("eobatch.node-b.http.port", 18380);
    private static final String B_URL = "http://127.0.0.1:" + B_HTTP;
    private static final int AOIS = 60;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(ClusterIT.class.getName());
    private static SentinelHubStub sh;
    private static Process nodeB;
    /** Node B's webhook receiver (h): the bodies of the POSTs it got. */
    private static com.sun.net.httpserver.HttpServer hooks;
    private static final List<JsonObject> HOOKED = java.util.Collections.synchronizedList(new ArrayList<>());
    /** The executions (f) ran on node B as main executions: its restart and its retry-failed. */
    private static final List<Long> MAINS_ON_B = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        Fixtures.uploadDravaAois();
        sh = new SentinelHubStub();
        hooks = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1",
                Integer.getInteger("eobatch.cluster.it.webhook.port", 0)), 0);
        hooks.createContext("/hook", ex -> {
            try (var in = ex.getRequestBody()) {
                HOOKED.add(jakarta.json.Json.createReader(new java.io.StringReader(new String(in.readAllBytes(),
                        StandardCharsets.UTF_8))).readObject());
            }
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        hooks.start();
        if (Api.get("/api/aois/cl-00").status() != 200) {
            Api.Response r = Api.post("/api/aois", smallAois());
            assertEquals(201, r.status(), r.body());
        }
        if (Api.get("/api/aois/wheat-field").status() != 200) {
            Api.Response r = Api.post("/api/aois", Api.get("/api/demo/aois", "application/geo+json").body());
            assertEquals(201, r.status(), r.body());
        }
        if (Api.get("/api/aois/" + DEMO_IDS.get(0) + "-c" + DEMO_COPIES).status() != 200) {
            Api.Response r = Api.post("/api/aois", demoCopies());
            assertEquals(201, r.status(), r.body());
        }
    }

    /** The demo AOIs' ids; (a) runs over them and {@link #DEMO_COPIES} copies of each. */
    private static final List<String> DEMO_IDS = List.of("wheat-field", "maize-field", "forest", "conifer-forest",
            "lake", "town", "fields-across-tiles", "lake-shore");
    private static final int DEMO_COPIES = 4;

    /**
     * The demo AOIs again under other ids ("wheat-field-c1" ...): (a)'s run over the demo catalog is then five times
     * the quick start's (3,285 items), long enough on an idle machine for node B to join it at its next heartbeat.
     */
    private static String demoCopies() {
        JsonObject demo = Api.get("/api/demo/aois", "application/geo+json").json();
        jakarta.json.JsonArrayBuilder features = jakarta.json.Json.createArrayBuilder();
        for (int k = 1; k <= DEMO_COPIES; k++) {
            for (jakarta.json.JsonValue v : demo.getJsonArray("features")) {
                JsonObject f = v.asJsonObject();
                JsonObject p = f.getJsonObject("properties");
                features.add(jakarta.json.Json.createObjectBuilder(f).add("properties",
                        jakarta.json.Json.createObjectBuilder(p).add("id", p.getString("id") + "-c" + k)));
            }
        }
        return jakarta.json.Json.createObjectBuilder().add("type", "FeatureCollection").add("features", features)
                .build().toString();
    }

    @AfterAll
    static void stop() throws Exception {
        if (nodeB != null) {
            killNodeB();
        }
        if (sh != null) {
            sh.close();
        }
        if (hooks != null) {
            hooks.stop(0);
        }
    }

    /** (e) A second node starting while the first runs a job leaves that job running; it completes exactly once. */
    @Test
    @Order(1)
    void startingNodeBLeavesTheExecutionOfNodeARunning() throws Exception {
        sh.statisticsDelayMillis = 3000; // slow while node B boots (up to 7 min at 2 calls at a time)
        long id = Fixtures.start("aoi-statistics", shBody());
        Api.pollUntil("/api/executions/" + id, e -> e.getJsonObject("progress").getInt("done") >= 1,
                Duration.ofMinutes(3));
        startNodeB();
        // node B's start-up and its first heartbeats (which mark dead nodes' executions) are over once it works on
        // the execution
        Api.pollUntil(() -> itemsByNode(id).getOrDefault("node-b", 0L), n -> n >= 1, Duration.ofMinutes(2),
                "node B working on node A's execution");
        JsonObject during = Api.get("/api/executions/" + id).json();
        assertEquals("STARTED", during.getString("status"), "node B's start-up left node A's execution alone: "
                + during);
        sh.statisticsDelayMillis = 100;
        JsonObject done = Api.awaitTerminal(id, Duration.ofMinutes(5));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        Fixtures.assertExactlyOnce(id);
        assertEquals(Map.of(), claimedMoreThanOnce(id), "no item claimed twice");
    }

    /**
     * (a) One aoi-statistics run over the demo catalog, launched on node A, is worked on by both nodes: each claims
     * at least 30 % of the items, every item is DONE exactly once, with one row.
     */
    @Test
    @Order(2)
    void bothNodesWorkOnOneDemoRun() throws Exception {
        HttpResponse<String> demo = onB("GET", "/api/demo/aois", null, "application/geo+json");
        assertEquals(200, demo.statusCode(), "node B's demo catalog generated: " + demo.body());
        long started = System.nanoTime();
        List<String> aois = new ArrayList<>(DEMO_IDS);
        for (int k = 1; k <= DEMO_COPIES; k++) {
            for (String aoi : DEMO_IDS) {
                aois.add(aoi + "-c" + k);
            }
        }
        // chunks of one item: a transaction each, so that the run lasts beyond node B's next heartbeat
        long id = Fixtures.start("aoi-statistics", "{\"aois\":[\"" + String.join("\",\"", aois) + "\"],"
                + "\"catalog\":\"demo\",\"from\":\"2023-01-01\",\"to\":\"2023-12-31\",\"partitions\":2,"
                + "\"chunkSize\":1}");
        JsonObject done = Api.awaitTerminal(id, Duration.ofMinutes(8));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        Fixtures.assertExactlyOnce(id);
        Map<String, Long> byNode = itemsByNode(id);
        long all = byNode.values().stream().mapToLong(Long::longValue).sum();
        LOG.info(() -> String.format("(a) demo run %d: %d items in %.1f s (launch to COMPLETED, plan and summary "
                + "included), by node %s", id, all, (System.nanoTime() - started) / 1e9, byNode));
        assertEquals(Set.of("node-a", "node-b"), byNode.keySet(), byNode.toString());
        for (var e : byNode.entrySet()) {
            assertTrue(e.getValue() * 100 >= 30 * all, e.getKey() + " claimed " + e.getValue() + " of " + all
                    + " items, less than 30 %: " + byNode);
        }
        assertEquals(Map.of(), claimedMoreThanOnce(id), "no item claimed twice");
    }

    /**
     * (d) A stop asked on node B of an execution node A runs stops it, and B's worker on it ends too; asked again
     * once it stopped, it is refused (409).
     */
    @Test
    @Order(3)
    void aStopOnNodeBStopsTheWorkOnNodeA() throws Exception {
        sh.statisticsDelayMillis = 300;
        long id = Fixtures.start("aoi-statistics", shBody());
        Api.pollUntil(() -> itemsByNode(id).getOrDefault("node-b", 0L), n -> n >= 1, Duration.ofMinutes(3),
                "node B working on the execution");
        HttpResponse<String> stop = onB("POST", "/api/executions/" + id + "/stop", "{}");
        assertEquals(202, stop.statusCode(), stop.body());
        JsonObject stopped = Api.awaitTerminal(id, Duration.ofMinutes(3));
        assertEquals("STOPPED", stopped.getString("status"), stopped.toString());
        HttpResponse<String> again = onB("POST", "/api/executions/" + id + "/stop", "{}");
        assertEquals(409, again.statusCode(), "a stop on node B of node A's execution that no longer runs: "
                + again.body());
        Api.pollUntil(() -> runningWorkers(id), n -> n == 0, Duration.ofMinutes(2), "node B's worker ended");
        int total = Fixtures.items(id).size();
        assertTrue(stopped.getJsonObject("progress").getInt("done") < total, "stopped before the end: " + stopped);
    }

    /**
     * (c) The Sentinel Hub account is limited to R requests per window (the profile gives both nodes the same limit,
     * e.g. 10 per 2 s); a fast stub and both nodes working: the stub never sees more than R in any window, and the
     * limit is what held them back (the busiest window comes near R).
     */
    @Test
    @Order(4)
    void theProviderLimitHoldsForBothNodesTogether() throws Exception {
        int limit = Integer.getInteger("eobatch.cluster.it.sh.requests", 10);
        Duration window = Duration.ofSeconds(Integer.getInteger("eobatch.cluster.it.sh.window-s", 2));
        sh.reset();
        sh.statisticsDelayMillis = 20;
        long id = Fixtures.start("aoi-statistics", shBody());
        JsonObject done = Api.awaitTerminal(id, Duration.ofMinutes(5));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        Fixtures.assertExactlyOnce(id);
        Map<String, Long> byNode = itemsByNode(id);
        assertEquals(Set.of("node-a", "node-b"), byNode.keySet(), "both nodes called the provider: " + byNode);
        int most = sh.mostStatisticsCallsWithin(window);
        LOG.info(() -> "(c) run " + id + ": " + sh.statisticsCalls() + " calls, at most " + most + " within "
                + window + " (limit " + limit + "), by node " + byNode);
        assertTrue(most <= limit, most + " calls within " + window + ": more than the limit " + limit);
        assertTrue(most >= limit / 2, "the busiest window had only " + most + " calls: the limit " + limit
                + " was not what held the nodes back, so the test shows nothing");
    }

    /**
     * (b) Node B is killed (SIGKILL) while it works on an execution of node A: A claims B's items when their lease
     * runs out and completes the run; every item is DONE once with one row, and only the items B held uncommitted
     * when it died were claimed (and sent to the provider) a second time.
     */
    @Test
    @Order(8)
    void theItemsOfAKilledNodeAreFinishedByTheOtherAfterTheirLease() throws Exception {
        sh.reset();
        sh.statisticsDelayMillis = 300;
        long id = Fixtures.start("aoi-statistics", shBody());
        Api.pollUntil(() -> doneAndInFlightOf(id, "node-b"), n -> n[0] >= 3 && n[1] >= 1, Duration.ofMinutes(3),
                "node B has committed items and holds others");
        killNodeB();
        Set<Long> heldByB = inFlightOf(id, "node-b");
        JsonObject done = Api.awaitTerminal(id, Duration.ofMinutes(5));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        Fixtures.assertExactlyOnce(id);
        Map<Long, Integer> twice = claimedMoreThanOnce(id);
        assertTrue(heldByB.containsAll(twice.keySet()), "claimed again: " + twice.keySet()
                + "; only B's uncommitted items may be: " + heldByB);
        long claims = attempts(id);
        int calls = sh.statisticsCalls();
        assertTrue(calls <= claims, "one provider call per claim at most: " + calls + " calls, " + claims
                + " claims");
        long repeated = sh.callsPerItem().values().stream().filter(n -> n > 1).count();
        LOG.info(() -> "(b) run " + id + ": B held " + heldByB.size() + " uncommitted item(s) when killed; claimed "
                + "again: " + twice.size() + "; provider calls " + calls + " for " + Fixtures.items(id).size()
                + " items; items called twice: " + repeated + "; by node " + itemsByNode(id));
        assertTrue(repeated <= heldByB.size(), repeated + " items called twice; B held " + heldByB.size());
    }


    /**
     * (f) A run launched on node A (one day's items failing: the stand-in answers 400) is stopped on A part-way, then
     * restarted with a POST to node B: the restart runs on B (A joins it with a worker) and completes; only the items
     * that were not finished were worked (every item called once over both executions, the finished ones not claimed
     * again), every DONE item has one row. Then retry-failed posted on B works on the failed items alone and
     * completes them.
     */
    @Test
    @Order(5)
    void aRunStoppedOnNodeAIsRestartedAndRetriedOnNodeB() throws Exception {
        sh.reset();
        sh.statisticsDelayMillis = 300;
        LocalDate failing = LocalDate.of(2023, 8, 10);
        sh.fail400.add(failing);
        long first = Fixtures.start("aoi-statistics", shBody());
        Api.pollUntil(() -> doneAndInFlightOf(first, "node-b")[0], n -> n >= 3, Duration.ofMinutes(3),
                "node B has committed items of the run");
        Api.Response stop = Api.post("/api/executions/" + first + "/stop", "");
        assertEquals(202, stop.status(), stop.body());
        JsonObject stopped = Api.awaitTerminal(first, Duration.ofMinutes(3));
        assertEquals("STOPPED", stopped.getString("status"), stopped.toString());
        Api.pollUntil(() -> runningWorkers(first), n -> n == 0, Duration.ofMinutes(2), "node B's worker ended");
        Map<Long, Object[]> atStop = statusAndAttempts(first);
        long finished = atStop.values().stream().filter(v -> !v[0].equals("PENDING") && !v[0].equals("IN_FLIGHT"))
                .count();
        assertTrue(finished > 0 && finished < atStop.size(), "stopped part-way: " + finished + " of "
                + atStop.size() + " finished");
        int callsAtStop = sh.statisticsCalls();

        long restarted = completesOnB(first, "restart");
        Map<Long, Object[]> after = statusAndAttempts(restarted);
        assertEquals(atStop.keySet(), after.keySet(), "the same ledger");
        atStop.forEach((item, was) -> {
            if (!was[0].equals("PENDING") && !was[0].equals("IN_FLIGHT")) {
                assertEquals(List.of(was), List.of(after.get(item)), "item " + item + " was finished at the stop: "
                        + "not claimed again");
            }
        });
        long failed = after.values().stream().filter(v -> v[0].equals("FAILED")).count();
        assertTrue(failed >= AOIS, "the failing day's items FAILED: " + countByStatus(after));
        assertEquals(sh.statisticsCalls(failing), failed, "the failing day's items, and no other, FAILED: "
                + countByStatus(after));
        assertEquals(after.size() - failed, after.values().stream().filter(v -> v[0].equals("DONE")).count(),
                "every other item DONE: " + countByStatus(after));
        assertOneRowPerDoneItem(restarted);
        assertEquals(atStop.size(), sh.statisticsCalls(), "each item called once over both executions ("
                + callsAtStop + " before the restart)");
        assertTrue(sh.callsPerItem().values().stream().allMatch(n -> n == 1), sh.callsPerItem().toString());
        LOG.info(() -> "(f) run " + first + " stopped with " + finished + " of " + atStop.size() + " items finished; "
                + "restart " + restarted + " on node B: " + (sh.statisticsCalls() - callsAtStop) + " calls, by node "
                + itemsByNode(restarted));

        sh.fail400.clear();
        long retried = completesOnB(restarted, "retry-failed");
        Map<Long, Object[]> retriedItems = statusAndAttempts(retried);
        assertEquals(failed, retriedItems.size(), "the failed items alone are planned again");
        assertEquals(Map.of("DONE", failed), countByStatus(retriedItems));
        assertOneRowPerDoneItem(retried);
        assertEquals(atStop.size() + failed, sh.statisticsCalls(), "one more call per failed item, none for the "
                + "others");
        assertEquals(2 * failed, sh.statisticsCalls(failing), "the failing day's items called once more each");
    }

    /**
     * (g) An aoi-timelapse run over the demo catalog launched on node A is worked on by both nodes (each draws at
     * least 15 % of the months; the run is short: 16 AOIs x 12 months, its fetch step a few tens of seconds here), and
     * its GIFs are complete: each AOI's GIF has one frame per DONE month, whichever node drew it, and the PNGs node B
     * drew are in A's results.
     */
    @Test
    @Order(6)
    void bothNodesDrawTheFramesOfOneTimelapseAndItsGifsAreComplete() throws Exception {
        List<String> aois = new ArrayList<>(DEMO_IDS);
        DEMO_IDS.forEach(a -> aois.add(a + "-c1"));
        long id = Fixtures.start("aoi-timelapse", "{\"aois\":[\"" + String.join("\",\"", aois) + "\"],"
                + "\"catalog\":\"demo\",\"from\":\"2023-01-01\",\"to\":\"2023-12-31\",\"partitions\":2,"
                + "\"chunkSize\":1}");
        JsonObject done = Api.awaitTerminal(id, Duration.ofMinutes(8));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        Map<String, Long> byNode = itemsByNode(id);
        long all = byNode.values().stream().mapToLong(Long::longValue).sum();
        LOG.info(() -> "(g) timelapse " + id + ": " + all + " months, by node " + byNode);
        assertEquals(aois.size() * 12L, all, "every month claimed: " + byNode);
        assertEquals(Set.of("node-a", "node-b"), byNode.keySet(), byNode.toString());
        for (var e : byNode.entrySet()) {
            assertTrue(e.getValue() * 100 >= 15 * all, e.getKey() + " drew " + e.getValue() + " of " + all
                    + " months, less than 15 %: " + byNode);
        }
        Path results = Path.of(System.getProperty("eobatch.it.data.dir"), "results", String.valueOf(instance(id)));
        Map<String, Integer> doneByAoi = new HashMap<>();
        for (jakarta.json.JsonValue v : Fixtures.items(id)) {
            JsonObject item = v.asJsonObject();
            String status = item.getString("status");
            assertTrue(Set.of("DONE", "NO_DATA", "TOO_CLOUDY").contains(status), item.toString());
            if (status.equals("DONE")) {
                doneByAoi.merge(item.getString("aoiId"), 1, Integer::sum);
                Path png = results.resolve(TimelapseOutputs.indexPng(item.getString("aoiId"),
                        java.time.YearMonth.parse(item.getString("sceneId")), "ndvi"));
                assertTrue(Files.isRegularFile(png), "the frame of " + item.getString("key") + ": " + png);
            }
        }
        assertFalse(itemsOf(id, "node-b", "DONE").isEmpty(), "node B drew DONE months (their PNGs are checked above)");
        for (String aoi : aois) {
            int months = doneByAoi.getOrDefault(aoi, 0);
            Path gif = results.resolve(TimelapseOutputs.gif(aoi));
            if (months == 0) {
                assertFalse(Files.exists(gif), "no DONE month, no GIF: " + gif);
                continue;
            }
            assertEquals(months, gifFrames(gif), gif + ": one frame per DONE month");
        }
    }

    /**
     * (h) The end of a worker execution is not posted to the webhook: node B (configured with one) ran workers in the
     * runs above, and its receiver got the ends of (f)'s restart and retry (main executions on B) alone.
     */
    @Test
    @Order(7)
    void theEndsOfWorkerExecutionsAreNotPostedToTheWebhook() throws Exception {
        List<Long> workersOfB = endedWorkersOf("node-b");
        assertFalse(workersOfB.isEmpty(), "node B ran worker executions");
        List<Long> mains = List.copyOf(MAINS_ON_B);
        assertFalse(mains.isEmpty(), "(f) ran main executions on node B");
        Api.pollUntil(() -> hookedExecutions().containsAll(mains), ok -> ok, Duration.ofMinutes(2),
                "node B posted the ends of its main executions " + mains);
        List<JsonObject> got;
        synchronized (HOOKED) {
            got = List.copyOf(HOOKED);
        }
        for (JsonObject body : got) {
            assertFalse(body.getString("job").endsWith("-worker"), "a worker's end was posted: " + body);
            assertFalse(workersOfB.contains(body.getJsonNumber("execution").longValue()), "a worker's end: " + body);
        }
        assertEquals(new TreeSet<>(mains), new TreeSet<>(hookedExecutions()), "only the main executions of node B: "
                + got);
        LOG.info(() -> "(h) node B's webhook got " + got.size() + " end(s) of " + mains + "; its " + workersOfB.size()
                + " worker execution(s) posted none");
    }

    /**
     * Posts {@code action} (restart, retry-failed) of {@code execution} to node B and asserts that the new execution
     * runs on B (the node it was asked on) and completes; returns its id.
     */
    private static long completesOnB(long execution, String action) {
        HttpResponse<String> r = onB("POST", "/api/executions/" + execution + "/" + action, "");
        assertEquals(201, r.statusCode(), r.body());
        long id = Long.parseLong(r.headers().firstValue("Location").orElseThrow().replaceAll(".*/", ""));
        MAINS_ON_B.add(id);
        JsonObject done = awaitTerminalOnB(id);
        assertEquals("COMPLETED", done.getString("status"), action + " on node B: " + done);
        assertEquals(List.of("node-b"), owners(id), action + " runs on the node it was asked on");
        return id;
    }

    private static Set<Long> hookedExecutions() {
        synchronized (HOOKED) {
            Set<Long> out = new TreeSet<>();
            HOOKED.forEach(b -> out.add(b.getJsonNumber("execution").longValue()));
            return out;
        }
    }

    private static JsonObject awaitTerminalOnB(long execution) {
        return Api.pollUntil(() -> {
            HttpResponse<String> r = onB("GET", "/api/executions/" + execution, null);
            assertEquals(200, r.statusCode(), r.body());
            return jakarta.json.Json.createReader(new java.io.StringReader(r.body())).readObject();
        }, e -> Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED").contains(e.getString("status", "")),
                Duration.ofMinutes(5), "execution " + execution + " ended (asked on node B)");
    }

    private static void assertOneRowPerDoneItem(long execution) {
        long doneItems = Fixtures.items(execution).stream().filter(v -> v.asJsonObject().getString("status")
                .equals("DONE")).count();
        jakarta.json.JsonArray rows = (jakarta.json.JsonArray) Api.get("/api/executions/" + execution
                + "/statistics").jsonValue();
        assertEquals(doneItems, rows.size(), "one statistics row per DONE item");
        Set<String> keys = new java.util.HashSet<>();
        for (jakarta.json.JsonValue v : rows) {
            JsonObject o = v.asJsonObject();
            assertTrue(keys.add(o.getString("aoi_id") + "/" + o.getString("item_id")), "duplicate row " + o);
        }
    }

    private static Map<String, Long> countByStatus(Map<Long, Object[]> items) {
        Map<String, Long> out = new java.util.TreeMap<>();
        items.values().forEach(v -> out.merge((String) v[0], 1L, Long::sum));
        return out;
    }

    private static int gifFrames(Path gif) throws IOException {
        assertTrue(Files.isRegularFile(gif), "missing " + gif);
        try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(gif.toFile())) {
            javax.imageio.ImageReader reader = javax.imageio.ImageIO.getImageReadersByFormatName("gif").next();
            try {
                reader.setInput(in);
                return reader.getNumImages(true);
            } finally {
                reader.dispose();
            }
        }
    }

    // ---- node B

    private static void startNodeB() throws Exception {
        Path base = SERVER.getParent().resolve("node-b");
        copyStandalone(SERVER.resolve("standalone"), base);
        List<String> command = new ArrayList<>(List.of(SERVER.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base.toAbsolutePath(),
                "-Djboss.tx.node.id=node-b",
                "-Djboss.http.port=" + B_HTTP,
                "-Djboss.management.http.port=" + System.getProperty("eobatch.node-b.management.port", "18390"),
                "-Djboss.https.port=" + System.getProperty("eobatch.node-b.https.port", "18383"),
                "-Djboss.ajp.port=" + System.getProperty("eobatch.node-b.ajp.port", "18389"),
                "-Djboss.management.https.port=" + System.getProperty("eobatch.node-b.management.https.port", "18393")));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("JAVA_OPTS", "-Xms64m -Xmx512m -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=256m "
                + "-Djava.net.preferIPv4Stack=true -Djava.awt.headless=true");
        pb.environment().put("EOBATCH_NODE_ID", "node-b");
        // one data directory for both nodes (README, Several nodes): B's frames and tiles are read by A's make-gifs and
        // make-mosaic
        pb.environment().put("EOBATCH_DATA_DIR", System.getProperty("eobatch.it.data.dir"));
        pb.environment().put("EOBATCH_WEBHOOK_URL", "http://127.0.0.1:" + hooks.getAddress().getPort() + "/hook");
        pb.redirectErrorStream(true);
        pb.redirectOutput(new File(SERVER.getParent().toFile(), "wildfly-it-node-b.log"));
        nodeB = pb.start();
        Api.pollUntil(() -> {
            try {
                return onB("GET", "/api/jobs", null).statusCode();
            } catch (RuntimeException down) {
                return -1;
            }
        }, s -> s == 200, Duration.ofMinutes(5), "node B answering");
    }

    /** The server's standalone folder without its logs, temporary files and data (but the deployed content). */
    private static void copyStandalone(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path rel = from.relativize(p);
                String r = rel.toString();
                if (r.startsWith("log") || r.startsWith("tmp") || (r.startsWith("data") && !r.equals("data")
                        && !r.startsWith("data/content"))) {
                    continue;
                }
                Path target = to.resolve(rel);
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** SIGKILL of node B's JVM (the child of its standalone.sh), and of the script. */
    private static void killNodeB() throws Exception {
        for (ProcessHandle h : nodeB.descendants().toList()) {
            h.destroyForcibly();
            h.onExit().get();
        }
        nodeB.destroyForcibly();
        nodeB.waitFor();
        nodeB = null;
    }

    private static HttpResponse<String> onB(String method, String path, String json) {
        return onB(method, path, json, "application/json");
    }

    /** A request to node B as it-admin. */
    private static HttpResponse<String> onB(String method, String path, String json, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(B_URL + path)).timeout(Duration.ofSeconds(120))
                .header("Accept", accept).header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((Api.ADMIN + ":" + Api.IT_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        b = json == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- the run's AOIs: 60 small squares over the Drava scenes (the Sentinel Hub stand-in answers any geometry)

    private static String shBody() {
        StringBuilder aois = new StringBuilder();
        for (int i = 0; i < AOIS; i++) {
            aois.append(i == 0 ? "" : ",").append("\"cl-").append(String.format("%02d", i)).append('"');
        }
        return "{\"provider\":\"sentinel-hub\",\"aois\":[" + aois + "],\"from\":\"2023-08-01\",\"to\":\"2023-08-31\","
                + "\"partitions\":2,\"chunkSize\":5}";
    }

    private static String smallAois() {
        StringBuilder b = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < AOIS; i++) {
            double x = 15.91 + (i % 10) * 0.018;
            double y = 45.93 + (i / 10) * 0.018;
            double d = 0.012;
            b.append(i == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT, "{\"type\":\"Feature\","
                    + "\"properties\":{\"id\":\"cl-%02d\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[%.3f,"
                    + "%.3f],[%.3f,%.3f],[%.3f,%.3f],[%.3f,%.3f],[%.3f,%.3f]]]}}", i, x, y, x + d, y, x + d, y + d, x,
                    y + d, x, y));
        }
        return b.append("]}").toString();
    }

    // ---- the shared database, read as it is

    private static Connection db() throws SQLException {
        return DriverManager.getConnection(System.getProperty("eobatch.it.db.url"),
                System.getProperty("eobatch.it.db.user"), System.getProperty("eobatch.it.db.password"));
    }

    private static final String INSTANCE = "(select jobinstanceid from job_execution where jobexecutionid = ?)";

    /** Items of the execution's instance by the node that claimed them last. */
    private static Map<String, Long> itemsByNode(long execution) {
        Map<String, Long> out = new HashMap<>();
        query("select lease_node, count(*) from work_item where job_instance_id = " + INSTANCE
                + " and lease_node is not null group by lease_node", execution,
                rs -> out.put(rs.getString(1), rs.getLong(2)));
        return out;
    }

    /** Items claimed more than once: id to attempts. */
    private static Map<Long, Integer> claimedMoreThanOnce(long execution) {
        Map<Long, Integer> out = new HashMap<>();
        query("select id, attempts from work_item where job_instance_id = " + INSTANCE + " and attempts > 1",
                execution, rs -> out.put(rs.getLong(1), rs.getInt(2)));
        return out;
    }

    private static long attempts(long execution) {
        long[] n = new long[1];
        query("select sum(attempts) from work_item where job_instance_id = " + INSTANCE, execution,
                rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    /** DONE items and IN_FLIGHT items whose last claim was by {@code node}. */
    private static long[] doneAndInFlightOf(long execution, String node) {
        long[] n = new long[2];
        query("select status, count(*) from work_item where job_instance_id = " + INSTANCE + " and lease_node = '"
                + node + "' group by status", execution, rs -> {
                    if (rs.getString(1).equals("DONE")) {
                        n[0] = rs.getLong(2);
                    } else if (rs.getString(1).equals("IN_FLIGHT")) {
                        n[1] = rs.getLong(2);
                    }
                });
        return n;
    }

    private static Set<Long> inFlightOf(long execution, String node) {
        Set<Long> out = new TreeSet<>();
        query("select id from work_item where job_instance_id = " + INSTANCE + " and status = 'IN_FLIGHT' "
                + "and lease_node = '" + node + "'", execution, rs -> out.add(rs.getLong(1)));
        return out;
    }

    /** Every item of the execution's instance: id to {status, attempts}. */
    private static Map<Long, Object[]> statusAndAttempts(long execution) {
        Map<Long, Object[]> out = new java.util.TreeMap<>();
        query("select id, status, attempts from work_item where job_instance_id = " + INSTANCE, execution,
                rs -> out.put(rs.getLong(1), new Object[] {rs.getString(2), rs.getInt(3)}));
        return out;
    }

    private static long instance(long execution) {
        long[] n = new long[1];
        query("select jobinstanceid from job_execution where jobexecutionid = ?", execution, rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    /** The items of the execution's instance in {@code status} that {@code node} claimed last. */
    private static List<Long> itemsOf(long execution, String node, String status) {
        List<Long> out = new ArrayList<>();
        query("select id from work_item where job_instance_id = " + INSTANCE + " and lease_node = '" + node
                + "' and status = '" + status + "'", execution, rs -> out.add(rs.getLong(1)));
        return out;
    }

    /** The nodes recorded for an execution (execution_node). */
    private static List<String> owners(long execution) {
        List<String> out = new ArrayList<>();
        query("select node_id from execution_node where job_execution_id = ?", execution,
                rs -> out.add(rs.getString(1)));
        return out;
    }

    /** The worker executions {@code node} ran that have ended. */
    private static List<Long> endedWorkersOf(String node) {
        List<Long> out = new ArrayList<>();
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement("select o.job_execution_id from "
                + "execution_node o join job_execution e on e.jobexecutionid = o.job_execution_id where o.node_id = ? "
                + "and o.main_execution_id is not null and e.batchstatus not in ('STARTING','STARTED','STOPPING')")) {
            ps.setString(1, node);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Worker executions of the main execution still running (on any node). */
    private static int runningWorkers(long execution) {
        int[] n = new int[1];
        query("select count(*) from execution_node o join job_execution e on e.jobexecutionid = o.job_execution_id "
                + "where o.main_execution_id = ? and e.batchstatus in ('STARTING','STARTED','STOPPING')", execution,
                rs -> n[0] = rs.getInt(1));
        return n[0];
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(String sql, long execution, RowReader each) {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, execution);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static {
        assertFalse(System.getProperty("eobatch.it.db.url", "").isEmpty(),
                "ClusterIT runs in the cluster profile with the postgres one: mvn -Ppostgres,cluster verify");
    }
}
