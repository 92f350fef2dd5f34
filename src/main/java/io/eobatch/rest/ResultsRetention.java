package io.eobatch.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

import io.eobatch.config.Settings;
import io.eobatch.results.ResultsDeletions;

/**
 * The retention schedule: every {@value #PERIOD_KEY} seconds (default 3600, read at start-up) it deletes the results
 * of the job instances that finished (no execution running) more than {@value #DAYS_KEY} days ago, as
 * {@code DELETE /api/executions/{id}/results} would ({@link ResultsDeleter}; recorded as by {@code retention}). Off by
 * default: without {@value #DAYS_KEY} (or with a negative value) a run does nothing. The number of days is read at
 * every run, so it can be changed without a restart (a system property set through the management CLI); {@code 0}
 * deletes the results of every finished execution, a fraction is allowed ({@code 0.5} = 12 hours).
 *
 * <p>On the container's default {@link ManagedScheduledExecutorService}, not an EJB timer: the server has no EJB
 * layer, and a run that finds nothing costs one query.
 */
@ApplicationScoped
public class ResultsRetention {

    /** Days after which finished results are deleted; absent (the default) or negative: never. */
    public static final String DAYS_KEY = "eobatch.results.retention-days";
    /** Seconds between two runs of the schedule (default 3600). */
    public static final String PERIOD_KEY = "eobatch.results.retention-period-s";

    private static final Logger LOG = Logger.getLogger(ResultsRetention.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    ResultsDeletions deletions;

    @Inject
    ResultsDeleter deleter;

    private ScheduledFuture<?> task;

    void onStart(@Observes Startup startup) {
        long period = Math.max(1, Settings.number(PERIOD_KEY, 3600L, 1));
        task = scheduler.scheduleWithFixedDelay(this::runSafely, period, period, TimeUnit.SECONDS);
        LOG.info(() -> "results retention: checked every " + period + " s; " + Settings.value(DAYS_KEY, String.class)
                .map(d -> "results of executions finished more than " + d + " day(s) ago are deleted")
                .orElse("off (" + DAYS_KEY + " not set)"));
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    private void runSafely() {
        try {
            run(Instant.now());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "results retention run failed; the next run tries again", e);
        }
    }

    /** One run at {@code now}: deletes what is due; returns the job instances whose results were deleted. */
    public List<Long> run(Instant now) {
        Double days = days();
        if (days == null) {
            return List.of();
        }
        Instant cutoff = cutoff(now, days);
        List<Long> due = deletions.finishedBefore(cutoff);
        for (long instance : due) {
            deleter.delete(instance, "retention", ResultsDeletions.Reason.RETENTION);
        }
        if (!due.isEmpty()) {
            LOG.info(() -> "results retention (" + days + " day(s)): deleted the results of " + due.size()
                    + " job instance(s) finished before " + cutoff);
        }
        return due;
    }

    /** The retention in days, or null when off (absent, blank, negative or not a number: the last logged). */
    static Double days() {
        String v = Settings.value(DAYS_KEY, String.class).map(String::strip).orElse("");
        if (v.isEmpty()) {
            return null;
        }
        try {
            double d = Double.parseDouble(v);
            return d >= 0 && Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            LOG.warning(() -> DAYS_KEY + " = '" + v + "' is not a number of days: retention is off");
            return null;
        }
    }

    /** The end time before which an execution's results are due: {@code now} minus {@code days} (fractions too). */
    static Instant cutoff(Instant now, double days) {
        return now.minus(Duration.ofMillis(Math.round(days * 86_400_000d)));
    }
}
