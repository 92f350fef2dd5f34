package io.eobatch.provider.throttle;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

import io.eobatch.provider.ItemDataException;

/**
 * The limits of one provider account, shared by every partition, thread and concurrent execution that uses the
 * account: get it from {@link Throttles#forAccount}, never make one per job.
 *
 * <p>A call is admitted in this order, and only then runs:
 * <ol>
 *   <li>an in-flight slot: a fair semaphore of {@code max-in-flight} permits (first come, first served);</li>
 *   <li>the end of any Retry-After pause of the account ({@link #pauseFor});</li>
 *   <li>a start time from the request limiter (cost 1) and the processing-unit limiter (the cost the call declares),
 *       reserved together under one lock and then waited for: see {@link WindowLimiter} for why starts are paced
 *       rather than released in a burst each minute.</li>
 * </ol>
 * The slot is taken before the rate so that a call starts right after its reserved time; the other way round, calls
 * that got their rate slot early would bunch up behind the semaphore and the provider would see bursts. If the
 * total wait would pass {@code max-wait-s}, the call fails at once with a {@link ThrottleTimeoutException} naming the
 * limit that binds. Waiting is interruptible; an interrupted call leaves its reserved rate slot unused (the limiter
 * stays on the safe side) and gives its in-flight slot back.
 *
 * <p>One attempt: {@link #call}. With the retry policy of the account's settings: {@link #execute}.
 *
 * <p>Across nodes (cluster mode): with {@link SharedLimits} the in-flight slots, the rate windows and the Retry-After
 * pause of the account are kept there for every node together ({@link DatabaseLimits}); the node's own fair queue of
 * {@code max-in-flight} permits is still taken first, so that its callers queue in order and at most that many of
 * them ask the database. Waits, {@code max-wait-s}, the messages and the metrics are the same.
 */
public final class Throttle {

    private static final Logger LOG = Logger.getLogger(Throttle.class.getName());

    private final String account;
    private final ThrottleSettings settings;
    private final TimeSource time;
    private final RandomGenerator random;
    private final Semaphore slots;
    private final ReentrantLock lock = new ReentrantLock();
    private final WindowLimiter requests;
    private final WindowLimiter units;
    private final SharedLimits shared;
    private long pausedUntil = Long.MIN_VALUE;
    private long pauseGeneration;

    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();
    private final LongAdder started = new LongAdder();
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final DoubleAdder unitsSpent = new DoubleAdder();
    private final LongAdder pauses = new LongAdder();

    /** A throttle on the real clock; prefer {@link Throttles#forAccount}, which shares one per account. */
    public Throttle(String account, ThrottleSettings settings) {
        this(account, settings, TimeSource.SYSTEM, () -> ThreadLocalRandom.current().nextLong());
    }

    Throttle(String account, ThrottleSettings settings, TimeSource time) {
        this(account, settings, time, () -> ThreadLocalRandom.current().nextLong());
    }

    /**
     * A throttle whose limits hold across nodes: kept in {@code shared} (null: in this JVM, as
     * {@link #Throttle(String, ThrottleSettings)}); prefer {@link Throttles#forAccount(String, ThrottleSettings,
     * SharedLimits)}.
     */
    public Throttle(String account, ThrottleSettings settings, SharedLimits shared) {
        this(account, settings, TimeSource.SYSTEM, () -> ThreadLocalRandom.current().nextLong(), shared);
    }

    /** For tests: a virtual clock and a seeded random generator for the backoff jitter. */
    Throttle(String account, ThrottleSettings settings, TimeSource time, RandomGenerator random) {
        this(account, settings, time, random, null);
    }

    private Throttle(String account, ThrottleSettings settings, TimeSource time, RandomGenerator random,
            SharedLimits shared) {
        this.shared = shared;
        this.account = Objects.requireNonNull(account, "account");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.time = Objects.requireNonNull(time, "time");
        this.random = Objects.requireNonNull(random, "random");
        this.slots = new Semaphore(settings.maxInFlight(), true);
        this.requests = settings.requestsPerMinute() > 0
                ? new WindowLimiter(settings.requestsPerMinute(), settings.window(), settings.rateHeadroom())
                : null;
        this.units = settings.unitsPerMinute() > 0
                ? new WindowLimiter(settings.unitsPerMinute(), settings.window(), settings.rateHeadroom())
                : null;
    }

