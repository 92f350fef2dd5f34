package io.eobatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.eobatch.rest.EobatchApplication;

/**
 * The operations endpoints over the provisioned server: health and metrics on the management interface, the OpenAPI
 * document and the Swagger UI page on the application's port (README, Operations).
 */
class OperationsIT {

    /** The management interface: /health and /metrics. */
    static final String MANAGEMENT = "http://127.0.0.1:" + System.getProperty("eobatch.management.port", "9990");
    /** The management user the build adds (bin/add-user.sh without -a) to read /metrics. */
    static final String MONITOR = "it-monitor";
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @BeforeAll
    static void ready() {
        Api.awaitReady(Duration.ofMinutes(3));
    }

    // ---- health

    @Test
    void livenessIsUpWithEobatchsCheck() {
        Api.Response r = get(MANAGEMENT + "/health/live", null);
        assertEquals(200, r.status(), r.body());
        JsonObject h = r.json();
        assertEquals("UP", h.getString("status"), r.body());
        assertEquals("UP", check(h, "eobatch").getString("status"));
    }

    @Test
    void readinessChecksTheDatabaseAndTheJobRepositoryByName() {
        Api.Response r = get(MANAGEMENT + "/health/ready", null);
        assertEquals(200, r.status(), r.body());
        JsonObject h = r.json();
        assertEquals("UP", h.getString("status"), r.body());
        assertEquals("UP", check(h, "eobatch-database").getString("status"), r.body());
        assertEquals("UP", check(h, "eobatch-job-repository").getString("status"), r.body());
        // and /health is the sum of both kinds
        JsonObject all = get(MANAGEMENT + "/health", null).json();
        check(all, "eobatch");
        check(all, "eobatch-database");
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(c -> name.equals(c.getString("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no check named " + name + " in " + health));
    }

    // ---- OpenAPI

    /**
     * Every JAX-RS method of the WAR's resources (found by reflection) is in the document at its path and method,
     * with a summary, and its error answers are problem+json: a new endpoint without its annotations fails here.
     */
    @Test
    void theOpenApiDocumentDescribesEveryResourceMethod() throws Exception {
        Api.Response r = get(Api.BASE + "/openapi?format=JSON", null);
        assertEquals(200, r.status(), "the document needs no login: " + r.body());
        JsonObject doc = r.json();
        JsonObject paths = doc.getJsonObject("paths");
        Set<String> declared = resourceOperations();
        assertTrue(declared.size() >= 25, "the resources' operations, found by reflection: " + declared);
        Set<String> documented = new TreeSet<>();
        for (String path : paths.keySet()) {
            for (String method : paths.getJsonObject(path).keySet()) {
                documented.add(method.toUpperCase(Locale.ROOT) + " " + path);
            }
        }
        Set<String> missing = new TreeSet<>(declared);
        missing.removeAll(documented);
        assertEquals(Set.of(), missing, "resource methods missing from /openapi");
        for (String op : declared) {
            String[] mp = op.split(" ", 2);
            JsonObject o = paths.getJsonObject(mp[1]).getJsonObject(mp[0].toLowerCase(Locale.ROOT));
            assertFalse(o.getString("summary", "").isBlank(), op + " has no summary (@Operation)");
            JsonObject responses = o.getJsonObject("responses");
            assertTrue(responses.keySet().stream().anyMatch(c -> c.startsWith("2")), op + ": no success answer");
            for (String code : List.of("401", "403")) {
                assertTrue(responses.containsKey(code), op + " lacks " + code);
            }
            if (mp[0].equals("POST")) {
                assertTrue(responses.containsKey("415"), op + " lacks 415");
            }
            for (String code : responses.keySet()) {
                if (code.startsWith("4")) {
                    JsonObject answer = resolve(doc, responses.getJsonObject(code));
                    JsonObject schema = answer.getJsonObject("content").getJsonObject("application/problem+json")
                            .getJsonObject("schema");
                    assertEquals("#/components/schemas/Problem", schema.getString("$ref"), op + " " + code);
                }
            }
        }
        JsonObject problem = doc.getJsonObject("components").getJsonObject("schemas").getJsonObject("Problem");
        assertNotNull(problem, "the shared Problem schema");
        assertTrue(problem.getJsonObject("properties").keySet().containsAll(List.of("type", "title", "status",
                "detail", "field")), problem.toString());
        assertEquals("basic", doc.getJsonObject("components").getJsonObject("securitySchemes")
                .getJsonObject("basic").getString("scheme"));
    }

    /** The launch body's schema lists each job's parameters as GET /api/jobs gives them: names, required, defaults. */
    @Test
    void theLaunchBodyHasEachJobsParameterSchema() {
        JsonObject doc = get(Api.BASE + "/openapi?format=JSON", null).json();
        JsonObject schemas = doc.getJsonObject("components").getJsonObject("schemas");
        JsonObject launch = doc.getJsonObject("paths").getJsonObject("/api/jobs/{job}/executions")
                .getJsonObject("post").getJsonObject("requestBody").getJsonObject("content")
                .getJsonObject("application/json").getJsonObject("schema");
        List<String> oneOf = launch.getJsonArray("oneOf").stream().map(v -> v.asJsonObject().getString("$ref"))
                .toList();
        var jobs = Api.get("/api/jobs").jsonValue().asJsonArray();
        assertEquals(jobs.size(), oneOf.size(), launch.toString());
        for (JsonValue j : jobs) {
            String id = j.asJsonObject().getString("id");
            assertTrue(oneOf.contains("#/components/schemas/" + id + ".parameters"), oneOf.toString());
            JsonObject s = schemas.getJsonObject(id + ".parameters");
            JsonObject props = s.getJsonObject("properties");
            List<String> required = s.containsKey("required")
                    ? s.getJsonArray("required").getValuesAs(jakarta.json.JsonString.class).stream()
                    .map(jakarta.json.JsonString::getString).toList() : List.of();
            for (JsonValue pv : j.asJsonObject().getJsonArray("parameters")) {
                JsonObject p = pv.asJsonObject();
                String name = p.getString("name");
                assertTrue(props.containsKey(name), id + " schema lacks " + name);
                assertEquals(p.getBoolean("required"), required.contains(name), id + "." + name);
                if (p.get("defaultValue") instanceof jakarta.json.JsonString) {
                    assertEquals(p.getString("defaultValue"), text(props.getJsonObject(name).get("default")),
                            id + "." + name + " default");
                }
                if (p.get("allowed") instanceof jakarta.json.JsonArray) {
                    assertEquals(p.getJsonArray("allowed"), props.getJsonObject(name).getJsonArray("enum"));
                }
            }
            assertFalse(s.getBoolean("additionalProperties", true), "unknown parameters are a 400");
        }
        // a query parameter with its type and default
        JsonObject items = doc.getJsonObject("paths").getJsonObject("/api/executions/{id}/items")
                .getJsonObject("get");
        JsonObject limit = items.getJsonArray("parameters").stream().map(JsonValue::asJsonObject)
                .filter(p -> p.getString("name").equals("limit")).findFirst().orElseThrow();
        assertEquals("query", limit.getString("in"));
        assertEquals("integer", limit.getJsonObject("schema").getString("type"));
        assertEquals(1000, limit.getJsonObject("schema").getInt("default"));
    }

    private static String text(JsonValue v) {
        return v instanceof jakarta.json.JsonString s ? s.getString() : String.valueOf(v);
    }

    /** A response object, or the shared one its $ref names. */
    private static JsonObject resolve(JsonObject doc, JsonObject response) {
        if (!response.containsKey("$ref")) {
            return response;
        }
        String ref = response.getString("$ref");
        assertTrue(ref.startsWith("#/components/responses/"), ref);
        return doc.getJsonObject("components").getJsonObject("responses")
                .getJsonObject(ref.substring("#/components/responses/".length()));
    }

    /** "METHOD /api/path" of every resource method of the WAR's io.eobatch.rest package. */
    static Set<String> resourceOperations() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(EobatchApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path pkg = classes.resolve("io/eobatch/rest");
        Set<String> out = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(pkg)) {
            files = s.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (Path f : files) {
            String name = "io.eobatch.rest." + f.getFileName().toString().replace(".class", "");
            Class<?> c = Class.forName(name, false, OperationsIT.class.getClassLoader());
            jakarta.ws.rs.Path base = c.getAnnotation(jakarta.ws.rs.Path.class);
            if (base == null) {
                continue;
            }
            for (Method m : c.getMethods()) {
                String verb = m.isAnnotationPresent(GET.class) ? "GET" : m.isAnnotationPresent(POST.class) ? "POST"
                        : m.isAnnotationPresent(DELETE.class) ? "DELETE" : m.isAnnotationPresent(PUT.class) ? "PUT"
                        : m.isAnnotationPresent(HEAD.class) ? "HEAD" : null;
                if (verb == null) {
                    continue;
                }
                jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
                out.add(verb + " " + apiPath(base.value(), sub == null ? "" : sub.value()));
            }
        }
        return out;
    }

    /** /api + the class's and the method's @Path, templates without their regular expressions. */
    static String apiPath(String base, String sub) {
        String p = ("/api/" + base + "/" + sub).replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}")
                .replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    @Test
    void apiPathJoinsAndDropsTemplateRegexes() {
        assertEquals("/api", apiPath("/", ""));
        assertEquals("/api/executions/{id}/results/{path}", apiPath("/executions/{id}/results", "{path: .+}"));
        assertEquals("/api/jobs/{job}/executions", apiPath("/jobs", "{job}/executions"));
    }

    // ---- Swagger UI

    @Test
    void theSwaggerUiPageLoadsItsFilesFromTheWar() {
        Api.Response page = get(Api.BASE + "/swagger-ui/", null);
        assertEquals(200, page.status());
        assertTrue(page.contentType().startsWith("text/html"), page.contentType());
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
        List<String> refs = new ArrayList<>();
        while (m.find()) {
            refs.add(m.group(1));
        }
        String version = System.getProperty("version.swagger-ui", "");
        assertTrue(refs.stream().anyMatch(s -> s.endsWith("/webjars/swagger-ui/" + version + "/swagger-ui-bundle.js")),
                refs.toString());
        assertTrue(refs.contains("init.js"), refs.toString());
        URI pageUri = URI.create(Api.BASE + "/swagger-ui/");
        for (String ref : refs) {
            URI u = pageUri.resolve(ref);
            assertEquals(pageUri.getAuthority(), u.getAuthority(), ref + " is not served by this server");
            Api.Response file = get(u.toString(), null);
            assertEquals(200, file.status(), u + " without a login");
            String type = file.contentType();
            assertTrue(ref.endsWith(".css") ? type.startsWith("text/css") : type.contains("javascript"), u + ": " + type);
        }
        assertTrue(get(pageUri.resolve(refs.stream().filter(s -> s.endsWith("-bundle.js")).findFirst().orElseThrow())
                .toString(), null).body().contains("SwaggerUIBundle"));
        String init = get(Api.BASE + "/swagger-ui/init.js", null).body();
        assertTrue(init.contains("url: \"/openapi?format=JSON\""), init);
        assertTrue(init.contains("validatorUrl: null"), "no online validator: " + init);
    }

    // ---- metrics

    @Test
    void metricsNeedAManagementUser() {
        assertEquals(401, get(MANAGEMENT + "/metrics", null).status());
        assertEquals(401, get(MANAGEMENT + "/metrics", Api.ADMIN).status(), "an application user is not enough");
        Api.Response r = get(MANAGEMENT + "/metrics", MONITOR);
        assertEquals(200, r.status());
        assertTrue(r.body().contains("# TYPE eobatch_executions_running gauge"), "Prometheus text");
        for (String job : List.of("aoi-statistics", "aoi-timelapse", "tiled-composite")) {
            assertEquals(0.0, sample(r.body(), "eobatch_executions_running", Map.of("job", job)), 0.0,
                    "nothing runs between tests: " + job);
        }
    }

    /**
     * A small aoi-statistics run over the Sentinel Hub stand-in, one of whose answers is a 429 with Retry-After: the
     * meters grow by what the ledger and the stand-in say happened.
     */
    @Test
    void afterASmallJobTheMetersCountWhatHappened() throws IOException {
        Fixtures.requireSharedData();
        Fixtures.uploadDravaAois();
        try (SentinelHubStub sh = new SentinelHubStub()) {
            sh.rateLimitOnce.add(LocalDate.of(2023, 8, 15));
            String before = get(MANAGEMENT + "/metrics", MONITOR).body();
            long id = Fixtures.start("aoi-statistics", "{\"provider\":\"sentinel-hub\",\"aois\":[\"drava-b\"],"
                    + "\"from\":\"2023-08-10\",\"to\":\"2023-08-20\",\"partitions\":2}");
            JsonObject e = Api.awaitTerminal(id, Duration.ofMinutes(3));
            assertEquals("COMPLETED", e.getString("status"), e.toString());
            String after = get(MANAGEMENT + "/metrics", MONITOR).body();

            List<JsonObject> items = Fixtures.items(id).stream().map(JsonValue::asJsonObject).toList();
            long done = items.stream().filter(i -> i.getString("status").equals("DONE")).count();
            assertTrue(done >= 2, items.toString());
            assertEquals(done, e.getJsonObject("progress").getInt("done"));
            Map<String, String> statsDone = Map.of("job", "aoi-statistics", "status", "DONE");
            assertEquals(done, delta(before, after, "eobatch_items_total", statsDone), 0.0, "items DONE");
            assertEquals(0, delta(before, after, "eobatch_items_total",
                    Map.of("job", "aoi-statistics", "status", "FAILED")), 0.0);

            Map<String, String> sentinelHub = Map.of("provider", "sentinel-hub");
            int statisticsCalls = sh.statisticsCalls();
            int searches = sh.requests("/api/v1/catalog/1.0.0/search").size();
            assertEquals(done + 1, statisticsCalls, "one call per item and the retry after the 429");
            assertEquals(statisticsCalls - 1 + searches, delta(before, after, "eobatch_provider_calls_total",
                    Map.of("provider", "sentinel-hub", "outcome", "success")), 0.0);
            assertEquals(1, delta(before, after, "eobatch_provider_calls_total",
                    Map.of("provider", "sentinel-hub", "outcome", "rate_limited")), 0.0);
            assertEquals(1, delta(before, after, "eobatch_provider_rate_limited_total", sentinelHub), 0.0);
            assertEquals(1, delta(before, after, "eobatch_provider_retries_total", sentinelHub), 0.0);
            double waited = delta(before, after, "eobatch_throttle_wait_seconds_total", sentinelHub);
            assertTrue(waited >= 0.09, "the retry waited out Retry-After: 100 ms, waited " + waited + " s in all");

            double itemUnits = items.stream().mapToDouble(i -> i.isNull("cost") ? 0 : i.getJsonNumber("cost").doubleValue()).sum();
            double units = delta(before, after, "eobatch_provider_units_total", sentinelHub);
            // the items' PU, and the catalog search's 0.01 PU per page for an area under 10,000 km2
            assertEquals(itemUnits + 0.01 * searches, units, 1e-6, "processing units charged");
            assertEquals(0.0, sample(after, "eobatch_executions_running", Map.of("job", "aoi-statistics")), 0.0);
        }
    }

    /** The change of a counter between two scrapes (0 where it did not exist yet). */
    private static double delta(String before, String after, String name, Map<String, String> labels) {
        return sample(after, name, labels) - sample(before, name, labels);
    }

    /** The sum of the samples of {@code name} whose labels include {@code labels}. */
    static double sample(String prometheusText, String name, Map<String, String> labels) {
        double sum = 0;
        for (String line : prometheusText.split("\n")) {
            Matcher m = SAMPLE.matcher(line.strip());
            if (!m.matches() || !m.group(1).equals(name)) {
                continue;
            }
            Map<String, String> have = new java.util.HashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    have.put(l.group(1), l.group(2));
                }
            }
            if (have.entrySet().containsAll(labels.entrySet())) {
                sum += Double.parseDouble(m.group(3));
            }
        }
        return sum;
    }

    @Test
    void sampleReadsPrometheusText() {
        String text = "# TYPE x_total counter\nx_total{a=\"1\",b=\"q\\\"\"} 2.0\nx_total{a=\"2\"} 3.0\nx 7\n";
        assertEquals(5.0, sample(text, "x_total", Map.of()), 0.0);
        assertEquals(2.0, sample(text, "x_total", Map.of("a", "1")), 0.0);
        assertEquals(7.0, sample(text, "x", Map.of()), 0.0);
        assertEquals(0.0, sample(text, "y", Map.of()), 0.0);
    }

    /** A GET with the Basic login of {@code user} (the ITs' password), or none. */
    private static Api.Response get(String url, String user) {
        return (user == null ? Api.anonymous() : Api.as(user)).send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

}
