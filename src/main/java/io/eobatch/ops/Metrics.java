package io.eobatch.ops;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import io.eobatch.batch.JobDefinition;
import io.eobatch.batch.Jobs;
import io.eobatch.ledger.ItemStatus;
import io.eobatch.provider.throttle.ThrottleObserver;
import io.eobatch.provider.throttle.Throttles;

/**
 * eobatch's meters, all of them, on the {@link MeterRegistry} WildFly's micrometer subsystem injects (its Prometheus
 * registry serves them at {@code /metrics} on the management interface; Prometheus names below). The code that does
 * the work calls one method here at the one place each thing happens; nothing else in eobatch names a meter.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>Prometheus name</th><th>tags</th><th>what</th><th>counted at</th></tr>
 *   <tr><td>{@code eobatch_items_total}</td><td>job, status</td><td>items settled in a fetch step with a final
 *       status (DONE, NO_DATA, TOO_CLOUDY, FAILED), counted when their chunk commits: a rolled-back chunk counts
 *       nothing</td><td>{@code LedgerItemWriter}, {@code ItemSkipListener}</td></tr>
 *   <tr><td>{@code eobatch_executions_running}</td><td>job</td><td>executions running in this server</td>
 *       <td>{@code JobLogListener} (before and after each job)</td></tr>
 *   <tr><td>{@code eobatch_provider_calls_total}</td><td>provider, outcome</td><td>HTTP attempts through the
 *       provider throttles; outcome {@code success}, {@code rate_limited} (429), {@code transient_error} (408,
 *       5xx, timeouts, refused connections), {@code error} (other 4xx, malformed answers)</td>
 *       <td>{@code Throttle.call}</td></tr>
 *   <tr><td>{@code eobatch_provider_retries_total}</td><td>provider</td><td>failed attempts tried again</td>
 *       <td>{@code RetryPolicy.run}</td></tr>
 *   <tr><td>{@code eobatch_provider_rate_limited_total}</td><td>provider</td><td>429 answers (as calls that
 *       failed, and those the stac reader read itself)</td><td>{@code Throttle.call}, {@code StacHttpGate}</td></tr>
 *   <tr><td>{@code eobatch_throttle_wait_seconds_total}</td><td>provider</td><td>seconds the calls waited for their
 *       in-flight slot, a Retry-After pause and their rate turn (divided by the calls: the mean wait)</td>
 *       <td>{@code Throttle.call}</td></tr>
 *   <tr><td>{@code eobatch_provider_units_total}</td><td>provider</td><td>processing units charged (successful
 *       calls' costs: Sentinel Hub PU; 0 for providers that count none)</td><td>{@code Throttle.call}</td></tr>
 * </table>
 *
 * <p>Every meter is a counter or a gauge: a Micrometer {@code Timer} registered on WildFly's managed registry (WildFly
 * 39) was not exported (its builder asks the registry's config, which WildFly refuses with WFLYMMTREXT0015), so the
 * throttle's wait is a counter of seconds beside the counter of calls.
 *
 * <p>Items by status are counters at the state change, not a grouped count of the ledger: a scrape costs nothing at
 * 700,000 items. They count what this server settled since it started (Prometheus' {@code increase()} handles the
 * restart); the ledger ({@code GET /api/executions/{id}}) stays the record of an execution's items. Tags are job and
 * provider names only (a handful of series), never an execution id or an account URL.
 */
@ApplicationScoped
public class Metrics implements ThrottleObserver {

    static final String PREFIX = "eobatch.";
    static final String ITEMS = "eobatch.items";
    static final String RUNNING = "eobatch.executions.running";
    static final String CALLS = "eobatch.provider.calls";
    static final String RETRIES = "eobatch.provider.retries";
    static final String RATE_LIMITED = "eobatch.provider.rate.limited";
    static final String WAIT = "eobatch.throttle.wait.seconds";
    static final String UNITS = "eobatch.provider.units";

    @Inject
    MeterRegistry registry;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();

    /** Registers the gauges of every job (0 until one runs) and observes the provider throttles. */
    void start(@Observes Startup startup) {
        for (JobDefinition d : Jobs.DEFINITIONS) {
            running(d.id());
        }
        Throttles.observe(this);
    }

    /**
     * Stops observing and removes eobatch's meters: WildFly's registry outlives the deployment, and a gauge left there
     * would read NaN (its number gone with this bean) and hold the deployment's classes after a redeploy.
     */
    @PreDestroy
    void stop() {
        Throttles.observe(ThrottleObserver.NONE);
        for (Meter m : List.copyOf(registry.getMeters())) {
            if (m.getId().getName().startsWith(PREFIX)) {
                registry.remove(m);
            }
        }
    }

    /**
     * Items of {@code job} written with these statuses in the current transaction (the chunk's): counted when it
     * commits, at once when there is none.
     */
    public void itemsWritten(String job, List<ItemStatus> statuses) {
        Map<ItemStatus, Integer> counts = new EnumMap<>(ItemStatus.class);
        for (ItemStatus s : statuses) {
            counts.merge(s, 1, Integer::sum);
        }
        if (transactions != null && transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        count(job, counts);
                    }
                }
            });
        } else {
            count(job, counts);
        }
    }

    /**
     * An item of {@code job} marked FAILED in a transaction of its own (a skipped item, {@code Ledger.markFailedNow}):
     * counted at once, as the ledger has it whatever becomes of the chunk's transaction.
     */
    public void itemFailedNow(String job) {
        count(job, Map.of(ItemStatus.FAILED, 1));
    }

    private void count(String job, Map<ItemStatus, Integer> counts) {
        counts.forEach((status, n) -> registry.counter(ITEMS, "job", job, "status", status.name()).increment(n));
    }

    /** An execution of {@code job} starts in this server. */
    public void executionStarted(String job) {
        running(job).incrementAndGet();
    }

    /** An execution of {@code job} ends (whatever its status). */
    public void executionEnded(String job) {
        running(job).decrementAndGet();
    }

    private AtomicInteger running(String job) {
        // the registry keeps a weak reference to the number: the map keeps it alive
        return running.computeIfAbsent(job, j -> registry.gauge(RUNNING, Tags.of("job", j), new AtomicInteger()));
    }

    @Override
    public void waited(String provider, long nanos) {
        registry.counter(WAIT, "provider", provider).increment(nanos / 1e9);
    }

    @Override
    public void attempted(String provider, Outcome outcome, double units) {
        registry.counter(CALLS, "provider", provider, "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .increment();
        if (outcome == Outcome.RATE_LIMITED) {
            rateLimited(provider);
        }
        // registered at the first call, 0 or not, so that every provider in use has the series
        Counter spent = registry.counter(UNITS, "provider", provider);
        if (units > 0) {
            spent.increment(units);
        }
    }

    @Override
    public void retried(String provider) {
        registry.counter(RETRIES, "provider", provider).increment();
    }

    @Override
    public void rateLimited(String provider) {
        registry.counter(RATE_LIMITED, "provider", provider).increment();
    }
}
