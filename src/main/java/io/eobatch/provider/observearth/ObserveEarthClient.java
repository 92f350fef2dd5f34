package io.eobatch.provider.observearth;

import io.eobatch.provider.ItemDataException;
import io.eobatch.provider.http.ProviderCall;
import io.eobatch.provider.http.ProviderHttp;
import io.eobatch.provider.http.ProviderHttpException;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.stac.GeoJson;
import io.eobatch.stac.StacException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import io.eobatch.results.JsonValues;

/**
 * A client of one ObservEarth account: the four endpoints the ObservEarth "Batch Processing" tutorial uses, with the
 * API key in the {@code X-API-Key} header of every request.
 *
 * <p>Sources of the request and answer shapes (there is no OpenAPI description; what is not in them is marked as a
 * guess where it is read):
 * <ul>
 *   <li>geometry registration and listing, {@code POST} / {@code GET /api/geometry/}: ObservEarth's "Geometry API
 *       Documentation" page: request {@code {"name", "geometry": <GeoJSON Polygon>}}, answer 201 with a GeoJSON
 *       Feature whose {@code properties.id} is a UUID; the list is a FeatureCollection. The batch tutorial reads the
 *       list as {@code {"results": [{"id", "name"}]}} and a public client reads the new id as a top-level {@code id}:
 *       all three shapes are accepted;</li>
 *   <li>scene search, {@code POST /api/s2/search/}: the "Sentinel-2 API Documentation" page: request
 *       {@code {"geometry_id", "start_date", "end_date", "cloud_cover"}} (dates {@code YYYY-MM-DD}, cloud cover a
 *       percentage, 20 when absent), answer {@code {"results": [{"id", "date", "cloud_cover", "platform"}], "count"}};</li>
 *   <li>statistics, {@code POST /api/s2/stats/}: request as the search plus {@code "index": "ndvi"} (the batch
 *       tutorial's payload), answer {@code {"results": [{"date", "mean_value", ..}]}}: the tutorial reads only
 *       {@code date} and {@code mean_value}; the other fields of {@link ObserveEarthStatistics} are guesses, read when
 *       present;</li>
 *   <li>image, {@code GET /api/s2/image/{geometry_id}?item_id=..&image_type=png&index=ndvi}: not in the pages above;
 *       taken from a public Python client of the API (the image bytes are the body).</li>
 * </ul>
 *
 * <p>Every request runs through the {@link ProviderCall} (cost 0: ObservEarth publishes no unit, the throttle counts
 * the request). An error status is a {@link ProviderHttpException} (401 missing key, 403 invalid key, 404 unknown
 * geometry, 429 rate limit with its raw {@code Retry-After}), an I/O failure a
 * {@link io.eobatch.provider.TransientSourceException}, a malformed answer an {@link ItemDataException} naming the
 * URL and the field. The API key never appears in a message or a log record. Thread-safe.
 */
public final class ObserveEarthClient {

    public static final String GEOMETRY_PATH = "/api/geometry/";
    public static final String SEARCH_PATH = "/api/s2/search/";
    public static final String STATS_PATH = "/api/s2/stats/";
    public static final String IMAGE_PATH = "/api/s2/image/";
    /** The cloud cover sent when the caller sets no limit (the API's own default is 20). */
    public static final double NO_CLOUD_LIMIT = 100;
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final ObserveEarthConfig config;
    private final ProviderCall calls;
    private final ProviderHttp http;

    /**
     * @param calls the wrapper every request runs through (the throttle), {@link ProviderCall#DIRECT} for none
     */
    public ObserveEarthClient(ObserveEarthConfig config, ProviderCall calls) {
        this.config = Objects.requireNonNull(config, "config");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.http = new ProviderHttp("observearth", config.connectTimeout(), config.timeout(), () -> List.of(config.apiKey()));
    }

    public ObserveEarthConfig config() {
        return config;
    }

