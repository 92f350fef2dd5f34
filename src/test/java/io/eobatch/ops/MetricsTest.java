package io.eobatch.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.eobatch.ledger.ItemStatus;
import io.eobatch.provider.throttle.ThrottleObserver.Outcome;

/** The meters that {@link Metrics} keeps, on a simple registry (no transaction: counted at once). */
class MetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Metrics metrics = new Metrics();

    @BeforeEach
    void setUp() {
        metrics.registry = registry;
    }

    private double counter(String name, String... tags) {
        var c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void itemsByStatusPerJob() {
        metrics.itemsWritten("aoi-statistics", List.of(ItemStatus.DONE, ItemStatus.DONE, ItemStatus.FAILED));
        metrics.itemsWritten("aoi-statistics", List.of(ItemStatus.DONE));
        metrics.itemsWritten("aoi-timelapse", List.of(ItemStatus.NO_DATA));
        assertEquals(3, counter(Metrics.ITEMS, "job", "aoi-statistics", "status", "DONE"));
        assertEquals(1, counter(Metrics.ITEMS, "job", "aoi-statistics", "status", "FAILED"));
        assertEquals(1, counter(Metrics.ITEMS, "job", "aoi-timelapse", "status", "NO_DATA"));
        assertEquals(0, counter(Metrics.ITEMS, "job", "aoi-timelapse", "status", "DONE"));
    }

    @Test
    void itemsOfATransactionCountWhenItCommitsAndAFailureMarkedOnItsOwnAtOnce() {
        List<Synchronization> registered = new ArrayList<>();
        metrics.transactions = (TransactionSynchronizationRegistry) Proxy.newProxyInstance(
                TransactionSynchronizationRegistry.class.getClassLoader(),
                new Class<?>[] {TransactionSynchronizationRegistry.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getTransactionStatus" -> Status.STATUS_ACTIVE;
                    case "registerInterposedSynchronization" -> registered.add((Synchronization) args[0]);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        metrics.itemsWritten("aoi-statistics", List.of(ItemStatus.DONE, ItemStatus.DONE));
        metrics.itemsWritten("aoi-statistics", List.of(ItemStatus.NO_DATA));
        metrics.itemFailedNow("aoi-statistics");
        assertEquals(0, counter(Metrics.ITEMS, "job", "aoi-statistics", "status", "DONE"), "not before the commit");
        assertEquals(1, counter(Metrics.ITEMS, "job", "aoi-statistics", "status", "FAILED"),
                "committed already in its own transaction");
        registered.get(0).afterCompletion(Status.STATUS_COMMITTED);
        registered.get(1).afterCompletion(Status.STATUS_ROLLEDBACK);
        assertEquals(2, counter(Metrics.ITEMS, "job", "aoi-statistics", "status", "DONE"));
        assertEquals(0, counter(Metrics.ITEMS, "job", "aoi-statistics", "status", "NO_DATA"), "rolled back: none");
    }

    @Test
    void runningExecutionsPerJob() {
        metrics.executionStarted("tiled-composite");
        metrics.executionStarted("tiled-composite");
        metrics.executionEnded("tiled-composite");
        assertEquals(1, registry.find(Metrics.RUNNING).tag("job", "tiled-composite").gauge().value());
        metrics.executionEnded("tiled-composite");
        assertEquals(0, registry.find(Metrics.RUNNING).tag("job", "tiled-composite").gauge().value());
    }

    @Test
    void providerCallsRetriesRateLimitsWaitAndUnits() {
        metrics.waited("sentinel-hub", TimeUnit.MILLISECONDS.toNanos(0));
        metrics.attempted("sentinel-hub", Outcome.RATE_LIMITED, 0);
        metrics.retried("sentinel-hub");
        metrics.waited("sentinel-hub", TimeUnit.MILLISECONDS.toNanos(1500));
        metrics.attempted("sentinel-hub", Outcome.SUCCESS, 2.5);
        metrics.attempted("stac", Outcome.TRANSIENT_ERROR, 0);
        metrics.rateLimited("stac");
        assertEquals(1, counter(Metrics.CALLS, "provider", "sentinel-hub", "outcome", "rate_limited"));
        assertEquals(1, counter(Metrics.CALLS, "provider", "sentinel-hub", "outcome", "success"));
        assertEquals(1, counter(Metrics.CALLS, "provider", "stac", "outcome", "transient_error"));
        assertEquals(1, counter(Metrics.RETRIES, "provider", "sentinel-hub"));
        assertEquals(1, counter(Metrics.RATE_LIMITED, "provider", "sentinel-hub"));
        assertEquals(1, counter(Metrics.RATE_LIMITED, "provider", "stac"));
        assertEquals(2.5, counter(Metrics.UNITS, "provider", "sentinel-hub"));
        assertEquals(0, counter(Metrics.UNITS, "provider", "stac"));
        assertEquals(1.5, counter(Metrics.WAIT, "provider", "sentinel-hub"), 1e-9);
    }

    @Test
    void stopRemovesEobatchsMetersOnly() {
        registry.counter("other.meter").increment();
        metrics.executionStarted("aoi-statistics");
        metrics.attempted("stac", Outcome.SUCCESS, 0);
        metrics.stop();
        assertEquals(List.of("other.meter"), registry.getMeters().stream().map(m -> m.getId().getName()).toList());
    }
}
