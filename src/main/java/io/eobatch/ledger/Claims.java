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

    /** The condition of a claimable item. */
    private static final String CLAIMABLE = "(status = 'PENDING' or (status = 'IN_FLIGHT' and "
            + "(lease_until is null or lease_until < now())))";

    /** Claimable items of instance ?1, at most ?2, in id order, locked: id, status, partition. */
    public static final String SELECT = "select id, status, partition_no from work_item where job_instance_id = ?1 "
            + "and " + CLAIMABLE + " order by id limit ?2 for update skip locked";

    /** Whether instance ?1 has a claimable item (not locked by a claim in progress). */
    public static final String ANY = "select id from work_item where job_instance_id = ?1 and " + CLAIMABLE
            + " limit 1 for update skip locked";

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
