package io.eobatch.batch.statistics;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** Per-AOI summary of an aoi-statistics run, written by its summarize step. */
@Entity
@Table(name = "aoi_summary")
@IdClass(AoiSummary.Key.class)
public class AoiSummary {

    @Id
    @Column(name = "job_instance_id")
    public long jobInstanceId;

    @Id
    @Column(name = "aoi_id")
    public String aoiId;

    @Column(name = "aoi_name")
    public String aoiName;

    /** Work items of the AOI (scenes, or days with mosaic=day). */
    @Column(nullable = false)
    public int scenes;

    /** Items with at least one valid pixel. */
    @Column(name = "valid_scenes", nullable = false)
    public int validScenes;

    @Column(name = "failed_items", nullable = false)
    public int failedItems;

    /** Mean, min and max over the valid items of the per-item index mean. */
    @Column(name = "mean_of_means")
    public Double meanOfMeans;

    @Column(name = "min_of_means")
    public Double minOfMeans;

    @Column(name = "max_of_means")
    public Double maxOfMeans;

    @Column(name = "first_date")
    public Instant firstDate;

    @Column(name = "last_date")
    public Instant lastDate;

    /** Composite key. */
    public static class Key implements Serializable {
        public long jobInstanceId;
        public String aoiId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.jobInstanceId == jobInstanceId && java.util.Objects.equals(k.aoiId, aoiId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(jobInstanceId, aoiId);
        }
    }
}
