package io.eobatch.cluster;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The ledger items this node has claimed and not yet written: the readers add what they claim, the writer removes
 * what it wrote (a reader that closes removes the rest). {@link Heartbeat} renews the leases of these items only, so
 * an item whose chunk rolled back and that no reader holds any more lets its lease run out, and any node claims it
 * again (and reconciles it).
 */
@ApplicationScoped
public class Leases {

    private final Set<Long> held = ConcurrentHashMap.newKeySet();

    /** Items claimed by a reader of this node. */
    public void hold(Collection<Long> ids) {
        held.addAll(ids);
    }

    /** Items written, or given up by their reader. */
    public void drop(Collection<Long> ids) {
        held.removeAll(ids);
    }

    /** Whether this node holds the item. */
    public boolean holds(long id) {
        return held.contains(id);
    }

    /** A copy of the items this node holds now. */
    public List<Long> held() {
        return List.copyOf(held);
    }
}
