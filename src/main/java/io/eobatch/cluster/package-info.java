/**
 * Several nodes (README "Several nodes"): the same WAR on N WildFly servers sharing one PostgreSQL database, which is
 * the only coordination point. Off by default ({@code eobatch.cluster.enabled}); refused on H2.
 *
 * <ul>
 *   <li>{@link io.eobatch.cluster.ClusterSettings}: the settings, read once, and the refusal on H2;</li>
 *   <li>{@link io.eobatch.cluster.Nodes}: this node's identity ({@link io.eobatch.cluster.Nodes#self()}), the live
 *       nodes ({@link io.eobatch.cluster.Nodes#liveNodeIds()}), which node runs which execution, the executions of
 *       dead nodes (marked CRASHED) and stop requests between nodes;</li>
 *   <li>{@link io.eobatch.cluster.Heartbeat}: the periodic task of a node (heartbeat, lease renewal, dead nodes'
 *       executions, stop requests, starting local workers);</li>
 *   <li>{@link io.eobatch.cluster.Leases}: the ledger items this node works on now, whose leases it renews;</li>
 *   <li>{@link io.eobatch.cluster.Workers}: finds running executions of other nodes in their job's shared step (the
 *       job declares it: {@link io.eobatch.batch.JobDefinition#sharedStep()}) and starts a local worker execution
 *       that claims items from their ledger;</li>
 *   <li>{@link io.eobatch.cluster.SharedDataDir}: whether this node sees another node's data directory (a step that
 *       writes files the main execution reads later is joined only then).</li>
 * </ul>
 *
 * <p>Settings (MicroProfile Config; environment form in brackets):
 * <pre>
 * eobatch.cluster.enabled                (EOBATCH_CLUSTER_ENABLED)                 false
 * eobatch.node.id                        (EOBATCH_NODE_ID)                         host name + ":" + HTTP port
 * eobatch.cluster.heartbeat-seconds      (EOBATCH_CLUSTER_HEARTBEAT_SECONDS)       5
 * eobatch.cluster.node-timeout-seconds   (EOBATCH_CLUSTER_NODE_TIMEOUT_SECONDS)    30   older heartbeat: dead
 * eobatch.cluster.lease-seconds          (EOBATCH_CLUSTER_LEASE_SECONDS)           60   an item's lease
 * </pre>
 */
package io.eobatch.cluster;
