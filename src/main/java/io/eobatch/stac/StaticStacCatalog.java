package io.eobatch.stac;

import io.eobatch.raster.Footprints;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.TopologyException;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.GeometryFixer;

/**
 * A static STAC catalog: JSON files on disk ({@code file:}) or on any web server ({@code http(s):}), walked from the
 * root through {@code child} links (catalogs, collections) and {@code item} links; relative hrefs are resolved
 * against the URL of the document that holds them. The root may also be a collection, a single item, or an item
 * collection (a FeatureCollection of items).
 *
 * <p>The whole tree is read once, on first use, and kept (documents by URL and parsed items): a static catalog is
 * small enough to hold, and it has no server-side search. Searches then filter in memory with the semantics of a
 * STAC API: collection ids; footprint (item geometry, else its bbox) intersecting the AOI, tested with JTS in
 * degrees; datetime within [from, to]; {@code eo:cloud_cover <= maxCloudCover} (items without it do not match). The
 * result is sorted by the request's sort keys (missing values last), then datetime, then id.
 *
 * <p>Anti-meridian: a search bbox with west > east is split in two; item geometries are used as given.
 */
public final class StaticStacCatalog implements StacCatalog {

    private static final Logger LOG = Logger.getLogger(StaticStacCatalog.class.getName());

    private final URI root;
    private final StacHttp http;
    private final Map<URI, JsonObject> documents = new ConcurrentHashMap<>();
    private volatile Index index;

    /** A catalog rooted at {@code root} (catalog.json, collection.json or an item), fetched with default options. */
    public StaticStacCatalog(URI root) {
        this(root, StacOptions.defaults());
    }

    public StaticStacCatalog(URI root, StacOptions options) {
        this(root, null, new StacHttp(options));
    }

    StaticStacCatalog(URI root, JsonObject rootDocument, StacHttp http) {
        this.root = Objects.requireNonNull(root, "root");
        this.http = http;
        if (rootDocument != null) {
            documents.put(root, rootDocument);
        }
    }

    public URI root() {
        return root;
    }

    /** Every item of the catalog, in the order the links list them. Reads the catalog on first use. */
    public List<StacItem> items() {
        return index().items;
    }

    @Override
    public Iterator<StacItem> iterate(SearchRequest request) {
        Objects.requireNonNull(request, "request");
        Geometry aoi = request.intersects() != null ? request.intersects()
                : request.bbox() != null ? Footprints.ofBbox(request.bbox()) : null;
        PreparedGeometry prepared = aoi == null ? null : PreparedGeometryFactory.prepare(aoi);
        List<StacItem> hits = new ArrayList<>();
        for (StacItem item : index().items) {
            if (matches(item, request, aoi, prepared)) {
                hits.add(item);
            }
        }
        hits.sort(comparator(request.sortby()));
        return Collections.unmodifiableList(hits).iterator();
    }

    @Override
    public Optional<StacItem> item(String collection, String id) {
        return index().items.stream()
                .filter(i -> i.id().equals(id) && (collection == null || collection.equals(i.collection())))
                .findFirst();
    }

    @Override
    public List<String> collections() {
        return index().collections;
    }

    @Override
    public String toString() {
        return "StaticStacCatalog[" + root + "]";
    }

    private static boolean matches(StacItem item, SearchRequest r, Geometry aoi, PreparedGeometry prepared) {
        if (!r.collections().isEmpty() && !r.collections().contains(item.collection())) {
            return false;
        }
        if (!r.matchesDatetime(item.datetime())) {
            return false;
        }
        if (r.maxCloudCover() != null && (item.cloudCover() == null || item.cloudCover() > r.maxCloudCover())) {
            return false;
        }
        return aoi == null || intersects(prepared, aoi, item.footprint());
    }

    /**
     * The spatial test of a search: {@code aoi} (prepared as {@code prepared}) intersects {@code footprint}, tested
     * on the repaired geometries when one is invalid (e.g. self-intersecting); no footprint, no match. Grouped
     * searches filter a cell's scenes per AOI with the same test.
     */
    public static boolean intersects(PreparedGeometry prepared, Geometry aoi, Geometry footprint) {
        if (footprint == null || footprint.isEmpty()) {
            return false;
        }
        try {
            return prepared.intersects(footprint);
        } catch (TopologyException e) {
            return GeometryFixer.fix(aoi).intersects(GeometryFixer.fix(footprint));
        }
    }

    static Comparator<StacItem> comparator(List<SearchRequest.SortBy> keys) {
        Comparator<StacItem> c = (a, b) -> 0;
        for (SearchRequest.SortBy key : keys) {
            Comparator<StacItem> k = (a, b) -> compareValues(sortValue(a, key.field()), sortValue(b, key.field()),
                    key.direction() == SearchRequest.SortBy.Direction.DESC);
            c = c.thenComparing(k);
        }
        return c.thenComparing(StacItem::datetime).thenComparing(StacItem::id);
    }

