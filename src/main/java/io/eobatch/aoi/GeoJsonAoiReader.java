package io.eobatch.aoi;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

import org.locationtech.jts.geom.Geometry;

import io.eobatch.aoi.AoiRejectedException.Kind;

/**
 * Reads AOIs from a GeoJSON upload (RFC 7946): a FeatureCollection, a Feature, or a bare Polygon/MultiPolygon.
 *
 * <ul>
 *   <li>id: {@code properties.id}, else the Feature's own {@code id} member; a string or a number; checked by
 *       {@link Aoi#idProblem}. Missing: generated, {@code aoi-} and 12 random hex digits.</li>
 *   <li>name: {@code properties.name} (a string or a number), else the id.</li>
 *   <li>geometry: Polygon or MultiPolygon in lon/lat degrees, checked by {@link AoiGeometries}. A {@code crs}
 *       member (GeoJSON 2008) is accepted only when it names OGC CRS84 or EPSG:4326, taken in lon/lat order.</li>
 * </ul>
 *
 * <p>All or nothing: every feature is checked and every problem collected; the upload is refused with the first
 * one as {@link AoiRejectedException} (400, or 413 for a size limit; the others listed in its facts) or, when the
 * content is fine but an id appears twice, with 409. Nothing is read lazily: the caller stores all or nothing.
 */
public final class GeoJsonAoiReader {

    /** Names of the coordinate reference systems accepted in a {@code crs} member (compared ignoring case). */
    static final Set<String> LON_LAT_CRS = Set.of(
            "urn:ogc:def:crs:ogc:1.3:crs84", "urn:ogc:def:crs:ogc::crs84", "urn:ogc:def:crs:ogc:crs84",
            "http://www.opengis.net/def/crs/ogc/1.3/crs84", "https://www.opengis.net/def/crs/ogc/1.3/crs84",
            "crs84", "ogc:crs84", "urn:ogc:def:crs:epsg::4326", "urn:ogc:def:crs:epsg:4326", "epsg:4326",
            "http://www.opengis.net/def/crs/epsg/0/4326", "https://www.opengis.net/def/crs/epsg/0/4326");

    private final Instant created;
    private final List<Issue> issues = new ArrayList<>();

    private record Issue(Kind kind, String field, String detail, Integer index, String id) {
    }

    /** The size limits of this upload. */
    private final AoiLimits limits;

    private GeoJsonAoiReader(Instant created, AoiLimits limits) {
        this.created = created;
        this.limits = limits;
    }

    /**
     * The AOIs of a GeoJSON body within the default limits ({@link AoiLimits#DEFAULTS}); see
     * {@link #read(byte[], Instant, AoiLimits)}.
     */
    public static List<ParsedAoi> read(byte[] body, Instant created) {
        return read(body, created, AoiLimits.DEFAULTS);
    }

