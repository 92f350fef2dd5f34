package io.eobatch.batch.statistics;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

/** The statistics rows and per-AOI summaries of aoi-statistics job instances: the queries the job and the API need. */
@ApplicationScoped
public class StatisticsRows {

    /** Rows held at a time by {@link #forEachRow} and {@link #forEachSummary}. */
    static final int IN_MEMORY = 2000;

    @PersistenceContext(unitName = "eobatch")
    EntityManager em;

    /** Whether the row of a work item is stored (the item is done, whatever its ledger status says). */
    public boolean exists(long workItemId) {
        return em.createQuery("select count(s) from StatisticsRow s where s.workItemId = :w", Long.class)
                .setParameter("w", workItemId).getSingleResult() > 0;
    }

    /** The rows of a job instance by AOI, acquisition time and item id. */
    public List<StatisticsRow> rows(long jobInstanceId) {
        return rowsQuery(jobInstanceId).getResultList();
    }

    /** The rows of one AOI of a job instance, by acquisition time and item id. */
    public List<StatisticsRow> rows(long jobInstanceId, String aoiId) {
        return em.createQuery("select s from StatisticsRow s where s.jobInstanceId = :i and s.aoiId = :a "
                + "order by s.acquired, s.itemId", StatisticsRow.class)
                .setParameter("i", jobInstanceId).setParameter("a", aoiId).getResultList();
    }

    /**
     * Gives every row of a job instance to {@code each} in the order of {@link #rows(long)}, reading them as a stream
     * and keeping at most {@value #IN_MEMORY} in the persistence context: a summary of 700,000 rows holds a few
     * thousand at a time.
     */
    @Transactional
    public void forEachRow(long jobInstanceId, Consumer<StatisticsRow> each) {
        forEach(rowsQuery(jobInstanceId), each);
    }

    private TypedQuery<StatisticsRow> rowsQuery(long jobInstanceId) {
        return em.createQuery("select s from StatisticsRow s where s.jobInstanceId = :i "
                + "order by s.aoiId, s.acquired, s.itemId", StatisticsRow.class).setParameter("i", jobInstanceId);
    }

    public List<AoiSummary> summaries(long jobInstanceId) {
        return summariesQuery(jobInstanceId).getResultList();
    }

    /** Each summary of a job instance in AOI id order, streamed from the database (100,000 never sit in memory). */
    @Transactional
    public void forEachSummary(long jobInstanceId, Consumer<AoiSummary> each) {
        forEach(summariesQuery(jobInstanceId), each);
    }

    private TypedQuery<AoiSummary> summariesQuery(long jobInstanceId) {
        return em.createQuery("select a from AoiSummary a where a.jobInstanceId = :i "
                + "order by a.jobInstanceId, a.aoiId",
                AoiSummary.class).setParameter("i", jobInstanceId);
    }

    /** Gives each result of {@code query} to {@code each}, streamed, holding at most {@value #IN_MEMORY} at a time. */
    private <T> void forEach(TypedQuery<T> query, Consumer<T> each) {
        try (Stream<T> rows = query.setHint("org.hibernate.fetchSize", IN_MEMORY).getResultStream()) {
            int[] n = {0};
            rows.forEach(r -> {
                each.accept(r);
                if (++n[0] % IN_MEMORY == 0) {
                    em.clear();
                }
            });
        }
    }

    /** The summaries of some AOIs of a job instance, by AOI id. */
    public List<AoiSummary> summaries(long jobInstanceId, java.util.Collection<String> aoiIds) {
        if (aoiIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select a from AoiSummary a where a.jobInstanceId = :i and a.aoiId in :a "
                + "order by a.aoiId", AoiSummary.class).setParameter("i", jobInstanceId).setParameter("a", aoiIds)
                .getResultList();
    }

    /**
     * The summaries of the AOIs from {@code firstAoiId} to {@code lastAoiId} (both included, in the database's order)
     * of a job instance, by AOI id: a page of STAC Items. One range of the primary key; H2 looks an {@code in} list
     * up only on an index's first column, so {@link #summaries(long, java.util.Collection)} of a page's 1,000 AOIs
     * reads every summary of the instance.
     */
    public List<AoiSummary> summaries(long jobInstanceId, String firstAoiId, String lastAoiId) {
        return em.createQuery("select a from AoiSummary a where a.jobInstanceId = :i and a.aoiId >= :first "
                        + "and a.aoiId <= :last order by a.jobInstanceId, a.aoiId", AoiSummary.class)
                .setParameter("i", jobInstanceId).setParameter("first", firstAoiId).setParameter("last", lastAoiId)
                .getResultList();
    }

    /**
     * The least and greatest of each numeric field of the per-AOI summaries of a job instance, keyed as the summaries'
     * fields ({@code scenes}, {@code validScenes}, {@code failedItems}, {@code mean}, {@code min}, {@code max}), from
     * one aggregate query: what the STAC Collection's {@code summaries} show of 100,000 AOIs without reading them. A
     * field no summary has a value of is left out.
     */
    public java.util.Map<String, double[]> summaryRanges(long jobInstanceId) {
        Object[] r = em.createQuery("select min(a.scenes), max(a.scenes), min(a.validScenes), max(a.validScenes), "
                + "min(a.failedItems), max(a.failedItems), min(a.meanOfMeans), max(a.meanOfMeans), "
                + "min(a.minOfMeans), max(a.minOfMeans), min(a.maxOfMeans), max(a.maxOfMeans) "
                + "from AoiSummary a where a.jobInstanceId = :i", Object[].class)
                .setParameter("i", jobInstanceId).getSingleResult();
        java.util.Map<String, double[]> out = new java.util.LinkedHashMap<>();
        String[] fields = {"scenes", "validScenes", "failedItems", "mean", "min", "max"};
        for (int f = 0; f < fields.length; f++) {
            if (r[2 * f] instanceof Number lo && r[2 * f + 1] instanceof Number hi
                    && Double.isFinite(lo.doubleValue()) && Double.isFinite(hi.doubleValue())) {
                out.put(fields[f], new double[] {lo.doubleValue(), hi.doubleValue()});
            }
        }
        return out;
    }

    /**
     * Replaces the summaries of a job instance (the summary step may run again after a restart), in one transaction,
     * flushed in JDBC batches of {@value #IN_MEMORY} and cleared after each: 100,000 summaries are never held by the
     * persistence context and checked for changes at the commit. The given objects stay detached.
     */
    @Transactional
    public void replaceSummaries(long jobInstanceId, List<AoiSummary> summaries) {
        em.createQuery("delete from AoiSummary a where a.jobInstanceId = :i").setParameter("i", jobInstanceId)
                .executeUpdate();
        int n = 0;
        for (AoiSummary s : summaries) {
            em.persist(s);
            if (++n % IN_MEMORY == 0) {
                em.flush();
                em.clear();
            }
        }
        em.flush();
        em.clear();
    }
}
