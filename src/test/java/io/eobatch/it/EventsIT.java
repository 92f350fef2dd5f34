package io.eobatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live events (Server-Sent Events) read by a real HTTP client as curl or a browser reads them: a run followed from
 * its start to its end, a reconnect that resumes with {@code Last-Event-ID}, a failed item announced with its reason,
 * and the refusals.
 */
class EventsIT {

    private static CatalogStub stub;

    @BeforeAll
    static void ready() throws Exception {
        Api.awaitReady(Duration.ofMinutes(3));
        DashboardFixtures.uploadDemoAois();
    }

    @AfterAll
    static void stop() {
        if (stub != null) {
            stub.close();
        }
    }

    @Test
    void aViewerFollowsARunFromItsStartToItsEndAndResumesAfterALostConnection() throws Exception {
        long id;
        Api.Client viewer = Api.as(Api.VIEWER);
        try (EventStream all = EventStream.open(viewer, "/api/events", null)) {
            assertEquals(200, all.status());
            assertTrue(all.contentType().startsWith("text/event-stream"), all.contentType());
            EventStream.Event hello = all.next(e -> true, Duration.ofSeconds(10));
            assertEquals("hello", hello.type(), hello.toString());

            id = Fixtures.start("aoi-statistics", DashboardFixtures.DEMO_RUN);
            EventStream.Event end = all.next(e -> e.type().equals("execution") && e.execution() == id
                    && e.json().getString("status").equals("COMPLETED"), Duration.ofMinutes(5));
            assertEquals("aoi-statistics", end.json().getString("job"));
            // the last counts (sent as they changed, the last of them in the look that tells the end): before it
            JsonObject finalCounts = all.seen().stream().filter(e -> e.type().equals("progress")
                    && e.execution() == id && e.json().getJsonNumber("percent").doubleValue() == 100.0
                    && Long.parseLong(e.id()) < Long.parseLong(end.id())).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no complete counts before the end: " + all.seen())).json();
            assertEquals(100.0, finalCounts.getJsonNumber("percent").doubleValue(), finalCounts.toString());
            JsonObject progress = Api.get("/api/executions/" + id).json().getJsonObject("progress");
            assertEquals(progress.getInt("total"), finalCounts.getInt("total"), "the counts GET shows");
            assertEquals(progress.getInt("done"), finalCounts.getInt("done"));

            List<EventStream.Event> seen = all.seen();
            long previous = Long.parseLong(hello.id());
            for (EventStream.Event e : seen.subList(1, seen.size())) {
                assertTrue(Long.parseLong(e.id()) > previous, "ids increase: " + seen);
                previous = Long.parseLong(e.id());
            }
            List<EventStream.Event> mine = seen.stream().filter(e -> !e.type().equals("hello")
                    && e.execution() == id).toList();
            // a STARTING/STARTED event is sent when the broadcaster (one look a second) saw the run before its end;
            // a run shorter than that (an idle machine runs the demo month in under a second) shows only its end.
            // Either way every status event of the run comes before its end.
            assertTrue(mine.stream().filter(e -> e.type().equals("execution")).allMatch(e -> e.id().equals(end.id())
                    || Long.parseLong(e.id()) < Long.parseLong(end.id())), mine.toString());

            // a client that lost the connection just after its hello (whose id is the last event's before it) gets
            // every event of the run again, of its execution alone, from the per-execution stream
            try (EventStream resumed = EventStream.open(viewer, "/api/executions/" + id + "/events", hello.id())) {
                assertEquals(200, resumed.status());
                EventStream.Event again = resumed.next(e -> true, Duration.ofSeconds(10));
                assertEquals("hello", again.type(), again.toString());
                EventStream.Event replayedEnd = resumed.next(e -> e.type().equals("execution")
                        && e.json().getString("status").equals("COMPLETED"), Duration.ofSeconds(10));
                assertEquals(end.id(), replayedEnd.id());
                // what the resumed stream read after its own hello (whose id is the newest event's, maybe the end's),
                // up to the end (its reader may be further on)
                List<EventStream.Event> read = resumed.seen();
                List<String> afterHello = read.subList(1, read.size()).stream().map(EventStream.Event::id).toList();
                List<String> replayed = afterHello.subList(0, afterHello.indexOf(end.id()) + 1);
                assertEquals(mine.subList(0, mine.indexOf(mine.stream().filter(e -> e.id().equals(end.id()))
                        .findFirst().orElseThrow()) + 1).stream().map(EventStream.Event::id).toList(),
                        replayed, "exactly the events after Last-Event-ID, in order");
            }
        }
        // an id the server no longer holds (or never gave): a reset, so the client reloads
        try (EventStream stale = EventStream.open(viewer, "/api/executions/" + id + "/events", "1")) {
            EventStream.Event reset = stale.next(e -> true, Duration.ofSeconds(10));
            assertEquals("reset", reset.type(), reset.toString());
        }
    }

