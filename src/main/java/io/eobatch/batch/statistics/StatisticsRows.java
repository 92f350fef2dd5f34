package io.eobatch.batch.statistics;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** The statistics rows and per-AOI summaries of aoi-statistics job instances: the queries the job and the API need. */
@ApplicationScoped
public class StatisticsRows {

    @PersistenceContext(unitName = "eobatch")
    EntityManager em;

    /** Whether the row of a work item is stored (the item is done, whatever its ledger status says). */
    public boolean exists(long workItemId) {
        return em.createQuery("select count(s) from StatisticsRow s where s.workItemId = :w", Long.class)
                .setParameter("w", workItemId).getSingleResult() > 0;
    }

    /** The rows of a job instance by AOI, acquisition time and item id. */
    public List<StatisticsRow> rows(long jobInstanceId) {
        return em.createQuery("select s from StatisticsRow s where s.jobInstanceId = :i "
                + "order by s.aoiId, s.acquired, s.itemId", StatisticsRow.class)
                .setParameter("i", jobInstanceId).getResultList();
    }

    public List<AoiSummary> summaries(long jobInstanceId) {
        return em.createQuery("select a from AoiSummary a where a.jobInstanceId = :i order by a.aoiId",
                AoiSummary.class).setParameter("i", jobInstanceId).getResultList();
    }

    /** Replaces the summaries of a job instance (the summary step may run again after a restart). */
    @Transactional
    public void replaceSummaries(long jobInstanceId, List<AoiSummary> summaries) {
        em.createQuery("delete from AoiSummary a where a.jobInstanceId = :i").setParameter("i", jobInstanceId)
                .executeUpdate();
        summaries.forEach(em::persist);
    }
}
