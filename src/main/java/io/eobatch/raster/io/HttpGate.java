package io.eobatch.raster.io;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Objects;

/**
 * What every HTTP request of the STAC client ({@code io.eobatch.stac}) and of {@link HttpRangeByteSource} passes
 * through before it is sent: a hook where the application puts the limits of the account that serves the URL (at
 * most N requests in flight, R per minute, the server's {@code Retry-After} pauses), without this low-level code
 * knowing about providers, throttles or CDI.
 *
 * <p>{@link #DIRECT} (the default) runs the request at once, so raster and STAC code works as it is in unit tests
 * and benchmarks. The application replaces it at start-up with {@link #install} (see
 * {@code io.eobatch.provider.stac.StacHttpGate}). {@code file:} URLs never come here.
 *
 * <p>Contract for the callers: one {@link #send} per HTTP attempt (no retry inside: a failure comes out as it
 * was), the exchange covering the request <em>and</em> the reading of its body, so that a slot is held for as long
 * as the connection carries the answer; and a call of {@link #answered} with the status and headers of every
 * answer, inside the exchange, so that a {@code Retry-After} pauses the account before the slot is given back.
 *
 * <p>A functional interface whose method is generic: implement it with a class or a method reference
 * ({@code HttpGate g = MyGates::passThrough}), not with a lambda.
 */
@FunctionalInterface
public interface HttpGate {

    /** Runs every exchange at once, on the caller's thread: no limit, no added latency. */
    HttpGate DIRECT = HttpGate::direct;

    /**
     * Runs {@code exchange} (one HTTP request to {@code uri} and the reading of its answer) when the limits of the
     * account serving {@code uri} allow it, on the caller's thread, and returns its value. Exceptions of the
     * exchange come out unchanged.
     *
     * @throws IOException          also when the gate refuses to wait any longer (the account is too busy); the
     *                              gate's own reason is then in the cause chain
     * @throws InterruptedException when the thread is interrupted while it waits
     */
    <T> T send(URI uri, Exchange<T> exchange) throws IOException, InterruptedException;

    /**
     * Told of every answer (status and headers, before the body is read) by the exchange that got it; a gate may
     * honour {@code Retry-After} here. Does nothing by default.
     */
    default void answered(URI uri, int status, HttpHeaders headers) {
    }

    /** One HTTP attempt: send the request, read the answer. */
    @FunctionalInterface
    interface Exchange<T> {
        T run() throws IOException, InterruptedException;
    }

    /** The gate in force (never null). */
    static HttpGate current() {
        return Installed.gate;
    }

    /**
     * Makes {@code gate} the one every later request goes through ({@code null}: {@link #DIRECT} again); returns the
     * one it replaces, so that a test can put it back.
     */
    static HttpGate install(HttpGate gate) {
        HttpGate previous = Installed.gate;
        Installed.gate = gate == null ? DIRECT : gate;
        return previous;
    }

    private static <T> T direct(URI uri, Exchange<T> exchange) throws IOException, InterruptedException {
        return Objects.requireNonNull(exchange, "exchange").run();
    }

    /** Holder of the installed gate (an interface cannot have a mutable field). */
    final class Installed {
        private static volatile HttpGate gate = DIRECT;

        private Installed() {
        }
    }
}
