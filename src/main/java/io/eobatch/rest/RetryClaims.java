package io.eobatch.rest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * retry-failed at most once per job instance (table {@code retry_claim}, migration V10): {@link #claim} inserts the
 * instance's row, whose primary key lets one caller through and answers every other, concurrent or later, with a
 * 409, so that no FAILED item is paid for twice. A row lock or a check-then-insert would not hold across two
 * requests (or two nodes) that both read "not retried yet"; the key does.
 */
@ApplicationScoped
public class RetryClaims {

    @Resource(lookup = "java:jboss/datasources/EobatchDS")
    DataSource dataSource;

    /**
     * Claims the retry of {@code instance} (named by the client as {@code execution}); 409 when it is claimed
     * already, naming the retry's execution when it has one.
     */
    public void claim(long instance, long execution, String user) {
        String sql = "insert into retry_claim (source_instance_id, source_execution_id, username, at) values (?,?,?,?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, instance);
            ps.setLong(2, execution);
            ps.setString(3, user.length() > 256 ? user.substring(0, 256) : user);
            ps.setTimestamp(4, Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MILLIS)));
            ps.executeUpdate();
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) { // integrity constraint: claimed
                Optional<Long> by = retriedBy(instance);
                throw ProblemException.conflict("the FAILED items of execution " + execution + " (job instance "
                        + instance + ") are retried already" + by.map(id -> " by execution " + id)
                        .orElse(" (the retry is starting)") + "; retry that execution's failures instead");
            }
            throw new IllegalStateException("could not claim the retry of job instance " + instance, e);
        }
    }

    /** Records the execution that the claim of {@code instance} started. */
    public void started(long instance, long retryExecution) {
        update("update retry_claim set retry_execution_id = ? where source_instance_id = ?", retryExecution, instance);
    }

    /** Gives the claim of {@code instance} up: its launch was refused, nothing started. */
    public void release(long instance) {
        update("delete from retry_claim where source_instance_id = ? and retry_execution_id is null", instance);
    }

    /** The execution that retried {@code instance}, once it has started. */
    public Optional<Long> retriedBy(long instance) {
        String sql = "select retry_execution_id from retry_claim where source_instance_id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, instance);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long id = rs.getLong(1);
                    return rs.wasNull() ? Optional.empty() : Optional.of(id);
                }
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the retry claim of job instance " + instance, e);
        }
    }

    private void update(String sql, long... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setLong(i + 1, values[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not update a retry claim: " + sql, e);
        }
    }
}
