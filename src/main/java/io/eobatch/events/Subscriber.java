package io.eobatch.events;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open event stream: a bounded queue of the events still to send to it, drained by one task at a time on an
 * executor, never by the thread that offers. The broadcaster's {@link #offer} never waits: when the queue is full
 * (the client reads slower than events come) or a send takes longer than the send timeout, the stream is closed and
 * forgotten, so a slow client holds at most {@code capacity} events and, for at most the send timeout, one thread of
 * the executor; the client can reconnect with {@code Last-Event-ID}.
 */
public final class Subscriber {

    private static final Logger LOG = Logger.getLogger(Subscriber.class.getName());

    /** Where the events go: an {@code SseEventSink} in the server, a stand-in in the tests. */
    public interface Sink {
        /** Sends one event ({@code type == null}: a comment, the keep-alive); completes when written. */
        CompletionStage<?> send(ExecutionEvent event);

        void close();

        boolean isClosed();
    }

    private final Sink sink;
    private final long execution;
    private final BlockingQueue<ExecutionEvent> queue;
    private final Executor executor;
    private final long sendTimeoutMillis;
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean closed;
    private volatile String closedBecause;

    /**
     * A stream of the events of {@code execution} (0: of every execution) to {@code sink}, at most {@code capacity}
     * of them waiting, sent on {@code executor}, each within {@code sendTimeoutMillis}.
     */
    public Subscriber(Sink sink, long execution, int capacity, Executor executor, long sendTimeoutMillis) {
        this.sink = sink;
        this.execution = execution;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.executor = executor;
        this.sendTimeoutMillis = sendTimeoutMillis;
    }

    /** Whether this stream wants {@code e} (a keep-alive and a reset go to every stream). */
    public boolean wants(ExecutionEvent e) {
        return execution == 0 || e.execution() == 0 || e.execution() == execution;
    }

    /** Queues {@code e} for sending without waiting; closes the stream when its queue is full. */
    public void offer(ExecutionEvent e) {
        if (closed) {
            return;
        }
        if (!queue.offer(e)) {
            close("its client is too slow: " + queue.size() + " events waiting");
            return;
        }
        if (draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RuntimeException rejected) {
                draining.set(false);
                close("no thread to send on: " + rejected);
            }
        }
    }

    private void drain() {
        try {
            ExecutionEvent e;
            while (!closed && (e = queue.poll()) != null) {
                try {
                    sink.send(e).toCompletableFuture().get(sendTimeoutMillis, TimeUnit.MILLISECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    close("interrupted");
                } catch (Exception failed) {
                    close("a send failed or took over " + sendTimeoutMillis + " ms: " + failed);
                }
            }
        } finally {
            draining.set(false);
        }
        // an offer that came between the last poll and the reset above found draining still set: go on for it
        if (!closed && !queue.isEmpty() && draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RuntimeException rejected) {
                draining.set(false);
                close("no thread to send on: " + rejected);
            }
        }
    }

    /** Closes the stream (idempotent) and drops what it had not sent. */
    public void close(String why) {
        if (closed) {
            return;
        }
        closed = true;
        closedBecause = why;
        queue.clear();
        try {
            sink.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "closing an event stream", e);
        }
        LOG.fine(() -> "event stream closed: " + why);
    }

    /** Whether the stream is closed, by us or by its client. */
    public boolean isClosed() {
        return closed || sink.isClosed();
    }

    /** Why we closed it, or null. */
    public String closedBecause() {
        return closedBecause;
    }

    /** Events waiting to be sent. */
    public int waiting() {
        return queue.size();
    }
}
