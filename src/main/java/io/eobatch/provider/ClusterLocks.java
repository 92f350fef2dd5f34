package io.eobatch.provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.eobatch.cluster.ClusterLimitsSettings;
import io.eobatch.persistence.OutsideTransaction;

/**
 * A lock that holds for every node, for the few things a provider does once per account and name that two nodes could
 * otherwise do at once: ObservEarth's registration of an AOI's geometry (two nodes each finding no geometry of that
 * name would register it twice: one request and one remote geometry too many). On one node a JVM lock does; with
 * {@code eobatch.cluster.enabled} the work runs in a short transaction of its own (the caller's JTA transaction
 * suspended) holding PostgreSQL's transaction-level advisory lock on the key ({@code pg_advisory_xact_lock}), so the
 * node that comes second waits, then finds what the first one did. No table: the lock ends with the transaction, also
 * when its node dies. Cluster mode runs on PostgreSQL only ({@code ClusterSettings}).
 */
public final class ClusterLocks {

    private ClusterLocks() {
    }

    /** Runs {@code work} holding the lock on {@code key} across the nodes (several nodes), else just runs it. */
    public static <T> T acrossNodes(String key, Supplier<T> work) {
        if (!ClusterLimitsSettings.enabled()) {
            return work.get();
        }
        return acrossNodes(ClusterLimits.dataSource(), key, work);
    }

    /** Runs {@code work} holding the advisory lock on {@code key} in the PostgreSQL database {@code dataSource}. */
    static <T> T acrossNodes(DataSource dataSource, String key, Supplier<T> work) {
        try {
            return OutsideTransaction.transaction(dataSource, c -> {
                try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
                    ps.setLong(1, lockId(key));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                    }
                }
                return work.get();
            });
        } catch (SQLException e) {
            throw new IllegalStateException("could not take the lock across the nodes on " + key + ": " + e, e);
        }
    }

    /** The advisory lock's 64-bit id of a key: the first 8 bytes of its SHA-256. */
    static long lockId(String key) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            long id = 0;
            for (int i = 0; i < 8; i++) {
                id = (id << 8) | (sha[i] & 0xff);
            }
            return id;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
