package io.eobatch.provider;

import java.util.List;

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
