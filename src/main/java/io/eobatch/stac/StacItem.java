package io.eobatch.stac;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.eobatch.raster.Footprints;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * A parsed STAC item: the fields eobatch uses, typed, plus the raw {@code properties} object for everything else.
 *
 * @param id                 item id (required)
 * @param collection         collection id: the item's {@code collection} member, else the collection document it was
 *                           reached from in a static catalog; may be null
 * @param datetime           {@code properties.datetime}, or {@code start_datetime} when datetime is null (STAC allows
 *                           that for ranges)
 * @param cloudCover         {@code eo:cloud_cover} in percent [0, 100], or null when absent
 * @param epsg               {@code proj:epsg}, or n from {@code proj:code} "EPSG:n"; null when absent
 * @param processingBaseline {@code s2:processing_baseline} such as "05.09", or null
 * @param boaOffsetApplied   {@code earthsearch:boa_offset_applied}; false when absent
 * @param gridCode           {@code grid:code} such as "MGRS-33TWL", or built from {@code mgrs:*} fields; null when
 *                           absent
 * @param bbox               [west, south, east, north] in degrees (EPSG:4326, lon/lat); a 3-D bbox is reduced to 2-D.
 *                           west > east means the box crosses the anti-meridian
 * @param geometry           footprint in EPSG:4326 (x = lon, y = lat), or null when the item has none; shared, do
 *                           not modify
 * @param assets             assets by key, in document order, unmodifiable
 * @param properties         the raw {@code properties} object
 * @param url                the URL the item document was read from (the base of relative hrefs)
 */
