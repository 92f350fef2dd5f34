package io.eobatch.ledger;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * The work-item ledger: what the jobs plan, the state of every item, and the queries the jobs and the API need.
 * Restarted executions share their job instance, and so its ledger.
 */
@ApplicationScoped
public class Ledger {

    /** The statuses a partition's reader still works on. */
    public static final List<ItemStatus> UNFINISHED = List.of(ItemStatus.PENDING, ItemStatus.IN_FLIGHT, ItemStatus.FAILED);
    /**
     * What a fetch step works on: items not yet tried, or whose try was cut off. A FAILED item is retried only by
     * retry-failed, never by a restart (which would call the provider and spend the budget on it again).
     */
    public static final List<ItemStatus> TO_DO = List.of(ItemStatus.PENDING, ItemStatus.IN_FLIGHT);

    @PersistenceContext(unitName = "eobatch")
    EntityManager em;

    public boolean isPlanned(long jobInstanceId) {
        return em.createQuery("select count(w) from WorkItem w where w.jobInstanceId = :i", Long.class)
                .setParameter("i", jobInstanceId).getSingleResult() > 0;
    }

    /** Rows of one insert statement of {@link #plan}. */
    static final int PLAN_ROWS_PER_INSERT = 100;
    private static final String PLAN_INSERT = "insert into work_item (job_instance_id, job_name, item_key, ordinal, "
            + "partition_no, aoi_id, scene_id, scene_ids, acquired, status, attempts, last_error, cost, "
            + "last_execution_id, updated_at) values ";

    /**
     * Stores the plan of a job instance in one transaction: all of it or nothing. The rows go in multi-row inserts
     * of {@link #PLAN_ROWS_PER_INSERT} (the identity id keeps Hibernate from batching {@code persist}: it was one
     * statement and one generated-keys round trip per item); ids follow the order of {@code items}. The items are not
     * made managed and their {@code id} stays null. Values are bound as parameters (an {@code Instant} as Hibernate
     * binds the entity's), a null as the literal {@code null} (an untyped null parameter is refused by PostgreSQL for
     * a numeric column).
     */
    @Transactional
    public void plan(Collection<WorkItem> items) {
        List<WorkItem> batch = new java.util.ArrayList<>(PLAN_ROWS_PER_INSERT);
        for (WorkItem item : items) {
            batch.add(item);
            if (batch.size() == PLAN_ROWS_PER_INSERT) {
                insertPlanned(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            insertPlanned(batch);
        }
    }

    private void insertPlanned(List<WorkItem> rows) {
        StringBuilder sql = new StringBuilder(PLAN_INSERT.length() + rows.size() * 80).append(PLAN_INSERT);
        List<Object> values = new java.util.ArrayList<>(rows.size() * 15);
        for (int r = 0; r < rows.size(); r++) {
            WorkItem w = rows.get(r);
            sql.append(r == 0 ? "(" : ", (");
            Object[] row = {w.jobInstanceId, w.jobName, w.itemKey, w.ordinal, w.partitionNo, w.aoiId, w.sceneId,
                    w.sceneIds, w.acquired, w.status == null ? null : w.status.name(), w.attempts, w.lastError, w.cost,
                    w.lastExecutionId, w.updatedAt == null ? Instant.now() : w.updatedAt};
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    sql.append(", ");
                }
                if (row[c] == null) {
                    sql.append("null");
                } else {
                    values.add(row[c]);
                    sql.append('?').append(values.size());
                }
            }
            sql.append(')');
        }
        var insert = em.createNativeQuery(sql.toString());
        for (int i = 0; i < values.size(); i++) {
            insert.setParameter(i + 1, values.get(i));
        }
        insert.executeUpdate();
    }

    /**
     * Plans job instance {@code instance} from the items of {@code source} (same keys, AOIs, scenes and periods): a
     * FAILED item is PENDING again; the others, unless {@code onlyFailed}, keep their final status and reason (they are
     * not worked on). With {@code onlyFailed} the FAILED items are numbered again from 0. For retry-failed
     * ({@link io.eobatch.batch.CarryOver}).
     *
     * @return the new items by the id of the item they copy, persisted (ids set)
     */
    @Transactional
    public Map<Long, WorkItem> carryOver(long source, long instance, String jobName, int partitions,
                                         boolean onlyFailed) {
        Map<Long, WorkItem> copies = new java.util.LinkedHashMap<>();
        for (WorkItem w : items(source, null, 0, Integer.MAX_VALUE)) {
            if (onlyFailed && w.status != ItemStatus.FAILED) {
                continue;
            }
            WorkItem n = WorkItem.planned(instance, jobName, w.itemKey, onlyFailed ? copies.size() : w.ordinal,
                    partitions, w.aoiId, w.sceneId, List.of(w.sceneIdList()), w.acquired);
            if (w.status != ItemStatus.FAILED) {
                n.status = w.status;
                n.lastError = w.lastError;
            }
            em.persist(n);
            copies.put(w.id, n);
        }
        em.flush();
        return copies;
    }

    /** Ids of the items to do ({@link #TO_DO}) of one partition after {@code afterId}, in id order (the reader's cursor). */
    public List<Long> unfinishedIds(long jobInstanceId, int partition, long afterId) {
        return em.createQuery("select w.id from WorkItem w where w.jobInstanceId = :i and w.partitionNo = :p "
                        + "and w.id > :after and w.status in :st order by w.id", Long.class)
                .setParameter("i", jobInstanceId).setParameter("p", partition).setParameter("after", afterId)
                .setParameter("st", TO_DO).getResultList();
    }

