package io.eobatch.batch;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

import io.eobatch.cluster.ClusterSettings;
import io.eobatch.cluster.Heartbeat;
import io.eobatch.cluster.Nodes;
import io.eobatch.config.EobatchConfig;
import io.eobatch.config.SettingsCheck;
import io.eobatch.persistence.DatabaseMigrations;

/**
 * Runs once when the application starts, before it takes requests: checks the numeric settings ({@link SettingsCheck}:
 * a wrong one stops the deployment, naming it), migrates the schema, then marks the job
 * executions that a previous server process left running (it died or was killed) as FAILED with exit status
 * CRASHED, so that an operator can restart them.
 *
 * <p>Several nodes ({@link ClusterSettings#on()}): refused unless the database is PostgreSQL (the deployment fails
 * with the reason, {@link ClusterSettings#refusal}); the node registers, only the executions of dead nodes (and this
 * node's own previous process) are marked CRASHED ({@link Nodes#markDeadNodesExecutions}), and the node's
 * {@link Heartbeat} starts.
 */
@ApplicationScoped
public class StartupTasks {

    private static final Logger LOG = Logger.getLogger(StartupTasks.class.getName());

    @Resource(lookup = "java:jboss/datasources/EobatchDS")
    DataSource dataSource;

    @Inject
    EobatchConfig config;

    @Inject
    Nodes nodes;

    @Inject
    Heartbeat heartbeat;

    void onStart(@Observes Startup startup) {
        SettingsCheck.atStartup(config); // a wrong numeric setting stops the deployment, naming it
        ClusterSettings cluster = ClusterSettings.get();
        if (cluster.enabled()) {
            refuseUnlessShared(cluster);
        }
        DatabaseMigrations.migrate(dataSource);
        if (cluster.enabled()) {
            nodes.markDeadNodesExecutions(true);
            nodes.register();
            heartbeat.start();
        } else {
            markOrphanedExecutions();
        }
    }

    /** Fails the deployment when this node is to share its work but the database cannot be shared (H2). */
    private void refuseUnlessShared(ClusterSettings cluster) {
        String product;
        try (Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("could not read which database EobatchDS is", e);
        }
        cluster.refusal(product).ifPresent(why -> {
            LOG.severe(why);
            throw new IllegalStateException(why);
        });
    }

    /**
     * At start-up no job of this (single) server is running yet, so every execution, step or partition still
     * STARTED/STARTING/STOPPING in JBeret's repository belongs to a process that is gone.
     */
    private void markOrphanedExecutions() {
        String running = "('STARTED','STARTING','STOPPING')";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            if (!tableExists(c, "JOB_EXECUTION")) {
                return;
            }
            int jobs = s.executeUpdate("update JOB_EXECUTION set BATCHSTATUS='FAILED', EXITSTATUS='CRASHED', "
                    + "ENDTIME=CURRENT_TIMESTAMP where BATCHSTATUS in " + running);
            int steps = s.executeUpdate("update STEP_EXECUTION set BATCHSTATUS='FAILED', EXITSTATUS='CRASHED', "
                    + "ENDTIME=CURRENT_TIMESTAMP where BATCHSTATUS in " + running);
            int parts = s.executeUpdate("update PARTITION_EXECUTION set BATCHSTATUS='FAILED', EXITSTATUS='CRASHED' "
                    + "where BATCHSTATUS in " + running);
            if (jobs + steps + parts > 0) {
                LOG.warning(() -> "marked " + jobs + " job execution(s), " + steps + " step(s) and " + parts
                        + " partition(s) left running by a previous server process as FAILED/CRASHED");
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "could not check for executions left running by a previous server process", e);
        }
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        for (String name : new String[] {table, table.toLowerCase()}) {
            try (var rs = c.getMetaData().getTables(null, null, name, null)) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
