package io.eobatch.provider.stac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.eobatch.provider.TransientSourceException;
import io.eobatch.provider.throttle.RetryAfterUnit;
import io.eobatch.provider.throttle.Throttle;
import io.eobatch.provider.throttle.ThrottleSettings;
import io.eobatch.provider.throttle.ThrottleTimeoutException;
import io.eobatch.raster.io.ByteRange;
import io.eobatch.raster.io.HttpGate;
import io.eobatch.raster.io.HttpRangeByteSource;
import io.eobatch.raster.io.HttpStatusException;
import io.eobatch.raster.io.RangeHttpServer;
import io.eobatch.stac.StacCatalog;
import io.eobatch.stac.StacCatalogs;
import io.eobatch.stac.StacException;

/**
 * The stac provider's HTTP through one throttle per host, against HTTP stubs on 127.0.0.1 that count what reaches
 * them: in-flight and rate limits hold for COG range reads from many threads, catalog requests share their host's
 * throttle, Retry-After pauses the host, nothing is retried inside, and file: URLs are not throttled.
 */
class StacHttpGateTest {

    private static final String CATALOG = "{\"type\":\"Catalog\",\"stac_version\":\"1.0.0\",\"id\":\"c\","
            + "\"description\":\"test\",\"links\":[]}";

    private final List<RangeHttpServer> servers = new ArrayList<>();
    private final Map<String, Throttle> made = new ConcurrentHashMap<>();
    private HttpGate before;
    private byte[] content;

    @BeforeEach
    void setUp() {
        before = HttpGate.current();
        content = new byte[1_000_000];
        new Random(11).nextBytes(content);
    }

    @AfterEach
    void tearDown() {
        HttpGate.install(before);
        servers.forEach(RangeHttpServer::close);
    }

    private RangeHttpServer server() throws IOException {
        RangeHttpServer s = new RangeHttpServer();
        servers.add(s);
        return s;
    }

    /** Settings with no limit but the ones a test sets: every test gets fresh throttles (not the JVM-wide ones). */
    private static ThrottleSettings unlimited() {
        return ThrottleSettings.defaults("stac").withMaxInFlight(64).withRequestsPerMinute(0)
                .withMaxWait(Duration.ofSeconds(30));
    }

    private StacHttpGate install(ThrottleSettings settings) {
        StacHttpGate gate = new StacHttpGate(settings, key -> made.computeIfAbsent(key, k -> new Throttle(k, settings)));
        HttpGate.install(gate);
        return gate;
    }

    private byte[] slice(ByteRange r) {
        return Arrays.copyOfRange(content, (int) r.offset(), (int) r.end());
    }

