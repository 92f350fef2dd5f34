package io.eobatch.security;

import java.security.Principal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who launched, stopped, restarted, retried or abandoned an execution (table {@code execution_action}, migration V7):
 * the user the container authenticated, one row and one log line per action. {@code GET /api/executions/{id}} shows
 * the rows of the execution.
 */
@ApplicationScoped
public class ExecutionActions {

    private static final Logger LOG = Logger.getLogger(ExecutionActions.class.getName());

    /** What was done to an execution. */
    public enum Action { LAUNCH, STOP, RESTART, RETRY_FAILED, ABANDON }

    /**
     * One action by {@code user} at {@code at} on {@code execution}; for a restart or a retry-failed {@code execution}
     * is the new execution and {@code source} the one restarted or retried.
     */
    @jakarta.json.bind.annotation.JsonbNillable
    public record Entry(String action, String user, String at, long execution, Long source) {
    }

    /** The caller of the current request (Weld's built-in bean: the Elytron identity of the request). */
    @Inject
    Principal caller;

    @Resource(lookup = "java:jboss/datasources/EobatchDS")
    DataSource dataSource;

    /** The name of the authenticated caller; {@code anonymous} outside a request (never under /api). */
    public String user() {
        try {
            String name = caller == null ? null : caller.getName();
            return name == null || name.isBlank() ? "anonymous" : name;
        } catch (RuntimeException e) {
            return "anonymous";
        }
    }

    /** Records {@code action} on {@code executionId} by the caller and logs it with the user's name. */
    public void record(Action action, long executionId, Long sourceId) {
        String user = user();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String sql = "insert into execution_action (execution_id, action, username, source_id, at) values (?,?,?,?,?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, executionId);
            ps.setString(2, action.name());
            ps.setString(3, user.length() > 256 ? user.substring(0, 256) : user);
            if (sourceId == null) {
                ps.setNull(4, java.sql.Types.BIGINT);
            } else {
                ps.setLong(4, sourceId);
            }
            ps.setTimestamp(5, Timestamp.from(now));
            ps.executeUpdate();
        } catch (SQLException e) {
            // the action has happened (the execution started, stopped, ...): a failed record must not turn it into
            // an error the client would retry; the log line below still names the user
            LOG.log(java.util.logging.Level.WARNING, "could not record " + action + " of execution " + executionId, e);
        }
        LOG.info(() -> "user " + user + ": " + action + " execution " + executionId
                + (sourceId == null ? "" : " (of execution " + sourceId + ")"));
    }

    /** The actions on an execution, and the restarts and retries of it, oldest first. */
    public List<Entry> of(long executionId) {
        List<Entry> out = new ArrayList<>();
        String sql = "select action, username, at, execution_id, source_id from execution_action"
                + " where execution_id = ? or source_id = ? order by id";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, executionId);
            ps.setLong(2, executionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long source = rs.getLong(5);
                    out.add(new Entry(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant().toString(),
                            rs.getLong(4), rs.wasNull() ? null : source));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the actions of execution " + executionId, e);
        }
        return out;
    }
}
