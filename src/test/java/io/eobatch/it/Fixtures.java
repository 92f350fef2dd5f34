package io.eobatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eobatch.testsupport.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;


/** Shared facts of the integration tests: the real data, the AOIs, the GDAL reference numbers. */
public final class Fixtures {

    public static final Path SHARED = TestData.SHARED_DATA;
    public static final Path DRAVA = SHARED.resolve("s2l2a-drava-2023-08");
    public static final Path DRAVA_AOIS = SHARED.resolve("aoi/aoi-drava.geojson");
    public static final int STUB_PORT = Integer.getInteger("eobatch.it.stub.port", 18181);
    public static final List<String> DRAVA_ITEMS = List.of("S2A_33TWL_20230815_0_L2A", "S2A_33TWL_20230818_0_L2A",
            "S2A_33TWM_20230815_0_L2A", "S2A_33TWM_20230818_0_L2A", "S2B_33TWL_20230810_0_L2A",
            "S2B_33TWL_20230813_0_L2A", "S2B_33TWL_20230820_0_L2A", "S2B_33TWM_20230810_0_L2A",
            "S2B_33TWM_20230813_0_L2A", "S2B_33TWM_20230820_0_L2A");

    private Fixtures() {
    }

    /** Skips the test, with a reason, when ../shared/data is not beside the project. */
    public static void requireSharedData() {
        TestData.shared("s2l2a-drava-2023-08");
    }

    /** Uploads the Drava AOIs unless they are stored already. */
    public static void uploadDravaAois() throws IOException {
        requireSharedData();
        Api.awaitReady(Duration.ofMinutes(3));
        if (Api.get("/api/aois/drava-a").status() == 200) {
            return;
        }
        Api.Response r = Api.post("/api/aois", Files.readString(DRAVA_AOIS));
        assertEquals(201, r.status(), r.body());
    }

    /** The GDAL reference statistics (tools/gdal_zonal_ndvi.py) of every Drava item, by "aoi/item". */
    public static Map<String, JsonObject> gdalReference() throws IOException {
        return reference("/expected/drava/");
    }

    /**
     * The coverage-weighted reference numbers (GDAL + GEOS, src/test/tools/coverage_zonal_index.py) of the Drava AOIs
     * by "aoiId/itemId".
     */
    public static Map<String, JsonObject> coverageReference() throws IOException {
        return reference("/expected/coverage/drava/");
    }

