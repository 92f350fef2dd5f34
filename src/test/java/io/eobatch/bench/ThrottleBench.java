package io.eobatch.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

import com.sun.net.httpserver.HttpServer;

import io.eobatch.provider.throttle.HttpFailure;
import io.eobatch.provider.throttle.RetryAfterUnit;
import io.eobatch.provider.throttle.Throttle;
import io.eobatch.provider.throttle.ThrottleSettings;
import io.eobatch.provider.throttle.Throttles;

/**
 * Provider throttle benchmark (a plain main, not a test). Run by src/test/bench/throttle.sh.
 *
 * <p>A loopback stub ({@code com.sun.net.httpserver} on 127.0.0.1) answers every request after a fixed 50 ms and
 * counts, on its own clock, the requests in progress (decremented before the answer is written, so a client can
 * never start its next call before the stub has counted the last one done) and the arrival time of every request,
 * from which it reports the most requests that arrived in any sliding window. In one run, one after the other:
 * <ol>
 *   <li>the seed's approach: a fixed pool of 5 threads, no throttle;</li>
 *   <li>eobatch: 16 worker threads (as partitions would be) all through one {@link Throttle} with N = 8 in flight
 *       and a request rate that does not bind;</li>
 *   <li>eobatch with the rate binding: 600 requests per minute, scaled to 200 per 20 s window so that the window
 *       slides through a 30 s run (the limiter is the same code whatever the window).</li>
 * </ol>
 * Every loop is over a fixed number of items, with a deadline as a safety net; the process ends by itself.
 */
public final class ThrottleBench {

    private static final int LATENCY_MS = 50;
    private static final long S = 1_000_000_000L;

    private ThrottleBench() {
    }

    /** The stub and its counters. */
    static final class Stub implements AutoCloseable {
        final HttpServer server;
        final ExecutorService pool = Executors.newFixedThreadPool(48);
        final AtomicInteger inProgress = new AtomicInteger();
        final AtomicInteger maxInProgress = new AtomicInteger();
        final AtomicLongArray arrivals = new AtomicLongArray(200_000);
        final AtomicInteger count = new AtomicInteger();

        Stub() throws IOException {
            // TCP_NODELAY on the stub's sockets: without it Nagle's algorithm holds the body behind the headers
            // until the client's delayed ACK (up to 40 ms), and every call would take ~90 ms instead of 50
            System.setProperty("sun.net.httpserver.nodelay", "true");
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
            server.createContext("/call", ex -> {
                int i = count.getAndIncrement();
                if (i < arrivals.length()) {
                    arrivals.set(i, System.nanoTime());
                }
                maxInProgress.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(LATENCY_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    inProgress.decrementAndGet();
                }
                byte[] body = "{\"ok\":true}".getBytes();
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            });
            server.setExecutor(pool);
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/call");
        }

        void reset() {
            count.set(0);
            maxInProgress.set(0);
        }

        long[] arrivals() {
            int n = Math.min(count.get(), arrivals.length());
            long[] a = new long[n];
            for (int i = 0; i < n; i++) {
                a[i] = arrivals.get(i);
            }
            Arrays.sort(a);
            return a;
        }

        @Override
        public void close() {
            server.stop(0);
            pool.shutdownNow();
        }
    }

    /** Most arrivals in any half-open window [t, t + window). */
    static int maxInWindow(long[] sorted, long window) {
        int max = 0;
        int j = 0;
        for (int i = 0; i < sorted.length; i++) {
            while (j < sorted.length && sorted[j] < sorted[i] + window) {
                j++;
            }
            max = Math.max(max, j - i);
        }
        return max;
    }

    record Result(String name, int slots, int calls, int errors, double seconds, int maxInFlight, long[] arrivals,
            double meanCallMs) {
        double perSecond() {
            return calls / seconds;
        }

        /** Share of the slots' time spent in calls: 1 = a call in every slot all the time. */
        double occupancy() {
            return calls * meanCallMs / 1000 / (seconds * slots);
        }
    }

    interface Call {
        void run() throws Exception;
    }

    /** Client-side time inside HTTP calls (from send to the end of the body), summed over a run. */
    static final java.util.concurrent.atomic.LongAdder CALL_NANOS = new java.util.concurrent.atomic.LongAdder();

    static Call timed(Call call) {
        return () -> {
            long t = System.nanoTime();
            try {
                call.run();
            } finally {
                CALL_NANOS.add(System.nanoTime() - t);
            }
        };
    }

    static Result run(Stub stub, String name, int slots, int threads, int items, Duration safety, Call call)
            throws InterruptedException {
        CALL_NANOS.reset();
        stub.reset();
        AtomicInteger left = new AtomicInteger(items);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long deadline = System.nanoTime() + safety.toNanos();
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            futures.add(workers.submit(() -> {
                while (left.getAndDecrement() > 0 && System.nanoTime() < deadline) {
                    try {
                        call.run();
                        done.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            }));
        }
        workers.shutdown();
        if (!workers.awaitTermination(safety.toSeconds() + 30, TimeUnit.SECONDS)) {
            workers.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Result(name, slots, done.get(), errors.get(), seconds, stub.maxInProgress.get(), stub.arrivals(),
                CALL_NANOS.sum() / 1e6 / Math.max(1, done.get() + errors.get()));
    }

    /** java.net.http: more thread hand-offs per call (selector thread, completion executor). */
    static Call httpClient(Stub stub) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(stub.uri()).timeout(Duration.ofSeconds(10)).GET().build();
        return () -> {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw HttpFailure.of(r, RetryAfterUnit.SECONDS);
            }
        };
    }

