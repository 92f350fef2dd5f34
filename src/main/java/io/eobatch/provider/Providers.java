package io.eobatch.provider;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eobatch.config.Settings;
import io.eobatch.provider.http.ThrottledCall;
import io.eobatch.provider.observearth.ObserveEarthClient;
import io.eobatch.provider.observearth.ObserveEarthConfig;
import io.eobatch.provider.observearth.ObserveEarthProvider;
import io.eobatch.provider.sentinelhub.SentinelHubClient;
import io.eobatch.provider.sentinelhub.SentinelHubConfig;
import io.eobatch.provider.sentinelhub.SentinelHubProvider;
import io.eobatch.provider.stac.StacProvider;
import io.eobatch.provider.throttle.Throttle;
import io.eobatch.provider.throttle.ThrottleSettings;
import io.eobatch.provider.throttle.Throttles;

/**
 * The providers a job can name in its {@code provider} parameter, made from MicroProfile Config on first use and
 * then shared by every job, partition and thread (so each account has one token cache and one {@link Throttle}).
 * The throttle's account key names the URL and the client id, never a secret.
 */
@ApplicationScoped
public class Providers {

    private static final Logger LOG = Logger.getLogger(Providers.class.getName());

    /** The provider names, the default first. */
    public static final List<String> NAMES = List.of(StacProvider.NAME, SentinelHubProvider.NAME,
            ObserveEarthProvider.NAME);

    @Inject
    StacProvider stac;

    private final Map<String, EoProvider> remote = new ConcurrentHashMap<>();

    /**
     * Why provider {@code name} cannot be used (unknown name, a missing or bad config key), or empty when it can.
     * Never shows a secret.
     */
    public Optional<String> problem(String name) {
        try {
            get(name);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * The provider named {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name or a configuration that is missing or wrong
     */
    public EoProvider get(String name) {
        String n = name == null ? StacProvider.NAME : name.strip().toLowerCase(Locale.ROOT);
        if (n.equals(StacProvider.NAME)) {
            return stac;
        }
        if (!NAMES.contains(n)) {
            throw new IllegalArgumentException("unknown provider '" + name + "'; providers: " + NAMES);
        }
        EoProvider p = remote.get(n);
        if (p != null) {
            return p;
        }
        synchronized (remote) {
            return remote.computeIfAbsent(n, Providers::make);
        }
    }

    /**
     * How provider {@code name}'s statistics items are cut, known without configuring it (parameter checks).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static EoProvider.ItemGranularity granularity(String name) {
        return switch (name == null ? StacProvider.NAME : name.strip().toLowerCase(Locale.ROOT)) {
            case StacProvider.NAME -> EoProvider.ItemGranularity.SCENE;
            case SentinelHubProvider.NAME -> EoProvider.ItemGranularity.INTERVAL;
            case ObserveEarthProvider.NAME -> EoProvider.ItemGranularity.DAY;
            default -> throw new IllegalArgumentException("unknown provider '" + name + "'; providers: " + NAMES);
        };
    }

    /**
     * What the jobs ask of provider {@code name}, known without configuring it (parameter checks).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static Capabilities capabilities(String name) {
        return switch (name == null ? StacProvider.NAME : name.strip().toLowerCase(Locale.ROOT)) {
            case StacProvider.NAME -> StacProvider.CAPABILITIES;
            case SentinelHubProvider.NAME -> SentinelHubProvider.CAPABILITIES;
            case ObserveEarthProvider.NAME -> ObserveEarthProvider.CAPABILITIES;
            default -> throw new IllegalArgumentException("unknown provider '" + name + "'; providers: " + NAMES);
        };
    }

    /** The throttle limits of provider {@code name} (config keys {@code eobatch.provider.<name>.*}). */
    public static ThrottleSettings settings(String name) {
        return ThrottleSettings.from(name, Settings.lookup());
    }

    private static EoProvider make(String name) {
        ThrottleSettings limits = settings(name);
        if (name.equals(SentinelHubProvider.NAME)) {
            SentinelHubConfig c = SentinelHubConfig.fromLookup(Settings.lookup());
            Throttle t = Throttles.forAccount(name + ":" + c.baseUrl() + ":" + c.clientId(), limits,
                    ClusterLimits.shared());
            LOG.info(() -> "provider " + name + ": " + c + ", " + limits);
            return new SentinelHubProvider(new SentinelHubClient(c, new ThrottledCall(t)));
        }
        ObserveEarthConfig c = ObserveEarthConfig.fromLookup(Settings.lookup());
        // the key is not in the throttle's name: an account is its URL here (one key per deployment)
        Throttle t = Throttles.forAccount(name + ":" + c.baseUrl(), limits, ClusterLimits.shared());
        LOG.info(() -> "provider " + name + ": " + c + ", " + limits);
        return new ObserveEarthProvider(new ObserveEarthClient(c, new ThrottledCall(t)));
    }
}
