package io.eobatch.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.eobatch.persistence.TestDatabases;
import io.eobatch.persistence.TestDatabases.Kind;

/**
 * Two nodes (connection pools of their own on one embedded PostgreSQL) look up or register the same name at once
 * under {@link ClusterLocks}: the second waits for the first's lock, then finds what the first registered, so the
 * name is registered once; another name is not held up.
 */
class ClusterLocksTest {

    private static final TestDatabases.Nodes NODES = new TestDatabases.Nodes();

    @AfterAll
    static void close() {
        NODES.close();
    }

    @Test
    void theSecondNodeWaitsForTheFirstAndFindsItsRegistration() throws Exception {
        DataSource a = NODES.pool(Kind.POSTGRESQL);
        DataSource b = NODES.pool(Kind.POSTGRESQL);
        List<String> registered = new CopyOnWriteArrayList<>();
        CountDownLatch aHolds = new CountDownLatch(1);
        CountDownLatch bWaits = new CountDownLatch(1);
        CompletableFuture<String> byA = CompletableFuture.supplyAsync(() -> ClusterLocks.acrossNodes(a, "geom:field-1",
                () -> {
                    aHolds.countDown();
                    await(bWaits); // B asks for the lock while A holds it
                    registered.add("field-1");
                    return "id-from-a";
                }));
        assertEquals(true, aHolds.await(60, TimeUnit.SECONDS));
        CompletableFuture<String> byB = CompletableFuture.supplyAsync(() -> ClusterLocks.acrossNodes(b, "geom:field-1",
                () -> registered.contains("field-1") ? "found " + registered.size() : "registered again"));
        waitForAdvisoryLockWaiters(a, 1, Duration.ofSeconds(60));
        assertEquals(false, byB.isDone(), "B waits for A's lock");
        assertEquals("other", ClusterLocks.acrossNodes(b, "geom:field-2", () -> "other"), "another name is free");
        bWaits.countDown();
        assertEquals("id-from-a", byA.get(60, TimeUnit.SECONDS));
        assertEquals("found 1", byB.get(60, TimeUnit.SECONDS), "B found A's registration: one in all");
    }

    @Test
    void keysHaveDistinctLockIds() {
        assertNotEquals(ClusterLocks.lockId("observearth-geometry:a"), ClusterLocks.lockId("observearth-geometry:b"));
        assertEquals(ClusterLocks.lockId("k"), ClusterLocks.lockId("k"));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls pg_locks (every 5 ms, with a deadline) until {@code n} sessions wait for an advisory lock. */
    private static void waitForAdvisoryLockWaiters(DataSource ds, int n, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select count(*) from pg_locks where locktype = 'advisory' "
                            + "and not granted")) {
                rs.next();
                if (rs.getInt(1) >= n) {
                    return;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no session waits for the advisory lock after " + timeout);
            }
            Thread.sleep(5);
        }
    }
}
