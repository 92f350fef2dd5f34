package io.eobatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Outbound safety over the provisioned server: catalogs on 127.0.0.1 (served by a {@link CatalogStub} on the stub
 * port from a copy of the Drava clips) whose documents point where eobatch must not go. Catalog {@code hostile}
 * (configured in the pom with {@code timeout-s} 5) has four scenes whose red band misbehaves, one way each: an href
 * to the cloud metadata address 169.254.169.254, a redirect to another host (localhost instead of 127.0.0.1), a
 * {@code file:} href, and a server that ignores {@code Range} and declares 8 GiB; each fails its own item with the
 * reason and nothing is fetched from there, while the six other scenes are computed. A COG that stalls after its
 * headers fails the job within seconds. Catalog {@code hostilelinks} links its collection on another host: the plan
 * fails, and that host is never asked.
 */
class OutboundIT {

    private static final String LINK_LOCAL = "S2B_33TWM_20230810_0_L2A";
    private static final String REDIRECT = "S2B_33TWL_20230810_0_L2A";
    private static final String FILE = "S2B_33TWM_20230813_0_L2A";
    private static final String HUGE = "S2B_33TWL_20230813_0_L2A";
    private static final String STALL = "S2B_33TWL_20230820_0_L2A";
    private static final Path SERVER_LOG = Path.of(System.getProperty("eobatch.server.dir", "target/server"),
            "standalone", "log", "server.log");

    private static CatalogStub stub;
    private static final AtomicLong HUGE_BYTES = new AtomicLong();
    private static final CountDownLatch RELEASE = new CountDownLatch(1);

