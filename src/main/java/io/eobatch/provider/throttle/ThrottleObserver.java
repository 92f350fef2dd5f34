package io.eobatch.provider.throttle;

/**
 * What a {@link Throttle} tells about the calls it lets through, for metrics ({@code io.eobatch.ops.Metrics} is
 * the one observer; set it with {@link Throttles#observe}). Called on the caller's thread, outside the throttle's
 * lock: an observer must be quick and must not throw.
 *
 * <p>{@code provider} is the provider's name of the account's settings ({@code stac}, {@code sentinel-hub},
 * {@code observearth}), never the account key (a URL and client id per account would be too many series).
 */
public interface ThrottleObserver {

    /** How one attempt through the throttle ended. */
    enum Outcome {
        /** the call returned */
        SUCCESS,
        /** the provider answered 429 Too Many Requests */
        RATE_LIMITED,
        /** another failure that may pass by waiting (408, 5xx, timeout, refused or reset connection) */
        TRANSIENT_ERROR,
        /** a failure of the call itself (another 4xx, a malformed answer) */
        ERROR;

        /** The outcome of an attempt that threw {@code failure}. */
        public static Outcome of(Throwable failure) {
            if (failure instanceof HttpFailure h && h.status() == 429) {
                return RATE_LIMITED;
            }
            return RetryPolicy.isTransient(failure) ? TRANSIENT_ERROR : ERROR;
        }
    }

    /** Observes nothing: the default until the application sets its observer. */
    ThrottleObserver NONE = new ThrottleObserver() {
    };

    /** A call waited {@code nanos} for its in-flight slot, a Retry-After pause and its rate turn, then started. */
    default void waited(String provider, long nanos) {
    }

    /**
     * An attempt ended; {@code units} are the processing units it was charged (only a successful call is charged,
     * 0 when the provider does not count units).
     */
    default void attempted(String provider, Outcome outcome, double units) {
    }

    /** A failed attempt is tried again (after a backoff or the provider's Retry-After). */
    default void retried(String provider) {
    }

    /**
     * The provider answered 429 to a request that did not fail through the throttle (the stac reader reads the
     * status itself and pauses the host); a 429 thrown as {@link HttpFailure} is {@link Outcome#RATE_LIMITED}.
     */
    default void rateLimited(String provider) {
    }
}
