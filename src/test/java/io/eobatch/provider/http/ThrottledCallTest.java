package io.eobatch.provider.http;

import static io.eobatch.provider.sentinelhub.ShTestSupport.aoi;
import static io.eobatch.provider.sentinelhub.ShTestSupport.realAnswer;
import static io.eobatch.provider.sentinelhub.ShTestSupport.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eobatch.provider.observearth.ObserveEarthClient;
import io.eobatch.provider.observearth.ObserveEarthConfig;
import io.eobatch.provider.sentinelhub.SentinelHubClient;
import io.eobatch.provider.sentinelhub.SentinelHubRequests;
import io.eobatch.provider.sentinelhub.ShTestSupport.Account;
import io.eobatch.provider.sentinelhub.StatisticsRequest;
import io.eobatch.provider.sentinelhub.StatisticsResult;
import io.eobatch.provider.sentinelhub.StubServer;
import io.eobatch.provider.throttle.RetriesExhaustedException;
import io.eobatch.provider.throttle.Throttle;
import io.eobatch.provider.throttle.ThrottleSettings;
import io.eobatch.provider.throttle.ThrottleStats;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.provider.ItemDataException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link ThrottledCall} between the real clients and a real {@link Throttle}, against a stub Sentinel Hub (and one
 * ObservEarth) on 127.0.0.1: transient answers are retried, {@code Retry-After} is read in the account's unit and
 * pauses the account, exhausted retries and the item's own failures come out as the exceptions the job knows, and
 * the in-flight limit holds under 16 threads. Times are the stub's arrival times of the requests, never a sleep of
 * the test.
 */
class ThrottledCallTest {

    private static final String STATS = SentinelHubRequests.STATISTICS_PATH;
    /** The day of the real answer's interval (normal_stat_result.json: 2020-06-11T00:00Z to 2020-06-12T00:00Z). */
    private static final LocalDate DAY = LocalDate.of(2020, 6, 11);
    /** Retries as the brief asks: 3 attempts, backoff 1..5 ms. */
    private static final ThrottleSettings SH = ThrottleSettings.defaults("sentinel-hub")
            .withRetries(3, Duration.ofMillis(1), Duration.ofMillis(5));

    private static StatisticsRequest oneDay() {
        return StatisticsRequest.daily(aoi(), DAY, DAY, SpectralIndex.NDVI, null);
    }

    private static String realOk() {
        return realAnswer("normal_stat_result.json", 0).toString();
    }

    /** A client of the stub account whose every API attempt runs through {@code throttle}. */
    private static SentinelHubClient client(Account account, Throttle throttle) {
        return account.client(new ThrottledCall(throttle), Clock.systemUTC());
    }

    /** Records System.nanoTime() at each request's arrival at the stub. */
    private static final class Arrivals {
        final List<Long> nanos = Collections.synchronizedList(new ArrayList<>());

        int arrive() {
            synchronized (nanos) {
                nanos.add(System.nanoTime());
                return nanos.size();
            }
        }

        long gapMillis(int a, int b) {
            synchronized (nanos) {
                return (nanos.get(b) - nanos.get(a)) / 1_000_000;
            }
        }
    }

    @Test
    void a503ThenA200IsOneResultFromTwoRequests() throws IOException {
        String ok = realOk();
        try (Account account = new Account()) {
            AtomicInteger n = new AtomicInteger();
            account.server.route("POST", STATS, r -> n.incrementAndGet() == 1
                    ? StubServer.Reply.json(503, "{\"error\":{\"status\":503,\"reason\":\"Service Unavailable\"}}")
                    : StubServer.Reply.json(200, ok));
            Throttle throttle = new Throttle("sentinel-hub:test-503", SH);
            StatisticsResult r = client(account, throttle).statistics(oneDay());

            assertEquals(1, r.succeeded().size());
            assertEquals(109, r.succeeded().get(0).statistics().validCount());
            assertEquals(2, account.server.count(STATS), "one 503, one retry");
            assertEquals(1, account.tokenRequests.get(), "the retry reuses the token");
            for (StubServer.Recorded s : account.server.requests(STATS)) {
                assertEquals("Bearer " + token(1), s.header("Authorization"));
            }
            ThrottleStats st = throttle.stats();
            assertEquals(2, st.started());
            assertEquals(1, st.succeeded());
            assertEquals(1, st.failed());
            assertEquals(0, st.pauses(), "no Retry-After: backoff, no pause of the account");
        }
    }

