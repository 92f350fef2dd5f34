package io.eobatch.provider.throttle;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a {@code Retry-After} header (RFC 9110, section 10.2.3): a number of seconds, or an HTTP-date. A bare
 * number is read in the provider's {@link RetryAfterUnit} (milliseconds for Sentinel Hub). An HTTP-date may be in
 * any of the three formats RFC 9110 (5.6.7) tells recipients to accept: IMF-fixdate
 * ({@code Sun, 06 Nov 1994 08:49:37 GMT}), the obsolete RFC 850 form ({@code Sunday, 06-Nov-94 08:49:37 GMT},
 * two-digit year taken as the most recent past year with those digits when it would be more than 50 years ahead)
 * and asctime ({@code Sun Nov  6 08:49:37 1994}). A date in the past means no wait; anything unreadable is
 * ignored (empty), so that the caller falls back to its own backoff. No java.net.http or Jakarta class parses
 * this header, hence this class.
 */
public final class RetryAfter {

    private static final Pattern NUMBER = Pattern.compile("\\d{1,18}(\\.\\d{1,9})?");
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter
            .ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC);

    private RetryAfter() {
    }

    /**
     * @param value the header value (may be null)
     * @param unit  unit of a bare number
     * @param now   the time an HTTP-date is measured from: the answer's {@code Date} header if there is one
     * @return how long to wait, zero or more; empty if there is no readable value
     */
    public static Optional<Duration> parse(String value, RetryAfterUnit unit, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        if (NUMBER.matcher(v).matches()) {
            double n = Double.parseDouble(v);
            long nanos = Math.round(n * (unit == RetryAfterUnit.MILLISECONDS ? 1e6 : 1e9));
            return Optional.of(Duration.ofNanos(nanos));
        }
        return httpDate(v, now).map(date -> {
            Duration d = Duration.between(now, date);
            return d.isNegative() ? Duration.ZERO : d;
        });
    }

    /** An HTTP-date in any of its three formats, or empty. */
    public static Optional<Instant> httpDate(String value, Instant now) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        try {
            return Optional.of(ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            // not IMF-fixdate
        }
        try {
            int year = LocalDate.ofInstant(now, ZoneOffset.UTC).getYear();
            DateTimeFormatter rfc850 = new DateTimeFormatterBuilder().appendPattern("EEEE, dd-MMM-")
                    .appendValueReduced(ChronoField.YEAR, 2, 2, year - 49).appendPattern(" HH:mm:ss 'GMT'")
                    .toFormatter(Locale.US).withZone(ZoneOffset.UTC);
            return Optional.of(ZonedDateTime.parse(v, rfc850).toInstant());
        } catch (DateTimeParseException e) {
            // not RFC 850
        }
        try {
            return Optional.of(ZonedDateTime.parse(v, ASCTIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
