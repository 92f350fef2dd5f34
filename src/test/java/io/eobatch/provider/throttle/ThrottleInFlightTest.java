package io.eobatch.provider.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

/** In-flight limit on the real clock: latches, no sleeps. */
class ThrottleInFlightTest {

    private static ThrottleSettings unlimitedRate(int n) {
        return ThrottleSettings.defaults("test").withMaxInFlight(n).withRequestsPerMinute(0);
    }

    /** Spins (no sleep) until the condition holds or 10 s pass. */
    private static void awaitTrue(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void neverMoreThanNInFlightUnder50Threads() throws Exception {
        Throttle throttle = new Throttle("inflight", unlimitedRate(8));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch firstEight = new CountDownLatch(8);
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 50; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        throttle.call(0, () -> {
                            max.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            calls.incrementAndGet();
                            firstEight.countDown();
                            try {
                                if (!gate.await(20, TimeUnit.SECONDS)) {
                                    throw new AssertionError("gate never opened");
                                }
                                Thread.yield();
                            } finally {
                                inside.decrementAndGet();
                            }
                            return null;
                        });
                    }
                    return null;
                }));
            }
            assertTrue(firstEight.await(10, TimeUnit.SECONDS));
            awaitTrue("42 callers queued", () -> throttle.stats().waiting() == 42);
            assertEquals(8, inside.get(), "8 running, the other 42 wait");
            assertEquals(8, throttle.stats().running());
            gate.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2000, calls.get());
        assertEquals(8, max.get(), "never more than N in flight");
        assertEquals(8, throttle.stats().maxRunning());
        assertEquals(2000, throttle.stats().succeeded());
    }

    @Test
    void anInterruptedWaiterGivesItsPlaceBack() throws Exception {
        Throttle throttle = new Throttle("interrupt", unlimitedRate(1));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            try {
                throttle.call(0, () -> {
                    holding.countDown();
                    return release.await(10, TimeUnit.SECONDS);
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        holder.start();
        assertTrue(holding.await(10, TimeUnit.SECONDS));
        AtomicReference<Throwable> waiterOutcome = new AtomicReference<>();
        CountDownLatch waiterDone = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try {
                throttle.call(0, () -> "never");
            } catch (Throwable e) {
                waiterOutcome.set(e);
            } finally {
                waiterDone.countDown();
            }
        });
        waiter.start();
        awaitTrue("the waiter queued", () -> throttle.stats().waiting() == 1);
        waiter.interrupt();
        assertTrue(waiterDone.await(10, TimeUnit.SECONDS));
        assertInstanceOf(InterruptedException.class, waiterOutcome.get());
        release.countDown();
        holder.join(10_000);
        assertEquals("after", throttle.call(0, () -> "after"), "the slot came back");
        assertEquals(2, throttle.stats().started());
    }

    @Test
    void noSlotWithinMaxWaitFailsWithAClearMessage() throws Exception {
        Throttle throttle = new Throttle("busy", unlimitedRate(1).withMaxWait(Duration.ZERO));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            try {
                throttle.call(0, () -> {
                    holding.countDown();
                    return release.await(10, TimeUnit.SECONDS);
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        holder.start();
        assertTrue(holding.await(10, TimeUnit.SECONDS));
        try {
            var e = assertThrows(ThrottleTimeoutException.class, () -> throttle.call(0, () -> "x"));
            assertTrue(e.getMessage().startsWith("busy: waited 0.0 s"), e.getMessage());
            assertTrue(e.getMessage().contains("eobatch.provider.test.max-in-flight"), e.getMessage());
        } finally {
            release.countDown();
            holder.join(10_000);
        }
    }

    @Test
    void exceptionsOfTheCallComeOutUnchangedAndAreCounted() {
        Throttle throttle = new Throttle("fails", unlimitedRate(2));
        IllegalStateException boom = new IllegalStateException("boom");
        assertSame(boom, assertThrows(IllegalStateException.class, () -> throttle.call(1, () -> {
            throw boom;
        })));
        assertEquals(1, throttle.stats().failed());
        assertEquals(0.0, throttle.stats().unitsSpent(), "no units charged for a failed call");
    }

    @Test
    void oneThrottlePerAccountKey() throws Exception {
        ThrottleSettings s = unlimitedRate(3);
        try {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<Throttle>> got = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < 64; i++) {
                got.add(pool.submit(() -> {
                    go.await();
                    return Throttles.forAccount("acct-a", s);
                }));
            }
            go.countDown();
            Throttle first = got.get(0).get(10, TimeUnit.SECONDS);
            for (Future<Throttle> f : got) {
                assertSame(first, f.get(10, TimeUnit.SECONDS));
            }
            pool.shutdown();
            assertSame(first, Throttles.forAccount("acct-a", s.withMaxInFlight(5)), "first settings win");
            assertEquals(3, first.settings().maxInFlight());
            assertTrue(first != Throttles.forAccount("acct-b", s));
        } finally {
            Throttles.forget("acct-a");
            Throttles.forget("acct-b");
        }
    }
}
