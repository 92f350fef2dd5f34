package io.eobatch.cluster;

import java.time.Duration;

import io.eobatch.config.Settings;

/**
 * The settings of the limits across nodes (README "Limits across nodes"): whether they are kept in the database, the
 * node's id written beside what it holds there, and the leases after which a dead node's holdings stop counting.
 *
 * <table>
 *   <caption>Keys (environment: {@code EOBATCH_CLUSTER_ENABLED}, ...)</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code eobatch.cluster.enabled}</td><td>false</td><td>several nodes share the database: provider
 *       accounts' limits and job budgets are kept there; false: in the JVM, as on one node</td></tr>
 *   <tr><td>{@code eobatch.node.id}</td><td>host name:HTTP port</td><td>this node's id (read by {@link ClusterSettings})</td></tr>
 *   <tr><td>{@code eobatch.cluster.slot-lease-s}</td><td>300</td><td>an in-flight slot counts at most this long:
 *       more than any one provider call takes; a dead node's slots are free after it</td></tr>
 *   <tr><td>{@code eobatch.cluster.budget-hold-s}</td><td>3600</td><td>a node's budget reservation for an execution
 *       counts this long after its last reserve or settle: more than a call can take with its throttle waits and
 *       retries; a dead node's reservations are given back after it</td></tr>
 * </table>
 */
public final class ClusterLimitsSettings {

    private ClusterLimitsSettings() {
    }

    /** {@code eobatch.cluster.enabled} ({@link ClusterSettings#on()}): whether the limits are kept in the database. */
    public static boolean enabled() {
        return ClusterSettings.on();
    }

    /** This node's id ({@link ClusterSettings#nodeId()}: {@code eobatch.node.id}, else host name and HTTP port). */
    public static String nodeId() {
        return ClusterSettings.get().nodeId();
    }

    /** {@code eobatch.cluster.slot-lease-s}. */
    public static Duration slotLease() {
        return seconds("eobatch.cluster.slot-lease-s", 300);
    }

    /** {@code eobatch.cluster.budget-hold-s}. */
    public static Duration budgetHold() {
        return seconds("eobatch.cluster.budget-hold-s", 3600);
    }

    private static Duration seconds(String key, long fallback) {
        long s = Settings.value(key, Long.class).orElse(fallback);
        if (s <= 0) {
            throw new IllegalArgumentException(key + " = " + s + ": must be a positive number of seconds");
        }
        return Duration.ofSeconds(s);
    }
}
