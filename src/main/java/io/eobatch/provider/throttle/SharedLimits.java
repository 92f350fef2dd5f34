package io.eobatch.provider.throttle;

import java.time.Duration;

/**
 * Where a {@link Throttle} keeps the limits of its account when they must hold for several nodes together (cluster
 * mode, {@code eobatch.cluster.enabled}): the in-flight slots, the request and processing-unit windows and the
 * Retry-After pause of the account. {@link DatabaseLimits} keeps them in the shared database. On one node there is no
 * {@code SharedLimits} and the throttle keeps them in the JVM, as it always did.
 *
 * <p>Times are the throttle's: {@link System#nanoTime()} of this JVM.
 */
public interface SharedLimits {

    /**
     * Takes an in-flight slot of the account and reserves the start of one call of {@code cost} processing units,
     * waiting as long as every slot is taken; the slot is the caller's until {@link #release}.
     *
     * @param account         the throttle's account key
     * @param settings        the account's limits
     * @param cost            processing units the call declares (0: none)
     * @param deadline        {@code nanoTime} after which the call must not start
     * @param localPauseUntil {@code nanoTime} of the end of a Retry-After pause this node knows of (or earlier)
     * @return the slot and the reserved start
     * @throws ThrottleTimeoutException if no slot frees itself, or the start would be, after {@code deadline}
     * @throws InterruptedException     if the thread is interrupted while waiting for a slot
     */
    Admission admit(String account, ThrottleSettings settings, double cost, long deadline, long localPauseUntil)
            throws InterruptedException;

    /** Gives the slot of an {@link Admission} back (the call ended, or never started). */
    void release(Admission admission);

    /** Pauses the account for every node: no call starts before {@code d} from now (a longer pause is kept). */
    void pause(String account, Duration d);

    /**
     * A call admitted: its slot, held until released, and the {@code nanoTime} at which it may start.
     *
     * @param slot  the slot's id
     * @param start the reserved start, {@code nanoTime} of this JVM
     */
    record Admission(String slot, long start) {
    }
}
