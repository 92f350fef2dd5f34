package io.eobatch.results;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which job instances had their results deleted (table {@code results_deletion}, migration V12), and the finished job
 * instances that the retention schedule may delete. Plain JDBC on the application's datasource, as
 * {@code security.ExecutionActions}: one small table, no entity needed.
 */
@ApplicationScoped
public class ResultsDeletions {

    /** Why results were deleted. */
    public enum Reason { REQUEST, RETENTION }

    /**
     * A deletion.
     *
     * @param jobInstanceId the job instance whose results folder was removed
     * @param at            when (UTC)
     * @param by            the user, or {@code retention}
     * @param reason        REQUEST or RETENTION
     * @param files         files removed
     * @param bytes         their size in bytes
     */
    public record Deletion(long jobInstanceId, Instant at, String by, Reason reason, long files, long bytes) {
    }

    @Resource(lookup = "java:jboss/datasources/EobatchDS")
    DataSource dataSource;

    /** The deletion of a job instance's results, or empty when they were never deleted. */
    public Optional<Deletion> find(long jobInstanceId) {
        String sql = "select deleted_at, deleted_by, reason, files, bytes from results_deletion where job_instance_id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, jobInstanceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Deletion(jobInstanceId, rs.getTimestamp(1).toInstant(), rs.getString(2),
                        Reason.valueOf(rs.getString(3)), rs.getLong(4), rs.getLong(5)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the results deletion of job instance " + jobInstanceId, e);
        }
    }

    /** Records a deletion (a second one of the same instance replaces the first: its files are counted again). */
    public void record(Deletion d) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement del = c.prepareStatement("delete from results_deletion where job_instance_id = ?")) {
                del.setLong(1, d.jobInstanceId());
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into results_deletion (job_instance_id, "
                    + "deleted_at, deleted_by, reason, files, bytes) values (?,?,?,?,?,?)")) {
                ps.setLong(1, d.jobInstanceId());
                ps.setTimestamp(2, Timestamp.from(d.at()));
                ps.setString(3, d.by().length() > 256 ? d.by().substring(0, 256) : d.by());
                ps.setString(4, d.reason().name());
                ps.setLong(5, d.files());
                ps.setLong(6, d.bytes());
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the results deletion of job instance "
                    + d.jobInstanceId(), e);
        }
    }

    /**
     * The job instances none of whose executions is running (STARTING, STARTED, STOPPING) and whose newest execution
     * ended before {@code cutoff}, whose results were not deleted yet; read from JBeret's job repository
     * ({@code JOB_EXECUTION}, in the same datasource), oldest first.
     */
    public List<Long> finishedBefore(Instant cutoff) {
        String sql = "select e.JOBINSTANCEID from JOB_EXECUTION e group by e.JOBINSTANCEID "
                + "having sum(case when e.BATCHSTATUS in ('STARTED','STARTING','STOPPING') then 1 else 0 end) = 0 "
                + "and count(e.ENDTIME) = count(*) and max(e.ENDTIME) < ? "
                + "and e.JOBINSTANCEID not in (select d.job_instance_id from results_deletion d) "
                + "order by max(e.ENDTIME)";
        List<Long> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the finished job instances", e);
        }
        return out;
    }
}
