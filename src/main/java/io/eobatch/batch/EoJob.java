package io.eobatch.batch;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.enterprise.inject.spi.CDI;

import io.eobatch.config.Limits;
import io.eobatch.ledger.WorkItem;
import io.eobatch.results.ResultsStac;

/**
 * One job eobatch offers: everything about it that is not a batch artifact lives in its {@code <Name>Job} class in
 * its own package ({@code batch/statistics}, {@code batch/timelapse}, {@code batch/tiles}), which implements this.
 * {@link Jobs} is the registry; REST dispatches through it and never names a job.
 */
public abstract class EoJob {

    private final JobDefinition definition;
    private final Class<? extends JobEstimator> estimator;

    /** A job with this definition, estimated by the CDI bean {@code estimator}. */
    protected EoJob(JobDefinition definition, Class<? extends JobEstimator> estimator) {
        this.definition = definition;
        this.estimator = estimator;
    }

    /** Id (= the job XML's file name), description, steps and parameter specs. */
    public JobDefinition definition() {
        return definition;
    }

    public String id() {
        return definition.id();
    }

    /**
     * Checks what single values cannot show, on the parameters with defaults filled in: the period, then the job's
     * own relations ({@link #checkJobRelations}); throws {@link ParameterException} naming the parameter.
     */
    public void checkRelations(Properties p) {
        CommonParameters.checkPeriod(p);
        checkJobRelations(p);
    }

    /**
     * Refuses, before anything is written or started, a launch whose size would overwhelm the server, naming the
     * parameter and the limit with its setting ({@link Limits}): dates before {@link Limits#earliestDate()} or more
     * than {@link Limits#daysAhead()} ahead, a period longer than the job's {@link Limits#maxPeriodDays}; then the
     * job's own sizes ({@link #checkJobLimits}). {@code aois} is how many AOIs the job would plan at most (0 for a
     * job over one area).
     */
    public void checkLimits(Properties p, Limits limits, long aois, LocalDate today) {
        LocalDate latest = limits.latestDate(today);
        for (String name : List.of(CommonParameters.FROM.name(), CommonParameters.TO.name())) {
            String v = p.getProperty(name);
            if (v == null) {
                continue;
            }
            LocalDate d = LocalDate.parse(v);
            if (d.isBefore(limits.earliestDate())) {
                throw new ParameterException(name, v + " is before " + limits.earliestDate() + ", the earliest date "
                        + "accepted (" + Limits.EARLIEST_DATE + ")");
            }
            if (d.isAfter(latest)) {
                throw new ParameterException(name, v + " is after " + latest + ", the latest date accepted ("
                        + limits.daysAhead() + " days after today, " + Limits.DAYS_AHEAD + ")");
            }
        }
        String from = p.getProperty(CommonParameters.FROM.name());
        String to = p.getProperty(CommonParameters.TO.name());
        if (from != null && to != null) {
            long days = ChronoUnit.DAYS.between(LocalDate.parse(from), LocalDate.parse(to)) + 1;
            int max = limits.maxPeriodDays(id());
            if (days > max) {
                throw new ParameterException(CommonParameters.TO.name(), "the period from " + from + " to " + to
                        + " is " + days + " days, longer than the " + max + " days " + id() + " accepts ("
                        + Limits.maxPeriodKey(id()) + "); split it into several executions");
            }
        }
        checkJobLimits(p, limits, aois);
    }

    /** The job's own size limits, on checked parameters; none by default. */
    protected void checkJobLimits(Properties p, Limits limits, long aois) {
    }

    /** The relations between this job's own parameters; none by default. */
    protected void checkJobRelations(Properties p) {
    }

    /** What a launch with these (checked) parameters would do, without running it. */
    public Estimate estimate(Properties p) {
        return CDI.current().select(estimator).get().estimate(new JobProperties(p));
    }

    /**
     * The STAC items the job declares from its ledger ({@link ResultsStac}); empty when its items are read from
     * the result paths (aoi-statistics).
     */
    public List<ResultsStac.ItemSpec> stacItems(List<WorkItem> items, Map<String, String> params) {
        return List.of();
    }

    /**
     * Whether {@link #stacItems} declares the job's STAC items (then its Collection is made from its ledger, which
     * the launch limits bound: tiles, AOIs x months); false when they are read from the result paths, one per AOI
     * (aoi-statistics, whose ledger has no such bound: its Collection comes from aggregate queries).
     */
    public boolean declaresStacItems() {
        return false;
    }

    /**
     * Draws a result file that the job makes on first request (aoi-statistics' time series of a large run), into the
     * results folder of job instance {@code instance}; false when {@code path} is not such a file (then it is 404).
     */
    public boolean drawOnRequest(long instance, String path, Map<String, String> params) {
        return false;
    }

    /** How retry-failed plans a new job instance from a finished one ({@link CarryOver}). */
    public abstract RetryPlan retryPlan();
}
