package io.eobatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.eobatch.persistence.TestDatabases;
import io.eobatch.persistence.TestDatabases.Kind;

/**
 * The cluster benchmark's ledger report ({@link ClusterBench#ledger}) on a real PostgreSQL (migrated; JBeret's two
 * tables it reads made by hand with the columns it reads): a run of main execution 70 on node-a with a worker 71 on
 * node-b is counted per node with each node's fetch window, every check is 0, and the claim's select is timed with its
 * plan; each kind of damage the checks exist for moves its count.
 */
class ClusterBenchTest {

    private static TestDatabases.Db db;
    private static JdbcConnectionPool pool;

    @BeforeAll
    static void run() {
        db = TestDatabases.open(Kind.POSTGRESQL);
        pool = db.pool(2);
        for (String sql : List.of(
                "create table job_execution (jobexecutionid bigint primary key, jobinstanceid bigint not null)",
                "create table step_execution (stepexecutionid bigint primary key, jobexecutionid bigint, "
                        + "stepname varchar(255), starttime timestamp, endtime timestamp, batchstatus varchar(30))",
                "insert into job_execution values (70, 7), (71, 8), (90, 9)",
                "insert into execution_node (job_execution_id, job_instance_id, node_id, main_execution_id, "
                        + "started_at) values (70, 7, 'node-a', null, now()), (71, 8, 'node-b', 70, now())",
                "insert into step_execution values (1, 70, 'plan-items', '2023-06-01 10:00:00', "
                        + "'2023-06-01 10:00:02', 'COMPLETED'), (2, 70, 'fetch-statistics', '2023-06-01 10:00:02', "
                        + "'2023-06-01 10:00:12', 'COMPLETED'), (3, 71, 'fetch-statistics', '2023-06-01 10:00:05', "
                        + "'2023-06-01 10:00:11', 'COMPLETED')")) {
            db.execute(pool, sql);
        }
        // items 1, 2 by node-a (execution 70), 3 and 4 by node-b (its worker 71); 4 is NO_DATA without a row
        item(1, "DONE", "node-a", 70);
        item(2, "DONE", "node-a", 70);
        item(3, "DONE", "node-b", 71);
        item(4, "NO_DATA", "node-b", 71);
        for (int i = 1; i <= 3; i++) {
            row(i);
        }
    }

    @AfterAll
    static void close() {
        pool.dispose();
    }

    private static void item(int n, String status, String node, long execution) {
        db.execute(pool, "insert into work_item (id, job_instance_id, job_name, item_key, ordinal, partition_no, "
                + "aoi_id, scene_id, status, attempts, last_execution_id, lease_node, updated_at) values (" + n
                + ", 7, 'aoi-statistics', 'k" + n + "', " + n + ", 0, 'aoi-" + n + "', 's', '" + status + "', 1, "
                + execution + ", '" + node + "', timestamp '2023-06-01 10:00:03' + " + n + " * interval '1 second')");
    }

    private static void row(int item) {
        db.execute(pool, "insert into statistics_row (work_item_id, job_instance_id, aoi_id, item_id, acquired, "
                + "index_name) values (" + item + ", 7, 'aoi-" + item + "', 's', localtimestamp, 'ndvi')");
    }

    private static JsonObject ledger() throws SQLException {
        String url = "jdbc:postgresql://127.0.0.1:" + db.port() + "/" + db.name();
        return Json.createReader(new StringReader(ClusterBench.ledger(url, "postgres", "", 70))).readObject();
    }

    private static Map<String, Integer> checks(JsonObject ledger) {
        Map<String, Integer> out = new TreeMap<>();
        ledger.getJsonObject("checks").forEach((k, v) -> out.put(k, ((jakarta.json.JsonNumber) v).intValue()));
        return out;
    }

    @Test
    void aRunOfTwoNodesIsCountedPerNodeAndPassesEveryCheck() throws SQLException {
        JsonObject l = ledger();
        assertEquals(Json.createObjectBuilder().add("DONE", 3).add("NO_DATA", 1).build(), l.getJsonObject("byStatus"));
        assertEquals(3, l.getInt("rows"));
        List<String> byNode = l.getJsonArray("byNode").stream().map(JsonValue::asJsonObject)
                .map(o -> o.getString("node") + ":" + o.getInt("items") + ":" + Math.round(
                        o.getJsonNumber("lastCommit").doubleValue() - o.getJsonNumber("firstCommit").doubleValue()))
                .toList();
        assertEquals(List.of("node-a:2:1", "node-b:2:1"), byNode);
        List<String> steps = l.getJsonArray("fetchSteps").stream().map(JsonValue::asJsonObject)
                .map(o -> o.getString("node") + ":" + o.getInt("execution") + ":" + o.getBoolean("worker") + ":"
                        + Math.round(o.getJsonNumber("ended").doubleValue() - o.getJsonNumber("started").doubleValue()))
                .toList();
        assertEquals(List.of("node-a:70:false:10", "node-b:71:true:6"), steps, "the fetch steps only");
        checks(l).forEach((k, v) -> assertEquals(0, v, k));
        assertEquals(ClusterBench.LEDGER_CHECKS.length, checks(l).size());
        JsonObject claim = l.getJsonObject("claimAtTheEnd");
        assertTrue(claim.getJsonNumber("medianMs").doubleValue() >= 0, claim.toString());
        assertTrue(claim.getJsonArray("plan").getString(0).contains("Limit"), "the claim's plan: " + claim);
    }

    @Test
    void eachDamageMovesItsCheck() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("update work_item set attempts = 2 where id = 1");            // claimed twice
            s.executeUpdate("delete from statistics_row where work_item_id = 2");        // a DONE item without row
            s.executeUpdate("update work_item set lease_node = 'node-c' where id = 3");  // not its execution's node
            s.executeUpdate("insert into work_item (id, job_instance_id, job_name, item_key, ordinal, partition_no, "
                    + "status, attempts, updated_at) values (5, 7, 'aoi-statistics', 'k5', 5, 0, 'PENDING', 0, "
                    + "localtimestamp)");                                                  // never done
            try {
                Map<String, Integer> checks = checks(ledgerIn(c));
                assertEquals(Map.of("doneItemsWithoutExactlyOneRow", 1, "duplicateRowsPerAoiAndScene", 0,
                        "itemsClaimedMoreThanOnce", 1, "itemsNotDoneOrNoData", 1,
                        "itemsWhoseNodeIsNotTheirExecutionsNode", 1, "noDataItemsWithMoreThanOneRow", 0,
                        "rowsOfItemsNotDoneOrNoData", 0), checks);
            } finally {
                c.rollback();
            }
        }
        checks(ledger()).forEach((k, v) -> assertEquals(0, v, k + " after the rollback"));
    }

    /** The report as seen inside an open transaction (its changes are rolled back after). */
    private static JsonObject ledgerIn(Connection c) throws SQLException {
        return Json.createReader(new StringReader(ClusterBench.ledger(c, 70))).readObject();
    }
}
