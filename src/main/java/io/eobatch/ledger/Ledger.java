package io.eobatch.ledger;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** Whether the plan of a job instance is complete (its last batch written): then it keeps its ledger. */
    public boolean isPlanned(long jobInstanceId) {
        return planState(jobInstanceId).map(PlanState::complete).orElse(false);
    }

    /**
     * How far the plan of a job instance got (see {@link #planBatch}).
     *
     * @param nextOrdinal the ordinal of the next item to plan
     * @param lastAoiId   the last AOI whose items are all written (AOIs are planned in id order); null for none
     * @param complete    whether the plan is complete
     */
    public record PlanState(int nextOrdinal, String lastAoiId, boolean complete) {
    }

    /** The plan state of a job instance; empty when nothing is planned yet. */
    public Optional<PlanState> planState(long jobInstanceId) {
        List<?> rows = em.createNativeQuery("select next_ordinal, last_aoi_id, complete from item_plan "
                + "where job_instance_id = ?1").setParameter(1, jobInstanceId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        return Optional.of(new PlanState(((Number) r[0]).intValue(), (String) r[1], (Boolean) r[2]));
    }

    /** Rows of one insert statement of {@link #plan}. */
    static final int PLAN_ROWS_PER_INSERT = 100;
    private static final String PLAN_INSERT = "insert into work_item (job_instance_id, job_name, item_key, ordinal, "
            + "partition_no, aoi_id, scene_id, scene_ids, acquired, status, attempts, last_error, cost, "
            + "last_execution_id, updated_at) values ";

    /**
     * Stores the whole plan of a job instance in one transaction, and marks it complete: all of it or nothing. For
     * plans of a bounded size (time-lapse months, tiles); aoi-statistics writes its plan in batches
     * ({@link #planBatch}).
     */
    @Transactional
    public void plan(long jobInstanceId, Collection<WorkItem> items) {
        planBatch(jobInstanceId, items, null, true);
    }

    /**
     * Stores one batch of the plan of a job instance, its item counts and how far the plan got (the batch's next
     * ordinal, its last AOI, and whether the plan is now complete), all in one transaction: a failure between two
     * batches leaves whole batches and a state that says where to go on. The rows go in multi-row inserts of
     * {@link #PLAN_ROWS_PER_INSERT} (the identity id keeps Hibernate from batching {@code persist}: it was one
     * statement and one generated-keys round trip per item); ids follow the order of {@code items}. The items are not
     * made managed and their {@code id} stays null. Values are bound as parameters (an {@code Instant} as Hibernate
     * binds the entity's), a null as the literal {@code null} (an untyped null parameter is refused by PostgreSQL for
     * a numeric column).
     *
     * @param lastAoiId the last AOI of the batch, all of whose items are in it (null: keep the state's)
     * @param complete  whether this is the plan's last batch
     */
    @Transactional
    public void planBatch(long jobInstanceId, Collection<WorkItem> items, String lastAoiId, boolean complete) {
        List<WorkItem> batch = new java.util.ArrayList<>(PLAN_ROWS_PER_INSERT);
        Counts counts = new Counts();
        int next = planState(jobInstanceId).map(PlanState::nextOrdinal).orElse(0);
        for (WorkItem item : items) {
            batch.add(item);
            counts.add(item.partitionNo, item.status, 1);
            next = Math.max(next, item.ordinal + 1);
            if (batch.size() == PLAN_ROWS_PER_INSERT) {
                insertPlanned(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            insertPlanned(batch);
        }
        counts.apply(jobInstanceId);
        savePlanState(jobInstanceId, next, lastAoiId, complete);
    }

    private void savePlanState(long jobInstanceId, int nextOrdinal, String lastAoiId, boolean complete) {
        var update = em.createNativeQuery("update item_plan set next_ordinal = ?1, complete = ?2, updated_at = ?3"
                        + (lastAoiId == null ? "" : ", last_aoi_id = ?5") + " where job_instance_id = ?4")
                .setParameter(1, nextOrdinal).setParameter(2, complete).setParameter(3, Instant.now())
                .setParameter(4, jobInstanceId);
        if (lastAoiId != null) {
            update.setParameter(5, lastAoiId);
        }
        if (update.executeUpdate() == 0) {
            var insert = em.createNativeQuery("insert into item_plan (job_instance_id, next_ordinal, last_aoi_id, "
                            + "complete, updated_at) values (?1, ?2, " + (lastAoiId == null ? "null" : "?5")
                            + ", ?3, ?4)")
                    .setParameter(1, jobInstanceId).setParameter(2, nextOrdinal).setParameter(3, complete)
                    .setParameter(4, Instant.now());
            if (lastAoiId != null) {
                insert.setParameter(5, lastAoiId);
            }
            insert.executeUpdate();
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
        Counts counts = new Counts();
        copies.values().forEach(n -> counts.add(n.partitionNo, n.status, 1));
        counts.apply(instance);
        savePlanState(instance, copies.size(), null, true);
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
        markInFlight(List.of(id), executionId);
    }

    /**
     * Marks items IN_FLIGHT before their (remote) work starts, all in one transaction of its own so a crash keeps
     * it (a chunk's items at once: one transaction per item was a third of the fetch step's time at 700k items).
     */
    @Transactional(TxType.REQUIRES_NEW)
    public void markInFlight(List<Long> ids, long executionId) {
        if (ids.isEmpty()) {
            return;
        }
        Counts counts = new Counts();
        long instance = 0;
        for (Object[] r : statuses(ids)) {
            counts.add((Integer) r[2], (ItemStatus) r[1], -1);
            counts.add((Integer) r[2], ItemStatus.IN_FLIGHT, 1);
            instance = (Long) r[3];
        }
        em.createQuery("update WorkItem w set w.status = :s, w.attempts = w.attempts + 1, w.lastExecutionId = :e, "
                        + "w.updatedAt = :t where w.id in :ids")
                .setParameter("s", ItemStatus.IN_FLIGHT).setParameter("e", executionId)
                .setParameter("t", Instant.now()).setParameter("ids", ids).executeUpdate();
        counts.apply(instance);
    }

    /**
     * Gives items marked IN_FLIGHT ({@link #markInFlight(List, long)}) whose work never started back to PENDING, their
     * attempt undone, in a transaction of its own: the reader's marked items that the execution stopped before (out
     * of disk), so that IN_FLIGHT keeps meaning "a call may have started". Items no longer IN_FLIGHT are left alone.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public void release(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Counts counts = new Counts();
        long instance = 0;
        List<Long> marked = new java.util.ArrayList<>();
        for (Object[] r : statuses(ids)) {
            if (r[1] == ItemStatus.IN_FLIGHT) {
                counts.add((Integer) r[2], ItemStatus.IN_FLIGHT, -1);
                counts.add((Integer) r[2], ItemStatus.PENDING, 1);
                instance = (Long) r[3];
                marked.add((Long) r[0]);
            }
        }
        if (marked.isEmpty()) {
            return;
        }
        em.createQuery("update WorkItem w set w.status = :s, w.attempts = w.attempts - 1, w.updatedAt = :t "
                        + "where w.id in :ids").setParameter("s", ItemStatus.PENDING)
                .setParameter("t", Instant.now()).setParameter("ids", marked).executeUpdate();
        counts.apply(instance);
    }

    /** Marks an item FAILED with its reason, in a transaction of its own (used when the chunk is skipped). */
    @Transactional(TxType.REQUIRES_NEW)
    public void markFailedNow(long id, String error) {
        complete(id, ItemStatus.FAILED, error, null);
    }

    /** Sets an item's final status in the caller's transaction (the chunk's). */
    @Transactional(TxType.MANDATORY)
    public void complete(long id, ItemStatus status, String error, Double cost) {
        complete(List.of(new Outcome(id, status, error, cost, null)));
    }

    /**
     * Sets an item's final status and stores its output (if any) in the caller's transaction (the chunk's): both
     * or neither.
     */
    @Transactional(TxType.MANDATORY)
    public void complete(long id, ItemStatus status, String error, Double cost, Object output) {
        complete(List.of(new Outcome(id, status, error, cost, output)));
    }

    /**
     * The final state of an item: status, reason (may be null), cost (null: keep the recorded one) and output (an
     * {@link ItemOutput}, or null).
     */
    public record Outcome(long id, ItemStatus status, String error, Double cost, Object output) {
    }

    /**
     * Sets the final status of items (a chunk's), stores their outputs and keeps the item counts, all in the
     * caller's transaction (the chunk's): all or nothing.
     */
    @Transactional(TxType.MANDATORY)
    public void complete(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        Map<Long, Object[]> before = new java.util.HashMap<>();
        for (Object[] r : statuses(outcomes.stream().map(Outcome::id).toList())) {
            before.put((Long) r[0], r);
        }
        Counts counts = new Counts();
        long instance = 0;
        for (Outcome o : outcomes) {
            if (o.output() instanceof ItemOutput out) {
                out.store(em);
            } else if (o.output() != null) {
                throw new IllegalArgumentException("not an item output: " + o.output().getClass().getName());
            }
            em.createQuery("update WorkItem w set w.status = :s, w.lastError = :err, w.cost = coalesce(:c, w.cost), "
                            + "w.updatedAt = :t where w.id = :id")
                    .setParameter("s", o.status()).setParameter("err", truncate(o.error())).setParameter("c", o.cost())
                    .setParameter("t", Instant.now()).setParameter("id", o.id()).executeUpdate();
            Object[] b = before.get(o.id());
            if (b != null) {
                counts.add((Integer) b[2], (ItemStatus) b[1], -1);
                counts.add((Integer) b[2], o.status(), 1);
                instance = (Long) b[3];
            }
        }
        counts.apply(instance);
    }

    /**
     * Claims up to {@code limit} items of a job instance for node {@code node} with a lease of {@code leaseSeconds}
     * (several nodes, PostgreSQL: {@link Claims}), marks them IN_FLIGHT for execution {@code executionId} and keeps
     * the item counts, in a transaction of its own (a crash keeps the lease, which then runs out); the items in id
     * order, each {@code markedInFlight}. Empty when nothing is claimable now.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public List<WorkItem> claim(long jobInstanceId, long executionId, String node, int limit, int leaseSeconds) {
        List<Object[]> rows = claimable(jobInstanceId, limit);
        if (rows.isEmpty()) {
            return List.of();
        }
        Counts counts = new Counts();
        List<Long> ids = new java.util.ArrayList<>(rows.size());
        for (Object[] r : rows) {
            ids.add(((Number) r[0]).longValue());
            int partition = ((Number) r[2]).intValue();
            counts.add(partition, ItemStatus.valueOf((String) r[1]), -1);
            counts.add(partition, ItemStatus.IN_FLIGHT, 1);
        }
        em.createNativeQuery(Claims.MARK + Claims.in(ids)).setParameter(1, executionId).setParameter(2, node)
                .setParameter(3, leaseSeconds).executeUpdate();
        counts.apply(jobInstanceId);
        List<WorkItem> items = find(ids);
        items.forEach(w -> w.markedInFlight = true);
        return items;
    }

    /** Whether a job instance has an item a node could claim now (several nodes: {@link Claims#SELECTS}). */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean claimable(long jobInstanceId) {
        return !claimable(jobInstanceId, 1).isEmpty();
    }

    /** Up to {@code limit} claimable items of a job instance, locked ({@link Claims#SELECTS}, in their order). */
    private List<Object[]> claimable(long jobInstanceId, int limit) {
        List<Object[]> rows = new java.util.ArrayList<>();
        for (String select : Claims.SELECTS) {
            if (rows.size() < limit) {
                @SuppressWarnings("unchecked")
                List<Object[]> more = em.createNativeQuery(select).setParameter(1, jobInstanceId)
                        .setParameter(2, limit - rows.size()).getResultList();
                rows.addAll(more);
            }
        }
        return rows;
    }

    /** The IN_FLIGHT items of a job instance whose lease still runs (several nodes: {@link Claims#LEASED}). */
    public List<Long> leased(long jobInstanceId) {
        return ((List<?>) em.createNativeQuery(Claims.LEASED).setParameter(1, jobInstanceId).getResultList())
                .stream().map(o -> ((Number) o).longValue()).toList();
    }

    /** Renews node {@code node}'s leases on the items {@code ids} by {@code leaseSeconds} from now. */
    @Transactional(TxType.REQUIRES_NEW)
    public void renewLeases(String node, List<Long> ids, int leaseSeconds) {
        for (int from = 0; from < ids.size(); from += 1000) {
            em.createNativeQuery(Claims.RENEW + Claims.in(ids.subList(from, Math.min(ids.size(), from + 1000)))
                            + Claims.RENEW_END)
                    .setParameter(1, node).setParameter(2, leaseSeconds).executeUpdate();
        }
    }

    /** Per item: id, status, partition and job instance. */
    private List<Object[]> statuses(List<Long> ids) {
        return em.createQuery("select w.id, w.status, w.partitionNo, w.jobInstanceId from WorkItem w "
                + "where w.id in :ids", Object[].class).setParameter("ids", ids).getResultList();
    }

    /**
     * Changes of the item counts (by partition and status) made in one transaction, applied to {@code item_count}
     * in it: the counts then always equal the ledger's, and progress reads a few rows instead of the ledger.
     */
    private final class Counts {
        private final Map<Integer, Map<ItemStatus, Long>> delta = new TreeMap<>();

        void add(int partition, ItemStatus status, long n) {
            delta.computeIfAbsent(partition, k -> new EnumMap<>(ItemStatus.class)).merge(status, n, Long::sum);
        }

        void apply(long jobInstanceId) {
            delta.forEach((partition, byStatus) -> byStatus.forEach((status, n) -> {
                if (n == 0) {
                    return;
                }
                if (io.eobatch.cluster.ClusterSettings.on()) {
                    // several nodes change the same partition's counts: insert or add in one statement (PostgreSQL)
                    em.createNativeQuery("insert into item_count (job_instance_id, partition_no, status, n) "
                                    + "values (?1, ?2, ?3, ?4) on conflict (job_instance_id, partition_no, status) "
                                    + "do update set n = item_count.n + excluded.n").setParameter(1, jobInstanceId)
                            .setParameter(2, partition).setParameter(3, status.name()).setParameter(4, n)
                            .executeUpdate();
                    return;
                }
                int rows = em.createNativeQuery("update item_count set n = n + ?1 where job_instance_id = ?2 "
                                + "and partition_no = ?3 and status = ?4").setParameter(1, n)
                        .setParameter(2, jobInstanceId).setParameter(3, partition).setParameter(4, status.name())
                        .executeUpdate();
                if (rows == 0) { // one partition's rows are changed by its own thread alone: no race to insert
                    em.createNativeQuery("insert into item_count (job_instance_id, partition_no, status, n) "
                                    + "values (?1, ?2, ?3, ?4)").setParameter(1, jobInstanceId)
                            .setParameter(2, partition).setParameter(3, status.name()).setParameter(4, n)
                            .executeUpdate();
                }
            }));
        }
    }

    /** Item counts by status for a job instance, as kept in {@code item_count} (no ledger read). */
    public Map<ItemStatus, Long> counts(long jobInstanceId) {
        Map<ItemStatus, Long> counts = new EnumMap<>(ItemStatus.class);
        for (ItemStatus s : ItemStatus.values()) {
            counts.put(s, 0L);
        }
        countsByPartition(jobInstanceId).values().forEach(m -> m.forEach((s, n) -> counts.merge(s, n, Long::sum)));
        return counts;
    }

    /**
     * Per AOI of a job instance (by id): its items with a scene, day or interval (not the NO_DATA placeholder of an
     * AOI without scenes) and its FAILED items.
     */
    public Map<String, long[]> itemCountsByAoi(long jobInstanceId) {
        Map<String, long[]> out = new java.util.LinkedHashMap<>();
        for (Object[] row : em.createQuery("select w.aoiId, count(w.sceneId), sum(case when w.status = :f then 1 "
                + "else 0 end) from WorkItem w where w.jobInstanceId = :i group by w.jobInstanceId, w.aoiId "
                + "order by w.jobInstanceId, w.aoiId",
                Object[].class).setParameter("i", jobInstanceId).setParameter("f", ItemStatus.FAILED)
                .getResultList()) {
            out.put((String) row[0], new long[] {((Number) row[1]).longValue(), ((Number) row[2]).longValue()});
        }
        return out;
    }

    /**
     * Item counts by partition and status for a job instance, as kept in {@code item_count} (no ledger read); a
     * status without items is left out.
     */
    public Map<Integer, Map<ItemStatus, Long>> countsByPartition(long jobInstanceId) {
        Map<Integer, Map<ItemStatus, Long>> out = new TreeMap<>();
        for (Object row : em.createNativeQuery("select partition_no, status, n from item_count "
                + "where job_instance_id = ?1 and n <> 0").setParameter(1, jobInstanceId).getResultList()) {
            Object[] r = (Object[]) row;
            out.computeIfAbsent(((Number) r[0]).intValue(), k -> new EnumMap<>(ItemStatus.class))
                    .put(ItemStatus.valueOf((String) r[1]), ((Number) r[2]).longValue());
        }
        return out;
    }

    /** Items by id, in id order (the reader's next chunk). */
    public List<WorkItem> find(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select w from WorkItem w where w.id in :ids order by w.id", WorkItem.class)
                .setParameter("ids", ids).getResultList();
    }

    /**
     * Up to {@code limit} AOI ids of a job instance's ledger after {@code afterAoiId} (null: from the first), in order.
     * The order names the instance first (a constant here): H2 reads rows in an index's order, and stops at the
     * limit, only when the ORDER BY starts with the index's first column ({@code ix_work_item_aoi}); ordered by the
     * AOI alone it read and sorted all 711,000 items of a 100k-AOI run for every STAC page (BENCHMARKS.md, scale run
     * 5). The same holds for the other paged queries here.
     */
    public List<String> aoiIds(long jobInstanceId, String afterAoiId, int limit) {
        return em.createQuery("select distinct w.jobInstanceId, w.aoiId from WorkItem w where w.jobInstanceId = :i "
                        + "and w.aoiId > :after order by w.jobInstanceId, w.aoiId", Object[].class)
                .setParameter("i", jobInstanceId).setParameter("after", afterAoiId == null ? "" : afterAoiId)
                .setMaxResults(limit).getResultStream().map(r -> (String) r[1]).toList();
    }

    /** How many distinct AOIs the ledger of a job instance names (one aggregate query over its AOI index). */
    public long aoiCount(long jobInstanceId) {
        return em.createQuery("select count(distinct w.aoiId) from WorkItem w where w.jobInstanceId = :i",
                Long.class).setParameter("i", jobInstanceId).getSingleResult();
    }

    /**
     * The bounding box {@code [minLon, minLat, maxLon, maxLat]} (EPSG:4326) of the stored AOIs the ledger of a job
     * instance names, from one aggregate query over the AOIs' kept bounds (no geometry read); empty when none of them
     * is stored (deleted since, or the area is not a stored AOI).
     */
    public Optional<double[]> aoiBounds(long jobInstanceId) {
        Object[] r = (Object[]) em.createNativeQuery("select min(a.min_lon), min(a.min_lat), max(a.max_lon), "
                + "max(a.max_lat) from aoi a where a.id in (select w.aoi_id from work_item w "
                + "where w.job_instance_id = ?1)").setParameter(1, jobInstanceId).getSingleResult();
        if (r == null || r[0] == null) {
            return Optional.empty();
        }
        return Optional.of(new double[] {((Number) r[0]).doubleValue(), ((Number) r[1]).doubleValue(),
                ((Number) r[2]).doubleValue(), ((Number) r[3]).doubleValue()});
    }

    /** Those of {@code candidates} that are AOI ids of the ledger of a job instance (asked 1,000 at a time). */
    public java.util.Set<String> aoiIdsAmong(long jobInstanceId, Collection<String> candidates) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        List<String> all = List.copyOf(new java.util.TreeSet<>(candidates));
        for (int i = 0; i < all.size(); i += 1000) {
            out.addAll(em.createQuery("select distinct w.aoiId from WorkItem w where w.jobInstanceId = :i "
                    + "and w.aoiId in :a", String.class).setParameter("i", jobInstanceId)
                    .setParameter("a", all.subList(i, Math.min(all.size(), i + 1000))).getResultList());
        }
        return out;
    }

    /** The AOIs of the items of a job instance whose scene id is {@code sceneId} (a tile's id). */
    public List<String> aoiIdsOfScene(long jobInstanceId, String sceneId) {
        return em.createQuery("select distinct w.aoiId from WorkItem w where w.jobInstanceId = :i "
                        + "and w.sceneId = :s and w.aoiId is not null", String.class)
                .setParameter("i", jobInstanceId).setParameter("s", sceneId).getResultList();
    }

    /**
     * The items of the AOIs from {@code firstAoiId} to {@code lastAoiId} (both included, in id order) of a job
     * instance, in plan order: a page of {@link #aoiIds}. One range of {@code ix_work_item_aoi}; an {@code in} list of
     * a page's 1,000 AOI ids made H2 scan every item of the instance (an in list is looked up only on an index's
     * first column), 7-8 s per STAC page of a 100k-AOI run.
     */
    public List<WorkItem> itemsOfAoiRange(long jobInstanceId, String firstAoiId, String lastAoiId) {
        return em.createQuery("select w from WorkItem w where w.jobInstanceId = :i and w.aoiId >= :first "
                + "and w.aoiId <= :last order by w.ordinal", WorkItem.class).setParameter("i", jobInstanceId)
                .setParameter("first", firstAoiId).setParameter("last", lastAoiId).getResultList();
    }

    /** The items of some AOIs of a job instance, in plan order. */
    public List<WorkItem> itemsOfAois(long jobInstanceId, Collection<String> aoiIds) {
        if (aoiIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select w from WorkItem w where w.jobInstanceId = :i and w.aoiId in :a "
                + "order by w.ordinal", WorkItem.class).setParameter("i", jobInstanceId)
                .setParameter("a", aoiIds).getResultList();
    }

    /**
     * Up to {@code limit} items of a job instance, optionally of one status, in plan order after the item
     * {@code afterId} (keyset paging: as cheap at the 500,000th item as at the first, where an offset walks past
     * every item before it).
     */
    public List<WorkItem> itemsAfter(long jobInstanceId, ItemStatus status, long afterId, int limit) {
        var q = em.createQuery("select w from WorkItem w where w.jobInstanceId = :i"
                + (status == null ? "" : " and w.status = :s")
                + " and w.ordinal > (select a.ordinal from WorkItem a where a.id = :after and a.jobInstanceId = :i)"
                + planOrder(status), WorkItem.class)
                .setParameter("i", jobInstanceId).setParameter("after", afterId);
        if (status != null) {
            q.setParameter("s", status);
        }
        return q.setMaxResults(limit).getResultList();
    }

    /**
     * Plan order for the items of one instance (and of one status): the ORDER BY names the index's leading columns,
     * which the query holds constant, so that H2 reads a page in index order ({@code ix_work_item_ordinal},
     * {@code ix_work_item_status_ordinal}) and stops at the limit instead of sorting the whole ledger (see
     * {@link #aoiIds}).
     */
    private static String planOrder(ItemStatus status) {
        return status == null ? " order by w.jobInstanceId, w.ordinal"
                : " order by w.jobInstanceId, w.status, w.ordinal";
    }

    /** Items of a job instance, optionally of one status, in plan order. */
    public List<WorkItem> items(long jobInstanceId, ItemStatus status, int offset, int limit) {
        var q = em.createQuery("select w from WorkItem w where w.jobInstanceId = :i"
                + (status == null ? "" : " and w.status = :s") + planOrder(status), WorkItem.class)
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
