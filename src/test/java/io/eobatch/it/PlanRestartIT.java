package io.eobatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A plan written in batches (the IT server plans 2 AOIs a transaction: EOBATCH_PLAN_AOIS_PER_BATCH) that fails
 * part-way: the Sentinel Hub stand-in answers the first 3 catalog searches and refuses the 4th, so the batch of AOIs
 * 1-2 is written and the batch of AOIs 3-4 is not. The progress shows the written batch alone; the restart goes on
 * after AOI 2: it searches AOIs 3, 4 and 5 only, and the ledger ends with every item of every AOI exactly once, as
 * many as the estimate (one search per AOI) counts.
 */
class PlanRestartIT {

    private static final String SET = "plan-restart-it";
    private static final int AOIS = 5;
    private static final String SEARCH = "/api/v1/catalog/1.0.0/search";
    private static SentinelHubStub stub;

    @BeforeAll
    static void start() throws Exception {
        Api.awaitReady(Duration.ofMinutes(2));
        stub = new SentinelHubStub();
        Api.delete("/api/aoi-sets/" + SET + "?aois=delete");
        StringBuilder b = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 1; i <= AOIS; i++) { // small squares inside drava-a, under the Drava scenes
            double x = 15.90 + i * 0.04;
            double y = 45.95;
            b.append(i == 1 ? "" : ",").append(String.format(Locale.ROOT, "{\"type\":\"Feature\",\"properties\":"
                    + "{\"id\":\"%s\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[%.4f,%.4f],[%.4f,%.4f],"
                    + "[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f]]]}}", aoi(i), x, y, x + 0.01, y, x + 0.01, y + 0.01, x,
                    y + 0.01, x, y));
        }
        Api.Response up = Api.post("/api/aois?set=" + SET, b.append("]}").toString());
        assertEquals(201, up.status(), up.body());
    }

    @AfterAll
    static void stop() {
        Api.delete("/api/aoi-sets/" + SET + "?aois=delete");
        if (stub != null) {
            stub.close();
        }
    }

    private static String aoi(int i) {
        return SET + "-" + i;
    }

    @Test
    void aPlanThatFailedPartWayGoesOnAfterItsLastWrittenBatch() {
        String body = "{\"provider\":\"sentinel-hub\",\"aoiSet\":\"" + SET + "\",\"from\":\"2023-08-01\","
                + "\"to\":\"2023-08-31\",\"partitions\":2}";
        Api.Response estimate = Api.post("/api/jobs/aoi-statistics/estimate", body);
        assertEquals(200, estimate.status(), estimate.body());
        int expected = estimate.json().getJsonObject("total").getInt("items");
        assertTrue(expected >= AOIS, "the Drava scenes cover every AOI: " + estimate.body());

        stub.reset();
        stub.searchOk = 3;
        long first = Fixtures.start("aoi-statistics", body);
        JsonObject failed = Api.awaitTerminal(first, Duration.ofMinutes(3));
        assertEquals("FAILED", failed.getString("status"), failed.toString());
        assertEquals(4, stub.requests(SEARCH).size(), "AOIs 1-4 searched, the 4th refused");
        Set<String> planned = aoisOf(Fixtures.items(first));
        assertEquals(new TreeSet<>(Set.of(aoi(1), aoi(2))), planned, "the first batch alone is written");
        JsonObject progress = failed.getJsonObject("progress");
        assertEquals(Fixtures.items(first).size(), progress.getInt("total"), "kept counts: " + progress);
        assertEquals(progress.getInt("total"), progress.getInt("pending"), progress.toString());

        stub.reset();
        long again = Fixtures.restart(first);
        JsonObject done = Api.awaitTerminal(again, Duration.ofMinutes(3));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(3, stub.requests(SEARCH).size(), "the restart searched AOIs 3, 4 and 5 alone");
        JsonArray items = Fixtures.items(again);
        assertEquals(expected, items.size(), "every item of every AOI, as the estimate counts them");
        Set<String> keys = new HashSet<>();
        for (JsonValue v : items) {
            JsonObject o = v.asJsonObject();
            assertTrue(keys.add(o.getString("key")), "planned twice: " + o);
            assertTrue(Set.of("DONE", "NO_DATA").contains(o.getString("status")), o.toString());
        }
        assertEquals(AOIS, aoisOf(items).size());
        JsonObject p = done.getJsonObject("progress");
        assertEquals(expected, p.getInt("total"), p.toString());
        assertEquals(expected, p.getInt("done") + p.getInt("noData"), p.toString());
    }

    private static Set<String> aoisOf(JsonArray items) {
        Set<String> out = new TreeSet<>();
        items.forEach(v -> out.add(v.asJsonObject().getString("aoiId")));
        return out;
    }
}