    @BeforeAll
    static void start() throws Exception {
        Fixtures.uploadDravaAois();
        Path root = Path.of("target", "it-outbound").toAbsolutePath();
        Path hostile = root.resolve("hostile");
        copy(Fixtures.DRAVA, hostile);
        String other = "http://localhost:" + Fixtures.STUB_PORT;
        redHref(hostile, LINK_LOCAL, "http://169.254.169.254/latest/meta-data/B04.tif");
        redHref(hostile, REDIRECT, "./B04-redirect.tif");
        redHref(hostile, FILE, "file:///etc/passwd");
        redHref(hostile, HUGE, "./B04-huge.tif");
        Path links = root.resolve("hostile-links");
        Files.createDirectories(links);
        Files.writeString(links.resolve("catalog.json"), Json.createObjectBuilder().add("type", "Catalog")
                .add("id", "hostile-links").add("stac_version", "1.0.0").add("description", "links elsewhere")
                .add("links", Json.createArrayBuilder().add(Json.createObjectBuilder().add("rel", "child")
                        .add("href", other + "/foreign/collection.json"))).build().toString());

        stub = new CatalogStub(root, Fixtures.STUB_PORT);
        stub.answerPathsContaining("B04-redirect.tif", ex -> {
            ex.getResponseHeaders().add("Location", other + "/hostile/sentinel-2-l2a/" + REDIRECT + "/B04.tif");
            ex.sendResponseHeaders(302, -1);
        });
        stub.answerPathsContaining("B04-huge.tif", ex -> {
            ex.sendResponseHeaders(200, 8L << 30); // ignores Range, declares 8 GiB, sends until hung up on
            byte[] block = new byte[64 * 1024];
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 8 * 16 * 1024; i++) {
                    out.write(block);
                    HUGE_BYTES.addAndGet(block.length);
                }
            } catch (IOException e) {
                // hung up on: what eobatch should do
            }
        });
    }

    @AfterAll
    static void stop() {
        RELEASE.countDown();
        if (stub != null) {
            stub.close();
        }
    }

    @Test
    void eachMisbehavingAssetFailsItsOwnItemWithTheReason() throws IOException {
        long id = Fixtures.start("aoi-statistics", "{\"aois\":\"drava-a\",\"catalog\":\"hostile\","
                + "\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"partitions\":2,\"chunkSize\":1,\"retryLimit\":0}");
        JsonObject done = Api.awaitTerminal(id, Duration.ofMinutes(5));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        Map<String, JsonObject> items = new TreeMap<>();
        for (JsonValue v : Fixtures.items(id)) {
            items.put(v.asJsonObject().getString("sceneId"), v.asJsonObject());
        }
        assertEquals(10, items.size(), items.toString());
        Map<String, String> expected = Map.of(
                LINK_LOCAL, "169.254.169.254 is a link-local address",
                REDIRECT, "localhost:" + Fixtures.STUB_PORT + " is not allowed for catalog hostile",
                FILE, "the scheme file: is not allowed for catalog hostile",
                HUGE, "ignores Range and answers 200 with the whole file, " + (8L << 30) + " bytes");
        for (Map.Entry<String, JsonObject> e : items.entrySet()) {
            JsonObject item = e.getValue();
            String reason = expected.get(e.getKey());
            if (reason == null) {
                assertEquals("DONE", item.getString("status"), item.toString());
            } else {
                assertEquals("FAILED", item.getString("status"), item.toString());
                String lastError = item.getString("lastError", "");
                assertTrue(lastError.contains(reason) && lastError.contains("asset 'red'"),
                        e.getKey() + ": " + lastError);
                assertEquals(1, item.getInt("attempts"), "not retried: " + item);
            }
        }
        assertFalse(stub.paths().contains("/hostile/sentinel-2-l2a/" + REDIRECT + "/B04.tif"),
                "the redirect to another host was followed");
        assertTrue(HUGE_BYTES.get() < 64L << 20, "read " + HUGE_BYTES.get() + " bytes of the 8 GiB answer");
    }

    @Test
    void aCogThatStallsAfterItsHeadersFailsTheJobWithinTheTimeout() throws IOException {
        stub.answerPathsContaining(STALL + "/B04.tif", ex -> {
            ex.getResponseHeaders().add("Content-Range", "bytes 0-16383/1000000");
            ex.sendResponseHeaders(206, 16384);
            OutputStream out = ex.getResponseBody();
            out.write(new byte[100]);
            out.flush();
            try {
                RELEASE.await(2, TimeUnit.MINUTES); // the stall: the stub's doing, not a wait of the test
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Instant t0 = Instant.now();
        JsonObject done;
        try {
            long id = Fixtures.start("aoi-statistics", "{\"aois\":\"drava-a\",\"catalog\":\"hostile\","
                    + "\"from\":\"2023-08-20\",\"to\":\"2023-08-20\",\"partitions\":1,\"chunkSize\":1,"
                    + "\"retryLimit\":0}");
            done = Api.awaitTerminal(id, Duration.ofSeconds(90));
        } finally {
            stub.stopAnswering(STALL + "/B04.tif");
        }
        long seconds = Duration.between(t0, Instant.now()).toSeconds();
        assertEquals("FAILED", done.getString("status"), done.toString());
        assertTrue(seconds < 60, "the stalled read took " + seconds + " s (timeout-s 5)");
        assertTrue(stub.paths().stream().anyMatch(p -> p.contains(STALL + "/B04.tif")), "the stalled COG was asked");
        String log = Files.readString(SERVER_LOG);
        assertTrue(log.contains("timed out after PT5S (headers and body)"), "the reason is in server.log");
    }

    @Test
    void aCollectionLinkToAnotherHostFailsThePlanAndIsNeverAsked() throws IOException {
        long id = Fixtures.start("aoi-statistics", "{\"aois\":\"drava-a\",\"catalog\":\"hostilelinks\","
                + "\"from\":\"2023-08-01\",\"to\":\"2023-08-31\"}");
        JsonObject done = Api.awaitTerminal(id, Duration.ofMinutes(2));
        assertEquals("FAILED", done.getString("status"), done.toString());
        assertEquals("FAILED", Fixtures.step(done, "plan-items").getString("status"), done.toString());
        assertFalse(stub.paths().stream().anyMatch(p -> p.startsWith("/foreign")), "the foreign host was asked");
        String log = Files.readString(SERVER_LOG);
        assertTrue(log.contains("http://localhost:" + Fixtures.STUB_PORT + "/foreign/collection.json: not fetched: "
                + "the host localhost:" + Fixtures.STUB_PORT + " is not allowed for catalog hostilelinks"),
                "the reason is in server.log");
    }

    /** Copies the catalog folder (JSON and COG clips). */
    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Rewrites the href of the red band asset of one item of the copy. */
    private static void redHref(Path catalog, String itemId, String href) throws IOException {
        Path item = catalog.resolve("sentinel-2-l2a").resolve(itemId).resolve(itemId + ".json");
        JsonObject o = Json.createReader(Files.newBufferedReader(item, StandardCharsets.UTF_8)).readObject();
        JsonObject assets = o.getJsonObject("assets");
        JsonObjectBuilder red = Json.createObjectBuilder(assets.getJsonObject("red")).add("href", href);
        JsonObject changed = Json.createObjectBuilder(o)
                .add("assets", Json.createObjectBuilder(assets).add("red", red)).build();
        Files.writeString(item, changed.toString());
    }
}
