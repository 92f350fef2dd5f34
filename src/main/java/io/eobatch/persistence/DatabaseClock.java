package io.eobatch.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The time that every node agrees on: the database's clock, in microseconds since 1970-01-01 UTC. What the nodes of a
 * cluster coordinate in the database (rate windows, leases) is timed by it, so the nodes' own clocks never need to
 * agree; a node turns such a time into a wait on its own monotonic clock by the difference to {@link #nowMicros}.
 *
 * <p>PostgreSQL: {@code clock_timestamp()}, the time of the statement's evaluation ({@code now()} and
 * {@code current_timestamp} are the start of the transaction, which may have waited for a lock since). Other databases
 * (H2, which only one machine uses): this JVM's clock.
 */
public final class DatabaseClock {

    private static final String POSTGRES_NOW = "select cast(floor(extract(epoch from clock_timestamp()) * 1000000)"
            + " as bigint)";

    private DatabaseClock() {
    }

    /** The database's present time in microseconds since the epoch, read on {@code c}. */
    public static long nowMicros(Connection c) throws SQLException {
        if (isPostgres(c)) {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(POSTGRES_NOW)) {
                r.next();
                return r.getLong(1);
            }
        }
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    /** Whether {@code c} is a connection to PostgreSQL. */
    public static boolean isPostgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
    }
}
