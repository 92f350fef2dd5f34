package io.eobatch.provider.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.eobatch.provider.ItemDataException;

/** What a throttle tells its {@link ThrottleObserver} (the metrics): one event at each place it happens. */
class ThrottleObserverTest {

    private static final long MS = 1_000_000L;

    /** The events, as text: "waited p 1500", "attempted p RATE_LIMITED 0.0", "retried p". */
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    private final ThrottleObserver recorder = new ThrottleObserver() {
        @Override
        public void waited(String provider, long nanos) {
            events.add("waited " + provider + " " + nanos / MS);
        }

        @Override
        public void attempted(String provider, Outcome outcome, double units) {
            events.add("attempted " + provider + " " + outcome + " " + units);
        }

        @Override
        public void retried(String provider) {
            events.add("retried " + provider);
        }

        @Override
        public void rateLimited(String provider) {
            events.add("rateLimited " + provider);
        }
    };

    @AfterEach
    void forget() {
        Throttles.observe(null);
    }

    @Test
    void a429ThenSuccessIsOneRateLimitedAttemptARetryAfterThePauseAndOneChargedSuccess() throws Exception {
        VirtualTime clock = new VirtualTime();
        Throttle t = new Throttle("acct", ThrottleSettings.defaults("sentinel-hub").withRequestsPerMinute(0)
                .withRetryAfterUnit(RetryAfterUnit.MILLISECONDS), clock, new Random(1));
        Throttles.observe(recorder);
        AtomicInteger calls = new AtomicInteger();
        VirtualTime.Task task = () -> t.execute("item", 2.5, () -> {
            if (calls.getAndIncrement() == 0) {
                throw new HttpFailure(429, RetryAfter.parse("1500", RetryAfterUnit.MILLISECONDS, Instant.EPOCH),
                        "HTTP 429");
            }
            return "ok";
        });
        assertEquals(List.of(), clock.run(List.of(task), Duration.ofSeconds(10)));
        assertEquals(List.of("waited sentinel-hub 0", "attempted sentinel-hub RATE_LIMITED 0.0", "retried sentinel-hub",
                "waited sentinel-hub 1500", "attempted sentinel-hub SUCCESS 2.5"), events);
    }

    @Test
    void outcomesOfFailures() {
        assertEquals(ThrottleObserver.Outcome.RATE_LIMITED,
                ThrottleObserver.Outcome.of(new HttpFailure(429, Optional.empty(), "x")));
        assertEquals(ThrottleObserver.Outcome.TRANSIENT_ERROR,
                ThrottleObserver.Outcome.of(new HttpFailure(503, Optional.empty(), "x")));
        assertEquals(ThrottleObserver.Outcome.TRANSIENT_ERROR,
                ThrottleObserver.Outcome.of(new java.net.http.HttpTimeoutException("slow")));
        assertEquals(ThrottleObserver.Outcome.ERROR,
                ThrottleObserver.Outcome.of(new HttpFailure(400, Optional.empty(), "x")));
        assertEquals(ThrottleObserver.Outcome.ERROR, ThrottleObserver.Outcome.of(new ItemDataException("bad", null)));
    }

    @Test
    void aFinalFailureIsNotRetriedAndChargesNothing() {
        Throttle t = new Throttle("acct", ThrottleSettings.defaults("observearth").withRequestsPerMinute(0));
        Throttles.observe(recorder);
        assertThrows(ItemDataException.class, () -> t.execute("item", 1, () -> {
            throw new HttpFailure(404, Optional.empty(), "HTTP 404");
        }));
        assertEquals(List.of("attempted observearth ERROR 0.0"),
                events.stream().filter(e -> !e.startsWith("waited")).toList());
    }

    @Test
    void withoutAnObserverNothingIsToldAndCallsRunAsBefore() throws Exception {
        Throttle t = new Throttle("acct", ThrottleSettings.defaults("stac").withRequestsPerMinute(0));
        assertEquals("ok", t.call(0, () -> "ok"));
        t.rateLimited();
        assertEquals(List.of(), events);
        Throttles.observe(recorder);
        t.rateLimited();
        assertEquals(List.of("rateLimited stac"), events);
    }
}
