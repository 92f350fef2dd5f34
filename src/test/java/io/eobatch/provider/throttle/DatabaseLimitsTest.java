package io.eobatch.provider.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.sun.net.httpserver.HttpServer;

import io.eobatch.persistence.TestDatabases;
import io.eobatch.persistence.TestDatabases.Kind;

/**
 * The limits of one provider account across nodes ({@link DatabaseLimits}), on H2 and on a real PostgreSQL: two
 * "nodes" (each a {@link Throttle} over a {@link DatabaseLimits} with a connection pool of its own, sharing only the
 * database) call one HTTP stub on 127.0.0.1 that records, on its own clock, when every request arrived and how many
 * were in progress. The rate windows are 2 s instead of a minute ({@code window-s}), so a test runs in seconds; the
 * headroom is 20 % of the window (400 ms), about the 600 ms that the default 1 % gives a one-minute window, so that
 * the scheduling jitter of this shared 2-core machine does not count against the limiter.
 */
class DatabaseLimitsTest {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(
            DatabaseLimitsTest.class.getName());
    private static final long S = 1_000_000_000L;
    private static final Duration WINDOW = Duration.ofSeconds(2);
    private static final TestDatabases.Nodes NODES = new TestDatabases.Nodes();

    /** One node's limits: a pool of its own on the shared database. */
    private static DatabaseLimits node(Kind kind, String id, Duration slotLease) {
        return new DatabaseLimits(NODES.pool(kind), id, slotLease);
    }

    @AfterAll
    static void closePools() {
        NODES.close();
    }

    private static ThrottleSettings settings() {
        return ThrottleSettings.defaults("sentinel-hub").withWindow(WINDOW).withRateHeadroom(0.2)
                .withMaxWait(Duration.ofSeconds(30)).withRequestsPerMinute(0);
    }

    private static String account() {
        return "sentinel-hub:test:" + UUID.randomUUID();
    }

    /** A provider stand-in: answers 200 after {@code latency}, records arrivals and requests in progress. */
    static final class Stub implements AutoCloseable {
        final HttpServer server;
        final ExecutorService pool = Executors.newFixedThreadPool(32);
        final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
        final AtomicInteger inProgress = new AtomicInteger();
        final AtomicInteger maxInProgress = new AtomicInteger();

        Stub(Duration latency) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            server.setExecutor(pool);
            server.createContext("/", ex -> {
                arrivals.add(System.nanoTime());
                int now = inProgress.incrementAndGet();
                maxInProgress.accumulateAndGet(now, Math::max);
                try {
                    Thread.sleep(latency.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inProgress.decrementAndGet(); // before the answer: a client's next call cannot be counted early
                ex.sendResponseHeaders(200, -1);
                ex.close();
            });
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/statistics");
        }

        /** The most arrivals in any window of this length. */
        int maxInAnyWindow(Duration window) {
            return maxInWindow(new ArrayList<>(arrivals), window);
        }

        @Override
        public void close() {
            server.stop(0);
            pool.shutdownNow();
        }
    }

    /** The most of these times (nanoseconds) that fall in any half-open window of this length. */
    static int maxInWindow(List<Long> times, Duration window) {
        List<Long> t = new ArrayList<>(times);
        Collections.sort(t);
        int best = 0;
        for (int i = 0, j = 0; i < t.size(); i++) {
            while (t.get(i) - t.get(j) >= window.toNanos()) {
                j++;
            }
            best = Math.max(best, i - j + 1);
        }
        return best;
    }

    /**
     * {@code threads} callers on each throttle call the stub until {@code runFor} has passed; returns each
     * throttle's number of calls.
     */
    private static int[] hammer(List<Throttle> nodes, int threads, Duration runFor, URI uri, double cost)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService callers = Executors.newFixedThreadPool(threads * nodes.size());
        long end = System.nanoTime() + runFor.toNanos();
        List<Future<Integer>> done = new ArrayList<>();
        for (Throttle t : nodes) {
            for (int i = 0; i < threads; i++) {
                done.add(callers.submit(() -> {
                    int calls = 0;
                    while (System.nanoTime() < end) {
                        t.call(cost, () -> http.send(HttpRequest.newBuilder(uri).build(),
                                HttpResponse.BodyHandlers.discarding()));
                        calls++;
                    }
                    return calls;
                }));
            }
        }
        int[] perNode = new int[nodes.size()];
        for (int i = 0; i < done.size(); i++) {
            perNode[i / threads] += done.get(i).get(runFor.toSeconds() + 60, TimeUnit.SECONDS);
        }
        callers.shutdownNow();
        return perNode;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void twoNodesTogetherNeverPassTheRequestsOfAnyWindow(Kind kind) throws Exception {
        String account = account();
        ThrottleSettings s = settings().withRequestsPerMinute(20).withMaxInFlight(4);
        try (Stub stub = new Stub(Duration.ofMillis(20))) {
            int[] calls = hammer(List.of(new Throttle(account, s, node(kind, "a", Duration.ofMinutes(5))),
                    new Throttle(account, s, node(kind, "b", Duration.ofMinutes(5)))), 6, Duration.ofSeconds(6),
                    stub.uri(), 0);
            int max = stub.maxInAnyWindow(WINDOW);
            LOG.info(() -> kind + ": " + calls[0] + " + " + calls[1] + " requests, at most " + max + " in a window");
            assertTrue(max <= 20, "the stub saw " + max + " requests in one 2 s window; the limit is 20 for both nodes");
            int total = calls[0] + calls[1];
            // 20 per 2.4 s (the window with its headroom) for 6 s: about 50; each node got a fair part of them
            assertTrue(total >= 35, "only " + total + " requests in 6 s: the limiter let too few through");
            // both nodes get calls through, but not in equal parts: callers of different nodes waiting for a slot
            // are not served in arrival order (README, "Limits across nodes"); one run here split 56 / 6
            assertTrue(calls[0] >= 1 && calls[1] >= 1, "both nodes call: " + calls[0] + " and " + calls[1]);
            assertEquals(total, stub.arrivals.size());
        }
    }

