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

    /**
     * Stores a frame (replacing an earlier one of the same item) and records its scene as the work item's source
     * scene ({@code scene_ids}), in the caller's transaction (the chunk's, with the item's status).
     */
    @Transactional(TxType.MANDATORY)
    public void save(TimelapseFrame frame) {
        // A frame whose images went missing is rendered again: the new row replaces the old one.
        em.createQuery("delete from TimelapseFrame f where f.workItemId = :w").setParameter("w", frame.workItemId)
                .executeUpdate();
        em.persist(frame);
        em.createQuery("update WorkItem w set w.sceneIds = :s where w.id = :id")
                .setParameter("s", frame.sceneId).setParameter("id", frame.workItemId).executeUpdate();
    }

    /** The frames of a job instance by AOI id, then month. */
    public List<TimelapseFrame> frames(long jobInstanceId) {
        return em.createQuery("select f from TimelapseFrame f where f.jobInstanceId = :i order by f.aoiId, f.month",
                TimelapseFrame.class).setParameter("i", jobInstanceId).getResultList();
    }
}