    @Test
    void aFailedItemIsAnnouncedWithItsReasonAndAttempts() throws Exception {
        Fixtures.uploadDravaAois();
        stub = new CatalogStub(Fixtures.DRAVA, Fixtures.STUB_PORT);
        String brokenScene = "S2B_33TWL_20230813_0_L2A";
        stub.notFoundPathsContaining(brokenScene + "/B08");
        try (EventStream all = EventStream.open(Api.as(Api.OPERATOR), "/api/events", null)) {
            all.next(e -> e.type().equals("hello"), Duration.ofSeconds(10));
            long id = Fixtures.start("aoi-statistics", "{\"aois\":\"drava-b\",\"catalog\":\"dravahttp\","
                    + "\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"partitions\":2}");
            EventStream.Event failed = all.next(e -> e.type().equals("item-failed") && e.execution() == id,
                    Duration.ofMinutes(5));
            JsonObject f = failed.json();
            assertEquals(brokenScene, f.getString("sceneId"), f.toString());
            assertEquals("drava-b", f.getString("aoiId"));
            assertEquals(1, f.getInt("attempts"));
            assertTrue(f.getString("lastError").contains("404"), f.toString());
            // the end is told after the run's failures (EventHub), so it is still to come
            all.next(e -> e.type().equals("execution") && e.execution() == id
                    && e.json().getString("status").equals("COMPLETED"), Duration.ofMinutes(5));
        } finally {
            stub.heal();
        }
    }

    /** GET /api/me: the page shows its buttons by these roles; and the executions list says who started each. */
    @Test
    void meTellsTheUserAndRolesAndTheListWhoStartedEachExecution() {
        JsonObject viewer = Api.as(Api.VIEWER).get("/api/me").json();
        assertEquals(Api.VIEWER, viewer.getString("user"));
        assertEquals(List.of("viewer"), viewer.getJsonArray("roles").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
        JsonObject operator = Api.as(Api.OPERATOR).get("/api/me").json();
        assertEquals("[\"operator\"]", operator.getJsonArray("roles").toString());
        long id = Api.as(Api.OPERATOR).post("/api/jobs/aoi-statistics/executions", DashboardFixtures.DEMO_RUN)
                .json().getJsonNumber("id").longValue();
        Api.awaitTerminal(id, Duration.ofMinutes(5));
        JsonObject listed = ((jakarta.json.JsonArray) Api.get("/api/executions?limit=20").jsonValue()).stream()
                .map(v -> v.asJsonObject()).filter(o -> o.getJsonNumber("id").longValue() == id).findFirst()
                .orElseThrow();
        assertEquals(Api.OPERATOR, listed.getString("startedBy"), listed.toString());
        JsonObject p = listed.getJsonObject("progress");
        assertEquals(Api.get("/api/executions/" + id).json().getJsonObject("progress").getInt("total"),
                p.getInt("total"), listed.toString());
        assertEquals(100.0, p.getJsonNumber("percent").doubleValue());
    }

    @Test
    void aStreamNeedsALoginAndAKnownExecution() throws Exception {
        try (EventStream anonymous = EventStream.open(Api.anonymous(), "/api/events", null)) {
            assertEquals(401, anonymous.status());
        }
        try (EventStream unknown = EventStream.open(Api.as(Api.VIEWER), "/api/executions/987654321/events", null)) {
            assertEquals(404, unknown.status());
            assertTrue(unknown.contentType().startsWith("application/problem+json"), unknown.contentType());
            assertTrue(unknown.errorBody().contains("987654321"));
        }
    }
}
