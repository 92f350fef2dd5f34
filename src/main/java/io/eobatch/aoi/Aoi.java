package io.eobatch.aoi;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/**
 * An area of interest: a Polygon or MultiPolygon in EPSG:4326, coordinates in the GeoJSON order x = longitude,
 * y = latitude, in degrees.
 *
 * <p>Immutable: the geometry is copied on the way in and on the way out (JTS geometries are mutable), so no
 * caller can change an AOI. Only cheap invariants are checked here (id syntax, name length, geometry type,
 * not empty); validity (closed rings, no self-intersection, coordinate ranges) is checked once when an AOI is
 * uploaded, by {@link AoiGeometries}.
 *
 * @param id       the AOI's id: 1 to {@value #MAX_ID_LENGTH} characters of {@code [A-Za-z0-9._-]}, the first one a
 *                 letter or digit. Ids appear in URLs and file names, hence the rule (no "..", no leading '-' or
 *                 '.', nothing that needs escaping).
 * @param name     a human-readable name, at most {@value #MAX_NAME_LENGTH} characters; {@code null} means the id
 * @param geometry Polygon or MultiPolygon, EPSG:4326 lon/lat degrees, not empty
 * @param created  when the AOI was stored (UTC)
 */
public record Aoi(String id, String name, Geometry geometry, Instant created) {

    /** Longest id: the {@code aoi.id} column is {@code varchar(128)}. */
    public static final int MAX_ID_LENGTH = 128;
    /** Longest name: the {@code aoi.name} column is {@code varchar(512)}. */
    public static final int MAX_NAME_LENGTH = 512;
    /** The EPSG code of every AOI geometry (WGS 84, used in lon/lat order as GeoJSON does). */
    public static final int SRID = 4326;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public Aoi {
        String idProblem = idProblem(id);
        if (idProblem != null) {
            throw new IllegalArgumentException(idProblem);
        }
        if (name == null) {
            name = id;
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("AOI " + id + ": name longer than " + MAX_NAME_LENGTH + " characters");
        }
        Objects.requireNonNull(geometry, "geometry");
        if (!(geometry instanceof Polygon || geometry instanceof MultiPolygon)) {
            throw new IllegalArgumentException("AOI " + id + ": geometry must be a Polygon or MultiPolygon, not "
                    + geometry.getGeometryType());
        }
        if (geometry.isEmpty()) {
            throw new IllegalArgumentException("AOI " + id + ": geometry is empty");
        }
        Objects.requireNonNull(created, "created");
        geometry = copy(geometry);
    }

    /** Why {@code id} is not a valid AOI id, or {@code null} when it is. */
    public static String idProblem(String id) {
        if (id == null || id.isEmpty()) {
            return "the id is empty";
        }
        if (id.length() > MAX_ID_LENGTH) {
            return "the id is longer than " + MAX_ID_LENGTH + " characters";
        }
        if (!ID.matcher(id).matches()) {
            return "the id '" + id + "' has characters other than A-Z a-z 0-9 . _ - or does not start with a letter"
                    + " or digit (ids appear in URLs and file names)";
        }
        return null;
    }

    /** Whether {@code id} is a valid AOI id. */
    public static boolean isValidId(String id) {
        return idProblem(id) == null;
    }

    /** A copy of the geometry (EPSG:4326, lon/lat degrees); changing it does not change this AOI. */
    @Override
    public Geometry geometry() {
        return copy(geometry);
    }

    /** The bounding box in degrees: x = longitude, y = latitude. */
    public Envelope bbox() {
        return new Envelope(geometry.getEnvelopeInternal());
    }

    private static Geometry copy(Geometry g) {
        Geometry c = g.copy();
        c.setSRID(SRID);
        return c;
    }

    @Override
    public String toString() {
        Envelope e = geometry.getEnvelopeInternal();
        return "Aoi[" + id + " '" + name + "' " + geometry.getGeometryType() + " bbox=" + e.getMinX() + ","
                + e.getMinY() + "," + e.getMaxX() + "," + e.getMaxY() + "]";
    }
}
