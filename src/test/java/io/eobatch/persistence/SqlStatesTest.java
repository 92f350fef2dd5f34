package io.eobatch.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class SqlStatesTest {

    @Test
    void aUniqueViolationIsFoundAmongTheCauses() {
        SQLException unique = new SQLException("duplicate key", "23505");
        assertTrue(SqlStates.isUniqueViolation(unique));
        assertTrue(SqlStates.isUniqueViolation(new IllegalStateException("wrapped", new RuntimeException(unique))));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(SqlStates.isUniqueViolation(new SQLException("no such table", "42S02")));
        assertFalse(SqlStates.isUniqueViolation(new SQLException("no state")));
        assertFalse(SqlStates.isUniqueViolation(new IllegalStateException("no cause")));
        assertFalse(SqlStates.isUniqueViolation(null));
    }
}
