package io.eobatch.aoi;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import io.eobatch.results.JsonValues;


/**
 * AOI geometries: built from rings of positions with every check an upload needs, validated with JTS, and
 * written to / read from GeoJSON geometry objects (RFC 7946: x = longitude, y = latitude, degrees).
 *
 * <p>Why by hand rather than {@code jts-io-common}'s {@code GeoJsonReader}: that reader drops feature properties
 * (ids, names), pulls in json-simple, and closes or pads bad rings or fails without saying which position is
 * wrong. Here every refusal names the position in GeoJSON terms ({@code coordinates[1][0][3]}), and the same
 * checks serve the GeoPackage reader (whose WKB parser, like JTS's, would silently close unclosed rings).
 *
 * <p>Checks, in order, for each ring: positions are finite numbers; longitude in [-180, 180] and latitude in
 * [-90, 90] (when the coordinates are lon/lat); at least 4 positions; closed (last = first). Then the polygon
 * as a whole with {@link IsValidOp} (self-intersections, holes outside the shell, overlapping parts of a
 * MultiPolygon...), and a positive area. Z values are dropped. Ring orientation is not checked (RFC 7946 §3.1.6
 * asks parsers not to refuse either winding). Geometries crossing the anti-meridian must be split into a
 * MultiPolygon (RFC 7946 §3.1.9); a polygon wider than 180° of longitude is refused, as it is almost surely an
 * unsplit one.
 */
public final class AoiGeometries {

