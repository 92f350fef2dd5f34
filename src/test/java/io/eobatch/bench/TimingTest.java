package io.eobatch.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

class TimingTest {

    @Test
    void everyOperationRunsOnceSpreadOverTheThreadsEachWithItsOwnOp() throws Exception {
        AtomicIntegerArray runs = new AtomicIntegerArray(10);
        AtomicInteger ops = new AtomicInteger();
        double us = Timing.microsPerOp(3, 10, () -> {
            ops.incrementAndGet();
            return i -> runs.incrementAndGet(i);
        });
        for (int i = 0; i < 10; i++) {
            assertEquals(1, runs.get(i), "operation " + i);
        }
        assertEquals(3, ops.get());
        assertTrue(us > 0);
    }

    @Test
    void anOperationThatThrowsFailsTheRound() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> Timing.microsPerOp(2, 4, () -> i -> {
            if (i == 3) {
                throw new IllegalStateException("read 7 bytes, not 16384");
            }
            return i;
        }));
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void alternatingWarmsUpEachOnceThenTakesTheMedians() throws Exception {
        List<String> order = new ArrayList<>();
        double[] a = {9, 1, 5, 3};
        double[] b = {0, 20, 40, 30};
        AtomicInteger na = new AtomicInteger();
        AtomicInteger nb = new AtomicInteger();
        double[] m = Timing.alternating(3, () -> {
            order.add("a");
            return a[na.getAndIncrement()];
        }, () -> {
            order.add("b");
            return b[nb.getAndIncrement()];
        });
        assertEquals(List.of("a", "b", "a", "b", "a", "b", "a", "b"), order);
        assertArrayEquals(new double[] {3, 30}, m); // warm-ups 9 and 0 left out
    }

    @Test
    void medianOfAnEvenCountIsTheUpperMiddle() {
        assertEquals(3, Timing.median(new double[] {4, 1, 3, 2}));
        assertEquals(2, Timing.median(new double[] {2}));
    }
}
