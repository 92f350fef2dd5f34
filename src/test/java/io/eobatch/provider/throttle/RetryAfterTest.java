package io.eobatch.provider.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-11-22T00:00:02Z");

    @ParameterizedTest
    @CsvSource({
        "1500, MILLISECONDS, PT1.5S",  // Sentinel Hub's 429
        "0, MILLISECONDS, PT0S",
        "2, SECONDS, PT2S",            // RFC 9110 delay-seconds
        "2, MILLISECONDS, PT0.002S",
        "120, SECONDS, PT2M",
        "' 7 ', SECONDS, PT7S",
    })
    void numbersAreReadInTheProvidersUnit(String header, RetryAfterUnit unit, Duration expected) {
        assertEquals(Optional.of(expected), RetryAfter.parse(header, unit, NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Sun, 22 Nov 2026 00:00:05 GMT",   // IMF-fixdate
        "Sunday, 22-Nov-26 00:00:05 GMT",  // obsolete RFC 850
        "Sun Nov 22 00:00:05 2026",        // asctime
    })
    void httpDatesInAllThreeFormatsAreMeasuredFromNow(String header) {
        assertEquals(Optional.of(Duration.ofSeconds(3)), RetryAfter.parse(header, RetryAfterUnit.SECONDS, NOW));
        assertEquals(Optional.of(Duration.ofSeconds(3)), RetryAfter.parse(header, RetryAfterUnit.MILLISECONDS, NOW),
                "a date is a date whatever the unit of bare numbers");
    }

    @Test
    void asctimeWithASingleDigitDayAndRfc850TwoDigitYears() {
        assertEquals(Optional.of(Instant.parse("2026-11-01T08:49:37Z")),
                RetryAfter.httpDate("Sun Nov  1 08:49:37 2026", NOW));
        assertEquals(Optional.of(Instant.parse("1994-11-06T08:49:37Z")),
                RetryAfter.httpDate("Sunday, 06-Nov-94 08:49:37 GMT", NOW), "RFC 9110's own example");
        assertEquals(Optional.of(Instant.parse("2076-11-06T08:49:37Z")),
                RetryAfter.httpDate("Friday, 06-Nov-76 08:49:37 GMT", NOW), "up to 50 years ahead");
    }

    @Test
    void aDateInThePastMeansNoWait() {
        assertEquals(Optional.of(Duration.ZERO),
                RetryAfter.parse("Sun, 22 Nov 2026 00:00:00 GMT", RetryAfterUnit.SECONDS, NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-5", "soon", "1e3", "Sun, 32 Nov 2026 00:00:00 GMT"})
    void unreadableValuesAreIgnored(String header) {
        assertEquals(Optional.empty(), RetryAfter.parse(header, RetryAfterUnit.SECONDS, NOW));
    }

    @Test
    void noHeaderNoWait() {
        assertEquals(Optional.empty(), RetryAfter.parse(null, RetryAfterUnit.SECONDS, NOW));
    }
}
