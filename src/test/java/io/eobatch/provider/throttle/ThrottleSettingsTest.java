package io.eobatch.provider.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThrottleSettingsTest {

    private static ThrottleSettings from(String name, Map<String, String> config) {
        return ThrottleSettings.from(name, key -> Optional.ofNullable(config.get(key)));
    }

    @Test
    void absentKeysTakeTheDocumentedDefaults() {
        ThrottleSettings s = from("stac", Map.of());
        assertEquals(new ThrottleSettings("stac", 16, 0, 0, 5, Duration.ofMillis(500), Duration.ofSeconds(30),
                Duration.ofSeconds(600), RetryAfterUnit.SECONDS, 0.01, Duration.ofMinutes(1)), s);
        assertEquals(new ThrottleSettings("sentinel-hub", 8, 600, 0, 5, Duration.ofMillis(500), Duration.ofSeconds(30),
                Duration.ofSeconds(600), RetryAfterUnit.MILLISECONDS, 0.01, Duration.ofMinutes(1)),
                from("sentinel-hub", Map.of()));
        assertEquals(RetryAfterUnit.MILLISECONDS, from("sentinel-hub", Map.of()).retryAfterUnit(),
                "Sentinel Hub sends Retry-After in milliseconds");
    }

    @Test
    void everyKeyIsRead() {
        ThrottleSettings s = from("sentinel-hub", Map.of(
                "eobatch.provider.sentinel-hub.max-in-flight", "4",
                "eobatch.provider.sentinel-hub.requests-per-minute", " 300 ",
                "eobatch.provider.sentinel-hub.units-per-minute", "300.5",
                "eobatch.provider.sentinel-hub.max-attempts", "7",
                "eobatch.provider.sentinel-hub.backoff-base-ms", "250",
                "eobatch.provider.sentinel-hub.backoff-max-ms", "8000",
                "eobatch.provider.sentinel-hub.max-wait-s", "90",
                "eobatch.provider.sentinel-hub.retry-after-unit", "seconds",
                "eobatch.provider.sentinel-hub.rate-headroom", "0.02",
                "eobatch.provider.stac.max-in-flight", "99"));
        assertEquals(new ThrottleSettings("sentinel-hub", 4, 300, 300.5, 7, Duration.ofMillis(250),
                Duration.ofSeconds(8), Duration.ofSeconds(90), RetryAfterUnit.SECONDS, 0.02, Duration.ofMinutes(1)), s);
        assertEquals(new RetryPolicy(7, Duration.ofMillis(250), Duration.ofSeconds(8), Duration.ofSeconds(90)),
                RetryPolicy.of(s));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "max-in-flight|eight|eobatch.provider.stac.max-in-flight = 'eight': not a whole number",
        "max-in-flight|0|eobatch.provider.stac.max-in-flight = 0: must be at least 1",
        "requests-per-minute|-1|eobatch.provider.stac.requests-per-minute = -1: must be 0 (no limit) or more",
        "units-per-minute|lots|eobatch.provider.stac.units-per-minute = 'lots': not a number",
        "units-per-minute|NaN|eobatch.provider.stac.units-per-minute = 'NaN': not a number",
        "max-attempts|0|eobatch.provider.stac.max-attempts = 0: must be at least 1",
        "backoff-max-ms|100|eobatch.provider.stac.backoff-max-ms = PT0.1S: must be at least backoff-base-ms (500)",
        "retry-after-unit|minutes|eobatch.provider.stac.retry-after-unit = 'minutes': must be seconds or milliseconds",
        "rate-headroom|0.9|eobatch.provider.stac.rate-headroom = 0.9: must be between 0 and 0.5",
        "window-s|0|eobatch.provider.stac.window-s = PT0S: must be positive",
        "window-s|a minute|eobatch.provider.stac.window-s = 'a minute': not a whole number",
    })
    void badValuesNameTheKeyAndTheValue(String setting, String value, String message) {
        var e = assertThrows(IllegalArgumentException.class,
                () -> from("stac", Map.of("eobatch.provider.stac." + setting, value)));
        assertEquals(message, e.getMessage());
    }

    @Test
    void theRateWindowCanBeShortenedForTests() {
        ThrottleSettings s = from("sentinel-hub", Map.of("eobatch.provider.sentinel-hub.window-s", "5",
                "eobatch.provider.sentinel-hub.requests-per-minute", "10"));
        assertEquals(Duration.ofSeconds(5), s.window(), "10 requests per 5 s");
        assertEquals(10, s.requestsPerMinute());
    }

    @Test
    void blankValuesCountAsAbsent() {
        assertEquals(16, from("stac", Map.of("eobatch.provider.stac.max-in-flight", "  ")).maxInFlight());
    }

    @Test
    void millisecondSpellings() {
        for (String v : new String[] {"ms", "millis", "MILLISECONDS"}) {
            assertEquals(RetryAfterUnit.MILLISECONDS,
                    from("observearth", Map.of("eobatch.provider.observearth.retry-after-unit", v)).retryAfterUnit());
        }
    }
}
