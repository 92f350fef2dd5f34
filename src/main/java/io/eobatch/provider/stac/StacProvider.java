package io.eobatch.provider.stac;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.LocalDate;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.locationtech.jts.geom.Geometry;

import io.eobatch.config.EobatchConfig;
import io.eobatch.demo.DemoCatalog;
import io.eobatch.outbound.OutboundException;
import io.eobatch.outbound.OutboundPolicy;
import io.eobatch.provider.ImageQuery;
import io.eobatch.provider.ItemDataException;
import io.eobatch.provider.TransientSourceException;
import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.image.GridImages;
import io.eobatch.raster.image.PngWriter;
import io.eobatch.raster.image.TrueColour;
import io.eobatch.raster.io.HttpStatusException;
import io.eobatch.raster.stats.Band;
import io.eobatch.raster.stats.CloudMask;
import io.eobatch.raster.stats.IndexStatistics;
import io.eobatch.raster.stats.SceneInput;
import io.eobatch.raster.stats.SceneRender;
import io.eobatch.raster.stats.SceneStatistics;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.raster.stats.Weighting;
import io.eobatch.stac.SearchRequest;
import io.eobatch.stac.StacCatalog;
import io.eobatch.stac.StacCatalogs;
import io.eobatch.stac.StacException;
import io.eobatch.stac.StacItem;
import io.eobatch.stac.StacOptions;

/**
 * The {@code stac} provider: scenes from a STAC API or a static STAC catalog (by name, from MicroProfile Config),
 * statistics computed in-process from their Cloud-Optimized GeoTIFF assets, read by HTTP range requests (or from
 * files). Catalogs and items are cached per catalog name.
 *
 * <p>Images ({@link #image}) are drawn in-process from exactly the query's scenes, as aoi-timelapse draws its frames
 * ({@link SceneRender}): the AOI's window on the scene's band grid, the index through the colour map (transparent
 * where the SCL mask rejects a pixel, where a band is nodata and outside the AOI), or true colour with the fixed
 * stretch of {@link TrueColour#defaults()} (clouds visible, transparent only where a band is nodata). Several scenes
 * are mosaicked on the first one's grid, the first opaque pixel in the query's order winning ({@link GridImages}).
 */
@ApplicationScoped
public class StacProvider implements io.eobatch.provider.EoProvider, io.eobatch.provider.SceneSource {

    public static final String NAME = "stac";

    /** What the jobs ask of this provider ({@link io.eobatch.provider.Capabilities}). */
    public static final io.eobatch.provider.Capabilities CAPABILITIES =
            new io.eobatch.provider.Capabilities(false, true, true, 150, true);

    private static final Logger LOG = Logger.getLogger(StacProvider.class.getName());
    private static final int ITEM_CACHE = 10_000;

    @Inject
    EobatchConfig config;

    @Inject
    DemoCatalog demo;

