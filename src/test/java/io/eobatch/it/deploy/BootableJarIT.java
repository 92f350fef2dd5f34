package io.eobatch.it.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bootable JAR (README, Deploying): {@code java -jar target/eobatch-bootable.jar} on ports of its own, with
 * the environment variables of the provisioned server (EOBATCH_DATA_DIR) and the users files that
 * EOBATCH_USERS_PROPERTIES / EOBATCH_ROLES_PROPERTIES name; then the quick start itself (io.eobatch.quickstart
 * .QuickStart, in a JVM of its own, as {@code mvn -Pdemo verify} runs it) against it, whose table must be the one
 * README shows for the provisioned server: the same server, the same H2 default, the same demo catalog.
 */
class BootableJarIT {

    private static final Path JAR = Path.of(System.getProperty("eobatch.bootable.jar", "target/eobatch-bootable.jar"));
    private static final Path TARGET = Processes.PROJECT.resolve("target");
    private static final Path DATA = TARGET.resolve("bootable-data");
    private static final Path USERS = TARGET.resolve("bootable-users");
    private static final Path LOG = TARGET.resolve("bootable-jar.log");
    private static final String PORT = System.getProperty("eobatch.second.http.port", "8980");
    private static final String BASE = "http://127.0.0.1:" + PORT;
    private static final String OPERATOR = "demo-operator", OPERATOR_PASSWORD = "demo-Operator-1";
    private static final String VIEWER = "demo-viewer", VIEWER_PASSWORD = "demo-Viewer-1";
    /** The quick start's table in README (the provisioned server's numbers). */
    private static final List<String> README_TABLE = List.of(
            "conifer-forest              73      70    0.796    0.274    0.839",
            "fields-across-tiles        146     136    0.366   -0.047    0.846",
            "forest                      73      71    0.573    0.003    0.841",
            "lake                        73      68   -0.258   -0.321   -0.020",
            "lake-shore                  73      70    0.542   -0.039    0.755",
            "maize-field                 73      64    0.353   -0.047    0.832",
            "town                        73      67    0.166   -0.031    0.205",
            "wheat-field                 73      65    0.411   -0.042    0.863");

    private static Process server;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " (built by mvn -Pdeploy package)");
        Processes.deleteTree(DATA);
        Processes.writeUsers(USERS.resolve("users.properties"), USERS.resolve("roles.properties"),
                List.of(new Processes.User(OPERATOR, OPERATOR_PASSWORD, "operator"),
                        new Processes.User(VIEWER, VIEWER_PASSWORD, "viewer")));
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        server = Processes.start(LOG, Map.of("EOBATCH_DATA_DIR", DATA.toString(),
                "EOBATCH_USERS_PROPERTIES", USERS.resolve("users.properties").toString(),
                "EOBATCH_ROLES_PROPERTIES", USERS.resolve("roles.properties").toString()), List.of(
                javaBin, "-Xmx1g", "-Djava.awt.headless=true", "-jar", JAR.toString(),
                "-Djboss.http.port=" + PORT,
                "-Djboss.management.http.port=" + System.getProperty("eobatch.second.management.port", "10890"),
                "-Djboss.https.port=" + System.getProperty("eobatch.second.https.port", "9343"),
                "-Djboss.ajp.port=" + System.getProperty("eobatch.second.ajp.port", "8909"),
                "-Djboss.management.https.port=" + System.getProperty("eobatch.second.management.https.port", "10893")));
        Processes.awaitOk(BASE + "/api/", "Basic " + Base64.getEncoder().encodeToString(
                (OPERATOR + ":" + OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8)), Duration.ofMinutes(8),
                server, LOG);
    }

    @AfterAll
    static void stop() throws Exception {
        Processes.stop(server, Duration.ofMinutes(1));
    }

    @Test
    void theQuickStartRunsOnTheBootableJarWithTheReadmesNumbers() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Processes.Run quickStart = Processes.run(Duration.ofMinutes(10), Map.of(), javaBin,
                "-cp", System.getProperty("java.class.path"),
                "-Deobatch.url=" + BASE, "-Deobatch.user=" + OPERATOR, "-Deobatch.password=" + OPERATOR_PASSWORD,
                "-Deobatch.demo.viewer=" + VIEWER, "-Deobatch.demo.viewer.password=" + VIEWER_PASSWORD,
                "io.eobatch.quickstart.QuickStart");
        String out = quickStart.output();
        assertEquals(0, quickStart.exit(), out);
        assertTrue(out.contains("items: 657 total, 657 done, 0 no data, 0 failed"), out);
        for (String line : README_TABLE) {
            assertTrue(out.contains(line), "README's line '" + line + "' in the quick start's output:\n" + out);
        }
        // the environment was read: the H2 database and the results are under EOBATCH_DATA_DIR, not in the
        // temporary folder the bootable JAR unpacks its server into
        assertTrue(Files.isDirectory(DATA.resolve("db")), "H2 database under " + DATA);
        try (var files = Files.walk(DATA)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().equals("aoi-comparison.png")),
                    "the results under " + DATA);
        }
        // a viewer reads, and may not launch: the roles file was read too
        String viewer = "Basic " + Base64.getEncoder().encodeToString((VIEWER + ":" + VIEWER_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        var launch = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(BASE
                        + "/api/jobs/aoi-statistics/executions")).header("Authorization", viewer)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"from\":\"2023-01-01\",\"to\":\"2023-01-31\"}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(403, launch.statusCode(), launch.body());
    }
}
