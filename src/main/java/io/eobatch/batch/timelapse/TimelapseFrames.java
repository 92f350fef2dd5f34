package io.eobatch.batch.timelapse;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/** The timelapse_frame table: the frames of aoi-timelapse runs, and the chosen scene on the work item. */
@ApplicationScoped
public class TimelapseFrames {

    @PersistenceContext(unitName = "eobatch")
    EntityManager em;

    /** The frame stored for a work item, if any. */
    public Optional<TimelapseFrame> byWorkItem(long workItemId) {
        return em.createQuery("select f from TimelapseFrame f where f.workItemId = :w", TimelapseFrame.class)
                .setParameter("w", workItemId).getResultStream().findFirst();
    }

    /** Stores a copy of a frame, in the caller's transaction (retry-failed's plan). */
    @Transactional(TxType.MANDATORY)
    public void persist(TimelapseFrame frame) {
        em.persist(frame);
    }

    /** The frames of a job instance by AOI id, then month. */
    public List<TimelapseFrame> frames(long jobInstanceId) {
        return em.createQuery("select f from TimelapseFrame f where f.jobInstanceId = :i order by f.aoiId, f.month",
                TimelapseFrame.class).setParameter("i", jobInstanceId).getResultList();
    }
}
