package io.eobatch.batch;

import java.util.LinkedHashMap;
import java.util.Map;

import io.eobatch.config.Settings;
import io.eobatch.provider.Providers;
import io.eobatch.provider.throttle.ThrottleSettings;

/**
 * How long a run's calls take under a provider's configured limits, for every estimate: the largest of requests x
 * latency / max-in-flight, requests / requests-per-minute and processing units / units-per-minute, with the limit
 * that binds. The latency is {@code eobatch.provider.<name>.expected-latency-ms}: by default 150 ms for a stac range
 * request, 1 s for a remote provider's call.
 *
 * @param seconds     the expected duration, rounded to 0.1 s
 * @param limitedBy   max-in-flight, requests-per-minute or units-per-minute
 * @param assumptions the latency and limits it was computed with
 */
public record ExpectedDuration(double seconds, String limitedBy, Map<String, Object> assumptions) {

    /** Config key suffix of the assumed latency of one call, milliseconds. */
    public static final String LATENCY_KEY = "expected-latency-ms";
    /**
     * The duration of {@code requests} calls costing {@code units} processing units in all at provider
     * {@code provider}, whose calls take {@code defaultLatencyMs} unless configured
     * ({@link io.eobatch.provider.Capabilities#defaultLatencyMs}).
     */
    public static ExpectedDuration of(String provider, long defaultLatencyMs, long requests, double units) {
        ThrottleSettings limits;
        try {
            limits = Providers.settings(provider);
        } catch (IllegalArgumentException e) { // changed on the running server: an estimate is no reason for a 500
            Settings.warnOnce(e.getMessage() + "; the estimate assumes the defaults");
            limits = ThrottleSettings.defaults(provider);
        }
        long latencyMs = Settings.number(ThrottleSettings.key(provider, LATENCY_KEY), defaultLatencyMs, 0);
        double byConcurrency = requests * latencyMs / 1000.0 / limits.maxInFlight();
        double byRate = limits.requestsPerMinute() == 0 ? 0 : requests * 60.0 / limits.requestsPerMinute();
        double byUnits = limits.unitsPerMinute() == 0 ? 0 : units * 60.0 / limits.unitsPerMinute();
        String limitedBy = byUnits >= Math.max(byRate, byConcurrency) && byUnits > 0 ? "units-per-minute"
                : byRate >= byConcurrency && byRate > 0 ? "requests-per-minute" : "max-in-flight";
        Map<String, Object> assumptions = new LinkedHashMap<>();
        assumptions.put("requestSeconds", latencyMs / 1000.0);
        assumptions.put("maxInFlight", limits.maxInFlight());
        assumptions.put("requestsPerMinute", limits.requestsPerMinute());
        assumptions.put("unitsPerMinute", limits.unitsPerMinute());
        return new ExpectedDuration(Math.round(Math.max(byConcurrency, Math.max(byRate, byUnits)) * 10) / 10.0,
                limitedBy, assumptions);
    }

    /** Puts {@code expectedSeconds} and {@code limitedBy} into an estimate's total. */
    public void into(Map<String, Object> total) {
        total.put("expectedSeconds", seconds);
        total.put("limitedBy", limitedBy);
    }
}
