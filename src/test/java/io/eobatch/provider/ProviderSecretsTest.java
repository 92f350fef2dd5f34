package io.eobatch.provider;

import static io.eobatch.provider.sentinelhub.ShTestSupport.SECRET;
import static io.eobatch.provider.sentinelhub.ShTestSupport.SECRET_ENCODED;
import static io.eobatch.provider.sentinelhub.ShTestSupport.TOKEN_PATH;
import static io.eobatch.provider.sentinelhub.ShTestSupport.aoi;
import static io.eobatch.provider.sentinelhub.ShTestSupport.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eobatch.provider.observearth.ObserveEarthClient;
import io.eobatch.provider.observearth.ObserveEarthConfig;
import io.eobatch.provider.observearth.ObserveEarthProvider;
import io.eobatch.provider.sentinelhub.LogCapture;
import io.eobatch.provider.sentinelhub.SentinelHubProvider;
import io.eobatch.provider.sentinelhub.SentinelHubRequests;
import io.eobatch.provider.sentinelhub.ShTestSupport.Account;
import io.eobatch.provider.sentinelhub.StubServer;
import io.eobatch.provider.throttle.RetriesExhaustedException;
import io.eobatch.provider.throttle.Throttle;
import io.eobatch.provider.throttle.ThrottleSettings;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.provider.http.ThrottledCall;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Runs through the providers, each behind a real throttle, against stubs whose error answers (401, 403, 500, and
 * the token endpoint's 401) echo the credentials they received: no log record (all levels, with stack traces) and no
 * exception (message, toString, stack trace with causes) shows the client secret, a bearer token or the API key.
 * The failures still come out as the exceptions the job knows (the item fails, or the retries run out).
 */
class ProviderSecretsTest {

    private static final String STATS = SentinelHubRequests.STATISTICS_PATH;
    private static final String API_KEY = "oe-key-7f3a9c1e5b2d4a68";
    private static final Logger CALLER = Logger.getLogger("io.eobatch.batch.test");

    private static ThrottleSettings settings(String name) {
        return ThrottleSettings.defaults(name).withRetries(3, Duration.ofMillis(1), Duration.ofMillis(5));
    }

    private static StatisticsQuery query() {
        LocalDate d = LocalDate.of(2023, 8, 2);
        return new StatisticsQuery(null, "sentinel-2-l2a", "drava-a", aoi(), d, d, List.of(), SpectralIndex.NDVI, 20.0);
    }

    /** What a caller shows of {@code e}: message, toString, the stack trace with causes, and a log record of it. */
    private static void shown(List<String> out, Throwable e) {
        out.add(String.valueOf(e.getMessage()));
        out.add(e.toString());
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        out.add(w.toString());
        CALLER.log(Level.WARNING, "item failed", e);
    }

    private static void assertNowhere(List<String> shown, List<String> secrets) {
        assertTrue(shown.size() > 5, "something was shown: " + shown.size());
        for (String text : shown) {
            for (String secret : secrets) {
                assertFalse(text.contains(secret), "secret " + secret + " shown in: " + text);
            }
        }
    }

    @Test
    void sentinelHubSecretsAndTokensAppearNowhere() throws IOException {
        List<String> shown = new ArrayList<>();
        try (LogCapture log = new LogCapture(); Account account = new Account()) {
            Throttle throttle = new Throttle("sentinel-hub:" + account.server.url("") + ":eobatch-client",
                    settings("sentinel-hub"));
            SentinelHubProvider p = new SentinelHubProvider(account.client(new ThrottledCall(throttle), Clock.systemUTC()));
            String echo = "{\"error\":{\"message\":\"rejected %s\",\"secret\":\"" + SECRET + "\",\"encoded\":\""
                    + SECRET_ENCODED + "\"}}";

            // 401 for every token: one refresh, then the item fails
            account.server.route("POST", STATS, r -> StubServer.Reply.json(401,
                    echo.replace("%s", r.header("Authorization"))));
            ItemDataException unauthorized = assertThrows(ItemDataException.class, () -> p.statistics(query()));
            assertTrue(unauthorized.getMessage().contains("HTTP 401"), unauthorized.getMessage());
            assertTrue(unauthorized.getMessage().contains("rejected Bearer ***"), unauthorized.getMessage());
            assertEquals(2, account.server.count(STATS));
            assertEquals(2, account.tokenRequests.get(), "one refresh after the 401");
            shown(shown, unauthorized);

            // 403: the item fails at once
            account.server.route("POST", STATS, r -> StubServer.Reply.json(403,
                    echo.replace("%s", r.header("Authorization"))));
            ItemDataException forbidden = assertThrows(ItemDataException.class, () -> p.statistics(query()));
            assertTrue(forbidden.getMessage().contains("HTTP 403"), forbidden.getMessage());
            assertEquals(3, account.server.count(STATS));
            shown(shown, forbidden);

            // 500: retried until the attempts run out
            account.server.route("POST", STATS, r -> StubServer.Reply.json(500,
                    echo.replace("%s", r.header("Authorization"))));
            RetriesExhaustedException failing = assertThrows(RetriesExhaustedException.class, () -> p.statistics(query()));
            assertEquals(3, failing.attempts());
            assertEquals(6, account.server.count(STATS));
            shown(shown, failing);

            // the token endpoint refuses the credentials and echoes the form it received
            account.tokenFailure = StubServer.Reply.json(401, "{\"error\":\"unauthorized_client\",\"echo\":\""
                    + "grant_type=client_credentials&client_id=eobatch-client&client_secret=" + SECRET_ENCODED
                    + "\",\"raw\":\"" + SECRET + "\"}");
            SentinelHubProvider fresh = new SentinelHubProvider(account.client(new ThrottledCall(throttle),
                    Clock.systemUTC()));
            ItemDataException badCredentials = assertThrows(ItemDataException.class, () -> fresh.statistics(query()),
                    "a refused token is the item's failure (the job skips it), not an unknown exception");
            assertTrue(badCredentials.getMessage().contains(account.server.url(TOKEN_PATH) + " answered HTTP 401"),
                    badCredentials.getMessage());
            assertTrue(badCredentials.getMessage().contains("client_secret=***"), badCredentials.getMessage());
            shown(shown, badCredentials);

            // a token endpoint that is down is transient (the job's chunk retry, then a restart, take it up)
            account.tokenFailure = StubServer.Reply.json(503, "{\"error\":\"down\",\"raw\":\"" + SECRET + "\"}");
            SentinelHubProvider down = new SentinelHubProvider(account.client(new ThrottledCall(throttle),
                    Clock.systemUTC()));
            TransientSourceException unavailable = assertThrows(TransientSourceException.class,
                    () -> down.search(new SceneSearch(null, null, "drava-a", aoi(), LocalDate.of(2023, 8, 1),
                            LocalDate.of(2023, 8, 31), null)));
            assertTrue(unavailable.getMessage().contains("HTTP 503"), unavailable.getMessage());
            shown(shown, unavailable);

            shown.add(p.toString());
            shown.add(throttle.toString());
            shown.add(throttle.stats().toString());
            String logged = log.text();
            assertTrue(logged.contains("item failed"), "the caller's records were captured");
            assertTrue(logged.contains("sentinel-hub POST " + account.server.url(STATS) + " -> 500"),
                    "the client's FINE records were captured: " + logged);
            shown.add(logged);
        }
        List<String> secrets = new ArrayList<>(List.of(SECRET, SECRET_ENCODED));
        for (int n = 1; n <= 6; n++) {
            secrets.add(token(n));
        }
        assertNowhere(shown, secrets);
    }

    @Test
    void observEarthKeyAppearsNowhere() throws IOException {
        List<String> shown = new ArrayList<>();
        try (LogCapture log = new LogCapture(); StubServer server = new StubServer()) {
            Throttle throttle = new Throttle("observearth:" + server.url(""), settings("observearth"));
            ObserveEarthProvider p = new ObserveEarthProvider(new ObserveEarthClient(
                    new ObserveEarthConfig(server.url(""), API_KEY, Duration.ofSeconds(20)), new ThrottledCall(throttle)));
            String geometries = ObserveEarthClient.GEOMETRY_PATH;

            // the geometry list answers 401, then 403, then 500, each echoing the key
            for (int status : new int[] {401, 403, 500}) {
                server.route("GET", geometries, r -> StubServer.Reply.json(status,
                        "{\"detail\":\"Invalid API key: " + r.header("X-API-Key") + "\"}"));
                RuntimeException e = assertThrows(RuntimeException.class, () -> p.statistics(query()));
                if (status == 500) {
                    assertEquals(RetriesExhaustedException.class, e.getClass(), e.toString());
                } else {
                    assertEquals(ItemDataException.class, e.getClass(), e.toString());
                }
                assertTrue(e.getMessage().contains("HTTP " + status), e.getMessage());
                assertTrue(e.getMessage().contains("Invalid API key: ***"), e.getMessage());
                shown(shown, e);
            }
            // the stats endpoint rejects the key
            server.route("GET", geometries, r -> StubServer.Reply.json(200,
                    "{\"results\":[{\"id\":\"g-1\",\"name\":\"other\"}]}"));
            server.route("POST", geometries, r -> StubServer.Reply.json(201, "{\"id\":\"g-2\"}"));
            server.route("POST", ObserveEarthClient.STATS_PATH, r -> StubServer.Reply.json(403,
                    "{\"detail\":\"key " + r.header("X-API-Key") + " has no access\"}"));
            ItemDataException stats = assertThrows(ItemDataException.class, () -> p.statistics(query()));
            assertTrue(stats.getMessage().contains("key *** has no access"), stats.getMessage());
            shown(shown, stats);

            for (StubServer.Recorded r : server.requests()) {
                assertEquals(API_KEY, r.header("X-API-Key"), "the key was sent: " + r.method() + " " + r.path());
            }
            shown.add(p.toString());
            shown.add(throttle.toString());
            String logged = log.text();
            assertTrue(logged.contains("observearth GET " + server.url(geometries) + " -> 403"), logged);
            shown.add(logged);
        }
        assertNowhere(shown, List.of(API_KEY));
    }
}
