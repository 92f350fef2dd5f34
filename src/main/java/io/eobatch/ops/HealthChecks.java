package io.eobatch.ops;

import java.sql.Connection;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import io.eobatch.batch.Jobs;
import io.eobatch.rest.ExecutionService;

/**
 * eobatch's health checks, which WildFly (SmallRye Health) adds to its own at {@code /health/live} and
 * {@code /health/ready} on the management interface.
 *
 * <ul>
 *   <li>Liveness {@value #APPLICATION}: UP while the application is deployed. It asks nothing of the database on
 *       purpose: a database outage makes the server not ready, and restarting the server would not mend it.</li>
 *   <li>Readiness {@value #DATABASE}: a connection of {@code EobatchDS} answers {@link Connection#isValid} within
 *       {@value #TIMEOUT_S} s.</li>
 *   <li>Readiness {@value #JOB_REPOSITORY}: JBeret's job repository (its JDBC tables in the same database) answers a
 *       count of the first job's instances ({@code JobOperator.getJobInstanceCount}: one indexed count query).</li>
 * </ul>
 * A failing check is DOWN with {@code data.error} the exception's class only; the message (which may name the
 * database's URL or file) goes to the server log at WARNING, since {@code /health} is open to anyone who reaches
 * the management interface.
 */
@ApplicationScoped
public class HealthChecks {

    private static final Logger LOG = Logger.getLogger(HealthChecks.class.getName());

    static final String APPLICATION = "eobatch";
    static final String DATABASE = "eobatch-database";
    static final String JOB_REPOSITORY = "eobatch-job-repository";
    /** Seconds a database connection has to answer its validity check. */
    static final int TIMEOUT_S = 5;

    @Resource(lookup = "java:jboss/datasources/EobatchDS")
    DataSource dataSource;

    @Inject
    ExecutionService executions;

    @Produces
    @Liveness
    HealthCheck application() {
        return () -> HealthCheckResponse.up(APPLICATION);
    }

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> check(DATABASE, () -> {
            try (Connection c = dataSource.getConnection()) {
                if (!c.isValid(TIMEOUT_S)) {
                    throw new IllegalStateException("EobatchDS: connection not valid within " + TIMEOUT_S + " s");
                }
            }
        });
    }

    @Produces
    @Readiness
    HealthCheck jobRepository() {
        return () -> check(JOB_REPOSITORY, () -> {
            try {
                executions.operator().getJobInstanceCount(Jobs.DEFINITIONS.get(0).id());
            } catch (NoSuchJobException e) {
                // the repository answered: no instance of that job yet
            }
        });
    }

    /** A probe that throws when the thing it probes is not usable. */
    @FunctionalInterface
    interface Probe {
        void run() throws Exception;
    }

    /** UP when {@code probe} returns, else DOWN with the exception's class (the message is logged). */
    static HealthCheckResponse check(String name, Probe probe) {
        try {
            probe.run();
            return HealthCheckResponse.up(name);
        } catch (Exception | LinkageError e) {
            LOG.log(Level.WARNING, "health check " + name + " is DOWN", e);
            return HealthCheckResponse.named(name).down().withData("error", e.getClass().getName()).build();
        }
    }
}