    /** The name ObservEarth uses for {@code index} ("ndvi", "ndwi", "evi"). */
    public static String indexName(SpectralIndex index) {
        return index.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Registers {@code aoi} (EPSG:4326, a Polygon) under {@code name}: {@code POST /api/geometry/}. Returns the new
     * geometry's id.
     */
    public String registerGeometry(String name, Geometry aoi) {
        Objects.requireNonNull(name, "name");
        URI url = config.endpoint(GEOMETRY_PATH);
        JsonObject body = JsonValues.JSON.createObjectBuilder().add("name", name).add("geometry", GeoJson.write(aoi)).build();
        JsonObject answer = json("POST", url, body);
        String id = id(answer);
        if (id == null) {
            throw new ItemDataException("POST " + url + ": field 'properties.id' (or 'id') missing or not a string", null);
        }
        return id;
    }

    /** The account's geometries: {@code GET /api/geometry/} (a FeatureCollection, or {@code {"results": [..]}}). */
    public List<ObserveEarthGeometry> geometries() {
        URI url = config.endpoint(GEOMETRY_PATH);
        JsonObject answer = json("GET", url, null);
        String field = answer.containsKey("features") ? "features" : "results";
        JsonArray list = array(answer, field, url);
        List<ObserveEarthGeometry> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String path = field + "[" + i + "]";
            JsonObject o = object(list.get(i), url, path);
            String id = id(o);
            if (id == null) {
                throw new ItemDataException("GET " + url + ": field '" + path + ".properties.id' (or '.id') missing", null);
            }
            JsonObject props = o.get("properties") instanceof JsonObject p ? p : o;
            String name = props.get("name") instanceof JsonString s ? s.getString() : null;
            Geometry g = null;
            if (o.get("geometry") instanceof JsonObject go) {
                try {
                    g = GeoJson.read(go, url, path + ".geometry");
                } catch (StacException e) {
                    throw new ItemDataException("GET " + e.getMessage(), e);
                }
            }
            out.add(new ObserveEarthGeometry(id, name, g));
        }
        return out;
    }

