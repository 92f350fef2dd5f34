package io.eobatch.provider.throttle;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of one provider account and how its failures are retried. Built from MicroProfile Config by
 * {@link #fromConfig} (keys in the package documentation); {@link #defaults} and the {@code with...} methods are
 * for code and tests.
 *
 * @param name              provider name as in the config keys ({@code stac}, {@code sentinel-hub}, ...)
 * @param maxInFlight       calls running at the same time, at least 1
 * @param requestsPerMinute requests started per window (one minute unless {@link #window} says otherwise); 0 = no limit
 * @param unitsPerMinute    processing units per window, as declared by each call; 0 = no limit
 * @param maxAttempts       attempts per call including the first, at least 1
 * @param backoffBase       ceiling of the first backoff; the ceiling doubles per failed attempt
 * @param backoffMax        the ceiling never grows past this
 * @param maxWait           longest a call waits for the throttle (in-flight slot, rate slot, Retry-After pause)
 * @param retryAfterUnit    unit of a bare number in {@code Retry-After}
 * @param rateHeadroom      fraction by which the rate window is stretched (0.01 = 1 %) to absorb jitter
 * @param window            the rate window: one minute from config; shorter only in scaled tests and benchmarks
 */
public record ThrottleSettings(String name, int maxInFlight, int requestsPerMinute, double unitsPerMinute,
        int maxAttempts, Duration backoffBase, Duration backoffMax, Duration maxWait, RetryAfterUnit retryAfterUnit,
        double rateHeadroom, Duration window) {

    public ThrottleSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(retryAfterUnit, "retryAfterUnit");
        require(maxInFlight >= 1, name, "max-in-flight", maxInFlight, "at least 1");
        require(requestsPerMinute >= 0, name, "requests-per-minute", requestsPerMinute, "0 (no limit) or more");
        require(unitsPerMinute >= 0 && Double.isFinite(unitsPerMinute), name, "units-per-minute", unitsPerMinute,
                "0 (no limit) or more");
        require(maxAttempts >= 1, name, "max-attempts", maxAttempts, "at least 1");
        require(!backoffBase.isNegative(), name, "backoff-base-ms", backoffBase, "0 or more");
        require(backoffMax.compareTo(backoffBase) >= 0, name, "backoff-max-ms", backoffMax,
                "at least backoff-base-ms (" + backoffBase.toMillis() + ")");
        require(!maxWait.isNegative(), name, "max-wait-s", maxWait, "0 or more");
        require(rateHeadroom >= 0 && rateHeadroom <= 0.5, name, "rate-headroom", rateHeadroom, "between 0 and 0.5");
        require(!window.isNegative() && !window.isZero(), name, "window", window, "positive");
    }

    private static void require(boolean ok, String name, String key, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(ThrottleSettings.key(name, key) + " = " + value + ": must be " + rule);
        }
    }

    /** The full config key of a setting, e.g. {@code eobatch.provider.sentinel-hub.max-in-flight}. */
    public static String key(String name, String setting) {
        return "eobatch.provider." + name + "." + setting;
    }

    /** The documented defaults for a provider (milliseconds in Retry-After for {@code sentinel-hub}). */
    public static ThrottleSettings defaults(String name) {
        return new ThrottleSettings(name, 8, 600, 0, 5, Duration.ofMillis(500), Duration.ofSeconds(30),
                Duration.ofMinutes(10), "sentinel-hub".equals(name) ? RetryAfterUnit.MILLISECONDS : RetryAfterUnit.SECONDS,
                0.01, Duration.ofMinutes(1));
    }

    public ThrottleSettings withMaxInFlight(int n) {
        return new ThrottleSettings(name, n, requestsPerMinute, unitsPerMinute, maxAttempts, backoffBase, backoffMax,
                maxWait, retryAfterUnit, rateHeadroom, window);
    }

    public ThrottleSettings withRequestsPerMinute(int r) {
        return new ThrottleSettings(name, maxInFlight, r, unitsPerMinute, maxAttempts, backoffBase, backoffMax,
                maxWait, retryAfterUnit, rateHeadroom, window);
    }

    public ThrottleSettings withUnitsPerMinute(double p) {
        return new ThrottleSettings(name, maxInFlight, requestsPerMinute, p, maxAttempts, backoffBase, backoffMax,
                maxWait, retryAfterUnit, rateHeadroom, window);
    }

    public ThrottleSettings withRetries(int attempts, Duration base, Duration max) {
        return new ThrottleSettings(name, maxInFlight, requestsPerMinute, unitsPerMinute, attempts, base, max,
                maxWait, retryAfterUnit, rateHeadroom, window);
    }

    public ThrottleSettings withMaxWait(Duration d) {
        return new ThrottleSettings(name, maxInFlight, requestsPerMinute, unitsPerMinute, maxAttempts, backoffBase,
                backoffMax, d, retryAfterUnit, rateHeadroom, window);
    }

    public ThrottleSettings withRetryAfterUnit(RetryAfterUnit unit) {
        return new ThrottleSettings(name, maxInFlight, requestsPerMinute, unitsPerMinute, maxAttempts, backoffBase,
                backoffMax, maxWait, unit, rateHeadroom, window);
    }

    public ThrottleSettings withRateHeadroom(double h) {
        return new ThrottleSettings(name, maxInFlight, requestsPerMinute, unitsPerMinute, maxAttempts, backoffBase,
                backoffMax, maxWait, retryAfterUnit, h, window);
    }

    /**
     * A shorter rate window for scaled tests and benchmarks: {@code requestsPerMinute} and {@code unitsPerMinute}
     * then count per this window. Config always gives one minute.
     */
    public ThrottleSettings withWindow(Duration w) {
        return new ThrottleSettings(name, maxInFlight, requestsPerMinute, unitsPerMinute, maxAttempts, backoffBase,
                backoffMax, maxWait, retryAfterUnit, rateHeadroom, w);
    }
}