    public String account() {
        return account;
    }

    public ThrottleSettings settings() {
        return settings;
    }

    /**
     * One attempt: waits for an in-flight slot, any Retry-After pause and a rate slot for one request of
     * {@code cost} processing units, runs {@code call}, gives the slot back and records the outcome. Exceptions of
     * {@code call} come out unchanged.
     *
     * @param cost processing units the call will be charged (0 when the provider does not count units)
     * @throws ThrottleTimeoutException if the wait would pass {@code max-wait-s}
     * @throws ItemDataException        if the cost alone is more than {@code units-per-minute}: it could never run
     * @throws InterruptedException     if the thread is interrupted while waiting
     */
    public <T> T call(double cost, Callable<T> call) throws Exception {
        Objects.requireNonNull(call, "call");
        if (!(cost >= 0) || Double.isInfinite(cost)) {
            throw new IllegalArgumentException(account + ": cost must be 0 or more, not " + cost);
        }
        if (units != null && cost > units.limit()) {
            throw new ItemDataException(account + ": the call costs " + cost + " processing units, more than "
                    + ThrottleSettings.key(settings.name(), "units-per-minute") + " = " + units.limit()
                    + ": it can never run", null);
        }
        long entered = time.nanoTime();
        long deadline = entered + settings.maxWait().toNanos();
        if (!slots.tryAcquire(Math.max(0, deadline - time.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new ThrottleTimeoutException(account + ": waited " + seconds(settings.maxWait().toNanos())
                    + " (" + ThrottleSettings.key(settings.name(), "max-wait-s") + ") for one of "
                    + settings.maxInFlight() + " in-flight slots (" + ThrottleSettings.key(settings.name(),
                            "max-in-flight") + ")");
        }
        SharedLimits.Admission admission = null;
        try {
            if (shared == null) {
                awaitStart(cost, deadline);
            } else {
                while (true) {
                    long generation = pauseGeneration();
                    admission = shared.admit(account, settings, cost, deadline, pauseEnd());
                    time.sleepUntil(admission.start());
                    if (!pausedSince(generation)) {
                        break;
                    }
                    // a Retry-After came in on this node while the call waited for its start: a new start after it
                    shared.release(admission);
                    admission = null;
                }
            }
            ThrottleObserver observer = Throttles.observer();
            observer.waited(settings.name(), time.nanoTime() - entered);
            int now = running.incrementAndGet();
            maxRunning.accumulateAndGet(now, Math::max);
            started.increment();
            try {
                T result = call.call();
                succeeded.increment();
                unitsSpent.add(cost);
                observer.attempted(settings.name(), ThrottleObserver.Outcome.SUCCESS, cost);
                return result;
            } catch (Exception | Error e) {
                failed.increment();
                observer.attempted(settings.name(), ThrottleObserver.Outcome.of(e), 0);
                throw e;
            } finally {
                running.decrementAndGet();
            }
        } finally {
            try {
                if (admission != null) {
                    shared.release(admission);
                }
            } finally {
                slots.release();
            }
        }
    }

    private long pauseGeneration() {
        lock.lock();
        try {
            return pauseGeneration;
        } finally {
            lock.unlock();
        }
    }

    /** Whether a Retry-After pause came in on this node after {@code generation} and still runs. */
    private boolean pausedSince(long generation) {
        lock.lock();
        try {
            return generation != pauseGeneration && pausedUntil - time.nanoTime() > 0;
        } finally {
            lock.unlock();
        }
    }

    /** The end of this node's Retry-After pause of the account, on {@link #time}; now when there is none. */
    private long pauseEnd() {
        lock.lock();
        try {
            long now = time.nanoTime();
            return pausedUntil == Long.MIN_VALUE || pausedUntil - now < 0 ? now : pausedUntil;
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@link #call} with the account's {@link RetryPolicy}: transient failures are retried with backoff (or after
     * the provider's Retry-After, which pauses the whole account), other failures fail the item at once.
     *
     * @param what what is being fetched, for messages (an item, a URL without credentials)
     * @return the value of {@code call}
     * @throws io.eobatch.provider.ItemDataException  the item's own failure (4xx, malformed answer): not retried
     * @throws RetriesExhaustedException              transient failures outlasted {@code max-attempts}
     * @throws ThrottleTimeoutException               the account was too busy for {@code max-wait-s}
     */
    public <T> T execute(String what, double cost, Callable<T> call) throws InterruptedException {
        return RetryPolicy.of(settings).run(this, what, cost, call, random);
    }

    private void awaitStart(double cost, long deadline) throws InterruptedException {
        while (true) {
            long slot;
            long generation;
            lock.lock();
            try {
                long now = time.nanoTime();
                long t = Math.max(now, pausedUntil);
                String binding = t > now ? "a Retry-After pause of the account" : null;
                if (requests != null) {
                    long r = requests.earliest(now, 1);
                    if (r > t) {
                        t = r;
                        binding = ThrottleSettings.key(settings.name(), "requests-per-minute") + " = "
                                + settings.requestsPerMinute();
                    }
                }
                if (units != null && cost > 0) {
                    long u = units.earliest(now, cost);
                    if (u > t) {
                        t = u;
                        binding = ThrottleSettings.key(settings.name(), "units-per-minute") + " = "
                                + settings.unitsPerMinute();
                    }
                }
                if (t > now && t > deadline) {
                    throw new ThrottleTimeoutException(account + ": the next start allowed by " + binding + " is in "
                            + seconds(t - now) + ", later than " + ThrottleSettings.key(settings.name(), "max-wait-s")
                            + " = " + settings.maxWait().toSeconds() + " s allows");
                }
                if (requests != null) {
                    requests.commit(now, t, 1);
                }
                if (units != null) {
                    units.commit(now, t, cost);
                }
                slot = t;
                generation = pauseGeneration;
            } finally {
                lock.unlock();
            }
            time.sleepUntil(slot);
            lock.lock();
            try {
                if (generation == pauseGeneration || pausedUntil <= time.nanoTime()) {
                    return;
                }
                // A Retry-After came in while this call waited for its slot: take a new slot after the pause.
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Pauses the whole account: no call starts before {@code now + d} (calls already running go on). A longer pause
     * already in force is kept. Used for a provider's {@code Retry-After}. Across nodes, every node's next admission
     * keeps the pause (a call of another node that already holds its start is not called back).
     */
    public void pauseFor(Duration d) {
        if (shared != null) {
            shared.pause(account, d);
        }
        lock.lock();
        try {
            long until = time.nanoTime() + d.toNanos();
            if (until > pausedUntil) {
                pausedUntil = until;
                pauseGeneration++;
                pauses.increment();
                LOG.log(Level.INFO, () -> account + ": paused for " + seconds(d.toNanos()) + " (Retry-After)");
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records a 429 answer that did not fail through {@link #call} (a reader that reads the status itself); for
     * metrics only.
     */
    public void rateLimited() {
        Throttles.observer().rateLimited(settings.name());
    }

    /** Nanoseconds until the account's pause ends (0 when not paused). */
    long pausedFor() {
        lock.lock();
        try {
            return Math.max(0, pausedUntil - time.nanoTime());
        } finally {
            lock.unlock();
        }
    }

    /** Waits on this throttle's clock (backoff between attempts, holding no slot). */
    void sleep(Duration d) throws InterruptedException {
        time.sleepUntil(time.nanoTime() + d.toNanos());
    }

    long nanoTime() {
        return time.nanoTime();
    }

    public ThrottleStats stats() {
        return new ThrottleStats(account, running.get(), maxRunning.get(), slots.getQueueLength(), started.sum(),
                succeeded.sum(), failed.sum(), unitsSpent.sum(), pauses.sum());
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    @Override
    public String toString() {
        return "Throttle[" + account + ", " + settings + "]";
    }
}
