package io.eobatch.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import io.eobatch.ledger.ItemStatus;

/** The webhook's body, signature, and which answers are tried again after how long. */
class WebhooksTest {

    @Test
    void theBodySaysWhatEndedWithItsCountsAndLinks() {
        String json = Webhooks.payload(42, 7, "aoi-statistics", "COMPLETED", "COMPLETED",
                Map.of(ItemStatus.DONE, 30L, ItemStatus.FAILED, 2L, ItemStatus.NO_DATA, 4L),
                URI.create("https://eo.example.org/base/api/"), Instant.parse("2026-12-03T16:00:00Z"));
        JsonObject o = Json.createReader(new StringReader(json)).readObject();
        assertEquals("execution-ended", o.getString("event"));
        assertEquals(42, o.getInt("execution"));
        assertEquals(7, o.getInt("instanceId"));
        assertEquals("aoi-statistics", o.getString("job"));
        assertEquals("COMPLETED", o.getString("status"));
        assertEquals("2026-12-03T16:00:00Z", o.getString("at"));
        JsonObject items = o.getJsonObject("items");
        assertEquals(36, items.getInt("total"));
        assertEquals(30, items.getInt("done"));
        assertEquals(2, items.getInt("failed"));
        assertEquals(4, items.getInt("noData"));
        assertEquals(0, items.getInt("inFlight"));
        assertEquals("https://eo.example.org/base/api/executions/42", o.getJsonObject("links").getString("execution"));
        assertEquals("https://eo.example.org/base/api/executions/42/stac", o.getJsonObject("links").getString("stac"));
        assertTrue(Json.createReader(new StringReader(Webhooks.payload(1, 1, "j", "FAILED", null, Map.of(),
                URI.create("http://h/api/"), Instant.EPOCH))).readObject().isNull("exitStatus"));
    }

    @Test
    void theSignatureIsTheHmacSha256OfTheBody() {
        // RFC 4231, test case 2
        assertEquals("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                Webhooks.signature("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void timeoutsRateLimitsAndServerErrorsAreTriedAgainWithAGrowingWait() {
        for (int status : new int[] {408, 429, 500, 502, 503}) {
            assertTrue(Webhooks.retryable(status), String.valueOf(status));
        }
        for (int status : new int[] {400, 401, 403, 404, 410, 301}) {
            assertFalse(Webhooks.retryable(status), String.valueOf(status));
        }
        assertEquals(1000, Webhooks.backoff(1000, 1));
        assertEquals(2000, Webhooks.backoff(1000, 2));
        assertEquals(4000, Webhooks.backoff(1000, 3));
        assertEquals(3_600_000, Webhooks.backoff(1000, 40), "at most an hour");
    }
}
