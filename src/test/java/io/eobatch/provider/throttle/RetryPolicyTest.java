package io.eobatch.provider.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.eobatch.provider.ItemDataException;
import io.eobatch.provider.TransientSourceException;

class RetryPolicyTest {

    private static final long MS = 1_000_000L;

    private static ThrottleSettings settings(int attempts) {
        return ThrottleSettings.defaults("test").withRequestsPerMinute(0)
                .withRetries(attempts, Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    private static HttpFailure http(int status) {
        return new HttpFailure(status, Optional.empty(), "HTTP " + status + " from POST http://127.0.0.1/api");
    }

    @Test
    void backoffCeilingDoublesAndIsCapped() {
        RetryPolicy p = RetryPolicy.of(settings(20));
        long[] expectedMs = {100, 200, 400, 800, 1000, 1000, 1000};
        for (int n = 1; n <= expectedMs.length; n++) {
            assertEquals(Duration.ofMillis(expectedMs[n - 1]), p.ceiling(n), "after " + n + " failures");
        }
        assertEquals(Duration.ofSeconds(1), p.ceiling(200), "no overflow for many attempts");
    }

    @Test
    void fullJitterSpansZeroToTheCeilingAndGrowsWithAttempts() {
        RetryPolicy p = RetryPolicy.of(settings(20));
        Random random = new Random(42);
        double previousMean = 0;
        for (int n = 1; n <= 6; n++) {
            long ceiling = p.ceiling(n).toNanos();
            long min = Long.MAX_VALUE;
            long max = 0;
            double sum = 0;
            for (int i = 0; i < 2000; i++) {
                long d = p.backoff(n, random).toNanos();
                assertTrue(d >= 0 && d <= ceiling, "backoff " + d + " within [0, " + ceiling + "]");
                min = Math.min(min, d);
                max = Math.max(max, d);
                sum += d;
            }
            double mean = sum / 2000;
            assertEquals(ceiling / 2.0, mean, ceiling * 0.05, "uniform: mean is half the ceiling");
            assertTrue(min < ceiling * 0.01 && max > ceiling * 0.99, "spans the whole range");
            assertTrue(n > 4 || mean > previousMean * 1.8, "grows until capped");
            previousMean = mean;
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 410, 422})
    void otherClientErrorsFailTheItemAtOnce(int status) throws Exception {
        VirtualTime clock = new VirtualTime();
        Throttle t = new Throttle("acct", settings(5), clock, new Random(1));
        AtomicInteger calls = new AtomicInteger();
        var e = assertThrows(ItemDataException.class, () -> t.execute("item 7", 0, () -> {
            calls.incrementAndGet();
            throw http(status);
        }));
        assertEquals(1, calls.get(), "not retried");
        assertTrue(e.getMessage().startsWith("item 7: HTTP " + status + " from POST http://127.0.0.1/api"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("(not retried)"), e.getMessage());
        assertEquals(0, clock.nanoTime());
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 503, 502, 504, 500, 408})
    void transientStatusesAreRetriedUpToTheLimitThenFinal(int status) throws Exception {
        VirtualTime clock = new VirtualTime();
        Throttle t = new Throttle("acct", settings(4), clock, new Random(1));
        AtomicInteger calls = new AtomicInteger();
        List<Throwable> failures = clock.run(List.of(() -> t.execute("item 9", 0, () -> {
            calls.incrementAndGet();
            throw http(status);
        })), Duration.ofSeconds(10));
        assertEquals(4, calls.get());
        RetriesExhaustedException e = assertInstanceOf(RetriesExhaustedException.class, failures.get(0));
        assertInstanceOf(TransientSourceException.class, e);
        assertEquals("item 9: gave up after 4 attempts (account acct): HTTP " + status
                + " from POST http://127.0.0.1/api", e.getMessage());
        assertEquals(4, e.attempts());
        assertEquals(status, e.lastStatus().getAsInt());
    }

    @Test
    void theBackoffSleepsAreTheJitteredDelaysOfTheSeededRandom() throws Exception {
        VirtualTime clock = new VirtualTime();
        Throttle t = new Throttle("acct", settings(5), clock, new Random(99));
        List<Long> attemptTimes = new ArrayList<>();
        List<Throwable> failures = clock.run(List.of(() -> assertEquals("ok", t.execute("x", 0, () -> {
            attemptTimes.add(clock.nanoTime());
            if (attemptTimes.size() < 4) {
                throw http(503);
            }
            return "ok";
        }))), Duration.ofSeconds(10));
        assertEquals(List.of(), failures);
        RetryPolicy p = RetryPolicy.of(settings(5));
        Random same = new Random(99);
        long expected = 0;
        for (int n = 1; n <= 3; n++) {
            expected += p.backoff(n, same).toNanos();
            assertEquals(expected, attemptTimes.get(n).longValue(), "attempt " + (n + 1));
            assertTrue(attemptTimes.get(n) - attemptTimes.get(n - 1) <= p.ceiling(n).toNanos());
        }
    }

    @Test
    void timeoutsAndDroppedConnectionsAreRetried() throws Exception {
        List<Exception> failures = List.of(new HttpTimeoutException("request timed out"),
                new ConnectException("Connection refused"), new SocketException("Connection reset"),
                new SocketTimeoutException("Read timed out"), new IOException("HTTP/1.1 header parser received no bytes"),
                new IOException("GET http://127.0.0.1/x", new ConnectException("refused")));
        VirtualTime clock = new VirtualTime();
        Throttle t = new Throttle("acct", settings(10), clock, new Random(1));
        AtomicInteger calls = new AtomicInteger();
        List<Throwable> thrown = clock.run(List.of(() -> assertEquals("ok", t.execute("x", 0, () -> {
            int n = calls.getAndIncrement();
            if (n < failures.size()) {
                throw failures.get(n);
            }
            return "ok";
        }))), Duration.ofSeconds(10));
        assertEquals(List.of(), thrown);
        assertEquals(failures.size() + 1, calls.get());
    }

    @Test
    void aMalformedBodyFailsTheItemNotThePartition() throws Exception {
        Throttle t = new Throttle("acct", settings(5), new VirtualTime(), new Random(1));
        AtomicInteger calls = new AtomicInteger();
        var e = assertThrows(MalformedResponseException.class, () -> t.execute("stats of aoi 3", 0, () -> {
            calls.incrementAndGet();
            return MalformedResponseException.parse("stats of aoi 3",
                    () -> jakarta.json.Json.createReader(new java.io.StringReader("{\"data\": [")).readObject());
        }));
        assertInstanceOf(ItemDataException.class, e);
        assertTrue(e.getMessage().startsWith("stats of aoi 3: malformed answer: "), e.getMessage());
        assertEquals(1, calls.get());

        var raw = assertThrows(ItemDataException.class, () -> t.execute("stats of aoi 4", 0,
                () -> jakarta.json.Json.createReader(new java.io.StringReader("<html>")).readObject()));
        assertTrue(raw.getMessage().startsWith("stats of aoi 4: "), raw.getMessage());
    }

    @Test
    void bugsAndOtherIoErrorsAreNotRetried() {
        Throttle t = new Throttle("acct", settings(5), new VirtualTime(), new Random(1));
        IllegalStateException bug = new IllegalStateException("bug");
        assertSame(bug, assertThrows(IllegalStateException.class, () -> t.execute("x", 0, () -> {
            throw bug;
        })));
        var e = assertThrows(ItemDataException.class, () -> t.execute("x", 0, () -> {
            throw new java.net.UnknownHostException("no.such.host");
        }));
        assertEquals("x: UnknownHostException: no.such.host (not retried)", e.getMessage());
        assertEquals(2, t.stats().failed());
    }
}
