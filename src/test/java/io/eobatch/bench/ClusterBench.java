package io.eobatch.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

import io.eobatch.it.pg.PostgresLauncher;
import io.eobatch.ledger.Claims;

/**
 * The database side of the cluster benchmark ({@code src/test/bench/cluster.sh}; a plain main, not a test): the
 * shared PostgreSQL of the nodes, and what the ledger says each node did.
 * <ul>
 *   <li>{@code postgres DATA_DIR PORT PASSWORD}: starts the embedded PostgreSQL the integration tests use
 *       ({@link PostgresLauncher}: a fresh cluster in {@code DATA_DIR} on 127.0.0.1:{@code PORT}, database and login
 *       role {@code eobatch} with {@code PASSWORD}) and keeps it running while this JVM runs: stopping the JVM by its
 *       pid (SIGTERM) stops PostgreSQL (fast shutdown) through the launcher's shutdown hook.</li>
 *   <li>{@code ledger URL USER PASSWORD EXECUTION}: prints one JSON object about the job instance of the main
 *       execution {@code EXECUTION}: its items by status; by node ({@code work_item.lease_node}, the node that
 *       claimed an item last) with the first and last commit of that node's items; the window of each node's fetch
 *       step (its main or worker executions in {@code execution_node}, their {@code fetch-*} step in JBeret's
 *       {@code step_execution}); and the counts the benchmark's checks read (see {@link #LEDGER_CHECKS}).</li>
 * </ul>
 */
public final class ClusterBench {

    private ClusterBench() {
    }

    /** {@code (job_instance_id)} of the main execution, the first parameter of every ledger query. */
    private static final String INSTANCE = "(select jobinstanceid from job_execution where jobexecutionid = ?)";

    /** The statistics rows of item {@code w}. */
    private static final String ROWS_OF_ITEM = "(select count(*) from statistics_row r where r.work_item_id = w.id)";

