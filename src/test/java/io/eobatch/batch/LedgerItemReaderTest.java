package io.eobatch.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.batch.runtime.context.JobContext;

import org.junit.jupiter.api.Test;

import io.eobatch.ledger.ItemStatus;
import io.eobatch.ledger.Ledger;
import io.eobatch.ledger.WorkItem;

/**
 * {@link LedgerItemReader} without a budget: it marks a chunk's items IN_FLIGHT at once, and when the execution stops
 * taking items (out of disk) it gives back to PENDING the marked items it never gave out, and keeps the refused item
 * ahead of its checkpoint.
 */
class LedgerItemReaderTest {

    private static final long EXECUTION = 7;
    private static final long INSTANCE = 3;

    /** A ledger of items 1..n of partition 0, PENDING, in memory. */
    private static final class MemoryLedger extends Ledger {
        final Map<Long, ItemStatus> status = new LinkedHashMap<>();
        final List<List<Long>> released = new ArrayList<>();

        MemoryLedger(int n) {
            for (long id = 1; id <= n; id++) {
                status.put(id, ItemStatus.PENDING);
            }
        }

        @Override
        public List<Long> unfinishedIds(long jobInstanceId, int partition, long afterId) {
            return status.entrySet().stream().filter(e -> e.getKey() > afterId && TO_DO.contains(e.getValue()))
                    .map(Map.Entry::getKey).toList();
        }

        @Override
        public void markInFlight(List<Long> ids, long executionId) {
            ids.forEach(id -> status.put(id, ItemStatus.IN_FLIGHT));
        }

        @Override
        public List<WorkItem> find(List<Long> ids) {
            return ids.stream().map(id -> {
                WorkItem w = new WorkItem();
                w.id = id;
                w.jobInstanceId = INSTANCE;
                w.status = status.get(id);
                return w;
            }).toList();
        }

        @Override
        public double spentCost(long jobInstanceId) {
            return 0;
        }

        @Override
        public void release(List<Long> ids) {
            released.add(List.copyOf(ids));
            ids.forEach(id -> status.replace(id, ItemStatus.IN_FLIGHT, ItemStatus.PENDING));
        }
    }

    private static JobContext job(Properties parameters) {
        return (JobContext) Proxy.newProxyInstance(JobContext.class.getClassLoader(), new Class<?>[] {JobContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getExecutionId" -> EXECUTION;
                    case "getInstanceId" -> INSTANCE;
                    case "getProperties" -> parameters;
                    case "getJobName" -> "aoi-statistics";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static LedgerItemReader reader(MemoryLedger ledger, Budgets budgets) {
        Properties p = new Properties();
        p.setProperty("chunkSize", "4");
        LedgerItemReader r = new LedgerItemReader();
        r.partition = "0";
        r.job = job(p);
        r.ledger = ledger;
        r.budgets = budgets;
        return r;
    }

    @Test
    void aStopGivesTheMarkedItemsNotGivenOutBackToPending() {
        MemoryLedger ledger = new MemoryLedger(6);
        Budgets budgets = new Budgets();
        budgets.ledger = ledger;
        LedgerItemReader r = reader(ledger, budgets);
        r.open(null);
        assertEquals(1L, r.readItem().id);
        assertEquals(2L, r.readItem().id);
        assertEquals(List.of(ItemStatus.IN_FLIGHT, ItemStatus.IN_FLIGHT, ItemStatus.IN_FLIGHT, ItemStatus.IN_FLIGHT,
                ItemStatus.PENDING, ItemStatus.PENDING), List.copyOf(ledger.status.values()), "a chunk marked at once");
        // the processor refuses item 2 (the disk is low) and gives it back itself
        budgets.stop(EXECUTION, INSTANCE, 2, "OUT_OF_DISK", "test");
        ledger.release(List.of(2L));
        assertNull(r.readItem(), "no more reads once stopped");
        assertEquals(List.of(List.of(2L), List.of(3L, 4L)), ledger.released, "the chunk's items never given out");
        assertEquals(1L, r.checkpointInfo(), "the refused item stays ahead of the checkpoint");
        assertEquals(List.of(ItemStatus.IN_FLIGHT, ItemStatus.PENDING, ItemStatus.PENDING, ItemStatus.PENDING,
                ItemStatus.PENDING, ItemStatus.PENDING), List.copyOf(ledger.status.values()),
                "only the item worked on is IN_FLIGHT (its chunk writes it)");
        assertNull(r.readItem());
        assertEquals(2, ledger.released.size(), "given back once");
    }
}
