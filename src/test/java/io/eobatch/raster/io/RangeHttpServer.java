package io.eobatch.raster.io;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test HTTP server on 127.0.0.1 serving byte arrays under paths, honouring single {@code Range: bytes=a-b}
 * requests (206, 416) unless told to ignore them, counting requests, body bytes sent, the most requests in
 * progress at once (from arrival to the start of the answer) and the arrival time of every request; optionally
 * with a fixed latency per answer and a {@code Retry-After} header on failures. Stop it with {@link #close()}.
 */
public final class RangeHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-range-http");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Map<String, String> retryAfter = new ConcurrentHashMap<>();
    private final List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
    private volatile long latencyMillis;
    private volatile boolean ignoreRange;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    public RangeHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves {@code content} at {@code path} (starting with /); returns its URL. */
    public URI serve(String path, byte[] content) {
        files.put(path, content);
        return uri(path);
    }

    /** Answers every request for {@code path} with {@code status} and a short text body. */
    public URI fail(String path, int status) {
        failures.put(path, status);
        return uri(path);
    }

    /** Answers every request for {@code path} with {@code status}, a {@code Retry-After} header and a short body. */
    public URI fail(String path, int status, String retryAfterValue) {
        retryAfter.put(path, retryAfterValue);
        return fail(path, status);
    }

    /**
     * Holds every answer this long before sending it (a server's fixed latency), so that concurrent requests
     * overlap on the server and its in-flight count means something.
     */
    public void latency(Duration d) {
        this.latencyMillis = d.toMillis();
    }

    /** {@link System#nanoTime()} at the arrival of each request, in arrival order. */
    public List<Long> arrivals() {
        synchronized (arrivals) {
            return List.copyOf(arrivals);
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** When true, answers 200 with the whole file whatever the Range header says. */
    public void ignoreRange(boolean ignore) {
        this.ignoreRange = ignore;
    }

    public long requests() {
        return requests.get();
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public void resetCounters() {
        requests.set(0);
        bytesSent.set(0);
        maxInFlight.set(0);
        arrivals.clear();
    }

    private void handle(HttpExchange ex) throws IOException {
        arrivals.add(System.nanoTime());
        requests.incrementAndGet();
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        boolean counted = true;
        try (ex) {
            if (latencyMillis > 0) {
                try {
                    Thread.sleep(latencyMillis); // the server's latency, not a wait of the test
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            // in progress until the answer starts: a client may send its next request as soon as it has read the
            // last byte, before this thread is done closing the exchange
            inFlight.decrementAndGet();
            counted = false;
            String path = ex.getRequestURI().getPath();
            Integer failure = failures.get(path);
            byte[] content = files.get(path);
            if (failure != null || content == null) {
                byte[] msg = ("error for " + path).getBytes();
                String wait = retryAfter.get(path);
                if (wait != null) {
                    ex.getResponseHeaders().set("Retry-After", wait);
                }
                ex.sendResponseHeaders(failure != null ? failure : 404, msg.length);
                ex.getResponseBody().write(msg);
                return;
            }
            String range = ex.getRequestHeaders().getFirst("Range");
            if (range == null || ignoreRange) {
                send(ex, 200, content, 0, content.length);
                return;
            }
            // bytes=first-last or bytes=first-
            String spec = range.substring(range.indexOf('=') + 1).trim();
            int dash = spec.indexOf('-');
            long first = Long.parseLong(spec.substring(0, dash));
            long last = dash == spec.length() - 1 ? content.length - 1 : Long.parseLong(spec.substring(dash + 1));
            if (first >= content.length) {
                ex.getResponseHeaders().set("Content-Range", "bytes */" + content.length);
                ex.sendResponseHeaders(416, -1);
                return;
            }
            last = Math.min(last, content.length - 1);
            ex.getResponseHeaders().set("Content-Range", "bytes " + first + "-" + last + "/" + content.length);
            send(ex, 206, content, (int) first, (int) (last - first + 1));
        } finally {
            if (counted) {
                inFlight.decrementAndGet();
            }
        }
    }

    private void send(HttpExchange ex, int status, byte[] content, int off, int len) throws IOException {
        ex.sendResponseHeaders(status, len == 0 ? -1 : len);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(content, off, len);
            bytesSent.addAndGet(len);
        } catch (IOException e) {
            // the client hung up (e.g. it dropped a 200 it did not want): nothing to count beyond what was sent
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
