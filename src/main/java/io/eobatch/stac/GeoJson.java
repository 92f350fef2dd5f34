package io.eobatch.stac;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import io.eobatch.results.JsonValues;

/**
 * GeoJSON (RFC 7946) geometries to and from JTS, over JSON-P. Coordinates are lon/lat (x = longitude, y = latitude)
 * in EPSG:4326; a third (height) ordinate is read and dropped. Geometries get SRID 4326.
 *
 * <p>Written by hand rather than with {@code jts-io-common}'s {@code GeoJsonReader} because we already hold the
 * document as a JSON-P tree (items, search bodies), and this way a malformed geometry is reported with the document
 * URL and the JSON path of the bad member instead of a bare parse error. All seven geometry types are supported;
 * rings must be closed and have at least four positions (no silent repair). Anti-meridian crossing geometries are
 * taken as given (RFC 7946 asks producers to split them).
 */
public final class GeoJson {

    /** The factory of every geometry made here: floating precision, SRID 4326. */
    public static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private GeoJson() {
    }

    /** Reads a GeoJSON geometry object (or a Feature: its geometry); errors name the member path from "geometry". */
    public static Geometry read(JsonObject geojson) {
        return read(geojson, null, "geometry");
    }

    /**
     * Reads a GeoJSON geometry object, or a Feature's geometry; a null Feature geometry gives null.
     *
     * @param url   the document URL, for error messages (may be null)
     * @param field the JSON path of {@code geojson} in the document, for error messages
     */
    public static Geometry read(JsonObject geojson, URI url, String field) {
        String type = JsonFields.requireString(geojson, "type", url, field);
        if ("Feature".equals(type)) {
            JsonObject g = JsonFields.optObject(geojson, "geometry", url, field);
            return g == null ? null : read(g, url, JsonFields.join(field, "geometry"));
        }
        if ("GeometryCollection".equals(type)) {
            JsonArray members = JsonFields.optArray(geojson, "geometries", url, field);
            if (members == null) {
                throw new StacException(url, JsonFields.join(field, "geometries"), "missing");
            }
            Geometry[] parts = new Geometry[members.size()];
            for (int i = 0; i < parts.length; i++) {
                String f = JsonFields.join(field, "geometries") + "[" + i + "]";
                parts[i] = read(JsonFields.objectAt(members, i, url, JsonFields.join(field, "geometries")), url, f);
            }
            return WGS84.createGeometryCollection(parts);
        }
        String cf = JsonFields.join(field, "coordinates");
        JsonArray c = JsonFields.optArray(geojson, "coordinates", url, field);
        if (c == null) {
            throw new StacException(url, cf, "missing");
        }
        switch (type) {
            case "Point":
                return WGS84.createPoint(position(c, url, cf));
            case "MultiPoint":
                return WGS84.createMultiPointFromCoords(positions(c, url, cf, 0));
            case "LineString":
                return WGS84.createLineString(positions(c, url, cf, 2));
            case "MultiLineString": {
                LineString[] lines = new LineString[c.size()];
                for (int i = 0; i < lines.length; i++) {
                    lines[i] = WGS84.createLineString(positions(array(c, i, url, cf), url, cf + "[" + i + "]", 2));
                }
                return WGS84.createMultiLineString(lines);
            }
            case "Polygon":
                return polygon(c, url, cf);
            case "MultiPolygon": {
                Polygon[] polygons = new Polygon[c.size()];
                for (int i = 0; i < polygons.length; i++) {
                    polygons[i] = polygon(array(c, i, url, cf), url, cf + "[" + i + "]");
                }
                return WGS84.createMultiPolygon(polygons);
            }
            default:
                throw new StacException(url, JsonFields.join(field, "type"), "unknown GeoJSON geometry type \"" + type + "\"");
        }
    }

