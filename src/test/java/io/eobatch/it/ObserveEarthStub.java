package io.eobatch.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

/**
 * An ObservEarth account on 127.0.0.1 for the integration tests, in the shapes of src/test/resources/observearth
 * (ObservEarth's documentation pages and batch tutorial): geometries (list, register), Sentinel-2 search (the dates
 * of the real Drava scenes), stats per date. Every request must carry the API key in {@code X-API-Key} (401 without,
 * 403 with a wrong one). Counts stats calls per geometry and date.
 */
public final class ObserveEarthStub implements AutoCloseable {

    public static final int PORT = Integer.getInteger("eobatch.it.stub.port.oe", 18184);
    /** As in the pom's server environment. */
    public static final String API_KEY = "oe-it-K3y-7b1d9e0f-never-logged";

    /** A request as received. */
    public record Recorded(String method, String path, String apiKey, String body) {
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> geometries = new ConcurrentHashMap<>(); // id -> name
    private final Map<String, JsonObject> shapes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> statsCalls = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    /** The dates of the real Drava scenes, with their scene ids. */
    private final TreeMap<LocalDate, List<String>> scenes = new TreeMap<>();

    public ObserveEarthStub() throws IOException {
        for (String id : Fixtures.DRAVA_ITEMS) {
            LocalDate d = LocalDate.parse(id.substring(10, 18), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
            scenes.computeIfAbsent(d, k -> new ArrayList<>()).add(id);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT), 64);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The days with scenes. */
    public List<LocalDate> days() {
        return List.copyOf(scenes.keySet());
    }

    /** The stats answer's mean for a date: fixed per day, so that a test can tell rows apart. */
    public static double mean(LocalDate d) {
        return 0.5 + d.getDayOfMonth() / 100.0;
    }

    public int statsCalls() {
        return statsCalls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public int registrations() {
        return (int) requests(("/api/geometry/")).stream().filter(r -> r.method().equals("POST")).count();
    }

    public List<Recorded> requests(String path) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.path().equals(path)).toList();
        }
    }

    public List<Recorded> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String key = ex.getRequestHeaders().getFirst("X-API-Key");
            String path = ex.getRequestURI().getPath();
            requests.add(new Recorded(ex.getRequestMethod(), path, key, body));
            if (key == null) {
                reply(ex, 401, "{\"detail\":\"Authentication credentials were not provided.\"}");
                return;
            }
            if (!API_KEY.equals(key)) {
                reply(ex, 403, "{\"detail\":\"Invalid API key.\"}");
                return;
            }
            String m = ex.getRequestMethod();
            if (path.equals("/api/geometry/") && m.equals("GET")) {
                JsonArrayBuilder f = Json.createArrayBuilder();
                geometries.forEach((id, name) -> f.add(feature(id, name)));
                reply(ex, 200, Json.createObjectBuilder().add("type", "FeatureCollection").add("features", f).build()
                        .toString());
            } else if (path.equals("/api/geometry/") && m.equals("POST")) {
                JsonObject req = Json.createReader(new StringReader(body)).readObject();
                String id = "5f0c3a2e-0000-4000-8000-" + String.format("%012d", ids.incrementAndGet());
                geometries.put(id, req.getString("name"));
                shapes.put(id, req.getJsonObject("geometry"));
                reply(ex, 201, feature(id, req.getString("name")).toString());
            } else if (path.equals("/api/s2/search/") && m.equals("POST")) {
                JsonObject req = Json.createReader(new StringReader(body)).readObject();
                if (!geometries.containsKey(req.getString("geometry_id"))) {
                    reply(ex, 404, "{\"detail\":\"Not found.\"}");
                    return;
                }
                JsonArrayBuilder r = Json.createArrayBuilder();
                int n = 0;
                for (var e : range(req).entrySet()) {
                    for (String id : e.getValue()) {
                        r.add(Json.createObjectBuilder().add("id", id).add("date", e.getKey().toString())
                                .add("cloud_cover", 3.12).add("platform", id.startsWith("S2A") ? "Sentinel-2A"
                                        : "Sentinel-2B"));
                        n++;
                    }
                }
                reply(ex, 200, Json.createObjectBuilder().add("results", r).add("count", n).build().toString());
            } else if (path.equals("/api/s2/stats/") && m.equals("POST")) {
                JsonObject req = Json.createReader(new StringReader(body)).readObject();
                String gid = req.getString("geometry_id");
                if (!geometries.containsKey(gid)) {
                    reply(ex, 404, "{\"detail\":\"Not found.\"}");
                    return;
                }
                JsonArrayBuilder r = Json.createArrayBuilder();
                for (LocalDate d : range(req).keySet()) {
                    statsCalls.computeIfAbsent(gid + "|" + d, k -> new AtomicInteger()).incrementAndGet();
                    r.add(Json.createObjectBuilder().add("date", d.toString()).add("mean_value", mean(d))
                            .add("min_value", 0.1184).add("max_value", 0.8731).add("std_value", 0.0917)
                            .add("median_value", mean(d) + 0.01).add("cloud_cover", 3.12));
                }
                reply(ex, 200, Json.createObjectBuilder().add("results", r).build().toString());
            } else {
                reply(ex, 404, "{\"detail\":\"Not found.\"}");
            }
        } catch (RuntimeException e) {
            reply(ex, 500, "{\"detail\":\"stub failure: " + e + "\"}");
        }
    }

    private Map<LocalDate, List<String>> range(JsonObject req) {
        return scenes.subMap(LocalDate.parse(req.getString("start_date")), true,
                LocalDate.parse(req.getString("end_date")), true);
    }

    private JsonObject feature(String id, String name) {
        return Json.createObjectBuilder().add("type", "Feature")
                .add("geometry", shapes.getOrDefault(id, Json.createObjectBuilder().build()))
                .add("properties", Json.createObjectBuilder().add("id", id).add("name", name)).build();
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
