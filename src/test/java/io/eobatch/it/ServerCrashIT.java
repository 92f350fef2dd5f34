package io.eobatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server process is killed (SIGKILL) while a job runs, started again on the same data directory, and the
 * execution (kept by the JDBC job repository, marked FAILED/CRASHED at start-up) is restarted to COMPLETED with
 * every item exactly once. The server started here keeps running for the other tests and for the build's
 * shutdown goal, which stops it through the management port.
 */
class ServerCrashIT {

    private static final int CRASH_PORT = Integer.getInteger("eobatch.it.stub.port.crash", 18182);
    private static CatalogStub stub;
    private static final Path SERVER = Path.of(System.getProperty("eobatch.server.dir", "target/server"));

    @BeforeAll
    static void start() throws Exception {
        Fixtures.uploadDravaAois();
        stub = new CatalogStub(Fixtures.DRAVA, CRASH_PORT);
    }

    @AfterAll
    static void stop() {
        if (stub != null) {
            stub.close();
        }
    }

    @Test
    void anExecutionSurvivesAServerKilledMidRun() throws Exception {
        long earlier = Fixtures.start("aoi-statistics", "{\"aois\":\"drava-b\",\"catalog\":\"drava\","
                + "\"from\":\"2023-08-10\",\"to\":\"2023-08-13\",\"partitions\":1}");
        assertEquals("COMPLETED", Api.awaitTerminal(earlier, Duration.ofMinutes(3)).getString("status"));
        String csvBefore = Api.get("/api/executions/" + earlier + "/statistics?format=csv").body();
        String summaryBefore = Api.get("/api/executions/" + earlier + "/summary").body();
        assertTrue(csvBefore.split("\r\n").length == 3, "header and 2 scenes: " + csvBefore);

        stub.delay(300);
        long first = Fixtures.start("aoi-statistics", "{\"aois\":[\"drava-a\",\"drava-b\"],\"catalog\":\"dravacrash\","
                + "\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"partitions\":2,\"chunkSize\":1}");
        Api.pollUntil("/api/executions/" + first, e -> e.getJsonObject("progress").getInt("done") >= 2,
                Duration.ofMinutes(3));

        killServer();
        stub.delay(0);
        startServer();

        assertEquals(csvBefore, Api.get("/api/executions/" + earlier + "/statistics?format=csv").body(),
                "results of a completed execution survive the crash");
        assertEquals(summaryBefore, Api.get("/api/executions/" + earlier + "/summary").body());
        assertEquals("COMPLETED", Api.get("/api/executions/" + earlier).json().getString("status"));

        JsonObject crashed = Api.get("/api/executions/" + first).json();
        assertEquals("FAILED", crashed.getString("status"), crashed.toString());
        assertEquals("CRASHED", crashed.getString("exitStatus"), crashed.toString());
        Fixtures.restartCompletesTheInterruptedDravaRun(first, crashed);
    }

    /**
     * Kills the provisioned server's JVM (the one running from this build's server directory, not OidcIT's
     * {@code server-oidc} beside it) with SIGKILL.
     */
    private static void killServer() throws Exception {
        String modules = SERVER.toAbsolutePath().normalize().resolve("jboss-modules.jar").toString();
        List<ProcessHandle> servers = ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.contains(modules)).orElse(false)).toList();
        String home = SERVER.toAbsolutePath().normalize().toString();
        assertEquals(1, servers.size(), "one server process from " + home);
        ProcessHandle server = servers.get(0);
        server.destroyForcibly();
        server.onExit().get();
        Api.pollUntil(() -> {
            try {
                Api.get("/api/");
                return false;
            } catch (RuntimeException down) {
                return true;
            }
        }, down -> down, Duration.ofSeconds(30), "the server not answering after SIGKILL");
    }

    /** Starts the server again as the build did: same ports (all five), data directory and catalogs. */
    private static void startServer() throws Exception {
        List<String> command = new ArrayList<>(List.of(SERVER.resolve("bin/standalone.sh").toString(),
                "-Djava.awt.headless=true"));
        command.addAll(Fixtures.serverPorts());
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("EOBATCH_DATA_DIR", System.getProperty("eobatch.it.data.dir"));
        pb.environment().put("EOBATCH_CATALOG_DRAVA_URL", Fixtures.DRAVA.resolve("catalog.json").toUri().toString());
        pb.environment().put("EOBATCH_CATALOG_DRAVAHTTP_URL", "http://127.0.0.1:" + Fixtures.STUB_PORT + "/catalog.json");
        pb.environment().put("EOBATCH_CATALOG_DRAVACRASH_URL",
                "http://127.0.0.1:" + CRASH_PORT + "/catalog.json");
        pb.redirectErrorStream(true);
        pb.redirectOutput(new File(SERVER.getParent().toFile(), "wildfly-it-restarted.log"));
        pb.start();
        Api.awaitReady(Duration.ofMinutes(4));
    }
}
