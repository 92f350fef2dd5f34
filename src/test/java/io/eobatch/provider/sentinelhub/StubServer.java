package io.eobatch.provider.sentinelhub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An HTTP server on 127.0.0.1 (ephemeral port) that records every request (method, path, query, headers, body)
 * and answers from routes registered by the test, or 404. Stopped by {@link #close()}.
 */
public final class StubServer implements AutoCloseable {

    /** A request as received. Header names are lower case. */
    public record Recorded(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The first value of header {@code name} (any case), or null. */
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    /** An answer. */
    public record Reply(int status, Map<String, String> headers, byte[] body) {

        public static Reply json(int status, String json) {
            return new Reply(status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
        }

        public static Reply bytes(int status, String contentType, byte[] body) {
            return new Reply(status, Map.of("Content-Type", contentType), body);
        }

        public Reply with(String header, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(header, value);
            return new Reply(status, h, body);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Function<Recorded, Reply>> routes = new ConcurrentHashMap<>();

    public StubServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Answers {@code method path} with {@code reply} (called for each request, in the server's threads). */
    public StubServer route(String method, String path, Function<Recorded, Reply> reply) {
        routes.put(method + " " + path, reply);
        return this;
    }

    /** {@code http://127.0.0.1:port} + path. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Every request so far, in arrival order. */
    public List<Recorded> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The requests to {@code path}. */
    public List<Recorded> requests(String path) {
        return requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    public int count(String path) {
        return requests(path).size();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            URI uri = ex.getRequestURI();
            Recorded r = new Recorded(ex.getRequestMethod(), uri.getPath(), uri.getRawQuery(), headers, body);
            requests.add(r);
            Function<Recorded, Reply> route = routes.get(r.method() + " " + r.path());
            Reply reply;
            try {
                reply = route == null ? Reply.json(404, "{\"error\":\"no route " + r.method() + " " + r.path() + "\"}")
                        : route.apply(r);
            } catch (RuntimeException e) {
                reply = Reply.json(500, "{\"error\":\"stub failed: " + e + "\"}");
            }
            reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            if (reply.body().length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
