package io.eobatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a page on another site can make a logged-in browser send, sent with an operator's credentials (as a browser
 * would add them): every kind is refused with a problem+json and nothing is started or stored. A cross-site form or a
 * {@code fetch} without preflight can only send text/plain, a form encoding or no Content-Type; a request that a page
 * sends with {@code Origin} of another site is refused whatever its type. No CORS header is sent (none configured).
 */
class CrossSiteIT {

    private static final String LAUNCH = "{\"aois\":\"drava-b\",\"catalog\":\"drava\",\"from\":\"2023-08-10\","
            + "\"to\":\"2023-08-10\",\"partitions\":1}";
    private static final String AOI = "{\"type\":\"Feature\",\"properties\":{\"id\":\"it-xsite\"},\"geometry\":{"
            + "\"type\":\"Polygon\",\"coordinates\":[[[15.6,46.4],[15.61,46.4],[15.61,46.41],[15.6,46.41],[15.6,46.4]]]}}";

    @BeforeAll
    static void dravaAois() throws Exception {
        Fixtures.uploadDravaAois();
    }

    @ParameterizedTest(name = "{0} {1} -> 415")
    @CsvSource(delimiter = '|', value = {
        "/api/jobs/aoi-statistics/executions | text/plain",
        "/api/jobs/aoi-statistics/executions | text/plain;charset=UTF-8",
        "/api/jobs/aoi-statistics/executions | application/x-www-form-urlencoded",
        "/api/jobs/aoi-statistics/executions | multipart/form-data; boundary=x",
        "/api/jobs/aoi-statistics/executions | NONE",
        "/api/jobs/aoi-statistics/estimate   | text/plain",
        "/api/jobs/aoi-statistics/estimate   | NONE",
        "/api/executions/1/stop              | text/plain",
        "/api/executions/1/stop              | NONE",
        "/api/executions/1/restart           | application/x-www-form-urlencoded",
        "/api/executions/1/restart           | NONE",
        "/api/executions/1/retry-failed      | text/plain",
        "/api/executions/1/retry-failed      | NONE",
        "/api/executions/1/abandon           | multipart/form-data; boundary=x",
        "/api/executions/1/abandon           | NONE",
        "/api/aois                           | text/plain",
        "/api/aois                           | application/x-www-form-urlencoded",
        "/api/aois                           | NONE",
    })
    void aBodyABrowserCanSendCrossSiteIsRefused(String path, String type) {
        int before = SecurityIT.executions();
        int aois = aois();
        String body = path.endsWith("executions") || path.endsWith("estimate") ? LAUNCH
                : path.endsWith("aois") ? AOI : "";
        Api.Response r = Api.as(Api.OPERATOR).post(path, "NONE".equals(type) ? null : type,
                body.getBytes(StandardCharsets.UTF_8));
        SecurityIT.assertProblem(r, 415);
        assertNull(r.header("Access-Control-Allow-Origin"));
        assertEquals(before, SecurityIT.executions(), "nothing started");
        assertEquals(aois, aois(), "nothing stored");
    }

    @ParameterizedTest(name = "Origin {0} -> 403")
    @CsvSource({"https://evil.example", "http://127.0.0.1:9999", "null", "http://localhost.evil.example:8080"})
    void aRequestFromAnotherOriginIsRefusedEvenAsJson(String origin) {
        int before = SecurityIT.executions();
        int aois = aois();
        for (String[] call : List.of(new String[] {"/api/jobs/aoi-statistics/executions", LAUNCH},
                new String[] {"/api/aois", AOI}, new String[] {"/api/executions/1/stop", ""})) {
            Api.Response r = Api.as(Api.OPERATOR).send(HttpRequest.newBuilder(Api.uri(call[0]))
                    .header("Content-Type", "application/json").header("Origin", origin)
                    .POST(HttpRequest.BodyPublishers.ofString(call[1])));
            SecurityIT.assertProblem(r, 403);
            assertEquals("Origin", r.json().getString("field"), r.body());
            assertNull(r.header("Access-Control-Allow-Origin"), "no CORS unless configured");
        }
        Api.Response delete = Api.as(Api.ADMIN).send(HttpRequest.newBuilder(Api.uri("/api/aois/drava-a"))
                .header("Origin", origin).DELETE());
        SecurityIT.assertProblem(delete, 403);
        assertEquals(200, Api.get("/api/aois/drava-a").status(), "not deleted");
        assertEquals(before, SecurityIT.executions(), "nothing started");
        assertEquals(aois, aois(), "nothing stored");
    }

    @Test
    void theServersOwnOriginIsAccepted() {
        Api.Response r = Api.as(Api.OPERATOR).send(HttpRequest.newBuilder(Api.uri("/api/jobs/aoi-statistics/estimate"))
                .header("Content-Type", "application/json").header("Origin", Api.BASE)
                .POST(HttpRequest.BodyPublishers.ofString(LAUNCH)));
        assertEquals(200, r.status(), r.body());
        assertNull(r.header("Access-Control-Allow-Origin"), "same origin needs no CORS");
    }

    @Test
    void readsFromAnotherOriginGetNoCorsHeaders() {
        Api.Response r = Api.as(Api.VIEWER).send(HttpRequest.newBuilder(Api.uri("/api/executions"))
                .header("Origin", "https://evil.example").GET());
        assertEquals(200, r.status(), r.body());
        assertNull(r.header("Access-Control-Allow-Origin"), "the browser keeps the answer from the other page");
    }

    private static int aois() {
        return Api.get("/api/aois?geometry=false").json().getJsonArray("features").size();
    }
}
