package io.eobatch.provider.throttle;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The limits of one provider account and how its failures are retried. Built from config keys by {@link #from}
 * (keys in the package documentation; {@code io.eobatch.provider.Providers#settings} reads them from MicroProfile
 * Config); {@link #defaults} and the {@code with...} methods are for code and tests.
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
 * @param window            the rate window over which {@code requestsPerMinute} and {@code unitsPerMinute} count: one
 *                          minute unless {@code window-s} says otherwise (scaled tests and benchmarks)
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
        require(!window.isNegative() && !window.isZero(), name, "window-s", window, "positive");
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

    /**
     * Settings of provider {@code name} from a lookup of config keys ({@code io.eobatch.config.Settings#lookup}, so
     * also environment variables such as {@code EOBATCH_PROVIDER_SENTINEL_HUB_MAX_IN_FLIGHT}; a map in tests);
     * absent keys take the {@link #defaults}. Keys and defaults are in the package documentation.
     *
     * @throws IllegalArgumentException naming the key and the value when a value is not a number or out of range
     */
    public static ThrottleSettings from(String name, Function<String, Optional<String>> lookup) {
        ThrottleSettings d = defaults(name);
        Function<String, Optional<String>> get = setting -> lookup.apply(key(name, setting)).map(String::trim)
                .filter(v -> !v.isEmpty());
        return new ThrottleSettings(name,
                get.apply("max-in-flight").map(v -> whole(name, "max-in-flight", v)).orElse(d.maxInFlight()),
                get.apply("requests-per-minute").map(v -> whole(name, "requests-per-minute", v))
                        .orElse(d.requestsPerMinute()),
                get.apply("units-per-minute").map(v -> number(name, "units-per-minute", v))
                        .orElse(d.unitsPerMinute()),
                get.apply("max-attempts").map(v -> whole(name, "max-attempts", v)).orElse(d.maxAttempts()),
                get.apply("backoff-base-ms").map(v -> Duration.ofMillis(whole(name, "backoff-base-ms", v)))
                        .orElse(d.backoffBase()),
                get.apply("backoff-max-ms").map(v -> Duration.ofMillis(whole(name, "backoff-max-ms", v)))
                        .orElse(d.backoffMax()),
                get.apply("max-wait-s").map(v -> Duration.ofSeconds(whole(name, "max-wait-s", v)))
                        .orElse(d.maxWait()),
                get.apply("retry-after-unit").map(v -> unit(name, v)).orElse(d.retryAfterUnit()),
                get.apply("rate-headroom").map(v -> number(name, "rate-headroom", v)).orElse(d.rateHeadroom()),
                get.apply("window-s").map(v -> Duration.ofSeconds(whole(name, "window-s", v))).orElse(d.window()));
    }

    private static int whole(String name, String setting, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key(name, setting) + " = '" + v + "': not a whole number", e);
        }
    }

    private static double number(String name, String setting, String v) {
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(key(name, setting) + " = '" + v + "': not a number");
    }

    private static RetryAfterUnit unit(String name, String v) {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "seconds", "second", "s":
                return RetryAfterUnit.SECONDS;
            case "milliseconds", "millisecond", "millis", "ms":
                return RetryAfterUnit.MILLISECONDS;
            default:
                throw new IllegalArgumentException(key(name, "retry-after-unit") + " = '" + v
                        + "': must be seconds or milliseconds");
        }
    }

    /** The documented defaults for a provider (milliseconds in Retry-After for {@code sentinel-hub}; stac: 16 in flight, no rate limit). */
    public static ThrottleSettings defaults(String name) {
        // stac: one throttle per host of COG range reads and catalog requests (a bucket serves thousands a second):
        // 16 in flight, no rate limit, unless configured; the remote APIs: 8 in flight, 600 requests a minute
        boolean stac = "stac".equals(name);
        return new ThrottleSettings(name, stac ? 16 : 8, stac ? 0 : 600, 0, 5, Duration.ofMillis(500), Duration.ofSeconds(30),
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
     * then count per this window. Config gives one minute unless {@code window-s} is set.
     */
    public ThrottleSettings withWindow(Duration w) {
        return new ThrottleSettings(name, maxInFlight, requestsPerMinute, unitsPerMinute, maxAttempts, backoffBase,
                backoffMax, maxWait, retryAfterUnit, rateHeadroom, w);
    }
}
