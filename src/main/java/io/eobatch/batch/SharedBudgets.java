package io.eobatch.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongToDoubleFunction;

import javax.sql.DataSource;

import io.eobatch.persistence.DatabaseClock;
import io.eobatch.persistence.OutsideTransaction;
import io.eobatch.persistence.SqlStates;

/**
 * Job budgets kept in the shared database, so that the executions of one job instance on several nodes cannot
 * together spend more than its {@code budget} (cluster mode; {@link Budgets} uses it, tables of migration V15).
 *
 * <p>Per job instance, a row of {@code budget_spend} (what its calls were charged: started from the ledger's recorded
 * cost the first time a node reserves, then kept here) and a row of {@code budget_hold} per execution and node (what
 * its calls under way reserve). A reservation and a settlement are each one short transaction under the lock of the
 * instance's {@code budget_spend} row: the check "spent + reserved + cost &lt;= budget" and the reservation are one.
 * A hold is renewed by every reserve and settle of its execution on its node; one not renewed within
 * {@code eobatch.cluster.budget-hold-s} (its node died) no longer counts and is deleted. A charged call whose item's
 * row was then lost with its node stays in the spent amount: the provider charged it.
 *
 * <p>Runs with the caller's JTA transaction suspended ({@link OutsideTransaction}): a reservation is visible to the
 * other nodes at once, and is not undone with a chunk that rolls back (its settlement gives it back).
 */
public final class SharedBudgets {

    private final DataSource dataSource;
    private final String node;
    private final Duration hold;
    /** Instances whose {@code budget_spend} row is known to exist (rows are never deleted). */
    private final Set<Long> known = ConcurrentHashMap.newKeySet();

    /**
     * @param dataSource the shared database (its schema migrated to V15 or later)
     * @param node       this node's id ({@code eobatch.node.id})
     * @param hold       how long a hold counts after its last renewal ({@code eobatch.cluster.budget-hold-s})
     */
    public SharedBudgets(DataSource dataSource, String node, Duration hold) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.node = Objects.requireNonNull(node, "node");
        this.hold = Objects.requireNonNull(hold, "hold");
    }

    /** What a reservation saw: whether it was made, and the instance's spent and reserved amounts before it. */
    public record Reservation(boolean made, double spent, double reserved) {
    }

    /**
     * Reserves {@code cost} for a call of execution {@code execution} of job instance {@code instance}, unless the
     * instance's spent and reserved amounts (every node's) and this cost would pass {@code budget}.
     *
     * @param ledgerSpent the instance's cost recorded in the ledger, asked only the first time the instance is seen
     */
    public Reservation reserve(long instance, long execution, double budget, double cost,
            LongToDoubleFunction ledgerSpent) {
        ensureInstance(instance, ledgerSpent);
        return inTransaction(instance, c -> {
            double spent = lockSpent(c, instance);
            long now = DatabaseClock.nowMicros(c);
            try (PreparedStatement p = c.prepareStatement(
                    "delete from budget_hold where job_instance_id = ? and expires_us <= ?")) {
                p.setLong(1, instance);
                p.setLong(2, now);
                p.executeUpdate();
            }
            double reserved;
            try (PreparedStatement p = c.prepareStatement(
                    "select coalesce(sum(reserved), 0) from budget_hold where job_instance_id = ?")) {
                p.setLong(1, instance);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    reserved = r.getDouble(1);
                }
            }
            if (spent + reserved + cost > budget * (1 + 1e-12)) {
                return new Reservation(false, spent, reserved);
            }
            if (hold(c, instance, execution, cost, now) == 0) {
                try (PreparedStatement p = c.prepareStatement("insert into budget_hold (job_instance_id,"
                        + " execution_id, node_id, reserved, expires_us) values (?, ?, ?, ?, ?)")) {
                    p.setLong(1, instance);
                    p.setLong(2, execution);
                    p.setString(3, node);
                    p.setDouble(4, cost);
                    p.setLong(5, now + hold.toNanos() / 1000);
                    p.executeUpdate();
                }
            }
            return new Reservation(true, spent, reserved);
        });
    }

    /**
     * Ends a reservation of {@code reserved} of which {@code spent} was charged: the hold gives back
     * {@code reserved}, the instance's spent amount grows by {@code spent}.
     */
    public void settle(long instance, long execution, double reserved, double spent) {
        inTransaction(instance, c -> {
            lockSpent(c, instance);
            hold(c, instance, execution, -reserved, DatabaseClock.nowMicros(c));
            if (spent != 0) {
                try (PreparedStatement p = c.prepareStatement(
                        "update budget_spend set spent = spent + ? where job_instance_id = ?")) {
                    p.setDouble(1, spent);
                    p.setLong(2, instance);
                    p.executeUpdate();
                }
            }
            return null;
        });
    }

    /** The instance's spent amount (0 when no node reserved yet), for tests and messages. */
    public double spent(long instance) {
        return inTransaction(instance, c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "select spent from budget_spend where job_instance_id = ?")) {
                p.setLong(1, instance);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? r.getDouble(1) : 0.0;
                }
            }
        });
    }

    /** Adds {@code delta} to this node's hold of the execution and renews it; the rows updated (0: no hold). */
    private int hold(Connection c, long instance, long execution, double delta, long now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("update budget_hold set reserved = reserved + ?,"
                + " expires_us = ? where job_instance_id = ? and execution_id = ? and node_id = ?")) {
            p.setDouble(1, delta);
            p.setLong(2, now + hold.toNanos() / 1000);
            p.setLong(3, instance);
            p.setLong(4, execution);
            p.setString(5, node);
            return p.executeUpdate();
        }
    }

    private static double lockSpent(Connection c, long instance) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "select spent from budget_spend where job_instance_id = ? for update")) {
            p.setLong(1, instance);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw new SQLException("no row for job instance " + instance + " in budget_spend");
                }
                return r.getDouble(1);
            }
        }
    }

    /** Makes the instance's row with the ledger's spent cost, unless a node made it already. */
    private void ensureInstance(long instance, LongToDoubleFunction ledgerSpent) {
        if (known.contains(instance)) {
            return;
        }
        boolean exists = inTransaction(instance, c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "select 1 from budget_spend where job_instance_id = ?")) {
                p.setLong(1, instance);
                try (ResultSet r = p.executeQuery()) {
                    return r.next();
                }
            }
        });
        if (!exists) {
            insertSpent(instance, ledgerSpent.applyAsDouble(instance));
        }
        known.add(instance);
    }

    private void insertSpent(long instance, double spent) {
        try {
            inTransaction(instance, c -> {
                try (PreparedStatement p = c.prepareStatement(
                        "insert into budget_spend (job_instance_id, spent) values (?, ?)")) {
                    p.setLong(1, instance);
                    p.setDouble(2, spent);
                    p.executeUpdate();
                }
                return null;
            });
        } catch (IllegalStateException e) {
            if (!SqlStates.isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    private <T> T inTransaction(long instance, OutsideTransaction.SqlWork<T> work) {
        try {
            return OutsideTransaction.transaction(dataSource, work);
        } catch (SQLException e) {
            throw new IllegalStateException("job instance " + instance
                    + ": the budget in the database could not be used: " + e.getMessage(), e);
        }
    }
}