    /**
     * The AOIs of a GeoJSON body (UTF-8, at most {@link AoiLimits#maxBodyBytes()}: the caller enforces it).
     *
     * @param created the creation time given to every AOI
     * @param limits  the most features and geometry characters accepted
     * @throws AoiRejectedException when anything is wrong: nothing of the body is then usable
     */
    public static List<ParsedAoi> read(byte[] body, Instant created, AoiLimits limits) {
        JsonValue root;
        try (var reader = AoiGeometries.JSON.createReader(new ByteArrayInputStream(body))) {
            root = reader.readValue();
        } catch (JsonParsingException e) {
            var at = e.getLocation();
            throw AoiRejectedException.invalid("body", "the body is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")")
                    + ": " + e.getMessage());
        } catch (JsonException e) {
            throw AoiRejectedException.invalid("body", "the body is not valid JSON: " + e.getMessage());
        }
        return read(root, created, limits);
    }

    /** The AOIs of a parsed GeoJSON value within the default limits; see {@link #read(byte[], Instant)}. */
    public static List<ParsedAoi> read(JsonValue root, Instant created) {
        return read(root, created, AoiLimits.DEFAULTS);
    }

    /** The AOIs of a parsed GeoJSON value; see {@link #read(byte[], Instant, AoiLimits)}. */
    public static List<ParsedAoi> read(JsonValue root, Instant created, AoiLimits limits) {
        return new GeoJsonAoiReader(created, limits).readRoot(root);
    }

    private List<ParsedAoi> readRoot(JsonValue root) {
        if (!(root instanceof JsonObject object)) {
            throw AoiRejectedException.invalid("body", "the body is a JSON " + kindOf(root)
                    + ", not a GeoJSON Feature or FeatureCollection");
        }
        String crsProblem = crsProblem(object);
        if (crsProblem != null) {
            throw AoiRejectedException.invalid("crs", crsProblem);
        }
        String type = object.get("type") instanceof JsonString s ? s.getString() : null;
        List<ParsedAoi> aois = new ArrayList<>();
        if ("FeatureCollection".equals(type)) {
            JsonValue features = object.get("features");
            if (!(features instanceof JsonArray array)) {
                throw AoiRejectedException.invalid("features",
                        "a FeatureCollection needs a \"features\" array" + (features == null ? "" : ", not a "
                                + kindOf(features)));
            }
            if (array.isEmpty()) {
                throw AoiRejectedException.invalid("features", "the FeatureCollection has no features");
            }
            if (array.size() > limits.maxFeatures()) {
                throw AoiRejectedException.tooLarge("features", "the FeatureCollection has " + array.size()
                        + " features; at most " + limits.maxFeatures() + " are accepted in one upload (" + AoiLimits.KEY_FEATURES + ")");
            }
            for (int i = 0; i < array.size(); i++) {
                ParsedAoi aoi = feature(array.get(i), "features[" + i + "]", i);
                if (aoi != null) {
                    aois.add(aoi);
                }
            }
        } else if ("Feature".equals(type)) {
            ParsedAoi aoi = feature(object, "feature", null);
            if (aoi != null) {
                aois.add(aoi);
            }
        } else if ("Polygon".equals(type) || "MultiPolygon".equals(type)) {
            String id = generatedId();
            Geometry g = geometry(object, "geometry", null, id);
            if (g != null) {
                aois.add(new ParsedAoi("geometry", new Aoi(id, id, g, created)));
            }
        } else if (type != null && Set.of("Point", "MultiPoint", "LineString", "MultiLineString",
                "GeometryCollection").contains(type)) {
            throw AoiRejectedException.invalid("geometry", "a " + type
                    + " is not an area: AOIs are Polygon or MultiPolygon");
        } else {
            throw AoiRejectedException.invalid("body", (type == null ? "the object has no string \"type\""
                    : "type '" + type + "'") + ": a GeoJSON Feature or FeatureCollection is expected");
        }
        if (!issues.isEmpty()) {
            Issue first = issues.get(0);
            Map<String, Object> facts = new LinkedHashMap<>();
            if (first.index() != null) {
                facts.put("feature", first.index());
            }
            if (first.id() != null) {
                facts.put("id", first.id());
            }
            throw AoiRejectedException.of(first.kind(), issues.stream()
                    .map(i -> new AoiRejectedException.Issue(i.field(), i.detail())).toList(), facts);
        }
        checkUniqueIds(aois);
        return aois;
    }

    /** 409 when two features of the upload have the same id. */
    static void checkUniqueIds(List<ParsedAoi> aois) {
        Map<String, ParsedAoi> seen = new HashMap<>();
        for (ParsedAoi a : aois) {
            ParsedAoi before = seen.putIfAbsent(a.aoi().id(), a);
            if (before != null) {
                throw new AoiRejectedException(Kind.CONFLICT, a.field(), "the id '" + a.aoi().id()
                        + "' is used twice in the upload: by " + before.field() + " and by " + a.field(),
                        Map.of("id", a.aoi().id(), "firstField", before.field()));
            }
        }
    }

    private ParsedAoi feature(JsonValue value, String field, Integer index) {
        if (!(value instanceof JsonObject f)) {
            issue(Kind.INVALID, field, "not a GeoJSON Feature but a JSON " + kindOf(value), index, null);
            return null;
        }
        String type = f.get("type") instanceof JsonString s ? s.getString() : null;
        if (!"Feature".equals(type)) {
            issue(Kind.INVALID, field, "not a GeoJSON Feature: its type is " + (type == null ? "missing"
                    : "'" + type + "'"), index, null);
            return null;
        }
        int before = issues.size();
        JsonValue propertiesValue = f.get("properties");
        JsonObject properties = JsonValue.EMPTY_JSON_OBJECT;
        if (propertiesValue instanceof JsonObject p) {
            properties = p;
        } else if (propertiesValue != null && propertiesValue.getValueType() != JsonValue.ValueType.NULL) {
            issue(Kind.INVALID, field, "properties must be an object or null, not a " + kindOf(propertiesValue),
                    index, null);
        }
        String id = null;
        JsonValue idValue = properties.containsKey("id") ? properties.get("id") : f.get("id");
        String idMember = properties.containsKey("id") ? "properties.id" : "id";
        if (idValue == null || idValue.getValueType() == JsonValue.ValueType.NULL) {
            id = generatedId();
        } else {
            String text = scalar(idValue);
            if (text == null) {
                issue(Kind.INVALID, field, idMember + " must be a string or a number, not a " + kindOf(idValue),
                        index, null);
            } else {
                String problem = Aoi.idProblem(text);
                if (problem != null) {
                    issue(Kind.INVALID, field, idMember + ": " + problem, index, null);
                } else {
                    id = text;
                }
            }
        }
        String name = null;
        JsonValue nameValue = properties.get("name");
        if (nameValue != null && nameValue.getValueType() != JsonValue.ValueType.NULL) {
            name = scalar(nameValue);
            if (name == null) {
                issue(Kind.INVALID, field, "properties.name must be a string or a number, not a "
                        + kindOf(nameValue), index, id);
            } else if (name.length() > Aoi.MAX_NAME_LENGTH) {
                issue(Kind.INVALID, field, "properties.name is longer than " + Aoi.MAX_NAME_LENGTH
                        + " characters", index, id);
            }
        }
        String crsProblem = crsProblem(f);
        if (crsProblem != null) {
            issue(Kind.INVALID, field, crsProblem, index, id);
        }
        JsonValue geometryValue = f.get("geometry");
        Geometry geometry = null;
        if (geometryValue == null || geometryValue.getValueType() == JsonValue.ValueType.NULL) {
            issue(Kind.INVALID, field, "the feature has no geometry (" + (geometryValue == null ? "missing"
                    : "null") + "): an AOI needs a Polygon or MultiPolygon", index, id);
        } else if (!(geometryValue instanceof JsonObject g)) {
            issue(Kind.INVALID, field, "geometry must be an object, not a " + kindOf(geometryValue), index, id);
        } else {
            String geometryCrs = crsProblem(g);
            if (geometryCrs != null) {
                issue(Kind.INVALID, field, "geometry." + geometryCrs, index, id);
            } else {
                geometry = geometry(g, field, index, id);
            }
        }
        if (issues.size() > before || geometry == null) {
            return null;
        }
        return new ParsedAoi(field, new Aoi(id, name, geometry, created));
    }

    /** The checked geometry, or {@code null} after recording why it is refused. */
    private Geometry geometry(JsonObject g, String field, Integer index, String id) {
        try {
            Geometry geometry = AoiGeometries.parseGeoJson(g);
            int chars = AoiGeometries.toGeoJson(geometry).length();
            if (chars > limits.maxGeometryChars()) {
                issue(Kind.TOO_LARGE, field, "the geometry takes " + chars + " characters of GeoJSON; at most "
                        + limits.maxGeometryChars() + " are accepted (" + AoiLimits.KEY_GEOMETRY_CHARS + "; simplify it)", index, id);
                return null;
            }
            AoiGeometries.validate(geometry);
            return geometry;
        } catch (InvalidGeometryException e) {
            String m = e.getMessage();
            issue(Kind.INVALID, field, (m.startsWith("coordinates") || m.startsWith("type") ? "geometry." + m
                    : "geometry: " + m), index, id);
            return null;
        }
    }

    private void issue(Kind kind, String field, String detail, Integer index, String id) {
        String who = id == null ? "" : "AOI '" + id + "': ";
        issues.add(new Issue(kind, field, who + detail, index, id));
    }

    /** Why the {@code crs} member of {@code o} is refused, or {@code null} when absent or lon/lat. */
    static String crsProblem(JsonObject o) {
        JsonValue crs = o.get("crs");
        if (crs == null || crs.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        String name = null;
        if (crs instanceof JsonObject c && c.get("properties") instanceof JsonObject p
                && p.get("name") instanceof JsonString n) {
            name = n.getString();
        }
        if (name != null && LON_LAT_CRS.contains(name.strip().toLowerCase(Locale.ROOT))) {
            return null;
        }
        return "crs " + (name == null ? crs.toString() : "'" + name + "'")
                + " is not supported: AOIs are in OGC CRS84 / EPSG:4326 longitude, latitude (reproject first,"
                + " e.g. ogr2ogr -t_srs EPSG:4326)";
    }

    /** A string as is, a number as written; {@code null} for anything else. */
    private static String scalar(JsonValue v) {
        if (v instanceof JsonString s) {
            return s.getString();
        }
        if (v instanceof JsonNumber n) {
            return n.isIntegral() ? n.bigIntegerValue().toString() : n.toString();
        }
        return null;
    }

    static String kindOf(JsonValue v) {
        return v == null ? "nothing" : v.getValueType().toString().toLowerCase(Locale.ROOT);
    }

    /** A new id: {@code aoi-} and 12 random hex digits (48 bits). */
    public static String generatedId() {
        return "aoi-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
