package io.eobatch.provider.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.eobatch.provider.throttle.Windows.Start;

/** The limiter alone, single-threaded: callers arrive at random times and reserve; starts are then checked. */
class WindowLimiterTest {

    private static final long S = 1_000_000_000L;

    @Test
    void requestsArePacedNotBurstAtTheTopOfTheMinute() {
        WindowLimiter l = new WindowLimiter(600, Duration.ofMinutes(1), 0);
        List<Start> starts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) { // 1000 callers all at t = 0
            long t = l.earliest(0, 1);
            l.commit(0, t, 1);
            starts.add(new Start(t, 1));
        }
        assertEquals(100_000_000L, Windows.minGap(starts), "one start every 100 ms");
        assertEquals(600, Windows.maxInAnyWindow(starts, 60 * S));
        assertEquals(10, Windows.maxInAnyWindow(starts, S), "10 per second, not 600 in the first one");
    }

    @Test
    void randomArrivalsWithRandomCostsNeverPassTheBudgetInAnyWindow() {
        Random random = new Random(7);
        WindowLimiter l = new WindowLimiter(10, Duration.ofMinutes(1), 0);
        double[] costs = {0.01, 0.5, 1, 2.5, 4, 9.9};
        List<Start> starts = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < 2000; i++) {
            now += (long) (-Math.log(1 - random.nextDouble()) * (random.nextInt(10) == 0 ? 300 : 3) * S);
            double c = costs[random.nextInt(costs.length)];
            long t = l.earliest(now, c);
            assertTrue(t >= now);
            l.commit(now, t, c);
            starts.add(new Start(t, c));
        }
        starts.sort(Comparator.comparingLong(Start::at));
        double max = Windows.maxInAnyWindow(starts, 60 * S);
        assertTrue(max <= 10 + 1e-9, "at most 10 units in any minute, saw " + max);
        assertTrue(max > 9, "the budget is used, saw at most " + max);
    }

    @Test
    void headroomStretchesTheWindow() {
        WindowLimiter l = new WindowLimiter(60, Duration.ofMinutes(1), 0.01);
        assertEquals(Math.round(60.6 * S), l.window());
        long t0 = l.earliest(0, 1);
        l.commit(0, t0, 1);
        assertEquals(Math.round(1.01 * S), l.earliest(0, 1));
    }

    @Test
    void aCostAboveTheLimitIsRefused() {
        WindowLimiter l = new WindowLimiter(10, Duration.ofMinutes(1), 0);
        assertThrows(IllegalArgumentException.class, () -> l.earliest(0, 10.5));
    }
}