    /** Four ranges far apart (never merged): a source runs them 4 at a time. */
    private static List<ByteRange> farRanges(int thread) {
        List<ByteRange> ranges = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ranges.add(new ByteRange(thread * 1000L + i * 200_000L, 1000));
        }
        return ranges;
    }

    /** 8 threads, started together, each reading 4 far ranges through its own source; checks every byte. */
    private void readFromEightThreads(URI url) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    go.await();
                    List<ByteRange> ranges = farRanges(thread);
                    List<byte[]> got = HttpRangeByteSource.of(url).readRanges(ranges);
                    for (int i = 0; i < ranges.size(); i++) {
                        assertArrayEquals(slice(ranges.get(i)), got.get(i), "thread " + thread + ", range " + i);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void maxInFlightTwoNeverLetsThreeRangeRequestsOfEightThreadsReachTheServer() throws Exception {
        RangeHttpServer server = server();
        server.latency(Duration.ofMillis(30));
        URI url = server.serve("/B04.tif", content);

        // without the gate the same reads overlap well past 2: the assertion below could fail
        readFromEightThreads(url);
        assertEquals(32, server.requests());
        assertTrue(server.maxInFlight() >= 3, "direct: " + server.maxInFlight() + " in flight at most");

        server.resetCounters();
        StacHttpGate gate = install(unlimited().withMaxInFlight(2));
        readFromEightThreads(url);
        assertEquals(32, server.requests(), "one request per range, as without the gate");
        assertEquals(2, server.maxInFlight(), "never more than max-in-flight at the server, and the 2 used");
        Throttle t = gate.throttle(url);
        assertEquals("stac:" + "http://127.0.0.1:" + url.getPort(), t.account());
        assertEquals(32, t.stats().started());
        assertEquals(32, t.stats().succeeded());
        assertEquals(2, t.stats().maxRunning());
    }

    @Test
    void requestsPerMinutePacesTheRequestsOfEightThreads() throws Exception {
        RangeHttpServer server = server();
        URI url = server.serve("/B08.tif", content);
        // scaled: 6 requests per 600 ms window, i.e. one start every 100 ms
        StacHttpGate gate = install(unlimited().withRequestsPerMinute(6).withWindow(Duration.ofMillis(600))
                .withRateHeadroom(0));
        // the moments the gate lets each request go: what the limit is about (arrivals at the server add the
        // loopback's and the scheduler's jitter, which on a loaded 2-core machine reached 90 ms and made this flaky)
        List<Long> let = java.util.Collections.synchronizedList(new ArrayList<>());
        HttpGate.install(new HttpGate() {
            @Override
            public <T> T send(URI uri, Exchange<T> exchange) throws java.io.IOException, InterruptedException {
                return gate.send(uri, () -> {
                    let.add(System.nanoTime());
                    return exchange.run();
                });
            }

            @Override
            public void answered(URI uri, int status, java.net.http.HttpHeaders headers) {
                gate.answered(uri, status, headers);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    HttpRangeByteSource s = HttpRangeByteSource.of(url);
                    for (int i = 0; i < 2; i++) {
                        ByteRange r = new ByteRange(thread * 10_000L + i * 500_000L, 100);
                        assertArrayEquals(slice(r), s.read(r.offset(), r.length()), "thread " + thread);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(16, server.arrivals().size());
        List<Long> at = let.stream().sorted().toList();
        assertEquals(16, at.size());
        long window = Duration.ofMillis(600).toNanos();
        for (int i = 0; i + 6 < at.size(); i++) {
            long span = at.get(i + 6) - at.get(i);
            // 7 starts need at least 6 intervals of 100 ms; 10 % slack for scheduling jitter
            assertTrue(span >= 0.9 * window, "requests " + i + ".." + (i + 6) + " let go within "
                    + span / 1_000_000 + " ms: more than 6 in a window of 600 ms");
        }
        long total = at.get(15) - at.get(0);
        assertTrue(total >= 0.9 * 15 * window / 6, "16 requests in " + total / 1_000_000 + " ms: not paced");
    }

    @Test
    void catalogRequestsAndCogReadsOfOneHostShareItsThrottleAndAnotherHostHasItsOwn() throws Exception {
        RangeHttpServer api = server();
        RangeHttpServer bucket = server();
        URI catalog = api.serve("/catalog.json", CATALOG.getBytes(StandardCharsets.UTF_8));
        URI cogOnApi = api.serve("/a.tif", content);
        URI cogInBucket = bucket.serve("/b.tif", content);
        StacHttpGate gate = install(unlimited().withMaxInFlight(1));

        StacCatalog c = StacCatalogs.open(catalog);
        assertTrue(c.getClass().getSimpleName().contains("Static"), c.getClass().getName());
        assertArrayEquals(slice(new ByteRange(10, 20)), HttpRangeByteSource.of(cogOnApi).read(10, 20));
        assertArrayEquals(slice(new ByteRange(30, 40)), HttpRangeByteSource.of(cogInBucket).read(30, 40));

        Throttle apiThrottle = gate.throttle(catalog);
        assertSame(apiThrottle, gate.throttle(cogOnApi), "one account per host, whatever the path");
        assertNotSame(apiThrottle, gate.throttle(cogInBucket));
        assertEquals(2, apiThrottle.stats().started(), "the catalog GET and the range GET");
        assertEquals(1, gate.throttle(cogInBucket).stats().started());
        assertEquals(java.util.Set.of(StacHttpGate.account(catalog), StacHttpGate.account(cogInBucket)), made.keySet());
    }

    @Test
    void a429WithRetryAfterPausesItsHostAndIsNotRetriedHere() throws Exception {
        RangeHttpServer server = server();
        RangeHttpServer other = server();
        URI busy = server.fail("/busy.tif", 429, "400"); // milliseconds in this account's unit
        URI ok = server.serve("/ok.tif", content);
        URI elsewhere = other.serve("/x.tif", content);
        StacHttpGate gate = install(unlimited().withRetryAfterUnit(RetryAfterUnit.MILLISECONDS));

        HttpStatusException e = assertThrows(HttpStatusException.class, () -> HttpRangeByteSource.of(busy).read(0, 10));
        assertEquals(429, e.status());
        assertTrue(e.getMessage().contains(busy.toString()), e.getMessage());
        assertEquals(1, server.requests(), "one attempt: the stac provider retries by chunk, not here");
        assertInstanceOf(TransientSourceException.class, StacProvider.classify("scene s", e));
        assertEquals(1, gate.throttle(busy).stats().pauses());

        HttpRangeByteSource.of(elsewhere).read(0, 10);
        assertEquals(0, gate.throttle(elsewhere).stats().pauses(), "another host is not paused");

        HttpRangeByteSource.of(ok).read(0, 10);
        List<Long> at = server.arrivals();
        assertEquals(2, at.size());
        long gap = at.get(1) - at.get(0);
        assertTrue(gap >= Duration.ofMillis(400).toNanos(), "the next request to the host came "
                + gap / 1_000_000 + " ms after the 429, before its Retry-After of 400 ms");
    }

    @Test
    void aRetryAfterLongerThanMaxWaitFailsTheNextRequestsAtOnceAsTransientWithoutSendingThem() throws Exception {
        RangeHttpServer server = server();
        URI unavailable = server.fail("/down/catalog.json", 503, "120"); // seconds
        URI catalog = server.serve("/catalog.json", CATALOG.getBytes(StandardCharsets.UTF_8));
        URI cog = server.serve("/c.tif", content);
        install(unlimited().withMaxWait(Duration.ofSeconds(5)));

        StacException first = assertThrows(StacException.class, () -> StacCatalogs.open(unavailable));
        assertEquals(503, first.httpStatus());
        assertEquals(1, server.requests());

        StacException refused = assertThrows(StacException.class, () -> StacCatalogs.open(catalog));
        assertEquals(-1, refused.httpStatus());
        assertInstanceOf(ThrottleTimeoutException.class, refused.getCause().getCause(), String.valueOf(refused.getCause()));
        assertTrue(refused.getMessage().contains("eobatch.provider.stac.max-wait-s"), refused.getMessage());
        assertTrue(refused.getMessage().contains(catalog.toString()), "names the URL: " + refused.getMessage());
        assertInstanceOf(TransientSourceException.class, StacProvider.classify("search of catalog x", refused));

        IOException cogRefused = assertThrows(IOException.class, () -> HttpRangeByteSource.of(cog).read(0, 10));
        assertInstanceOf(ThrottleTimeoutException.class, cogRefused.getCause());
        assertTrue(cogRefused.getMessage().startsWith("stac:http://127.0.0.1:" + cog.getPort() + ": "),
                cogRefused.getMessage());
        assertInstanceOf(TransientSourceException.class, StacProvider.classify("scene s", cogRefused));
        assertEquals(1, server.requests(), "refused requests never reach the server");
    }

    @Test
    void fileUrlsAreNotThrottled(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("catalog.json");
        Files.writeString(file, CATALOG);
        install(unlimited().withMaxInFlight(1).withMaxWait(Duration.ZERO));
        StacCatalog c = StacCatalogs.open(file.toUri());
        assertTrue(c.getClass().getSimpleName().contains("Static"), c.getClass().getName());
        assertEquals(Map.of(), made, "no throttle made for a file: URL");
        assertEquals("direct", HttpGate.current().send(file.toUri(), () -> "direct"));
        assertEquals(Map.of(), made);
    }

    @Test
    void aServerThatIgnoresRangeIsStillDownloadedOnceThroughTheGate() throws Exception {
        RangeHttpServer server = server();
        server.ignoreRange(true);
        URI url = server.serve("/whole.tif", content);
        StacHttpGate gate = install(unlimited().withMaxInFlight(2));
        HttpRangeByteSource s = HttpRangeByteSource.of(url);
        List<ByteRange> ranges = farRanges(3);
        List<byte[]> got = s.readRanges(ranges);
        for (int i = 0; i < ranges.size(); i++) {
            assertArrayEquals(slice(ranges.get(i)), got.get(i), "range " + i);
        }
        assertTrue(s.holdsWholeFile());
        assertArrayEquals(slice(new ByteRange(999_000, 1000)), s.read(999_000, 1000), "served from memory");
        assertTrue(server.requests() <= 4, server.requests() + " requests");
        assertEquals(0, gate.throttle(url).stats().running(), "every slot given back");
    }

    @ParameterizedTest
    @CsvSource({
            "http://Example.test/x/catalog.json, stac:http://example.test",
            "http://example.test:80/a, stac:http://example.test",
            "https://example.test:443/a?x=1, stac:https://example.test",
            "https://example.test:8443/b.tif, stac:https://example.test:8443",
            "http://127.0.0.1:9000/search, stac:http://127.0.0.1:9000",
            "HTTPS://bucket.example.test/T33/B04.tif, stac:https://bucket.example.test"})
    void oneAccountPerSchemeHostAndPort(String url, String account) {
        assertEquals(account, StacHttpGate.account(URI.create(url)));
    }

    @Test
    void onlyHttpUrlsHaveAnAccount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StacHttpGate.account(URI.create("file:///data/catalog.json")));
        assertEquals("not an http(s) URL with a host (scheme 'file')", e.getMessage());
    }
}
