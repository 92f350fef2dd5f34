package io.eobatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exactly once across failures: the catalog is served over HTTP by a stub on 127.0.0.1 (catalog "dravahttp"),
 * which can fail some assets, be slow, and be healed.
 */
class RestartIT {

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
     * drava-a intersects all 10 scenes; with 2 partitions, item n of the plan goes to partition n mod 2. The stub
     * fails the red band of one scene, so one item, and so one partition, fails part-way.
     */
    @Test
    void aFailedPartitionIsRestartedAloneAndEndsExactlyOnce() {
        stub.heal();
        String failingScene = "S2A_33TWL_20230818_0_L2A";
        stub.failPathsContaining(failingScene + "/B04");
        long first = Fixtures.start("aoi-statistics", "{\"aois\":\"drava-a\",\"catalog\":\"dravahttp\","
                + "\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"partitions\":2,\"chunkSize\":1,\"retryLimit\":1}");
        Api.awaitTerminal(first, Duration.ofMinutes(5));
        // JBeret may record the job's end a moment before the last partition's row (seen on PostgreSQL): poll
        JsonObject failed = Api.pollUntil("/api/executions/" + first, e -> Fixtures.step(e, "fetch-statistics")
                .getJsonArray("partitions").stream().noneMatch(p -> p.asJsonObject().getString("status")
                        .equals("STARTED")), Duration.ofSeconds(30));
        assertEquals("FAILED", failed.getString("status"), failed.toString());
        JsonArray items = Fixtures.items(first);
        assertEquals(10, items.size());
        int failingPartition = items.stream().map(JsonValue::asJsonObject)
                .filter(i -> i.getString("sceneId").equals(failingScene)).findFirst().orElseThrow()
                .getInt("partition");
        JsonArray parts = Fixtures.step(failed, "fetch-statistics").getJsonArray("partitions");
        assertEquals(2, parts.size());
        assertEquals("FAILED", parts.getJsonObject(failingPartition).getString("status"), parts.toString());
        assertEquals("COMPLETED", parts.getJsonObject(1 - failingPartition).getString("status"), parts.toString());
        long doneBefore = items.stream().filter(v -> v.asJsonObject().getString("status").equals("DONE")).count();
        assertTrue(doneBefore >= 5 && doneBefore < 10, "the other partition done, the failed one part-way: " + items);
        assertTrue(stub.failedRequests() > 0);

        stub.heal();
        long second = Fixtures.restart(first);
        JsonObject done = Api.awaitTerminal(second, Duration.ofMinutes(5));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        Fixtures.assertExactlyOnce(second);

        JsonObject fetch = Fixtures.step(done, "fetch-statistics");
        JsonArray rerun = fetch.getJsonArray("partitions");
        assertEquals(1, rerun.size(), "only the failed partition ran again: " + rerun);
        assertEquals(failingPartition, rerun.getJsonObject(0).getInt("partition"));
        assertEquals(10 - doneBefore, fetch.getJsonObject("metrics").getInt("readCount"),
                "only the unfinished items were read again");
        List<String> stepsRun = done.getJsonArray("steps").stream().map(v -> v.asJsonObject().getString("name"))
                .toList();
        assertEquals(List.of("fetch-statistics", "summarize-statistics"), stepsRun, "plan-items was not run again");
        for (JsonValue v : Fixtures.items(second)) {
            JsonObject item = v.asJsonObject();
            if (!item.getString("sceneId").equals(failingScene)) {
                assertEquals(1, item.getInt("attempts"), "computed once: " + item);
            }
        }
    }

