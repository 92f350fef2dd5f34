package io.eobatch.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A stream's bounds: the offering thread never waits, a client that does not read is dropped. */
class SubscriberTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** A sink whose sends never complete (a client that stopped reading) or complete at once. */
    static final class TestSink implements Subscriber.Sink {
        final boolean stuck;
        final List<Long> sent = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        TestSink(boolean stuck) {
            this.stuck = stuck;
        }

        @Override
        public CompletionStage<?> send(ExecutionEvent event) {
            sent.add(event.id());
            return stuck ? new CompletableFuture<>() : CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }
    }

    @Test
    void aClientThatKeepsUpGetsEveryEventInOrder() throws Exception {
        TestSink sink = new TestSink(false);
        Subscriber s = new Subscriber(sink, 0, 4, executor, 1000);
        for (long i = 1; i <= 100; i++) {
            s.offer(new ExecutionEvent(i, "progress", 1, "{}"));
            if (i % 3 == 0) {
                awaitDrained(s);
            }
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (sink.sent.size() < 100 && System.currentTimeMillis() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(100, sink.sent.size());
        assertEquals(java.util.stream.LongStream.rangeClosed(1, 100).boxed().toList(), sink.sent);
        assertFalse(s.isClosed());
    }

    @Test
    void aClientThatStopsReadingIsClosedWithoutTheOffererWaiting() {
        TestSink sink = new TestSink(true);
        Subscriber s = new Subscriber(sink, 0, 8, executor, 60_000);
        // the loop ends although the client never reads: offer never waits for a send
        for (long i = 1; i <= 1000; i++) {
            s.offer(new ExecutionEvent(i, "progress", 1, "{}"));
        }
        assertTrue(s.isClosed(), "closed once its queue was full");
        assertTrue(sink.closed);
        assertEquals(0, s.waiting(), "its events are dropped, not held");
        assertTrue(s.closedBecause().contains("too slow"), s.closedBecause());
        assertTrue(sink.sent.size() <= 1, "one send began (and never completed), no more: " + sink.sent);
    }

    @Test
    void aSendSlowerThanTheTimeoutClosesTheStream() throws Exception {
        TestSink sink = new TestSink(true);
        Subscriber s = new Subscriber(sink, 0, 8, executor, 50);
        s.offer(new ExecutionEvent(1, "progress", 1, "{}"));
        long deadline = System.currentTimeMillis() + 10_000;
        while (!s.isClosed() && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(s.isClosed());
        assertTrue(s.closedBecause().contains("took over 50 ms"), s.closedBecause());
    }

    @Test
    void aStreamOfOneExecutionWantsItsEventsAndTheServersOwn() {
        Subscriber s = new Subscriber(new TestSink(false), 7, 4, executor, 1000);
        assertTrue(s.wants(new ExecutionEvent(1, "progress", 7, "{}")));
        assertFalse(s.wants(new ExecutionEvent(2, "progress", 8, "{}")));
        assertTrue(s.wants(new ExecutionEvent(-1, null, 0, null)), "keep-alive");
    }

    private static void awaitDrained(Subscriber s) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (s.waiting() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(1);
        }
    }
}