    /** The control: the same two nodes each with the one-node (in-JVM) limiter together pass the limit. */
    @Test
    void twoNodesWithTheirOwnLimiterPassTheLimitTogether() throws Exception {
        String account = account();
        ThrottleSettings s = settings().withRequestsPerMinute(20).withMaxInFlight(4);
        try (Stub stub = new Stub(Duration.ofMillis(20))) {
            hammer(List.of(new Throttle(account, s), new Throttle(account, s)), 6, Duration.ofSeconds(3), stub.uri(),
                    0);
            int max = stub.maxInAnyWindow(WINDOW);
            LOG.info(() -> "in-JVM limiters: at most " + max + " in a window");
            assertTrue(max > 20, "two in-JVM limiters of 20 each let " + max + " requests into one window");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theInFlightLimitHoldsAcrossNodes(Kind kind) throws Exception {
        String account = account();
        ThrottleSettings s = settings().withMaxInFlight(3);
        try (Stub stub = new Stub(Duration.ofMillis(80))) {
            int[] calls = hammer(List.of(new Throttle(account, s, node(kind, "a", Duration.ofMinutes(5))),
                    new Throttle(account, s, node(kind, "b", Duration.ofMinutes(5)))), 5, Duration.ofSeconds(3),
                    stub.uri(), 0);
            assertTrue(stub.maxInProgress.get() <= 3, "the stub saw " + stub.maxInProgress.get()
                    + " requests at once; max-in-flight is 3 for both nodes");
            assertEquals(3, stub.maxInProgress.get(), "the three slots were used together");
            assertTrue(calls[0] >= 1 && calls[1] >= 1, "both nodes call: " + calls[0] + " and " + calls[1]);
        }
        assertEquals(0, node(kind, "c", Duration.ofMinutes(5)).inFlight(account), "every slot given back");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void processingUnitsNeverPassTheirWindowAcrossNodes(Kind kind) throws Exception {
        String account = account();
        ThrottleSettings s = settings().withUnitsPerMinute(10).withMaxInFlight(8);
        ConcurrentLinkedQueue<long[]> starts = new ConcurrentLinkedQueue<>(); // {start nanos, units}
        List<Throttle> nodes = List.of(new Throttle(account, s, node(kind, "a", Duration.ofMinutes(5))),
                new Throttle(account, s, node(kind, "b", Duration.ofMinutes(5))));
        ExecutorService callers = Executors.newFixedThreadPool(8);
        long end = System.nanoTime() + 5 * S;
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Throttle t = nodes.get(i % 2);
            int units = 1 + i % 4; // 1, 2, 3, 4 units a call
            done.add(callers.submit(() -> {
                while (System.nanoTime() < end) {
                    t.call(units, () -> starts.add(new long[] {System.nanoTime(), units}));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        callers.shutdownNow();
        List<long[]> sorted = new ArrayList<>(starts);
        sorted.sort((x, y) -> Long.compare(x[0], y[0]));
        long most = 0;
        long total = 0;
        for (int i = 0, j = 0; i < sorted.size(); i++) {
            total += sorted.get(i)[1];
            while (sorted.get(i)[0] - sorted.get(j)[0] >= WINDOW.toNanos()) {
                j++;
            }
            long sum = 0;
            for (int k = j; k <= i; k++) {
                sum += sorted.get(k)[1];
            }
            most = Math.max(most, sum);
        }
        long m = most;
        long tot = total;
        LOG.info(() -> kind + ": " + tot + " units, at most " + m + " in a window");
        assertTrue(most <= 10, most + " units started in one 2 s window; the limit is 10 for both nodes");
        assertTrue(total >= 15, "only " + total + " units in 5 s: the limiter let too few through");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aDeadNodesSlotsFreeThemselvesWhenTheirLeasePasses(Kind kind) throws Exception {
        String account = account();
        ThrottleSettings s = settings().withMaxInFlight(2);
        DatabaseLimits dead = node(kind, "dead", Duration.ofSeconds(1));
        DatabaseLimits alive = node(kind, "alive", Duration.ofMinutes(5));
        long t0 = System.nanoTime();
        dead.admit(account, s, 0, t0 + S, t0); // two calls of a node that then dies: never released
        dead.admit(account, s, 0, t0 + S, t0);
        ThrottleTimeoutException busy = assertThrows(ThrottleTimeoutException.class,
                () -> alive.admit(account, s, 0, System.nanoTime() + 300_000_000L, System.nanoTime()));
        assertTrue(busy.getMessage().contains("max-in-flight"), busy.getMessage());
        SharedLimits.Admission a = alive.admit(account, s, 0, System.nanoTime() + 10 * S, System.nanoTime());
        long waited = System.nanoTime() - t0;
        assertTrue(waited >= 900_000_000L, "a slot freed after " + waited / 1_000_000 + " ms, before the 1 s lease");
        long deadline = System.nanoTime() + 5 * S; // the second dead slot was taken a moment after the first
        while (alive.inFlight(account) > 1 && System.nanoTime() < deadline) {
            Thread.sleep(5); // each look is a query: not in a tight loop on the shared cores
        }
        assertEquals(1, alive.inFlight(account), "the dead node's slots no longer count");
        alive.release(a);
        assertEquals(0, alive.inFlight(account));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRetryAfterPauseOfOneNodeHoldsForTheOther(Kind kind) throws Exception {
        String account = account();
        ThrottleSettings s = settings();
        Throttle a = new Throttle(account, s, node(kind, "a", Duration.ofMinutes(5)));
        Throttle b = new Throttle(account, s, node(kind, "b", Duration.ofMinutes(5)));
        a.pauseFor(Duration.ofSeconds(1));
        long t0 = System.nanoTime();
        b.call(0, () -> null);
        long waited = System.nanoTime() - t0;
        assertTrue(waited >= 850_000_000L, "node b started " + waited / 1_000_000 + " ms after node a's 1 s pause");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aCallWaitingForItsStartWaitsOutAPauseThatCameInMeanwhile(Kind kind) throws Exception {
        String account = account();
        ThrottleSettings s = settings().withRequestsPerMinute(2); // one start every 1.2 s
        DatabaseLimits limits = node(kind, "a", Duration.ofMinutes(5));
        Throttle a = new Throttle(account, s, limits);
        a.call(0, () -> null);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        Future<Long> second = caller.submit(() -> a.call(0, System::nanoTime)); // its start: about 1.2 s from now
        long deadline = System.nanoTime() + 10 * S;
        while (limits.inFlight(account) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5); // until the second call holds its slot and waits for its start (each look a query)
        }
        long paused = System.nanoTime();
        a.pauseFor(Duration.ofSeconds(2)); // a 429 with Retry-After: 2 to another call of this node
        long started = second.get(30, TimeUnit.SECONDS) - paused;
        caller.shutdownNow();
        assertTrue(started >= 2 * S, "the waiting call started " + started / 1_000_000
                + " ms into the 2 s pause that came in while it waited");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aStartLaterThanTheMaxWaitFailsAtOnceNamingTheLimit(Kind kind) throws Exception {
        String account = account();
        ThrottleSettings s = settings().withRequestsPerMinute(1).withMaxWait(Duration.ofMillis(500));
        Throttle a = new Throttle(account, s, node(kind, "a", Duration.ofMinutes(5)));
        Throttle b = new Throttle(account, s, node(kind, "b", Duration.ofMinutes(5)));
        a.call(0, () -> null);
        long t0 = System.nanoTime();
        ThrottleTimeoutException e = assertThrows(ThrottleTimeoutException.class, () -> b.call(0, () -> null));
        assertTrue(e.getMessage().contains("requests-per-minute = 1 (across the nodes)"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < 400_000_000L, "failed at once, without waiting");
        assertEquals(0, node(kind, "c", Duration.ofMinutes(5)).inFlight(account), "the refused call holds no slot");
    }

    /** A database without the tables of V15 (a schema not migrated): every use of it fails. */
    private static javax.sql.DataSource unmigrated() {
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:mem:unmigrated_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    @Test
    void aDatabaseThatCannotBeUsedFailsTheCallNamingTheAccountAndFreesTheNodesSlot() throws Exception {
        String account = account();
        ThrottleSettings s = settings().withMaxInFlight(1).withMaxWait(Duration.ofMillis(200));
        DatabaseLimits broken = new DatabaseLimits(unmigrated(), "a", Duration.ofMinutes(5));
        Throttle t = new Throttle(account, s, broken);
        for (int i = 0; i < 2; i++) { // the second call gets the node's one in-flight slot back: no timeout
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.call(0, () -> null));
            assertTrue(e.getMessage().startsWith(account + ": the provider limits in the database could not be used"),
                    e.getMessage());
        }
        assertEquals(0, t.stats().started(), "no call ran");
        IllegalStateException paused = assertThrows(IllegalStateException.class,
                () -> broken.pause(account, Duration.ofSeconds(1)));
        assertTrue(paused.getMessage().startsWith(account + ": "), paused.getMessage());
        // giving a slot back only logs: its lease frees it, and the call's outcome must not be lost over it
        broken.release(new SharedLimits.Admission("no-such-slot", System.nanoTime()));
    }
}
