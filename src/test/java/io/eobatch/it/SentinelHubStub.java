package io.eobatch.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

import io.eobatch.stac.GeoJson;

/**
 * A Sentinel Hub account on 127.0.0.1 for the integration tests (the server is configured with its URLs in the pom):
 * the OAuth2 client-credentials token endpoint, the Catalog API search over the real Drava STAC items of
 * ../shared/data, the Statistical API answering with the real answer shapes of
 * ../shared/data/sentinel-hub-responses (the data entry re-dated to the requested interval; the failed entry of the
 * PARTIAL answer where the test asks), and the Process API (a PNG). It counts every statistics call per item (day and
 * geometry) and records every request, and can fail chosen days with 500 (echoing the caller's Authorization header,
 * so that a leak would show) or 400.
 */
public final class SentinelHubStub implements AutoCloseable {

    public static final int PORT = Integer.getInteger("eobatch.it.stub.port.sh", 18183);
    public static final String CLIENT_ID = "eobatch-it-client";
    /** As in the pom's server environment. Long and odd, so that a leak is found by search. */
    public static final String SECRET = "it-S3cret+/zQ7-never-logged";
    public static final String TOKEN_PATH = "/oauth/token";

    /** A request as received. */
    public record Recorded(String method, String path, Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(16);
    private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> statisticsCalls = new ConcurrentHashMap<>();
    /** When each Statistical API call arrived (System.nanoTime), in arrival order. */
    private final java.util.Queue<Long> statisticsArrivals = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicInteger tokens = new AtomicInteger();
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final List<JsonObject> items;
    private final JsonObject okEntry;
    private final JsonObject failedEntry;
    public final Set<LocalDate> fail500 = ConcurrentHashMap.newKeySet();
    public final Set<LocalDate> fail400 = ConcurrentHashMap.newKeySet();
    public final Set<LocalDate> partial = ConcurrentHashMap.newKeySet();
    /** Days whose next Statistical API request is answered 429 with {@code Retry-After: 100} (milliseconds, as Sentinel
     *  Hub gives it); the day is then removed, so the retry succeeds. */
    public final Set<LocalDate> rateLimitOnce = ConcurrentHashMap.newKeySet();
    /** Process API calls answered with a PNG; the later ones get 503 (until {@link #reset}). */
    public volatile int processOk = Integer.MAX_VALUE;
    private final AtomicInteger processCalls = new AtomicInteger();
    /** Catalog searches answered; the later ones get 400 (until {@link #reset}). */
    public volatile int searchOk = Integer.MAX_VALUE;
    /** Milliseconds every Statistical API answer is delayed by (a provider's latency; ClusterIT), 0 by default. */
    public volatile long statisticsDelayMillis;
    private final AtomicInteger searchCalls = new AtomicInteger();

    public SentinelHubStub() throws IOException {
        Path responses = Fixtures.SHARED.resolve("sentinel-hub-responses");
        okEntry = read(responses.resolve("normal_stat_result.json")).asJsonArray().get(0).asJsonObject()
                .getJsonArray("data").get(0).asJsonObject();
        failedEntry = read(responses.resolve("normal_stat_partial_result.json")).asJsonArray().get(0).asJsonObject()
                .getJsonArray("data").stream().map(JsonValue::asJsonObject).filter(o -> o.containsKey("error"))
                .findFirst().orElseThrow();
        items = new ArrayList<>();
        for (String id : Fixtures.DRAVA_ITEMS) {
            items.add(read(Fixtures.DRAVA.resolve("sentinel-2-l2a").resolve(id).resolve(id + ".json")).asJsonObject());
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT), 64);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The mean of every successful answer (the real answer's first interval). */
    public double okMean() {
        return stats().getJsonNumber("mean").doubleValue();
    }

    public long okSampleCount() {
        return stats().getJsonNumber("sampleCount").longValue();
    }

    public long okNoDataCount() {
        return stats().getJsonNumber("noDataCount").longValue();
    }

    private JsonObject stats() {
        return okEntry.getJsonObject("outputs").getJsonObject("ndvi").getJsonObject("bands").getJsonObject("B0")
                .getJsonObject("stats");
    }

    /** The real error of the PARTIAL answer's failed interval. */
    public String partialError() {
        return failedEntry.getString("error");
    }

    public int tokenRequests() {
        return tokens.get();
    }

    /** Statistical API calls in all. */
    public int statisticsCalls() {
        return statisticsCalls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** The most Statistical API calls that arrived within any {@code window} (a sliding window over the arrivals). */
    public int mostStatisticsCallsWithin(java.time.Duration window) {
        long[] t = statisticsArrivals.stream().mapToLong(Long::longValue).sorted().toArray();
        int most = 0;
        for (int first = 0, last = 0; last < t.length; last++) {
            while (t[last] - t[first] >= window.toNanos()) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    /** Statistical API calls for one day (every AOI). */
    public int statisticsCalls(LocalDate day) {
        return statisticsCalls.entrySet().stream().filter(e -> e.getKey().startsWith(day + "|"))
                .mapToInt(e -> e.getValue().get()).sum();
    }

    /** Calls per item ("day|geometry hash"). */
    public Map<String, Integer> callsPerItem() {
        Map<String, Integer> m = new HashMap<>();
        statisticsCalls.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    public List<Recorded> requests(String path) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.path().equals(path)).toList();
        }
    }

    public void reset() {
        requests.clear();
        statisticsCalls.clear();
        statisticsArrivals.clear();
        fail500.clear();
        fail400.clear();
        partial.clear();
        rateLimitOnce.clear();
        processOk = Integer.MAX_VALUE;
        processCalls.set(0);
        searchOk = Integer.MAX_VALUE;
        searchCalls.set(0);
        statisticsDelayMillis = 0;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new HashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            String path = ex.getRequestURI().getPath();
            requests.add(new Recorded(ex.getRequestMethod(), path, headers, body));
            if (path.equals(TOKEN_PATH) && ex.getRequestMethod().equals("POST")) {
                token(ex, body);
                return;
            }
            String auth = headers.getOrDefault("authorization", "");
            if (!auth.startsWith("Bearer ") || !issued.contains(auth.substring(7))) {
                reply(ex, 401, "application/json", "{\"error\":{\"status\":401,\"reason\":\"Unauthorized\","
                        + "\"message\":\"You are not authorized! Please provide a valid access token.\","
                        + "\"code\":\"COMMON_UNAUTHORIZED\"}}");
                return;
            }
            switch (path) {
                case "/api/v1/catalog/1.0.0/search" -> {
                    if (searchCalls.incrementAndGet() > searchOk) {
                        reply(ex, 400, "application/json", "{\"code\":400,\"description\":\"Invalid request\"}");
                    } else {
                        search(ex, body);
                    }
                }
                case "/api/v1/statistics" -> statistics(ex, body, auth);
                case "/api/v1/process" -> {
                    if (processCalls.incrementAndGet() > processOk) {
                        reply(ex, 503, "application/json", "{\"error\":{\"status\":503,\"reason\":"
                                + "\"Service Unavailable\",\"message\":\"Service is temporarily unavailable\"}}");
                    } else {
                        reply(ex, 200, "image/png", png());
                    }
                }
                default -> reply(ex, 404, "application/json", "{\"error\":{\"status\":404,\"reason\":\"Not Found\"}}");
            }
        } catch (RuntimeException e) {
            reply(ex, 500, "text/plain", "stub failure: " + e);
        }
    }

    private void token(HttpExchange ex, String form) throws IOException {
        Map<String, String> f = new HashMap<>();
        for (String kv : form.split("&")) {
            int i = kv.indexOf('=');
            if (i > 0) {
                f.put(URLDecoder.decode(kv.substring(0, i), StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
            }
        }
        if (!"client_credentials".equals(f.get("grant_type")) || !CLIENT_ID.equals(f.get("client_id"))
                || !SECRET.equals(f.get("client_secret"))) {
            reply(ex, 401, "application/json", "{\"error\":\"invalid_client\",\"error_description\":"
                    + "\"Invalid client or Invalid client credentials\"}");
            return;
        }
        String token = "eyJhbGciOiJSUzI1NiJ9.it-token-" + tokens.incrementAndGet() + "-b00c4fe";
        issued.add(token);
        reply(ex, 200, "application/json", "{\"access_token\":\"" + token + "\",\"expires_in\":3600,"
                + "\"refresh_expires_in\":0,\"token_type\":\"Bearer\",\"not-before-policy\":0,\"scope\":\"email profile\"}");
    }

    private void search(HttpExchange ex, String body) throws IOException {
        JsonObject req = Json.createReader(new StringReader(body)).readObject();
        String[] dt = req.getString("datetime").split("/");
        Instant from = Instant.parse(dt[0]);
        Instant to = Instant.parse(dt[1]);
        Envelope area = GeoJson.read(req.getJsonObject("intersects")).getEnvelopeInternal();
        JsonArrayBuilder features = Json.createArrayBuilder();
        int n = 0;
        for (JsonObject item : items) {
            Instant t = Instant.parse(item.getJsonObject("properties").getString("datetime"));
            var b = item.getJsonArray("bbox");
            Envelope e = new Envelope(b.getJsonNumber(0).doubleValue(), b.getJsonNumber(2).doubleValue(),
                    b.getJsonNumber(1).doubleValue(), b.getJsonNumber(3).doubleValue());
            if (!t.isBefore(from) && !t.isAfter(to) && e.intersects(area)) {
                features.add(item);
                n++;
            }
        }
        reply(ex, 200, "application/geo+json", Json.createObjectBuilder().add("type", "FeatureCollection")
                .add("features", features).add("links", Json.createArrayBuilder())
                .add("context", Json.createObjectBuilder().add("limit", req.getInt("limit", 10)).add("returned", n))
                .build().toString());
    }

    private void statistics(HttpExchange ex, String body, String auth) throws IOException {
        JsonObject req = Json.createReader(new StringReader(body)).readObject();
        JsonObject range = req.getJsonObject("aggregation").getJsonObject("timeRange");
        LocalDate day = Instant.parse(range.getString("from")).atZone(ZoneOffset.UTC).toLocalDate();
        Geometry g = GeoJson.read(req.getJsonObject("input").getJsonObject("bounds").getJsonObject("geometry"));
        String key = day + "|" + Integer.toHexString(g.toText().hashCode());
        statisticsArrivals.add(System.nanoTime());
        statisticsCalls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        if (statisticsDelayMillis > 0) {
            try {
                Thread.sleep(statisticsDelayMillis); // the stand-in's latency, not a wait in a test
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (fail500.contains(day)) {
            // a careless server that echoes the request's credentials: eobatch must not pass them on
            reply(ex, 500, "application/json", "{\"error\":{\"status\":500,\"reason\":\"Internal Server Error\","
                    + "\"message\":\"Illegal state, request had Authorization: " + auth + "\"}}");
            return;
        }
        if (rateLimitOnce.remove(day)) {
            ex.getResponseHeaders().set("Retry-After", "100");
            reply(ex, 429, "application/json", "{\"error\":{\"status\":429,\"reason\":\"Too Many Requests\","
                    + "\"message\":\"You have exceeded your rate limit\",\"code\":\"RATE_LIMIT_EXCEEDED\"}}");
            return;
        }
        if (fail400.contains(day)) {
            reply(ex, 400, "application/json", "{\"error\":{\"status\":400,\"reason\":\"Bad Request\","
                    + "\"message\":\"Invalid request\",\"code\":\"COMMON_BAD_PAYLOAD\"}}");
            return;
        }
        JsonObject interval = Json.createObjectBuilder().add("from", range.getString("from"))
                .add("to", range.getString("to")).build();
        boolean failed = partial.contains(day);
        JsonObject entry = Json.createObjectBuilder(failed ? failedEntry : okEntry).add("interval", interval).build();
        reply(ex, 200, "application/json", Json.createObjectBuilder()
                .add("data", Json.createArrayBuilder().add(entry)).add("status", failed ? "PARTIAL" : "OK")
                .build().toString());
    }

    private static byte[] png() throws IOException {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(4, 4,
                java.awt.image.BufferedImage.TYPE_INT_ARGB);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        reply(ex, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void reply(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(body);
        }
    }

    private static JsonValue read(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return Json.createReader(in).readValue();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
