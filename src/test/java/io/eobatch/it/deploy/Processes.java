package io.eobatch.it.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the deploy ITs do outside HTTP: run a program with a deadline (jboss-cli.sh, add-user.sh), start and stop a
 * server process, write the application realm's users files, wait for a URL. Every server started here listens on
 * 127.0.0.1 on the ports the build gives (never a fixed one) and is stopped by its own process handle.
 */
final class Processes {

    static final Path PROJECT = Path.of(System.getProperty("eobatch.project.dir", ".")).toAbsolutePath().normalize();
    static final String IT_PASSWORD = System.getProperty("eobatch.it.password", "eobatch-IT-pw-7");
    /** The ITs' users and their roles, as the build adds them to the provisioned server. */
    static final Map<String, String> IT_USERS = Map.of("it-viewer", "viewer", "it-operator", "operator",
            "it-admin", "admin", "it-nobody", "guest");

    private Processes() {
    }

    /** A finished program: its exit code and what it printed (stdout and stderr). */
    record Run(int exit, String output) {
    }

    /** Runs {@code command} in the project's folder; fails when it does not end within {@code timeout}. */
    static Run run(Duration timeout, Map<String, String> env, String... command) throws IOException,
            InterruptedException {
        Path out = Files.createTempFile(PROJECT.resolve("target"), "run-", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within " + timeout + ": "
                    + Files.readString(out));
        }
        String text = Files.readString(out);
        Files.delete(out);
        return new Run(p.exitValue(), text);
    }

    /** As {@link #run(Duration, Map, String...)}, and asserts exit code 0. */
    static String ok(Duration timeout, String... command) throws IOException, InterruptedException {
        Run r = run(timeout, Map.of(), command);
        assertEquals(0, r.exit(), String.join(" ", command) + ":\n" + r.output());
        return r.output();
    }

    /** Starts a server process, its output to {@code log}; the caller stops it with {@link #stop}. */
    static Process start(Path log, Map<String, String> env, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /**
     * Stops a server started by {@link #start}: SIGTERM to its processes (standalone.sh and its JVM; WildFly shuts
     * down gracefully on it), SIGKILL after the deadline.
     */
    static void stop(Process server, Duration timeout) throws InterruptedException {
        if (server == null) {
            return;
        }
        List<ProcessHandle> all = Stream.concat(server.descendants(), Stream.of(server.toHandle())).toList();
        all.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(timeout);
        for (ProcessHandle h : all) {
            long left = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
            try {
                h.onExit().get(left, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                h.destroyForcibly();
            }
        }
    }

    /** A user of the application realm: name, password and role (its group). */
    record User(String name, String password, String role) {
    }

    /**
     * Writes the application realm's users and roles files in the format of WildFly's add-user.sh:
     * {@code NAME=HEX(MD5(NAME:ApplicationRealm:PASSWORD))} and {@code NAME=ROLE}.
     */
    static void writeUsers(Path users, Path roles, List<User> all) throws Exception {
        StringBuilder u = new StringBuilder("#$REALM_NAME=ApplicationRealm$\n");
        StringBuilder r = new StringBuilder();
        for (User e : all) {
            byte[] md5 = MessageDigest.getInstance("MD5").digest((e.name() + ":ApplicationRealm:" + e.password())
                    .getBytes(StandardCharsets.UTF_8));
            u.append(e.name()).append('=').append(HexFormat.of().formatHex(md5)).append('\n');
            r.append(e.name()).append('=').append(e.role()).append('\n');
        }
        Files.createDirectories(users.getParent());
        Files.writeString(users, u);
        Files.writeString(roles, r);
    }

    /** Deletes a folder and everything in it, if it exists. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Waits until {@code url} answers 200 to {@code authorization}, or fails at the deadline naming the log. */
    static void awaitOk(String url, String authorization, Duration timeout, Process server, Path log)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(timeout);
        int last = -1;
        while (Instant.now().isBefore(deadline)) {
            if (server != null && !server.isAlive()) {
                throw new AssertionError("the server exited (" + server.exitValue() + "); its log: " + log);
            }
            try {
                last = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (last == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250); // the polling interval of a poll with a deadline
        }
        throw new AssertionError(url + " did not answer 200 within " + timeout + " (last " + last + "); log: " + log);
    }
}