    /** HttpURLConnection with keep-alive: the calling thread does the I/O itself (the default client). */
    static Call urlConnection(Stub stub) {
        System.setProperty("http.maxConnections", "32"); // keep-alive cache; the default 5 would reconnect
        java.net.URL url;
        try {
            url = stub.uri().toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        return () -> {
            java.net.HttpURLConnection c = (java.net.HttpURLConnection) url.openConnection();
            c.setConnectTimeout(5000);
            c.setReadTimeout(10_000);
            int status = c.getResponseCode();
            try (java.io.InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
            if (status != 200) {
                throw new HttpFailure(status, java.util.Optional.empty(), "HTTP " + status + " from GET " + url);
            }
        };
    }

    public static void main(String[] args) throws Exception {
        int seedItems = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int freeItems = args.length > 1 ? Integer.parseInt(args[1]) : 1600;
        int boundItems = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        int n = 8;
        try (Stub stub = new Stub()) {
            Call send = timed("httpclient".equals(System.getProperty("bench.client")) ? httpClient(stub)
                    : urlConnection(stub));

            ThrottleSettings free = ThrottleSettings.defaults("bench").withMaxInFlight(n)
                    .withRequestsPerMinute(60_000);
            ThrottleSettings bound = ThrottleSettings.defaults("bench").withMaxInFlight(n)
                    .withRequestsPerMinute(200).withWindow(Duration.ofSeconds(20));

            // warm-up (JIT, connections): not reported
            run(stub, "warm-up", n, 16, 300, Duration.ofSeconds(30), () -> Throttles
                    .forAccount("bench-warmup", free).execute("warm-up", 0, () -> {
                        send.run();
                        return null;
                    }));

            Result seed = run(stub, "seed: pool of 5 threads, no throttle", 5, 5, seedItems, Duration.ofSeconds(60),
                    send);
            Result eo = run(stub, "eobatch: 16 threads, one Throttle, N = 8, R not binding", n, 16, freeItems,
                    Duration.ofSeconds(60), () -> Throttles.forAccount("bench-free", free).execute("call", 0, () -> {
                        send.run();
                        return null;
                    }));
            Result eoBound = run(stub, "eobatch: 16 threads, one Throttle, N = 8, R = 200 / 20 s (600/min)", n, 16,
                    boundItems, Duration.ofSeconds(90), () -> Throttles.forAccount("bench-bound", bound)
                            .execute("call", 0, () -> {
                                send.run();
                                return null;
                            }));

            double target = 0.95 * n / (LATENCY_MS / 1000.0);
            System.out.printf(Locale.ROOT, "%nstub latency %d ms, N = %d: target >= 0.95 x N / latency = %.0f req/s%n%n",
                    LATENCY_MS, n, target);
            System.out.println("| run | calls | errors | seconds | req/s | / (N / latency) = 160/s | mean call ms"
                    + " | slot occupancy | stub: max in flight | stub: max in any 1 s | stub: max in any 20 s |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
            for (Result r : List.of(seed, eo, eoBound)) {
                System.out.printf(Locale.ROOT, "| %s | %d | %d | %.2f | %.1f | %.3f | %.1f | %.3f | %d | %d | %d |%n",
                        r.name(), r.calls(), r.errors(), r.seconds(), r.perSecond(),
                        r.perSecond() / (n * 1000.0 / LATENCY_MS), r.meanCallMs(), r.occupancy(), r.maxInFlight(),
                        maxInWindow(r.arrivals(), S), maxInWindow(r.arrivals(), 20 * S));
            }
            System.out.println();
            boolean throughputOk = eo.perSecond() >= target;
            boolean inFlightOk = eo.maxInFlight() <= n && eoBound.maxInFlight() <= n;
            int boundMax = maxInWindow(eoBound.arrivals(), 20 * S);
            boolean rateOk = boundMax <= 200;
            System.out.printf(Locale.ROOT, "eobatch throughput %.1f req/s %s %.0f (%.1fx the seed's %.1f req/s)%n",
                    eo.perSecond(), throughputOk ? ">=" : "BELOW", target, eo.perSecond() / seed.perSecond(),
                    seed.perSecond());
            System.out.printf(Locale.ROOT, "eobatch max in flight at the stub: %d and %d (N = %d): %s%n",
                    eo.maxInFlight(), eoBound.maxInFlight(), n, inFlightOk ? "ok" : "EXCEEDED");
            System.out.printf(Locale.ROOT, "eobatch with R binding: at most %d calls in any 20 s window (R = 200): %s;"
                    + " %.2f req/s = %.3f x R%n", boundMax, rateOk ? "ok" : "EXCEEDED", eoBound.perSecond(),
                    eoBound.perSecond() / 10.0);
            System.out.printf(Locale.ROOT, "seed: %.1f req/s = %.3f x its own 5 / latency; max in flight %d;"
                    + " %d calls in its busiest 20 s (%.1fx R = 200: it has no rate limit)%n", seed.perSecond(),
                    seed.perSecond() / (5 * 1000.0 / LATENCY_MS), seed.maxInFlight(), maxInWindow(seed.arrivals(), 20 * S),
                    maxInWindow(seed.arrivals(), 20 * S) / 200.0);
            double effective = 0.95 * n / (eo.meanCallMs() / 1000);
            System.out.printf(Locale.ROOT, "calls took %.1f ms on average at the client (stub 50 ms + HTTP + scheduling):"
                    + " 0.95 x N / that = %.0f req/s, eobatch %s it; slots busy %.1f %% of the time (seed %.1f %%)%n",
                    eo.meanCallMs(), effective, eo.perSecond() >= effective ? "meets" : "MISSES",
                    100 * eo.occupancy(), 100 * seed.occupancy());
            if (!(throughputOk && inFlightOk && rateOk) || eo.errors() + eoBound.errors() > 0) {
                System.out.println("FAILED");
                System.exit(1);
            }
        }
    }
}
