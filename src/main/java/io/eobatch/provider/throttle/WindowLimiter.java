package io.eobatch.provider.throttle;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * At most {@code limit} units (requests, or processing units) started in any window of {@code window x (1 +
 * headroom)}, handed out smoothly. Not thread-safe: {@link Throttle} guards it with its lock.
 *
 * <p>Two rules, both needed:
 * <ul>
 *   <li><b>Pacing</b> (GCRA, the "virtual scheduling" form of a token bucket with no burst): a call of cost
 *       {@code c} moves the pacing schedule on by {@code c * window / limit}, and no call starts before the
 *       schedule. With R = 600 requests per minute that is one start every 100 ms, never 600 at the top of the
 *       minute: a fixed-window or sliding-log limiter alone would allow exactly that burst, which is what gets an
 *       account a 429 from a provider that counts with a token bucket of its own. An idle account earns no credit
 *       (the schedule never lags the clock), so no burst follows an idle period either; batch work, which is never
 *       idle while it has items, loses nothing by it.</li>
 *   <li><b>Cap</b> (a sliding log of the calls in the last window): with costs that differ (processing units),
 *       pacing alone lets a window hold up to the limit plus one call's cost; the log refuses a start while the
 *       calls of the last window plus this one would pass the limit. The pacing schedule runs on when the cap
 *       delays a call, so cap delays do not add up and the budget is still used in full over time. For requests
 *       (cost 1) the cap never binds beyond pacing.</li>
 * </ul>
 * The window is stretched by a small headroom (1 % by default): our clock starts a call a little before the
 * provider's clock counts it, and scheduling or network jitter could otherwise make the provider see R + 1 calls
 * in one of its minutes. Reservations are made in time order, so the log stays sorted.
 */
final class WindowLimiter {

    private static final double EPS = 1e-9;

    private final double limit;
    private final long window;
    private final double nanosPerUnit;
    private final ArrayDeque<Start> log = new ArrayDeque<>();
    private double inWindow;
    private long paced = Long.MIN_VALUE;
    private long last = Long.MIN_VALUE;

    WindowLimiter(double limit, Duration window, double headroom) {
        if (!(limit > 0) || window.isNegative() || window.isZero() || !(headroom >= 0)) {
            throw new IllegalArgumentException("limit " + limit + " per " + window + ", headroom " + headroom);
        }
        this.limit = limit;
        this.window = Math.round(window.toNanos() * (1 + headroom));
        this.nanosPerUnit = this.window / limit;
    }

    double limit() {
        return limit;
    }

    /** Stretched window in nanoseconds. */
    long window() {
        return window;
    }

    /** The earliest start, not before {@code now}, at which a call of this cost keeps both rules. */
    long earliest(long now, double cost) {
        if (cost > limit + EPS) {
            throw new IllegalArgumentException("cost " + cost + " is more than the limit " + limit);
        }
        prune(now);
        return earliest(now, cost, limit, window, paced, last, inWindow, log.iterator());
    }

    /**
     * Records a call of this cost starting at {@code t}, a time returned by {@link #earliest} for the same
     * {@code now} (or a later time, when another limiter asked for later).
     */
    void commit(long now, long t, double cost) {
        if (cost <= 0) {
            return;
        }
        paced = pacedAfter(paced, now, cost, nanosPerUnit);
        last = t;
        log.addLast(new Start(t, cost));
        inWindow += cost;
    }

    /**
     * Both rules on any clock (nanoseconds here, the database's microseconds in {@link DatabaseLimits}): the earliest
     * start not before {@code now} for a call of {@code cost}, given the pacing schedule {@code paced}, the latest
     * reserved start {@code last}, the {@code sum} of the costs in the log (the calls of the last {@code window},
     * already pruned) and the log itself, oldest first. Read only as far as the cap needs.
     */
    static long earliest(long now, double cost, double limit, long window, long paced, long last, double sum,
            java.util.Iterator<Start> oldestFirst) {
        long t = Math.max(now, Math.max(paced, last));
        while (capBinds(sum, cost, limit) && oldestFirst.hasNext()) {
            Start s = oldestFirst.next();
            sum -= s.cost();
            t = Math.max(t, s.at() + window);
        }
        return t;
    }

    /** The pacing schedule after a call of {@code cost} reserved at {@code now}; ticks per unit of cost. */
    static long pacedAfter(long paced, long now, double cost, double ticksPerUnit) {
        return Math.max(paced, now) + Math.round(cost * ticksPerUnit);
    }

    /** Whether {@code cost} needs the cap's look at the log: the calls in the window plus this one pass the limit. */
    static boolean capBinds(double sum, double cost, double limit) {
        return sum + cost > limit + EPS;
    }

    private void prune(long now) {
        while (!log.isEmpty() && log.peekFirst().at() + window <= now) {
            inWindow -= log.removeFirst().cost();
        }
        if (log.isEmpty()) {
            inWindow = 0; // no drift from repeated subtraction
        }
    }

    /** A reserved start and its cost. */
    record Start(long at, double cost) {
    }
}
