package io.eobatch.provider;

import java.util.List;
import java.util.Optional;

/**
 * What the jobs ask of an Earth-observation data provider, whatever it is: the scenes over an AOI in a period, the
 * index statistics of an AOI over one interval (a scene, a day or an aggregation interval), and an image of an AOI
 * over an interval. Chosen per job by the {@code provider} parameter ({@link Providers}); configured only through
 * MicroProfile Config ({@code eobatch.provider.<name>.*}).
 *
 * <p>Failures: {@link ItemDataException} is the item's own (it fails, the partition goes on);
 * {@link TransientSourceException} may pass (for the remote providers the shared throttle has already retried it:
 * a {@link io.eobatch.provider.throttle.RetriesExhaustedException} fails the item).
 */
public interface EoProvider {

    /** The provider's name, as in the {@code provider} job parameter and the config keys. */
    String name();

    /** What differs between providers: who retries, pixel counts, true colour, the latency an estimate assumes. */
    Capabilities capabilities();

    /** The scenes this provider reads here (the stac provider), or empty when it computes remotely. */
    default Optional<SceneSource> scenes() {
        return Optional.empty();
    }

    /** Where a search looks, for messages: "in catalog demo", "at provider sentinel-hub". */
    default String where(String catalog) {
        return "at provider " + name();
    }

    /** The cost of one {@link #search} in {@link #costUnit()} (Sentinel Hub charges its Catalog API); 0 when free. */
    default double searchCost(SceneSearch search) {
        return 0;
    }

    /** The unit of {@link #statisticsCost} and of the {@code budget} parameter: "processing units", "requests". */
    String costUnit();

    /** How the statistics items of this provider are cut: per scene, per day, or per aggregation interval. */
    ItemGranularity granularity();

    /** The scenes over the AOI in the period, in any order. Catalog searches only: never a paid call. */
    List<SceneRef> search(SceneSearch search);

    /** Catalog searches made for one {@link #search} (counted by the estimate). */
    default int searchRequests() {
        return 1;
    }

    /** The cost of {@link #statistics}{@code (query)} in {@link #costUnit()}, computed without any call. */
    double statisticsCost(StatisticsQuery query);

    /** The index statistics of the AOI over the query's interval. */
    ItemStatistics statistics(StatisticsQuery query);

    /** The cost of {@link #image}{@code (query)} in {@link #costUnit()}, computed without any call. */
    default double imageCost(ImageQuery query) {
        return 1;
    }

    /**
     * A PNG of the AOI over the query's interval: the index through the colour map, or true colour. A provider
     * that cannot draw what is asked throws {@link ImageNotOfferedException} (an {@link ItemDataException}) saying so.
     */
    default byte[] image(ImageQuery query) {
        throw new ImageNotOfferedException("provider " + name() + " does not draw images");
    }

    /** How items are planned from the scenes found. */
    enum ItemGranularity {
        /** One item per scene (or per day with {@code mosaic=day}): the stac provider reads scenes itself. */
        SCENE,
        /** One item per day with scenes: the provider answers per date (ObservEarth). */
        DAY,
        /** One item per aggregation interval with scenes ({@code interval}, P1D by default): Sentinel Hub. */
        INTERVAL
    }
}
