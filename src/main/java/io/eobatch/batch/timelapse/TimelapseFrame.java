package io.eobatch.batch.timelapse;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.eobatch.ledger.ItemOutput;

/**
 * The month of one AOI in an aoi-timelapse run: the scene chosen (highest clear fraction over the AOI) and the
 * images rendered from it. Stored with the work item's DONE status in the chunk's transaction.
 *
 * <p>A frame drawn by a remote provider (sentinel-hub, observearth; migration V4) has no clear fraction nor pixel
 * counts (the provider returns an image, not counts), may have no true-colour image (observearth draws none), and
 * has a {@link #note} saying so.
 */
@Entity
@Table(name = "timelapse_frame")
public class TimelapseFrame implements ItemOutput {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "work_item_id", nullable = false)
    public long workItemId;

    @Column(name = "job_instance_id", nullable = false)
    public long jobInstanceId;

    @Column(name = "aoi_id", nullable = false)
    public String aoiId;

    /** The calendar month, yyyy-MM. */
    @Column(name = "month_id", nullable = false)
    public String month;

    /** The STAC item id of the chosen scene (remote providers: the least cloudy scene of the month, drawn on top). */
    @Column(name = "scene_id", nullable = false)
    public String sceneId;

    /** The chosen scene's datetime, UTC. */
    @Column(nullable = false)
    public Instant acquired;

    /** Valid pixels / AOI pixels on the chosen scene, 0..1 (as aoi-statistics' clear_fraction); null when not known. */
    @Column(name = "clear_fraction")
    public Double clearFraction;

    /** AOI pixels on the chosen scene; null when not known. */
    @Column(name = "pixel_count")
    public Long pixelCount;

    /** Of those, valid; null when not known. */
    @Column(name = "valid_count")
    public Long validCount;

    /** How many scenes of the month were compared. */
    @Column(nullable = false)
    public int candidates;

    @Column(name = "index_name", nullable = false)
    public String indexName;

    /** The index image, relative to the job instance's results folder. */
    @Column(name = "index_png", nullable = false)
    public String indexPng;

    /** The true-colour image, relative to the job instance's results folder; null when the provider draws none. */
    @Column(name = "truecolour_png")
    public String truecolourPng;

    /** Image width, pixels. */
    @Column(nullable = false)
    public int width;

    /** Image height, pixels. */
    @Column(nullable = false)
    public int height;

    /** What the frame is when it is not the stac provider's measured choice, and what is not known; else null. */
    @Column(length = 2000)
    public String note;

    /**
     * Stores the frame (replacing an earlier one of the same item: a frame whose images went missing is rendered
     * again) and records its scene as the work item's source scene ({@code scene_ids}).
     */
    @Override
    public void store(EntityManager em) {
        em.createQuery("delete from TimelapseFrame f where f.workItemId = :w").setParameter("w", workItemId)
                .executeUpdate();
        em.persist(this);
        em.createQuery("update WorkItem w set w.sceneIds = :s where w.id = :id")
                .setParameter("s", sceneId).setParameter("id", workItemId).executeUpdate();
    }

    /** This frame for another work item of another job instance (retry-failed carries DONE months over). */
    public TimelapseFrame copyFor(long otherWorkItemId, long otherInstance) {
        TimelapseFrame c = new TimelapseFrame();
        c.workItemId = otherWorkItemId;
        c.jobInstanceId = otherInstance;
        c.aoiId = aoiId;
        c.month = month;
        c.sceneId = sceneId;
        c.acquired = acquired;
        c.clearFraction = clearFraction;
        c.pixelCount = pixelCount;
        c.validCount = validCount;
        c.candidates = candidates;
        c.indexName = indexName;
        c.indexPng = indexPng;
        c.truecolourPng = truecolourPng;
        c.width = width;
        c.height = height;
        c.note = note;
        return c;
    }
}
