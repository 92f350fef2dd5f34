package io.eobatch.provider.http;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Callable;

import io.eobatch.provider.TransientSourceException;
import io.eobatch.provider.throttle.HttpFailure;
import io.eobatch.provider.throttle.RetryAfter;
import io.eobatch.provider.throttle.Throttle;

/**
 * The clients' {@link ProviderCall} seam joined to the account's shared {@link Throttle}: every HTTP attempt of a
 * client waits for an in-flight slot and its request and processing-unit turn, and transient failures are retried
 * with backoff and jitter, or after the provider's {@code Retry-After} (read in the account's unit: milliseconds for
 * Sentinel Hub, seconds or an HTTP date elsewhere) which pauses the whole account.
 *
 * <p>The clients report an error answer as a {@link ProviderHttpException} carrying the raw {@code Retry-After};
 * here it becomes the throttle's {@link HttpFailure} (status and parsed wait), so that one retry policy decides for
 * every provider. Outcomes: the value; {@link io.eobatch.provider.ItemDataException} (other 4xx, malformed answer:
 * not retried); {@link io.eobatch.provider.throttle.RetriesExhaustedException} (the transient failures outlasted
 * {@code max-attempts}); {@link io.eobatch.provider.throttle.ThrottleTimeoutException}.
 */
public final class ThrottledCall implements ProviderCall {

    private final Throttle throttle;

    public ThrottledCall(Throttle throttle) {
        this.throttle = Objects.requireNonNull(throttle, "throttle");
    }

    public Throttle throttle() {
        return throttle;
    }

    @Override
    public <T> T run(double cost, Callable<T> call) {
        try {
            return throttle.execute(throttle.account(), cost, () -> {
                try {
                    return call.call();
                } catch (ProviderHttpException e) {
                    Instant now = Instant.now();
                    throw new HttpFailure(e.status(), e.retryAfter().flatMap(v -> RetryAfter.parse(v,
                            throttle.settings().retryAfterUnit(), now)), e.getMessage());
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientSourceException(throttle.account() + ": interrupted while waiting for the throttle", e);
        }
    }

    @Override
    public String toString() {
        return "ThrottledCall[" + throttle + "]";
    }
}
