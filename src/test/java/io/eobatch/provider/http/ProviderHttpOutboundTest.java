package io.eobatch.provider.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.eobatch.outbound.BodyTooLargeException;
import io.eobatch.outbound.OutboundLimits;
import io.eobatch.outbound.OutboundRefusedException;
import io.eobatch.provider.ItemDataException;
import io.eobatch.provider.TransientSourceException;
import io.eobatch.testsupport.Misbehaving;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The provider clients' HTTP ({@link ProviderHttp}: Sentinel Hub's bearer token and OAuth client secret,
 * ObservEarth's API key) against servers on 127.0.0.1 that redirect elsewhere, stall or send too much.
 */
class ProviderHttpOutboundTest {

    private static final String TOKEN = "sh-bearer-T0ken-never-elsewhere";
    private static final String KEY = "oe-K3y-never-elsewhere";

    @RegisterExtension
    final Misbehaving.Server server = new Misbehaving.Server();
    private final ProviderHttp http =
            new ProviderHttp("test", Duration.ofSeconds(2), Duration.ofSeconds(5), () -> List.of(TOKEN, KEY));

    @AfterEach
    void stop() {
        OutboundLimits.install(null);
    }

    @Test
    void aBearerTokenOrApiKeyIsNeverSentToAnotherHostOnARedirect() {
        for (int status : new int[] {301, 302, 303, 307, 308}) {
            server.redirect("/api/v1/statistics" + status, status, server.otherHost("/steal").toString());
            ItemDataException e = assertThrows(ItemDataException.class, () -> http.exchange("POST",
                    server.url("/api/v1/statistics" + status), Map.of("Authorization", "Bearer " + TOKEN,
                            "X-API-Key", KEY, "Content-Type", "application/json"),
                    "{\"client_secret\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
            assertInstanceOf(OutboundRefusedException.class, e.getCause());
            assertTrue(e.getMessage().contains("another host"), e.getMessage());
            assertFalse(e.getMessage().contains(TOKEN) || e.getMessage().contains(KEY), e.getMessage());
        }
        assertEquals(0, server.requests("/steal").size(), "a request with credentials reached the other host");
    }

    @Test
    void aRedirectWithinTheApiIsFollowedWithItsCredentials() {
        server.redirect("/api/old", 308, "/api/new").text("/api/new", 200, "{\"ok\":true}");
        ProviderHttp.Response r = http.send("POST", server.url("/api/old"), Map.of("Authorization", "Bearer " + TOKEN),
                "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, r.status());
        Misbehaving.Received got = server.requests("/api/new").get(0);
        assertEquals("POST", got.method());
        assertEquals("Bearer " + TOKEN, got.header("Authorization"));
    }

    @Test
    void anApiThatStallsAfterItsHeadersFailsWithinTheTimeoutAndIsRetried() throws Exception {
        try (Misbehaving.Staller staller = new Misbehaving.Staller(
                "HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 900\n", "{\"data\":[".getBytes())) {
            ProviderHttp quick = new ProviderHttp("test", Duration.ofSeconds(1), Duration.ofMillis(800), List::of);
            long t0 = System.nanoTime();
            TransientSourceException e = assertThrows(TransientSourceException.class,
                    () -> quick.exchange("POST", staller.url("/api/v1/statistics"), Map.of(), new byte[0]));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 700 && ms < 5000, "failed after " + ms + " ms");
            assertTrue(e.getMessage().contains("timed out after PT0.8S (headers and body)"), e.getMessage());
        }
    }

    @Test
    void anAnswerLargerThanTheLimitFailsTheItem() {
        OutboundLimits.install(new OutboundLimits(Duration.ofSeconds(10), 100_000, 1 << 20, 5));
        server.endless("/api/v1/process", 200, 0);
        ItemDataException e = assertThrows(ItemDataException.class,
                () -> http.exchange("POST", server.url("/api/v1/process"), Map.of(), new byte[0]));
        assertInstanceOf(BodyTooLargeException.class, e.getCause());
        assertTrue(e.getMessage().contains("larger than 100000 bytes (eobatch.http.max-document-bytes)"), e.getMessage());
    }

    @Test
    void aLinkLocalApiUrlIsNeverAsked() {
        ItemDataException e = assertThrows(ItemDataException.class, () -> http.exchange("GET",
                URI.create("http://169.254.169.254/latest/meta-data/"), Map.of(), null));
        assertTrue(e.getMessage().contains("link-local"), e.getMessage());
    }
}
