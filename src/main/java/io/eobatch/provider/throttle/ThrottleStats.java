package io.eobatch.provider.throttle;

/**
 * What a {@link Throttle} has let through since it was made.
 *
 * @param account         the account key
 * @param running         calls running now
 * @param maxRunning      most calls ever running at the same time
 * @param waiting         calls queued for an in-flight slot now
 * @param started         calls started
 * @param succeeded       calls that returned normally
 * @param failed          calls that threw
 * @param unitsSpent      processing units of the calls that succeeded (providers charge only for 2xx answers)
 * @param pauses          Retry-After pauses of the whole account
 */
public record ThrottleStats(String account, int running, int maxRunning, int waiting, long started, long succeeded,
        long failed, double unitsSpent, long pauses) {
}
