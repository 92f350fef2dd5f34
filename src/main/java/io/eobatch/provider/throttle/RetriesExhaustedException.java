package io.eobatch.provider.throttle;

import java.util.OptionalInt;

import io.eobatch.provider.TransientSourceException;

/**
 * A transient failure (429, 5xx, timeout, reset connection) outlasted {@code max-attempts}, or the provider asked
 * for a Retry-After longer than {@code max-wait-s}. The item is FAILED with this message (what, the number of
 * attempts and the last reason); a later retry of the failed items may succeed.
 */
public class RetriesExhaustedException extends TransientSourceException {

    private final int attempts;
    private final int lastStatus;

    public RetriesExhaustedException(String message, int attempts, int lastStatus, Throwable cause) {
        super(message, cause);
        this.attempts = attempts;
        this.lastStatus = lastStatus;
    }

    public int attempts() {
        return attempts;
    }

    /** HTTP status of the last attempt, if it got an answer. */
    public OptionalInt lastStatus() {
        return lastStatus > 0 ? OptionalInt.of(lastStatus) : OptionalInt.empty();
    }
}
