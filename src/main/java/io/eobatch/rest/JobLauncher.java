package io.eobatch.rest;

import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eobatch.batch.JobDefinition;
import io.eobatch.batch.Jobs;
import io.eobatch.batch.ParameterException;
import io.eobatch.config.EobatchConfig;

/** Checks job parameters against the job's definition and the server's state, then starts the job. */
@ApplicationScoped
public class JobLauncher {

    private static final Logger LOG = Logger.getLogger(JobLauncher.class.getName());

    @Inject
    EobatchConfig config;

    @Inject
    AoiChecker aois;

    @Inject
    io.eobatch.provider.Providers providers;

    public JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }

    /** The job properties for {@code given}, defaults filled in; 400 problem naming the first bad parameter. */
    public Properties validate(JobDefinition def, Map<String, String> given) {
        try {
            Properties p = def.toProperties(given);
            Jobs.checkRelations(p);
            String catalog = p.getProperty("catalog");
            if (catalog != null && config.catalogUrl(catalog).isEmpty()) {
                throw new ParameterException("catalog", "no catalog named '" + catalog + "' is configured "
                        + "(set eobatch.catalog." + catalog + ".url); catalogs: " + config.catalogNames());
            }
            String provider = p.getProperty("provider");
            if (provider != null) {
                providers.problem(provider).ifPresent(why -> {
                    throw new ParameterException("provider", "provider " + provider + " cannot be used: " + why);
                });
            }
            if (def.parameter("aois") != null) { // jobs over stored AOIs (tiled-composite takes one aoi or a bbox)
                aois.check(p.getProperty("aois"));
            }
            String one = p.getProperty("aoi");
            if (def.parameter("aoi") != null && one != null && !one.isBlank()) {
                aois.checkOne("aoi", one);
            }
            return p;
        } catch (ParameterException e) {
            throw ProblemException.badRequest(e.parameter(), e.reason());
        }
    }

    public long start(JobDefinition def, Properties props) {
        long id = operator().start(def.id(), props);
        LOG.info(() -> "started " + def.id() + " execution " + id + " with " + props);
        return id;
    }
}
