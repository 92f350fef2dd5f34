package io.eobatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may call what, over HTTP against the provisioned server and its application realm (users added by the build
 * with add-user.sh): every kind of endpoint x every role, 401 with {@code WWW-Authenticate} without credentials, 403
 * without the role, both problem+json; and who launched, stopped and restarted an execution, in its view and the log.
 */
class SecurityIT {

    private static final Path SERVER_LOG = Path.of(System.getProperty("eobatch.server.dir", "target/server"),
            "standalone", "log", "server.log");
    private static final String NONE = "987654321";
    private static CatalogStub stub;

    /** The kinds of endpoint and the roles that may call each. */
    enum Kind {
        READ(Api.VIEWER, Api.OPERATOR, Api.ADMIN), OPERATE(Api.OPERATOR, Api.ADMIN), DELETE(Api.ADMIN);

        final List<String> allowed;

        Kind(String... allowed) {
            this.allowed = List.of(allowed);
        }
    }

    /**
     * Every endpoint of the API, with a request that the endpoint refuses after the role check (unknown ids, a bad
     * body), so that an allowed call changes nothing either: method, path, content type, body, kind.
     */
    static final List<Object[]> ENDPOINTS = List.of(
            new Object[] {"GET", "/api/", null, null, Kind.READ},
            new Object[] {"GET", "/api/jobs", null, null, Kind.READ},
            new Object[] {"GET", "/api/jobs/aoi-statistics", null, null, Kind.READ},
            new Object[] {"GET", "/api/me", null, null, Kind.READ},
            new Object[] {"GET", "/api/executions", null, null, Kind.READ},
            new Object[] {"GET", "/api/executions/" + NONE + "/events", null, null, Kind.READ},
            new Object[] {"GET", "/api/executions/" + NONE, null, null, Kind.READ},
            new Object[] {"GET", "/api/executions/" + NONE + "/items", null, null, Kind.READ},
            new Object[] {"GET", "/api/executions/" + NONE + "/statistics", null, null, Kind.READ},
            new Object[] {"GET", "/api/executions/" + NONE + "/summary", null, null, Kind.READ},
            new Object[] {"GET", "/api/executions/" + NONE + "/results", null, null, Kind.READ},
            new Object[] {"GET", "/api/executions/" + NONE + "/results/statistics.csv", null, null, Kind.READ},
            new Object[] {"GET", "/api/executions/" + NONE + "/results.zip", null, null, Kind.READ},
            new Object[] {"GET", "/api/executions/" + NONE + "/stac", null, null, Kind.READ},
            new Object[] {"GET", "/api/executions/" + NONE + "/stac/items", null, null, Kind.READ},
            new Object[] {"GET", "/api/executions/" + NONE + "/stac/items/x", null, null, Kind.READ},
            new Object[] {"GET", "/api/aois", null, null, Kind.READ},
            new Object[] {"GET", "/api/aois/no-such-aoi", null, null, Kind.READ},
            new Object[] {"GET", "/api/demo/aois", null, null, Kind.READ},
            new Object[] {"GET", "/api/aoi-sets", null, null, Kind.READ},
            new Object[] {"GET", "/api/aoi-sets/no-such-set", null, null, Kind.READ},
            new Object[] {"GET", "/api/stac/eobatch/v1.0.0/schema.json", null, null, Kind.READ},
            new Object[] {"POST", "/api/aoi-sets/no-such-set", "application/json", "{\"aois\":[\"no-such-aoi\"]}",
                Kind.OPERATE},
            new Object[] {"POST", "/api/aois?set=it-sec", "application/geo+json", "{\"type\":\"Point\"}",
                Kind.OPERATE},
            new Object[] {"POST", "/api/aois", "application/geo+json", "{\"type\":\"Point\"}", Kind.OPERATE},
            new Object[] {"POST", "/api/aois?format=gpkg", "application/geopackage+sqlite3", "not a gpkg", Kind.OPERATE},
            new Object[] {"POST", "/api/jobs/aoi-statistics/executions", "application/json", "{\"from\":\"x\"}",
                Kind.OPERATE},
            new Object[] {"POST", "/api/jobs/aoi-statistics/estimate", "application/json", "{\"from\":\"x\"}",
                Kind.OPERATE},
            new Object[] {"POST", "/api/executions/" + NONE + "/stop", "application/json", "", Kind.OPERATE},
            new Object[] {"POST", "/api/executions/" + NONE + "/restart", "application/json", "", Kind.OPERATE},
            new Object[] {"POST", "/api/executions/" + NONE + "/retry-failed", "application/json", "", Kind.OPERATE},
            new Object[] {"POST", "/api/executions/" + NONE + "/abandon", "application/json", "", Kind.OPERATE},
            new Object[] {"DELETE", "/api/aois/no-such-aoi", null, null, Kind.DELETE},
            new Object[] {"DELETE", "/api/aoi-sets/no-such-set", null, null, Kind.DELETE},
            new Object[] {"DELETE", "/api/executions/" + NONE + "/results", null, null, Kind.DELETE});

