package io.eobatch.rest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;

import io.eobatch.batch.EoJob;
import io.eobatch.batch.Estimate;
import io.eobatch.batch.JobProperties;
import io.eobatch.config.Settings;

/**
 * The estimate each job instance was launched with (table {@code launch_estimate}, migration V13), shown by
 * {@code GET /api/executions/{id}} as {@code launchEstimate} and on the dashboard against what the run cost.
 *
 * <p>Where it comes from, in order:
 * <ol>
 *   <li>{@code ESTIMATE}: the estimate the same user asked this server for with the same job and parameters (defaults
 *   filled in) within {@code eobatch.estimate.reuse-minutes} (15) before the launch: the numbers the operator saw
 *   before pressing Start (the dashboard always estimates first), without searching the catalog a second time.</li>
 *   <li>{@code LAUNCH}: else one made right after the launch in the background, so that the launch answers at once
 *   and never waits for catalog searches; the run's plan step searches at the same time. One estimate is made at a
 *   time, on a thread of this class from the server's managed thread factory (at most {@value #QUEUED} wait). A
 *   launch over more than {@code eobatch.estimate.at-launch.max-aois} (1000) AOIs is not estimated (one search per
 *   AOI would double the catalog load of a large run): its row says so in {@code note}, as do a failed estimate and
 *   a full queue.</li>
 *   <li>{@code RETRY}: retry-failed plans the source's FAILED items only, so its estimate is the source instance's
 *   scaled to them (items exact, requests, bytes, cost and time in proportion).</li>
 * </ol>
 * A restart continues the plan, ledger and budget of its job instance, so it shows the row of the instance's launch
 * (its {@code execution} names the launch): the cost compared is the instance's, over all its executions.
 *
 * <p>The remembered estimates are held in memory on the node that answered them (a bounded map); a launch on another
 * node estimates in the background instead. Plain JDBC on the application's datasource, as {@link RetryClaims}.
 */
@ApplicationScoped
public class LaunchEstimates {

    private static final Logger LOG = Logger.getLogger(LaunchEstimates.class.getName());

    /** Where a launch estimate came from. */
    public enum Origin { ESTIMATE, LAUNCH, RETRY }

    /** How many estimates are remembered for a launch that follows them; the oldest is forgotten first. */
    static final int REMEMBERED = 256;

    @Resource(lookup = "java:jboss/datasources/EobatchDS")
    DataSource dataSource;

    /** Launch estimates waiting for the estimating thread; past them a launch's row says the server was busy. */
    static final int QUEUED = 64;

    @Resource
    ManagedThreadFactory threads;

    /**
     * One thread that makes the estimates of launches, one at a time, with a bounded queue: its own, so that catalog
     * searches for estimates never hold a thread of the server's default executors (the live events' senders and
     * broadcaster use those).
     */
    private ThreadPoolExecutor executor;

