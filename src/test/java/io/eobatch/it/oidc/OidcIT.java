package io.eobatch.it.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.eobatch.it.Api;
import io.eobatch.it.Fixtures;

/**
 * OpenID Connect bearer tokens, over HTTP against the second server the build makes for them (pom: a copy of the
 * provisioned server with {@code wildfly-config/optional-oidc.cli} applied, {@code target/server-oidc}, its own ports
 * and data directory) and a
 * {@link StandInIssuer} on 127.0.0.1 whose URL that server's {@code EOBATCH_OIDC_ISSUER_URL} names. A good token with
 * the operator role uploads, estimates and launches (and the execution's actions name the token's user); a viewer's
 * token reads; roles in the top-level {@code roles} claim count, client roles ({@code resource_access}) only when
 * switched on; each of an expired token, one for another audience, one signed with another key, one from another
 * issuer, one signed with a key id the issuer does not publish, a malformed Authorization header, none at all and
 * HTTP Basic is a 401 with a Bearer challenge; a good token with no role of eobatch is a 403.
 * All of them problem+json.
 */
class OidcIT {

    static final String BASE = System.getProperty("eobatch.it.oidc.url", "http://127.0.0.1:18185");
    static final int ISSUER_PORT = Integer.getInteger("eobatch.it.oidc.issuer.port", 18187);
    private static final String PERIOD = "\"from\":\"2023-08-15\",\"to\":\"2023-08-18\"";
    private static StandInIssuer issuer;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeFalse(Boolean.getBoolean("eobatch.it.oidc.skip"),
                "the OIDC server is not started in this build (eobatch.it.oidc.skip)");
        issuer = new StandInIssuer(ISSUER_PORT);
        awaitReady(Duration.ofMinutes(3));
    }

    @AfterAll
    static void stop() {
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    void anOperatorsTokenUploadsEstimatesAndLaunches() throws Exception {
        Fixtures.requireSharedData();
        String operator = issuer.token("oidc-operator", "operator").jwt();
        Api.Response list = send("GET", "/api/aois", operator, null);
        assertEquals(200, list.status(), list.body());
        if (list.body().indexOf("\"drava-a\"") < 0) {
            Api.Response up = send("POST", "/api/aois", operator, Files.readString(Fixtures.DRAVA_AOIS));
            assertEquals(201, up.status(), up.body());
        }
        String body = "{\"aois\":\"drava-a\",\"catalog\":\"drava\"," + PERIOD + ",\"partitions\":1}";

        Api.Response estimate = send("POST", "/api/jobs/aoi-statistics/estimate", operator, body);
        assertEquals(200, estimate.status(), estimate.body());
        long items = estimate.json().getJsonObject("total").getJsonNumber("items").longValue();
        assertTrue(items > 0, estimate.body());

        Api.Response launched = send("POST", "/api/jobs/aoi-statistics/executions", operator, body);
        assertEquals(201, launched.status(), launched.body());
        long id = launched.json().getJsonNumber("id").longValue();
        JsonObject done = awaitTerminal(id, issuer.token("oidc-viewer", "viewer").jwt(), Duration.ofMinutes(3));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(items, done.getJsonObject("progress").getJsonNumber("done").longValue(), done.toString());
        JsonObject action = done.getJsonArray("actions").getJsonObject(0);
        assertEquals("LAUNCH", action.getString("action"), done.toString());
        assertEquals("oidc-operator", action.getString("user"), "the token's preferred_username: " + done);
    }

    @Test
    void rolesInTheTopLevelRolesClaimCountToo() {
        String operator = issuer.token("entra-operator", "operator").rolesInRolesClaim().jwt();
        Api.Response estimate = send("POST", "/api/jobs/aoi-statistics/estimate", operator,
                "{\"aois\":\"no-such-aoi\",\"catalog\":\"drava\"," + PERIOD + "}");
        assertEquals(400, estimate.status(), "past the role check, refused for its AOI: " + estimate.body());
    }

    @Test
    void clientRolesCountOnlyWhenSwitchedOn() {
        // the ITs' server runs with EOBATCH_OIDC_RESOURCE_ROLES unset (false): resource_access is not read
        String clientRoleOnly = issuer.token("kc-client-operator", "operator").rolesAsClientRoles().jwt();
        assertProblem(send("GET", "/api/jobs", clientRoleOnly, null), 403);
    }

    @Test
    void aViewersTokenReadsButDoesNotLaunch() {
        String viewer = issuer.token("oidc-viewer", "viewer").jwt();
        Api.Response jobs = send("GET", "/api/jobs", viewer, null);
        assertEquals(200, jobs.status(), jobs.body());
        Api.Response launch = send("POST", "/api/jobs/aoi-statistics/executions", viewer,
                "{\"aois\":\"drava-a\",\"catalog\":\"drava\"," + PERIOD + "}");
        assertProblem(launch, 403);
        Api.Response estimate = send("POST", "/api/jobs/aoi-statistics/estimate", viewer,
                "{\"aois\":\"drava-a\",\"catalog\":\"drava\"," + PERIOD + "}");
        assertProblem(estimate, 403);
    }

    /** Tokens the server must refuse as credentials (401, a Bearer challenge) and those it takes without a role. */
    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("expired a minute ago", (UnaryOperator<StandInIssuer.Token>) t -> t.expired(
                        Duration.ofMinutes(1)), 401),
                Arguments.of("another audience", (UnaryOperator<StandInIssuer.Token>) t -> t.audience("other-app"), 401),
                Arguments.of("signed with another key", (UnaryOperator<StandInIssuer.Token>) StandInIssuer.Token::forged,
                        401),
                Arguments.of("signed with a key id the issuer does not publish",
                        (UnaryOperator<StandInIssuer.Token>) StandInIssuer.Token::unknownKey, 401),
                Arguments.of("another issuer", (UnaryOperator<StandInIssuer.Token>) t -> t.issuer(
                        "http://127.0.0.1:" + ISSUER_PORT + "/realms/other"), 401));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void aBrokenTokenIsRefused(String what, UnaryOperator<StandInIssuer.Token> breakIt, int status) {
        String jwt = breakIt.apply(issuer.token("oidc-operator", "operator")).jwt();
        for (String[] call : List.of(new String[] {"GET", "/api/jobs"},
                new String[] {"POST", "/api/jobs/aoi-statistics/estimate"},
                new String[] {"POST", "/api/jobs/aoi-statistics/executions"})) {
            Api.Response r = send(call[0], call[1], jwt, "{\"aois\":\"drava-a\",\"catalog\":\"drava\"," + PERIOD + "}");
            assertProblem(r, status);
            assertBearerChallenge(r);
        }
    }

    /** What WildFly 39's token validator asks beyond the issue's list (README: "typ: Bearer"). */
    @Test
    void aTokenWithoutTypBearerIsRefused() {
        Api.Response r = send("GET", "/api/jobs", issuer.token("oidc-viewer", "viewer").withoutTyp().jwt(), null);
        assertProblem(r, 401);
        assertBearerChallenge(r);
    }

    @Test
    void aGoodTokenWithoutARoleOfEobatchIsForbidden() {
        String nobody = issuer.token("oidc-nobody", "offline_access", "uma_authorization").jwt();
        assertProblem(send("GET", "/api/jobs", nobody, null), 403);
        assertProblem(send("POST", "/api/jobs/aoi-statistics/executions", nobody,
                "{\"aois\":\"drava-a\",\"catalog\":\"drava\"," + PERIOD + "}"), 403);
    }

    @Test
    void noTokenOrHttpBasicIsUnauthorized() {
        Api.Response none = send("GET", "/api/jobs", null, null);
        assertProblem(none, 401);
        assertBearerChallenge(none);
        Api.Response basic = sendWith("GET", "/api/jobs", "Basic " + java.util.Base64.getEncoder().encodeToString(
                (Api.ADMIN + ":" + Api.IT_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)), null);
        assertProblem(basic, 401);
    }

    /** Authorization headers that carry no token the validator can parse: a 401 with a Bearer challenge, never a 500. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Bearer", "Bearer ", "Bearer not-a-jwt", "Bearer a.b.c", "Bearer e30.e30.",
        "Negotiate abc", "bearer-but-no-space"})
    void aMalformedAuthorizationHeaderIsUnauthorized(String authorization) {
        Api.Response r = sendWith("GET", "/api/jobs", authorization, null);
        assertProblem(r, 401);
        assertBearerChallenge(r);
    }

    @Test
    void theIssuersKeysAreFetchedOnceNotPerRequest() {
        String viewer = issuer.token("oidc-viewer", "viewer").jwt();
        assertEquals(200, send("GET", "/api/jobs", viewer, null).status());
        int before = issuer.jwksRequests();
        assertTrue(before >= 1, "the server fetched the JWKS named by the discovery document");
        for (int i = 0; i < 5; i++) {
            assertEquals(200, send("GET", "/api/jobs", issuer.token("oidc-viewer", "viewer").jwt(), null).status());
        }
        assertEquals(before, issuer.jwksRequests(), "good tokens with a known key id need no new JWKS request");
    }

    private static void assertProblem(Api.Response r, int status) {
        assertEquals(status, r.status(), r.body());
        assertNotNull(r.contentType(), "Content-Type of " + r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType() + ": " + r.body());
        assertEquals(status, r.json().getInt("status"), r.body());
    }

    private static void assertBearerChallenge(Api.Response r) {
        String challenge = r.header("WWW-Authenticate");
        assertNotNull(challenge, "a 401 names its scheme");
        assertTrue(challenge.startsWith("Bearer"), challenge);
        assertFalse(challenge.contains("Basic"), challenge);
    }

    /** A request with {@code jwt} as bearer token ({@code null}: no Authorization header). */
    static Api.Response send(String method, String path, String jwt, String json) {
        return sendWith(method, path, jwt == null ? null : "Bearer " + jwt, json);
    }

    private static Api.Response sendWith(String method, String path, String authorization, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(BASE + path)).header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", path.equals("/api/aois") ? "application/geo+json" : "application/json");
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return Api.anonymous().send(b); // Api's client and timeouts, with this request's own Authorization header
    }

    private static JsonObject awaitTerminal(long id, String jwt, Duration timeout) {
        Set<String> terminal = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");
        return Api.pollUntil(() -> send("GET", "/api/executions/" + id, jwt, null).json(),
                e -> terminal.contains(e.getString("status")), timeout, "execution " + id + " finished");
    }

    /** Waits until the OIDC server's application answers (a 401 without a token: it is deployed and secured). */
    private static void awaitReady(Duration timeout) {
        Api.pollUntil(() -> {
            try {
                return send("GET", "/api/", null, null).status();
            } catch (RuntimeException notListeningYet) {
                return null;
            }
        }, status -> status == 401, timeout, "the OIDC server answering 401 at " + BASE + "/api/");
    }
}
