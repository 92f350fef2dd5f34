package io.eobatch.provider.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** A Retry-After from one call pauses every caller of the account (virtual clock). */
class ThrottlePauseTest {

    private static final long MS = 1_000_000L;
    private static final Instant DATE = Instant.parse("2026-11-22T00:00:00Z");

    private static void spinUntil(java.util.function.BooleanSupplier c) {
        long end = System.nanoTime() + 10_000 * MS;
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out");
            }
            Thread.onSpinWait();
        }
    }

    @ParameterizedTest(name = "{0} ({1}) pauses everyone {2} ms")
    @CsvSource({
        "1500, MILLISECONDS, 1500",                        // Sentinel Hub
        "2, SECONDS, 2000",                                // RFC 9110 seconds
        "'Sun, 22 Nov 2026 00:00:03 GMT', SECONDS, 3000",  // HTTP-date, 3 s after the answer's Date
    })
    void retryAfterPausesAllCallers(String header, RetryAfterUnit unit, long pauseMs) throws Exception {
        VirtualTime clock = new VirtualTime();
        Throttle t = new Throttle("acct", ThrottleSettings.defaults("p").withRequestsPerMinute(0).withMaxInFlight(4)
                .withRetryAfterUnit(unit), clock, new Random(1));
        Map<String, List<Long>> starts = new ConcurrentHashMap<>();
        AtomicInteger first = new AtomicInteger();
        VirtualTime.Task a = () -> t.execute("a", 0, () -> {
            starts.computeIfAbsent("a", k -> Collections.synchronizedList(new ArrayList<>())).add(clock.nanoTime());
            if (first.getAndIncrement() == 0) {
                throw new HttpFailure(429, RetryAfter.parse(header, t.settings().retryAfterUnit(), DATE),
                        "HTTP 429 too many requests");
            }
            return "a";
        });
        List<VirtualTime.Task> tasks = new ArrayList<>(List.of(a));
        for (String name : List.of("b", "c")) {
            tasks.add(() -> {
                spinUntil(() -> t.pausedFor() > 0); // start once the 429 has come back
                t.execute(name, 0, () -> starts.put(name, List.of(clock.nanoTime())));
            });
        }
        assertEquals(List.of(), clock.run(tasks, Duration.ofSeconds(10)));
        assertEquals(List.of(0L, pauseMs * MS), starts.get("a"), "a retried after the pause, without backoff");
        assertEquals(List.of(pauseMs * MS), starts.get("b"), "b waited for a's Retry-After");
        assertEquals(List.of(pauseMs * MS), starts.get("c"));
        assertEquals(1, t.stats().pauses());
    }

    @Test
    void aCallAlreadyWaitingForItsRateSlotWaitsForThePauseToo() throws Exception {
        VirtualTime clock = new VirtualTime();
        Throttle t = new Throttle("acct", ThrottleSettings.defaults("p").withRequestsPerMinute(60).withRateHeadroom(0)
                .withMaxInFlight(2), clock, new Random(1));
        List<Long> bStarts = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger aCalls = new AtomicInteger();
        VirtualTime.Task a = () -> t.execute("a", 0, () -> {
            if (aCalls.getAndIncrement() == 0) {
                spinUntil(() -> clock.sleeping() == 1); // b holds the slot at 1 s and sleeps towards it
                throw new HttpFailure(429, java.util.Optional.of(Duration.ofSeconds(5)), "slow down");
            }
            return "a";
        });
        VirtualTime.Task b = () -> {
            spinUntil(() -> t.stats().started() == 1); // a took the slot at 0 s
            t.execute("b", 0, () -> bStarts.add(clock.nanoTime()));
        };
        assertEquals(List.of(), clock.run(List.of(a, b), Duration.ofSeconds(10)));
        assertEquals(1, bStarts.size());
        assertTrue(bStarts.get(0) >= 5000 * MS, "b started at " + bStarts.get(0) / 1e6 + " ms, inside the pause");
        assertEquals(2, aCalls.get());
    }

    @Test
    void aRetryAfterLongerThanMaxWaitIsFinalAndStopsTheOthersAtOnce() throws Exception {
        VirtualTime clock = new VirtualTime();
        Throttle t = new Throttle("acct", ThrottleSettings.defaults("p").withRequestsPerMinute(0)
                .withMaxWait(Duration.ofSeconds(60)), clock, new Random(1));
        List<Throwable> failures = clock.run(List.of(() -> t.execute("a", 0, () -> {
            throw new HttpFailure(429, java.util.Optional.of(Duration.ofHours(1)), "daily quota");
        })), Duration.ofSeconds(10));
        RetriesExhaustedException e = assertInstanceOf(RetriesExhaustedException.class, failures.get(0));
        assertEquals("a: the provider asked to wait 3600 s (Retry-After), more than max-wait-s = 60 s, after 1 attempt"
                + " (account acct): HTTP 429: daily quota", e.getMessage());
        ThrottleTimeoutException other = assertInstanceOf(ThrottleTimeoutException.class,
                clock.run(List.of(() -> t.execute("b", 0, () -> "b")), Duration.ofSeconds(10)).get(0));
        assertTrue(other.getMessage().contains("Retry-After pause"), other.getMessage());
        assertEquals(0, clock.nanoTime(), "nobody waited");
    }
}
