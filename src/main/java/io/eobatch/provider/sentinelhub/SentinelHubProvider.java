package io.eobatch.provider.sentinelhub;

import java.time.Period;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import io.eobatch.provider.EoProvider;
import io.eobatch.provider.ItemDataException;
import io.eobatch.provider.ItemStatistics;
import io.eobatch.provider.SceneRef;
import io.eobatch.provider.SceneSearch;
import io.eobatch.provider.StatisticsQuery;

/**
 * The {@code sentinel-hub} provider: scenes from the Catalog API, statistics from the Statistical API, one request
 * per work item (one AOI over one aggregation interval, so that each item is retried, budgeted and reported on its
 * own). Every call goes through the account's shared throttle (the client's {@link ProviderCall}).
 *
 * <p>A Statistical API answer whose interval failed (an {@code error} entry, status PARTIAL or FAILED) fails the
 * item with the provider's reason; an answer without the interval (no scene with data in it) is NO_DATA.
 */
public final class SentinelHubProvider implements EoProvider {

    public static final String NAME = "sentinel-hub";

    private final SentinelHubClient client;

    public SentinelHubProvider(SentinelHubClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    public SentinelHubClient client() {
        return client;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String costUnit() {
        return "processing units";
    }

    @Override
    public ItemGranularity granularity() {
        return ItemGranularity.INTERVAL;
    }

    @Override
    public List<SceneRef> search(SceneSearch s) {
        CatalogSearch search = new CatalogSearch(s.collection() == null ? CatalogSearch.SENTINEL_2_L2A : s.collection(),
                s.aoi(), null, s.from(), s.to(), cloud(s.maxCloudCover()), CatalogSearch.MAX_LIMIT);
        return classified(() -> client.catalogSearch(search)).stream()
                .map(i -> new SceneRef(i.id(), i.datetime(), i.cloudCover())).toList();
    }

    /** Processing units of one Catalog API page of {@code s} (the estimate counts them). */
    public double searchCost(SceneSearch s) {
        return SentinelHubRequestCost.of(new CatalogSearch(CatalogSearch.SENTINEL_2_L2A, s.aoi(), null, s.from(),
                s.to(), cloud(s.maxCloudCover()), CatalogSearch.MAX_LIMIT));
    }

    /** The Statistical API request of one item: its AOI over exactly its interval (one aggregation interval). */
    public static StatisticsRequest request(StatisticsQuery q) {
        return new StatisticsRequest(q.aoi(), q.from(), q.to(), Period.between(q.from(), q.to().plusDays(1)), q.index(),
                cloud(q.maxCloudCover()), StatisticsRequest.DEFAULT_RESOLUTION_M);
    }

    @Override
    public double statisticsCost(StatisticsQuery q) {
        return SentinelHubRequestCost.of(request(q));
    }

    @Override
    public ItemStatistics statistics(StatisticsQuery q) {
        StatisticsResult r = classified(() -> client.statistics(request(q)));
        if (!r.failed().isEmpty()) {
            throw new ItemDataException("sentinel-hub statistics of AOI " + q.aoiId() + " from " + q.from() + " to "
                    + q.to() + ": the interval failed (status " + r.status() + "): " + r.failed().get(0).error(), null);
        }
        if (r.succeeded().isEmpty()) {
            return ItemStatistics.none();
        }
        return ItemStatistics.of(r.succeeded().get(0).statistics());
    }

    /**
     * Runs a client call, turning a {@link ProviderHttpException} that escaped the throttle into the exceptions the
     * job knows ({@link ProviderHttpException#toBatchException}). Only the token endpoint's answers escape it (token
     * requests are not throttled calls): a refused client secret (401/400) fails the item, a token endpoint that is
     * down (5xx) is a {@link io.eobatch.provider.TransientSourceException} for the chunk's retry. Without this, such
     * an answer was an exception the job XML declares neither skippable nor retryable, and failed the partition.
     */
    private static <T> T classified(Supplier<T> call) {
        try {
            return call.get();
        } catch (ProviderHttpException e) {
            throw e.toBatchException();
        }
    }

    private static Double cloud(Double c) {
        return c == null || c >= 100 ? null : c;
    }

    @Override
    public String toString() {
        return "SentinelHubProvider[" + client.config() + "]";
    }
}
