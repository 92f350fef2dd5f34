package io.eobatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The jobs API: descriptions, parameter checks before a start, 404s and problem bodies. */
class JobsApiIT {

    @BeforeAll
    static void aois() throws Exception {
        Fixtures.uploadDravaAois();
    }

    @Test
    void listsJobsWithTheirParameters() {
        Api.Response r = Api.get("/api/jobs");
        assertEquals(200, r.status());
        JsonObject job = ((JsonArray) r.jsonValue()).stream().map(v -> v.asJsonObject())
                .filter(j -> j.getString("id").equals("aoi-statistics")).findFirst().orElseThrow();
        assertEquals(3, job.getJsonArray("steps").size());
        JsonObject partitions = job.getJsonArray("parameters").stream().map(v -> v.asJsonObject())
                .filter(p -> p.getString("name").equals("partitions")).findFirst().orElseThrow();
        assertEquals("integer", partitions.getString("type"));
        assertEquals("4", partitions.getString("defaultValue"));
        assertTrue(partitions.getString("description").contains("partitions"));
    }

    @Test
    void unknownJobIs404() {
        Api.Response r = Api.post("/api/jobs/no-such-job/executions", "{}");
        assertEquals(404, r.status());
        assertEquals("application/problem+json", r.contentType());
        assertEquals(404, Api.get("/api/jobs/no-such-job").status());
    }

    @Test
    void unknownExecutionIs404() {
        for (String path : new String[] {"/api/executions/987654321", "/api/executions/987654321/statistics",
                "/api/executions/987654321/items"}) {
            Api.Response r = Api.get(path);
            assertEquals(404, r.status(), path);
            assertEquals("application/problem+json", r.contentType());
        }
        assertEquals(404, Api.post("/api/executions/987654321/restart", "").status());
        assertEquals(404, Api.post("/api/executions/987654321/stop", "").status());
        assertEquals(404, Api.post("/api/executions/987654321/abandon", "").status());
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"to\":\"2023-08-31\"}                                              | from",
        "{\"from\":\"2023-08-01\"}                                            | to",
        "{\"from\":\"2023-13-01\",\"to\":\"2023-08-31\"}                      | from",
        "{\"from\":\"2023-08-31\",\"to\":\"2023-08-01\"}                      | to",
        "{\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"maxCloudCover\":150} | maxCloudCover",
        "{\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"maxCloudCover\":\"x\"} | maxCloudCover",
        "{\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"index\":\"foo\"}    | index",
        "{\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"mosaic\":\"week\"}  | mosaic",
        "{\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"partitions\":0}     | partitions",
        "{\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"partitions\":2.5}   | partitions",
        "{\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"catalog\":\"nope\"} | catalog",
        "{\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"aois\":[\"drava-a\",\"nope\"]} | aois",
        "{\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"colour\":\"red\"}   | colour",
        "{\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"index\":{\"a\":1}}  | index",
        "[1,2]                                                               | body",
        "{not json                                                           | body",
    })
    void badParametersAreRefusedBeforeTheJobStarts(String body, String field) {
        int before = executions();
        Api.Response r = Api.post("/api/jobs/aoi-statistics/executions", body);
        assertEquals(400, r.status(), r.body());
        assertEquals("application/problem+json", r.contentType());
        JsonObject p = r.json();
        assertEquals(field, p.getString("field"), r.body());
        assertEquals(400, p.getInt("status"));
        assertTrue(p.getString("detail").length() > 5, r.body());
        assertEquals(before, executions(), "no execution was started");
    }

    @Test
    void anUnknownAoiOfATiledCompositeIsRefusedAtLaunch() {
        Api.Response r = Api.post("/api/jobs/tiled-composite/executions",
                "{\"aoi\":\"no-such-aoi\",\"from\":\"2023-08-01\",\"to\":\"2023-08-31\"}");
        assertEquals(400, r.status(), r.body());
        assertEquals("aoi", r.json().getString("field"));
    }

    @Test
    void badQueryParametersAre400() {
        assertEquals("status", Api.get("/api/executions?status=RUNNINGISH").json().getString("field"));
        assertEquals("job", Api.get("/api/executions?job=nope").json().getString("field"), "a malformed filter: 400");
        assertEquals(400, Api.get("/api/executions?job=nope").status());
    }

    @Test
    void stateConflictsAre409() {
        Fixtures.requireSharedData();
        long first = Fixtures.start("aoi-statistics", "{\"aois\":\"drava-b\",\"catalog\":\"drava\","
                + "\"from\":\"2023-08-10\",\"to\":\"2023-08-10\",\"partitions\":1}");
        JsonObject done = Api.awaitTerminal(first, Duration.ofMinutes(3));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        Api.Response restart = Api.post("/api/executions/" + first + "/restart", "");
        assertEquals(409, restart.status(), restart.body());
        assertEquals("application/problem+json", restart.contentType());
        assertEquals(409, Api.post("/api/executions/" + first + "/stop", "").status());
        Api.Response badRestart = Api.post("/api/executions/" + first + "/restart", "{\"partitions\":3}");
        assertEquals(400, badRestart.status(), badRestart.body());
        assertEquals("partitions", badRestart.json().getString("field"));
    }

    private static int executions() {
        return ((JsonArray) Api.get("/api/executions?limit=10000").jsonValue()).size();
    }
}
