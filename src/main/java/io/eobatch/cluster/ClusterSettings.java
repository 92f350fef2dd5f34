package io.eobatch.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import io.eobatch.config.Settings;

/**
 * The settings of several nodes (see {@link io.eobatch.cluster the package} for the table), read from MicroProfile
 * Config.
 *
 * @param enabled            {@code eobatch.cluster.enabled}: whether this node shares its work with others (false: a
 *                           single node, as before: no node rows, no leases)
 * @param nodeId             {@code eobatch.node.id}: this node's id, unique among the nodes sharing a database; the
 *                           same id after a restart of the same node (its executions left running are then its own
 *                           dead ones)
 * @param heartbeatSeconds   {@code eobatch.cluster.heartbeat-seconds}: seconds between two heartbeats (default 5)
 * @param nodeTimeoutSeconds {@code eobatch.cluster.node-timeout-seconds}: a node whose heartbeat is older is dead
 *                           (default 30)
 * @param leaseSeconds       {@code eobatch.cluster.lease-seconds}: an item's lease, renewed at every heartbeat while
 *                           the node works on it (default 60)
 */
public record ClusterSettings(boolean enabled, String nodeId, int heartbeatSeconds, int nodeTimeoutSeconds,
                              int leaseSeconds) {

    public static final String ENABLED = "eobatch.cluster.enabled";
    public static final String NODE_ID = "eobatch.node.id";
    public static final String HEARTBEAT = "eobatch.cluster.heartbeat-seconds";
    public static final String NODE_TIMEOUT = "eobatch.cluster.node-timeout-seconds";
    public static final String LEASE = "eobatch.cluster.lease-seconds";

    /** Checks the values: positive times, a heartbeat shorter than the node timeout and the lease. */
    public ClusterSettings {
        if (nodeId == null || nodeId.isBlank() || nodeId.length() > 256) {
            throw new IllegalArgumentException(NODE_ID + " must be 1 to 256 characters, was '" + nodeId + "'");
        }
        if (heartbeatSeconds < 1 || nodeTimeoutSeconds < 1 || leaseSeconds < 1) {
            throw new IllegalArgumentException(HEARTBEAT + ", " + NODE_TIMEOUT + " and " + LEASE
                    + " must be at least 1 second");
        }
        if (enabled && (heartbeatSeconds >= nodeTimeoutSeconds || heartbeatSeconds >= leaseSeconds)) {
            throw new IllegalArgumentException(HEARTBEAT + " (" + heartbeatSeconds + ") must be shorter than "
                    + NODE_TIMEOUT + " (" + nodeTimeoutSeconds + ") and " + LEASE + " (" + leaseSeconds
                    + "): a live node would look dead, or lose its leases, between two heartbeats");
        }
    }

    private static volatile ClusterSettings current;

    /** The settings of this server (read once). */
    public static ClusterSettings get() {
        ClusterSettings c = current;
        if (c == null) {
            Function<String, Optional<String>> lookup;
            try {
                lookup = Settings.lookup();
            } catch (IllegalStateException e) {
                // no MicroProfile Config implementation: outside the server (a unit test); system properties only
                lookup = key -> Optional.ofNullable(System.getProperty(key));
            }
            c = read(lookup);
            current = c;
        }
        return c;
    }

    /** The settings from {@code lookup} (config keys to values), with the defaults of the package's table. */
    public static ClusterSettings read(Function<String, Optional<String>> lookup) {
        return new ClusterSettings(lookup.apply(ENABLED).map(v -> Boolean.parseBoolean(v.strip())).orElse(false),
                lookup.apply(NODE_ID).map(String::strip).filter(s -> !s.isEmpty())
                        .orElseGet(ClusterSettings::defaultNodeId),
                number(lookup, HEARTBEAT, 5), number(lookup, NODE_TIMEOUT, 30), number(lookup, LEASE, 60));
    }

    private static int number(Function<String, Optional<String>> lookup, String key, int fallback) {
        String v = lookup.apply(key).map(String::strip).orElse("");
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number of seconds, was '" + v + "'");
        }
    }

    /** Whether this server runs as one of several nodes ({@code eobatch.cluster.enabled}). */
    public static boolean on() {
        return get().enabled();
    }

    /** Host name + ":" + the HTTP port the server listens on. */
    static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
        }
        return host + ":" + System.getProperty("jboss.http.port", "8080");
    }

    /**
     * Why this server must not start as a node on the database named {@code databaseProductName} (JDBC's
     * {@code DatabaseMetaData.getDatabaseProductName()}), or empty: several nodes need PostgreSQL (its row locks
     * with SKIP LOCKED are the work queue; H2 is embedded in one server and has no SKIP LOCKED).
     */
    public Optional<String> refusal(String databaseProductName) {
        if (!enabled) {
            return Optional.empty();
        }
        String db = databaseProductName == null ? "" : databaseProductName.toLowerCase(Locale.ROOT);
        if (db.contains("postgres")) {
            return Optional.empty();
        }
        return Optional.of(ENABLED + " is true but the database is " + databaseProductName
                + ": several nodes need a PostgreSQL database shared by all of them (H2 serves one server only). "
                + "Use the PostgreSQL datasource (README, Several nodes) or set " + ENABLED + "=false.");
    }
}