    private final Map<String, StacCatalog> catalogs = new ConcurrentHashMap<>();
    private final Map<String, OutboundPolicy> policies = new ConcurrentHashMap<>();
    private final Map<String, StacItem> items = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, StacItem> e) {
                    return size() > ITEM_CACHE;
                }
            });

    /** The catalog named {@code name} (the demo catalog is generated on first use). */
    public StacCatalog catalog(String name) {
        return catalogs.computeIfAbsent(name, n -> {
            URI url = config.catalogUrl(n).orElseThrow(() -> new IllegalArgumentException("no catalog named " + n));
            if (EobatchConfig.DEMO_CATALOG.equals(n)) {
                demo.ensureGenerated();
            }
            OutboundPolicy policy = policy(n);
            LOG.info(() -> "catalog " + n + " at " + url + " (" + policy + ")");
            return StacCatalogs.open(url, StacOptions.of(policy));
        });
    }

    /**
     * Where the documents and assets of catalog {@code name} may be read from (its own host, its
     * {@code allowed-hosts}, never link-local) and the limits of those reads (see {@link EobatchConfig#catalogPolicy}).
     */
    public OutboundPolicy policy(String name) {
        return policies.computeIfAbsent(name, config::catalogPolicy);
    }

    /** The scenes of {@code collection} over {@code aoi} (EPSG:4326) from {@code from} to {@code to} inclusive. */
    @Override
    public List<StacItem> search(String catalog, String collection, Geometry aoi, LocalDate from, LocalDate to,
                                 Double maxCloudCover) {
        SearchRequest req = SearchRequest.builder().collections(collection).intersects(aoi).datetime(from, to)
                .maxCloudCover(maxCloudCover == null || maxCloudCover >= 100 ? null : maxCloudCover)
                .sortBy(SearchRequest.SortBy.asc("properties.datetime")).build();
        try {
            List<StacItem> found = new ArrayList<>();
            catalog(catalog).search(req).forEach(i -> {
                found.add(i);
                items.put(key(catalog, collection, i.id()), i);
            });
            return found;
        } catch (StacException e) {
            throw classify("search of catalog " + catalog, e);
        }
    }

    /** An item by id (cached from the search that planned it, else asked of the catalog). */
    @Override
    public StacItem item(String catalog, String collection, String id) {
        StacItem cached = items.get(key(catalog, collection, id));
        if (cached != null) {
            return cached;
        }
        try {
            StacItem item = catalog(catalog).item(collection, id).orElseThrow(() -> new ItemDataException(
                    "item " + id + " is no longer in collection " + collection + " of catalog " + catalog, null));
            items.put(key(catalog, collection, id), item);
            return item;
        } catch (StacException e) {
            throw classify("item " + id + " of catalog " + catalog, e);
        }
    }

    /**
     * A catalog failure: HTTP 408/429/5xx and failures to fetch at all (no status, no field) may pass and are
     * retried; a malformed document or another HTTP status is the item's own (it fails, the partition goes on).
     */
    static RuntimeException classify(String what, StacException e) {
        String message = what + ": " + e.getMessage();
        int s = e.httpStatus();
        boolean transientError = OutboundException.in(e) == null
                && (s == 408 || s == 429 || s >= 500 || (s == -1 && e.field() == null));
        return transientError ? new TransientSourceException(message, e) : new ItemDataException(message, e);
    }

    /**
     * Statistics of {@code index} over {@code aoi} (EPSG:4326) on one scene, or on the day mosaic of several
     * (see {@link SceneStatistics#computeMosaic}).
     */
    @Override
    public IndexStatistics statistics(String catalog, String collection, List<String> sceneIds, Geometry aoi,
                                      SpectralIndex index, CloudMask mask) {
        return statistics(catalog, collection, sceneIds, aoi, index, mask, Weighting.CENTRE);
    }

    /** As {@link #statistics(String, String, List, Geometry, SpectralIndex, CloudMask)}, pixels weighted so. */
    public IndexStatistics statistics(String catalog, String collection, List<String> sceneIds, Geometry aoi,
                                      SpectralIndex index, CloudMask mask, Weighting weighting) {
        try (OpenedScenes opened = new OpenedScenes(policy(catalog))) {
            List<SceneInput> scenes = new ArrayList<>();
            for (String id : sceneIds) {
                scenes.add(opened.open(item(catalog, collection, id), index.bands()));
            }
            return scenes.size() == 1 ? SceneStatistics.compute(scenes.get(0), aoi, index, mask, weighting)
                    : SceneStatistics.computeMosaic(scenes, aoi, index, mask, weighting);
        } catch (IOException e) {
            throw classify("scene(s) " + sceneIds, e);
        }
    }



    /**
     * HTTP 408/429/5xx, timeouts, refused connections and a host's throttle busy past {@code max-wait-s} (a
     * {@link TransientSourceException} in the causes) may pass: retry. Anything else is the item's own. Public for
     * the jobs that read scenes themselves (aoi-timelapse renders images).
     */
    public static RuntimeException classify(String what, IOException e) {
        if (OutboundException.in(e) != null) { // refused or too large: the same again on a retry
            return new ItemDataException(what + ": " + e.getMessage(), e);
        }
        Throwable t = e;
        while (t != null) {
            if (t instanceof HttpStatusException h) {
                int s = h.status();
                return s == 408 || s == 429 || s >= 500
                        ? new TransientSourceException(what + ": " + e.getMessage(), e)
                        : new ItemDataException(what + ": " + e.getMessage(), e);
            }
            if (t instanceof TransientSourceException) { // e.g. the host's throttle was busy past max-wait-s
                return new TransientSourceException(what + ": " + e.getMessage(), e);
            }
            if (t instanceof ConnectException || t instanceof HttpTimeoutException
                    || t instanceof InterruptedIOException || t instanceof java.net.SocketException) {
                return new TransientSourceException(what + ": " + e.getMessage(), e);
            }
            t = t.getCause();
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("connection refused") || m.contains("timed out")) {
            return new TransientSourceException(what + ": " + m, e);
        }
        return new ItemDataException(what + ": " + m, e);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The chunk retries transient failures; pixel counts; both kinds of image; range reads of ~150 ms. */
    @Override
    public io.eobatch.provider.Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Optional<io.eobatch.provider.SceneSource> scenes() {
        return Optional.of(this);
    }

    @Override
    public String where(String catalog) {
        return "in catalog " + catalog;
    }

    @Override
    public <T> T withOpenScenes(String what, ScenesWork<T> work) {
        Map<String, OpenedScenes> byCatalog = new ConcurrentHashMap<>();
        try {
            return work.run((catalog, collection, id, bands) -> byCatalog
                    .computeIfAbsent(catalog, c -> new OpenedScenes(policy(c))).open(item(catalog, collection, id), bands));
        } catch (IOException e) {
            throw classify(what, e);
        } finally {
            byCatalog.values().forEach(OpenedScenes::close);
        }
    }

    /** Scenes read: the stac provider pays nothing per call, the budget counts scenes. */
    @Override
    public String costUnit() {
        return "scenes";
    }

    @Override
    public ItemGranularity granularity() {
        return io.eobatch.provider.Providers.granularity(NAME);
    }

    @Override
    public List<io.eobatch.provider.SceneRef> search(io.eobatch.provider.SceneSearch s) {
        return search(s.catalog(), s.collection(), s.aoi(), s.from(), s.to(), s.maxCloudCover()).stream()
                .map(i -> new io.eobatch.provider.SceneRef(i.id(), i.datetime(), i.cloudCover())).toList();
    }

    @Override
    public double statisticsCost(io.eobatch.provider.StatisticsQuery q) {
        return q.sceneIds().size();
    }

    @Override
    public io.eobatch.provider.ItemStatistics statistics(io.eobatch.provider.StatisticsQuery q) {
        return io.eobatch.provider.ItemStatistics.of(statistics(q.catalog(), q.collection(), q.sceneIds(), q.aoi(),
                q.index(), CloudMask.DEFAULT, q.weighting()));
    }

    /** Scenes read, as {@link #statisticsCost}. */
    @Override
    public double imageCost(ImageQuery q) {
        return q.sceneIds().size();
    }

    /**
     * The PNG of the query's scenes over its AOI (see the class comment): on the native grid for a 0x0 query, else
     * resized to width x height by nearest neighbour. A query without scenes, or whose scenes hold no pixel of the
     * AOI, fails its item.
     */
    @Override
    public byte[] image(ImageQuery q) {
        String what = "stac image of AOI " + q.aoiId() + " on scene(s) " + q.sceneIds() + " of catalog " + q.catalog();
        if (q.sceneIds().isEmpty()) {
            throw new ItemDataException(what + ": no scene given (the stac provider draws the scenes the caller chose)",
                    null);
        }
        // the pixels are those of an index's grid (its first band, 10 m for Sentinel-2); true colour uses NDVI's
        SpectralIndex grid = q.trueColour() ? SpectralIndex.NDVI : q.index();
        Set<Band> bands = EnumSet.copyOf(grid.bands());
        if (q.trueColour()) {
            bands.addAll(List.of(Band.RED, Band.GREEN, Band.BLUE));
        }
        List<GridGeometry> grids = new ArrayList<>();
        List<BufferedImage> images = new ArrayList<>();
        try (OpenedScenes opened = new OpenedScenes(policy(q.catalog()))) {
            for (String id : q.sceneIds()) {
                SceneInput scene = opened.open(item(q.catalog(), q.collection(), id), bands);
                Optional<SceneRender> r = SceneRender.render(scene, q.aoi(), grid, CloudMask.DEFAULT, q.trueColour());
                if (r.isPresent()) {
                    grids.add(r.get().grid());
                    images.add(q.trueColour() ? r.get().trueColourImage(TrueColour.defaults(), false)
                            : r.get().indexImage(q.colours()));
                }
            }
        } catch (IOException e) {
            throw classify(what, e);
        }
        if (images.isEmpty()) {
            throw new ItemDataException(what + ": no scene holds a pixel of the AOI", null);
        }
        BufferedImage img = GridImages.mosaic(grids, images);
        if (!q.nativeSize()) {
            img = GridImages.resize(img, q.width(), q.height());
        }
        try {
            return PngWriter.encode(img);
        } catch (IOException e) {
            throw new ItemDataException(what + ": PNG encoding failed: " + e.getMessage(), e);
        }
    }

    private static String key(String catalog, String collection, String id) {
        return catalog + '\u0000' + collection + '\u0000' + id;
    }
}