    static final List<String> USERS = List.of(Api.VIEWER, Api.OPERATOR, Api.ADMIN);

    static Stream<Arguments> endpointsByUser() {
        List<Arguments> out = new ArrayList<>();
        for (Object[] e : ENDPOINTS) {
            for (String user : USERS) {
                out.add(Arguments.of(user, e[0], e[1], e[2], e[3], e[4]));
            }
        }
        return out.stream();
    }

    static Stream<Arguments> endpoints() {
        return ENDPOINTS.stream().map(e -> Arguments.of(e[0], e[1], e[2], e[3], e[4]));
    }

    @BeforeAll
    static void start() throws Exception {
        stub = new CatalogStub(Fixtures.DRAVA, Fixtures.STUB_PORT);
    }

    @AfterAll
    static void stop() {
        if (stub != null) {
            stub.close();
        }
    }

    static Api.Response call(Api.Client client, String method, String path, String type, String body) {
        return switch (method) {
            case "GET" -> client.get(path);
            case "POST" -> client.post(path, type, body.getBytes(StandardCharsets.UTF_8));
            case "DELETE" -> client.delete(path);
            default -> throw new IllegalArgumentException(method);
        };
    }

    @ParameterizedTest(name = "{0}: {1} {2} ({5})")
    @MethodSource("endpointsByUser")
    void eachRoleMayCallItsKindOfEndpointAndNoOther(String user, String method, String path, String type, String body,
                                                      Kind kind) {
        int before = executions();
        Api.Response r = call(Api.as(user), method, path, type, body);
        if (kind.allowed.contains(user)) {
            assertNotEquals(401, r.status(), user + " " + method + " " + path + ": " + r.body());
            assertNotEquals(403, r.status(), user + " " + method + " " + path + ": " + r.body());
            assertTrue(r.status() < 500, user + " " + method + " " + path + ": " + r.status() + " " + r.body());
        } else {
            assertProblem(r, 403);
        }
        assertEquals(before, executions(), "nothing started");
    }

    @ParameterizedTest(name = "anonymous: {0} {1} -> 401")
    @MethodSource("endpoints")
    void withoutCredentialsEveryEndpointIs401WithAChallenge(String method, String path, String type, String body,
                                                           Kind kind) {
        Api.Response r = call(Api.anonymous(), method, path, type, body);
        assertProblem(r, 401);
        String challenge = r.header("WWW-Authenticate");
        assertNotNull(challenge, "WWW-Authenticate on " + method + " " + path);
        assertTrue(challenge.startsWith("Basic realm="), challenge);
    }

    /**
     * A wrong password is a 401 on each kind of endpoint. Only a few tries: Elytron's brute-force protection locks a
     * user of the realm out for a while after repeated failures (then even the right password is refused), which the
     * right password afterwards shows has not happened yet.
     */
    @Test
    void aWrongPasswordIs401() {
        for (Kind kind : Kind.values()) {
            Object[] e = ENDPOINTS.stream().filter(x -> x[4] == kind).findFirst().orElseThrow();
            Api.Response r = call(Api.as(Api.VIEWER, "not-the-password-1"), (String) e[0], (String) e[1],
                    (String) e[2], (String) e[3]);
            assertProblem(r, 401);
            assertNotNull(r.header("WWW-Authenticate"));
        }
        assertEquals(200, Api.as(Api.VIEWER).get("/api/jobs").status(), "the right password still works");
    }

    @ParameterizedTest(name = "no role of eobatch: {0} {1} -> 403")
    @MethodSource("endpoints")
    void aUserWithoutARoleOfEobatchIs403Everywhere(String method, String path, String type, String body, Kind kind) {
        assertProblem(call(Api.as(Api.NOBODY), method, path, type, body), 403);
    }

    @Test
    void anUnknownUserIs401() {
        assertProblem(Api.as("it-nobody-at-all", Api.IT_PASSWORD).get("/api/jobs"), 401);
    }

