package io.eobatch.ledger;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The index statistics of one work item (one AOI on one scene or day mosaic). */
@Entity
@Table(name = "statistics_row")
public class StatisticsRow {

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

    @Column(name = "pixel_count", nullable = false)
    public long pixelCount;

    @Column(name = "valid_count", nullable = false)
    public long validCount;

    @Column(name = "nodata_count", nullable = false)
    public long nodataCount;

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

    @Column(name = "clear_fraction", nullable = false)
    public double clearFraction;

    /** Histogram counts, comma separated (bins documented by the engine). */
    public String histogram;
}