    private static Comparable<?> sortValue(StacItem item, String field) {
        switch (field) {
            case "id":
                return item.id();
            case "collection":
                return item.collection();
            case "properties.datetime":
            case "datetime":
                return item.datetime();
            default:
                break;
        }
        String name = field.startsWith("properties.") ? field.substring("properties.".length()) : field;
        JsonValue v = item.properties().get(name);
        if (v instanceof JsonNumber n) {
            return n.doubleValue();
        }
        if (v instanceof JsonString s) {
            return s.getString();
        }
        if (v != null && (v.getValueType() == JsonValue.ValueType.TRUE || v.getValueType() == JsonValue.ValueType.FALSE)) {
            return v.getValueType() == JsonValue.ValueType.TRUE;
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Comparable a, Comparable b, boolean descending) {
        if (a == null || b == null) {
            return a == b ? 0 : a == null ? 1 : -1; // missing values last, whatever the direction
        }
        int c = a.getClass() == b.getClass() ? a.compareTo(b) : a.getClass().getName().compareTo(b.getClass().getName());
        return descending ? -c : c;
    }

    private Index index() {
        Index i = index;
        if (i == null) {
            synchronized (this) {
                i = index;
                if (i == null) {
                    long t0 = System.nanoTime();
                    Walk w = new Walk();
                    w.visit(root, null);
                    i = new Index(List.copyOf(w.items), List.copyOf(w.collections));
                    index = i;
                    LOG.fine(() -> String.format("read static STAC catalog %s: %d items, %d documents in %d ms", root,
                            w.items.size(), documents.size(), (System.nanoTime() - t0) / 1_000_000));
                }
            }
        }
        return i;
    }

    /** The cached document at {@code url}, fetched on first use. */
    JsonObject document(URI url) {
        JsonObject d = documents.get(url);
        if (d == null) {
            d = http.get(url);
            documents.put(url, d);
        }
        return d;
    }

    private record Index(List<StacItem> items, List<String> collections) {
    }

    /** One depth-first walk of the link tree; documents already visited (by URL) are skipped. */
    private final class Walk {
        final List<StacItem> items = new ArrayList<>();
        final Set<String> collections = new LinkedHashSet<>();
        final Set<URI> visited = new HashSet<>();
        final Set<String> itemKeys = new HashSet<>();

        void visit(URI url, String collection) {
            if (!visited.add(url.normalize())) {
                return;
            }
            JsonObject doc = document(url);
            String type = JsonFields.optString(doc, "type", url, "");
            if (type == null) {
                throw new StacException(url, "type", "missing (expected Catalog, Collection, Feature or FeatureCollection)");
            }
            switch (type) {
                case "Feature":
                    add(StacItem.parse(doc, url, url, "", collection), visited.size() == 1);
                    return;
                case "FeatureCollection": {
                    JsonArray features = JsonFields.optArray(doc, "features", url, "");
                    if (features == null) {
                        throw new StacException(url, "features", "missing");
                    }
                    for (int i = 0; i < features.size(); i++) {
                        add(StacItem.parse(JsonFields.objectAt(features, i, url, "features"), url, url,
                                "features[" + i + "]", collection), visited.size() == 1);
                    }
                    return;
                }
                case "Collection":
                    collection = JsonFields.requireString(doc, "id", url, "");
                    collections.add(collection);
                    break;
                case "Catalog":
                    JsonFields.requireString(doc, "id", url, "");
                    break;
                default:
                    throw new StacException(url, "type",
                            "\"" + type + "\" is not a STAC Catalog, Collection, Feature or FeatureCollection");
            }
            JsonArray links = JsonFields.optArray(doc, "links", url, "");
            if (links == null) {
                throw new StacException(url, "links", "missing");
            }
            for (int i = 0; i < links.size(); i++) {
                String lp = "links[" + i + "]";
                JsonObject link = JsonFields.objectAt(links, i, url, "links");
                String rel = JsonFields.optString(link, "rel", url, lp);
                if (!"child".equals(rel) && !"item".equals(rel)) {
                    continue;
                }
                String href = JsonFields.requireString(link, "href", url, lp);
                URI target = JsonFields.resolve(url, href, url, lp + ".href");
                if ("item".equals(rel)) {
                    if (visited.add(target.normalize())) {
                        add(StacItem.parse(document(target), target, target, "", collection), false);
                    }
                } else {
                    visit(target, collection);
                }
            }
        }

        /** Adds an item once; {@code atRoot}: the root is a lone item or an item collection, which name no collection. */
        private void add(StacItem item, boolean atRoot) {
            if (itemKeys.add(item.collection() + "\u0000" + item.id())) {
                items.add(item);
                if (atRoot && item.collection() != null) {
                    collections.add(item.collection());
                }
            }
        }
    }
}