    /**
     * Sentinel-2 scenes over a registered geometry: {@code POST /api/s2/search/}.
     *
     * @param maxCloudCover percent, or null for no limit (sent as {@value #NO_CLOUD_LIMIT})
     */
    public List<ObserveEarthScene> search(String geometryId, LocalDate from, LocalDate to, Double maxCloudCover) {
        URI url = config.endpoint(SEARCH_PATH);
        JsonObject answer = json("POST", url, query(geometryId, from, to, maxCloudCover, null));
        JsonArray results = array(answer, "results", url);
        List<ObserveEarthScene> out = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            String path = "results[" + i + "]";
            JsonObject o = object(results.get(i), url, path);
            out.add(new ObserveEarthScene(string(o, "id", url, path), date(o, url, path),
                    optNumber(o, "cloud_cover", url, path), o.get("platform") instanceof JsonString p ? p.getString() : null, o));
        }
        return out;
    }

    /**
     * Index statistics per date over a registered geometry: {@code POST /api/s2/stats/}.
     *
     * @param maxCloudCover percent, or null for no limit (sent as {@value #NO_CLOUD_LIMIT})
     */
    public List<ObserveEarthStatistics> stats(String geometryId, LocalDate from, LocalDate to, Double maxCloudCover,
                                              SpectralIndex index) {
        Objects.requireNonNull(index, "index");
        URI url = config.endpoint(STATS_PATH);
        JsonObject answer = json("POST", url, query(geometryId, from, to, maxCloudCover, indexName(index)));
        JsonArray results = array(answer, "results", url);
        List<ObserveEarthStatistics> out = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            String path = "results[" + i + "]";
            JsonObject o = object(results.get(i), url, path);
            double mean = optNumber(o, "mean_value", url, path);
            if (!o.containsKey("mean_value")) {
                throw new ItemDataException("POST " + url + ": field '" + path + ".mean_value' missing", null);
            }
            out.add(new ObserveEarthStatistics(date(o, url, path), mean, optNumber(o, "min_value", url, path),
                    optNumber(o, "max_value", url, path), optNumber(o, "std_value", url, path),
                    optNumber(o, "median_value", url, path), optNumber(o, "cloud_cover", url, path), o));
        }
        return out;
    }

    /**
     * An image of a registered geometry on one scene: {@code GET /api/s2/image/{geometry_id}?item_id=..&image_type=..
     * &index=..}. For {@code png} the answer must be a PNG ({@link ItemDataException} otherwise).
     *
     * @param itemId    a scene id from {@link #search}
     * @param index     the index to render
     * @param imageType "png" (or another format the service offers, e.g. "tif")
     */
    public byte[] image(String geometryId, String itemId, SpectralIndex index, String imageType) {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(imageType, "imageType");
        URI url = config.endpoint(IMAGE_PATH + enc(requireId(geometryId)) + "?item_id=" + enc(itemId)
                + "&image_type=" + enc(imageType) + "&index=" + enc(indexName(index)));
        ProviderHttp.Response r = send("GET", url, null, "*/*");
        byte[] body = r.body();
        if ("png".equalsIgnoreCase(imageType)
                && (body.length < PNG_MAGIC.length || !Arrays.equals(body, 0, PNG_MAGIC.length, PNG_MAGIC, 0, PNG_MAGIC.length))) {
            throw new ItemDataException("GET " + ProviderHttp.describe(url) + ": answer is not a PNG (" + body.length
                    + " bytes, Content-Type " + r.header("Content-Type") + ")", null);
        }
        return body;
    }

    private static JsonObject query(String geometryId, LocalDate from, LocalDate to, Double maxCloudCover, String index) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("period ends (" + to + ") before it starts (" + from + ")");
        }
        if (maxCloudCover != null && !(maxCloudCover >= 0 && maxCloudCover <= 100)) {
            throw new IllegalArgumentException("maxCloudCover must be within [0, 100] percent: " + maxCloudCover);
        }
        JsonObjectBuilder b = JsonValues.JSON.createObjectBuilder()
                .add("geometry_id", requireId(geometryId))
                .add("start_date", from.toString())
                .add("end_date", to.toString())
                .add("cloud_cover", maxCloudCover == null ? NO_CLOUD_LIMIT : maxCloudCover);
        if (index != null) {
            b.add("index", index);
        }
        return b.build();
    }

    private static String requireId(String geometryId) {
        if (geometryId == null || geometryId.isBlank()) {
            throw new IllegalArgumentException("geometry id is empty");
        }
        return geometryId;
    }

    private JsonObject json(String method, URI url, JsonObject body) {
        return http.json(send(method, url, body, "application/json"));
    }

    private ProviderHttp.Response send(String method, URI url, JsonObject body, String accept) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-API-Key", config.apiKey());
        headers.put("Accept", accept);
        byte[] bytes = null;
        if (body != null) {
            headers.put("Content-Type", "application/json");
            bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        }
        byte[] payload = bytes;
        return calls.run(0, () -> http.send(method, url, headers, payload));
    }

    /** {@code properties.id} of a Feature, else a top-level {@code id} (string or number), else null. */
    private static String id(JsonObject o) {
        if (o.get("properties") instanceof JsonObject p) {
            String id = idValue(p.get("id"));
            if (id != null) {
                return id;
            }
        }
        return idValue(o.get("id"));
    }

    private static String idValue(JsonValue v) {
        if (v instanceof JsonString s && !s.getString().isBlank()) {
            return s.getString();
        }
        if (v instanceof JsonNumber n) {
            return n.toString();
        }
        return null;
    }

    private static JsonArray array(JsonObject o, String key, URI url) {
        if (o.get(key) instanceof JsonArray a) {
            return a;
        }
        throw new ItemDataException(ProviderHttp.describe(url) + ": field '" + key + "' missing or not an array", null);
    }

    private static JsonObject object(JsonValue v, URI url, String path) {
        if (v instanceof JsonObject o) {
            return o;
        }
        throw new ItemDataException(ProviderHttp.describe(url) + ": field '" + path + "' is not an object", null);
    }

    private static String string(JsonObject o, String key, URI url, String path) {
        if (o.get(key) instanceof JsonString s && !s.getString().isBlank()) {
            return s.getString();
        }
        throw new ItemDataException(ProviderHttp.describe(url) + ": field '" + path + "." + key + "' missing or not a string", null);
    }

    private static LocalDate date(JsonObject o, URI url, String path) {
        String s = string(o, "date", url, path);
        try {
            // "2023-01-05", or a timestamp starting with the date
            return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
        } catch (DateTimeParseException e) {
            throw new ItemDataException(ProviderHttp.describe(url) + ": field '" + path + ".date' is not a date: \"" + s + "\"", e);
        }
    }

    private static double optNumber(JsonObject o, String key, URI url, String path) {
        JsonValue v = o.get(key);
        if (v == null || v == JsonValue.NULL) {
            return Double.NaN;
        }
        if (v instanceof JsonNumber n) {
            return n.doubleValue();
        }
        if (v instanceof JsonString s && s.getString().equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        throw new ItemDataException(ProviderHttp.describe(url) + ": field '" + path + "." + key + "' is not a number: " + v, null);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ObserveEarthClient[" + config + "]";
    }
}
