package io.eobatch.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.eobatch.ledger.Ledger;
import io.eobatch.persistence.TestDatabases;
import io.eobatch.persistence.TestDatabases.Kind;

/**
 * A job instance's budget across nodes ({@link SharedBudgets}, and {@link Budgets} over it), on H2 and on a real
 * PostgreSQL: two "nodes", each with a connection pool of its own, reserve against one budget at once and together
 * never pass it; what the ledger recorded before counts; a dead node's hold is given back when its lease passes.
 */
class SharedBudgetsTest {

    private static final TestDatabases.Nodes NODES = new TestDatabases.Nodes();
    private static final AtomicLong INSTANCES = new AtomicLong(100);

    private static SharedBudgets node(Kind kind, String id, Duration hold) {
        return new SharedBudgets(NODES.pool(kind), id, hold);
    }

    @AfterAll
    static void closePools() {
        NODES.close();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void twoNodesTogetherNeverSpendMoreThanTheBudget(Kind kind) throws Exception {
        long instance = INSTANCES.incrementAndGet();
        List<SharedBudgets> nodes = List.of(node(kind, "a", Duration.ofHours(1)), node(kind, "b", Duration.ofHours(1)));
        double budget = 30;
        double cost = 0.7; // 42 calls fit (29.4), the 43rd would pass (30.1)
        AtomicInteger charged = new AtomicInteger();
        ExecutorService partitions = Executors.newFixedThreadPool(12);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            SharedBudgets node = nodes.get(i % 2);
            long execution = i % 2 + 1; // one execution per node
            done.add(partitions.submit(() -> {
                while (node.reserve(instance, execution, budget, cost, id -> 0).made()) {
                    charged.incrementAndGet(); // the call ran and was charged
                    node.settle(instance, execution, cost, cost);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        partitions.shutdownNow();
        assertEquals(42, charged.get(), "every call that fits, and not one more, across both nodes");
        assertEquals(42 * 0.7, nodes.get(0).spent(instance), 1e-9);
        assertFalse(nodes.get(1).reserve(instance, 3, budget, 0.7, id -> 0).made());
        assertTrue(nodes.get(1).reserve(instance, 3, budget, 0.6, id -> 0).made(), "0.6 is left");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theLedgersSpentCostCountsAndAFailedCallGivesItsReservationBack(Kind kind) {
        long instance = INSTANCES.incrementAndGet();
        SharedBudgets a = node(kind, "a", Duration.ofHours(1));
        SharedBudgets b = node(kind, "b", Duration.ofHours(1));
        AtomicInteger ledgerReads = new AtomicInteger();
        assertTrue(a.reserve(instance, 1, 10, 4, id -> {
            ledgerReads.incrementAndGet();
            return 5; // spent by earlier executions, as the ledger recorded it
        }).made());
        SharedBudgets.Reservation refused = b.reserve(instance, 2, 10, 2, id -> 99);
        assertFalse(refused.made(), "5 spent + 4 reserved + 2 > 10");
        assertEquals(5, refused.spent(), 1e-9);
        assertEquals(4, refused.reserved(), 1e-9);
        a.settle(instance, 1, 4, 0); // the call failed: not charged
        assertTrue(b.reserve(instance, 2, 10, 5, id -> 99).made(), "the 4 were given back");
        assertEquals(1, ledgerReads.get(), "the ledger is read once, by the first node");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aDeadNodesHoldIsGivenBackWhenItsLeasePasses(Kind kind) throws Exception {
        long instance = INSTANCES.incrementAndGet();
        SharedBudgets dead = node(kind, "dead", Duration.ofSeconds(1));
        SharedBudgets alive = node(kind, "alive", Duration.ofHours(1));
        long t0 = System.nanoTime();
        assertTrue(dead.reserve(instance, 1, 30, 25, id -> 0).made()); // then the node dies, never settling
        assertFalse(alive.reserve(instance, 2, 30, 6, id -> 0).made(), "the dead node's 25 still count");
        boolean made = false;
        while (!made && System.nanoTime() - t0 < 10_000_000_000L) { // poll with a deadline
            made = alive.reserve(instance, 2, 30, 25, id -> 0).made();
            if (!made) {
                Thread.sleep(50);
            }
        }
        assertTrue(made, "the dead node's hold was given back");
        assertTrue(System.nanoTime() - t0 >= 900_000_000L, "not before its 1 s lease passed");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aReservationOfAKnownInstanceIsOneTransaction(Kind kind) {
        long instance = INSTANCES.incrementAndGet();
        javax.sql.DataSource pool = NODES.pool(kind);
        AtomicInteger connections = new AtomicInteger();
        javax.sql.DataSource counting = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {javax.sql.DataSource.class}, (proxy, m, args) -> {
                    if (m.getName().equals("getConnection")) {
                        connections.incrementAndGet();
                    }
                    try {
                        return m.invoke(pool, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        SharedBudgets node = new SharedBudgets(counting, "a", Duration.ofHours(1));
        assertTrue(node.reserve(instance, 1, 10, 1, id -> 0).made());
        connections.set(0);
        for (int i = 0; i < 3; i++) {
            assertTrue(node.reserve(instance, 1, 10, 1, id -> 0).made());
        }
        assertEquals(3, connections.get(), "per item, the reservation alone: the instance's row is known");
    }

    @org.junit.jupiter.api.Test
    void aDatabaseThatCannotBeUsedFailsTheReservationNamingTheInstance() {
        org.h2.jdbcx.JdbcDataSource unmigrated = new org.h2.jdbcx.JdbcDataSource(); // no tables of V15
        unmigrated.setURL("jdbc:h2:mem:unmigrated_" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        SharedBudgets broken = new SharedBudgets(unmigrated, "a", Duration.ofHours(1));
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> broken.reserve(7, 1, 10, 1, id -> 0));
        assertTrue(e.getMessage().startsWith("job instance 7: the budget in the database could not be used"),
                e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> broken.settle(7, 1, 1, 1));
        assertTrue(e.getMessage().startsWith("job instance 7: "), e.getMessage());
    }

    /** A ledger that answers {@link Ledger#spentCost} with 0. */
    private static final class EmptyLedger extends Ledger {
        @Override
        public double spentCost(long jobInstanceId) {
            return 0;
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theBudgetsOfTwoNodesStopAtOneBudget(Kind kind) throws Exception {
        long instance = INSTANCES.incrementAndGet();
        List<Budgets> nodes = new ArrayList<>();
        for (String id : List.of("a", "b")) {
            Budgets b = new Budgets();
            b.ledger = new EmptyLedger();
            b.shared = node(kind, id, Duration.ofHours(1));
            nodes.add(b);
        }
        AtomicInteger charged = new AtomicInteger();
        AtomicLong items = new AtomicLong();
        ExecutorService partitions = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Budgets node = nodes.get(i % 2);
            long execution = 10 + i % 2; // a worker execution on each node, of the same job instance
            done.add(partitions.submit(() -> {
                long item;
                while (node.reserve(execution, instance, item = items.incrementAndGet(), 12, 1.5)) {
                    charged.incrementAndGet();
                    node.settle(execution, 1.5, true);
                }
                assertTrue(node.refused(execution, item));
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        partitions.shutdownNow();
        assertEquals(8, charged.get(), "12 / 1.5 calls over both nodes' executions");
        assertTrue(nodes.get(0).finish(10) && nodes.get(1).finish(11), "both executions stop OUT_OF_BUDGET");
    }
}
