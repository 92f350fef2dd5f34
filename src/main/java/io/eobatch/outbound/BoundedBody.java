package io.eobatch.outbound;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The body of one answer, kept up to a limit: fed by the JDK's {@code BodySubscribers.ofByteArrayConsumer} (one call
 * per chunk, then {@code Optional.empty()} at the end). {@link #result()} completes, on the thread that delivers
 * the body, with the bytes at the end of the body; or before it: cut at the limit ({@code truncate}: a range answer
 * that runs on, an error page of which only the start is wanted), or failed with a {@link BodyTooLargeException}
 * past the limit, or refused before any byte ({@link #refuse}: a declared length already too large), or failed with
 * the exchange's own failure ({@link #fail}). When it ends before the body does ({@link #cut()}), the caller cancels
 * the exchange (the JDK drops the connection) and the chunks still arriving are ignored.
 *
 * <p>Why the caller waits for this future and not for the JDK's: the answer future of {@code sendAsync} completes
 * its dependants on the common fork-join pool (one thread on two cores), a thread hand-off per request; and a body
 * subscriber of our own would be completed on the client's executor, another one. The JDK's consumer subscriber calls
 * us in place. (What the rules cost a range read could not be measured on the loaded machine they were written on:
 * BENCHMARKS.md, "Outbound rules".) Why not {@code ofByteArray()}: it has no limit; {@code BodySubscribers.limiting} is
 * JDK 23+.
 */
final class BoundedBody implements Consumer<Optional<byte[]>> {

    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private volatile boolean cut;
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
        cut = true;
        result.completeExceptionally(failure);
    }

    /** The exchange failed ({@code sendAsync}'s own failure: refused connection, reset, ...). */
    void fail(Throwable t) {
        done = true;
        result.completeExceptionally(t);
    }

    /** The bytes kept, when the body ended, was cut, or failed (see the class comment). */
    CompletableFuture<byte[]> result() {
        return result;
    }

    /** Whether the body was settled before its end (cut, too large, refused): the exchange is to be cancelled. */
    boolean cut() {
        return cut;
    }

    @Override
    public void accept(Optional<byte[]> chunk) {
        if (done) {
            return;
        }
        if (chunk.isEmpty()) {
            done = true;
            result.complete(bytes());
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
                cut = true;
                result.completeExceptionally(new BodyTooLargeException(tooLarge));
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

    private void finish(boolean early) {
        done = true;
        cut = early;
        result.complete(bytes());
    }

    /** The bytes kept: the buffer itself when it is exactly full. */
    private byte[] bytes() {
        return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
    }
}
