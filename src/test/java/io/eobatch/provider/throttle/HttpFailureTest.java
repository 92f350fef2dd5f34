package io.eobatch.provider.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** HttpFailure from real answers of a loopback server, and a client fed through Throttle.execute. */
class HttpFailureTest {

    private HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();
    private final List<int[]> script = new ArrayList<>(); // status per hit; the last repeats
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/statistics", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange ex) throws IOException {
        int n = hits.getAndIncrement();
        int status = script.get(Math.min(n, script.size() - 1))[0];
        byte[] body = ("{\"error\":{\"status\":" + status + ",\"reason\":\"scripted\"}}").getBytes(StandardCharsets.UTF_8);
        if (status == 429) {
            ex.getResponseHeaders().add("Retry-After", "250");
        }
        if (status == 503) {
            // the JDK server writes its own Date header (whole seconds): ask for 3 s after this second
            java.time.ZonedDateTime at = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(3);
            ex.getResponseHeaders().add("Retry-After", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(at));
        }
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/statistics?key=secret");
    }

    private String post(RetryAfterUnit unit) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri()).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw HttpFailure.of(r, unit);
        }
        return r.body();
    }

    @Test
    void sentinelHubsRetryAfterIsMilliseconds() throws Exception {
        script.add(new int[] {429});
        try {
            post(RetryAfterUnit.MILLISECONDS);
            throw new AssertionError("no failure");
        } catch (HttpFailure f) {
            assertEquals(429, f.status());
            assertEquals(Optional.of(Duration.ofMillis(250)), f.retryAfter());
            assertTrue(f.isTransient());
            assertEquals("HTTP 429 from POST http://127.0.0.1:" + server.getAddress().getPort()
                    + "/api/v1/statistics: {\"error\":{\"status\":429,\"reason\":\"scripted\"}}", f.getMessage());
            assertFalse(f.getMessage().contains("secret"), "no query string in messages");
        }
    }

    @Test
    void anHttpDateIsMeasuredFromTheAnswersDateHeader() throws Exception {
        script.add(new int[] {503});
        try {
            post(RetryAfterUnit.SECONDS);
            throw new AssertionError("no failure");
        } catch (HttpFailure f) {
            Duration d = f.retryAfter().orElseThrow();
            // whole seconds: measured from the server's Date header, not from our clock
            assertTrue(d.equals(Duration.ofSeconds(3)) || d.equals(Duration.ofSeconds(2)), d.toString());
        }
    }

    @Test
    void aClientThroughTheThrottleRetriesUntilTheServerHeals() throws Exception {
        script.add(new int[] {502});
        script.add(new int[] {504});
        script.add(new int[] {200});
        Throttle t = new Throttle("loopback", ThrottleSettings.defaults("stub")
                .withRetries(5, Duration.ofMillis(1), Duration.ofMillis(5)));
        String body = t.execute("statistics of aoi 1", 0.01, () -> post(RetryAfterUnit.SECONDS));
        assertTrue(body.contains("\"status\":200"));
        assertEquals(3, hits.get());
        assertEquals(3, t.stats().started());
        assertEquals(0.01, t.stats().unitsSpent(), 1e-12, "only the successful call is charged");
    }

    @Test
    void aForbiddenAnswerIsOneCallAndFailsTheItem() throws Exception {
        script.add(new int[] {403});
        Throttle t = new Throttle("loopback", ThrottleSettings.defaults("stub"));
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.eobatch.provider.ItemDataException.class,
                () -> t.execute("image of aoi 2", 0, () -> post(RetryAfterUnit.SECONDS)));
        assertTrue(e.getMessage().startsWith("image of aoi 2: HTTP 403 from POST http://127.0.0.1:"), e.getMessage());
        assertEquals(1, hits.get());
    }
}
