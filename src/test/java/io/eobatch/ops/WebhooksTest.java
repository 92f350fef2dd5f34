package io.eobatch.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.eobatch.ledger.ItemStatus;
import io.eobatch.outbound.OutboundLimits;
import io.eobatch.outbound.OutboundPolicy;
import io.eobatch.testsupport.Misbehaving;

/**
 * The webhook's body, signature, and which answers are tried again after how long; and its deliveries against a
 * receiver on 127.0.0.1: a 2xx ends one, a refusing answer or a redirect elsewhere is not tried again, and a receiver
 * that keeps failing is given up after the configured attempts.
 */
class WebhooksTest {

    @RegisterExtension
    final Misbehaving.Server receiver = new Misbehaving.Server();

    private Webhooks webhooks;

    @AfterEach
    void stop() {
        if (webhooks != null) {
            webhooks.stop();
        }
    }

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

    @Test
    void aDeliveryIsTriedAgainUntilA2xxAnswersItThenNoMore() throws Exception {
        answering("/hook", 503, 500, 200, 200);
        Webhooks.Delivery d = delivery("/hook", 4);
        webhooks().attempt(d, 1);
        awaitIdle();
        List<Misbehaving.Received> got = receiver.requests("/hook");
        assertEquals(3, got.size(), "503 and 500 tried again, the 200 ends it: " + got);
        for (Misbehaving.Received r : got) {
            assertEquals("POST", r.method());
            assertEquals("42-COMPLETED", r.header("X-Eobatch-Delivery"), "the same delivery every attempt");
        }
    }

    @Test
    void aRefusingAnswerIsNotTriedAgain() throws Exception {
        answering("/hook", 400, 200);
        webhooks().attempt(delivery("/hook", 4), 1);
        awaitIdle();
        assertEquals(1, receiver.requests("/hook").size(), "a 400 is not tried again");
    }

    @Test
    void aReceiverThatKeepsFailingIsGivenUpAfterTheConfiguredAttempts() throws Exception {
        answering("/hook", 503, 503, 503, 503, 503);
        webhooks().attempt(delivery("/hook", 3), 1);
        awaitIdle();
        assertEquals(3, receiver.requests("/hook").size(), "3 attempts in all");
    }

    @Test
    void aRedirectToAnotherHostIsRefusedAndNotTriedAgain() throws Exception {
        answering("/elsewhere", 200);
        receiver.redirect("/hook", 307, receiver.otherHost("/elsewhere").toString());
        webhooks().attempt(delivery("/hook", 4), 1);
        awaitIdle();
        assertEquals(1, receiver.requests("/hook").size(), "refused, not tried again");
        assertTrue(receiver.requests("/elsewhere").isEmpty(), "the signed body goes to the configured host only");
    }

    /** Answers the requests to {@code path} with {@code statuses} in turn (the last one from then on). */
    private void answering(String path, int... statuses) {
        AtomicInteger n = new AtomicInteger();
        receiver.on(path, ex -> {
            ex.getRequestBody().readAllBytes();
            int status = statuses[Math.min(n.getAndIncrement(), statuses.length - 1)];
            ex.sendResponseHeaders(status, -1);
        });
    }

    /** A delivery to {@code path} on the receiver, as {@link Webhooks#executionEnded} makes it, 10 ms backoff. */
    private Webhooks.Delivery delivery(String path, int attempts) {
        URI url = receiver.url(path);
        Duration timeout = Duration.ofSeconds(10);
        byte[] body = "{\"event\":\"execution-ended\"}".getBytes(StandardCharsets.UTF_8);
        return new Webhooks.Delivery(url, body, Map.of("Content-Type", "application/json", "X-Eobatch-Delivery",
                "42-COMPLETED"), OutboundPolicy.forRoot("webhook", Webhooks.KEY_URL, url, List.of(),
                OutboundLimits.DEFAULTS.withTimeout(timeout)), timeout, attempts, 10, 42);
    }

    /** A started Webhooks on plain threads (the server's managed thread factory stands in). */
    private Webhooks webhooks() {
        webhooks = new Webhooks();
        webhooks.threads = new ManagedThreadFactory() {
            @Override
            public Thread newThread(Runnable r) {
                Thread t = new Thread(r, "webhooks-test");
                t.setDaemon(true);
                return t;
            }

            @Override
            public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
                throw new UnsupportedOperationException();
            }
        };
        webhooks.start();
        return webhooks;
    }

    /**
     * Polls (with a deadline) until no attempt runs or waits: an attempt schedules the next before it ends, so an idle
     * scheduler means the delivery is over.
     */
    private void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(webhooks.scheduler.getQueue().isEmpty() && webhooks.scheduler.getActiveCount() == 0)) {
            assertTrue(System.nanoTime() < deadline, "the delivery ended within 30 s");
            Thread.sleep(10);
        }
    }
}
