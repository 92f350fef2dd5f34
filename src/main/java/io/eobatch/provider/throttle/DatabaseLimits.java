package io.eobatch.provider.throttle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.eobatch.persistence.DatabaseClock;
import io.eobatch.persistence.OutsideTransaction;
import io.eobatch.persistence.SqlStates;

/**
 * The limits of provider accounts kept in the shared database, so that they hold for every node together (cluster
 * mode): exact, not shares of the limit per node, so nothing needs to be rebalanced when nodes come and go, and a
 * node that dies frees what it held by itself. Tables of migration V15.
 *
 * <p>One admission is one short transaction under the account's row lock ({@code select ... for update} of
 * {@code limit_account}), on the database's clock ({@link DatabaseClock}):
 * <ol>
 *   <li>in-flight slots: rows of {@code limit_slot}, one per running call, each with a lease; a row whose lease
 *       passed (its node died, or the call outlived {@code eobatch.cluster.slot-lease-s}) no longer counts and is
 *       deleted. All slots taken: the transaction ends and the call asks again after a short, growing, jittered wait
 *       (2 ms to 100 ms): waiting callers of several nodes are not served in order, unlike the one node's fair
 *       queue;</li>
 *   <li>the start: the same two rules as {@link WindowLimiter} (pacing and the sliding-log cap), with the pacing
 *       schedule in the account's row and the log in {@code limit_start} (pruned to one window), for requests and
 *       for processing units, and the account's Retry-After pause ({@link #pause}) in its row;</li>
 *   <li>the slot row and the start rows are written, and the transaction commits: the slot and the start are the
 *       caller's, whatever the other nodes do.</li>
 * </ol>
 * The call then waits on its own clock until the reserved start and, when it ends, deletes its slot row (a second,
 * one-statement transaction). So the provider sees at most {@code requests-per-minute} starts in any window across
 * every node, up to the time between a reserved start and the request reaching it, which the window's headroom
 * ({@code rate-headroom}) absorbs as on one node.
 *
 * <p>Everything here runs with the caller's JTA transaction suspended ({@link OutsideTransaction}): the slot and the
 * start must be visible to the other nodes at once, and must not be undone with a chunk that rolls back.
 */
public final class DatabaseLimits implements SharedLimits {

