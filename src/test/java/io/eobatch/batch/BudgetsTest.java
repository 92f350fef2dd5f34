package io.eobatch.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eobatch.ledger.Ledger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The {@code budget} parameter's bookkeeping ({@link Budgets}) with a ledger whose spent cost the test sets: reserve
 * up to the budget, refuse and remember the item that would pass it, give back what a failed call reserved, read the
 * spent cost of earlier executions once, and never pass the budget under concurrent partitions.
 */
class BudgetsTest {

    /** A ledger that answers {@link Ledger#spentCost} from a map and counts the reads. */
    private static final class SpentLedger extends Ledger {
        final Map<Long, Double> spent = new ConcurrentHashMap<>();
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public double spentCost(long jobInstanceId) {
            reads.incrementAndGet();
            return spent.getOrDefault(jobInstanceId, 0.0);
        }
    }

    private static Budgets budgets(SpentLedger ledger) {
        Budgets b = new Budgets();
        b.ledger = ledger;
        return b;
    }

    @Test
    void anItemReadAfterTheBudgetRanOutIsRememberedToo() {
        Budgets b = budgets(new SpentLedger());
        assertFalse(b.refuseIfExhausted(1, 200), "no state yet: not out of budget");
        assertTrue(b.reserve(1, 10, 201, 1.0, 1.0));
        assertFalse(b.refuseIfExhausted(1, 202));
        assertFalse(b.refused(1, 202), "an item that goes on is not refused");
        assertFalse(b.reserve(1, 10, 203, 1.0, 0.5));
        assertTrue(b.refuseIfExhausted(1, 204), "another partition's next item");
        assertTrue(b.refused(1, 204), "kept ahead of that partition's checkpoint");
        assertTrue(b.finish(1));
        assertFalse(b.refuseIfExhausted(1, 205), "the execution's state is gone after the decision");
    }

    @Test
    void reservesUntilTheBudgetAndRemembersTheRefusedItem() {
        Budgets b = budgets(new SpentLedger());
        // costs that are exact in binary, so that "exactly the budget" is exact
        assertTrue(b.reserve(1, 10, 101, 1.0, 0.25));
        assertTrue(b.reserve(1, 10, 102, 1.0, 0.25));
        assertTrue(b.reserve(1, 10, 103, 1.0, 0.5), "spent + reserved = the budget exactly is allowed");
        assertFalse(b.exhausted(1));
        assertFalse(b.reserve(1, 10, 104, 1.0, 0.125));
        assertTrue(b.exhausted(1));
        assertTrue(b.refused(1, 104));
        assertFalse(b.refused(1, 103));
        // once out of budget, the execution takes nothing more, even what would fit after a give-back
        b.settle(1, 0.5, false);
        assertFalse(b.reserve(1, 10, 105, 1.0, 0.125));
        assertTrue(b.refused(1, 105));
        // another execution is another state
        assertFalse(b.exhausted(2));
        assertFalse(b.refused(2, 104));
        assertTrue(b.finish(1), "finish says it was out of budget");
        assertFalse(b.exhausted(1), "and forgets it");
    }

    @Test
    void aFailedCallGivesItsReservationBack() {
        Budgets b = budgets(new SpentLedger());
        assertTrue(b.reserve(1, 10, 1, 1.0, 0.5));
        assertTrue(b.reserve(1, 10, 2, 1.0, 0.5));
        b.settle(1, 0.5, false); // item 2's call failed: not charged
        assertTrue(b.reserve(1, 10, 3, 1.0, 0.5), "the given-back 0.5 is free again");
        b.settle(1, 0.5, true); // item 1 charged
        b.settle(1, 0.5, true); // item 3 charged
        assertFalse(b.reserve(1, 10, 4, 1.0, 0.125), "spent 1.0: nothing more");
        assertFalse(b.finish(2), "an unknown execution was not out of budget");
    }

    @Test
    void spentOfEarlierExecutionsIsReadFromTheLedgerOnce() {
        SpentLedger ledger = new SpentLedger();
        ledger.spent.put(10L, 0.75);
        Budgets b = budgets(ledger);
        assertTrue(b.reserve(7, 10, 1, 1.0, 0.125));
        assertTrue(b.reserve(7, 10, 2, 1.0, 0.125));
        b.settle(7, 0.125, true);
        assertFalse(b.reserve(7, 10, 3, 1.0, 0.125), "0.75 spent before + 0.25 now: the budget is used");
        assertEquals(1, ledger.reads.get(), "one read per execution");
        // a restart is a new execution of the instance: it reads again (its ledger now holds more)
        ledger.spent.put(10L, 0.875);
        assertTrue(b.reserve(8, 10, 3, 2.0, 1.125), "restart with a larger budget carries on");
        assertFalse(b.reserve(8, 10, 4, 2.0, 0.125));
        assertEquals(2, ledger.reads.get());
    }

    @Test
    void concurrentReservationsNeverPassTheBudget() throws Exception {
        int threads = 8;
        int perThread = 100;
        double cost = 0.25;
        double budget = 100;
        double spentBefore = 10;
        int fit = (int) ((budget - spentBefore) / cost); // 360 of the 800 tried
        for (int round = 0; round < 20; round++) {
            SpentLedger ledger = new SpentLedger();
            ledger.spent.put(10L, spentBefore);
            Budgets b = budgets(ledger);
            long execution = round;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        start.await();
                        int accepted = 0;
                        for (int i = 0; i < perThread; i++) {
                            if (b.reserve(execution, 10, thread * 1000L + i, budget, cost)) {
                                accepted++;
                                if (i % 2 == 0) {
                                    b.settle(execution, cost, true); // charged; the others stay reserved
                                }
                            }
                        }
                        return accepted;
                    }));
                }
                start.countDown();
                int accepted = 0;
                for (Future<Integer> f : futures) {
                    accepted += f.get(30, TimeUnit.SECONDS);
                }
                assertEquals(fit, accepted, "round " + round + ": exactly what the budget holds, never more");
                assertTrue(b.exhausted(execution), "round " + round);
                assertEquals(1, ledger.reads.get(), "round " + round + ": spent read once, not once per thread");
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
