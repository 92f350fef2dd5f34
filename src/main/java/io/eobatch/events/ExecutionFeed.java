package io.eobatch.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.eobatch.ledger.ItemStatus;

/**
 * The state the broadcaster compares from one tick to the next, read with plain JDBC from the database every node
 * shares: JBeret's job repository tables for the executions, the ledger for the item counts and failures. So an
 * event says what the database says, whichever node ran the job, and no batch thread is asked anything.
 */
final class ExecutionFeed {

    private ExecutionFeed() {
    }

    /** The newest {@code limit} executions, newest first (empty before JBeret made its tables). */
    static List<EventData.Execution> newest(Connection c, int limit) throws SQLException {
        String sql = "select e.JOBEXECUTIONID, e.JOBINSTANCEID, i.JOBNAME, e.BATCHSTATUS, e.EXITSTATUS, e.CREATETIME, "
                + "e.STARTTIME, e.ENDTIME from JOB_EXECUTION e join JOB_INSTANCE i on i.JOBINSTANCEID = e.JOBINSTANCEID "
                + "where i.JOBNAME not like '%" + io.eobatch.cluster.Workers.SUFFIX + "' " // workers: part of their main
                + "order by e.JOBEXECUTIONID desc";
        List<EventData.Execution> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new EventData.Execution(rs.getLong(1), rs.getString(3), rs.getLong(2), rs.getString(4),
                            rs.getString(5), iso(rs.getTimestamp(6)), iso(rs.getTimestamp(7)),
                            iso(rs.getTimestamp(8))));
                }
            }
        }
        return out;
    }

    /**
     * The item counts by status of a job instance (every status present, 0 when none), as the ledger keeps them in
     * {@code item_count} (a few rows: the broadcaster reads them every tick for every running execution, where
     * counting the ledger read all its items).
     */
    static Map<ItemStatus, Long> counts(Connection c, long instance) throws SQLException {
        Map<ItemStatus, Long> out = new EnumMap<>(ItemStatus.class);
        for (ItemStatus s : ItemStatus.values()) {
            out.put(s, 0L);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "select status, sum(n) from item_count where job_instance_id = ? group by status")) {
            ps.setLong(1, instance);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(ItemStatus.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
        }
        return out;
    }

    /** The FAILED items of a job instance updated at or after {@code since}, at most {@code limit}, oldest first. */
    static List<EventData.ItemFailed> failedSince(Connection c, long execution, long instance, Instant since,
                                                  int limit) throws SQLException {
        String sql = "select id, item_key, aoi_id, scene_id, attempts, last_error, updated_at from work_item "
                + "where job_instance_id = ? and status = 'FAILED' and updated_at >= ? order by updated_at, id";
        List<EventData.ItemFailed> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, instance);
            ps.setTimestamp(2, Timestamp.from(since));
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new EventData.ItemFailed(execution, rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getInt(5), rs.getString(6), iso(rs.getTimestamp(7))));
                }
            }
        }
        return out;
    }

    /** The progress numbers of {@code counts} (every status present), as the REST views give them. */
    static EventData.Progress progress(long execution, long instance, Map<ItemStatus, Long> c) {
        return new EventData.Progress(execution, instance, ItemStatus.total(c), c.get(ItemStatus.DONE),
                c.get(ItemStatus.NO_DATA), c.get(ItemStatus.TOO_CLOUDY), c.get(ItemStatus.FAILED),
                c.get(ItemStatus.PENDING), c.get(ItemStatus.IN_FLIGHT), ItemStatus.percentProcessed(c));
    }

    private static String iso(Timestamp t) {
        return t == null ? null : t.toInstant().toString();
    }
}
