package io.eobatch.provider.observearth;

import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;

import io.eobatch.provider.ClusterLocks;
import io.eobatch.provider.EoProvider;
import io.eobatch.provider.ImageNotOfferedException;
import io.eobatch.provider.ImageQuery;
import io.eobatch.provider.ItemDataException;
import io.eobatch.provider.ItemStatistics;
import io.eobatch.provider.SceneRef;
import io.eobatch.provider.SceneSearch;
import io.eobatch.provider.StatisticsQuery;

/**
 * The {@code observearth} provider: the AOI is registered once as an ObservEarth geometry (named
 * {@code eobatch-<aoi id>-<hash of the geometry>}, found again by that name in the account's list, so that a restart
 * or a second job registers nothing), then scenes from its search and statistics per date from its stats endpoint,
 * one request per work item (one AOI on one day).
 *
 * <p>ObservEarth's answers carry no pixel counts: the rows of this provider have mean, min, max, stdev and median
 * (as p50) when the answer gives them, and null counts and clear fraction.
 *
 * <p>Images: one scene drawn by the image endpoint ({@link ObserveEarthClient#image}), the first of the query's
 * scene ids, else the least cloudy scene of the interval from the search ({@link SceneRef#LEAST_CLOUDY_FIRST}). The
 * endpoint renders an index only, in its own colours and at its own size (it takes neither a colour map nor a size):
 * a true-colour query is an {@link ImageNotOfferedException}.
 */
public final class ObserveEarthProvider implements EoProvider {

    public static final String NAME = "observearth";

    /** What the jobs ask of this provider ({@link io.eobatch.provider.Capabilities}). */
    public static final io.eobatch.provider.Capabilities CAPABILITIES =
            new io.eobatch.provider.Capabilities(true, false, false, 1000, false);

    private final ObserveEarthClient client;
    private final Map<String, String> geometryIds = new ConcurrentHashMap<>();
    /** One lock per geometry name: one lookup/registration per AOI, without holding a map lock over HTTP. */
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public ObserveEarthProvider(ObserveEarthClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The throttle retries; no pixel counts; index images only, in its own colours. */
    @Override
    public io.eobatch.provider.Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public String costUnit() {
        return "requests";
    }

    @Override
    public ItemGranularity granularity() {
        return io.eobatch.provider.Providers.granularity(NAME);
    }

    /** The name the AOI is registered under: its id and a hash of its geometry (a changed AOI is a new one). */
    static String geometryName(String aoiId, Geometry aoi) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(new WKBWriter().write(aoi));
            return "eobatch-" + aoiId + "-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The ObservEarth geometry id of the AOI: found by name, else registered (once per AOI and process, and once per
     * AOI for all the nodes: {@link ClusterLocks}).
     */
    public String geometryId(String aoiId, Geometry aoi) {
        String name = geometryName(aoiId, aoi);
        String id = geometryIds.get(name);
        if (id != null) {
            return id;
        }
        // not inside ConcurrentHashMap.computeIfAbsent: the calls may wait for the throttle, and a map lock held
        // that long would block the lookups of other AOIs
        synchronized (locks.computeIfAbsent(name, k -> new Object())) {
            id = geometryIds.get(name);
            if (id == null) {
                // several nodes: one lookup-or-registration at a time across the nodes, so that two nodes starting on
                // the same AOI register it once (the second finds the first one's geometry by name)
                id = ClusterLocks.acrossNodes("observearth-geometry:" + client.config().baseUrl() + ":" + name,
                        () -> client.geometries().stream().filter(g -> name.equals(g.name()))
                                .map(ObserveEarthGeometry::id).findFirst()
                                .orElseGet(() -> client.registerGeometry(name, aoi)));
                geometryIds.put(name, id);
            }
            return id;
        }
    }

    @Override
    public int searchRequests() {
        return 2; // the geometry list (or registration), then the search
    }

    @Override
    public List<SceneRef> search(SceneSearch s) {
        String id = geometryId(s.aoiId(), s.aoi());
        return client.search(id, s.from(), s.to(), s.maxCloudCover()).stream()
                .map(sc -> new SceneRef(sc.id(), sc.date().atStartOfDay(ZoneOffset.UTC).toInstant(),
                        Double.isNaN(sc.cloudCover()) ? null : sc.cloudCover()))
                .toList();
    }

    @Override
    public double statisticsCost(StatisticsQuery query) {
        return 1;
    }

    @Override
    public ItemStatistics statistics(StatisticsQuery q) {
        String id = geometryId(q.aoiId(), q.aoi());
        List<ObserveEarthStatistics> all = client.stats(id, q.from(), q.to(), q.maxCloudCover(), q.index());
        List<ObserveEarthStatistics> in = all.stream()
                .filter(s -> !s.date().isBefore(q.from()) && !s.date().isAfter(q.to())).toList();
        if (in.isEmpty()) {
            return ItemStatistics.none();
        }
        if (in.size() > 1) {
            throw new ItemDataException("observearth statistics of AOI " + q.aoiId() + " from " + q.from() + " to "
                    + q.to() + ": " + in.size() + " results for one item; expected one per date", null);
        }
        ObserveEarthStatistics s = in.get(0);
        return new ItemStatistics(null, null, null, num(s.mean()), num(s.min()), num(s.max()), num(s.stdev()), null,
                num(s.median()), null, null, null, Double.isNaN(s.mean()));
    }

    /** Requests of {@link #image}: the image, and the search when the query names no scene. */
    @Override
    public double imageCost(ImageQuery q) {
        return q.sceneIds().isEmpty() ? 2 : 1;
    }

    @Override
    public byte[] image(ImageQuery q) {
        if (q.trueColour()) {
            throw new ImageNotOfferedException("observearth does not draw true colour: its image endpoint ("
                    + ObserveEarthClient.IMAGE_PATH + "{geometry_id}) renders an index only (index=ndvi, evi, ...)");
        }
        String id = geometryId(q.aoiId(), q.aoi());
        String scene;
        if (!q.sceneIds().isEmpty()) {
            scene = q.sceneIds().get(0);
        } else {
            scene = search(new SceneSearch(q.catalog(), q.collection(), q.aoiId(), q.aoi(), q.from(), q.to(),
                    q.maxCloudCover())).stream().min(SceneRef.LEAST_CLOUDY_FIRST).map(SceneRef::id)
                    .orElseThrow(() -> new ItemDataException("observearth image of AOI " + q.aoiId() + " from "
                            + q.from() + " to " + q.to() + ": no scene to draw (the search found none)", null));
        }
        return client.image(id, scene, q.index(), "png");
    }

    private static Double num(double d) {
        return Double.isNaN(d) ? null : d;
    }

    @Override
    public String toString() {
        return "ObserveEarthProvider[" + client.config() + "]";
    }
}
