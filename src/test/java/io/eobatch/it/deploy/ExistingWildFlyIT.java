package io.eobatch.it.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.eobatch.it.Api;
import io.eobatch.it.CatalogStub;
import io.eobatch.it.Fixtures;

/**
 * eobatch in a WildFly an operator already runs (README, Deploying): the stock WildFly 39 distribution (the
 * deploy profile unpacks it into target/wildfly-dist) configured by {@code wildfly-config/existing-wildfly.cli}
 * through its own {@code bin/jboss-cli.sh}, twice; then started with {@code bin/standalone.sh} on the build's ports,
 * the ITs' users added with its {@code bin/add-user.sh}. On it: aoi-statistics on the demo catalog; then a new
 * version of the WAR over the running one, mid-run (a Flyway migration more, the same job XML): everything kept, the
 * running execution found stopped or failed and restarted to the rows of an uninterrupted run, exactly once; then
 * versions whose job XML changed: a restart of an execution planned by the previous definition is refused with a 409
 * unless the new version lists that definition as restartable.
 *
 * <p>The tests run in order on one server (each builds on the previous one's executions).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExistingWildFlyIT {

    private static final Path HOME = Path.of(System.getProperty("eobatch.wildfly.home", "target/wildfly-dist"));
    private static final Path CONFIG = HOME.resolve("standalone/configuration/standalone.xml");
    private static final Path TARGET = Processes.PROJECT.resolve("target");
    private static final Path DATA = TARGET.resolve("existing-wildfly-data");
    private static final Path LOG = TARGET.resolve("existing-wildfly.log");
    private static final Path WAR = Path.of(System.getProperty("eobatch.war", "target/eobatch.war"));
    private static final String MANAGEMENT = "127.0.0.1:" + System.getProperty("eobatch.management.port", "9990");
    private static final int SLOW_PORT = Integer.getInteger("eobatch.it.stub.port.crash", 18182);
    /** The stub's delay of every request while a run is to be interrupted: 15 items take a minute or more. */
    private static final long SLOW_MILLIS = 1500;
    /** The parameters of the Drava runs: 15 items, one a chunk, over a catalog served by {@link #stub}. */
    private static final String DRAVA_RUN = "{\"aois\":[\"drava-a\",\"drava-b\"],\"catalog\":\"dravaslow\","
            + "\"from\":\"2023-08-01\",\"to\":\"2023-08-31\",\"partitions\":2,\"chunkSize\":1}";

    private static String stock;
    private static String afterFirst;
    private static String afterSecond;
    private static String firstOutput;
    private static Process server;
    private static CatalogStub stub;
    /** The demo run of {@link #aoiStatisticsRunsOnTheDemoCatalog()}, checked again after each redeploy. */
    private static long demoRun;

    @BeforeAll
    static void configureAndStart() throws Exception {
        stock = Files.readString(CONFIG);
        firstOutput = cli("--file=wildfly-config/existing-wildfly.cli");
        afterFirst = Files.readString(CONFIG);
        cli("--file=wildfly-config/existing-wildfly.cli");
        afterSecond = Files.readString(CONFIG);
        for (var u : Processes.IT_USERS.entrySet()) {
            Processes.ok(Duration.ofMinutes(2), HOME.resolve("bin/add-user.sh").toString(), "-a", "-s",
                    "-u", u.getKey(), "-p", Processes.IT_PASSWORD, "-g", u.getValue());
        }
        Processes.deleteTree(DATA);
        stub = new CatalogStub(Fixtures.DRAVA, SLOW_PORT);
        List<String> command = new ArrayList<>(List.of(HOME.resolve("bin/standalone.sh").toString(),
                "-Djava.awt.headless=true"));
        command.addAll(Fixtures.serverPorts());
        server = Processes.start(LOG, Map.of("EOBATCH_DATA_DIR", DATA.toString(),
                "EOBATCH_CATALOG_DRAVASLOW_URL", "http://127.0.0.1:" + SLOW_PORT + "/catalog.json"), command);
        awaitReady();
    }

    @AfterAll
    static void stopAll() throws Exception {
        Processes.stop(server, Duration.ofMinutes(1));
        if (stub != null) {
            stub.close();
        }
    }

    @Test
    @Order(1)
    void theScriptConfiguresAStockServer() {
        assertFalse(stock.contains("EobatchDS"), "the distribution is stock");
        for (String configured : List.of("<property name=\"eobatch.data.dir\"", "pool-name=\"EobatchDS\"",
                "<driver>h2</driver>", "<default-job-repository name=\"eobatch\"/>",
                "<jdbc data-source=\"EobatchDS\"/>", "${env.EOBATCH_BATCH_THREADS:16}", "<logger category=\"io.eobatch\">",
                "max-post-size=\"67108864\"", "<application-security-domain name=\"eobatch\"",
                "<deployment name=\"eobatch.war\"")) {
            assertTrue(afterFirst.contains(configured), configured + " in standalone.xml; the CLI said:\n" + firstOutput);
        }
        // the settings stay expressions, read from the environment when the server starts
        assertTrue(afterFirst.contains("${env.EOBATCH_DB_URL:jdbc:h2:file:${eobatch.data.dir}/db/eobatch;"), afterFirst);
    }

    @Test
    @Order(2)
    void theScriptRunAgainChangesNothing() {
        assertEquals(afterFirst, afterSecond, "standalone.xml after the second run of the script");
    }

    @Test
    @Order(3)
    void aoiStatisticsRunsOnTheDemoCatalog() throws Exception {
        Api.Response aois = Api.get("/api/demo/aois", "application/geo+json");
        assertEquals(200, aois.status(), aois.body());
        Api.Response up = Api.post("/api/aois", aois.body());
        assertEquals(201, up.status(), up.body());
        demoRun = Fixtures.start("aoi-statistics", "{\"catalog\":\"demo\",\"aois\":[\"forest\",\"lake\"],"
                + "\"from\":\"2023-06-01\",\"to\":\"2023-08-31\",\"partitions\":2}");
        JsonObject e = Api.awaitTerminal(demoRun, Duration.ofMinutes(5));
        assertEquals("COMPLETED", e.getString("status"), e.toString());
        Fixtures.assertExactlyOnce(demoRun);
        Map<String, JsonObject> summary = new HashMap<>();
        for (JsonValue v : (JsonArray) Api.get("/api/executions/" + demoRun + "/summary").jsonValue()) {
            summary.put(v.asJsonObject().getString("aoiId"), v.asJsonObject());
        }
        assertEquals(18, summary.get("forest").getInt("scenes"), "a scene every 5 days: 5 June .. 30 August");
        assertEquals(18, summary.get("lake").getInt("scenes"));
        assertTrue(summary.get("forest").getJsonNumber("mean").doubleValue() > 0.6, "summer forest " + summary);
        assertTrue(summary.get("lake").getJsonNumber("mean").doubleValue() < 0.0, "water " + summary);
        String csv = Api.get("/api/executions/" + demoRun + "/statistics?format=csv").body();
        assertEquals(1 + 36, csv.split("\r\n").length, "header and one row an AOI and scene: " + csv);
        // EOBATCH_DATA_DIR was read from the environment: the H2 database and the results are there
        try (var db = Files.list(DATA.resolve("db"))) {
            assertTrue(db.anyMatch(p -> p.getFileName().toString().startsWith("eobatch")), "H2 file in " + DATA);
        }
    }

    @Test
    @Order(4)
    void aNewVersionOverARunningOneKeepsEverythingAndTheRunFinishesExactlyOnce() throws Exception {
        Fixtures.uploadDravaAois();
        long uninterrupted = Fixtures.start("aoi-statistics", DRAVA_RUN);
        assertEquals("COMPLETED", Api.awaitTerminal(uninterrupted, Duration.ofMinutes(5)).getString("status"));
        Map<Long, Snapshot> before = new HashMap<>();
        for (long id : List.of(demoRun, uninterrupted)) {
            before.put(id, Snapshot.of(id));
        }

        Path next = nextVersion(WAR, "next", war -> {
            // a migration more, as a new version brings one: Flyway applies it when the new WAR deploys
            Path migrations = war.getPath("/WEB-INF/classes/db/migration");
            Files.writeString(migrations.resolve("V900__deploy_it_next_version.sql"),
                    "create table deploy_it_next_version (id int primary key);\n");
            Files.writeString(migrations.resolve("index.txt"), Files.readString(migrations.resolve("index.txt"))
                    + "V900__deploy_it_next_version.sql\n");
        });
        // slow enough that the run is still going when the redeploy stops it (checked below: not COMPLETED)
        stub.delay(SLOW_MILLIS);
        long running = Fixtures.start("aoi-statistics", DRAVA_RUN);
        Api.pollUntil("/api/executions/" + running, e -> e.getJsonObject("progress").getInt("done") >= 2,
                Duration.ofMinutes(3));
        long logBefore = Files.size(HOME.resolve("standalone/log/server.log"));
        redeploy(next);
        stub.delay(0);

        String newLog = tail(HOME.resolve("standalone/log/server.log"), logBefore);
        assertTrue(newLog.contains("database schema migrated: 1 migration(s) applied"),
                "the new version's migration applied at deployment:\n" + grep(newLog, "migrat"));
        for (var b : before.entrySet()) {
            assertEquals(b.getValue(), Snapshot.of(b.getKey()), "execution " + b.getKey() + " after the redeploy");
        }
        // the old version's job thread may still be stopping when the new version answers (on a loaded machine CI saw
        // STOPPING, its partitions already CRASHED): it ends STOPPED, or FAILED as the new version's start-up marks it
        JsonObject interrupted = Api.pollUntil("/api/executions/" + running,
                e -> e.getString("status").equals("STOPPED") || e.getString("status").equals("FAILED"),
                Duration.ofMinutes(2));
        long restarted = Fixtures.restartCompletesTheInterruptedDravaRun(running, interrupted);
        assertEquals(before.get(uninterrupted).csv(), Snapshot.of(restarted).csv(),
                "the rows of the run interrupted by the redeploy are those of the uninterrupted run");
    }

    @Test
    @Order(5)
    void aRestartOfAnExecutionPlannedByAnotherJobDefinitionIsRefusedUnlessListed() throws Exception {
        stub.delay(SLOW_MILLIS);
        long planned = Fixtures.start("aoi-statistics", DRAVA_RUN);
        Api.pollUntil("/api/executions/" + planned, e -> e.getJsonObject("progress").getInt("done") >= 1,
                Duration.ofMinutes(3));
        Api.Response stop = Api.post("/api/executions/" + planned + "/stop", "");
        assertEquals(202, stop.status(), stop.body());
        assertEquals("STOPPED", Api.awaitTerminal(planned, Duration.ofMinutes(3)).getString("status"));
        stub.delay(0);
        String oldDigest = digestOf(WAR, "aoi-statistics");

        // a version whose aoi-statistics XML changed (a default), its list not naming the previous definition
        Path changed = nextVersion(TARGET.resolve("next/eobatch.war"), "changed", war -> {
            Path xml = war.getPath("/WEB-INF/classes/META-INF/batch-jobs/aoi-statistics.xml");
            String text = Files.readString(xml);
            // the default chunk size with a digit appended (50 -> 501), whatever today's default is
            String edited = text.replaceFirst("(#\\{jobParameters\\['chunkSize'\\]\\}\\?:\\d+);", "$11;");
            assertFalse(text.equals(edited), "the edit applies");
            Files.writeString(xml, edited);
            Path list = war.getPath("/WEB-INF/classes/META-INF/batch-jobs/restartable.txt");
            Files.writeString(list, Files.readString(list).replace("aoi-statistics " + oldDigest,
                    "aoi-statistics " + io.eobatch.batch.JobXmlVersions.digest(edited)));
        });
        redeploy(changed);
        Api.Response refused = Api.post("/api/executions/" + planned + "/restart", "");
        assertEquals(409, refused.status(), refused.body());
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
        String detail = refused.json().getString("detail");
        assertTrue(detail.contains("another definition of job aoi-statistics") && detail.contains(oldDigest), detail);
        assertEquals("STOPPED", Api.get("/api/executions/" + planned).json().getString("status"), "nothing started");

        // the same change, with the previous definition listed as restartable: the restart works, exactly once
        Path listed = nextVersion(changed, "listed", war -> {
            Path list = war.getPath("/WEB-INF/classes/META-INF/batch-jobs/restartable.txt");
            Files.writeString(list, Files.readString(list) + "aoi-statistics " + oldDigest + "\n");
        });
        redeploy(listed);
        long restarted = Fixtures.restart(planned);
        JsonObject done = Api.awaitTerminal(restarted, Duration.ofMinutes(5));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        Fixtures.assertExactlyOnce(restarted);
        assertEquals(15, Fixtures.items(restarted).size());
    }

    /** What a redeploy must keep of an execution: status, items, rows (CSV), summary and result files. */
    record Snapshot(String status, String items, String csv, String summary, String results) {
        static Snapshot of(long id) {
            String base = "/api/executions/" + id;
            return new Snapshot(Api.get(base).json().getString("status"), Fixtures.items(id).toString(),
                    Api.get(base + "/statistics?format=csv").body(), Api.get(base + "/summary").body(),
                    Api.get(base + "/results").body());
        }
    }

    /** Runs the server's jboss-cli.sh in the project's folder, as README tells; its output. */
    private static String cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(HOME.resolve("bin/jboss-cli.sh").toString()));
        command.addAll(List.of(args));
        return Processes.ok(Duration.ofMinutes(5), command.toArray(String[]::new));
    }

    /** A new version over the running one, as README tells: deploy --force through the management port. */
    private static void redeploy(Path war) throws Exception {
        cli("--connect", "--controller=" + MANAGEMENT, "--command=deploy --force " + war);
        awaitReady();
    }

    private static void awaitReady() throws Exception {
        Processes.awaitOk(Api.BASE + "/api/", "Basic " + Base64.getEncoder().encodeToString(
                (Api.DEFAULT_USER + ":" + Api.DEFAULT_PASSWORD).getBytes(StandardCharsets.UTF_8)),
                Duration.ofMinutes(8), server, LOG);
    }

    interface WarEdit {
        void apply(FileSystem war) throws IOException;
    }

    /** A copy of {@code from} as target/{@code name}/eobatch.war (the deployment's name), edited. */
    private static Path nextVersion(Path from, String name, WarEdit edit) throws IOException {
        Path to = TARGET.resolve(name).resolve("eobatch.war");
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        try (FileSystem war = FileSystems.newFileSystem(URI.create("jar:" + to.toUri()), Map.of())) {
            edit.apply(war);
        }
        return to;
    }

    /** The digest of a job XML inside a WAR. */
    private static String digestOf(Path war, String job) throws IOException {
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + war.toAbsolutePath().toUri()), Map.of())) {
            return io.eobatch.batch.JobXmlVersions.digest(
                    Files.readString(fs.getPath("/WEB-INF/classes/META-INF/batch-jobs/" + job + ".xml")));
        }
    }

    private static String tail(Path file, long from) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from),
                StandardCharsets.UTF_8);
    }

    private static String grep(String text, String word) {
        StringBuilder b = new StringBuilder();
        Matcher m = Pattern.compile("(?m)^.*" + Pattern.quote(word) + ".*$").matcher(text);
        while (m.find()) {
            b.append(m.group()).append('\n');
        }
        return b.toString();
    }
}