    @PostConstruct
    void start() {
        executor = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED), threads);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** The totals of an estimate and when it was answered (not its per-AOI lines: only the totals are stored). */
    private record Remembered(Estimate.Total total, Instant at) {
    }

    private final Map<String, Remembered> remembered = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Remembers the estimate {@code user} was answered for {@code job} with these (checked) properties. */
    public void remember(String user, EoJob job, Properties p, Estimate estimate) {
        synchronized (remembered) {
            remembered.put(key(user, job, p), new Remembered(estimate.total(), Instant.now()));
        }
    }

    /**
     * Records the estimate of a launch of {@code job} as {@code execution} (job instance {@code instance}): the one
     * {@code user} was just answered for the same parameters, else one made in the background (none for more than
     * the configured AOIs).
     */
    public void launched(long execution, long instance, String user, EoJob job, Properties p, long aoiCount) {
        Optional<Remembered> seen;
        synchronized (remembered) {
            seen = Optional.ofNullable(remembered.get(key(user, job, p)))
                    .filter(r -> r.at().isAfter(Instant.now().minus(reuseWithin())));
        }
        if (seen.isPresent()) {
            store(execution, instance, Origin.ESTIMATE, seen.get().at(), null, seen.get().total(), null);
            return;
        }
        long most = Settings.value("eobatch.estimate.at-launch.max-aois", Long.class).orElse(1000L);
        if (aoiCount > most) {
            store(execution, instance, Origin.LAUNCH, Instant.now(), null, null, "not estimated: " + aoiCount
                    + " AOIs, more than eobatch.estimate.at-launch.max-aois (" + most + "); estimate before the "
                    + "launch to keep one");
            return;
        }
        Properties copy = new Properties();
        copy.putAll(p);
        try {
            executor.execute(() -> {
                try {
                    store(execution, instance, Origin.LAUNCH, Instant.now(), null, job.estimate(copy).total(), null);
                } catch (RuntimeException e) {
                    LOG.log(Level.INFO, e, () -> "execution " + execution + ": no estimate at launch");
                    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    store(execution, instance, Origin.LAUNCH, Instant.now(), null, null, "no estimate: " + why);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            store(execution, instance, Origin.LAUNCH, Instant.now(), null, null, "no estimate: " + QUEUED
                    + " launch estimates were waiting already");
        }
    }

    /**
     * Records the estimate of a retry-failed {@code execution} (job instance {@code instance}) of {@code failed}
     * items of {@code sourceExecution}: the source instance's launch estimate scaled to them, with {@code budget}.
     * Nothing when the source has none with numbers. Never throws: the retry has started already.
     */
    public void retried(long execution, long instance, long sourceExecution, long sourceInstance, long failed,
                        Double budget) {
        Optional<ApiViews.LaunchEstimate> source;
        try {
            source = of(sourceInstance).filter(s -> s.items() != null && s.items() > 0);
        } catch (RuntimeException e) { // the retry has started: it goes on without an estimate
            LOG.log(Level.WARNING, e, () -> "execution " + execution + ": no launch estimate for the retry");
            return;
        }
        if (source.isEmpty()) {
            return;
        }
        ApiViews.LaunchEstimate s = source.get();
        Estimate.Total t = scaled(s, failed, budget);
        store(execution, instance, Origin.RETRY, Instant.now(), sourceExecution, t, "the launch estimate of execution "
                + s.execution() + " (" + s.items() + " items) scaled to the " + failed + " FAILED item(s) retried");
    }

    /**
     * The totals of {@code s} for {@code failed} of its items: items exact, requests, bytes, cost (rounded as
     * estimates are) and seconds (0.1 s) in proportion, whether the cost fits {@code budget} (null without one).
     */
    static Estimate.Total scaled(ApiViews.LaunchEstimate s, long failed, Double budget) {
        double share = Math.min(1.0, (double) failed / s.items());
        Double cost = s.cost() == null ? null : Estimate.round(s.cost() * share);
        return new Estimate.Total(null, failed, null, null, null, null, null, null,
                s.requests() == null ? null : Math.round(s.requests() * share),
                s.bytes() == null ? null : Math.round(s.bytes() * share), null, null, cost, s.costUnit(),
                s.expectedSeconds() == null ? null : Math.round(s.expectedSeconds() * share * 10) / 10.0,
                s.limitedBy(), budget, budget == null || cost == null ? null : cost <= budget);
    }

    /** The launch estimate of a job instance, if one was recorded (a restart shows its launch's). */
    public Optional<ApiViews.LaunchEstimate> of(long instance) {
        String sql = "select execution_id, origin, estimated_at, source_execution_id, items, requests, bytes, cost, "
                + "cost_unit, expected_seconds, limited_by, budget, within_budget, note from launch_estimate "
                + "where job_instance_id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, instance);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ApiViews.LaunchEstimate(rs.getLong(1), rs.getString(2),
                        rs.getTimestamp(3).toInstant().toString(), rs.getObject(4, Long.class),
                        rs.getObject(5, Long.class), rs.getObject(6, Long.class), rs.getObject(7, Long.class),
                        rs.getObject(8, Double.class), rs.getString(9), rs.getObject(10, Double.class),
                        rs.getString(11), rs.getObject(12, Double.class), rs.getObject(13, Boolean.class),
                        rs.getString(14)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the launch estimate of job instance " + instance, e);
        }
    }

    private void store(long execution, long instance, Origin origin, Instant at, Long sourceExecution,
                       Estimate.Total t, String note) {
        String sql = "insert into launch_estimate (job_instance_id, execution_id, origin, estimated_at, "
                + "source_execution_id, items, requests, bytes, cost, cost_unit, expected_seconds, limited_by, budget, "
                + "within_budget, note) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, instance);
            ps.setLong(2, execution);
            ps.setString(3, origin.name());
            ps.setTimestamp(4, Timestamp.from(at.truncatedTo(ChronoUnit.MILLIS)));
            ps.setObject(5, sourceExecution, Types.BIGINT);
            ps.setObject(6, t == null ? null : t.items(), Types.BIGINT);
            ps.setObject(7, t == null ? null : t.requests(), Types.BIGINT);
            ps.setObject(8, t == null ? null : t.bytes(), Types.BIGINT);
            ps.setObject(9, t == null ? null : t.cost(), Types.DOUBLE);
            ps.setString(10, t == null ? null : cut(t.costUnit(), 64));
            ps.setObject(11, t == null ? null : t.expectedSeconds(), Types.DOUBLE);
            ps.setString(12, t == null ? null : cut(t.limitedBy(), 256));
            ps.setObject(13, t == null ? null : t.budget(), Types.DOUBLE);
            ps.setObject(14, t == null ? null : t.withinBudget(), Types.BOOLEAN);
            ps.setString(15, cut(note, 1000));
            ps.executeUpdate();
        } catch (SQLException e) {
            // the run goes on without it: its page then says that no launch estimate was recorded
            LOG.log(Level.WARNING, e, () -> "execution " + execution + ": could not store its launch estimate");
        }
    }

    private static Duration reuseWithin() {
        return Duration.ofMinutes(Settings.value("eobatch.estimate.reuse-minutes", Long.class).orElse(15L));
    }

    /** The same user, job and parameters (defaults filled in; the server's own, as the job XML digest, left out). */
    static String key(String user, EoJob job, Properties p) {
        return user + "\n" + job.id() + "\n" + JobProperties.visible(p);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