    private static Polygon polygon(JsonArray rings, URI url, String field) {
        if (rings.isEmpty()) {
            return WGS84.createPolygon();
        }
        LinearRing shell = ring(array(rings, 0, url, field), url, field + "[0]");
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(array(rings, i, url, field), url, field + "[" + i + "]");
        }
        return WGS84.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonArray positions, URI url, String field) {
        Coordinate[] cs = positions(positions, url, field, 4);
        if (!cs[0].equals2D(cs[cs.length - 1])) {
            throw new StacException(url, field, "linear ring is not closed (first position differs from last)");
        }
        return WGS84.createLinearRing(cs);
    }

    private static JsonArray array(JsonArray parent, int i, URI url, String field) {
        JsonValue v = parent.get(i);
        if (v instanceof JsonArray a) {
            return a;
        }
        throw new StacException(url, field + "[" + i + "]", "expected an array, found " + JsonFields.describe(v));
    }

    private static Coordinate[] positions(JsonArray a, URI url, String field, int min) {
        if (a.size() < min) {
            throw new StacException(url, field, "needs at least " + min + " positions, has " + a.size());
        }
        Coordinate[] cs = new Coordinate[a.size()];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = position(array(a, i, url, field), url, field + "[" + i + "]");
        }
        return cs;
    }

    private static Coordinate position(JsonArray p, URI url, String field) {
        if (p.size() < 2) {
            throw new StacException(url, field, "a position needs at least 2 numbers, has " + p.size());
        }
        double x = number(p.get(0), url, field + "[0]");
        double y = number(p.get(1), url, field + "[1]");
        return new Coordinate(x, y);
    }

    private static double number(JsonValue v, URI url, String field) {
        if (v instanceof JsonNumber n) {
            double d = n.doubleValue();
            if (Double.isFinite(d)) {
                return d;
            }
        }
        throw new StacException(url, field, "expected a finite number, found " + JsonFields.describe(v));
    }

    /** Writes a JTS geometry (lon/lat) as a GeoJSON geometry object. Empty geometries are rejected. */
    public static JsonObject write(Geometry g) {
        if (g == null || g.isEmpty()) {
            throw new IllegalArgumentException("cannot write an empty or null geometry as GeoJSON");
        }
        if (g instanceof Point p) {
            return geometry("Point", position(p.getCoordinate()));
        }
        if (g instanceof LineString l) {
            return geometry("LineString", positions(l.getCoordinates()));
        }
        if (g instanceof Polygon p) {
            return geometry("Polygon", rings(p));
        }
        if (g instanceof MultiPoint mp) {
            return geometry("MultiPoint", positions(mp.getCoordinates()));
        }
        if (g instanceof MultiLineString ml) {
            JsonArrayBuilder b = JsonValues.JSON.createArrayBuilder();
            for (int i = 0; i < ml.getNumGeometries(); i++) {
                b.add(positions(ml.getGeometryN(i).getCoordinates()));
            }
            return geometry("MultiLineString", b.build());
        }
        if (g instanceof MultiPolygon mp) {
            JsonArrayBuilder b = JsonValues.JSON.createArrayBuilder();
            for (int i = 0; i < mp.getNumGeometries(); i++) {
                b.add(rings((Polygon) mp.getGeometryN(i)));
            }
            return geometry("MultiPolygon", b.build());
        }
        if (g instanceof GeometryCollection gc) {
            JsonArrayBuilder b = JsonValues.JSON.createArrayBuilder();
            for (int i = 0; i < gc.getNumGeometries(); i++) {
                b.add(write(gc.getGeometryN(i)));
            }
            return JsonValues.JSON.createObjectBuilder().add("type", "GeometryCollection").add("geometries", b).build();
        }
        throw new IllegalArgumentException("unsupported geometry type " + g.getGeometryType());
    }

    private static JsonObject geometry(String type, JsonArray coordinates) {
        return JsonValues.JSON.createObjectBuilder().add("type", type).add("coordinates", coordinates).build();
    }

    private static JsonArray rings(Polygon p) {
        JsonArrayBuilder b = JsonValues.JSON.createArrayBuilder().add(positions(p.getExteriorRing().getCoordinates()));
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            b.add(positions(p.getInteriorRingN(i).getCoordinates()));
        }
        return b.build();
    }

    private static JsonArray positions(Coordinate[] cs) {
        JsonArrayBuilder b = JsonValues.JSON.createArrayBuilder();
        for (Coordinate c : cs) {
            b.add(position(c));
        }
        return b.build();
    }

    private static JsonArray position(Coordinate c) {
        return JsonValues.JSON.createArrayBuilder().add(c.x).add(c.y).build();
    }
}