    private static final Logger LOG = Logger.getLogger(DatabaseLimits.class.getName());
    private static final long MIN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final DataSource dataSource;
    private final String node;
    private final Duration slotLease;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /**
     * @param dataSource the shared database (its schema migrated to V15 or later)
     * @param node       this node's id ({@code eobatch.node.id}), written on its slots for operators
     * @param slotLease  how long an in-flight slot is held at most: longer than any one provider call can take; a
     *                   dead node's slots are free again after it
     */
    public DatabaseLimits(DataSource dataSource, String node, Duration slotLease) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.node = Objects.requireNonNull(node, "node");
        this.slotLease = Objects.requireNonNull(slotLease, "slotLease");
        if (slotLease.isNegative() || slotLease.isZero()) {
            throw new IllegalArgumentException("eobatch.cluster.slot-lease-s = " + slotLease.toSeconds()
                    + ": must be positive");
        }
    }

    @Override
    public Admission admit(String account, ThrottleSettings settings, double cost, long deadline,
            long localPauseUntil) throws InterruptedException {
        ensureAccount(account);
        long poll = MIN_POLL_NANOS;
        long entered = System.nanoTime();
        while (true) {
            Admission a = tryAdmit(account, settings, cost, deadline, localPauseUntil);
            if (a != null) {
                return a;
            }
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                throw new ThrottleTimeoutException(account + ": waited " + seconds(now - entered) + " ("
                        + ThrottleSettings.key(settings.name(), "max-wait-s") + ") for one of "
                        + settings.maxInFlight() + " in-flight slots (" + ThrottleSettings.key(settings.name(),
                                "max-in-flight") + ", across the nodes)");
            }
            long nap = Math.min(deadline - now, poll / 2 + ThreadLocalRandom.current().nextLong(poll / 2 + 1));
            TimeUnit.NANOSECONDS.sleep(Math.max(1, nap));
            poll = Math.min(MAX_POLL_NANOS, poll * 2);
        }
    }

    /** One admission transaction: the admission, or null when every slot is taken. */
    private Admission tryAdmit(String account, ThrottleSettings s, double cost, long deadline, long localPauseUntil) {
        return inTransaction(account, c -> admitLocked(c, account, s, cost, deadline, localPauseUntil));
    }

    /** {@link OutsideTransaction#transaction}, its failure naming the account. */
    private <T> T inTransaction(String account, OutsideTransaction.SqlWork<T> work) {
        try {
            return OutsideTransaction.transaction(dataSource, work);
        } catch (SQLException e) {
            throw failure(account, e);
        }
    }

    private Admission admitLocked(Connection c, String account, ThrottleSettings s, double cost, long deadline,
            long localPauseUntil) throws SQLException {
        long[] row = lockAccount(c, account); // requests paced, last; units paced, last; paused until
        long now = DatabaseClock.nowMicros(c);
        long nowNanos = System.nanoTime();
        update(c, "delete from limit_slot where account = ? and expires_us <= ?", account, now);
        if (count(c, account) >= s.maxInFlight()) {
            return null;
        }
        long window = Math.round(s.window().toNanos() * (1 + s.rateHeadroom()) / 1000.0);
        update(c, "delete from limit_start where account = ? and start_us <= ?", account, now - window);

        long t = Math.max(now, Math.max(row[4], now + Math.max(0, localPauseUntil - nowNanos) / 1000));
        String binding = t > now ? "a Retry-After pause of the account" : null;
        if (s.requestsPerMinute() > 0) {
            long r = earliest(c, account, "R", 1, s.requestsPerMinute(), window, row[0], row[1], now);
            if (r > t) {
                t = r;
                binding = ThrottleSettings.key(s.name(), "requests-per-minute") + " = " + s.requestsPerMinute()
                        + " (across the nodes)";
            }
        }
        boolean units = s.unitsPerMinute() > 0 && cost > 0;
        if (units) {
            long u = earliest(c, account, "U", cost, s.unitsPerMinute(), window, row[2], row[3], now);
            if (u > t) {
                t = u;
                binding = ThrottleSettings.key(s.name(), "units-per-minute") + " = " + s.unitsPerMinute()
                        + " (across the nodes)";
            }
        }
        long deadlineMicros = now + (deadline - nowNanos) / 1000;
        if (t > now && t > deadlineMicros) {
            throw new ThrottleTimeoutException(account + ": the next start allowed by " + binding + " is in "
                    + seconds((t - now) * 1000) + ", later than " + ThrottleSettings.key(s.name(), "max-wait-s")
                    + " = " + s.maxWait().toSeconds() + " s allows");
        }
        String slot = UUID.randomUUID().toString();
        try (PreparedStatement p = c.prepareStatement(
                "insert into limit_slot (id, account, node_id, expires_us) values (?, ?, ?, ?)")) {
            p.setString(1, slot);
            p.setString(2, account);
            p.setString(3, node);
            p.setLong(4, t + slotLease.toNanos() / 1000);
            p.executeUpdate();
        }
        long requestsPaced = row[0];
        long requestsLast = row[1];
        long unitsPaced = row[2];
        long unitsLast = row[3];
        if (s.requestsPerMinute() > 0) {
            insertStart(c, account, "R", t, 1);
            requestsPaced = WindowLimiter.pacedAfter(requestsPaced, now, 1, (double) window / s.requestsPerMinute());
            requestsLast = t;
        }
        if (units) {
            insertStart(c, account, "U", t, cost);
            unitsPaced = WindowLimiter.pacedAfter(unitsPaced, now, cost, window / s.unitsPerMinute());
            unitsLast = t;
        }
        if (s.requestsPerMinute() > 0 || units) {
            try (PreparedStatement p = c.prepareStatement("update limit_account set requests_paced = ?,"
                    + " requests_last = ?, units_paced = ?, units_last = ? where account = ?")) {
                p.setLong(1, requestsPaced);
                p.setLong(2, requestsLast);
                p.setLong(3, unitsPaced);
                p.setLong(4, unitsLast);
                p.setString(5, account);
                p.executeUpdate();
            }
        }
        return new Admission(slot, nowNanos + (t - now) * 1000);
    }

    /** {@link WindowLimiter#earliest} over the log in the database; the log is read only when the cap may bind. */
    private static long earliest(Connection c, String account, String kind, double cost, double limit, long window,
            long paced, long last, long now) throws SQLException {
        double sum;
        try (PreparedStatement p = c.prepareStatement(
                "select coalesce(sum(cost), 0) from limit_start where account = ? and kind = ?")) {
            p.setString(1, account);
            p.setString(2, kind);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                sum = r.getDouble(1);
            }
        }
        List<WindowLimiter.Start> log = new ArrayList<>();
        if (WindowLimiter.capBinds(sum, cost, limit)) {
            try (PreparedStatement p = c.prepareStatement("select start_us, cost from limit_start"
                    + " where account = ? and kind = ? order by start_us, id")) {
                p.setString(1, account);
                p.setString(2, kind);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        log.add(new WindowLimiter.Start(r.getLong(1), r.getDouble(2)));
                    }
                }
            }
        }
        return WindowLimiter.earliest(now, cost, limit, window, paced, last, sum, log.iterator());
    }

    private static void insertStart(Connection c, String account, String kind, long at, double cost)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "insert into limit_start (account, kind, start_us, cost) values (?, ?, ?, ?)")) {
            p.setString(1, account);
            p.setString(2, kind);
            p.setLong(3, at);
            p.setDouble(4, cost);
            p.executeUpdate();
        }
    }

    /** Locks the account's row (made by {@link #ensureAccount}) and reads it. */
    private static long[] lockAccount(Connection c, String account) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select requests_paced, requests_last, units_paced, units_last,"
                + " paused_until from limit_account where account = ? for update")) {
            p.setString(1, account);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw new SQLException("no row for account " + account + " in limit_account");
                }
                return new long[] {r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5)};
            }
        }
    }

    /** Makes the account's row once (another node may make it at the same time: its row is as good). */
    private void ensureAccount(String account) {
        if (known.contains(account)) {
            return;
        }
        try {
            inTransaction(account, c -> {
                try (PreparedStatement p = c.prepareStatement("insert into limit_account (account, requests_paced,"
                        + " requests_last, units_paced, units_last, paused_until) values (?, 0, 0, 0, 0, 0)")) {
                    p.setString(1, account);
                    return p.executeUpdate();
                }
            });
        } catch (IllegalStateException e) {
            if (!SqlStates.isUniqueViolation(e)) {
                throw e;
            }
        }
        known.add(account);
    }

    private static int count(Connection c, String account) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select count(*) from limit_slot where account = ?")) {
            p.setString(1, account);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static int update(Connection c, String sql, String account, long at) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, account);
            p.setLong(2, at);
            return p.executeUpdate();
        }
    }

    @Override
    public void release(Admission admission) {
        // one statement on an autocommitted connection: once per call, so no transaction of its own (one round trip)
        OutsideTransaction.call(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement p = c.prepareStatement("delete from limit_slot where id = ?")) {
                c.setAutoCommit(true);
                p.setString(1, admission.slot());
                p.executeUpdate();
            } catch (SQLException e) {
                // the slot's lease frees it in the end; the call's outcome must not be lost over it
                LOG.log(Level.WARNING, "in-flight slot " + admission.slot() + " not given back (its lease of "
                        + slotLease.toSeconds() + " s frees it): " + e.getMessage(), e);
            }
            return null;
        });
    }

    @Override
    public void pause(String account, Duration d) {
        ensureAccount(account);
        inTransaction(account, c -> {
            long until = DatabaseClock.nowMicros(c) + d.toNanos() / 1000;
            try (PreparedStatement p = c.prepareStatement(
                    "update limit_account set paused_until = ? where account = ? and paused_until < ?")) {
                p.setLong(1, until);
                p.setString(2, account);
                p.setLong(3, until);
                return p.executeUpdate();
            }
        });
    }

    /** Slots held now (leases not passed) of an account, for tests and operators. */
    public int inFlight(String account) {
        return inTransaction(account, c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "select count(*) from limit_slot where account = ? and expires_us > ?")) {
                p.setString(1, account);
                p.setLong(2, DatabaseClock.nowMicros(c));
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException(what + ": the provider limits in the database could not be used: "
                + e.getMessage(), e);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    @Override
    public String toString() {
        return "DatabaseLimits[node " + node + ", slot lease " + slotLease.toSeconds() + " s]";
    }
}
