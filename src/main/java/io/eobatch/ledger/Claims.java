package io.eobatch.ledger;

/**
 * The SQL of the ledger as a work queue shared by several nodes (PostgreSQL only: {@code FOR UPDATE SKIP LOCKED};
 * a single node never runs it). Written once here and run by {@link Ledger} (JPA native queries) and by the unit test
 * that checks them on a real PostgreSQL server ({@code ClaimsTest}). Parameters are {@code ?1, ?2, ...} in the order
 * they appear; times are the database's ({@code now()}).
 *
 * <p>An item is <em>claimable</em> when it is PENDING, or IN_FLIGHT with a lease that expired (its node died, or
 * gave the item up) or without any (left by a single node). Claiming marks it IN_FLIGHT, counts an attempt, and
 * writes the lease: the node and {@code now() + lease}. Rows another transaction is claiming are skipped, not
 * waited for: two nodes never claim the same item, and neither waits for the other.
 */
public final class Claims {

    private Claims() {
    }

    /**
     * Claimable items of instance ?1, at most ?2, locked: id, status, partition. Two queries, run in this order until
     * the limit: the IN_FLIGHT items whose lease ran out (claimed before: they go first), then the PENDING ones, each
     * in id order from one range of {@code ix_work_item_claim (job_instance_id, status, id)} (V16). One query over
     * both statuses had no index giving id order: PostgreSQL walked the primary key over the items of every run in
     * the table for each claim (64-95 ms at 10k AOIs, growing with the table). {@code FOR UPDATE} is not allowed with
     * {@code UNION}, hence two statements.
     */
    public static final java.util.List<String> SELECTS = java.util.List.of(
            "select id, status, partition_no from work_item where job_instance_id = ?1 and status = 'IN_FLIGHT' "
                    + "and (lease_until is null or lease_until < now()) order by id limit ?2 for update skip locked",
            "select id, status, partition_no from work_item where job_instance_id = ?1 and status = 'PENDING' "
                    + "order by id limit ?2 for update skip locked");

    /**
     * Marks claimed items (the ids are appended as {@code (1,2,3)}): execution ?1, node ?2, lease of ?3 seconds.
     */
    public static final String MARK = "update work_item set status = 'IN_FLIGHT', attempts = attempts + 1, "
            + "last_execution_id = ?1, lease_node = ?2, lease_until = now() + cast(?3 as integer) * interval '1 second', "
            + "updated_at = localtimestamp where id in ";

    /**
     * Renews the leases of node ?1 on its IN_FLIGHT items (ids appended, then {@link #RENEW_END}) by ?2 seconds from
     * now. Rows locked by a chunk that is writing them are skipped: waiting for them while holding the others could
     * deadlock with that chunk, and their lease no longer matters once written.
     */
    public static final String RENEW = "update work_item set lease_until = now() + cast(?2 as integer) * "
            + "interval '1 second' where id in (select id from work_item where lease_node = ?1 "
            + "and status = 'IN_FLIGHT' and id in ";
    /** The end of {@link #RENEW}, after its ids. */
    public static final String RENEW_END = " for update skip locked)";

    /** IN_FLIGHT items of instance ?1 whose lease still runs (some node works on them): id. */
    public static final String LEASED = "select id from work_item where job_instance_id = ?1 and status = 'IN_FLIGHT' "
            + "and lease_until >= now()";

    /** The id list {@code (1,2,3)} appended to {@link #MARK} and {@link #RENEW}. */
    public static String in(java.util.Collection<Long> ids) {
        StringBuilder b = new StringBuilder("(");
        for (Long id : ids) {
            b.append(b.length() == 1 ? "" : ",").append(id.longValue());
        }
        return b.append(')').toString();
    }
}