    /** Factory of every AOI geometry: double precision, SRID 4326. */
    public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), Aoi.SRID);

    /** The one JSON-P provider ({@link JsonValues#JSON}: why it is looked up once). */
    static final JsonProvider JSON = JsonValues.JSON;

    private AoiGeometries() {
    }

    /**
     * A polygon from its rings (the first is the shell, the others holes), each an array of positions
     * {@code {x, y[, z...]}}, with the ring checks above (not {@link IsValidOp}: see {@link #validate}).
     *
     * @param path   where the rings are in the request, e.g. {@code "coordinates"} or {@code "coordinates[2]"}
     * @param lonLat whether to check coordinate ranges (false for projected coordinates still to be reprojected)
     */
    public static Polygon polygon(List<double[][]> rings, String path, boolean lonLat) {
        if (rings.isEmpty()) {
            throw new InvalidGeometryException(path + ": the polygon is empty (no rings)");
        }
        LinearRing shell = null;
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int r = 0; r < rings.size(); r++) {
            LinearRing ring = ring(rings.get(r), path + "[" + r + "]", lonLat);
            if (r == 0) {
                shell = ring;
            } else {
                holes[r - 1] = ring;
            }
        }
        return FACTORY.createPolygon(shell, holes);
    }

    /** A MultiPolygon of {@code polygons}, each already checked by {@link #polygon}. */
    public static MultiPolygon multiPolygon(List<Polygon> polygons, String path) {
        if (polygons.isEmpty()) {
            throw new InvalidGeometryException(path + ": the MultiPolygon is empty (no polygons)");
        }
        return FACTORY.createMultiPolygon(polygons.toArray(Polygon[]::new));
    }

    private static LinearRing ring(double[][] positions, String path, boolean lonLat) {
        for (int p = 0; p < positions.length; p++) {
            double[] xy = positions[p];
            String at = path + "[" + p + "]";
            if (xy.length < 2) {
                throw new InvalidGeometryException(at + ": a position needs at least 2 numbers (longitude, latitude)");
            }
            if (!Double.isFinite(xy[0]) || !Double.isFinite(xy[1])) {
                throw new InvalidGeometryException(at + ": the coordinates are not finite numbers (" + xy[0] + ", "
                        + xy[1] + ")");
            }
            if (lonLat) {
                String range = rangeProblem(xy[0], xy[1]);
                if (range != null) {
                    throw new InvalidGeometryException(at + ": " + range);
                }
            }
        }
        if (positions.length == 0) {
            throw new InvalidGeometryException(path + ": the ring is empty");
        }
        if (positions.length < 4) {
            throw new InvalidGeometryException(path + ": the ring has " + positions.length
                    + " positions; a linear ring needs at least 4 (the last one repeating the first)");
        }
        double[] first = positions[0];
        double[] last = positions[positions.length - 1];
        if (first[0] != last[0] || first[1] != last[1]) {
            throw new InvalidGeometryException(path + ": the ring is not closed: its last position " + xy(last)
                    + " differs from its first " + xy(first));
        }
        Coordinate[] coordinates = new Coordinate[positions.length];
        for (int p = 0; p < positions.length; p++) {
            coordinates[p] = new Coordinate(positions[p][0], positions[p][1]);
        }
        return FACTORY.createLinearRing(coordinates);
    }

    /** Why (lon, lat) is out of range, or {@code null}. */
    static String rangeProblem(double lon, double lat) {
        if (lon < -180 || lon > 180) {
            return "longitude " + lon + " is outside [-180, 180] (GeoJSON positions are longitude, latitude)";
        }
        if (lat < -90 || lat > 90) {
            return "latitude " + lat + " is outside [-90, 90] (GeoJSON positions are longitude, latitude)";
        }
        return null;
    }

    /**
     * Checks a built geometry as a whole: Polygon or MultiPolygon, not empty, lon/lat in range, valid for JTS,
     * positive area, not wider than 180° of longitude.
     *
     * @throws InvalidGeometryException saying why, with the location JTS reports
     */
    public static void validate(Geometry g) {
        if (!(g instanceof Polygon || g instanceof MultiPolygon)) {
            throw new InvalidGeometryException("a " + g.getGeometryType()
                    + " is not an area: AOIs are Polygon or MultiPolygon");
        }
        if (g.isEmpty()) {
            throw new InvalidGeometryException("the geometry is empty");
        }
        for (int i = 0; i < g.getNumGeometries(); i++) {
            if (g.getGeometryN(i).isEmpty()) {
                throw new InvalidGeometryException("coordinates[" + i + "]: the polygon is empty");
            }
        }
        for (Coordinate c : g.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) {
                throw new InvalidGeometryException("the coordinates " + xy(c) + " are not finite numbers");
            }
            String range = rangeProblem(c.x, c.y);
            if (range != null) {
                throw new InvalidGeometryException(xy(c) + ": " + range);
            }
        }
        TopologyValidationError error = new IsValidOp(g).getValidationError();
        if (error != null) {
            Coordinate at = error.getCoordinate();
            throw new InvalidGeometryException("invalid " + g.getGeometryType() + ": " + error.getMessage()
                    + (at == null ? "" : " at " + xy(at)));
        }
        if (!(g.getArea() > 0)) {
            throw new InvalidGeometryException("the geometry has no area");
        }
        for (int i = 0; i < g.getNumGeometries(); i++) {
            if (g.getGeometryN(i).getEnvelopeInternal().getWidth() > 180) {
                throw new InvalidGeometryException((g instanceof MultiPolygon ? "coordinates[" + i + "]: " : "")
                        + "the polygon spans more than 180 degrees of longitude; split a polygon crossing the"
                        + " anti-meridian into a MultiPolygon (RFC 7946 section 3.1.9)");
            }
        }
    }

    /** {@code [x, y]} with the numbers as Java prints them (shortest exact form). */
    static String xy(Coordinate c) {
        return "[" + c.x + ", " + c.y + "]";
    }

    static String xy(double[] p) {
        return "[" + p[0] + ", " + p[1] + "]";
    }

    // ---------------------------------------------------------------------------------------------- GeoJSON out

    /** The geometry as a GeoJSON geometry object text (what the {@code aoi.geojson} column holds). */
    public static String toGeoJson(Geometry g) {
        StringWriter out = new StringWriter();
        try (JsonGenerator gen = JSON.createGenerator(out)) {
            write(gen, g);
        }
        return out.toString();
    }

    /** Writes the geometry as a GeoJSON geometry object (a value: inside an object use {@code writeKey} first). */
    public static void write(JsonGenerator gen, Geometry g) {
        gen.writeStartObject();
        if (g instanceof Polygon p) {
            gen.write("type", "Polygon");
            gen.writeKey("coordinates");
            writeRings(gen, p);
        } else if (g instanceof MultiPolygon mp) {
            gen.write("type", "MultiPolygon");
            gen.writeKey("coordinates");
            gen.writeStartArray();
            for (int i = 0; i < mp.getNumGeometries(); i++) {
                writeRings(gen, (Polygon) mp.getGeometryN(i));
            }
            gen.writeEnd();
        } else {
            throw new IllegalArgumentException("not an AOI geometry: " + g.getGeometryType());
        }
        gen.writeEnd();
    }

    private static void writeRings(JsonGenerator gen, Polygon p) {
        gen.writeStartArray();
        writeRing(gen, p.getExteriorRing());
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            writeRing(gen, p.getInteriorRingN(i));
        }
        gen.writeEnd();
    }

    private static void writeRing(JsonGenerator gen, LinearRing ring) {
        gen.writeStartArray();
        for (Coordinate c : ring.getCoordinates()) {
            gen.writeStartArray().write(c.x).write(c.y).writeEnd();
        }
        gen.writeEnd();
    }

    // ----------------------------------------------------------------------------------------------- GeoJSON in

    /**
     * A Polygon or MultiPolygon from a GeoJSON geometry object, with the ring checks of {@link #polygon} and
     * then {@link #validate}. Messages name positions as {@code coordinates[...]}.
     *
     * @throws InvalidGeometryException when the object is not an acceptable AOI geometry
     */
    public static Geometry fromGeoJson(JsonObject geometry) {
        Geometry g = parseGeoJson(geometry);
        validate(g);
        return g;
    }

    /**
     * A geometry from GeoJSON text this class wrote (the stored {@code aoi.geojson}): ring checks only, no
     * {@link IsValidOp} (it was validated when stored).
     */
    public static Geometry fromStoredGeoJson(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return parseGeoJson(reader.readObject());
        }
    }

    /**
     * A Polygon or MultiPolygon from a GeoJSON geometry object with the ring checks of {@link #polygon} only;
     * call {@link #validate} before accepting it.
     */
    public static Geometry parseGeoJson(JsonObject geometry) {
        JsonValue type = geometry.get("type");
        if (!(type instanceof jakarta.json.JsonString)) {
            throw new InvalidGeometryException("type: a geometry needs a string member \"type\"");
        }
        String t = ((jakarta.json.JsonString) type).getString();
        JsonValue coordinates = geometry.get("coordinates");
        switch (t) {
            case "Polygon" -> {
                return polygon(rings(array(coordinates, "coordinates"), "coordinates"), "coordinates", true);
            }
            case "MultiPolygon" -> {
                JsonArray parts = array(coordinates, "coordinates");
                List<Polygon> polygons = new ArrayList<>(parts.size());
                for (int i = 0; i < parts.size(); i++) {
                    String path = "coordinates[" + i + "]";
                    polygons.add(polygon(rings(array(parts.get(i), path), path), path, true));
                }
                return multiPolygon(polygons, "coordinates");
            }
            case "Point", "MultiPoint", "LineString", "MultiLineString", "GeometryCollection" ->
                throw new InvalidGeometryException("a " + t + " is not an area: AOIs are Polygon or MultiPolygon");
            default -> throw new InvalidGeometryException("type: '" + t + "' is not a GeoJSON geometry type");
        }
    }

    private static List<double[][]> rings(JsonArray rings, String path) {
        List<double[][]> out = new ArrayList<>(rings.size());
        for (int r = 0; r < rings.size(); r++) {
            String ringPath = path + "[" + r + "]";
            JsonArray ring = array(rings.get(r), ringPath);
            double[][] positions = new double[ring.size()][];
            for (int p = 0; p < ring.size(); p++) {
                String at = ringPath + "[" + p + "]";
                JsonArray position = array(ring.get(p), at);
                if (position.size() < 2) {
                    throw new InvalidGeometryException(at + ": a position needs at least 2 numbers (longitude,"
                            + " latitude), it has " + position.size());
                }
                double[] xy = new double[2];
                for (int k = 0; k < 2; k++) {
                    if (!(position.get(k) instanceof JsonNumber n)) {
                        throw new InvalidGeometryException(at + "[" + k + "]: not a number: " + position.get(k));
                    }
                    xy[k] = n.doubleValue();
                }
                positions[p] = xy;
            }
            out.add(positions);
        }
        return out;
    }

    private static JsonArray array(JsonValue v, String path) {
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            throw new InvalidGeometryException(path + ": missing (an array is expected)");
        }
        if (!(v instanceof JsonArray a)) {
            throw new InvalidGeometryException(path + ": an array is expected, not " + v.getValueType()
                    .toString().toLowerCase(Locale.ROOT));
        }
        return a;
    }
}
