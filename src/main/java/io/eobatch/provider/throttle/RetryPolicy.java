package io.eobatch.provider.throttle;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

import io.eobatch.provider.ItemDataException;
import io.eobatch.provider.TransientSourceException;

/**
 * How a call through a {@link Throttle} is retried.
 *
 * <ul>
 *   <li><b>Transient</b> ({@link #isTransient}): HTTP 408, 429, 500, 502, 503, 504 ({@link HttpFailure#TRANSIENT}),
 *       timeouts, refused and reset connections, a connection closed mid-answer, and any
 *       {@link TransientSourceException} the call throws itself. Retried up to {@code maxAttempts} attempts in all,
 *       then final: {@link RetriesExhaustedException} with the attempt count and the last reason.</li>
 *   <li><b>Between attempts</b>: if the answer carried {@code Retry-After}, the <em>whole account</em> pauses that
 *       long ({@link Throttle#pauseFor}: every thread waits, since the provider refuses the account, not this
 *       call) and the retry queues behind the pause like any call; a Retry-After longer than {@code maxWait} is
 *       final at once. Without it, this caller alone sleeps an exponential backoff with full jitter
 *       ({@link #backoff}), holding no slot.</li>
 *   <li><b>The item's own</b>: any other HTTP status (400, 401, 403, 404, ...) and other I/O errors fail at once
 *       as {@link ItemDataException}; a {@link MalformedResponseException} (or JSON-P's {@code JsonException})
 *       likewise, so a bad body fails the item, not the partition.</li>
 *   <li>Other unchecked exceptions are bugs and come out unchanged; {@link ThrottleTimeoutException} and
 *       {@link InterruptedException} too.</li>
 * </ul>
 *
 * @param maxAttempts attempts in all, at least 1
 * @param baseDelay   backoff ceiling after the first failed attempt
 * @param maxDelay    the ceiling never grows past this
 * @param maxWait     longest Retry-After honoured
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxWait) {

    private static final Logger LOG = Logger.getLogger(RetryPolicy.class.getName());

    public RetryPolicy {
        if (maxAttempts < 1 || baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0 || maxWait.isNegative()) {
            throw new IllegalArgumentException("retry policy " + maxAttempts + " attempts, backoff " + baseDelay
                    + ".." + maxDelay + ", max wait " + maxWait);
        }
    }

    public static RetryPolicy of(ThrottleSettings s) {
        return new RetryPolicy(s.maxAttempts(), s.backoffBase(), s.backoffMax(), s.maxWait());
    }

    /** The backoff ceiling after {@code failedAttempts} failures: {@code min(maxDelay, baseDelay * 2^(n-1))}. */
    public Duration ceiling(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failed attempts " + failedAttempts);
        }
        long base = baseDelay.toNanos();
        long max = maxDelay.toNanos();
        int shift = Math.min(failedAttempts - 1, 62);
        long c = base > (max >> shift) ? max : base << shift;
        return Duration.ofNanos(Math.min(c, max));
    }

    /**
     * "Full jitter" backoff: uniform in [0, {@link #ceiling}]. Spreads the retries of many threads that failed
     * together (a 503 hits every caller at once) instead of sending them back in step.
     */
    public Duration backoff(int failedAttempts, RandomGenerator random) {
        long c = ceiling(failedAttempts).toNanos();
        return Duration.ofNanos(c == 0 ? 0 : random.nextLong(c + 1));
    }

    /** Whether waiting may help: see the class documentation. Looks through causes. */
    public static boolean isTransient(Throwable t) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable e = t; e != null && seen.put(e, true) == null; e = e.getCause()) {
            if (e instanceof HttpFailure h) {
                return h.isTransient();
            }
            if (e instanceof ItemDataException) {
                return false;
            }
            if (e instanceof TransientSourceException || e instanceof HttpTimeoutException
                    || e instanceof ConnectException || e instanceof SocketException
                    || e instanceof InterruptedIOException || e instanceof EOFException
                    || e instanceof ClosedChannelException) {
                return true;
            }
            if (e instanceof IOException && e.getMessage() != null) {
                String m = e.getMessage().toLowerCase(Locale.ROOT);
                if (m.contains("connection reset") || m.contains("connection refused") || m.contains("timed out")
                        || m.contains("received no bytes")) { // java.net.http when the server closes the socket
                    return true;
                }
            }
        }
        return false;
    }

    /** Runs {@code call} through {@code throttle}, retrying as described in the class documentation. */
    public <T> T run(Throttle throttle, String what, double cost, Callable<T> call, RandomGenerator random)
            throws InterruptedException {
        for (int attempt = 1;; attempt++) {
            try {
                return throttle.call(cost, call);
            } catch (InterruptedException | ThrottleTimeoutException | ItemDataException e) {
                throw e;
            } catch (Exception e) {
                Optional<HttpFailure> http = httpFailure(e);
                int status = http.map(HttpFailure::status).orElse(0);
                if (!isTransient(e)) {
                    if (e instanceof RuntimeException r && !isJsonException(r)) {
                        throw r;
                    }
                    throw new ItemDataException(what + ": " + describe(e, http) + " (not retried)", e);
                }
                Optional<Duration> retryAfter = http.flatMap(HttpFailure::retryAfter);
                // the provider refuses the account, not this call: everyone waits, even if this call gives up
                retryAfter.ifPresent(throttle::pauseFor);
                if (attempt >= maxAttempts) {
                    throw new RetriesExhaustedException(what + ": gave up after " + attempt + " attempt"
                            + (attempt == 1 ? "" : "s") + " (account " + throttle.account() + "): "
                            + describe(e, http), attempt, status, e);
                }
                if (retryAfter.isPresent()) {
                    if (retryAfter.get().compareTo(maxWait) > 0) {
                        throw new RetriesExhaustedException(what + ": the provider asked to wait "
                                + retryAfter.get().toSeconds() + " s (Retry-After), more than max-wait-s = "
                                + maxWait.toSeconds() + " s, after " + attempt + " attempt"
                                + (attempt == 1 ? "" : "s") + " (account " + throttle.account() + "): "
                                + describe(e, http), attempt, status, e);
                    }
                }
                Throttles.observer().retried(throttle.settings().name());
                if (retryAfter.isEmpty()) {
                    Duration d = backoff(attempt, random);
                    int n = attempt;
                    LOG.log(Level.FINE, () -> what + ": attempt " + n + " failed (" + describe(e, http)
                            + "), retrying in " + d.toMillis() + " ms");
                    throttle.sleep(d);
                }
            }
        }
    }

    private static Optional<HttpFailure> httpFailure(Throwable t) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable e = t; e != null && seen.put(e, true) == null; e = e.getCause()) {
            if (e instanceof HttpFailure h) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    private static boolean isJsonException(RuntimeException e) {
        // by name, so that this class loads without JSON-P on the class path
        for (Class<?> c = e.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("jakarta.json.JsonException")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Exception e, Optional<HttpFailure> http) {
        if (http.isPresent()) {
            String m = http.get().getMessage();
            String status = "HTTP " + http.get().status();
            return m == null || m.isEmpty() ? status : m.startsWith(status) ? m : status + ": " + m;
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
