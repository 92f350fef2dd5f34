package io.eobatch.provider.throttle;

/**
 * How a provider writes a bare number in {@code Retry-After}: RFC 9110 says seconds; Sentinel Hub (and the
 * Copernicus Data Space deployment of it) sends milliseconds on its 429 answers. An HTTP-date is read as a date
 * whatever the unit.
 */
public enum RetryAfterUnit {
    SECONDS,
    MILLISECONDS
}
