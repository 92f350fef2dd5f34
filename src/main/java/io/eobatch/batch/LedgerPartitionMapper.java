package io.eobatch.batch;

import java.util.Properties;

import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Splits the ledger into the job's {@code partitions} partitions. An item's partition was fixed when it was planned
 * ({@code ordinal mod partitions}), so the split is the same at every restart; a restart runs only the
 * partitions that did not complete.
 */
@Named
@Dependent
public class LedgerPartitionMapper implements PartitionMapper {

    @Inject
    JobContext job;

    @Override
    public PartitionPlan mapPartitions() {
        int n = JobProperties.of(job).integer(CommonParameters.PARTITIONS.name());
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(n);
        plan.setThreads(n);
        plan.setPartitionsOverride(false);
        Properties[] props = new Properties[n];
        for (int i = 0; i < n; i++) {
            props[i] = new Properties();
            props[i].setProperty("partition", String.valueOf(i));
        }
        plan.setPartitionProperties(props);
        return plan;
    }
}
