package io.eobatch.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The settings of several nodes: defaults, values, and the refusal of a database that cannot be shared. */
class ClusterSettingsTest {

    private static ClusterSettings read(Map<String, String> values) {
        return ClusterSettings.read(k -> Optional.ofNullable(values.get(k)));
    }

    @Test
    void offByDefaultWithTheAgreedDefaults() {
        ClusterSettings s = read(Map.of());
        assertFalse(s.enabled());
        assertEquals(5, s.heartbeatSeconds());
        assertEquals(30, s.nodeTimeoutSeconds());
        assertEquals(60, s.leaseSeconds());
        assertTrue(s.nodeId().endsWith(":" + System.getProperty("jboss.http.port", "8080")), s.nodeId());
    }

    @Test
    void readsTheKeys() {
        ClusterSettings s = read(Map.of("eobatch.cluster.enabled", "true", "eobatch.node.id", " node-a ",
                "eobatch.cluster.heartbeat-seconds", "2", "eobatch.cluster.node-timeout-seconds", "12",
                "eobatch.cluster.lease-seconds", "10"));
        assertEquals(new ClusterSettings(true, "node-a", 2, 12, 10), s);
    }

    @Test
    void aHeartbeatNotShorterThanTheTimeoutOrLeaseIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> read(Map.of("eobatch.cluster.enabled", "true",
                "eobatch.cluster.heartbeat-seconds", "30")));
        assertTrue(e.getMessage().contains("eobatch.cluster.heartbeat-seconds (30) must be shorter"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> read(Map.of("eobatch.cluster.lease-seconds", "ten")));
    }

    @Test
    void aNodeIdOutOfBoundsOrATimeUnderOneSecondIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> read(Map.of("eobatch.node.id", "n".repeat(257))));
        assertTrue(e.getMessage().contains("eobatch.node.id must be 1 to 256 characters"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ClusterSettings(false, " ", 5, 30, 60));
        assertTrue(e.getMessage().contains("eobatch.node.id must be 1 to 256 characters"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> read(Map.of("eobatch.cluster.lease-seconds", "0")));
        assertTrue(e.getMessage().contains("must be at least 1 second"), e.getMessage());
        assertEquals("n".repeat(256), read(Map.of("eobatch.node.id", "n".repeat(256))).nodeId());
    }

    @Test
    void severalNodesOnH2AreRefusedWithTheReason() {
        ClusterSettings on = new ClusterSettings(true, "a", 5, 30, 60);
        String why = on.refusal("H2").orElseThrow();
        assertTrue(why.contains("eobatch.cluster.enabled is true but the database is H2"), why);
        assertTrue(why.contains("PostgreSQL"), why);
        assertEquals(Optional.empty(), on.refusal("PostgreSQL"));
        assertTrue(on.refusal(null).orElseThrow().contains("the database is null"), "no product name: refused");
        assertEquals(Optional.empty(), new ClusterSettings(false, "a", 5, 30, 60).refusal("H2"), "a single node on H2");
    }
}
