package io.eobatch.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.batch.runtime.context.JobContext;

import org.junit.jupiter.api.Test;

import io.eobatch.ledger.Ledger;
import io.eobatch.ledger.WorkItem;

/**
 * {@link LedgerItemProcessor}'s refusal once the execution stopped taking items: no work, and an item the reader had
 * marked IN_FLIGHT is given back to PENDING (no call started), one it had not is left alone.
 */
class LedgerItemProcessorTest {

    private static final long EXECUTION = 9;

    @Test
    void aRefusedItemTheReaderMarkedIsGivenBack() throws Exception {
        List<List<Long>> released = new ArrayList<>();
        Ledger ledger = new Ledger() {
            @Override
            public double spentCost(long jobInstanceId) {
                return 0;
            }

            @Override
            public void release(List<Long> ids) {
                released.add(ids);
            }
        };
        Budgets budgets = new Budgets();
        budgets.ledger = ledger;
        budgets.stop(EXECUTION, 4, 1, "OUT_OF_DISK", "test");
        List<Long> worked = new ArrayList<>();
        LedgerItemProcessor p = new LedgerItemProcessor() {
            @Override
            protected Optional<ItemResult> reconcile(WorkItem item) {
                return Optional.empty();
            }

            @Override
            protected Work work(WorkItem item) {
                worked.add(item.id);
                throw new AssertionError("no work once stopped");
            }
        };
        p.job = (JobContext) Proxy.newProxyInstance(JobContext.class.getClassLoader(),
                new Class<?>[] {JobContext.class}, (proxy, m, args) -> {
                    if (m.getName().equals("getExecutionId")) {
                        return EXECUTION;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        p.ledger = ledger;
        p.budgets = budgets;

        WorkItem marked = item(2, true);
        assertNull(p.processItem(marked));
        assertEquals(List.of(List.of(2L)), released, "marked by the reader: PENDING again");
        assertNull(p.processItem(item(3, false)));
        assertEquals(1, released.size(), "not marked (a budget run): nothing to give back");
        assertEquals(List.of(), worked);
        assertTrue(budgets.refused(EXECUTION, 3), "kept ahead of the reader's checkpoint");
    }

    private static WorkItem item(long id, boolean markedInFlight) {
        WorkItem w = new WorkItem();
        w.id = id;
        w.jobInstanceId = 4;
        w.markedInFlight = markedInFlight;
        return w;
    }
}
