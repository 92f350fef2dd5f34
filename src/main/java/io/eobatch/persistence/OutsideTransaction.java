package io.eobatch.persistence;

import java.util.logging.Level;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;

/**
 * Runs work outside the caller's JTA transaction (suspended, then resumed), so that it can commit short JDBC
 * transactions of its own on a pooled connection: the provider limits and budgets across nodes are asked from inside
 * a chunk's transaction, and what they take (a rate slot, a budget reservation) must be visible to the other nodes at
 * once, whatever becomes of the chunk. Outside a server (unit tests, benchmarks) there is no transaction manager and
 * the work simply runs.
 */
public final class OutsideTransaction {

    private static final Logger LOG = Logger.getLogger(OutsideTransaction.class.getName());
    private static final String JNDI = "java:jboss/TransactionManager";
    private static volatile TransactionManager manager;
    private static volatile boolean looked;

    private OutsideTransaction() {
    }

    /** Work that may throw, run by {@link #call}. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /** Runs {@code work} with the thread's JTA transaction (if any) suspended. */
    public static <T, E extends Exception> T call(Work<T, E> work) throws E {
        TransactionManager tm = manager();
        Transaction suspended = null;
        if (tm != null) {
            try {
                suspended = tm.suspend();
            } catch (Exception e) {
                throw new IllegalStateException("could not suspend the transaction: " + e, e);
            }
        }
        try {
            return work.run();
        } finally {
            if (suspended != null) {
                try {
                    tm.resume(suspended);
                } catch (Exception e) {
                    throw new IllegalStateException("could not resume the transaction: " + e, e);
                }
            }
        }
    }

    /** Work on a JDBC connection, run by {@link #transaction}. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(java.sql.Connection c) throws java.sql.SQLException;
    }

    /**
     * Runs {@code work} in one short local transaction of its own on a connection of {@code dataSource}, with the
     * thread's JTA transaction (if any) suspended: committed when it returns, rolled back when it throws.
     */
    public static <T> T transaction(javax.sql.DataSource dataSource, SqlWork<T> work) throws java.sql.SQLException {
        return call(() -> {
            try (java.sql.Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T t = work.run(c);
                    c.commit();
                    return t;
                } catch (java.sql.SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            }
        });
    }

    private static TransactionManager manager() {
        if (!looked) {
            try {
                manager = (TransactionManager) new InitialContext().lookup(JNDI);
            } catch (NamingException | RuntimeException e) {
                LOG.log(Level.FINE, "no transaction manager at " + JNDI + " (not in a server)", e);
            }
            looked = true;
        }
        return manager;
    }
}
