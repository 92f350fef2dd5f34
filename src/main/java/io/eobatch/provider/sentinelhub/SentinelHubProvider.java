package io.eobatch.provider.sentinelhub;

import java.time.Period;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import io.eobatch.provider.EoProvider;
import io.eobatch.provider.ImageQuery;
import io.eobatch.provider.ItemDataException;
import io.eobatch.provider.ItemStatistics;
import io.eobatch.provider.SceneRef;
import io.eobatch.provider.SceneSearch;
import io.eobatch.provider.StatisticsQuery;
import io.eobatch.provider.http.ProviderCall;
import io.eobatch.provider.http.ProviderHttpException;

/**
 * The {@code sentinel-hub} provider: scenes from the Catalog API, statistics from the Statistical API, one request
 * per work item (one AOI over one aggregation interval, so that each item is retried, budgeted and reported on its
 * own). Every call goes through the account's shared throttle (the client's {@link ProviderCall}).
 *
 * <p>A Statistical API answer whose interval failed (an {@code error} entry, status PARTIAL or FAILED) fails the
 * item with the provider's reason; an answer without the interval (no scene with data in it) is NO_DATA.
 *
 * <p>Images come from the Process API, one request per image ({@link #request(ImageQuery)}): a PNG of the AOI's
 * bounding box, the least cloudy scene on top in each pixel ({@code mosaickingOrder} leastCC over the query's
 * interval), the index through the colour map or true colour, transparent where the SCL mask rejects a pixel and
 * outside the AOI ({@code dataMask}). The query's scene ids are not sent: Sentinel Hub mosaics the interval itself.
 */
public final class SentinelHubProvider implements EoProvider {

    public static final String NAME = "sentinel-hub";

    /** What the jobs ask of this provider ({@link io.eobatch.provider.Capabilities}). */
    public static final io.eobatch.provider.Capabilities CAPABILITIES =
            new io.eobatch.provider.Capabilities(true, false, true, 1000, false);

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

    /** The throttle retries; no pixel counts; index and true colour drawn by the Process API. */
    @Override
    public io.eobatch.provider.Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public String costUnit() {
        return "processing units";
    }

    @Override
    public ItemGranularity granularity() {
        return io.eobatch.provider.Providers.granularity(NAME);
    }

    @Override
    public List<SceneRef> search(SceneSearch s) {
        CatalogSearch search = new CatalogSearch(s.collection() == null ? CatalogSearch.SENTINEL_2_L2A : s.collection(),
                s.aoi(), null, s.from(), s.to(), cloud(s.maxCloudCover()), CatalogSearch.MAX_LIMIT);
        return classified(() -> client.catalogSearch(search)).stream()
                .map(i -> new SceneRef(i.id(), i.datetime(), i.cloudCover())).toList();
    }

    /** Processing units of one Catalog API page of {@code s} (the estimate counts them). */
    @Override
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

    /** Width and height of a native-size image: the AOI's bounding box at this resolution, metres. */
    public static final double NATIVE_RESOLUTION_M = 10.0;

    /**
     * The Process API request of an image query: its AOI over its interval, its index and colour map (or true
     * colour), its cloud limit and size; a native-size query ({@code 0x0}) gets the AOI's bounding box at
     * {@value #NATIVE_RESOLUTION_M} m, scaled down to fit {@value ImageRequest#MAX_SIZE} px a side.
     *
     * @throws ItemDataException when the AOI or the size cannot be asked (not a polygon, larger than the API allows)
     */
    public static ImageRequest request(ImageQuery q) {
        int[] size = q.nativeSize() ? nativeSize(q) : new int[] {q.width(), q.height()};
        try {
            return new ImageRequest(q.aoi(), q.from(), q.to(), q.index(), q.trueColour() ? null : q.colours(),
                    cloud(q.maxCloudCover()), size[0], size[1]);
        } catch (IllegalArgumentException e) {
            throw new ItemDataException("sentinel-hub image of AOI " + q.aoiId() + " from " + q.from() + " to "
                    + q.to() + ": " + e.getMessage(), e);
        }
    }

    /** The AOI's bounding box in pixels of {@value #NATIVE_RESOLUTION_M} m, at most 2500 a side (aspect kept). */
    static int[] nativeSize(ImageQuery q) {
        long[] px = SentinelHubRequests.pixels(q.aoi(), NATIVE_RESOLUTION_M);
        double scale = Math.min(1.0, (double) ImageRequest.MAX_SIZE / Math.max(px[0], px[1]));
        return new int[] {(int) Math.max(1, Math.round(px[0] * scale)), (int) Math.max(1, Math.round(px[1] * scale))};
    }

    /** Processing units of the image's Process API request ({@link SentinelHubRequestCost#of(ImageRequest)}). */
    @Override
    public double imageCost(ImageQuery q) {
        return SentinelHubRequestCost.of(request(q));
    }

    /** The PNG of {@link #request(ImageQuery)} from the Process API. */
    @Override
    public byte[] image(ImageQuery q) {
        return classified(() -> client.process(request(q)));
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
