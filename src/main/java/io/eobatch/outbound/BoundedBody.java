package io.eobatch.outbound;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The body of one answer, kept up to a limit: fed by the JDK's {@code BodySubscribers.ofByteArrayConsumer} (one call
 * per chunk, then {@code Optional.empty()} at the end). Past the limit, either the body is cut there
 * ({@code truncate}: a range answer that runs on, an error page of which only the start is wanted) or the answer
 * fails with a {@link BodyTooLargeException}; either way {@link #early()} completes, the caller cancels the exchange
 * (the JDK drops the connection) and the chunks still arriving are ignored. {@link #refuse} fails it before any byte
 * (a declared length already too large).
 *
 * <p>Why a consumer of the JDK's and not a {@code BodySubscriber} of our own: the JDK completes the answer of a
 * subscriber it does not know on its executor, a thread hand-off per request that made 16 KiB range reads from 8
 * threads about twice as slow under load (BENCHMARKS.md, "Outbound rules"); its own consumer subscriber completes
 * in place. Why not {@code ofByteArray()}: it has no limit; {@code BodySubscribers.limiting} is JDK 23+.
 */
final class BoundedBody implements Consumer<Optional<byte[]>> {

    private final CompletableFuture<byte[]> early = new CompletableFuture<>();
    private long limit;
    private boolean truncate;
    private String tooLarge;
    private byte[] buffer = new byte[0];
    private int size;
    private volatile boolean done;
    volatile int status;
    volatile HttpHeaders headers;

    /** Told of the answer (status, headers) and its limit, before any chunk. */
    void start(int status, HttpHeaders headers, OutboundHttp.BodyLimit l) {
        this.status = status;
        this.headers = headers;
        if (l.refusal() != null) {
            refuse(l.refusal());
            return;
        }
        this.limit = l.bytes();
        this.truncate = l.truncate();
        this.tooLarge = l.tooLargeMessage();
        long declared = headers.firstValueAsLong("Content-Length").orElse(-1);
        // a body of known length is held once, without growing copies
        this.buffer = new byte[(int) Math.min(limit, declared >= 0 ? declared : 64 * 1024)];
        if (limit == 0 && truncate) {
            finish(true);
        }
    }

    /** Fails at once with {@code failure}, keeping nothing. */
    void refuse(IOException failure) {
        done = true;
        early.completeExceptionally(failure);
    }

    /**
     * Completed when the body is settled before its end: cut at the limit (normally, with the bytes kept) or too
     * large or refused (exceptionally). The exchange is then to be cancelled.
     */
    CompletableFuture<byte[]> early() {
        return early;
    }

    @Override
    public void accept(Optional<byte[]> chunk) {
        if (done || chunk.isEmpty()) {
            return;
        }
        byte[] b = chunk.get();
        long room = limit - size;
        if (b.length > room) {
            if (truncate) {
                append(b, (int) room);
                finish(true);
            } else {
                done = true;
                early.completeExceptionally(new BodyTooLargeException(tooLarge));
            }
            return;
        }
        append(b, b.length);
    }

    private void append(byte[] b, int n) {
        if (size + n > buffer.length) {
            long want = Math.max((long) size + n, Math.min(limit, 2L * Math.max(buffer.length, 8192)));
            buffer = Arrays.copyOf(buffer, (int) Math.min(want, limit));
        }
        System.arraycopy(b, 0, buffer, size, n);
        size += n;
    }

    private void finish(boolean cut) {
        done = true;
        if (cut) {
            early.complete(bytes());
        }
    }

    /** The bytes kept: the buffer itself when it is exactly full. */
    byte[] bytes() {
        return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
    }
}