    /**
     * The checks' counts, name to SQL over the instance (one parameter: the execution); each must be 0 for a run
     * whose every item was done exactly once.
     */
    static final String[][] LEDGER_CHECKS = {
        {"itemsNotDoneOrNoData", "select count(*) from work_item where job_instance_id = " + INSTANCE
                + " and status not in ('DONE', 'NO_DATA')"},
        {"itemsClaimedMoreThanOnce", "select count(*) from work_item where job_instance_id = " + INSTANCE
                + " and attempts > 1"},
        {"doneItemsWithoutExactlyOneRow", "select count(*) from work_item w where w.job_instance_id = " + INSTANCE
                + " and w.status = 'DONE' and " + ROWS_OF_ITEM + " <> 1"},
        {"noDataItemsWithMoreThanOneRow", "select count(*) from work_item w where w.job_instance_id = " + INSTANCE
                + " and w.status = 'NO_DATA' and " + ROWS_OF_ITEM + " > 1"},
        {"rowsOfItemsNotDoneOrNoData", "select count(*) from statistics_row r join work_item w on w.id = r.work_item_id"
                + " where r.job_instance_id = " + INSTANCE + " and w.status not in ('DONE', 'NO_DATA')"},
        {"duplicateRowsPerAoiAndScene", "select count(*) from (select aoi_id, item_id from statistics_row where "
                + "job_instance_id = " + INSTANCE + " group by aoi_id, item_id having count(*) > 1) d"},
        // the node that claimed an item last is the node of the execution that claimed it (the two records agree);
        // an item the plan settled (an AOI without scenes: NO_DATA, never claimed) has neither
        {"itemsWhoseNodeIsNotTheirExecutionsNode", "select count(*) from work_item w left join execution_node o on "
                + "o.job_execution_id = w.last_execution_id where w.job_instance_id = " + INSTANCE
                + " and w.attempts > 0 and (w.lease_node is null or o.node_id is null or o.node_id <> w.lease_node)"},
    };

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("postgres")) {
            PostgresLauncher.main(new String[] {"start", args[1], args[2], "eobatch", "eobatch", args[3]});
            new CountDownLatch(1).await(); // until SIGTERM: the launcher's hook stops PostgreSQL
        } else if (args.length == 5 && args[0].equals("ledger")) {
            System.out.println(ledger(args[1], args[2], args[3], Long.parseLong(args[4])));
        } else {
            throw new IllegalArgumentException("usage: postgres DATA_DIR PORT PASSWORD | ledger URL USER PASSWORD "
                    + "EXECUTION; got " + List.of(args));
        }
    }

    /** The JSON object described in the class comment. */
    static String ledger(String url, String user, String password, long execution) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            return ledger(c, execution);
        }
    }

    /** The JSON object described in the class comment, read over {@code c}. */
    static String ledger(Connection c, long execution) throws SQLException {
        StringBuilder json = new StringBuilder("{\"execution\": ").append(execution);
        json.append(", \"byStatus\": {");
        List<String> parts = new ArrayList<>();
        query(c, "select status, count(*) from work_item where job_instance_id = " + INSTANCE
                + " group by status order by status", execution,
                rs -> parts.add(quote(rs.getString(1)) + ": " + rs.getLong(2)));
        json.append(String.join(", ", parts)).append('}');
        parts.clear();
        // updated_at is written at the claim and again at the commit: per node, its first and last commit
        query(c, "select lease_node, count(*), extract(epoch from min(updated_at)), "
                + "extract(epoch from max(updated_at)) from work_item where job_instance_id = " + INSTANCE
                + " group by lease_node order by lease_node", execution,
                rs -> parts.add(String.format(Locale.ROOT, "{\"node\": %s, \"items\": %d, \"firstCommit\": %.3f,"
                        + " \"lastCommit\": %.3f}", quote(rs.getString(1)), rs.getLong(2), rs.getDouble(3),
                        rs.getDouble(4))));
        json.append(", \"byNode\": [").append(String.join(", ", parts)).append(']');
        parts.clear();
        query(c, "select o.node_id, o.job_execution_id, o.main_execution_id, s.stepname, "
                + "extract(epoch from s.starttime), extract(epoch from s.endtime), s.batchstatus "
                + "from execution_node o join step_execution s on s.jobexecutionid = o.job_execution_id "
                + "where (o.job_execution_id = ? or o.main_execution_id = ?) and s.stepname like 'fetch-%' "
                + "order by o.job_execution_id", ps -> {
                    ps.setLong(1, execution);
                    ps.setLong(2, execution);
                }, rs -> parts.add(String.format(Locale.ROOT, "{\"node\": %s, \"execution\": %d, \"worker\": %b, "
                        + "\"step\": %s, \"started\": %s, \"ended\": %s, \"status\": %s}", quote(rs.getString(1)),
                        rs.getLong(2), rs.getObject(3) != null, quote(rs.getString(4)), number(rs, 5),
                        number(rs, 6), quote(rs.getString(7)))));
        json.append(", \"fetchSteps\": [").append(String.join(", ", parts)).append(']');
        parts.clear();
        long[] rows = new long[1];
        query(c, "select count(*) from statistics_row where job_instance_id = " + INSTANCE, execution,
                rs -> rows[0] = rs.getLong(1));
        json.append(", \"rows\": ").append(rows[0]);
        json.append(", \"claimAtTheEnd\": ").append(claimAtTheEnd(c, execution));
        json.append(", \"checks\": {");
        for (String[] check : LEDGER_CHECKS) {
            long[] n = new long[1];
            query(c, check[1], execution, rs -> n[0] = rs.getLong(1));
            parts.add(quote(check[0]) + ": " + n[0]);
        }
        return json.append(String.join(", ", parts)).append("}}").toString();
    }

    /**
     * What one claim's selects ({@link Claims#SELECTS}, a chunk of 50) cost on the instance once it is finished, when
     * nothing is claimable: the median milliseconds of 5 claims and the lines of each select's plan
     * ({@code EXPLAIN ANALYZE}), as a JSON object.
     */
    private static String claimAtTheEnd(Connection c, long execution) throws SQLException {
        long[] instance = new long[1];
        query(c, "select jobinstanceid from job_execution where jobexecutionid = ?", execution,
                rs -> instance[0] = rs.getLong(1));
        List<String> selects = Claims.SELECTS.stream().map(s -> s.replace("?1", "?").replace("?2", "?")).toList();
        Binder bind = ps -> {
            ps.setLong(1, instance[0]);
            ps.setInt(2, 50);
        };
        double[] ms = new double[5];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            for (String select : selects) {
                query(c, select, bind, rs -> { });
            }
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        java.util.Arrays.sort(ms);
        List<String> plan = new ArrayList<>();
        for (String select : selects) {
            query(c, "explain (analyze, buffers) " + select, bind, rs -> plan.add(quote(rs.getString(1))));
        }
        return String.format(Locale.ROOT, "{\"medianMs\": %.2f, \"plan\": [%s]}", ms[ms.length / 2],
                String.join(", ", plan));
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private static void query(Connection c, String sql, long execution, RowReader each) throws SQLException {
        query(c, sql, ps -> ps.setLong(1, execution), each);
    }

    private static void query(Connection c, String sql, Binder binder, RowReader each) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.read(rs);
                }
            }
        }
    }

    private static String number(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? "null" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
