package io.eobatch.provider.throttle;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Logger;

/**
 * One {@link Throttle} per provider account for the whole JVM: every partition, thread and concurrent execution
 * that talks to the same account gets the same instance, so the account's limits hold in total, not per job.
 *
 * <p>The key names the account, not the job: e.g. {@code "sentinel-hub:" + baseUrl + ":" + clientId} (never a
 * secret; it appears in messages and logs). The first caller's settings make the throttle; a later call with
 * different settings for the same key gets the existing throttle and a warning (once per key) (limits are read at first use;
 * a changed config takes effect after a restart of the application).
 */
public final class Throttles {

    private static final Logger LOG = Logger.getLogger(Throttles.class.getName());
    private static final ConcurrentMap<String, Throttle> BY_ACCOUNT = new ConcurrentHashMap<>();
    private static final java.util.Set<String> WARNED = ConcurrentHashMap.newKeySet();
    private static volatile ThrottleObserver observer = ThrottleObserver.NONE;

    private Throttles() {
    }

    public static Throttle forAccount(String key, ThrottleSettings settings) {
        return forAccount(key, settings, null);
    }

    /**
     * The throttle of an account whose limits hold across nodes, kept in {@code shared} ({@link DatabaseLimits});
     * null: in this JVM, as {@link #forAccount(String, ThrottleSettings)}. The first caller decides, as for settings.
     */
    public static Throttle forAccount(String key, ThrottleSettings settings, SharedLimits shared) {
        Throttle t = BY_ACCOUNT.computeIfAbsent(key, k -> new Throttle(k, settings, shared));
        if (!t.settings().equals(settings) && WARNED.add(key)) {
            LOG.warning(() -> key + ": throttle already made with " + t.settings() + "; ignoring " + settings);
        }
        return t;
    }

    /**
     * Sets the observer of every throttle's calls (metrics); {@link ThrottleObserver#NONE} (or null) for none. One
     * for the JVM, like the throttles.
     */
    public static void observe(ThrottleObserver o) {
        observer = o == null ? ThrottleObserver.NONE : o;
    }

    /** The observer of every throttle's calls. */
    static ThrottleObserver observer() {
        return observer;
    }

    /** Forgets an account (tests). */
    static void forget(String key) {
        BY_ACCOUNT.remove(key);
        WARNED.remove(key);
    }
}
