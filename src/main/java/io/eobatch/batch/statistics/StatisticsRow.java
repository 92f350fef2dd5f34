package io.eobatch.batch.statistics;

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
 * The index statistics of one work item (one AOI on one scene, day or interval). The counts and the clear fraction
 * are null for a provider that does not give them (observearth).
 */
@Entity
@Table(name = "statistics_row")
public class StatisticsRow implements ItemOutput {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "work_item_id", nullable = false)
    public long workItemId;

    @Column(name = "job_instance_id", nullable = false)
    public long jobInstanceId;

    @Column(name = "aoi_id", nullable = false)
    public String aoiId;

    /** STAC item id, or the day for a day mosaic. */
    @Column(name = "item_id", nullable = false)
    public String itemId;

    @Column(nullable = false)
    public Instant acquired;

    @Column(name = "index_name", nullable = false)
    public String indexName;

    @Column(name = "pixel_count")
    public Long pixelCount;

    @Column(name = "valid_count")
    public Long validCount;

    @Column(name = "nodata_count")
    public Long nodataCount;

    @Column(name = "mean_value")
    public Double mean;

    @Column(name = "min_value")
    public Double min;

    @Column(name = "max_value")
    public Double max;

    @Column(name = "stdev_value")
    public Double stdev;

    public Double p10;
    public Double p50;
    public Double p90;

    @Column(name = "clear_fraction")
    public Double clearFraction;

    /** Sum of the pixels' weights (fraction of each pixel inside the AOI), pixels; null under the centre rule. */
    @Column(name = "coverage")
    public Double coverage;

    /** Sum of the valid pixels' weights, pixels; null under the centre rule. */
    @Column(name = "valid_coverage")
    public Double validCoverage;

    /** Histogram counts, comma separated (bins documented by the engine). */
    public String histogram;

    /** Whether the row has a value: a mean, and valid pixels when they are counted. */
    public boolean hasValue() {
        return mean != null && !mean.isNaN() && (validCount == null || validCount > 0);
    }

    /** The weight of the row's mean in an average: its valid pixels, or 1 when the provider does not count them. */
    public double weight() {
        return validCount == null ? 1 : validCount;
    }

    @Override
    public void store(EntityManager em) {
        em.persist(this);
    }
}
