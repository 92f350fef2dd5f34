package io.eobatch.outbound;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A body subscriber that keeps at most {@code limit} bytes: past it, either the body is cut there and the connection
 * dropped ({@code truncate}: a range answer that runs on, an error page of which only the start is wanted), or the
 * whole answer fails with a {@link BodyTooLargeException} ({@code tooLarge} is its message) and the connection is
 * dropped. {@link #failing} refuses a body before reading any of it (its declared length is already too large).
 *
 * <p>Why not the JDK's {@code BodySubscribers.ofByteArray()}: it has no limit and reads whatever the server sends;
 * {@code BodySubscribers.limiting} (JDK 23+) is not in Java 17.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final long limit;
    private final boolean truncate;
    private final String tooLarge;
    private final IOException failure;
    private byte[] buffer;
    private int size;
    private Flow.Subscription subscription;
    private boolean done;

    private BoundedBody(long limit, boolean truncate, String tooLarge, IOException failure) {
        this.limit = limit;
        this.buffer = new byte[(int) Math.min(limit, 64 * 1024)];
        this.truncate = truncate;
        this.tooLarge = tooLarge;
        this.failure = failure;
    }

    /**
     * Sizes the buffer for a body of {@code declared} bytes ({@code Content-Length}; negative: unknown), so that a
     * body of known length is held once, without growing copies.
     */
    BoundedBody expecting(long declared) {
        if (declared > buffer.length && failure == null) {
            buffer = new byte[(int) Math.min(declared, limit)];
        }
        return this;
    }

    /** Keeps the first {@code limit} bytes and drops the connection after them. */
    static BoundedBody truncating(long limit) {
        return new BoundedBody(limit, true, null, null);
    }

    /** Fails with {@code message} when the body passes {@code limit} bytes. */
    static BoundedBody limited(long limit, String message) {
        return new BoundedBody(limit, false, message, null);
    }

    /** Fails at once with {@code failure}, reading nothing. */
    static BoundedBody failing(IOException failure) {
        return new BoundedBody(0, false, null, failure);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (failure != null) {
            done = true;
            s.cancel();
            result.completeExceptionally(failure);
        } else if (limit == 0 && truncate) {
            done = true;
            s.cancel();
            result.complete(new byte[0]);
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (done) {
            return;
        }
        for (ByteBuffer b : items) {
            int n = b.remaining();
            long room = limit - size;
            if (n > room) {
                done = true;
                subscription.cancel();
                if (truncate) {
                    ensure((int) room);
                    b.get(buffer, size, (int) room);
                    size += (int) room;
                    result.complete(bytes());
                } else {
                    result.completeExceptionally(new BodyTooLargeException(tooLarge));
                }
                return;
            }
            ensure(n);
            b.get(buffer, size, n);
            size += n;
        }
    }

    /** Room for {@code n} more bytes (doubling, at most the limit). */
    private void ensure(int n) {
        if (size + n > buffer.length) {
            long want = Math.max((long) size + n, Math.min(limit, 2L * buffer.length));
            buffer = Arrays.copyOf(buffer, (int) Math.min(want, limit));
        }
    }

    /** The bytes received: the buffer itself when it is exactly full. */
    private byte[] bytes() {
        return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
    }

    @Override
    public void onError(Throwable t) {
        if (!done) {
            done = true;
            result.completeExceptionally(t);
        }
    }

    @Override
    public void onComplete() {
        if (!done) {
            done = true;
            result.complete(bytes());
        }
    }
}