    private static Map<String, JsonObject> reference(String folder) throws IOException {
        Map<String, JsonObject> out = new HashMap<>();
        for (String item : DRAVA_ITEMS) {
            try (InputStream in = Fixtures.class.getResourceAsStream(folder + item + ".jsonl")) {
                assertTrue(in != null, "reference numbers of " + item + " missing from src/test/resources");
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    JsonObject o = Json.createReader(new StringReader(line)).readObject();
                    out.put(o.getString("id") + "/" + item, o);
                }
            }
        }
        return out;
    }

    /** Restarts an execution; asserts 201 and returns the new execution's id. */
    public static long restart(long execution) {
        return created(Api.post("/api/executions/" + execution + "/restart", ""));
    }

    /** retry-failed of an execution; asserts 201 and returns the new execution's id. */
    public static long retryFailed(long execution) {
        return created(Api.post("/api/executions/" + execution + "/retry-failed", ""));
    }

    /** The id of the execution a 201 answer names in its Location header; asserts the 201 and the Location. */
    public static long created(Api.Response r) {
        assertEquals(201, r.status(), r.body());
        String location = r.header("Location");
        assertTrue(location != null && location.matches(".*/api/executions/\\d+"), "Location: " + location);
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    /** Starts a job and returns its execution id; asserts 201 and the Location header. */
    public static long start(String job, String jsonBody) {
        return created(Api.post("/api/jobs/" + job + "/executions", jsonBody));
    }

    /** Every ledger item of the execution's job instance. */
    public static JsonArray items(long execution) {
        Api.Response r = Api.get("/api/executions/" + execution + "/items?limit=10000");
        assertEquals(200, r.status(), r.body());
        return (JsonArray) r.jsonValue();
    }

    /** Asserts the exactly-once outcome: every item DONE or NO_DATA, one statistics row per item, no duplicate. */
    public static void assertExactlyOnce(long execution) {
        JsonArray items = items(execution);
        assertTrue(items.size() > 0, "no items");
        for (JsonValue v : items) {
            String st = v.asJsonObject().getString("status");
            assertTrue(st.equals("DONE") || st.equals("NO_DATA"), "item " + v + " is " + st);
        }
        JsonArray rows = (JsonArray) Api.get("/api/executions/" + execution + "/statistics").jsonValue();
        assertEquals(items.size(), rows.size(), "one statistics row per item");
        Set<String> keys = new HashSet<>();
        for (JsonValue v : rows) {
            JsonObject o = v.asJsonObject();
            assertTrue(keys.add(o.getString("aoi_id") + "/" + o.getString("item_id")), "duplicate row " + o);
        }
    }

    /**
     * Restarts {@code execution}, a run of the 15 Drava items (drava-a and drava-b over August 2023) that was cut off
     * part-way ({@code interrupted}: its view then; 2 or more items done, not all), and asserts that the restart
     * completes every item exactly once. Returns the restart's execution id.
     */
    public static long restartCompletesTheInterruptedDravaRun(long execution, JsonObject interrupted) {
        JsonObject progress = interrupted.getJsonObject("progress");
        int doneBefore = progress.getInt("done");
        assertTrue(doneBefore >= 2 && doneBefore < 15, progress.toString());
        long restarted = restart(execution);
        JsonObject done = Api.awaitTerminal(restarted, Duration.ofMinutes(5));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertExactlyOnce(restarted);
        assertEquals(15, items(restarted).size(), "10 scenes for drava-a, 5 for drava-b");
        return restarted;
    }

    /**
     * Waits (polling, with a deadline) until no execution is STARTING or STARTED on the server: a test that counts
     * what a stand-in provider saw must not count the calls of an earlier test's job that is still winding down.
     */
    public static void awaitNoneRunning(Duration timeout) {
        Api.pollUntil(() -> Api.get("/api/executions?status=STARTED&limit=100").jsonValue().asJsonArray().size()
                + Api.get("/api/executions?status=STARTING&limit=100").jsonValue().asJsonArray().size(),
                running -> running == 0, timeout, "none STARTING or STARTED (last: how many were)");
    }

    /**
     * The {@code -Djboss.*} options that put a server an IT starts itself on this build's ports (pom: eobatch.http.port
     * and the rest; a build with a port block of its own passes them with -D), never on a default another build holds.
     */
    public static List<String> serverPorts() {
        return List.of("-Djboss.http.port=" + System.getProperty("eobatch.http.port", "8080"),
                "-Djboss.management.http.port=" + System.getProperty("eobatch.management.port", "9990"),
                "-Djboss.https.port=" + System.getProperty("eobatch.https.port", "8443"),
                "-Djboss.ajp.port=" + System.getProperty("eobatch.ajp.port", "8009"),
                "-Djboss.management.https.port=" + System.getProperty("eobatch.management.https.port", "9993"));
    }

    /** A step of an execution view by name. */
    public static JsonObject step(JsonObject execution, String name) {
        return execution.getJsonArray("steps").stream().map(JsonValue::asJsonObject)
                .filter(s -> s.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + name + " in " + execution));
    }

    /** Runs one management CLI command on the ITs' server (local authentication); asserts it succeeded. */
    public static void cli(String command) throws Exception {
        String home = System.getProperty("eobatch.server.dir", "target/server");
        String port = System.getProperty("eobatch.management.port", "9990");
        Path out = Files.createTempFile("it-cli", ".log");
        Process p = new ProcessBuilder(home + "/bin/jboss-cli.sh", "--connect", "--controller=127.0.0.1:" + port,
                "--command=" + command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the CLI ended in time");
        String log = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), command + ": " + log);
        assertTrue(log.contains("success"), command + ": " + log);
    }
}
