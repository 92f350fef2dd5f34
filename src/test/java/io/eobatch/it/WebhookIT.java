package io.eobatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The webhook (README: Operations, "Webhooks"): a receiver on 127.0.0.1 (the JDK's HTTP server) is configured as
 * {@code eobatch.webhook.url} on the running server (a system property set through the management CLI, removed after),
 * answers the first attempt 503 and only once the test has seen the execution end (so the job did not wait for it),
 * the second 500 and the third 200: three POSTs of the same signed body, the waits growing between them.
 */
class WebhookIT {

    private static final String SECRET = "it-webhook-secret";
    private static final long BACKOFF_MS = 500;

    /** A request the receiver got: when (System.nanoTime), its headers and body, and when it was answered. */
    private record Received(long at, String method, String contentType, String delivery, String signature,
                            byte[] body, long[] answeredAt) {
    }

    @Test
    void anEndedExecutionIsPostedSignedAndRetriedWithBackoffWithoutWaitingForIt() throws Exception {
        Fixtures.uploadDravaAois();
        List<Received> received = new ArrayList<>();
        CountDownLatch executionSeenEnded = new CountDownLatch(1);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1",
                Integer.getInteger("eobatch.it.webhook.port", 0)), 0);
        receiver.createContext("/hook", ex -> answer(ex, received, executionSeenEnded));
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        try {
            Fixtures.cli("/system-property=eobatch.webhook.url:add(value=\"" + url + "\")",
                    "/system-property=eobatch.webhook.secret:add(value=" + SECRET + ")",
                    "/system-property=eobatch.webhook.backoff-ms:add(value=" + BACKOFF_MS + ")",
                    "/system-property=eobatch.webhook.timeout-s:add(value=90)");
            long id = Fixtures.start("aoi-statistics", "{\"aois\":[\"drava-a\"],\"catalog\":\"drava\","
                    + "\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"partitions\":1}");
            JsonObject e = Api.awaitTerminal(id, Duration.ofMinutes(5));
            assertEquals("COMPLETED", e.getString("status"), e.toString());
            synchronized (received) {
                assertTrue(received.stream().allMatch(r -> r.answeredAt()[0] == 0),
                        "the execution ended before its webhook was answered");
            }
            executionSeenEnded.countDown();
            List<Received> mine = Api.pollUntil(() -> {
                synchronized (received) {
                    return received.stream().filter(r -> r.delivery() != null
                            && r.delivery().equals(id + "-COMPLETED") && r.answeredAt()[0] != 0).toList();
                }
            }, l -> l.size() >= 3, Duration.ofMinutes(2), "three answered attempts for execution " + id);

            JsonObject body = Json.createReader(new StringReader(new String(mine.get(0).body(),
                    StandardCharsets.UTF_8))).readObject();
            assertEquals("execution-ended", body.getString("event"));
            assertEquals(id, body.getJsonNumber("execution").longValue());
            assertEquals("aoi-statistics", body.getString("job"));
            assertEquals("COMPLETED", body.getString("status"));
            assertEquals("COMPLETED", body.getString("exitStatus"));
            JsonObject items = body.getJsonObject("items");
            assertEquals(10, items.getInt("total"), body.toString());
            assertEquals(e.getJsonObject("progress").getInt("done"), items.getInt("done"), body.toString());
            assertEquals(0, items.getInt("pending") + items.getInt("inFlight"), body.toString());
            assertTrue(body.getJsonObject("links").getString("execution").endsWith("/api/executions/" + id),
                    body.toString());
            assertEquals(200, Api.get(body.getJsonObject("links").getString("execution")
                    .replaceFirst("^https?://[^/]+", "")).status(), "the link leads to the execution");
            for (Received r : mine) {
                assertEquals("POST", r.method());
                assertEquals("application/json", r.contentType());
                assertTrue(java.util.Arrays.equals(mine.get(0).body(), r.body()), "every attempt sends the same body");
                assertEquals(hmac(r.body()), r.signature(), "signed with the configured secret");
            }
            // each attempt after the configured wait, doubled: 0.5 s after the first answer, 1 s after the second
            long gap1 = TimeUnit.NANOSECONDS.toMillis(mine.get(1).at() - mine.get(0).answeredAt()[0]);
            long gap2 = TimeUnit.NANOSECONDS.toMillis(mine.get(2).at() - mine.get(1).answeredAt()[0]);
            assertTrue(gap1 >= BACKOFF_MS - 50, "first wait " + gap1 + " ms");
            assertTrue(gap2 >= 2 * BACKOFF_MS - 50, "second wait " + gap2 + " ms");
            assertEquals(3, mine.size(), "a 200 ends the deliveries");
        } finally {
            executionSeenEnded.countDown();
            try {
                Fixtures.cli(List.of("url", "secret", "backoff-ms", "timeout-s").stream()
                        .map(key -> "/system-property=eobatch.webhook." + key + ":remove").toArray(String[]::new));
            } catch (AssertionError | Exception notAll) {
                // the adds stopped part-way: remove what is there, one by one
                for (String key : List.of("url", "secret", "backoff-ms", "timeout-s")) {
                    try {
                        Fixtures.cli("/system-property=eobatch.webhook." + key + ":remove");
                    } catch (AssertionError | Exception notSet) {
                        // not added: nothing to remove
                    }
                }
            }
            receiver.stop(0);
        }
    }

    /**
     * Records the request; the first of a delivery is held until the test saw the execution end, then answered 503;
     * the second 500; the third 200.
     */
    private static void answer(HttpExchange ex, List<Received> received, CountDownLatch executionSeenEnded)
            throws IOException {
        long at = System.nanoTime();
        byte[] body = ex.getRequestBody().readAllBytes();
        Received r = new Received(at, ex.getRequestMethod(), ex.getRequestHeaders().getFirst("Content-Type"),
                ex.getRequestHeaders().getFirst("X-Eobatch-Delivery"),
                ex.getRequestHeaders().getFirst("X-Eobatch-Signature"), body, new long[1]);
        int n;
        synchronized (received) { // counted per delivery: another execution's end does not shift the answers
            received.add(r);
            n = (int) received.stream().filter(x -> java.util.Objects.equals(x.delivery(), r.delivery())).count();
        }
        if (n == 1) {
            try {
                executionSeenEnded.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status = n == 1 ? 503 : n == 2 ? 500 : 200;
        byte[] answer = (status == 200 ? "thanks" : "not now").getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, answer.length);
        ex.getResponseBody().write(answer);
        synchronized (received) {
            r.answeredAt()[0] = System.nanoTime();
        }
        ex.close();
    }

    private static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }
}