    /**
     * The provider cost spent by a job instance so far: the recorded cost of its finished items (DONE, NO_DATA,
     * TOO_CLOUDY; a FAILED item records none).
     */
    public double spentCost(long jobInstanceId) {
        Double d = em.createQuery("select sum(w.cost) from WorkItem w where w.jobInstanceId = :i and w.status <> :f",
                        Double.class).setParameter("i", jobInstanceId).setParameter("f", ItemStatus.FAILED)
                .getSingleResult();
        return d == null ? 0 : d;
    }

    public WorkItem find(long id) {
        return em.find(WorkItem.class, id);
    }

    /** Marks an item IN_FLIGHT before its (remote) work starts, in a transaction of its own so a crash keeps it. */
    @Transactional(TxType.REQUIRES_NEW)
    public void markInFlight(long id, long executionId) {
        em.createQuery("update WorkItem w set w.status = :s, w.attempts = w.attempts + 1, w.lastExecutionId = :e, "
                        + "w.updatedAt = :t where w.id = :id")
                .setParameter("s", ItemStatus.IN_FLIGHT).setParameter("e", executionId)
                .setParameter("t", Instant.now()).setParameter("id", id).executeUpdate();
    }

    /** Marks an item FAILED with its reason, in a transaction of its own (used when the chunk is skipped). */
    @Transactional(TxType.REQUIRES_NEW)
    public void markFailedNow(long id, String error) {
        complete(id, ItemStatus.FAILED, error, null);
    }

    /** Sets an item's final status in the caller's transaction (the chunk's). */
    @Transactional(TxType.MANDATORY)
    public void complete(long id, ItemStatus status, String error, Double cost) {
        em.createQuery("update WorkItem w set w.status = :s, w.lastError = :err, w.cost = coalesce(:c, w.cost), "
                        + "w.updatedAt = :t where w.id = :id")
                .setParameter("s", status).setParameter("err", truncate(error)).setParameter("c", cost)
                .setParameter("t", Instant.now()).setParameter("id", id).executeUpdate();
    }

    /**
     * Sets an item's final status and stores its output (if any) in the caller's transaction (the chunk's): both
     * or neither.
     */
    @Transactional(TxType.MANDATORY)
    public void complete(long id, ItemStatus status, String error, Double cost, Object output) {
        if (output instanceof ItemOutput o) {
            o.store(em);
        } else if (output != null) {
            throw new IllegalArgumentException("not an item output: " + output.getClass().getName());
        }
        complete(id, status, error, cost);
    }

    /** Item counts by status for a job instance. */
    public Map<ItemStatus, Long> counts(long jobInstanceId) {
        Map<ItemStatus, Long> counts = new EnumMap<>(ItemStatus.class);
        for (ItemStatus s : ItemStatus.values()) {
            counts.put(s, 0L);
        }
        for (Object[] row : em.createQuery("select w.status, count(w) from WorkItem w where w.jobInstanceId = :i "
                + "group by w.status", Object[].class).setParameter("i", jobInstanceId).getResultList()) {
            counts.put((ItemStatus) row[0], (Long) row[1]);
        }
        return counts;
    }

    /**
     * Per AOI of a job instance (by id): its items with a scene, day or interval (not the NO_DATA placeholder of an
     * AOI without scenes) and its FAILED items.
     */
    public Map<String, long[]> itemCountsByAoi(long jobInstanceId) {
        Map<String, long[]> out = new java.util.LinkedHashMap<>();
        for (Object[] row : em.createQuery("select w.aoiId, count(w.sceneId), sum(case when w.status = :f then 1 "
                + "else 0 end) from WorkItem w where w.jobInstanceId = :i group by w.aoiId order by w.aoiId",
                Object[].class).setParameter("i", jobInstanceId).setParameter("f", ItemStatus.FAILED)
                .getResultList()) {
            out.put((String) row[0], new long[] {((Number) row[1]).longValue(), ((Number) row[2]).longValue()});
        }
        return out;
    }

    /** Item counts by partition and status for a job instance. */
    public Map<Integer, Map<ItemStatus, Long>> countsByPartition(long jobInstanceId) {
        Map<Integer, Map<ItemStatus, Long>> out = new TreeMap<>();
        for (Object[] row : em.createQuery("select w.partitionNo, w.status, count(w) from WorkItem w "
                + "where w.jobInstanceId = :i group by w.partitionNo, w.status", Object[].class)
                .setParameter("i", jobInstanceId).getResultList()) {
            out.computeIfAbsent((Integer) row[0], k -> new EnumMap<>(ItemStatus.class))
                    .put((ItemStatus) row[1], (Long) row[2]);
        }
        return out;
    }

    /** Items of a job instance, optionally of one status, in plan order. */
    public List<WorkItem> items(long jobInstanceId, ItemStatus status, int offset, int limit) {
        var q = em.createQuery("select w from WorkItem w where w.jobInstanceId = :i"
                + (status == null ? "" : " and w.status = :s") + " order by w.ordinal", WorkItem.class)
                .setParameter("i", jobInstanceId);
        if (status != null) {
            q.setParameter("s", status);
        }
        return q.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 1997) + "...";
    }
}
