package io.eobatch.ledger;

import jakarta.persistence.EntityManager;

/**
 * What a fetch step stores with an item's final status (a statistics row, a time-lapse frame), in the chunk's
 * transaction ({@link Ledger#complete(long, ItemStatus, String, Double, Object)}).
 */
public interface ItemOutput {

    /** Stores this output (replacing an earlier one of the same item where the job allows one). */
    void store(EntityManager em);
}
