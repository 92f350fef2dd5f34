package io.eobatch.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A static file server on 127.0.0.1 for a STAC catalog folder, as an object store serves COGs: GET with
 * {@code Range: bytes=a-b} answers 206 with Content-Range. Faults can be switched on: paths containing a given
 * text answer 500, and every request can be delayed. Counts requests.
 */
public final class CatalogStub implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private final HttpServer server;
    private final Path root;
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Set<String> missing = ConcurrentHashMap.newKeySet();
    private final java.util.Map<String, com.sun.net.httpserver.HttpHandler> overrides = new ConcurrentHashMap<>();
    private volatile long delayMillis;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final java.util.Queue<String> paths = new java.util.concurrent.ConcurrentLinkedQueue<>();

    public CatalogStub(Path root, int port) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", this::handle);
        server.start();
    }

    /** Requests whose path contains {@code text} answer 500 until {@link #heal()}. */
    public void failPathsContaining(String text) {
        failing.add(text);
    }

    /** Requests whose path contains {@code text} answer 404 until {@link #heal()}. */
    public void notFoundPathsContaining(String text) {
        missing.add(text);
    }

    /**
     * Requests whose path contains {@code text} are answered by {@code handler} (a server misbehaving some other
     * way: a redirect, an endless body, a stall) until {@link #heal()}; the exchange is closed after it.
     */
    public void answerPathsContaining(String text, com.sun.net.httpserver.HttpHandler handler) {
        overrides.put(text, handler);
    }

    /** Ends {@link #answerPathsContaining} for {@code text}. */
    public void stopAnswering(String text) {
        overrides.remove(text);
    }

    public void heal() {
        failing.clear();
        missing.clear();
        overrides.clear();
    }

    /** Delays every answer by {@code millis} (a slow remote store). */
    public void delay(long millis) {
        delayMillis = millis;
    }

    public long requests() {
        return requests.get();
    }

    /** The paths requested since the last {@link #clearPaths()}, in arrival order. */
    public java.util.List<String> paths() {
        return java.util.List.copyOf(paths);
    }

    public void clearPaths() {
        paths.clear();
    }

    public long failedRequests() {
        return failed.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            requests.incrementAndGet();
            String path = ex.getRequestURI().getPath();
            paths.add(path);
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis); // the stub's simulated latency, not a wait in a test
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            for (String f : failing) {
                if (path.contains(f)) {
                    failed.incrementAndGet();
                    send(ex, 500, "text/plain", "injected failure".getBytes(), null);
                    return;
                }
            }
            for (java.util.Map.Entry<String, com.sun.net.httpserver.HttpHandler> o : overrides.entrySet()) {
                if (path.contains(o.getKey())) {
                    o.getValue().handle(ex);
                    return;
                }
            }
            Path file = root.resolve(path.substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file) || missing.stream().anyMatch(path::contains)) {
                send(ex, 404, "text/plain", "not found".getBytes(), null);
                return;
            }
            byte[] all = Files.readAllBytes(file);
            String type = path.endsWith(".json") ? "application/json" : "image/tiff";
            String range = ex.getRequestHeaders().getFirst("Range");
            if (range != null) {
                Matcher m = RANGE.matcher(range.strip());
                if (m.matches()) {
                    long a = Long.parseLong(m.group(1));
                    long b = m.group(2).isEmpty() ? all.length - 1 : Math.min(Long.parseLong(m.group(2)), all.length - 1);
                    if (a >= all.length) {
                        ex.getResponseHeaders().add("Content-Range", "bytes */" + all.length);
                        send(ex, 416, "text/plain", new byte[0], null);
                        return;
                    }
                    byte[] part = java.util.Arrays.copyOfRange(all, (int) a, (int) b + 1);
                    send(ex, 206, type, part, "bytes " + a + "-" + b + "/" + all.length);
                    return;
                }
            }
            send(ex, 200, type, all, null);
        } finally {
            ex.close();
        }
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body, String contentRange)
            throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.getResponseHeaders().add("Accept-Ranges", "bytes");
        if (contentRange != null) {
            ex.getResponseHeaders().add("Content-Range", contentRange);
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
