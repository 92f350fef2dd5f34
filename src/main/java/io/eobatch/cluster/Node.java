package io.eobatch.cluster;

import java.time.Instant;

/**
 * A node as the database knows it.
 *
 * @param id          its {@code eobatch.node.id}
 * @param startedAt   when its current process started (UTC)
 * @param heartbeatAt its last heartbeat (UTC)
 * @param live        whether that heartbeat is younger than {@code eobatch.cluster.node-timeout-seconds}
 */
public record Node(String id, Instant startedAt, Instant heartbeatAt, boolean live) {
}