    @Test
    void aViewerReadsAnOperatorsUploadButCannotDeleteIt() {
        String aoi = "{\"type\":\"Feature\",\"properties\":{\"id\":\"it-sec-aoi\"},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[15.6,46.4],[15.61,46.4],[15.61,46.41],[15.6,46.41],[15.6,46.4]]]}}";
        Api.as(Api.ADMIN).delete("/api/aois/it-sec-aoi");
        assertProblem(Api.as(Api.VIEWER).post("/api/aois", aoi), 403);
        assertEquals(404, Api.as(Api.VIEWER).get("/api/aois/it-sec-aoi").status(), "the viewer's upload stored nothing");
        assertEquals(201, Api.as(Api.OPERATOR).post("/api/aois", aoi).status());
        assertEquals(200, Api.as(Api.VIEWER).get("/api/aois/it-sec-aoi").status());
        assertProblem(Api.as(Api.OPERATOR).delete("/api/aois/it-sec-aoi"), 403);
        assertEquals(200, Api.as(Api.VIEWER).get("/api/aois/it-sec-aoi").status(), "still there");
        assertEquals(204, Api.as(Api.ADMIN).delete("/api/aois/it-sec-aoi").status());
    }

    /** An operator launches, an admin stops, the operator restarts: each named in the view and the server log. */
    @Test
    void everyExecutionRecordsWhoLaunchedStoppedAndRestartedIt() throws Exception {
        Fixtures.requireSharedData();
        Fixtures.uploadDravaAois();
        stub.heal();
        stub.delay(400);
        Api.Response launched = Api.as(Api.OPERATOR).post("/api/jobs/aoi-statistics/executions",
                "{\"aois\":\"drava-a\",\"catalog\":\"dravahttp\",\"from\":\"2023-08-01\",\"to\":\"2023-08-31\","
                        + "\"partitions\":1,\"chunkSize\":1}");
        assertEquals(201, launched.status(), launched.body());
        long first = launched.json().getJsonNumber("id").longValue();
        Api.pollUntil("/api/executions/" + first, e -> e.getJsonObject("progress").getInt("done") >= 1,
                Duration.ofMinutes(3));
        Api.Response stopped = Api.as(Api.ADMIN).post("/api/executions/" + first + "/stop", "");
        assertEquals(202, stopped.status(), stopped.body());
        assertEquals("STOPPED", Api.awaitTerminal(first, Duration.ofMinutes(3)).getString("status"));
        stub.delay(0);
        Api.Response restarted = Api.as(Api.OPERATOR).post("/api/executions/" + first + "/restart", "");
        assertEquals(201, restarted.status(), restarted.body());
        long second = restarted.json().getJsonNumber("id").longValue();
        assertEquals("COMPLETED", Api.awaitTerminal(second, Duration.ofMinutes(3)).getString("status"));

        JsonArray actions = Api.as(Api.VIEWER).get("/api/executions/" + first).json().getJsonArray("actions");
        assertEquals(List.of("LAUNCH it-operator " + first, "STOP it-admin " + first,
                "RESTART it-operator " + second), lines(actions), actions.toString());
        assertEquals(first, actions.getJsonObject(2).getJsonNumber("source").longValue());
        assertTrue(actions.getJsonObject(0).getString("at").endsWith("Z"), actions.toString());
        JsonArray ofSecond = Api.get("/api/executions/" + second).json().getJsonArray("actions");
        assertEquals(List.of("RESTART it-operator " + second), lines(ofSecond), ofSecond.toString());

        String log = Files.readString(SERVER_LOG);
        for (String line : List.of("user it-operator: LAUNCH execution " + first,
                "user it-admin: STOP execution " + first,
                "user it-operator: RESTART execution " + second + " (of execution " + first + ")")) {
            assertTrue(log.contains(line), "server.log names the user: " + line);
        }
    }

    private static List<String> lines(JsonArray actions) {
        return actions.stream().map(JsonValue::asJsonObject).map(a -> a.getString("action") + " "
                + a.getString("user") + " " + a.getJsonNumber("execution").longValue()).toList();
    }

    static void assertProblem(Api.Response r, int status) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.contentType() != null && r.contentType().startsWith("application/problem+json"),
                "problem+json, not " + r.contentType() + ": " + r.body());
        JsonObject p = r.json();
        assertEquals(status, p.getInt("status"), r.body());
        assertTrue(p.getString("detail", "").length() > 5, r.body());
    }

    static int executions() {
        return ((JsonArray) Api.get("/api/executions?limit=10000").jsonValue()).size();
    }
}