public record StacItem(String id, String collection, Instant datetime, Double cloudCover, Integer epsg,
                       String processingBaseline, boolean boaOffsetApplied, String gridCode, double[] bbox,
                       Geometry geometry, Map<String, StacAsset> assets, JsonObject properties, URI url) {

    /** DN offset of Sentinel-2 L2A processing baseline 04.00 and later (reflectance = (DN - 1000) / 10000). */
    public static final int BOA_OFFSET_DN = -1000;

    private static final Pattern BASELINE = Pattern.compile("(\\d+)(?:\\.(\\d+))?");
    private static final Pattern EPSG_CODE = Pattern.compile("EPSG:(\\d+)", Pattern.CASE_INSENSITIVE);

    public StacItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(datetime, "datetime");
        bbox = bbox == null ? null : bbox.clone();
        assets = assets == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(assets));
        properties = properties == null ? JsonValue.EMPTY_JSON_OBJECT : properties;
        if (processingBaseline != null) {
            parseBaseline(processingBaseline, url);
        }
    }

    @Override
    public double[] bbox() {
        return bbox == null ? null : bbox.clone();
    }

    /**
     * The footprint a search tests (EPSG:4326, x = lon, y = lat): the item's geometry, else its bbox as a polygon
     * ({@link Footprints#ofBbox}: split at the anti-meridian), else null.
     */
    public Geometry footprint() {
        return geometry != null ? geometry : bbox != null ? Footprints.ofBbox(bbox) : null;
    }

    public Optional<StacAsset> asset(String key) {
        return Optional.ofNullable(assets.get(key));
    }

    /**
     * The asset under {@code key}, or a {@link StacException} naming the item URL and {@code assets.<key>}.
     */
    public StacAsset requireAsset(String key) {
        StacAsset a = assets.get(key);
        if (a == null) {
            throw new StacException(url, "assets." + key, "missing (item " + id + " has " + assets.keySet() + ")");
        }
        return a;
    }

    /**
     * The DN offset to add to Sentinel-2 L2A reflectance bands before scaling: {@value #BOA_OFFSET_DN} when the
     * processing baseline is 04.00 or later (compared numerically, major then minor) and the provider has not
     * already removed it ({@code earthsearch:boa_offset_applied} false or absent); 0 otherwise, including when the
     * item has no processing baseline (not Sentinel-2 L2A).
     */
    public int boaOffsetDn() {
        if (processingBaseline == null || boaOffsetApplied) {
            return 0;
        }
        int[] mm = parseBaseline(processingBaseline, url);
        return mm[0] >= 4 ? BOA_OFFSET_DN : 0;
    }

    /** The MGRS tile ("33TWL") from {@link #gridCode()} "MGRS-33TWL", or null when the grid is not MGRS. */
    public String mgrsTile() {
        if (gridCode == null || !gridCode.startsWith("MGRS-")) {
            return null;
        }
        return gridCode.substring("MGRS-".length());
    }

    /** The footprint's envelope in degrees (from the geometry, else the bbox), or null when the item has neither. */
    public Envelope envelope() {
        if (geometry != null && !geometry.isEmpty()) {
            return geometry.getEnvelopeInternal();
        }
        return bbox == null ? null : new Envelope(bbox[0], bbox[2], bbox[1], bbox[3]);
    }

    @Override
    public String toString() {
        return "StacItem[" + collection + "/" + id + " " + datetime + " cloud=" + cloudCover + "]";
    }

    private static int[] parseBaseline(String s, URI url) {
        Matcher m = BASELINE.matcher(s.strip());
        if (!m.matches()) {
            throw new StacException(url, "properties.s2:processing_baseline", "not a baseline like \"05.09\": \"" + s + "\"");
        }
        return new int[] {Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2))};
    }

    /**
     * Parses a STAC item document.
     *
     * @param item the item JSON (a GeoJSON Feature)
     * @param url  the URL the document was read from: relative asset hrefs are resolved against it, and errors
     *             name it
     */
    public static StacItem fromJson(JsonObject item, URI url) {
        return parse(item, url, url, "", null);
    }

    /**
     * Parses an item found at JSON path {@code path} of the document at {@code url} (e.g. {@code features[3]} of a
     * search page), resolving relative hrefs against {@code base}.
     */
    static StacItem parse(JsonObject item, URI base, URI url, String path, String fallbackCollection) {
        String type = JsonFields.optString(item, "type", url, path);
        if (!"Feature".equals(type)) {
            throw new StacException(url, JsonFields.join(path, "type"),
                    type == null ? "missing (a STAC item is a GeoJSON Feature)" : "expected \"Feature\", found \"" + type + "\"");
        }
        String id = JsonFields.requireString(item, "id", url, path);
        String pp = JsonFields.join(path, "properties");
        JsonObject props = JsonFields.optObject(item, "properties", url, path);
        if (props == null) {
            throw new StacException(url, pp, "missing");
        }
        Instant datetime = datetime(props, url, pp);

        Geometry geometry = null;
        JsonObject g = JsonFields.optObject(item, "geometry", url, path);
        if (g != null) {
            geometry = GeoJson.read(g, url, JsonFields.join(path, "geometry"));
        }
        double[] bbox = bbox(JsonFields.optDoubles(item, "bbox", url, path), url, JsonFields.join(path, "bbox"));
        if (bbox == null && geometry != null && !geometry.isEmpty()) {
            Envelope e = geometry.getEnvelopeInternal();
            bbox = new double[] {e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()};
        }

        String collection = JsonFields.optString(item, "collection", url, path);
        if (collection == null) {
            collection = fallbackCollection;
        }
        Double cloud = JsonFields.optDouble(props, "eo:cloud_cover", url, pp);
        Integer epsg = JsonFields.optInt(props, "proj:epsg", url, pp);
        if (epsg == null) {
            String code = JsonFields.optString(props, "proj:code", url, pp);
            Matcher m = code == null ? null : EPSG_CODE.matcher(code.strip());
            if (m != null && m.matches()) {
                epsg = Integer.valueOf(m.group(1));
            }
        }
        String baseline = baseline(props, url, pp);
        Boolean applied = JsonFields.optBoolean(props, "earthsearch:boa_offset_applied", url, pp);
        String grid = JsonFields.optString(props, "grid:code", url, pp);
        if (grid == null && !JsonFields.isAbsent(props, "mgrs:utm_zone")) {
            JsonValue zone = props.get("mgrs:utm_zone");
            String band = JsonFields.optString(props, "mgrs:latitude_band", url, pp);
            String square = JsonFields.optString(props, "mgrs:grid_square", url, pp);
            if (band != null && square != null) {
                String z = zone instanceof JsonNumber n ? String.valueOf(n.intValue())
                        : zone instanceof JsonString s ? s.getString() : null;
                grid = z == null ? null : "MGRS-" + (z.length() == 1 ? "0" + z : z) + band + square;
            }
        }

        Map<String, StacAsset> assets = new LinkedHashMap<>();
        JsonObject as = JsonFields.optObject(item, "assets", url, path);
        if (as != null) {
            String ap = JsonFields.join(path, "assets");
            for (Map.Entry<String, JsonValue> e : as.entrySet()) {
                if (!(e.getValue() instanceof JsonObject a)) {
                    throw new StacException(url, ap + "." + e.getKey(), "expected an object, found " + JsonFields.describe(e.getValue()));
                }
                assets.put(e.getKey(), StacAsset.parse(e.getKey(), a, base, url, ap));
            }
        }
        return new StacItem(id, collection, datetime, cloud, epsg, baseline, applied != null && applied, grid, bbox,
                geometry, assets, props, base);
    }

    private static Instant datetime(JsonObject props, URI url, String pp) {
        String dt = JsonFields.optString(props, "datetime", url, pp);
        if (dt != null) {
            return JsonFields.parseInstant(dt, url, pp + ".datetime");
        }
        String start = JsonFields.optString(props, "start_datetime", url, pp);
        if (start != null) {
            return JsonFields.parseInstant(start, url, pp + ".start_datetime");
        }
        throw new StacException(url, pp + ".datetime", "missing (and no start_datetime)");
    }

    private static String baseline(JsonObject props, URI url, String pp) {
        if (JsonFields.isAbsent(props, "s2:processing_baseline")) {
            return null;
        }
        JsonValue v = props.get("s2:processing_baseline");
        String s = v instanceof JsonString js ? js.getString() : v instanceof JsonNumber n ? n.toString() : null;
        if (s == null) {
            throw new StacException(url, pp + ".s2:processing_baseline", "expected a string, found " + JsonFields.describe(v));
        }
        parseBaseline(s, url);
        return s;
    }

    /** Validates a STAC bbox: 4 or 6 finite numbers, south <= north, within [-180, 180] x [-90, 90]. */
    static double[] bbox(double[] b, URI url, String field) {
        if (b == null) {
            return null;
        }
        double[] four;
        if (b.length == 4) {
            four = b;
        } else if (b.length == 6) {
            four = new double[] {b[0], b[1], b[3], b[4]};
        } else {
            throw new StacException(url, field, "expected 4 or 6 numbers, found " + b.length + " " + Arrays.toString(b));
        }
        for (double d : four) {
            if (!Double.isFinite(d)) {
                throw new StacException(url, field, "not finite: " + Arrays.toString(b));
            }
        }
        if (four[1] > four[3]) {
            throw new StacException(url, field, "south " + four[1] + " > north " + four[3]);
        }
        if (Math.abs(four[0]) > 180 || Math.abs(four[2]) > 180 || Math.abs(four[1]) > 90 || Math.abs(four[3]) > 90) {
            throw new StacException(url, field, "outside [-180, 180] x [-90, 90] degrees: " + Arrays.toString(b));
        }
        return four;
    }
}