    @Test
    void retryAfterOfSentinelHubIsMilliseconds() throws IOException {
        String ok = realOk();
        try (Account account = new Account()) {
            Arrivals arrivals = new Arrivals();
            account.server.route("POST", STATS, r -> arrivals.arrive() == 1
                    ? StubServer.Reply.json(429, "{\"error\":{\"status\":429,\"reason\":\"Too Many Requests\"}}")
                            .with("Retry-After", "200")
                    : StubServer.Reply.json(200, ok));
            Throttle throttle = new Throttle("sentinel-hub:test-429", SH);
            // read as seconds, the pause would be 200 s: fail after 10 s instead of hanging
            StatisticsResult r = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> client(account, throttle).statistics(oneDay()));

            assertEquals(1, r.succeeded().size());
            assertEquals(2, account.server.count(STATS));
            long gap = arrivals.gapMillis(0, 1);
            assertTrue(gap >= 200, "the retry came " + gap + " ms after the 429 with Retry-After: 200 (ms)");
            assertEquals(1, throttle.stats().pauses(), "Retry-After pauses the whole account");
        }
    }

    @Test
    void retryAfterElsewhereIsSeconds() throws IOException {
        try (StubServer server = new StubServer()) {
            Arrivals arrivals = new Arrivals();
            server.route("POST", ObserveEarthClient.STATS_PATH, r -> arrivals.arrive() == 1
                    ? StubServer.Reply.json(429, "{\"detail\":\"Request was throttled.\"}").with("Retry-After", "1")
                    : StubServer.Reply.json(200, "{\"results\":[{\"date\":\"2023-08-02\",\"mean_value\":0.61}]}"));
            Throttle throttle = new Throttle("observearth:test-429",
                    ThrottleSettings.defaults("observearth").withRetries(3, Duration.ofMillis(1), Duration.ofMillis(5)));
            ObserveEarthClient client = new ObserveEarthClient(
                    new ObserveEarthConfig(server.url(""), "key-0123456789", Duration.ofSeconds(20)), new ThrottledCall(throttle));
            int results = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> client.stats("g-1",
                    LocalDate.of(2023, 8, 2), LocalDate.of(2023, 8, 2), null, SpectralIndex.NDVI).size());

            assertEquals(1, results);
            assertEquals(2, server.count(ObserveEarthClient.STATS_PATH));
            long gap = arrivals.gapMillis(0, 1);
            assertTrue(gap >= 1000, "the retry came " + gap + " ms after the 429 with Retry-After: 1 (s)");
        }
    }

    @Test
    void threeTransientFailuresExhaustTheRetries() throws IOException {
        try (Account account = new Account()) {
            account.server.route("POST", STATS, r -> StubServer.Reply.json(503,
                    "{\"error\":{\"status\":503,\"reason\":\"Service Unavailable\"}}"));
            Throttle throttle = new Throttle("sentinel-hub:test-exhausted", SH);
            RetriesExhaustedException e = assertThrows(RetriesExhaustedException.class,
                    () -> client(account, throttle).statistics(oneDay()));

            assertEquals(3, e.attempts());
            assertEquals(503, e.lastStatus().orElseThrow());
            assertTrue(e.getMessage().contains("gave up after 3 attempts"), e.getMessage());
            assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
            assertTrue(e.getMessage().contains(account.server.url(STATS).toString()), "names the URL: " + e.getMessage());
            assertEquals(3, account.server.count(STATS));
        }
    }

    @Test
    void a400FailsTheItemAtOnce() throws IOException {
        try (Account account = new Account()) {
            account.server.route("POST", STATS, r -> StubServer.Reply.json(400, "{\"error\":{\"status\":400,"
                    + "\"reason\":\"Bad Request\",\"message\":\"Invalid evalscript\",\"code\":\"COMMON_BAD_PAYLOAD\"}}"));
            Throttle throttle = new Throttle("sentinel-hub:test-400", SH);
            ItemDataException e = assertThrows(ItemDataException.class,
                    () -> client(account, throttle).statistics(oneDay()));

            assertEquals(ItemDataException.class, e.getClass(), "the item's own failure, not a retryable one");
            assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
            assertTrue(e.getMessage().contains("COMMON_BAD_PAYLOAD"), "the provider's reason: " + e.getMessage());
            assertTrue(e.getMessage().contains("not retried"), e.getMessage());
            assertEquals(1, account.server.count(STATS), "no retry of a 400");
            assertEquals(1, throttle.stats().started());
        }
    }

    @Test
    void aMalformedBodyFailsTheItemAtOnce() throws IOException {
        try (Account account = new Account()) {
            account.server.route("POST", STATS, r -> StubServer.Reply.json(200, "{\"data\": [{\"interval\": "));
            Throttle throttle = new Throttle("sentinel-hub:test-malformed", SH);
            ItemDataException e = assertThrows(ItemDataException.class,
                    () -> client(account, throttle).statistics(oneDay()));

            assertTrue(e.getMessage().startsWith("POST " + account.server.url(STATS) + ": answer is not valid JSON"),
                    e.getMessage());
            assertEquals(1, account.server.count(STATS), "no retry of a malformed answer");
        }
    }

    @Test
    void neverMoreThanMaxInFlightWith16Threads() throws Exception {
        int limit = 4;
        int threads = 16;
        int perThread = 4;
        String ok = realOk();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        CountDownLatch full = new CountDownLatch(1);
        try (Account account = new Account()) {
            account.server.route("POST", STATS, r -> {
                int now = inFlight.incrementAndGet();
                maxInFlight.accumulateAndGet(now, Math::max);
                try {
                    if (now >= limit) {
                        full.countDown();
                    }
                    // the first requests wait until the limit is reached once (so reaching it is certain), then every
                    // request takes the stub's fixed 20 ms latency (a provider's answer time), during which a request
                    // over the limit would show up
                    full.await(10, TimeUnit.SECONDS);
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    // before the answer is sent: the client cannot start its next call before this
                    inFlight.decrementAndGet();
                }
                return StubServer.Reply.json(200, ok);
            });
            // no request rate limit, so that in-flight slots are what binds
            Throttle throttle = new Throttle("sentinel-hub:test-in-flight",
                    SH.withMaxInFlight(limit).withRequestsPerMinute(0));
            SentinelHubClient client = client(account, throttle);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        int n = 0;
                        for (int i = 0; i < perThread; i++) {
                            n += client.statistics(oneDay()).succeeded().size();
                        }
                        return n;
                    }));
                }
                start.countDown();
                int results = 0;
                for (Future<Integer> f : futures) {
                    results += f.get(60, TimeUnit.SECONDS);
                }
                assertEquals(threads * perThread, results);
            } finally {
                pool.shutdownNow();
            }
            assertEquals(threads * perThread, account.server.count(STATS));
            assertEquals(1, account.tokenRequests.get(), "one token for all threads");
            assertEquals(limit, maxInFlight.get(), "the stub saw at most (and at some point exactly) " + limit
                    + " requests at once");
            assertTrue(throttle.stats().maxRunning() <= limit, throttle.stats().toString());
        }
    }
}