    /**
     * A job over an AOI set resolves its members when it plans: after the job failed part-way the set gains an AOI,
     * and the restart still works on the planned AOI alone (its items, its rows), exactly once.
     */
    @Test
    void aRestartAfterItsSetChangedWorksOnThePlannedAois() {
        stub.heal();
        String set = "restart-it";
        Api.delete("/api/aoi-sets/" + set);
        Api.Response made = Api.post("/api/aoi-sets/" + set, "{\"aois\":[\"drava-b\"]}");
        assertEquals(200, made.status(), made.body());
        assertEquals(1, made.json().getInt("aois"));
        String failingScene = "S2B_33TWL_20230813_0_L2A";
        stub.failPathsContaining(failingScene + "/B04");
        long first = Fixtures.start("aoi-statistics", "{\"aoiSet\":\"" + set + "\",\"catalog\":\"dravahttp\","
                + "\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"partitions\":1,\"chunkSize\":1,\"retryLimit\":1}");
        JsonObject failed = Api.awaitTerminal(first, Duration.ofMinutes(5));
        assertEquals("FAILED", failed.getString("status"), failed.toString());
        Api.Response grown = Api.post("/api/aoi-sets/" + set, "{\"aois\":[\"drava-a\"]}");
        assertEquals(2, grown.json().getInt("aois"), grown.body());
        stub.heal();
        long second = Fixtures.restart(first);
        JsonObject done = Api.awaitTerminal(second, Duration.ofMinutes(5));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        JsonArray items = Fixtures.items(second);
        assertEquals(5, items.size(), "drava-b's 5 scenes, as planned: " + items);
        assertTrue(items.stream().allMatch(i -> i.asJsonObject().getString("aoiId").equals("drava-b")), items.toString());
        Fixtures.assertExactlyOnce(second);
        assertEquals(400, Api.post("/api/aoi-sets/" + set, "{\"aois\":[\"no-such-aoi\"]}").status());
        assertEquals(204, Api.delete("/api/aoi-sets/" + set).status());
    }

    /** A 404 for an asset is the item's own problem: it is FAILED with the reason, the job goes on and completes. */
    @Test
    void anItemWithMissingDataFailsAloneAndTheJobCompletes() {
        stub.heal();
        String brokenScene = "S2B_33TWL_20230813_0_L2A";
        stub.notFoundPathsContaining(brokenScene + "/B08");
        try {
            long id = Fixtures.start("aoi-statistics", "{\"aois\":\"drava-b\",\"catalog\":\"dravahttp\","
                    + "\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"partitions\":2}");
            JsonObject e = Api.awaitTerminal(id, Duration.ofMinutes(5));
            assertEquals("COMPLETED", e.getString("status"), e.toString());
            assertEquals(1, e.getJsonObject("progress").getInt("failed"), e.getJsonObject("progress").toString());
            JsonArray failed = (JsonArray) Api.get("/api/executions/" + id + "/items?status=FAILED").jsonValue();
            assertEquals(1, failed.size());
            JsonObject item = failed.getJsonObject(0);
            assertEquals(brokenScene, item.getString("sceneId"));
            assertTrue(item.getString("lastError").contains("404"), item.toString());
            assertEquals(1, item.getInt("attempts"), "not retried: " + item);
            assertEquals(1, Fixtures.step(e, "fetch-statistics").getJsonObject("metrics").getInt("processSkipCount"));
            JsonArray rows = (JsonArray) Api.get("/api/executions/" + id + "/statistics").jsonValue();
            assertEquals(4, rows.size(), "the other 4 scenes of drava-b");
            JsonObject summary = ((JsonArray) Api.get("/api/executions/" + id + "/summary").jsonValue())
                    .getJsonObject(0);
            assertEquals(1, summary.getInt("failedItems"));
        } finally {
            stub.heal();
        }
    }

