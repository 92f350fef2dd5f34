package io.eobatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The estimate a job instance was launched with, in {@code GET /api/executions/{id}} ({@code launchEstimate}): the one
 * the user was shown just before the launch, else one made right after it; a restart shows its launch's, a
 * retry-failed its source's scaled to the FAILED items. The Drava AOIs over August 2023 on the file catalog "drava"
 * (drava-a 10 scenes, drava-b 5), and on "dravahttp" served by {@link CatalogStub} where a scene must fail.
 */
class LaunchEstimateIT {

    private static final String PERIOD = "\"from\":\"2023-08-01\",\"to\":\"2023-08-31\"";
    private static CatalogStub stub;

    @BeforeAll
    static void aois() throws Exception {
        Fixtures.uploadDravaAois();
    }

    @AfterAll
    static void stop() {
        if (stub != null) {
            stub.close();
        }
    }

    private static JsonObject launchEstimate(long execution) {
        JsonValue v = Api.get("/api/executions/" + execution).json().get("launchEstimate");
        return v == null || v == JsonValue.NULL ? null : v.asJsonObject();
    }

    /** Polls until the execution's launch estimate is recorded (one made after the launch comes in the background). */
    private static JsonObject awaitLaunchEstimate(long execution) {
        return Api.pollUntil(() -> launchEstimate(execution), x -> true, Duration.ofMinutes(1),
                "the launch estimate of execution " + execution);
    }

    @Test
    void theEstimateShownBeforeTheLaunchIsKeptAndARestartShowsItToo() {
        String body = "{\"aois\":[\"drava-a\",\"drava-b\"],\"catalog\":\"drava\"," + PERIOD
                + ",\"partitions\":1,\"chunkSize\":1,\"budget\":5}";
        Api.Response shown = Api.post("/api/jobs/aoi-statistics/estimate", body);
        assertEquals(200, shown.status(), shown.body());
        JsonObject total = shown.json().getJsonObject("total");
        assertEquals(15, total.getInt("items"));
        long first = Fixtures.start("aoi-statistics", body);

        // recorded with the launch itself: no wait
        JsonObject x = launchEstimate(first);
        assertTrue(x != null, "the launch estimate is there at once");
        assertEquals("ESTIMATE", x.getString("origin"));
        assertEquals(first, x.getJsonNumber("execution").longValue());
        assertEquals(15, x.getInt("items"));
        assertEquals(total.getJsonNumber("cost").doubleValue(), x.getJsonNumber("cost").doubleValue());
        assertEquals("scenes", x.getString("costUnit"));
        assertEquals(total.getJsonNumber("requests").longValue(), x.getJsonNumber("requests").longValue());
        assertEquals(total.getJsonNumber("bytes").longValue(), x.getJsonNumber("bytes").longValue());
        assertEquals(total.getJsonNumber("expectedSeconds").doubleValue(),
                x.getJsonNumber("expectedSeconds").doubleValue());
        assertEquals(5.0, x.getJsonNumber("budget").doubleValue());
        assertFalse(x.getBoolean("withinBudget"), "15 scenes do not fit a budget of 5");
        JsonObject e = Api.get("/api/executions/" + first).json();
        assertFalse(Instant.parse(x.getString("estimatedAt")).isAfter(Instant.parse(e.getString("created"))),
                "estimated before the launch: " + x + " " + e.getString("created"));

        JsonObject stopped = Api.awaitTerminal(first, Duration.ofMinutes(5));
        assertEquals("STOPPED", stopped.getString("status"), stopped.toString());
        assertEquals("OUT_OF_BUDGET", stopped.getString("exitStatus"), stopped.toString());

        // a restart continues the plan and the budget of its job instance: it shows the launch's estimate
        long second = Fixtures.created(Api.post("/api/executions/" + first + "/restart", "{\"budget\":100}"));
        JsonObject again = launchEstimate(second);
        assertTrue(again != null, "a restart shows its launch's estimate");
        assertEquals(first, again.getJsonNumber("execution").longValue(), again.toString());
        assertEquals(x.getString("estimatedAt"), again.getString("estimatedAt"));
        JsonObject done = Api.awaitTerminal(second, Duration.ofMinutes(5));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(x.getInt("items"), done.getJsonObject("progress").getInt("total"), "the estimate was right");
    }

