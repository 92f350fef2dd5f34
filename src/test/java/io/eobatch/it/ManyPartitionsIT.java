package io.eobatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

/**
 * Pools sized together (issue 10 point 5): a job of 64 partitions on the server's 16 batch threads
 * (wildfly-config/20-batch.cli) and its datasource pool (10-datasource.cli: 2 x threads + 16) completes, every
 * partition COMPLETED and every item done exactly once, while REST reads go on.
 */
class ManyPartitionsIT {

    @Test
    void sixtyFourPartitionsOnSixteenBatchThreadsComplete() {
        Api.awaitReady(Duration.ofMinutes(3));
        Api.Response demo = Api.get("/api/demo/aois", "application/geo+json");
        assertEquals(200, demo.status(), demo.body());
        List<String> ids = demo.json().getJsonArray("features").stream()
                .map(f -> f.asJsonObject().getJsonObject("properties").getString("id")).toList();
        if (Api.get("/api/aois/" + ids.get(0)).status() == 404) {
            assertEquals(201, Api.post("/api/aois", demo.body()).status());
        }
        String aois = "[\"" + String.join("\",\"", ids) + "\"]";
        long id = Fixtures.start("aoi-statistics", "{\"catalog\":\"demo\",\"aois\":" + aois + ",\"from\":\"2023-06-01\","
                + "\"to\":\"2023-07-31\",\"partitions\":64,\"chunkSize\":1}");
        // REST reads while the partitions run: they take connections from the same pool
        JsonObject done = Api.pollUntil("/api/executions/" + id, e -> {
            assertEquals(200, Api.get("/api/executions/" + id + "/items?limit=10").status());
            return switch (e.getString("status")) {
                case "COMPLETED", "FAILED", "STOPPED", "ABANDONED" -> true;
                default -> false;
            };
        }, Duration.ofMinutes(15));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        JsonArray partitions = Fixtures.step(done, "fetch-statistics").getJsonArray("partitions");
        assertEquals(64, partitions.size(), partitions.toString());
        assertTrue(partitions.stream().allMatch(p -> p.asJsonObject().getString("status").equals("COMPLETED")),
                partitions.toString());
        JsonObject progress = done.getJsonObject("progress");
        assertTrue(progress.getInt("total") >= 64, "at least one item a partition: " + progress);
        assertEquals(0, progress.getInt("failed"), progress.toString());
        assertEquals(progress.getInt("total"), progress.getInt("done") + progress.getInt("noData")
                + progress.getInt("tooCloudy"), progress.toString());
        Fixtures.assertExactlyOnce(id);
    }
}