    /**
     * retry-failed: a stub fails one item's data permanently, the job completes with that item FAILED; the stub
     * heals; retry-failed starts an execution on that item alone, which asks the stub only for that scene's files
     * (no catalog search, nothing for the DONE items) and ends DONE.
     */
    @Test
    void retryFailedWorksOnlyOnTheFailedItems() {
        stub.heal();
        String brokenScene = "S2B_33TWL_20230820_0_L2A";
        stub.notFoundPathsContaining(brokenScene + "/B04");
        long first;
        try {
            first = Fixtures.start("aoi-statistics", "{\"aois\":\"drava-b\",\"catalog\":\"dravahttp\","
                    + "\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"partitions\":2}");
            JsonObject e = Api.awaitTerminal(first, Duration.ofMinutes(5));
            assertEquals("COMPLETED", e.getString("status"), e.toString());
            assertEquals(1, e.getJsonObject("progress").getInt("failed"));
        } finally {
            stub.heal();
        }
        stub.clearPaths();
        long retry = onceOfConcurrentRetries(first);
        JsonObject done = Api.awaitTerminal(retry, Duration.ofMinutes(5));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        JsonArray items = Fixtures.items(retry);
        assertEquals(1, items.size(), "only the failed item: " + items);
        assertEquals(brokenScene, items.getJsonObject(0).getString("sceneId"));
        assertEquals("DONE", items.getJsonObject(0).getString("status"));
        JsonArray rows = (JsonArray) Api.get("/api/executions/" + retry + "/statistics").jsonValue();
        assertEquals(1, rows.size());
        assertEquals(brokenScene, rows.getJsonObject(0).getString("item_id"));
        List<String> asked = stub.paths();
        assertTrue(!asked.isEmpty(), "the retry read the failed scene");
        for (String path : asked) {
            assertTrue(path.contains(brokenScene), "the retry asked only for the failed scene's files: " + asked);
        }
        Api.Response again = Api.post("/api/executions/" + retry + "/retry-failed", "");
        assertEquals(409, again.status(), "nothing FAILED left: " + again.body());
        Api.Response second = Api.post("/api/executions/" + first + "/retry-failed", "");
        assertEquals(409, second.status(), "retried once already: " + second.body());
        assertTrue(second.body().contains("by execution " + retry), second.body());
    }