    @Test
    void aLaunchWithoutAnEstimateIsEstimatedRightAfterIt() {
        // an estimate of the same parameters by another user is not the one this user launched with
        String body = "{\"aois\":[\"drava-a\"],\"catalog\":\"drava\"," + PERIOD + ",\"partitions\":1,\"chunkSize\":3}";
        Api.Response other = Api.as(Api.OPERATOR).post("/api/jobs/aoi-statistics/estimate", body);
        assertEquals(200, other.status(), other.body());
        Instant before = Instant.now().minusSeconds(5); // the server's clock may differ a little from the test's
        long id = Fixtures.start("aoi-statistics", body);
        JsonObject x = awaitLaunchEstimate(id);
        assertEquals("LAUNCH", x.getString("origin"), x.toString());
        assertEquals(id, x.getJsonNumber("execution").longValue());
        assertTrue(Instant.parse(x.getString("estimatedAt")).isAfter(before), x.toString());
        assertEquals(10, x.getInt("items"), "drava-a: 10 scenes in August 2023");
        assertEquals(10.0, x.getJsonNumber("cost").doubleValue(), "stac's unit: scenes read");
        assertTrue(x.isNull("budget") && x.isNull("withinBudget"), "no budget: " + x);
        JsonObject done = Api.awaitTerminal(id, Duration.ofMinutes(5));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(10, done.getJsonObject("progress").getInt("total"));
    }

    @Test
    void aLaunchOverMoreAoisThanTheLimitIsNotEstimatedAndItsRowSaysWhy() throws Exception {
        Fixtures.cli("/system-property=eobatch.estimate.at-launch.max-aois:add(value=1)");
        long id;
        try {
            id = Fixtures.start("aoi-statistics", "{\"aois\":[\"drava-a\",\"drava-b\"],\"catalog\":\"drava\","
                    + PERIOD + ",\"partitions\":1,\"chunkSize\":5}");
        } finally {
            Fixtures.cli("/system-property=eobatch.estimate.at-launch.max-aois:remove");
        }
        JsonObject x = launchEstimate(id);
        assertTrue(x != null, "recorded with the launch itself: no estimate is made in the background");
        assertEquals("LAUNCH", x.getString("origin"), x.toString());
        assertEquals(id, x.getJsonNumber("execution").longValue());
        assertTrue(x.isNull("items") && x.isNull("cost") && x.isNull("expectedSeconds"), "no numbers: " + x);
        assertTrue(x.getString("note").startsWith("not estimated: 2 AOIs, more than "
                + "eobatch.estimate.at-launch.max-aois (1)"), x.toString());
        JsonObject done = Api.awaitTerminal(id, Duration.ofMinutes(5));
        assertEquals("COMPLETED", done.getString("status"), "the run goes on without it: " + done);
        assertEquals(x, launchEstimate(id), "and no estimate is added later");
    }

    @Test
    void retryFailedShowsItsSourcesEstimateScaledToTheFailedItems() throws Exception {
        stub = new CatalogStub(Fixtures.DRAVA, Fixtures.STUB_PORT);
        stub.notFoundPathsContaining("S2B_33TWL_20230813_0_L2A/B08");
        long id;
        try {
            id = Fixtures.start("aoi-statistics", "{\"aois\":\"drava-b\",\"catalog\":\"dravahttp\"," + PERIOD
                    + ",\"partitions\":1,\"chunkSize\":4}");
            JsonObject e = Api.awaitTerminal(id, Duration.ofMinutes(5));
            assertEquals("COMPLETED", e.getString("status"), e.toString());
            assertEquals(1, e.getJsonObject("progress").getInt("failed"), e.toString());
        } finally {
            stub.heal();
        }
        JsonObject source = awaitLaunchEstimate(id);
        assertEquals(5, source.getInt("items"), source.toString());
        long retry = Fixtures.retryFailed(id);
        JsonObject x = launchEstimate(retry);
        assertTrue(x != null, "recorded with the retry");
        assertEquals("RETRY", x.getString("origin"), x.toString());
        assertEquals(retry, x.getJsonNumber("execution").longValue());
        assertEquals(id, x.getJsonNumber("sourceExecution").longValue());
        assertEquals(1, x.getInt("items"));
        assertEquals(source.getJsonNumber("cost").doubleValue() / 5, x.getJsonNumber("cost").doubleValue(), 1e-4);
        assertTrue(x.getString("note").contains("1 FAILED item"), x.toString());
        JsonObject done = Api.awaitTerminal(retry, Duration.ofMinutes(5));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(1, done.getJsonObject("progress").getInt("done"), done.toString());
    }
}
