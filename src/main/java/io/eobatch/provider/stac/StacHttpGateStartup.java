package io.eobatch.provider.stac;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

import io.eobatch.config.EobatchConfig;
import io.eobatch.outbound.OutboundLimits;
import io.eobatch.raster.io.HttpGate;

/**
 * Installs the {@link StacHttpGate} with the {@code stac} provider's limits from MicroProfile Config when the
 * application starts, before it takes requests, so that every STAC and COG request of every job goes through the
 * throttle of its host; puts the direct gate back when the application stops. A wrong
 * {@code eobatch.provider.stac.*} value stops the deployment with a message naming the key (better than
 * hammering a server with limits nobody meant). Installs the outbound limits ({@code eobatch.http.*},
 * {@link OutboundLimits}) the same way.
 */
@ApplicationScoped
public class StacHttpGateStartup {

    private static final Logger LOG = Logger.getLogger(StacHttpGateStartup.class.getName());

    @Inject
    EobatchConfig config;

    void onStart(@Observes Startup startup) {
        OutboundLimits limits = config.outboundLimits();
        OutboundLimits.install(limits);
        LOG.info(() -> "outbound HTTP limits: " + limits);
        StacHttpGate gate = StacHttpGate.fromConfig();
        HttpGate.install(gate);
        LOG.info(() -> "stac HTTP requests go through one throttle per host: " + gate.settings());
    }

    void onStop(@Observes Shutdown shutdown) {
        HttpGate.install(null);
        OutboundLimits.install(null);
    }
}
