package io.eobatch.provider;

import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import io.eobatch.cluster.ClusterLimitsSettings;
import io.eobatch.provider.throttle.DatabaseLimits;
import io.eobatch.provider.throttle.SharedLimits;

/**
 * Where the remote providers' throttles keep their accounts' limits: with {@code eobatch.cluster.enabled} in the
 * shared database ({@link DatabaseLimits}, one for the JVM), else nowhere but each throttle (null).
 */
final class ClusterLimits {

    private static final Logger LOG = Logger.getLogger(ClusterLimits.class.getName());
    static final String DATASOURCE = "java:jboss/datasources/EobatchDS";
    private static volatile SharedLimits shared;

    private ClusterLimits() {
    }

    /** The limits shared by the nodes, or null on one node. */
    static SharedLimits shared() {
        if (!ClusterLimitsSettings.enabled()) {
            return null;
        }
        if (shared == null) {
            synchronized (ClusterLimits.class) {
                if (shared == null) {
                    SharedLimits s = new DatabaseLimits(dataSource(), ClusterLimitsSettings.nodeId(),
                            ClusterLimitsSettings.slotLease());
                    LOG.info(() -> "provider limits across nodes: " + s);
                    shared = s;
                }
            }
        }
        return shared;
    }

    /** The shared database (several nodes). */
    static DataSource dataSource() {
        try {
            return (DataSource) new InitialContext().lookup(DATASOURCE);
        } catch (NamingException e) {
            throw new IllegalStateException("eobatch.cluster.enabled: no datasource " + DATASOURCE, e);
        }
    }
}
