package io.eobatch.provider.throttle;

import io.eobatch.provider.TransientSourceException;

/**
 * A call would have waited longer than {@code max-wait-s} for its account's throttle (all slots busy, the rate
 * used up, or a Retry-After pause longer than the wait allowed). Transient: the account is busy, not the item wrong.
 * Thrown as soon as the wait is known to be too long, without waiting it out.
 */
public class ThrottleTimeoutException extends TransientSourceException {
    public ThrottleTimeoutException(String message) {
        super(message, null);
    }
}
