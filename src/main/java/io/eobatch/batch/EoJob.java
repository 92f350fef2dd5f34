package io.eobatch.batch;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.eobatch.ledger.WorkItem;
import io.eobatch.results.ResultsStac;

/**
 * One job eobatch offers: everything about it that is not a batch artifact lives in its {@code <Name>Job} class in
 * its own package ({@code batch/statistics}, {@code batch/timelapse}, {@code batch/tiles}), which implements this.
 * {@link Jobs} is the registry; REST dispatches through it and never names a job.
 */
public interface EoJob {

    /** Id (= the job XML's file name), description, steps and parameter specs. */
    JobDefinition definition();

    default String id() {
        return definition().id();
    }

    /**
     * Checks what single values cannot show, on the parameters with defaults filled in; throws
     * {@link ParameterException} naming the parameter.
     */
    void checkRelations(Properties p);

    /** What a launch with these (checked) parameters would do, without running it. */
    Estimate estimate(Properties p);

    /**
     * The STAC items the job declares from its ledger ({@link ResultsStac}); empty when its items are read from
     * the result paths (aoi-statistics).
     */
    default List<ResultsStac.ItemSpec> stacItems(List<WorkItem> items, Map<String, String> params) {
        return List.of();
    }

    /** How retry-failed plans a new job instance from a finished one ({@link CarryOver}). */
    RetryPlan retryPlan();
}