    /**
     * Four concurrent retry-failed calls of one execution: exactly one starts a retry (201), the others are 409
     * (the retry_claim key lets one through), so its FAILED items are paid for once. The one retry's id.
     */
    private static long onceOfConcurrentRetries(long execution) {
        int before = ((JsonArray) Api.get("/api/executions?limit=10000").jsonValue()).size();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Api.Response>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return Api.post("/api/executions/" + execution + "/retry-failed", "");
                }));
            }
            go.countDown();
            List<Api.Response> answers = new java.util.ArrayList<>();
            for (var c : calls) {
                answers.add(c.get(2, java.util.concurrent.TimeUnit.MINUTES));
            }
            List<Api.Response> created = answers.stream().filter(r -> r.status() == 201).toList();
            assertEquals(1, created.size(), "one retry: " + answers.stream().map(Api.Response::body).toList());
            assertEquals(3, answers.stream().filter(r -> r.status() == 409).count(),
                    answers.stream().map(Api.Response::body).toList().toString());
            assertEquals(before + 1, ((JsonArray) Api.get("/api/executions?limit=10000").jsonValue()).size(),
                    "one execution started");
            return Fixtures.created(created.get(0));
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStoppedExecutionIsRestartedToTheSameResult() {
        stub.heal();
        stub.delay(300);
        try {
            long first = Fixtures.start("aoi-statistics", "{\"aois\":[\"drava-a\",\"drava-b\"],"
                    + "\"catalog\":\"dravahttp\",\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"partitions\":2,"
                    + "\"chunkSize\":1}");
            Api.pollUntil("/api/executions/" + first, e -> e.getJsonObject("progress").getInt("done") >= 2,
                    Duration.ofMinutes(3));
            Api.Response restartRunning = Api.post("/api/executions/" + first + "/restart", "");
            assertEquals(409, restartRunning.status(), "a running execution cannot be restarted: "
                    + restartRunning.body());
            assertEquals("application/problem+json", restartRunning.contentType());
            Api.Response abandonRunning = Api.post("/api/executions/" + first + "/abandon", "");
            assertEquals(409, abandonRunning.status(), "a running execution cannot be abandoned: "
                    + abandonRunning.body());
            Api.Response stop = Api.post("/api/executions/" + first + "/stop", "");
            assertEquals(202, stop.status(), stop.body());
            JsonObject stopped = Api.awaitTerminal(first, Duration.ofMinutes(3));
            assertEquals("STOPPED", stopped.getString("status"), stopped.toString());
            int doneAtStop = stopped.getJsonObject("progress").getInt("done")
                    + stopped.getJsonObject("progress").getInt("noData");
            assertTrue(doneAtStop < 15, "stopped before the end: " + stopped.getJsonObject("progress"));
            stub.delay(0);
            long second = Fixtures.restart(first);
            JsonObject done = Api.awaitTerminal(second, Duration.ofMinutes(5));
            assertEquals("COMPLETED", done.getString("status"), done.toString());
            Fixtures.assertExactlyOnce(second);
            assertEquals(15, Fixtures.items(second).size(), "10 scenes for drava-a, 5 for drava-b");
            int reread = Fixtures.step(done, "fetch-statistics").getJsonObject("metrics").getInt("readCount");
            assertTrue(reread <= 15 - doneAtStop, "restart read " + reread + " items, " + doneAtStop + " were done");

            Api.Response notMostRecent = Api.post("/api/executions/" + first + "/restart", "");
            assertEquals(409, notMostRecent.status(), "only the newest execution of an instance restarts: "
                    + notMostRecent.body());
            Api.Response abandon = Api.post("/api/executions/" + first + "/abandon", "");
            assertEquals(200, abandon.status(), abandon.body());
            assertEquals("ABANDONED", abandon.json().getString("status"));
        } finally {
            stub.delay(0);
        }
    }

    /**
     * A summary step that fails (its statistics.csv cannot be written: a folder stands at that path in the job
     * instance's results) is all that a restart redoes: plan-items does not run, fetch-statistics reads no item, and
     * summarize-statistics writes the results, every row once.
     */
    @Test
    void aFailedSummaryIsRedoneAloneOnRestart() throws Exception {
        stub.heal();
        stub.delay(150); // time to put the obstacle in place before the summary step
        java.nio.file.Path blocker = null;
        try {
            long first = Fixtures.start("aoi-statistics", "{\"aois\":\"drava-a\",\"catalog\":\"dravahttp\","
                    + "\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"partitions\":1,\"chunkSize\":1}");
            long instance = Api.get("/api/executions/" + first).json().getJsonNumber("instanceId").longValue();
            blocker = java.nio.file.Path.of(System.getProperty("eobatch.it.data.dir", "target/it-data"), "results",
                    Long.toString(instance), "statistics.csv");
            java.nio.file.Files.createDirectories(blocker.resolve("in-the-way"));
            JsonObject failed = Api.awaitTerminal(first, Duration.ofMinutes(5));
            stub.delay(0);
            assertEquals("FAILED", failed.getString("status"), failed.toString());
            assertEquals("COMPLETED", Fixtures.step(failed, "fetch-statistics").getString("status"));
            assertEquals("FAILED", Fixtures.step(failed, "summarize-statistics").getString("status"));
            assertEquals(10, failed.getJsonObject("progress").getInt("done"), failed.toString());

            java.nio.file.Files.delete(blocker.resolve("in-the-way"));
            java.nio.file.Files.delete(blocker);
            blocker = null;
            long second = Fixtures.restart(first);
            JsonObject done = Api.awaitTerminal(second, Duration.ofMinutes(5));
            assertEquals("COMPLETED", done.getString("status"), done.toString());
            Fixtures.assertExactlyOnce(second);
            List<String> stepsRun = done.getJsonArray("steps").stream().map(v -> v.asJsonObject().getString("name"))
                    .toList();
            assertEquals(List.of("fetch-statistics", "summarize-statistics"), stepsRun, "plan-items was not run again");
            assertEquals(0, Fixtures.step(done, "fetch-statistics").getJsonObject("metrics").getInt("readCount"),
                    "no item read again");
            for (JsonValue v : Fixtures.items(second)) {
                assertEquals(1, v.asJsonObject().getInt("attempts"), "computed once: " + v);
            }
            String csv = Api.get("/api/executions/" + second + "/statistics?format=csv").body();
            assertEquals(11, csv.split("\r\n").length, "header and 10 rows: " + csv);
            assertTrue(Api.get("/api/executions/" + second + "/results").body().contains("statistics.csv"));
        } finally {
            stub.delay(0);
            if (blocker != null) {
                java.nio.file.Files.deleteIfExists(blocker.resolve("in-the-way"));
                java.nio.file.Files.deleteIfExists(blocker);
            }
        }
    }
}
