package io.eobatch.ledger;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One unit of work of a job instance (AOI x scene, AOI x day, ...): the row of the ledger. */
@Entity
@Table(name = "work_item")
public class WorkItem {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "job_instance_id", nullable = false)
    public long jobInstanceId;

    @Column(name = "job_name", nullable = false)
    public String jobName;

    /** Idempotency key, unique in the job instance: {@code aoiId/sceneId}. */
    @Column(name = "item_key", nullable = false)
    public String itemKey;

    /** Position in plan order (0-based). */
    @Column(nullable = false)
    public int ordinal;

    /** The partition that works on this item, fixed when planned. */
    @Column(name = "partition_no", nullable = false)
    public int partitionNo;

    @Column(name = "aoi_id")
    public String aoiId;

    /** The STAC item id, or for a day mosaic the day (yyyy-MM-dd). */
    @Column(name = "scene_id")
    public String sceneId;

    /** Every source scene id, comma separated. */
    @Column(name = "scene_ids")
    public String sceneIds;

    /** Acquisition time of the scene (or start of the day), UTC. */
    public Instant acquired;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ItemStatus status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    /** Provider cost of the item (requests, processing units, bytes read). */
    public Double cost;

    @Column(name = "last_execution_id")
    public Long lastExecutionId;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Set by the reader when it marked this item IN_FLIGHT with its chunk (not stored). */
    @jakarta.persistence.Transient
    public transient boolean markedInFlight;

    public WorkItem() {
    }

    /**
     * A PENDING item of a plan: item {@code ordinal} of the plan goes to partition {@code ordinal mod partitions}
     * (fixed for good, so the split is the same at every restart).
     *
     * @param sceneIds every source scene id (may be empty)
     * @param acquired scene time or start of the item's period, UTC
     */
    public static WorkItem planned(long jobInstanceId, String jobName, String itemKey, int ordinal, int partitions,
                                   String aoiId, String sceneId, java.util.List<String> sceneIds, Instant acquired) {
        WorkItem w = new WorkItem();
        w.jobInstanceId = jobInstanceId;
        w.jobName = jobName;
        w.itemKey = itemKey;
        w.ordinal = ordinal;
        w.partitionNo = ordinal % partitions;
        w.aoiId = aoiId;
        w.sceneId = sceneId;
        w.sceneIds = String.join(",", sceneIds);
        w.acquired = acquired;
        w.status = ItemStatus.PENDING;
        w.updatedAt = Instant.now();
        return w;
    }

    /** Marks a planned item as having nothing to do, with the reason. */
    public WorkItem noData(String reason) {
        status = ItemStatus.NO_DATA;
        lastError = reason;
        return this;
    }

    public String[] sceneIdList() {
        return sceneIds == null || sceneIds.isBlank() ? new String[0] : sceneIds.split(",");
    }
}
