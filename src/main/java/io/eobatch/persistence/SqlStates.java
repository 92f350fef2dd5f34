package io.eobatch.persistence;

import java.sql.SQLException;

/** SQLSTATEs that eobatch acts on, the same in H2 and PostgreSQL. */
public final class SqlStates {

    private SqlStates() {
    }

    /** SQLSTATE 23505 (unique violation) somewhere in the causes of {@code e} (or {@code e} itself). */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
