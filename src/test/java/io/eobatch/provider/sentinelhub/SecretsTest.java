package io.eobatch.provider.sentinelhub;

import static io.eobatch.provider.sentinelhub.ShTestSupport.SECRET;
import static io.eobatch.provider.sentinelhub.ShTestSupport.SECRET_ENCODED;
import static io.eobatch.provider.sentinelhub.ShTestSupport.aoi;
import static io.eobatch.provider.sentinelhub.ShTestSupport.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eobatch.provider.sentinelhub.ShTestSupport.Account;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.provider.http.ProviderHttpException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A run with credentials against a stub that echoes them back in its error answers: the client secret and the
 * bearer tokens appear in no exception message or stack trace, no toString and no log record.
 */
class SecretsTest {

    private static final String STATS = SentinelHubRequests.STATISTICS_PATH;

    @Test
    void secretsAppearNowhere() throws IOException {
        List<String> shown = new ArrayList<>();
        String logged;
        try (LogCapture log = new LogCapture(); Account account = new Account()) {
            StatisticsRequest request = StatisticsRequest.daily(aoi(), LocalDate.of(2024, 4, 1), LocalDate.of(2024, 4, 2),
                    SpectralIndex.NDVI, null);

            // a token endpoint that echoes the form it received
            account.tokenFailure = StubServer.Reply.json(400, "{\"error\":\"invalid_request\",\"echo\":\""
                    + "grant_type=client_credentials&client_id=eobatch-client&client_secret=" + SECRET_ENCODED
                    + "\",\"raw\":\"" + SECRET + "\"}");
            SentinelHubClient client = account.client();
            ProviderHttpException e1 = assertThrows(ProviderHttpException.class, () -> client.statistics(request));
            assertTrue(e1.getMessage().contains("client_secret=***"), e1.getMessage());
            collect(shown, e1);

            // an API that echoes the bearer token in 500 and 401 answers
            account.tokenFailure = null;
            account.server.route("POST", STATS, r -> StubServer.Reply.json(
                    r.header("Authorization").endsWith(token(2)) ? 500 : 401,
                    "{\"error\":\"rejected " + r.header("Authorization") + "\"}"));
            SentinelHubClient client2 = account.client();
            ProviderHttpException e2 = assertThrows(ProviderHttpException.class, () -> client2.statistics(request));
            assertEquals(500, e2.status());
            assertTrue(e2.getMessage().contains("rejected Bearer ***"), e2.getMessage());
            collect(shown, e2);
            collect(shown, e2.toBatchException());

            // what a caller would log
            Logger.getLogger("io.eobatch.provider.test").log(Level.WARNING, "item failed", e2);
            shown.add(client.toString());
            shown.add(client2.toString());
            shown.add(client2.config().toString());
            shown.add(client2.tokens().toString());
            logged = log.text();
            assertTrue(log.size() >= 5, "the client logged its requests at FINE: " + log.size());
            assertTrue(logged.contains("sentinel-hub POST " + account.server.url(STATS) + " -> 500"), logged);
        }
        shown.add(logged);
        for (String text : shown) {
            for (String secret : List.of(SECRET, SECRET_ENCODED, token(1), token(2), token(3))) {
                assertFalse(text.contains(secret), "secret " + secret + " shown in: " + text);
            }
        }
    }

    @Test
    void configNeverPrintsTheSecret() {
        java.util.Map<String, String> values = java.util.Map.of(
                SentinelHubConfig.KEY_URL, "https://user:pw@sh.example.test/",
                SentinelHubConfig.KEY_TOKEN_URL, "https://auth.example.test/token",
                SentinelHubConfig.KEY_CLIENT_ID, "id-1",
                SentinelHubConfig.KEY_CLIENT_SECRET, SECRET);
        SentinelHubConfig c = SentinelHubConfig.fromLookup(k -> java.util.Optional.ofNullable(values.get(k)));
        assertEquals("SentinelHubConfig[baseUrl=https://sh.example.test, tokenUrl=https://auth.example.test/token, "
                + "clientId=id-1, clientSecret=***, timeout=60s]", c.toString());
    }

    private static void collect(List<String> out, Throwable t) {
        out.add(String.valueOf(t.getMessage()));
        out.add(t.toString());
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        out.add(w.toString());
    }
}
