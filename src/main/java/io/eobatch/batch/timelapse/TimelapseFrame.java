package io.eobatch.batch.timelapse;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The month of one AOI in an aoi-timelapse run: the scene chosen (highest clear fraction over the AOI) and the
 * images rendered from it. Stored with the work item's DONE status in the chunk's transaction.
 */
@Entity
@Table(name = "timelapse_frame")
public class TimelapseFrame {

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

    /** The STAC item id of the chosen scene. */
    @Column(name = "scene_id", nullable = false)
    public String sceneId;

    /** The chosen scene's datetime, UTC. */
    @Column(nullable = false)
    public Instant acquired;

    /** Valid pixels / AOI pixels on the chosen scene, 0..1 (as aoi-statistics' clear_fraction). */
    @Column(name = "clear_fraction", nullable = false)
    public double clearFraction;

    @Column(name = "pixel_count", nullable = false)
    public long pixelCount;

    @Column(name = "valid_count", nullable = false)
    public long validCount;

    /** How many scenes of the month were compared. */
    @Column(nullable = false)
    public int candidates;

    @Column(name = "index_name", nullable = false)
    public String indexName;

    /** The index image, relative to the job instance's results folder. */
    @Column(name = "index_png", nullable = false)
    public String indexPng;

    /** The true-colour image, relative to the job instance's results folder. */
    @Column(name = "truecolour_png", nullable = false)
    public String truecolourPng;

    /** Image width, pixels. */
    @Column(nullable = false)
    public int width;

    /** Image height, pixels. */
    @Column(nullable = false)
    public int height;
}
